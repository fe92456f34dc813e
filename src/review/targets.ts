/**
 * Indicator targets against what was achieved: a 自评表 row's 年度指标值 against its 实际完成值 (labels
 * `row·column`), and an outturn stated with its target in brackets (在岗队员171人（年度目标不低于190人）).
 */
import type { Fact } from '../extract/types.ts';

export interface Shortfall {
  target: Fact;
  actual: Fact;
}

const ROW = (label: string | null) => (label?.includes('·') ? label.slice(0, label.lastIndexOf('·')) : null);
const BRACKETED_TARGET = /^\s*[（(][^（()）]{0,12}(?:目标|计划)[^（()）]{0,8}$/;

export function shortfalls(text: string, facts: Fact[]): Shortfall[] {
  const out: Shortfall[] = [];
  for (let i = 0; i + 1 < facts.length; i++) {
    const a = facts[i]!;
    const b = facts[i + 1]!;
    if (a.unit !== b.unit || a.kind === 'amount') continue;
    const tableRow =
      a.basis === 'plan' && b.basis === 'actual' && ROW(a.label) !== null && ROW(a.label) === ROW(b.label);
    if (tableRow && misses(a, b)) out.push({ target: a, actual: b });
    else if (b.comparator && BRACKETED_TARGET.test(text.slice(a.end, b.start)) && misses(b, a))
      out.push({ target: b, actual: a });
  }
  return out;
}

/** ≥/不低于 (or an exact count) not reached, or a ≤ limit exceeded. */
function misses(target: Fact, actual: Fact): boolean {
  if (actual.comparator || actual.approx) return false;
  switch (target.comparator ?? null) {
    case '≥':
    case '>':
      return actual.value < target.value;
    case '≤':
    case '<':
      return actual.value > target.value;
    case null:
      return target.kind === 'count' && actual.value < target.value;
    default:
      return false;
  }
}
