/**
 * The section tree of a report. Headings are found line by line on the normalised text (same offsets
 * as the original), then levels are inferred from numbering styles in document order, as a stack.
 * Pure, no I/O.
 *
 * Choices (documented because real reports disagree with each other and with GB/T 9704):
 * - The document title (first non-empty line, when it reads like a title) is not part of the tree, so
 *   the main sections of a report are at level 1.
 * - A numbered line is a heading when its text is short and has no sentence punctuation (`2．机构情况`),
 *   or when its first sentence is short and ends in 。！？ (`3．人员情况。2020年…` → title 人员情况).
 *   Numbered lines that end a clause in ；, carry `label：content`, or run long are list items.
 * - Numbered lines are judged by run (a family's items with consecutive ordinals): when most items of a
 *   run are list-like, the whole run is a list (a duty list `1）…；` … `20）承办…其他事项。`).
 * - A style already on the stack closes back to its level; a new style nests below the current one, except
 *   that `一、` and `第X部分/章/节` never nest under a more minor style (they close back instead): the
 *   sample's `三、` after unnumbered top-level headings. Arabic `1、` and `1.` share a level when the
 *   ordinal continues the sequence.
 * - Unnumbered headings must look like headings (short, no sentence punctuation, a heading-like ending
 *   such as 情况/说明/概况, body text after them, or an outline title). One directly followed by a
 *   numbered run starting at 1 becomes that run's parent; otherwise it sits beside the previous heading,
 *   or at the top numbered level when its title is a top-level outline title.
 * - A table of contents (`目录`) is one level-1 node; its entries are not headings.
 * - PDF tables: a short numbered or unnumbered line between table cells, with numeric cells nearby and
 *   no prose before or after, is a table row, not a heading.
 */
import hunanOutline from '../../data/outlines/hunan-dept-overall-2020.json' with { type: 'json' };
import { normalize } from '../text/normalize.ts';
import { parseChineseNumeral as parseNumeral } from './numerals.ts';
import type { Section } from './types.ts';

/** A whole-line heading is at most this long (after the number). */
const MAX_TITLE = 40;
/** A heading followed by body text on the same line: the first sentence is at most this long. */
const MAX_INLINE_TITLE = 30;
/** Unnumbered heading length bounds (characters, spaces excluded). */
const MIN_PLAIN_TITLE = 4;
const MAX_PLAIN_TITLE = 25;
/** A line at least this long is prose (or a wrapped prose line in PDF text). */
const PROSE_LENGTH = 28;
/** How many non-empty lines around a candidate are looked at for numeric table cells. */
const TABLE_WINDOW = 6;

interface StyleInfo {
  /** Styles of one family share a level when ordinals continue (1、 then 2.). */
  family: string;
  /** GB/T 9704 order, smaller = more major; used only to keep 一、/第X部分 from nesting under minor styles. */
  rank: number;
}

export const STYLES: Readonly<Record<string, StyleInfo>> = {
  'cn-part': { family: 'cn-part', rank: -1 },
  'cn-chapter': { family: 'cn-chapter', rank: 0 },
  'cn-section': { family: 'cn-section', rank: 0.5 },
  'cn-dun': { family: 'cn-dun', rank: 1 },
  'cn-dot': { family: 'cn-dun', rank: 1 },
  'cn-paren': { family: 'cn-paren', rank: 2 },
  'arabic-dot': { family: 'arabic', rank: 3 },
  'arabic-dun': { family: 'arabic', rank: 3 },
  'arabic-paren': { family: 'arabic-paren', rank: 4 },
  'arabic-half-paren': { family: 'arabic-half-paren', rank: 4.5 },
  circled: { family: 'circled', rank: 5 },
};

/** Styles whose headings never nest under a more minor style. */
const MAJOR_RANK = 1;

