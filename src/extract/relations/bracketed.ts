/** Parts given in a bracket after their total: 12.32万亩（水稻8.28万亩、玉米4.04万亩）. */
import cues from '../../../data/relations.json' with { type: 'json' };
import { alternation } from '../../text/regexp.ts';
import { sameDimension } from '../sum.ts';
import type { Fact } from '../types.ts';
import { isSummable } from './scan.ts';
import type { Stated } from './types.ts';

/** （目标1,200m）, （上年11万亩、…）, （按每户0.18万元标准）: a bracket that compares or qualifies. */
const NOT_PARTS = new RegExp(alternation(cues.notPartsInBrackets));
const MAX_BRACKET = 80;

export function bracketedParts(text: string, facts: Fact[]): Stated[] {
  const found: Stated[] = [];
  for (let t = 0; t < facts.length - 2; t++) {
    const total = facts[t]!;
    const open = text.slice(total.end, total.end + 2).search(/[（(]/);
    if (open < 0 || !isSummable(total) || !/^\s?$/.test(text.slice(total.end, total.end + open))) continue;
    const from = total.end + open + 1;
    const close = closingBracket(text, from);
    if (close < 0 || NOT_PARTS.test(text.slice(from, close))) continue;
    const parts: number[] = [];
    let i = t + 1;
    for (; i < facts.length && facts[i]!.end <= close; i++) parts.push(i);
    const all = parts.map((p) => facts[p]!);
    if (
      parts.length < 2 ||
      !all.every((p) => isSummable(p) && p.kind === total.kind && sameDimension(total, p))
    )
      continue;
    // Each part names what it counts (水稻8.28万亩), separated by 、 or ，.
    if (!all.every((p, k) => /[\u4e00-\u9fff]$/.test(text.slice(k === 0 ? from : all[k - 1]!.end, p.start))))
      continue;
    found.push({ total: t, parts });
    t = i - 1;
  }
  return found;
}

function closingBracket(text: string, from: number): number {
  const limit = Math.min(text.length, from + MAX_BRACKET);
  for (let i = from; i < limit; i++) {
    const c = text[i]!;
    if (c === '）' || c === ')') return i;
    if (c === '（' || c === '(' || c === '\n' || c === '。') return -1;
  }
  return -1;
}
