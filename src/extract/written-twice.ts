/**
 * Amounts written out in financial capitals with their figure beside them — 人民币壹拾伍万元整（小写：15.00万元）,
 * 叁佰捌拾陆万元（¥386万元） — are one amount stated twice; the pair is kept so the two can be compared.
 */
import type { Fact, WrittenTwice } from './types.ts';
import { baseScale } from './units.ts';

/** What may stand between the capitals and their figure: a bracket, 小写, 人民币/¥, a colon. */
const BETWEEN = /^[\s（(]*(?:小写|大写)?[\s:：]*(?:人民币|￥|¥)?\s*$/;

export function pairWrittenTwice(norm: string, facts: Fact[]): WrittenTwice[] {
  const pairs: WrittenTwice[] = [];
  for (let i = 0; i + 1 < facts.length; i++) {
    const capital = facts[i]!;
    const small = facts[i + 1]!;
    if (capital.numeral !== 'financial' || capital.kind !== 'amount' || small.kind !== 'amount') continue;
    if (small.numeral === 'financial' || !BETWEEN.test(norm.slice(capital.end, small.start))) continue;
    const a = capital.value * baseScale(capital);
    const b = small.value * baseScale(small);
    pairs.push({ capital: i, small: i + 1, equal: Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a)) });
  }
  return pairs;
}

/** （小写：386.00万元） names nothing itself: it measures what its capitals do (项目总预算为人民币叁佰…). */
export function nameSmallFigures(facts: Fact[], pairs: WrittenTwice[]): void {
  for (const { capital, small } of pairs) {
    const f = facts[small]!;
    if (f.label !== null) continue;
    f.label = facts[capital]!.label;
    f.labelSpan = facts[capital]!.labelSpan ?? null;
    f.basis ??= facts[capital]!.basis ?? null;
  }
}
