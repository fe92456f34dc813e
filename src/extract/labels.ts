/**
 * Labels: the subject a figure measures, as written. Most figures are preceded by their subject within the
 * clause (基本支出1771.06万元); classifiers put it after (5个党政机构); 其中 and period prefixes are stripped;
 * 分别 lists distribute their subjects; an elliptical clause (计划安排资金1085万元) takes the budget concept
 * named earlier in its sentence.
 */
import concepts from '../../data/concepts.json' with { type: 'json' };
import lexicon from '../../data/lexicon.json' with { type: 'json' };
import { CharSet } from '../text/char-set.ts';
import { alternation } from '../text/regexp.ts';
import { isSpaceCode, trimmedEnd } from '../text/space.ts';
import { firstCharacters } from '../text/start-scan.ts';
import { type Boundaries, WordIndex } from './boundaries.ts';
import { conceptOf } from './concepts.ts';
import type { Fact } from './types.ts';

const byLength = (a: string, b: string) => b.length - a.length;
const LEADING = new WordIndex(lexicon.labelLeadingStrips);
const TRAILING = new WordIndex(lexicon.labelTrailingStrips);
const KEEP = new Set(lexicon.keepAsLabelWhenStripped);
const FORWARD_STOPS = new WordIndex(lexicon.forwardLabelStops);
const GENERIC = [...lexicon.genericNouns].sort(byLength);
const CONCEPT_TERMS = concepts.concepts.flatMap((c) => c.terms).sort(byLength);
const CONCEPT_INDEX = new WordIndex(CONCEPT_TERMS);
const PLAN = lexicon.planMarkers;
/** One scan instead of one `includes` per marker word: basis is asked of every figure's clause and sentence. */
const PLAN_WORD = new RegExp(alternation(PLAN));
const APPROX_BLOCKERS = lexicon.approxBlockers;
/** Words stripped from the end of a label only when a real subject remains (支出合计, 年度目标 stay whole). */
const SUBJECT_WORDS = new Set(['合计', '总计', '共计', '累计', '目标', '目标值', '计划值']);
const ACTUAL = lexicon.actualMarkers;
const ACTUAL_WORD = new RegExp(alternation(ACTUAL));
const PERIOD_PREFIX = new RegExp(`^(?:${lexicon.periodPatterns.join('|')})`);
/** The characters a period can start with: the prefix regex is tried only after one of them. */
const PERIOD_STARTS = startSet(firstCharacters(lexicon.periodPatterns.join('|')));
/** Classifiers whose noun follows them (5个党政机构, 228名入境人员). */
const CLASSIFIERS = new Set([
  '个',
  '名',
  '家',
  '项',
  '所',
  '批',
  '批次',
  '支',
  '类',
  '种',
  '座',
  '位',
  '辆',
  '台',
  '套',
  '座',
  '户',
  '栋',
]);
const CLAUSE_MARKS = '，,。；;：:！？!?\n\r\t|｜';
/**
 * By character code: the backward walk of every figure's label tests each character it passes. A bitset
 * (text/char-set.ts), as are the other character tables here: 8 KB each where a byte table takes 64 KB.
 */
const CLAUSE_BOUNDARY = codeSet(CLAUSE_MARKS);
const isClauseBoundary = (norm: string, i: number) => CLAUSE_BOUNDARY.has(norm.charCodeAt(i));
/** Stripped from the front of a label: white space, 、 and the closing bracket or comma of what came before. */
const LEADING_FILLER = new Set([...'、）)，,'].map((c) => c.charCodeAt(0)));
/** [\u4e00-\u9fff“”"] by character code: the characters a noun after a classifier is written with. */
const isNounCode = (c: number) => (c >= 0x4e00 && c <= 0x9fff) || c === 0x201c || c === 0x201d || c === 0x22;
const MAX_FORWARD = 12;
const MAX_BACKWARD = 40;
/** Labels longer than this are probably a clause, not a subject. */
const LONG_LABEL = 16;
/** A unit's name (…局, …街道, …学校) and a year before the subject. */
const UNIT_THEN_YEAR =
  /^[\u4e00-\u9fff（）()]{2,30}?(?:局|厅|委|办|街道|镇|乡|县|区|市|中心|学校|小学|中学|医院|所|院|站|队|部|会|处|室)\d{4}年度?/;

