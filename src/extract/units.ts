/** Units as the engine compares them: money converted to 元, other figures taken as stated. */
import lexicon from '../../data/lexicon.json' with { type: 'json' };
import type { Fact } from './types.ts';

const YUAN_PER_UNIT: Record<string, number> = lexicon.moneyScale;

/** 元 per unit of a money unit (万元 → 10000); undefined when the unit is not money. */
export function yuanPerUnit(unit: string): number | undefined {
  return YUAN_PER_UNIT[unit];
}

/** The factor that brings a figure to its base unit: 元 for amounts, itself otherwise. */
export function baseScale(fact: Pick<Fact, 'kind' | 'unit'>): number {
  return fact.kind === 'amount' ? (YUAN_PER_UNIT[fact.unit] ?? 1) : 1;
}
