/**
 * Soft line wraps. Text copied out of a PDF breaks every line at the page width, in the middle of
 * sentences, numbers and labels ("一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完\n成年初预算的98.20%").
 * Readers that work clause by clause need those breaks gone; the section reader needs the lines.
 *
 * A document is taken to be hard-wrapped when most of its prose lines end near one common width. A break is
 * soft when its line reaches that width, does not end a sentence, and the next line does not start a heading
 * or a list item. The joined text comes with a map back to the original offsets, so spans still index the
 * decoded text.
 */
import { trimmedEnd, trimmedStart } from './space.ts';
import { charWidth } from './width.ts';

export interface JoinedText {
  /** The text with soft breaks removed. */
  text: string;
  /** Offset in the joined text → offset in the original, for a start (inclusive) position. */
  startToOriginal(offset: number): number;
  /** Offset in the joined text → offset in the original, for an end (exclusive) position. */
  endToOriginal(offset: number): number;
}

/** Lines shorter than this are cells, headings or list items: they do not tell the page width. */
const PROSE_LINE = 16;
/** How far short of the page width a wrapped line may stop (a wide character or punctuation that would not fit). */
const SLACK = 6;
/** Page widths above this (in columns) are paragraphs on one line, not a printed page. */
const MAX_PAGE_WIDTH = 130;
/** Share of prose lines that must reach the page width for the document to count as hard-wrapped. */
const WRAPPED_SHARE = 0.4;
const SENTENCE_END = /[。！？!?；;：:]\s*$/;
const STARTS_BLOCK =
  /^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．)）](?!\d)|[①-⑳]|第[一二三四五六七八九十\d]+[部章节条]|附件|附表|表\d)/;

/** The text with its soft wraps removed, or null when the document is not hard-wrapped. */
export function joinSoftWraps(text: string): JoinedText | null {
  const lines = splitLines(text);
  const width = pageWidth(lines);
  if (width === null) return null;
  const removed: number[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i]!;
    if (line.width < width - SLACK) continue;
    const lineText = text.slice(line.start, line.end);
    if (SENTENCE_END.test(lineText) || isTableRow(lineText)) continue;
    const next = text.slice(lines[i + 1]!.start, lines[i + 1]!.end);
    if (next.trim() === '' || STARTS_BLOCK.test(next) || isTableRow(next)) continue;
    removed.push(line.end); // the "\n"
  }
  if (removed.length === 0) return null;
  return joined(text, removed);
}

/**
 * A line as offsets into the text: most documents are not hard-wrapped, and for them a string per line
 * would be garbage read once for its width.
 */
interface Line {
  start: number;
  /** Offset of the "\n" (or the text's end). */
  end: number;
  /** Display width without trailing space; infinite past the widest page (a paragraph on one line). */
  width: number;
  /** Long enough to tell the page width and not a table row. */
  prose: boolean;
}

/** Table rows (cells separated by tabs or bars) are never wrapped prose, however wide. */
function isTableRow(line: string): boolean {
  return line.includes('\t') || /[|｜]/.test(line);
}

const isCellSeparator = (c: number) => c === 0x09 || c === 0x7c || c === 0xff5c; // \t | ｜

/** Every line measured in one pass over its characters: the width and the table test share the walk. */
function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const contentEnd = trimmedEnd(text, start, end);
    const measured = contentEnd - start <= MAX_PAGE_WIDTH;
    let width = 0;
    let table = false;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      if (isCellSeparator(c)) table = true;
      if (measured && i < contentEnd) width += unitWidth(c);
    }
    const long = contentEnd - trimmedStart(text, start, contentEnd) >= PROSE_LINE;
    lines.push({ start, end, width: measured ? width : Number.POSITIVE_INFINITY, prose: long && !table });
    if (nl < 0) return lines;
    start = nl + 1;
  }
}

/**
 * charWidth of one UTF-16 unit (a lone surrogate counts as displayWidth counts it), with the common cases
 * first: ASCII, ideographs, CJK punctuation (，。are 0x3000s and 0xff00s).
 */
function unitWidth(c: number): number {
  if (c < 0x1100) return 1;
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303e) || (c >= 0xff00 && c <= 0xff60)) return 2;
  return charWidth(c);
}

/** The common width most prose lines reach, or null when lines do not share one. */
function pageWidth(lines: Line[]): number | null {
  const widths: number[] = [];
  for (const l of lines) if (l.prose) widths.push(l.width);
  widths.sort((a, b) => a - b);
  if (widths.length < 5) return null;
  // One paragraph per line: most prose lines run past any page width.
  if (widths[Math.floor(widths.length * 0.5)] === Number.POSITIVE_INFINITY) return null;
  const width = widths[Math.floor(widths.length * 0.9)]!;
  if (width > MAX_PAGE_WIDTH) return null;
  const reaching = widths.filter((w) => w >= width - SLACK && w <= width + SLACK).length;
  return reaching / widths.length >= WRAPPED_SHARE ? width : null;
}

function joined(text: string, removed: number[]): JoinedText {
  let out = '';
  let last = 0;
  for (const r of removed) {
    out += text.slice(last, r);
    last = r + 1;
  }
  out += text.slice(last);
  // Removed character k sits at joined offset removed[k] - k; count those at or before an offset.
  const at = removed.map((r, k) => r - k);
  const countBefore = (offset: number, inclusive: boolean) => {
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (inclusive ? at[mid]! <= offset : at[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    text: out,
    startToOriginal: (offset) => offset + countBefore(offset, true),
    endToOriginal: (offset) => offset + countBefore(offset, false),
  };
}
