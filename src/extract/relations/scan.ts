/** Small readers shared by the relation finders: where sentences end, which fact precedes a position. */
import cues from '../../../data/relations.json' with { type: 'json' };
import type { Fact } from '../types.ts';

const SENTENCE_END = /[。；;！？!?\n]/;
const OTHER_YEAR = new RegExp(cues.otherYear);

/** A figure a sum can be checked with: exact, not a target, not a change. */
export function isSummable(f: Fact): boolean {
  return !f.approx && !f.comparator && !f.change && (f.kind === 'amount' || f.kind === 'count');
}

/** 上年为85.36万元: another year's figure is never this year's total or part. */
export function isOtherYear(text: string, f: Fact): boolean {
  return OTHER_YEAR.test(text.slice(Math.max(0, f.start - 12), f.start));
}

/** Index of the last fact ending at or before `pos`, or -1. Facts are in text order. */
export function lastFactBefore(facts: Fact[], pos: number): number {
  let lo = 0;
  let hi = facts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (facts[mid]!.end <= pos) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Whether a sentence ends in text[from, to); in a `list` a semicolon separates items instead. */
export function hasSentenceEnd(text: string, from: number, to: number, list = false): boolean {
  for (let i = from; i < to; i++) {
    const c = text[i]!;
    if (SENTENCE_END.test(c) && !(list && (c === '；' || c === ';'))) return true;
    if (c === '.' && !/\d/.test(text[i - 1] ?? '') && !/\d/.test(text[i + 1] ?? '')) return true; // 7人.离退休
  }
  return false;
}

/** Where the sentence holding `pos` starts: after the last 。；！？ or line break before it. */
export function sentenceStart(text: string, pos: number): number {
  let i = pos;
  while (i > 0 && !SENTENCE_END.test(text[i - 1]!)) i--;
  return i;
}

/** Whether `pos` sits inside a bracket opened after `from`. */
export function insideBrackets(text: string, from: number, pos: number): boolean {
  let depth = 0;
  for (let i = from; i < pos; i++) {
    const c = text[i];
    if (c === '（' || c === '(') depth++;
    else if ((c === '）' || c === ')') && depth > 0) depth--;
  }
  return depth > 0;
}
