/** Periods that govern figures (2020年, 1-11月, 上半年): found once, then looked up per figure. */
import lexicon from '../../data/lexicon.json' with { type: 'json' };
import { firstCharacters, StartScanner } from '../text/start-scan.ts';
import type { Boundaries } from './boundaries.ts';

export interface PeriodMention {
  start: number;
  end: number;
  text: string;
}

const PERIOD_SOURCE = lexicon.periodPatterns.join('|');
const PERIOD_STARTS = firstCharacters(PERIOD_SOURCE);
const PERIOD = PERIOD_STARTS === null ? null : new StartScanner(PERIOD_SOURCE, PERIOD_STARTS);
const PERIOD_ANYWHERE = new RegExp(PERIOD_SOURCE, 'g');
const RESET = lexicon.periodResetWords;

export function findPeriods(norm: string): PeriodMention[] {
  const out: PeriodMention[] = [];
  const next = (from: number) => {
    if (PERIOD) return PERIOD.next(norm, from);
    PERIOD_ANYWHERE.lastIndex = from;
    return PERIOD_ANYWHERE.exec(norm);
  };
  for (let m = next(0); m !== null; m = next(m.index + m[0].length)) {
    // A date (2020年9月, 2021年4月6日) names a day, not the period a figure covers.
    const after = norm.slice(m.index + m[0].length, m.index + m[0].length + 4);
    if (/^\d{1,2}月/.test(after) || (/月$/.test(m[0]) && /^\d{1,2}[日号]/.test(after))) continue;
    if (isDigitCode(norm.charCodeAt(m.index - 1))) continue;
    // 比2023年度减少56.95万元: the year compared with is not the period the figure covers.
    if (/(?:比|较|与|同|相比|比上|对比)$/.test(norm.slice(Math.max(0, m.index - 2), m.index))) continue;
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
  }
  return out;
}

const isDigitCode = (c: number) => c >= 0x30 && c <= 0x39;

/** The last period mentioned in the same sentence before `pos`, as written; null when none. */
/** A period governs figures up to the end of its sentence; ；is treated as a sentence end as well. */
export function periodFor(
  norm: string,
  periods: PeriodMention[],
  pos: number,
  bounds: Boundaries,
): string | null {
  let lo = 0;
  let hi = periods.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (periods[mid]!.end <= pos) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return null;
  const p = periods[found]!;
  if (bounds.between(p.end, pos)) return null;
  // 1-11月完成…，全年…达标率100%: a whole-year word after the period ends its reach.
  const between = norm.slice(p.end, pos);
  return RESET.some((w) => between.includes(w)) ? null : p.text;
}
