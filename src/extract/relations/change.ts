/**
 * A change stated against last year's figure: `预算安排86.50万元，上年为85.36万元，比上年增加1.14万元`
 * implies 86.50 = 85.36 + 1.14; a decrease implies last year's figure = this year's + the decrease.
 */
import { sameDimension } from '../sum.ts';
import type { Fact } from '../types.ts';
import { hasSentenceEnd, isOtherYear, isSummable } from './scan.ts';
import type { Stated } from './types.ts';

export function changes(text: string, facts: Fact[]): Stated[] {
  const found: Stated[] = [];
  for (let d = 2; d < facts.length; d++) {
    const change = facts[d]!;
    if (!change.change || change.approx || (change.kind !== 'amount' && change.kind !== 'count')) continue;
    const last = previousInSentence(text, facts, d, (f) => comparable(f, change) && isOtherYear(text, f));
    if (last < 0) continue;
    const current = previousInSentence(
      text,
      facts,
      last,
      (f) => comparable(f, change) && !isOtherYear(text, f),
    );
    if (current < 0) continue;
    found.push(
      change.change === 'increase'
        ? { total: current, parts: [last, d], implied: 'change' }
        : { total: last, parts: [current, d], implied: 'change' },
    );
  }
  return found;
}

function comparable(f: Fact, change: Fact): boolean {
  return isSummable(f) && f.kind === change.kind && sameDimension(f, change);
}

/** The nearest earlier figure of the same sentence that passes `accept`, or -1. */
function previousInSentence(text: string, facts: Fact[], from: number, accept: (f: Fact) => boolean): number {
  for (let i = from - 1; i >= 0; i--) {
    if (hasSentenceEnd(text, facts[i]!.end, facts[i + 1]!.start)) return -1;
    if (accept(facts[i]!)) return i;
  }
  return -1;
}
