/** Parts listed first, their total after: `人员经费1560.91万元、公用经费210.15万元，合计1771.06万元`. */
import cues from '../../../data/relations.json' with { type: 'json' };
import { alternation } from '../../text/regexp.ts';
import { sameDimension } from '../sum.ts';
import type { Fact } from '../types.ts';
import {
  hasSentenceEnd,
  insideBrackets,
  isOtherYear,
  isSummable,
  lastFactBefore,
  sentenceStart,
} from './scan.ts';
import type { Stated } from './types.ts';

const MARKER = new RegExp(`(?:${alternation(cues.totalAfterList)})(?:为|达)?\\s*`, 'g');

export function totalsAfterLists(text: string, facts: Fact[]): Stated[] {
  const found: Stated[] = [];
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(text); m !== null; m = MARKER.exec(text)) {
    const t = lastFactBefore(facts, m.index) + 1;
    const total = facts[t];
    if (!total || total.start !== m.index + m[0].length || !isSummable(total)) continue;
    const parts = partsBefore(text, facts, t, m.index);
    if (parts.length >= 2) found.push({ total: t, parts, complete: true });
  }
  return found;
}

/** The figures of the total's kind from the start of the sentence to the marker; none if one is a change. */
function partsBefore(text: string, facts: Fact[], t: number, marker: number): number[] {
  const total = facts[t]!;
  const start = sentenceStart(text, marker);
  const parts: number[] = [];
  for (let i = t - 1; i >= 0; i--) {
    const f = facts[i]!;
    if (hasSentenceEnd(text, f.end, i === t - 1 ? marker : facts[i + 1]!.start)) break;
    if (f.kind !== total.kind || !sameDimension(total, f)) continue;
    if (f.change || isOtherYear(text, f) || !isSummable(f)) return [];
    if (insideBrackets(text, start, f.start)) continue;
    parts.unshift(i);
  }
  return parts;
}
