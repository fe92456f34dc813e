/**
 * Facts: every quantity in the text (amounts, percentages, counts) with its exact span, unit, label and period.
 *
 * One regex pass over the normalised text finds numeral candidates; each is accepted only when a unit
 * from the lexicon follows it, which is what separates a quantity from a year, an ordinal or an identifier
 * (60号令, 第3名, 12345市民投诉, 十九届五中全会).
 */
import lexicon from '../../data/lexicon.json' with { type: 'json' };
import { CharSet } from '../text/char-set.ts';
import { normalize } from '../text/normalize.ts';
import { alternation, escapeRegExp } from '../text/regexp.ts';
import { isSpaceCode, trimmedEnd } from '../text/space.ts';
import { StartScanner } from '../text/start-scan.ts';
import { Boundaries, WordIndex } from './boundaries.ts';
import { clauseBefore } from './clauses.ts';
import { attachLabels } from './labels.ts';
import { parseArabic, parseChineseNumeral } from './numerals.ts';
import { findPeriods, periodFor } from './periods.ts';
import { type CellContext, parseTables, type TableBlock } from './tables/index.ts';
import type { Comparator, Fact, FactKind } from './types.ts';

/** Every character a unit (UNIT below) can start with: approximators, scales, 元, percent signs, measure words. */
function unitStartCharacters(): Set<string> {
  const unitStarts = new Set(['余', '多', '万', '千', '百', '亿', '元', '%', '‰', '个']);
  for (const w of [...lexicon.measureWords, ...lexicon.scaleOnlyMeasureWords]) unitStarts.add(w[0]!);
  return unitStarts;
}

/**
 * Where a quantity may start. A Chinese numeral is a candidate only when a unit's first character follows it:
 * 一 stands in countless words (一般, 统一, 进一步), and each rejected candidate costs a unit lookup.
 */
function candidatePattern(): string {
  const next = `(?=[${[...unitStartCharacters()].map(escapeRegExp).join('')}])`;
  return [
    '百分之([零〇一二两三四五六七八九十百千]+|\\d+(?:\\.\\d+)?)',
    '(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?)',
    `([零〇一二两三四五六七八九十百千万亿]+)${next}`,
    `([零壹贰叁肆伍陆柒捌玖拾佰仟万萬亿億]+)${next}`,
  ].join('|');
}

/** Tried only where a candidate can start: a digit, 百 of 百分之, or a Chinese or financial numeral. */
const CANDIDATES = new StartScanner(
  candidatePattern(),
  '0123456789百零〇一二两三四五六七八九十千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億',
);

const SPACED_UNITS = new Set(lexicon.spacedUnits);
/** 800平方 米: a unit broken by a wrap or a stray space is still the unit. */
const MEASURE = [...lexicon.measureWords, ...lexicon.scaleOnlyMeasureWords]
  .sort((a, b) => b.length - a.length)
  .map((w) => (SPACED_UNITS.has(w) ? [...w].map(escapeRegExp).join(' ?') : escapeRegExp(w)))
  .join('|');
const SCALE_ONLY = new Set(lexicon.scaleOnlyMeasureWords);
const LATIN_UNIT = /^[A-Za-z²³]+$/;
/** 一台, 一套: a counted thing, where 一个, 一项 are mostly the article. */
const CHINESE_ONE = new Set(lexicon.chineseOneCounts);
const WAN_PEOPLE = new WordIndex(lexicon.bareWanPeople);
const WAN_MONEY = new RegExp(lexicon.bareWanMoneyContext.join('|'));
/**
 * The unit that must follow a numeral for it to be a quantity. The groups say which kind it is; they are
 * numbered, not named, because named groups allocate an object per match (see UnitGroup).
 */