const CN = '一二三四五六七八九十百零〇两';
/**
 * One sticky pattern for every numbering style, run at the first non-space character of a line.
 * Groups: 1-2 第X部分/章/节/篇, 3-4 一、/一., 5 （一）, 6 （1）, 7-8 1、/1., 9 1）, 10 ①.
 */
const NUMBER_RE = new RegExp(
  `第([${CN}]{1,4})(部分|章|节|篇)|([${CN}]{1,4})([、.])|[（(]([${CN}]{1,4})[）)]|[（(](\\d{1,3})[）)]` +
    '|(\\d{1,3})([、.])(?!\\d)|(\\d{1,3})[）)]|([\\u2460-\\u2473])',
  'y',
);

const PART_STYLE: Record<string, string> = {
  部分: 'cn-part',
  篇: 'cn-part',
  章: 'cn-chapter',
  节: 'cn-section',
};

const HEADING_SUFFIX_RE =
  /(?:情况|说明|概况|概述|简介|综述|总结|分析|措施|建议|成效|成绩|结论|前言|附件|名词解释|打算|问题|做法|经验|职能|职责)$/;
const TITLE_WORD_RE = /报告|自评表|通知|意见|方案|决算$|预算$|总结$/;
/** Names of offices: a line like 月湖街道办事处 under the title is not a heading even before prose. */
const ORG_NAME_RE = /(?:处|局|委|办|院|所|站|街道|政府|中心|公司|委员会|办公室)$/;
const TOC_RE = /^目\s*录$/;
const BACK_MATTER_RE = /^(?:附件|附表|附录)/;
const NUMERIC_CELL_RE = /^[\d\s.,，%+\-−—–()（）]*\d[\d\s.,，%+\-−—–()（）]*$/;
const CJK_RE = /[\u4e00-\u9fff]/g;
/** Punctuation that never occurs in an unnumbered heading line. */
const PLAIN_FORBIDDEN_RE = /[。，；：;:！？!?,]/;

/** A heading ordinal: 一 → 1, 十一 → 11, 一百零五 → 105; null for anything else (零 is no ordinal). */
export function parseChineseNumeral(s: string): number | null {
  const v = parseNumeral(s);
  return v !== null && v > 0 ? v : null;
}

/**
 * A comparable key for a heading title: full-width folded, spaces, punctuation, leading year, the
 * 部门/单位 variations and a trailing 情况/的 removed. 部门、单位基本情况 and 部门基本情况 → 基本.
 */
