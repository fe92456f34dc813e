/**
 * Part-of relations the text states: `X万元，其中A万元，B万元` → total X, parts [A, B].
 * A relation needs at least two parts in the same sentence; one `其中` figure is a subset, not a breakdown.
 */
import lexicon from '../../data/lexicon.json' with { type: 'json' };
import { clauseBefore } from './clauses.ts';
import { displayedInterval, intervalsMeet, sumIntervals } from './interval.ts';
import type { Fact, Relation } from './types.ts';
import { baseScale } from './units.ts';

const BREAKDOWN = /其中|包括|包含|含/g;
const SENTENCE_END = /[。；;！？!?\n]/;
/** A clause comparing with another year or stating a change is not a part of the total. */
const NOT_A_PART = /^(?:比|较|同比|环比|与上年|相比|比上年|较上年)/;
/** 另有离退休人员19人: what follows is outside the total. */
const OUTSIDE = /^(?:另有|另外|此外|另|还有)/;
/** 满分, 分值 and weights are not parts of a score. */
const NOT_A_SCORE_PART = /分值|满分|权重|总分/;
/** 人 and 名 count the same people. */
const SAME_COUNT_UNIT: Record<string, string> = lexicon.countUnitFamilies;

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
  const totalIndex = totalBefore(text, facts, markerStart);
  if (totalIndex < 0) return null;
  const total = facts[totalIndex]!;
  // 其中：A…；B…。 — after a colon the items of the list may be separated by semicolons.
  const list = /^[\s]*[：:]/.test(text.slice(markerEnd, markerEnd + 3));
  const parts: number[] = [];
  for (let i = totalIndex + 1; i < facts.length; i++) {
    const f = facts[i]!;
    if (f.start < markerEnd) continue;
    const prevEnd = Math.max(markerEnd, facts[i - 1]!.end);
    if (hasSentenceEnd(text, prevEnd, f.start, list)) break;
    if (f.kind !== total.kind || !sameDimension(total, f)) continue;
    const clause = clauseBefore(text, f.start).trimStart();
    if (OUTSIDE.test(clause)) break;
    // A change from last year ends a plain list; inside 其中：… a list item may carry one (比上年减少…).
    if (f.change || NOT_A_PART.test(clause)) {
      if (list) continue;
      break;
    }
    // （其中行政人员13人…） and （分值20分） qualify the item before them.
    if (insideBrackets(text, markerEnd, f.start) || NOT_A_SCORE_PART.test(f.label ?? '')) continue;
    if (!isSummable(f)) return null; // an approximate part makes the sum unverifiable
    parts.push(i);
  }
  if (parts.length < 2) return null;
  const scaleOf = (f: Fact) => baseScale(f) / baseScale(total);
  const sum = sumIntervals(parts.map((i) => intervalOf(facts[i]!, scaleOf(facts[i]!))));
  const holds = intervalsMeet(intervalOf(total, 1), sum);
  return {
    type: 'sum',
    total: totalIndex,
    parts,
    holds,
    withinRounding: holds,
    computed: { low: round(sum.low), high: round(sum.high) },
  };
}

/** The interval a displayed figure stands for, scaled into the total's unit. */
function intervalOf(f: Fact, scale: number) {
  // Counts are exact integers, and a stated zero (无…支出, 0万元) means nothing was spent at all.
  if ((f.kind === 'count' && f.decimals === 0) || f.value === 0)
    return { low: f.value * scale, high: f.value * scale };
  return displayedInterval(f.value, f.decimals, scale);
}

function isSummable(f: Fact): boolean {
  return !f.approx && !f.comparator && !f.change && (f.kind === 'amount' || f.kind === 'count');
}

function sameDimension(a: Fact, b: Fact): boolean {
  if (a.kind === 'amount') return b.kind === 'amount';
  return (
    a.unit === b.unit ||
    (SAME_COUNT_UNIT[a.unit] !== undefined && SAME_COUNT_UNIT[a.unit] === SAME_COUNT_UNIT[b.unit])
  );
}

/** Whether `pos` sits inside a bracket opened after `from`. */
function insideBrackets(text: string, from: number, pos: number): boolean {
  let depth = 0;
  for (let i = from; i < pos; i++) {
    const c = text[i];
    if (c === '（' || c === '(') depth++;
    else if ((c === '）' || c === ')') && depth > 0) depth--;
  }
  return depth > 0;
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

function hasSentenceEnd(text: string, from: number, to: number, list = false): boolean {
  for (let i = from; i < to; i++) {
    const c = text[i]!;
    if (SENTENCE_END.test(c) && !(list && (c === '；' || c === ';'))) return true;
    if (c === '.' && !/\d/.test(text[i - 1] ?? '') && !/\d/.test(text[i + 1] ?? '')) return true; // 7人.离退休
  }
  return false;
}

/**
 * The total a breakdown refers to: the figure closing the clause right before the marker
 * ("4546.77万元，其中"), or, when the marker opens a new sentence ("…合计15.2万元，比上年减少3.1万元。其中："),
 * the last summable figure of the previous sentence.
 */
function totalBefore(text: string, facts: Fact[], markerStart: number): number {
  const last = lastFactBefore(facts, markerStart);
  if (last < 0) return -1;
  const gap = text.slice(facts[last]!.end, markerStart);
  if (/^[\s，,：:（(]*$/.test(gap)) {
    // 实有人数71人，比上年减少2人，其中…: step back over the change (and rates) to the total they qualify.
    for (let i = last; i >= 0; i--) {
      const f = facts[i]!;
      if (i < last && hasSentenceEnd(text, f.end, facts[i + 1]!.start)) return -1;
      if (isSummable(f)) return i;
      if (!f.change && f.kind !== 'percent') return -1;
    }
    return -1;
  }
  if (!/^[^。！？!?\n]*[。！？!?]\s*$/.test(gap)) return -1;
  for (let i = last; i >= 0; i--) {
    const f = facts[i]!;
    if (hasSentenceEnd(text, f.end, i === last ? markerStart - gap.length : facts[i + 1]!.start)) return -1;
    if (isSummable(f)) return i;
  }
  return -1;
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
