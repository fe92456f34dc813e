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
  const totalIndex = lastFactBefore(facts, markerStart);
  if (totalIndex < 0) return null;
  const total = facts[totalIndex]!;
  // The total must close the clause right before the marker: "4546.77万元，其中".
  if (!/^[\s，,：:（(]*$/.test(text.slice(total.end, markerStart))) return null;
  if (!isSummable(total)) return null;
  const parts: number[] = [];
  for (let i = totalIndex + 1; i < facts.length; i++) {
    const f = facts[i]!;
    if (f.start < markerEnd) continue;
    const prevEnd = i > totalIndex + 1 ? facts[i - 1]!.end : markerEnd;
    if (hasSentenceEnd(text, prevEnd, f.start)) break;
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

/** Counts of people and things are exact integers; only figures that were rounded for display get a width. */
function intervalOf(f: Fact, scale: number) {
  if (f.kind === 'count' && f.decimals === 0) return { low: f.value * scale, high: f.value * scale };
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

function hasSentenceEnd(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (SENTENCE_END.test(text[i]!)) return true;
  return false;
}

function clauseBefore(text: string, pos: number): string {
  let s = pos;
  while (s > 0 && pos - s < 40 && !/[，,。；;：:\n]/.test(text[s - 1]!)) s--;
  return text.slice(s, pos).trimStart();
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