export function titleKey(title: string): string {
  return normalize(title)
    .replace(/\s+/g, '')
    .replace(/^(?:19|20)\d{2}年度?/, '')
    .replace(/[（(](?:部门|单位)[）)]/g, '')
    .replace(/部门[、和及与/]单位|部门|单位/g, '')
    .replace(/[、，。；：;:,.“”‘’"'《》〈〉（）()【】[\]—\-…·/]/g, '')
    .replace(/的?情况$/, '')
    .replace(/的$/, '');
}

function outlineKeys(
  sections: readonly { title: string; synonyms?: readonly string[]; children?: readonly unknown[] }[],
): Set<string> {
  const keys = new Set<string>();
  for (const s of sections) {
    keys.add(titleKey(s.title));
    for (const syn of s.synonyms ?? []) keys.add(titleKey(syn));
  }
  keys.delete('');
  return keys;
}

/** Top-level titles of the bundled outline: a hint for placing unnumbered headings. */
const TOP_LEVEL_KEYS = outlineKeys(hunanOutline.sections);
const ALL_OUTLINE_KEYS = new Set([
  ...TOP_LEVEL_KEYS,
  ...outlineKeys(hunanOutline.sections.flatMap((s) => ('children' in s && s.children ? s.children : []))),
]);

/** A non-empty line: `s`/`e` bound its trimmed content. */
interface Line {
  s: number;
  e: number;
}

interface Candidate {
  start: number;
  headingEnd: number;
  titleStart: number;
  titleEnd: number;
  number: string | null;
  ordinal: number | null;
  style: string;
  /** For numbered lines: does the line read like a heading (rather than a list item)? */
  headingLike: boolean;
  /** Line index (into the non-empty lines). */
  line: number;
  toc?: boolean;
}

/** Spaces, tabs, CR, and the form feeds / zero-width marks PDF extraction leaves at page breaks. */
function isSpace(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 0xfeff || code === 0x200b;
}

function splitLines(n: string): Line[] {
  const lines: Line[] = [];
  let pos = 0;
  while (pos <= n.length) {
    let nl = n.indexOf('\n', pos);
    if (nl < 0) nl = n.length;
    let s = pos;
    let e = nl;
    while (s < e && isSpace(n.charCodeAt(s))) s++;
    while (e > s && isSpace(n.charCodeAt(e - 1))) e--;
    if (e > s) lines.push({ s, e });
    pos = nl + 1;
  }
  return lines;
}

function isTerminal(ch: string): boolean {
  return ch === '。' || ch === '！' || ch === '？' || ch === '!' || ch === '?';
}

function isProse(n: string, line: Line): boolean {
  if (line.e - line.s >= PROSE_LENGTH) return true;
  for (let i = line.s; i < line.e; i++) {
    const ch = n[i]!;
    if (isTerminal(ch) || ch === '；' || ch === ';') return true;
  }
  return false;
}

interface Numbering {
  number: string;
  ordinal: number;
  style: string;
  restStart: number;
}

function matchNumber(n: string, at: number): Numbering | null {
  NUMBER_RE.lastIndex = at;
  const m = NUMBER_RE.exec(n);
  if (!m) return null;
  let style: string;
  let ordinal: number | null;
  if (m[1] !== undefined) {
    style = PART_STYLE[m[2]!]!;
    ordinal = parseChineseNumeral(m[1]);
  } else if (m[3] !== undefined) {
    style = m[4] === '、' ? 'cn-dun' : 'cn-dot';
    ordinal = parseChineseNumeral(m[3]);
  } else if (m[5] !== undefined) {
    style = 'cn-paren';
    ordinal = parseChineseNumeral(m[5]);
  } else if (m[6] !== undefined) {
    style = 'arabic-paren';
    ordinal = Number(m[6]);
  } else if (m[7] !== undefined) {
    style = m[8] === '、' ? 'arabic-dun' : 'arabic-dot';
    ordinal = Number(m[7]);
  } else if (m[9] !== undefined) {
    style = 'arabic-half-paren';
    ordinal = Number(m[9]);
  } else {
    style = 'circled';
    ordinal = m[10]!.charCodeAt(0) - 0x2460 + 1;
  }
  if (ordinal === null || ordinal === 0) return null;
  return { number: m[0], ordinal, style, restStart: at + m[0].length };
}

interface RestShape {
  titleStart: number;
  titleEnd: number;
  headingEnd: number;
  headingLike: boolean;
}

/** Where the title of a numbered line ends, and whether the line reads like a heading. */
function shapeRest(n: string, restStart: number, e: number): RestShape {
  let rs = restStart;
  while (rs < e && isSpace(n.charCodeAt(rs))) rs++;
  for (let i = rs; i < e; i++) {
    const ch = n[i]!;
    if (ch === '；' || ch === ';') return { titleStart: rs, titleEnd: i, headingEnd: i, headingLike: false };
    if (ch === '：' || ch === ':') {
      // `4.其他：` alone is a heading; `1.设置5个党政机构：党政综合办公室、…` is a list item.
      const atEnd = i === e - 1;
      return { titleStart: rs, titleEnd: i, headingEnd: i + 1, headingLike: atEnd && i - rs <= MAX_TITLE };
    }
    if (isTerminal(ch)) {
      const len = i - rs;
      return {
        titleStart: rs,
        titleEnd: i,
        headingEnd: i + 1,
        headingLike: len > 0 && len <= MAX_INLINE_TITLE,
      };
    }
  }
  const last = n[e - 1];
  const headingLike = e - rs <= MAX_TITLE && last !== '，' && last !== '、' && last !== ',';
  return {
    titleStart: rs,
    titleEnd: headingLike ? e : Math.min(e, rs + MAX_TITLE),
    headingEnd: e,
    headingLike,
  };
}

/** Counts numeric table cells so that "is there one near line i" is O(1). */
function numericCellPrefix(n: string, lines: Line[]): Int32Array {
  const prefix = new Int32Array(lines.length + 1);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const numeric = line.e - line.s <= 24 && NUMERIC_CELL_RE.test(n.slice(line.s, line.e));
    prefix[i + 1] = prefix[i]! + (numeric ? 1 : 0);
  }
  return prefix;
}

interface Scan {
  n: string;
  lines: Line[];
  numeric: Int32Array;
  /** A table row was seen and no prose line since: the next short rows belong to the same table. */
  tableOpen: boolean;
}

function hasNumericNearby(scan: Scan, i: number): boolean {
  const lo = Math.max(0, i - TABLE_WINDOW);
  const hi = Math.min(scan.lines.length, i + TABLE_WINDOW + 1);
  return scan.numeric[hi]! - scan.numeric[lo]! > 0;
}

/**
 * A short line among table cells: neither neighbour is prose, and numeric cells are close by or the
 * previous short line (with no prose since) was already a table row.
 */
function looksLikeTableRow(scan: Scan, i: number): boolean {
  const prev = scan.lines[i - 1];
  const next = scan.lines[i + 1];
  if (prev && isProse(scan.n, prev)) return false;
  if (next && isProse(scan.n, next)) return false;
  if (scan.tableOpen || hasNumericNearby(scan, i)) {
    scan.tableOpen = true;
    return true;
  }
  return false;
}

/** A wrapped PDF line: the previous line is long and does not end a sentence. */
function isContinuation(scan: Scan, i: number): boolean {
  const prev = scan.lines[i - 1];
  if (!prev || prev.e - prev.s < PROSE_LENGTH) return false;
  const last = scan.n[prev.e - 1]!;
  return !isTerminal(last) && last !== '；' && last !== ';' && last !== '：' && last !== ':';
}

/** A long unpunctuated line followed by an unnumbered line: a paragraph wrapped by PDF extraction. */
function isWrapped(scan: Scan, i: number): boolean {
  const line = scan.lines[i]!;
  const next = scan.lines[i + 1];
  return line.e - line.s >= PROSE_LENGTH && next !== undefined && matchNumber(scan.n, next.s) === null;
}

function countCjk(s: string): number {
  CJK_RE.lastIndex = 0;
  let count = 0;
  while (CJK_RE.exec(s)) count++;
  return count;
}

function plainTitleShape(raw: string): { compact: string; ok: boolean } {
  const compact = raw.replace(/\s+/g, '');
  if (TOC_RE.test(raw)) return { compact, ok: true };
  const ok =
    compact.length >= MIN_PLAIN_TITLE &&
    compact.length <= MAX_PLAIN_TITLE &&
    !PLAIN_FORBIDDEN_RE.test(compact) &&
    !compact.endsWith('、') &&
    countCjk(compact) * 2 >= compact.length;
  return { compact, ok };
}

/** An unnumbered line that reads like a heading (see the module comment). */
function isPlainHeading(scan: Scan, i: number): boolean {
  const line = scan.lines[i]!;
  const raw = scan.n.slice(line.s, line.e);
  const { compact, ok } = plainTitleShape(raw);
  if (!ok) return false;
  if (TOC_RE.test(raw)) return true;
  if (isContinuation(scan, i) || looksLikeTableRow(scan, i)) return false;
  if (HEADING_SUFFIX_RE.test(compact) || BACK_MATTER_RE.test(compact)) return true;
  if (ALL_OUTLINE_KEYS.has(titleKey(compact))) return true;
  if (ORG_NAME_RE.test(compact)) return false;
  const next = scan.lines[i + 1];
  return next !== undefined && next.e - next.s >= 40 && scan.n.slice(next.s, next.e).includes('。');
}

function isDocumentTitle(n: string, line: Line): boolean {
  const raw = n.slice(line.s, line.e);
  if (line.e - line.s > 50 || PLAIN_FORBIDDEN_RE.test(raw) || TOC_RE.test(raw)) return false;
  return TITLE_WORD_RE.test(raw) || !HEADING_SUFFIX_RE.test(raw);
}

/**
 * The document title: the first line when it reads like one, plus up to two more lines that carry a
 * title word (a title broken over lines: 月湖街道 / 2020年度整体支出绩效自评报告).
 */
function titleLineCount(n: string, lines: Line[]): number {
  const first = lines[0];
  if (!first || matchNumber(n, first.s) || !isDocumentTitle(n, first)) return 0;
  let count = 1;
  while (count < 3) {
    const line = lines[count];
    if (!line || matchNumber(n, line.s) || !isDocumentTitle(n, line)) break;
    if (!TITLE_WORD_RE.test(n.slice(line.s, line.e))) break;
    count++;
  }
  return count;
}

/** An empty-titled number (`第一部分` alone): the title is on the next line when that line is short. */
function mergeNextLineTitle(scan: Scan, i: number): Line | null {
  const next = scan.lines[i + 1];
  if (!next || matchNumber(scan.n, next.s)) return null;
  const raw = scan.n.slice(next.s, next.e);
  if (raw.length > MAX_TITLE || PLAIN_FORBIDDEN_RE.test(raw)) return null;
  return next;
}

function plainCandidate(scan: Scan, i: number, toc = false): Candidate {
  const line = scan.lines[i]!;
  return {
    start: line.s,
    headingEnd: line.e,
    titleStart: line.s,
    titleEnd: line.e,
    number: null,
    ordinal: null,
    style: 'none',
    headingLike: true,
    line: i,
    toc,
  };
}

/**
 * Table of contents: from the 目录 line, entries run until the first entry's number comes round again
 * (the body starts) or prose appears. Returns the index of the first line after the contents.
 */
function skipContents(scan: Scan, tocLine: number): number {
  let first: Numbering | null = null;
  for (let i = tocLine + 1; i < scan.lines.length; i++) {
    const line = scan.lines[i]!;
    const num = matchNumber(scan.n, line.s);
    if (num && first && num.style === first.style && num.ordinal === first.ordinal) return i;
    if (num && !first) first = num;
    else if (!num && isProse(scan.n, line) && scan.n.slice(line.s, line.e).includes('。')) return i;
  }
  return scan.lines.length;
}

/** Pass 1: every line that may be a heading, in order. */
function findCandidates(scan: Scan): Candidate[] {
  const { n, lines } = scan;
  const out: Candidate[] = [];
  let i = titleLineCount(n, lines);
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (scan.tableOpen && isProse(n, line)) scan.tableOpen = false;
    const num = matchNumber(n, line.s);
    if (!num) {
      if (!isPlainHeading(scan, i)) continue;
      const raw = n.slice(line.s, line.e);
      if (TOC_RE.test(raw)) {
        out.push(plainCandidate(scan, i, true));
        i = skipContents(scan, i) - 1;
      } else {
        out.push(plainCandidate(scan, i));
      }
      continue;
    }
    const shape = shapeRest(n, num.restStart, line.e);
    const candidate: Candidate = {
      start: line.s,
      headingEnd: shape.headingEnd,
      titleStart: shape.titleStart,
      titleEnd: shape.titleEnd,
      number: num.number,
      ordinal: num.ordinal,
      style: num.style,
      headingLike: shape.headingLike,
      line: i,
    };
    if (shape.titleStart >= line.e) {
      const merged = mergeNextLineTitle(scan, i);
      if (merged) {
        candidate.titleStart = merged.s;
        candidate.titleEnd = merged.e;
        candidate.headingEnd = merged.e;
        i++;
      }
    } else if (shape.headingLike && shape.headingEnd === line.e) {
      // 第X部分 is never a table row; 一、 may be (PDF tables list 一、一般公共服务支出 …).
      if (STYLES[num.style]!.rank > 0.5 && looksLikeTableRow(scan, i)) continue;
      if (isWrapped(scan, i)) candidate.headingLike = false;
    }
    out.push(candidate);
  }
  return out;
}