const UNIT = new RegExp(
  `(余|多)?(?:((万亿|千万|百万|千|万|亿)?(余|多)?元(?!旦|素|首|宵))|(%|‰|个百分点|百分点|百分比)|(?:(万|亿)?(余|多)?(${MEASURE})))`,
  'y',
);
/** Indexes of UNIT's groups. */
const U_PRE = 1; // 余, 多 before the unit
const U_MONEY = 2;
const U_MONEY_SCALE = 3;
const U_MONEY_APPROX = 4;
const U_PERCENT = 5;
const U_COUNT_SCALE = 6;
const U_COUNT_APPROX = 7;
const U_MEASURE_WORD = 8;
/** By character code: most Arabic figures (years, codes, figures in prose) are followed by no unit at all. */
const UNIT_START = new CharSet([...unitStartCharacters()].map((c) => c.charCodeAt(0)));
const ARABIC_ONLY = new Set(lexicon.measureWordsArabicOnly);
/** A measure word directly followed by these characters is the start of another word (处理, 人民, 分钟). */
const MEASURE_BLOCKERS = new Map<string, string>(
  Object.entries({
    人: '民',
    分: '之钟别配类析管级局',
    处: '理置分罚长室',
    所: '属在有以得谓',
    场: '所景地合',
    名: '单称义额',
    批: '准复评示',
    期: '间限望',
    座: '谈',
    台: '账帐阶',
    家: '庭属长',
    起: '来草到',
    项: '目',
    件: '事',
  }),
);
const SUFFIX = /以上|以下|以内|左右|上下|许|整/y;
/** 90%以上 is at least 90%, 5万元以下 at most 5万元. */
const BOUND_SUFFIX: Record<string, Comparator> = { 以上: '≥', 以下: '≤', 以内: '≤' };
const SPLIT_DECIMAL = /\.[ \n](\d+)/y;
const APPROX_PREFIXES = new WordIndex(lexicon.approxPrefixes);
const COMPARATOR_OF = new Map<string, Comparator>(
  Object.entries(lexicon.comparators).flatMap(([op, words]) =>
    words.map((w) => [w, op as Comparator] as const),
  ),
);
const COMPARATORS = new WordIndex([...COMPARATOR_OF.keys()]);
const INCREASE = new WordIndex(lexicon.increaseWords);
const DECREASE = new WordIndex(lexicon.decreaseWords);
const CAPITAL = /[壹贰叁肆伍陆柒捌玖拾佰仟]/;
const CN_DIGIT = /[一二两三四五六七八九壹贰叁肆伍陆柒捌玖]/;
const APPROX_BLOCKERS = lexicon.approxBlockers;
const NAMED = new RegExp(alternation(lexicon.namedFormulations), 'g');

interface Numeral {
  start: number;
  end: number;
  value: number;
  decimals: number;
  script: 'arabic' | 'chinese' | 'percent-words';
}

export function parseFacts(text: string, norm = normalize(text)): Fact[] {
  return readFacts(text, norm).facts;
}

/** Facts and the table blocks they were read from (the blocks carry the sums tables state by structure). */
export function readFacts(text: string, norm = normalize(text)): { facts: Fact[]; tables: TableBlock[] } {
  const quoted = mergeRanges([...shortQuotedRanges(norm), ...namedFormulationRanges(norm)]);
  const facts: Fact[] = [];
  for (let m = CANDIDATES.next(norm, 0); m !== null; ) {
    let from = m.index + m[0].length;
    const numeral = readNumeral(m, norm);
    const fact = numeral && readQuantity(text, norm, numeral);
    if (fact && !isInside(quoted, fact.start)) {
      facts.push(fact);
      from = fact.end;
    }
    m = CANDIDATES.next(norm, from);
  }
  facts.push(...elidedUnitFacts(text, norm, facts));
  facts.sort((a, b) => a.start - b.start);
  const tables = parseTables(text, norm);
  const all = dropChrome(norm, mergeByPosition(facts, tables.facts));
  labelFromCells(all, tables.cells);
  const periods = findPeriods(norm);
  const bounds = new Boundaries(norm);
  for (const f of all) f.period ??= periodFor(norm, periods, f.start, bounds);
  attachLabels(text, norm, all, bounds);
  return { facts: all, tables: tables.blocks };
}

