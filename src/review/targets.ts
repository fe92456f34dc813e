/**
 * Indicator targets against what was achieved: a 自评表 row's 年度指标值 against its 实际完成值 (labels
 * `row·column`), an outturn stated with its target in brackets (在岗队员171人（年度目标不低于190人）), and a
 * sentence giving both (年度建成示范村20个，评价时实际建成14个).
 */
import lexicon from '../../data/lexicon.json' with { type: 'json' };
import type { Fact, Span } from '../extract/types.ts';

export interface Shortfall {
  target: Fact;
  actual: Fact;
  /** What the indicator is called: the form's row, or the subject of the sentence. */
  indicator: string;
  /** The form's 偏差原因 cell for the row, when it gives one. */
  reason: Span | null;
}

const ROW = (label: string | null) => (label?.includes('·') ? label.slice(0, label.lastIndexOf('·')) : null);
const BRACKETED_TARGET = /^\s*[（(][^（()）]{0,12}(?:目标|计划)[^（()）]{0,8}$/;
/** What makes a figure of prose a target: 计划, 年度目标, 实施方案确定…. */
const PROSE_TARGET = new RegExp(`${lexicon.planMarkers.join('|')}|目标|任务|确定|要求`);
const PROSE_ACTUAL = new RegExp(lexicon.actualMarkers.join('|'));
const SENTENCE_END = /[。；;！？!?\n]/;
/** A 偏差原因 cell reads as an explanation: a clause or a phrase of some length, not a figure. */
const REASON_CELL = /^(?=[^\n\t|｜]*[\u4e00-\u9fff])[^\n\t|｜]*(?:[，,；;。]|[^\n\t|｜]{8})/;

export function shortfalls(text: string, facts: Fact[]): Shortfall[] {
  const out: Shortfall[] = [];
  for (let i = 0; i + 1 < facts.length; i++) {
    const a = facts[i]!;
    const b = facts[i + 1]!;
    if (a.unit !== b.unit || a.kind === 'amount') continue;
    const tableRow =
      a.basis === 'plan' && b.basis === 'actual' && ROW(a.label) !== null && ROW(a.label) === ROW(b.label);
    const between = text.slice(a.end, b.start);
    if (tableRow && misses(a, b))
      out.push({ target: a, actual: b, indicator: ROW(a.label)!, reason: reasonCell(text, facts, i + 1) });
    else if (b.comparator && BRACKETED_TARGET.test(between) && misses(b, a))
      out.push({ target: b, actual: a, indicator: a.label ?? '', reason: null });
    else if (
      a.kind === 'count' &&
      isProseTarget(a) &&
      isProseActual(b) &&
      !SENTENCE_END.test(between) &&
      misses(a, b)
    )
      out.push({ target: a, actual: b, indicator: a.label ?? '', reason: null });
  }
  return out;
}

function isProseTarget(f: Fact): boolean {
  return ROW(f.label) === null && f.basis !== 'actual' && PROSE_TARGET.test(f.label ?? '');
}

function isProseActual(f: Fact): boolean {
  return ROW(f.label) === null && (f.basis === 'actual' || PROSE_ACTUAL.test(f.label ?? ''));
}

/** The text cell right after the row's last figure (分值, 得分), when it explains the deviation. */
function reasonCell(text: string, facts: Fact[], actual: number): Span | null {
  const row = ROW(facts[actual]!.label);
  let last = actual;
  while (last + 1 < facts.length && ROW(facts[last + 1]!.label) === row) last++;
  const after = /^[ \u3000]*(?:\|[ \u3000]*\n?|\t|\n)[ \u3000]*/.exec(text.slice(facts[last]!.end));
  if (!after) return null;
  const start = facts[last]!.end + after[0].length;
  const cell = REASON_CELL.exec(text.slice(start, start + 300));
  if (!cell) return null;
  const end = start + /^[^\n\t|｜]*/.exec(text.slice(start))![0].trimEnd().length;
  return { start, end };
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
