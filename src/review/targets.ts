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
const CELL_SEPARATOR = /^[ \u3000]*(?:[|｜][ \u3000]*\n?|\t|\n)[ \u3000]*/;
/** 分值 and 得分 between the actual value and the reason: 20 | 18 |. */
const SCORE_CELL = /^\d+(?:\.\d+)?分?(?=[ \u3000]*(?:[|｜\t\n]|$))/;
const MAX_SCORE_CELLS = 3;
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
      out.push({ target: a, actual: b, indicator: ROW(a.label)!, reason: reasonCell(text, b) });
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

/** The text cell after the row's actual value and its 分值/得分 cells, when it explains the deviation. */
function reasonCell(text: string, actual: Fact): Span | null {
  let pos = actual.end;
  for (let cells = 0; cells <= MAX_SCORE_CELLS; cells++) {
    const separator = CELL_SEPARATOR.exec(text.slice(pos, pos + 8));
    if (!separator) return null;
    pos += separator[0].length;
    const score = SCORE_CELL.exec(text.slice(pos, pos + 12));
    if (!score) break;
    pos += score[0].length;
  }
  if (!REASON_CELL.test(text.slice(pos, pos + 300))) return null;
  return { start: pos, end: pos + /^[^\n\t|｜]*/.exec(text.slice(pos))![0].trimEnd().length };
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