/**
 * Pass 2: a run is one family's consecutive ordinals (1, 2, 3 …); when list-like items are at least as
 * many as heading-like ones, the whole run is a list and leaves the tree.
 */
function dropListRuns(candidates: Candidate[]): Candidate[] {
  const drop = new Set<Candidate>();
  const open = new Map<string, { last: number; members: Candidate[] }>();
  const decide = (members: Candidate[]) => {
    let heading = 0;
    for (const c of members) if (c.headingLike) heading++;
    if (heading * 2 <= members.length) for (const c of members) drop.add(c);
  };
  for (const c of candidates) {
    if (c.ordinal === null) continue;
    const family = STYLES[c.style]!.family;
    const run = open.get(family);
    if (run && c.ordinal === run.last + 1) {
      run.members.push(c);
      run.last = c.ordinal;
      continue;
    }
    if (run) decide(run.members);
    open.set(family, { last: c.ordinal, members: [c] });
  }
  for (const run of open.values()) decide(run.members);
  return drop.size ? candidates.filter((c) => !drop.has(c)) : candidates;
}

/** One level of the stack: the numbering family used there and the node currently open at it. */
interface Slot {
  family: string | null;
  styles: string[];
  /** Known or inferred GB/T rank; null for an unnumbered level with nothing to infer from. */
  rank: number | null;
  lastOrdinal: number;
  node: Section;
}

