/**
 * Breakdowns stated with a marker: `X万元，其中A万元，B万元`, `X万元中，A…，B…`, `资金来源为A、B`.
 * A relation needs at least two parts; one `其中` figure is a subset, not a breakdown.
 */
import cues from '../../../data/relations.json' with { type: 'json' };
import { alternation } from '../../text/regexp.ts';
import { clauseBefore } from '../clauses.ts';
import { sameDimension } from '../sum.ts';
import type { Fact } from '../types.ts';
import { hasSentenceEnd, insideBrackets, isOtherYear, isSummable, lastFactBefore } from './scan.ts';
import type { Stated } from './types.ts';

const MARKER = new RegExp(`${alternation(cues.breakdownMarkers)}|(?<!其)中(?=\\s*[，,：:])`, 'g');
const REMAINDER = new RegExp(`^\\s*(?:${alternation(cues.remainderLeads)})`);
/** A clause comparing with another year or stating a change is not a part of the total. */
const NOT_A_PART = /^(?:比|较|同比|环比|与上年|相比|比上年|较上年)/;
/** 另有离退休人员19人: what follows is outside the total. */
const OUTSIDE = /^(?:另有|另外|此外|另|还有)/;
/** 满分, 分值 and weights are not parts of a score. */
const NOT_A_SCORE_PART = /分值|满分|权重|总分/;
/** Between a total and a bare 中: the noun it counts (40笔住院救助资金中). */
const NOUN_BEFORE_ZHONG = /^[^\d，,。；;：:！？!?\n（）()]{0,10}$/;

export function statedBreakdowns(text: string, facts: Fact[]): Stated[] {
  const found: Stated[] = [];
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(text); m !== null; m = MARKER.exec(text)) {
    const markerEnd = m.index + m[0].length;
    const total = m[0] === '中' ? totalBeforeZhong(text, facts, m.index) : totalBefore(text, facts, m.index);
    if (total < 0) continue;
    const parts = partsAfter(text, facts, total, markerEnd);
    if (parts.length >= 2) found.push({ total, parts });
  }
  return found;
}

function partsAfter(text: string, facts: Fact[], totalIndex: number, markerEnd: number): number[] {
  const total = facts[totalIndex]!;
  // 其中：A…；B…。 — after a colon the items of the list may be separated by semicolons.
  const list = /^[\s]*[：:]/.test(text.slice(markerEnd, markerEnd + 3));
  // 10.5万元（其中：A…，B…），C…: a bracketed breakdown ends with its bracket.
  const closing = insideBrackets(text, total.end, markerEnd) ? closingBracket(text, markerEnd) : text.length;
  const parts: number[] = [];
  for (let i = totalIndex + 1; i < facts.length; i++) {
    const f = facts[i]!;
    if (f.start < markerEnd) continue;
    if (f.start >= closing) break;
    const prevEnd = Math.max(markerEnd, facts[i - 1]!.end);
    if (hasSentenceEnd(text, prevEnd, f.start, list) && !continues(text, facts, parts, prevEnd, i)) break;
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
    if (!isSummable(f)) return []; // an approximate part makes the sum unverifiable
    parts.push(i);
  }
  return parts;
}

/** The bracket closing the one open at `from` (or the end of the text). */
function closingBracket(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '（' || c === '(') depth++;
    else if ((c === '）' || c === ')') && --depth === 0) return i;
  }
  return text.length;
}

/**
 * Whether a breakdown without a colon goes on past a semicolon: the next clause opens with 其余/其他
 * (34笔…；其余6笔…), or its figure stands as the parts before it do (…的108份，占…；…的11份，占…).
 */
function continues(text: string, facts: Fact[], parts: number[], from: number, next: number): boolean {
  if (parts.length === 0) return false;
  const gap = text.slice(from, facts[next]!.start);
  const stops = gap.match(/[。；;！？!?\n]/g) ?? [];
  if (stops.length !== 1 || (stops[0] !== '；' && stops[0] !== ';')) return false;
  const after = gap.slice(gap.search(/[；;]/) + 1);
  if (REMAINDER.test(after)) return true;
  const parallel = (i: number) => text[facts[i]!.start - 1] === '的';
  return parallel(next) && parts.every(parallel);
}

/**
 * The total a breakdown refers to: the figure closing the clause right before the marker
 * ("4546.77万元，其中", "（小写：386.00万元），其中"), or, when the marker opens a new sentence
 * ("…合计15.2万元，比上年减少3.1万元。其中："), the last summable figure of this year in the previous sentence.
 */
function totalBefore(text: string, facts: Fact[], markerStart: number): number {
  const last = lastFactBefore(facts, markerStart);
  if (last < 0) return -1;
  const gap = text.slice(facts[last]!.end, markerStart);
  if (/^[\s，,：:（(）)]*$/.test(gap)) {
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
    if (isSummable(f) && !isOtherYear(text, f)) return i;
  }
  return -1;
}

/** 县级资金280.00万元中，… / 抽查的40笔住院救助资金中，…: the figure just before, perhaps with its noun. */
function totalBeforeZhong(text: string, facts: Fact[], markerStart: number): number {
  const last = lastFactBefore(facts, markerStart);
  if (last < 0) return -1;
  const f = facts[last]!;
  if (!NOUN_BEFORE_ZHONG.test(text.slice(f.end, markerStart)) || !isSummable(f)) return -1;
  return last;
}
