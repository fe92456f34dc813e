/**
 * A fund shared out without restating it: `资金来源为中央60万元、省级16.5万元、县级10万元。按各馆服务量分配，
 * 县图书馆、县文化馆、县美术馆分别为34万元、30万元、22.5万元`. The list's total is the fund broken down just
 * before it in the same paragraph.
 */
import cues from '../../../data/relations.json' with { type: 'json' };
import { sameDimension } from '../sum.ts';
import type { Fact } from '../types.ts';
import { hasSentenceEnd, isSummable, lastFactBefore, sentenceStart } from './scan.ts';
import type { Stated } from './types.ts';

const LIST = new RegExp(cues.allocation.list, 'g');
const CUE = new RegExp(cues.allocation.cue);

export function allocations(text: string, facts: Fact[], stated: Stated[]): Stated[] {
  const found: Stated[] = [];
  LIST.lastIndex = 0;
  for (let m = LIST.exec(text); m !== null; m = LIST.exec(text)) {
    const sentence = sentenceStart(text, m.index);
    if (!CUE.test(text.slice(sentence, m.index))) continue;
    const before = lastFactBefore(facts, m.index);
    if (before >= 0 && facts[before]!.start >= sentence) continue; // the sentence states its own total
    const parts = listAfter(text, facts, before + 1);
    if (parts.length < 2) continue;
    const paragraphStart = text.lastIndexOf('\n', m.index) + 1;
    const fund = stated
      .filter((s) => !s.implied && s.total <= before && facts[s.total]!.start >= paragraphStart)
      .at(-1);
    if (fund && sameDimension(facts[fund.total]!, facts[parts[0]!]!))
      found.push({ total: fund.total, parts });
  }
  return found;
}

/** The summable figures of one kind after `from`, to the end of the sentence. */
function listAfter(text: string, facts: Fact[], from: number): number[] {
  const parts: number[] = [];
  for (let i = from; i < facts.length; i++) {
    const f = facts[i]!;
    if (i > from && hasSentenceEnd(text, facts[i - 1]!.end, f.start)) break;
    if (!isSummable(f) || (parts.length > 0 && !sameDimension(facts[parts[0]!]!, f))) break;
    parts.push(i);
  }
  return parts;
}
