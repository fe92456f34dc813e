/**
 * Part-of relations the text states: `X万元，其中A万元，B万元` → total X, parts [A, B].
 * A relation needs at least two parts in the same sentence; one `其中` figure is a subset, not a breakdown.
 */
import lexicon from '../../data/lexicon.json' with { type: 'json' };
import { displayedInterval, intervalsMeet, sumIntervals } from './interval.ts';
import type { Fact, Relation } from './types.ts';

const MONEY_SCALE: Record<string, number> = lexicon.moneyScale;
const BREAKDOWN = /其中|包括|包含|含/g;
const SENTENCE_END = /[。；;！？!?\n]/;
/** A clause comparing with another year or stating a change is not a part of the total. */
const NOT_A_PART = /^(?:比|较|同比|环比|与上年|相比|比上年|较上年)/;

export function findRelations(text: string, facts: Fact[]): Relation[] {
  const relations: Relation[] = [];
  BREAKDOWN.lastIndex = 0;
  for (let m = BREAKDOWN.exec(text); m !== null; m = BREAKDOWN.exec(text)) {
    const relation = breakdownAt(text, facts, m.index, m.index + m[0].length);
    if (relation) relations.push(relation);
  }
  return relations;
}

function breakdownAt(text: string, facts: Fact[], markerStart: number, markerEnd: number): Relation | null {
  const totalIndex = totalBefore(text, facts, markerStart);
  if (totalIndex < 0) return null;
  const total = facts[totalIndex]!;
  // 其中：A…；B…。 — after a colon the items of the list may be separated by semicolons.
  const list = /^[\s]*[：:]/.test(text.slice(markerEnd, markerEnd + 3));
  const parts: number[] = [];
  for (let i = totalIndex + 1; i < facts.length; i++) {
    const f = facts[i]!;
    if (f.start < markerEnd) continue;
    const prevEnd = Math.max(markerEnd, facts[i - 1]!.end);
    if (hasSentenceEnd(text, prevEnd, f.start, list)) break;
    if (f.kind !== total.kind || !sameDimension(total, f)) continue;
    if (f.change || NOT_A_PART.test(clauseBefore(text, f.start))) break;
    if (!isSummable(f)) return null; // an approximate part makes the sum unverifiable
    parts.push(i);
  }
  if (parts.length < 2) return null;
  const scaleOf = (f: Fact) =>
    (f.kind === 'amount' ? (MONEY_SCALE[f.unit] ?? 1) : 1) /
    (total.kind === 'amount' ? (MONEY_SCALE[total.unit] ?? 1) : 1);
  const sum = sumIntervals(parts.map((i) => intervalOf(facts[i]!, scaleOf(facts[i]!))));
  const holds = intervalsMeet(intervalOf(total, 1), sum);
  return {
    type: 'sum',
    total: totalIndex,
    parts,
    holds,
    computed: { low: round(sum.low), high: round(sum.high) },
  };
}

/** The interval a displayed figure stands for, scaled into the total's unit. */
function intervalOf(f: Fact, scale: number) {
  // Counts are exact integers, and a stated zero (无…支出, 0万元) means nothing was spent at all.
  if ((f.kind === 'count' && f.decimals === 0) || f.value === 0)
    return { low: f.value * scale, high: f.value * scale };
  return displayedInterval(f.value, f.decimals, scale);
}

function isSummable(f: Fact): boolean {
  return !f.approx && !f.comparator && !f.change && (f.kind === 'amount' || f.kind === 'count');
}

function sameDimension(a: Fact, b: Fact): boolean {
  if (a.kind === 'amount') return b.kind === 'amount';
  return a.unit === b.unit;
}

function lastFactBefore(facts: Fact[], pos: number): number {
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

function hasSentenceEnd(text: string, from: number, to: number, list = false): boolean {
  for (let i = from; i < to; i++) {
    const c = text[i]!;
    if (SENTENCE_END.test(c) && !(list && (c === '；' || c === ';'))) return true;
  }
  return false;
}

/**
 * The total a breakdown refers to: the figure closing the clause right before the marker
 * ("4546.77万元，其中"), or, when the marker opens a new sentence ("…合计15.2万元，比上年减少3.1万元。其中："),
 * the last summable figure of the previous sentence.
 */
function totalBefore(text: string, facts: Fact[], markerStart: number): number {
  const last = lastFactBefore(facts, markerStart);
  if (last < 0) return -1;
  const gap = text.slice(facts[last]!.end, markerStart);
  if (/^[\s，,：:（(]*$/.test(gap)) return isSummable(facts[last]!) ? last : -1;
  if (!/^[^。！？!?\n]*[。！？!?]\s*$/.test(gap)) return -1;
  for (let i = last; i >= 0; i--) {
    const f = facts[i]!;
    if (hasSentenceEnd(text, f.end, i === last ? markerStart - gap.length : facts[i + 1]!.start)) return -1;
    if (isSummable(f)) return i;
  }
  return -1;
}

function clauseBefore(text: string, pos: number): string {
  let s = pos;
  while (s > 0 && pos - s < 40 && !/[，,。；;：:\n]/.test(text[s - 1]!)) s--;
  return text.slice(s, pos).trimStart();
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