export function attachLabels(text: string, norm: string, facts: Fact[], bounds: Boundaries): void {
  // Each figure's backward phrase, read once and reused by distributeRespectively.
  const backs: (Range | null | undefined)[] = new Array(facts.length);
  for (let i = 0; i < facts.length; i++) {
    const f = facts[i]!;
    if (f.label !== null) {
      f.basis ??= markerBasis(f.label); // table facts arrive labelled: 预算数 / 执行数 columns
      continue;
    }
    const prevEnd = i > 0 ? facts[i - 1]!.end : 0;
    const back = backwardPhrase(norm, f.start, prevEnd);
    backs[i] = back;
    const forward = isClassifierUnit(f.unit) ? forwardPhrase(norm, f.end) : null;
    const cleaned = back ? cleanBackward(norm, back) : null;
    let label: { start: number; end: number } | null = null;
    if (forward && (f.kind === 'count' || !cleaned)) label = forward;
    else if (cleaned) label = cleaned;
    else if (forward) label = forward;
    else label = listItemHead(norm, f.start, prevEnd);
    // Only an amount inherits its budget concept: a rate (完成年初预算的98.20%) is not the budget itself.
    if (label && f.kind === 'amount' && isGeneric(norm.slice(label.start, label.end))) {
      label = conceptWithin(norm, label) ?? conceptEarlierInSentence(norm, label.start, bounds) ?? label;
    }
    if (label) {
      f.label = text.slice(label.start, label.end);
      f.labelSpan = label;
    } else if (i > 0) inheritFromPrevious(norm, facts[i - 1]!, f, bounds);
    f.basis = basisOf(norm, back ?? { start: f.start, end: f.start }, f, bounds) ?? suffixBasis(f.label);
  }
  distributeRespectively(text, norm, facts, backs);
}

interface Range {
  start: number;
  end: number;
}

/** Per unit, whether it is a classifier (万个 counts as 个): units are few, figures many. */
const classifierUnits = new Map<string, boolean>();

function isClassifierUnit(unit: string): boolean {
  let known = classifierUnits.get(unit);
  if (known === undefined) {
    known = CLASSIFIERS.has(unit.replace(/^[万亿]/, ''));
    classifierUnits.set(unit, known);
  }
  return known;
}

/** The set of the characters in `chars`; null (every character) when they are not known. */
function startSet(chars: string | null): CharSet | null {
  return chars === null ? null : codeSet(chars);
}

function codeSet(chars: string): CharSet {
  return new CharSet([...chars].map((c) => c.charCodeAt(0)));
}

function periodPrefix(p: string): RegExpExecArray | null {
  if (PERIOD_STARTS !== null && (p.length === 0 || !PERIOD_STARTS.has(p.charCodeAt(0)))) return null;
  return PERIOD_PREFIX.exec(p);
}

function leadingFillerLength(p: string): number {
  let n = 0;
  while (n < p.length && (LEADING_FILLER.has(p.charCodeAt(n)) || isSpaceCode(p.charCodeAt(n)))) n++;
  return n;
}

/** Whether norm[start, end) has an ideograph or a Latin letter: a label names something. */
function hasWordCharacter(norm: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = norm.charCodeAt(i);
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  }
  return false;
}

/** 满意度目标90%，实际为96.3%: an elliptical clause measures what the previous figure of its kind measured. */
function inheritFromPrevious(norm: string, previous: Fact, f: Fact, bounds: Boundaries): void {
  if (previous.kind !== f.kind || previous.label === null || bounds.between(previous.end, f.start)) return;
  if (!/实际|完成|达到|为/.test(norm.slice(previous.end, f.start))) return;
  f.label = previous.label;
  f.labelSpan = previous.labelSpan ?? null;
}

/** 1、桃源乡茶叶加工厂建设项目：320万元: a figure right after a list item's colon is named by the item. */
function listItemHead(norm: string, start: number, prevEnd: number): Range | null {
  const colon = /[：:]\s*$/.exec(norm.slice(Math.max(prevEnd, start - 3), start));
  if (!colon) return null;
  const back = backwardPhrase(norm, start - colon[0].length, prevEnd);
  const cleaned = back ? cleanBackward(norm, back) : null;
  if (!cleaned) return null;
  const number = LIST_NUMBER.exec(norm.slice(cleaned.start, cleaned.end));
  const from = cleaned.start + (number?.[0].length ?? 0);
  return from < cleaned.end ? { start: from, end: cleaned.end } : null;
}