function findSlot(stack: Slot[], c: Candidate): number {
  const family = STYLES[c.style]!.family;
  for (let i = stack.length - 1; i >= 0; i--) {
    const slot = stack[i]!;
    if (slot.styles.includes(c.style)) return i;
    if (slot.family === family && slot.lastOrdinal + 1 === c.ordinal) return i;
  }
  return -1;
}

/** Depth the stack keeps before a new style is pushed: 一、 and 第X部分 close back over minor styles. */
function keptDepthForNewStyle(stack: Slot[], style: string): number {
  const rank = STYLES[style]!.rank;
  if (rank > MAJOR_RANK) return stack.length;
  let depth = stack.length;
  while (depth > 0) {
    const slot = stack[depth - 1]!;
    const slotRank = slot.rank;
    const minor = slot.family === null ? slotRank === null || slotRank >= rank : slotRank! > rank;
    if (!minor) break;
    depth--;
  }
  return depth;
}

/** Where a numbered heading would go: the slot it continues, or the depth a new style is pushed at. */
function placeNumbered(stack: Slot[], c: Candidate): { slot: number } | { push: number } {
  const i = findSlot(stack, c);
  if (i >= 0) return { slot: i };
  return { push: keptDepthForNewStyle(stack, c.style) };
}

function makeSection(text: string, c: Candidate, level: number): Section {
  let title = text.slice(c.titleStart, c.titleEnd).trim();
  title = title.replace(/[。：:]+$/, '').trim();
  return {
    number: c.number === null ? null : text.slice(c.start, c.start + c.number.length),
    ordinal: c.ordinal,
    style: c.style,
    title,
    level,
    start: c.start,
    end: text.length,
    headingEnd: c.headingEnd,
    children: [],
  };
}

