/**
 * Figures grouped for comparison: each fact with the concept it names, whether it is a plan or an outturn,
 * and the period it covers. Computed once per document and shared by the consistency rules.
 */

import { clauseBefore } from '../extract/clauses.ts';
import { conceptOf } from '../extract/concepts.ts';
import type { Fact } from '../extract/types.ts';
import { baseScale } from '../extract/units.ts';
import type { ReviewDocument } from './rule.ts';

export interface Figure {
  index: number;
  fact: Fact;
  concept: string;
  conceptName: string;
  basis: 'plan' | 'actual';
  /** A plan is the initial budget (年初预算) or the adjusted one (调整预算, 全年预算数); they differ by design. */
  stage: 'initial' | 'adjusted' | 'actual';
  /** Period key: a stated sub-year period (1-11月) keeps figures apart from full-year ones. */
  scope: string;
  /** Value in the base unit (元 for money), with the interval its display precision implies. */
  low: number;
  high: number;
}

const ADJUSTED = /调整|全年预算|调增|调减|追加/;
const OTHER_YEAR = /上年|去年|上一年|上年度|前年|同期/;
const cache = new WeakMap<ReviewDocument, Figure[]>();

export function comparableFigures(doc: ReviewDocument): Figure[] {
  let figures = cache.get(doc);
  if (!figures) {
    figures = collect(doc);
    cache.set(doc, figures);
  }
  return figures;
}

function collect(doc: ReviewDocument): Figure[] {
  const year = reportYear(doc);
  const out: Figure[] = [];
  doc.extraction.facts.forEach((fact, index) => {
    if (fact.approx || fact.comparator || fact.change || fact.kind === 'percent') return;
    const concept = conceptOf(fact.label);
    if (!concept) return;
    if ((concept.unit === 'money') !== (fact.kind === 'amount')) return;
    if (OTHER_YEAR.test(clauseBefore(doc.normalized, fact.start))) return; // last year's figure, not this year's
    const scale = baseScale(fact);
    const half = fact.kind === 'count' && fact.decimals === 0 ? 0 : 0.5 * 10 ** -fact.decimals;
    out.push({
      index,
      fact,
      concept: concept.id,
      conceptName: concept.name,
      basis: fact.basis === 'plan' ? 'plan' : 'actual',
      stage:
        fact.basis !== 'plan'
          ? 'actual'
          : ADJUSTED.test(`${fact.label ?? ''}${clauseBefore(doc.normalized, fact.start)}`)
            ? 'adjusted'
            : 'initial',
      scope: scopeOf(fact.period, year),
      low: (fact.value - half) * scale,
      high: (fact.value + half) * scale,
    });
  });
  return out;
}

/** The report's own year: the most frequent 4-digit year in its periods; figures of that year are full-year. */
function reportYear(doc: ReviewDocument): string | null {
  const counts = new Map<string, number>();
  for (const f of doc.extraction.facts) {
    const y = f.period?.match(/^(\d{4})年度?$/)?.[1];
    if (y) counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [y, n] of counts) if (best === null || n > counts.get(best)!) best = y;
  return best;
}

function scopeOf(period: string | null, year: string | null): string {
  if (period === null) return 'year';
  const y = period.match(/^(\d{4})年度?$/)?.[1];
  if (y && (year === null || y === year)) return 'year';
  return period;
}

export function overlaps(a: { low: number; high: number }, b: { low: number; high: number }): boolean {
  const eps = 1e-9 * Math.max(1, Math.abs(a.high), Math.abs(b.high));
  return a.low <= b.high + eps && b.low <= a.high + eps;
}

/** The statement a figure stands for when stated several times: the value stated most often, then the first. */
export function mostStated(figures: Figure[]): Figure | null {
  let best: Figure | null = null;
  let bestCount = 0;
  for (const f of figures) {
    const count = figures.filter((g) => overlaps(g, f)).length;
    if (count > bestCount) {
      best = f;
      bestCount = count;
    }
  }
  return best;
}

export interface PlanActual {
  plan: Figure;
  actual: Figure;
  /** actual ÷ plan, from the middles of their displayed intervals. */
  rate: number;
}

/**
 * Each concept's plan (the adjusted budget when the report gives one, else the initial plan) with its most
 * stated outturn of the same period; null when the report states no plan at all.
 */
export function planActualPairs(doc: ReviewDocument): PlanActual[] | null {
  const figures = comparableFigures(doc);
  const plans = figures.filter((f) => f.basis === 'plan');
  if (plans.length === 0) return null;
  const pairs: PlanActual[] = [];
  for (const plan of firstPerConcept(plans)) {
    const actual = mostStated(
      figures.filter((f) => f.basis === 'actual' && f.concept === plan.concept && f.scope === plan.scope),
    );
    if (!actual || plan.fact.value === 0) continue;
    pairs.push({ plan, actual, rate: (actual.low + actual.high) / (plan.low + plan.high) });
  }
  return pairs;
}

function firstPerConcept(figures: Figure[]): Figure[] {
  const seen = new Map<string, Figure>();
  for (const f of figures) {
    const key = `${f.concept}|${f.scope}`;
    const held = seen.get(key);
    if (!held || (held.stage === 'initial' && f.stage === 'adjusted')) seen.set(key, f);
  }
  return [...seen.values()];
}