const LIST_NUMBER =
  /^\s*(?:\d{1,2}\s*[、.．]|[（(]\s*\d{1,2}\s*[)）]|[一二三四五六七八九十]{1,3}\s*、|[①-⑳])\s*/;

/** From the clause start (or the previous figure) up to the figure, minus comparators and approximators. */
function backwardPhrase(norm: string, start: number, prevEnd: number): Range | null {
  const limit = Math.max(prevEnd, start - MAX_BACKWARD);
  let s = start;
  while (
    s > limit &&
    !isClauseBoundary(norm, s - 1) &&
    !(norm.charCodeAt(s - 1) === 46 && isFullStop(norm, s - 1))
  )
    s--;
  return s < start ? { start: s, end: start } : null;
}

function cleanBackward(norm: string, r: Range): Range | null {
  let { start, end } = r;
  // `p` is always norm.slice(start, end): kept in step rather than sliced again for every test.
  let p = norm.slice(start, end);
  // `p` only ever shrinks, so a character the phrase lacks rules out every step that needs it.
  const has = charactersIn(norm, start, end);
  const qi = has & HAS_ZHONG ? p.lastIndexOf('其中') : -1;
  if (qi >= 0) {
    start += qi + 2;
    p = p.slice(qi + 2);
  }
  // A trailing parenthetical (（增加）) qualifies the figure, it is not its subject; an opening bracket
  // (公务用车运行维护(10.21万元)) puts the figure in brackets after its subject.
  if (has & HAS_BRACKET && /[（(]/.test(p)) {
    p = p.replace(/[（(][^（()）]*[）)]$/, '').replace(/[（(]\s*$/, '');
    end = start + p.length;
  }
  let lastStripped: Range | null = null;
  for (let changed = true; changed && start < end; ) {
    changed = false;
    const ws = leadingFillerLength(p);
    const period = ws ? null : periodPrefix(p);
    const candidate = ws || period?.[0] ? undefined : LEADING.prefixOf(p);
    const lead = candidate && p.length > candidate.length ? candidate : undefined;
    const cut = ws || period?.[0].length || lead?.length || 0;
    if (lead && KEEP.has(lead)) lastStripped = { start, end: start + lead.length };
    if (cut > 0) {
      start += cut;
      p = p.slice(cut);
      changed = true;
    }
  }
  for (let changed = true; changed && start < end; ) {
    changed = false;
    p = p.trimEnd();
    end = start + p.length;
    const suffix = TRAILING.suffixOf(p);
    // 支出合计 stays whole: stripping 合计 would leave a bare 支出 that names nothing.
    const totalWord = suffix !== undefined && SUBJECT_WORDS.has(suffix) && p.length - suffix.length <= 2;
    const trail =
      suffix && !totalWord && !APPROX_BLOCKERS.some((b) => b.endsWith(suffix) && p.endsWith(b))
        ? suffix
        : undefined;
    if (trail) {
      if (KEEP.has(trail) && p.length === trail.length) break;
      end -= trail.length;
      p = p.slice(0, p.length - trail.length);
      changed = true;
    }
  }
  // Leftover comparators or approximators at the end (不低于, 约) are not part of the subject.
  const tail = tailComparatorLength(p);
  if (tail > 0) {
    end -= tail;
    p = p.slice(0, p.length - tail);
  }
  // 基本支出中人员经费968.30万元: the part is the subject, the whole only places it.
  const within = has & HAS_ZHONG && p.includes('中') ? /^(.{2,16}?)中(?=.{2,})/.exec(p) : null;
  if (within && conceptOf(within[1]!)) {
    start += within[0].length;
    p = p.slice(within[0].length);
  }
  // 上海市普陀区财政局2024年度收入支出: the unit's name and the year lead into the subject.
  const year = has & HAS_NIAN ? UNIT_THEN_YEAR.exec(p) : null;
  if (year && p.length - year[0].length >= 2) {
    start += year[0].length;
    p = p.slice(year[0].length);
  }
  // 严格对照…建设要求和开福区基层党建业务指导20条: a long phrase joining a verb clause to the subject with
  // 和/及/与 measures what follows the last joiner.
  if (end - start > LONG_LABEL) {
    const cut = Math.max(p.lastIndexOf('和'), p.lastIndexOf('及'), p.lastIndexOf('与'));
    if (cut > 0 && p.length - cut - 1 >= 4 && !p.slice(0, cut).includes('、')) start += cut + 1;
  }
  if (end > start && hasWordCharacter(norm, start, end)) return { start, end };
  return lastStripped;
}

/** Comparators left at the end of a phrase; none contains white space or ends another. */
const TAIL_COMPARATORS = new WordIndex([
  '不低于',
  '不少于',
  '不超过',
  '不高于',
  '大于等于',
  '小于等于',
  '≥',
  '≤',
  '>',
  '<',
  '=',
]);

/**
 * Length of a comparator at the end of `p` with the white space after it (不低于 ), or 0: what
 * /(?:不低于|…|=)\s*$/ would match, looked up by the last character instead of tried at every position.
 */
function tailComparatorLength(p: string): number {
  const end = trimmedEnd(p, 0, p.length);
  const word = TAIL_COMPARATORS.endingAt(p, 0, end);
  return word === undefined ? 0 : p.length - end + word.length;
}

const HAS_ZHONG = 1;
const HAS_BRACKET = 2;
const HAS_NIAN = 4;
const CODE_ZHONG = '中'.charCodeAt(0);
const CODE_FULL_BRACKET = '（'.charCodeAt(0);
const CODE_BRACKET = '('.charCodeAt(0);
const CODE_NIAN = '年'.charCodeAt(0);

/** Which of 中, an opening bracket and 年 stand in norm[start, end): one pass over a phrase of ≤ 40 characters. */
function charactersIn(norm: string, start: number, end: number): number {
  let has = 0;
  for (let i = start; i < end; i++) {
    const c = norm.charCodeAt(i);
    if (c === CODE_ZHONG) has |= HAS_ZHONG;
    else if (c === CODE_FULL_BRACKET || c === CODE_BRACKET) has |= HAS_BRACKET;
    else if (c === CODE_NIAN) has |= HAS_NIAN;
  }
  return has;
}

/** A half-width full stop before a word (工勤人员７人.离退休人员), not a decimal point or a heading number (3.设置). */
function isFullStop(norm: string, i: number): boolean {
  if (norm[i] !== '.' || !/[\u4e00-\u9fff]/.test(norm[i + 1] ?? '')) return false;
  return !/^\d+$/.test(lineHead(norm, i));
}

/** The part of the line before `i` (a heading number such as `3.` stands alone there). */
function lineHead(norm: string, i: number): string {
  const start = norm.lastIndexOf('\n', i - 1) + 1;
  return norm.slice(start, i).trim();
}

/** The noun phrase after a classifier: 5个党政机构：… → 党政机构. */
function forwardPhrase(norm: string, from: number): Range | null {
  let e = from;
  while (e < norm.length && e - from < MAX_FORWARD && isNounCode(norm.charCodeAt(e))) {
    const stop = FORWARD_STOPS.startingAt(norm, e, e + 4);
    if (e > from && stop) break;
    if (e === from && stop?.length === 1) return null;
    e++;
  }
  return e > from ? { start: from, end: e } : null;
}

/**
 * A generic object (资金) as the whole label, or at its end after an allocating verb (计划安排资金). Every
 * generic noun the label ends with shares its last character: one indexed lookup, not a test per noun.
 */
function isGeneric(label: string): boolean {
  if (GENERIC_INDEX.suffixOf(label) === undefined) return false;
  return GENERIC_SET.has(label) || ALLOCATING_VERB.test(label);
}

const GENERIC_INDEX = new WordIndex(GENERIC);
const GENERIC_SET = new Set(GENERIC);
const ALLOCATING_VERB = /(?:安排|投入|拨付|下达|使用)/;

/** 基本支出绩效目标计划安排资金 → 基本支出: a generic object names its concept earlier in the phrase. */
function conceptWithin(norm: string, r: Range): Range | null {
  const p = norm.slice(r.start, r.end);
  for (const term of CONCEPT_TERMS) {
    const i = p.indexOf(term);
    if (i >= 0) return { start: r.start + i, end: r.start + i + term.length };
  }
  return null;
}

/** 项目支出共设置五个项目，计划安排资金1085万元: the subject of an elliptical clause is named before it. */
function conceptEarlierInSentence(norm: string, pos: number, bounds: Boundaries): Range | null {
  const s = bounds.sentenceStart(pos, 200);
  // The latest mention wins; of mentions ending together the longest (一般公共预算财政拨款支出, not 财政拨款支出).
  const best = CONCEPT_INDEX.lastWithin(norm, s, pos);
  return best && widenToQualifiedConcept(norm, best, s);
}

/**
 * “三公”经费财政拨款支出: a concept term (财政拨款支出) may be the tail of a longer phrase naming another
 * concept; the longest phrase ending at the mention that still names a concept is the subject.
 */
function widenToQualifiedConcept(norm: string, mention: Range, floor: number): Range {
  let best = mention;
  for (let start = mention.start - 1; start >= Math.max(floor, mention.start - 12); start--) {
    if (isClauseBoundary(norm, start)) break;
    if (conceptOf(norm.slice(start, mention.end))) best = { start, end: mention.end };
  }
  return best;
}

/**
 * “三公”经费预算30万元，实际支出22.4万元: a subject ending in 预算 (预算数, 年初预算…) is a plan, one ending in
 * 决算/执行数/实际数 an outturn (data/concepts.json basisSuffixes). 一般公共预算 names a budget, not a plan.
 */
function suffixBasis(label: string | null): 'plan' | 'actual' | null {
  if (!label || BUDGET_CATEGORY.test(label)) return null;
  // The longest basis suffix that leaves something before it.
  const suffix = BASIS_SUFFIXES.endingAt(label, 1, label.length);
  if (!suffix) return null;
  return suffix.includes('预算') ? 'plan' : 'actual';
}

const BASIS_SUFFIXES = new WordIndex(concepts.basisSuffixes);
const BUDGET_CATEGORY = /(?:公共|基金|经营|保险)预算$/;

function markerBasis(label: string): 'plan' | 'actual' | null {
  if (PLAN_WORD.test(label)) return 'plan';
  if (ACTUAL_WORD.test(label)) return 'actual';
  return null;
}

function basisOf(norm: string, back: Range, f: Fact, bounds: Boundaries): 'plan' | 'actual' | null {
  const clause = norm.slice(back.start, f.start);
  if (PLAN_WORD.test(clause)) return 'plan';
  if (ACTUAL_WORD.test(clause)) return 'actual';
  const sentence = norm.slice(bounds.sentenceStart(back.start, 60), f.start);
  if (PLAN_WORD.test(sentence) && !ACTUAL_WORD.test(sentence)) return 'plan';
  return null;
}

/** 社会管理、公共服务项目支出分别为544.3万元、740.59万元: give each figure its own subject. */
function distributeRespectively(
  text: string,
  norm: string,
  facts: Fact[],
  backs: (Range | null | undefined)[],
): void {
  if (!norm.includes('分别')) return;
  for (let i = 0; i < facts.length; i++) {
    const f = facts[i]!;
    const back =
      backs[i] !== undefined ? backs[i] : backwardPhrase(norm, f.start, i > 0 ? facts[i - 1]!.end : 0);
    if (!back) continue;
    const phrase = norm.slice(back.start, back.end);
    const k = phrase.indexOf('分别');
    if (k < 0) continue;
    const subjects = splitList(back.start, phrase.slice(0, k));
    if (subjects.length < 2) continue;
    const run = [f];
    for (let j = i + 1; j < facts.length && run.length < subjects.length; j++) {
      const gap = norm.slice(facts[j - 1]!.end, facts[j]!.start);
      if (!/^[、，,和及与\s]*$/.test(gap)) break;
      run.push(facts[j]!);
    }
    if (run.length !== subjects.length) continue;
    run.forEach((fact, n) => {
      const r = subjects[n]!;
      fact.label = text.slice(r.start, r.end);
      fact.labelSpan = r;
    });
    i += run.length - 1;
  }
}

function splitList(offset: number, subject: string): Range[] {
  const out: Range[] = [];
  const re = /[^、和及与]+/g;
  for (let m = re.exec(subject); m !== null; m = re.exec(subject)) {
    const lead = m[0].length - m[0].trimStart().length;
    const word = m[0].trim();
    if (word) out.push({ start: offset + m.index + lead, end: offset + m.index + lead + word.length });
  }
  // Only the first item may carry the clause's leading words (其中, 2020年); strip them from it.
  if (out[0]) {
    const first = subject.slice(out[0].start - offset, out[0].end - offset);
    const cut = first.lastIndexOf('其中');
    if (cut >= 0) out[0] = { start: out[0].start + cut + 2, end: out[0].end };
  }
  return out;
}