function occupy(stack: Slot[], index: number, node: Section, fresh: Omit<Slot, 'node'>): void {
  const existing = stack[index];
  stack.length = index;
  stack.push(existing ? { ...existing, node } : { ...fresh, node });
}

/**
 * Level of an unnumbered heading, and the rank its level implies when it is the parent of the
 * numbered run that follows (see the module comment).
 */
function placePlain(
  stack: Slot[],
  c: Candidate,
  next: Candidate | undefined,
  previousLevel: number,
  text: string,
): { level: number; rank: number | null } {
  const title = text.slice(c.titleStart, c.titleEnd);
  if (c.toc || BACK_MATTER_RE.test(title)) return { level: 1, rank: null };
  if (next?.ordinal === 1) {
    const where = placeNumbered(stack, next);
    if ('slot' in where && where.slot >= 1) return { level: where.slot, rank: null };
    const nextRank = STYLES[next.style]!.rank;
    if ('push' in where && where.push === stack.length && nextRank > MAJOR_RANK) {
      return { level: stack.length + 1, rank: nextRank - 1 };
    }
  }
  if (TOP_LEVEL_KEYS.has(titleKey(title))) {
    const top = stack.findIndex((s) => s.family === 'cn-dun');
    if (top >= 0) return { level: top + 1, rank: null };
    const first = stack[0];
    const underPart = first !== undefined && first.family !== null && (first.rank ?? 1) < MAJOR_RANK;
    return { level: underPart ? 2 : 1, rank: null };
  }
  return { level: Math.max(1, Math.min(previousLevel, stack.length + 1)), rank: null };
}

