/**
 * One sum relation over given facts: whether it holds in exact decimal arithmetic, and whether the figures'
 * displayed precision can explain a difference (interval arithmetic: 544.3 stands for [544.25, 544.35]).
 */
import lexicon from '../../data/lexicon.json' with { type: 'json' };
import { displayedInterval, type Interval, intervalsMeet, sumIntervals } from './interval.ts';
import type { Fact, SumRelation } from './types.ts';
import { baseScale } from './units.ts';

/** 人 and 名 count the same people. */
const SAME_COUNT_UNIT: Record<string, string> = lexicon.countUnitFamilies;

export function sameDimension(a: Fact, b: Fact): boolean {
  if (a.kind === 'amount') return b.kind === 'amount';
  if (a.kind !== b.kind) return false;
  return (
    a.unit === b.unit ||
    (SAME_COUNT_UNIT[a.unit] !== undefined && SAME_COUNT_UNIT[a.unit] === SAME_COUNT_UNIT[b.unit])
  );
}

/** The interval a displayed figure stands for, scaled into the total's unit. */
export function intervalOf(f: Fact, scale: number): Interval {
  // Counts are exact integers, and a stated zero (无…支出, 0万元) means nothing was spent at all.
  if ((f.kind === 'count' && f.decimals === 0) || f.value === 0)
    return { low: f.value * scale, high: f.value * scale };
  return displayedInterval(f.value, f.decimals, scale);
}

/** The relation total = Σ parts, or null when a part is of another dimension than the total. */
export function sumRelation(facts: Fact[], total: number, parts: number[]): SumRelation | null {
  const t = facts[total]!;
  if (parts.length === 0 || parts.some((p) => p === total || !sameDimension(t, facts[p]!))) return null;
  const scaleOf = (f: Fact) => baseScale(f) / baseScale(t);
  const sum = sumIntervals(parts.map((i) => intervalOf(facts[i]!, scaleOf(facts[i]!))));
  return {
    type: 'sum',
    total,
    parts,
    holds: exactlyEqual(
      t,
      parts.map((p) => facts[p]!),
    ),
    withinRounding: intervalsMeet(intervalOf(t, 1), sum),
    computed: { low: round(sum.low), high: round(sum.high) },
  };
}

/** Σ parts = total in exact decimal arithmetic, in the smallest unit any of the figures is shown in. */
function exactlyEqual(total: Fact, parts: Fact[]): boolean {
  const all = [total, ...parts];
  const base = Math.min(...all.map(baseScale));
  const decimals =
    Math.max(...all.map((f) => f.decimals)) + Math.round(Math.log10(Math.max(...all.map(baseScale)) / base));
  const units = (f: Fact) => Math.round(f.value * (baseScale(f) / base) * 10 ** decimals);
  return units(total) === parts.reduce((s, p) => s + units(p), 0);
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