function readNumeral(m: RegExpExecArray, norm: string): Numeral | null {
  // Plain capture groups: named groups allocate an object per match, and most matches are rejected.
  // Every numeral is built with the same fields in the same order, so the code reading them stays monomorphic.
  const pct = m[1];
  const ar = m[2];
  const start = m.index;
  if (pct !== undefined) {
    const inner = /\d/.test(pct) ? parseArabic(pct) : chinese(pct);
    if (!inner) return null;
    return numeralOf(start, start + m[0].length, inner.value, inner.decimals, 'percent-words');
  }
  if (precededByIdentifier(norm, start)) return null;
  if (ar !== undefined) {
    let end = start + ar.length;
    let raw = ar;
    // PDF copies break figures after the decimal point ("4546. 77万元"); rejoin when a unit follows.
    // Most figures are followed by no point at all: the regex is tried only after one.
    const split = norm.charCodeAt(end) === 46 ? splitDecimalAt(norm, end) : null;
    if (split && !raw.includes('.')) {
      UNIT.lastIndex = end + split[0].length;
      if (UNIT.test(norm)) {
        raw += `.${split[1]}`;
        end += split[0].length;
      }
    }
    const parsed = parseArabic(raw);
    if (!parsed) return null;
    if (isMinusSign(norm, start)) return numeralOf(start - 1, end, -parsed.value, parsed.decimals, 'arabic');
    return numeralOf(start, end, parsed.value, parsed.decimals, 'arabic');
  }
  const cn = m[3] ?? m[4]!;
  // 千家万户, 百人: a bare power of ten is idiom, not a count; 一 alone is mostly the article "a".
  if (!CN_DIGIT.test(cn)) return null;
  const parsed = chineseWithTrailingScale(cn);
  if (!parsed) return null;
  return numeralOf(start, start + parsed.length, parsed.value, 0, 'chinese');
}

/** ". 77" at `pos`: the digits after a decimal point split from them by a space or a wrap. */
function splitDecimalAt(norm: string, pos: number): RegExpExecArray | null {
  SPLIT_DECIMAL.lastIndex = pos;
  return SPLIT_DECIMAL.exec(norm);
}

function numeralOf(
  start: number,
  end: number,
  value: number,
  decimals: number,
  script: Numeral['script'],
): Numeral {
  return { start, end, value, decimals, script };
}

function chinese(s: string): { value: number; decimals: number } | null {
  const v = parseChineseNumeral(s);
  return v === null ? null : { value: v, decimals: 0 };
}

/** 一千二百万元: the trailing 万 belongs to the unit (万元), not to the numeral. */
function chineseWithTrailingScale(cn: string): { value: number; length: number } | null {
  const body = /[万萬亿億]+$/.test(cn) ? cn.replace(/[万萬亿億]+$/, '') : cn;
  if (body.length === 0) return null;
  const value = parseChineseNumeral(body);
  return value === null ? null : { value, length: body.length };
}