function buildTree(text: string, candidates: Candidate[]): Section[] {
  const roots: Section[] = [];
  const stack: Slot[] = [];
  let previousLevel = 1;
  for (let k = 0; k < candidates.length; k++) {
    const c = candidates[k]!;
    let level: number;
    let node: Section;
    if (c.ordinal === null) {
      const placed = placePlain(stack, c, candidates[k + 1], previousLevel, text);
      level = placed.level;
      node = makeSection(text, c, level);
      occupy(stack, level - 1, node, { family: null, styles: [], rank: placed.rank, lastOrdinal: 0 });
      if (c.toc) stack.length = 0;
    } else {
      const where = placeNumbered(stack, c);
      const info = STYLES[c.style]!;
      if ('slot' in where) {
        level = where.slot + 1;
        node = makeSection(text, c, level);
        stack.length = level;
        const slot = stack[where.slot]!;
        slot.node = node;
        slot.lastOrdinal = c.ordinal;
        if (!slot.styles.includes(c.style)) slot.styles.push(c.style);
        if (slot.family === null) slot.family = info.family;
        if (slot.rank === null) slot.rank = info.rank;
      } else {
        level = where.push + 1;
        node = makeSection(text, c, level);
        stack.length = where.push;
        stack.push({ family: info.family, styles: [c.style], rank: info.rank, lastOrdinal: c.ordinal, node });
      }
    }
    const parent = level > 1 ? stack[level - 2]?.node : undefined;
    (parent ? parent.children : roots).push(node);
    previousLevel = level;
  }
  closeSections(roots, text.length);
  return roots;
}

/** A section ends where the next heading at its level or above starts. */
function closeSections(roots: Section[], textEnd: number): void {
  const close = (nodes: Section[], end: number) => {
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      node.end = i + 1 < nodes.length ? nodes[i + 1]!.start : end;
      close(node.children, node.end);
    }
  };
  close(roots, textEnd);
}

export function parseSections(text: string, n = normalize(text)): Section[] {
  const lines = splitLines(n);
  const scan: Scan = { n, lines, numeric: numericCellPrefix(n, lines), tableOpen: false };
  const candidates = dropListRuns(findCandidates(scan));
  return buildTree(text, candidates);
}

/** Every section in document order (pre-order walk). */
export function flattenSections(sections: readonly Section[]): Section[] {
  const out: Section[] = [];
  const walk = (nodes: readonly Section[]) => {
    for (const node of nodes) {
      out.push(node);
      walk(node.children);
    }
  };
  walk(sections);
  return out;
}