/** 增长-3.5%, 为-12万元: a minus sign, not a range dash (10%-20%) or a code (GB-2012). */
function isMinusSign(norm: string, start: number): boolean {
  // By character code: `norm[i]` of the ideograph usually there is a new string per figure.
  const prev = norm.charCodeAt(start - 1);
  if (prev !== 0x2d && prev !== 0x2212) return false; // - −
  const before = norm[start - 2];
  return before === undefined || /[\s，,：:（(、；;=为是达长率幅动]/.test(before);
}

function precededByIdentifier(norm: string, start: number): boolean {
  // By character code: asked of every candidate, where `norm[i]` of an ideograph is a new string.
  if (start === 0) return false;
  const prev = norm.charCodeAt(start - 1);
  if (prev === 0x7b2c) return true; // 第: ordinals, 第3名, 第二次
  if (prev === 0x2d || prev === 0x2212) return /[A-Za-z\d]/.test(norm[start - 2] ?? ''); // 9704-2012, 1-11月
  if (isCodeCharacter(prev)) return true; // codes, versions
  // 10:30 is a time; 收入:356.40万元 (a list item in an ASCII copy) is a figure.
  if (prev === 0x3a) return /[\dA-Za-z]/.test(norm[start - 2] ?? '');
  return false;
}

/** [A-Za-z_/#.]: a character of a code or a version number. */
function isCodeCharacter(c: number): boolean {
  return (
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    c === 0x5f ||
    c === 0x2f ||
    c === 0x23 ||
    c === 0x2e
  );
}

function readQuantity(text: string, norm: string, n: Numeral): Fact | null {
  let pos = n.end;
  let kind: FactKind;
  let unit: string;
  let approx = false;
  if (n.script === 'percent-words') {
    kind = 'percent';
    unit = '%';
  } else {
    // One stray space between figure and unit is common in web and PDF copies ("设置 2个", "3 万元").
    if (norm[pos] === ' ' && n.script === 'arabic') pos++;
    const u = unitAt(norm, pos);
    if (!u) return n.script === 'arabic' ? bareWan(text, norm, n, pos) : null;
    if (u[U_PRE] || u[U_MONEY_APPROX] || u[U_COUNT_APPROX]) approx = true;
    const pct = u[U_PERCENT];
    if (u[U_MONEY] !== undefined) {
      kind = 'amount';
      unit = `${u[U_MONEY_SCALE] ?? ''}元`;
    } else if (pct !== undefined) {
      kind = 'percent';
      unit = pct === '百分点' ? '个百分点' : pct === '百分比' ? '%' : pct;
    } else {
      const measure = measureWord(u[U_MEASURE_WORD]!);
      const mw = measure.word;
      const cscale = u[U_COUNT_SCALE];
      if (n.script !== 'arabic' && measure.arabicOnly) return null;
      if (measure.scaleOnly && !cscale) return null; // 12万字 counts words; 200字以内 is an instruction
      const after = norm[pos + u[0].length];
      if (after !== undefined && measure.blockers?.includes(after)) return null;
      // 5m, 2.4km — but not the start of a word (3mm is not 3 m, 10min not 10 m).
      if (measure.latin && after !== undefined && /[A-Za-z\d²³]/.test(after)) return null;
      kind = 'count';
      unit = `${cscale ?? ''}${mw}`;
    }
    pos += u[0].length;
    if (n.script === 'chinese' && kind === 'count') {
      // 一个, 一起: the article "a", not a count; 一台, 一套 count one thing.
      if (n.value === 1 && !CHINESE_ONE.has(unit)) return null;
      if (unit === '次' && /[\u4e00-\u9fff]/.test(norm[pos] ?? '')) return null; // 二次分配: "secondary", not a count
    }
  }
  SUFFIX.lastIndex = pos;
  const suffix = SUFFIX.exec(norm);
  let bound: Comparator | null = null;
  if (suffix && !(suffix[0] === '整' && kind !== 'amount')) {
    bound = BOUND_SUFFIX[suffix[0]] ?? null;
    if (suffix[0] !== '整' && bound !== '≤') approx = true;
    pos += suffix[0].length;
  }
  const start = n.start;
  // The eight characters before the figure, trailing spaces left off, are where its approximator,
  // comparator and change word stand: kept as offsets, since a slice per figure is garbage.
  const from = Math.max(0, start - 8);
  const to = trimmedEnd(norm, from, start);
  if (!approx && hasApproxPrefix(norm, from, to)) approx = true;
  const numeral =
    n.script !== 'chinese' ? undefined : CAPITAL.test(norm.slice(start, n.end)) ? 'financial' : 'chinese';
  return {
    kind,
    value: n.value,
    unit,
    text: text.slice(start, pos),
    start,
    end: pos,
    label: null,
    labelSpan: null,
    approx,
    period: null,
    decimals: n.decimals,
    unitSource: 'inline',
    comparator: comparatorBefore(norm, from, to) ?? bound,
    change: changeBefore(norm, from, to),
    basis: null,
    numeral,
  };
}

/** What readQuantity asks of a measure word, as written after a figure. */
interface MeasureWord {
  /** The word without the stray spaces it may be written with (平方 米 → 平方米). */
  word: string;
  arabicOnly: boolean;
  scaleOnly: boolean;
  /** The characters that make it the start of another word (人 of 人民). */
  blockers: string | undefined;
  latin: boolean;
}

/** Per measure word as written: the words are few, the figures many, and each test was a lookup by string. */
const measureWords = new Map<string, MeasureWord>();

function measureWord(written: string): MeasureWord {
  let known = measureWords.get(written);
  if (known === undefined) {
    const word = written.replace(/ /g, '');
    known = {
      word,
      arabicOnly: ARABIC_ONLY.has(word),
      scaleOnly: SCALE_ONLY.has(word),
      blockers: MEASURE_BLOCKERS.get(word),
      latin: LATIN_UNIT.test(word),
    };
    measureWords.set(written, known);
  }
  return known;
}

/** The unit at `pos`, or null; the regex is tried only after a character a unit can start with. */
function unitAt(norm: string, pos: number): RegExpExecArray | null {
  if (pos >= norm.length || !UNIT_START.has(norm.charCodeAt(pos))) return null;
  UNIT.lastIndex = pos;
  return UNIT.exec(norm);
}

/**
 * A bare 万 after a figure: 2.2万常住人口 counts people (万人); 下达资金45万 is money (万元). Without either
 * reading the figure is left out rather than guessed.
 */
function bareWan(text: string, norm: string, n: Numeral, pos: number): Fact | null {
  if (norm[pos] !== '万' || /[\d元]/.test(norm[pos + 1] ?? '')) return null;
  const rest = norm.slice(pos + 1, pos + 8);
  const people = WAN_PEOPLE.prefixOf(rest);
  let kind: FactKind;
  let unit: string;
  if (people) {
    kind = 'count';
    unit = '万人';
  } else if (/^(?:[，,。；;、）)\s]|$)/.test(rest) && WAN_MONEY.test(clauseBefore(norm, n.start))) {
    kind = 'amount';
    unit = '万元';
  } else return null;
  const end = pos + 1;
  const from = Math.max(0, n.start - 8);
  const to = trimmedEnd(norm, from, n.start);
  return {
    kind,
    value: n.value,
    unit,
    text: text.slice(n.start, end),
    start: n.start,
    end,
    label: null,
    labelSpan: null,
    approx: hasApproxPrefix(norm, from, to),
    period: null,
    decimals: n.decimals,
    unitSource: 'inline',
    comparator: comparatorBefore(norm, from, to),
    change: changeBefore(norm, from, to),
    basis: null,
    numeral: undefined,
  };
}

const ELIDED =
  /(?:比|较)(?:上年|去年|上年度|上年同期|同期)?(?:的)?(\d+(?:\.\d+)?)(?=(?:增加|减少|增长|下降|上升|降低|提高)了?\d)/g;

/**
 * 较上年5.16减少0.42万元: last year's figure leaves its unit to the change after it. The figure takes the
 * change's unit (source `clause`) so the comparison can be checked.
 */
function elidedUnitFacts(text: string, norm: string, facts: Fact[]): Fact[] {
  const out: Fact[] = [];
  ELIDED.lastIndex = 0;
  for (let m = ELIDED.exec(norm); m !== null; m = ELIDED.exec(norm)) {
    const start = m.index + m[0].length - m[1]!.length;
    const end = m.index + m[0].length;
    // The scan's facts are in order and do not overlap: the next one and the one before are enough.
    const at = firstStartingFrom(facts, end);
    const next = facts[at] !== undefined && facts[at].start <= end + 4 ? facts[at] : undefined;
    if (!next || next.kind === 'percent' || (at > 0 && facts[at - 1]!.end > start)) continue;
    const parsed = parseArabic(m[1]!)!;
    out.push({
      kind: next.kind,
      value: parsed.value,
      unit: next.unit,
      text: text.slice(start, end),
      start,
      end,
      label: null,
      labelSpan: null,
      approx: false,
      period: null,
      decimals: parsed.decimals,
      unitSource: 'clause',
      comparator: null,
      change: null,
      basis: null,
      numeral: undefined,
    });
  }
  return out;
}

const CHROME = new RegExp(lexicon.pageChrome.join('|'));

/** Portal and document-site furniture (索引号, 浏览次数, (共3页), 下载积分…) is not the report's. */
function dropChrome(norm: string, facts: Fact[]): Fact[] {
  if (!CHROME.test(norm)) return facts;
  return facts.filter((f) => {
    const lineStart = norm.lastIndexOf('\n', f.start - 1) + 1;
    let lineEnd = norm.indexOf('\n', f.end);
    if (lineEnd < 0) lineEnd = norm.length;
    const line = norm.slice(lineStart, lineEnd);
    return !(line.length <= 120 && CHROME.test(line));
  });
}

/** Whether norm[from, to) ends with `word`. */
function endsWithWord(norm: string, from: number, to: number, word: string): boolean {
  return to - word.length >= from && norm.startsWith(word, to - word.length);
}

/** 约300万元 is approximate; 签约8户 is not. */
function hasApproxPrefix(norm: string, from: number, to: number): boolean {
  return (
    APPROX_PREFIXES.endingAt(norm, from, to) !== undefined &&
    !APPROX_BLOCKERS.some((w) => endsWithWord(norm, from, to, w))
  );
}

function comparatorBefore(norm: string, from: number, to: number): Comparator | null {
  const word = COMPARATORS.endingAt(norm, from, to);
  return word === undefined ? null : COMPARATOR_OF.get(word)!;
}

/** 减少30.5万元, 下降6.2%, 比上年变动了（增加）2人: the direction of a stated change. */
function changeBefore(norm: string, from: number, to: number): 'increase' | 'decrease' | null {
  // Brackets, 了 and spaces between the change word and the figure are passed over.
  let end = to;
  while (end > from && isChangeFiller(norm.charCodeAt(end - 1))) end--;
  if (DECREASE.endingAt(norm, from, end)) return 'decrease';
  if (INCREASE.endingAt(norm, from, end)) return 'increase';
  return null;
}

const CHANGE_FILLER = new Set([...'了（）()'].map((c) => c.charCodeAt(0)));
const isChangeFiller = (c: number) => CHANGE_FILLER.has(c) || isSpaceCode(c);

/** Short quoted phrases (“四个意识”, “十件实事”) are names of formulations, not quantities. */
function shortQuotedRanges(norm: string): [number, number][] {
  const ranges: [number, number][] = [];
  const re = /[“"「『]([^“”"」』\n]{1,12})[”"」』]/g;
  for (let m = re.exec(norm); m !== null; m = re.exec(norm)) ranges.push([m.index, m.index + m[0].length]);
  return ranges;
}

/** 中央八项规定, 三重一大: fixed formulations whose numerals name the formulation. */
function namedFormulationRanges(norm: string): [number, number][] {
  const ranges: [number, number][] = [];
  NAMED.lastIndex = 0;
  for (let m = NAMED.exec(norm); m !== null; m = NAMED.exec(norm))
    ranges.push([m.index, m.index + m[0].length]);
  return ranges;
}

function mergeRanges(ranges: [number, number][]): [number, number][] {
  ranges.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const r of ranges) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

function isInside(ranges: [number, number][], pos: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [s, e] = ranges[mid]!;
    if (pos < s) hi = mid - 1;
    else if (pos >= e) lo = mid + 1;
    else return true;
  }
  return false;
}

function labelFromCells(facts: Fact[], cells: CellContext[]): void {
  if (cells.length === 0) return;
  let c = 0;
  for (const f of facts) {
    while (c < cells.length && cells[c]!.end <= f.start) c++;
    const cell = cells[c];
    if (f.label === null && cell && cell.start <= f.start && f.end <= cell.end) {
      f.label = cell.label;
      f.labelSpan = null;
    }
  }
}

/** Table facts carry the row and column they stand in, so they win over the inline reading of the same cell. */
function mergeByPosition(inline: Fact[], table: Fact[]): Fact[] {
  if (table.length === 0) return inline;
  const sorted = [...table].sort((x, y) => x.start - y.start);
  // furthestEnd[k]: the furthest end among the first k + 1 table facts. A fact overlaps one of them iff
  // some table fact starts before it ends and ends after it starts.
  const furthestEnd: number[] = [];
  for (const t of sorted) furthestEnd.push(Math.max(t.end, furthestEnd.at(-1) ?? -1));
  const overlaps = (f: Fact) => {
    const before = firstStartingFrom(sorted, f.end); // table facts starting before f ends
    return before > 0 && furthestEnd[before - 1]! > f.start;
  };
  return mergeSorted(
    inline.filter((f) => !overlaps(f)),
    sorted,
  );
}

/**
 * Two lists sorted by start as one, `a` first where starts are equal: what a stable sort of `[...a, ...b]`
 * gives, in one pass instead of a comparison sort of the whole.
 */
function mergeSorted(a: Fact[], b: Fact[]): Fact[] {
  const out: Fact[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(a[i]!.start <= b[j]!.start ? a[i++]! : b[j++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

/** Index of the first fact (sorted by start) that starts at `pos` or later; `facts.length` if none. */
function firstStartingFrom(facts: Fact[], pos: number): number {
  let low = 0;
  let high = facts.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (facts[mid]!.start < pos) low = mid + 1;
    else high = mid;
  }
  return low;
}
