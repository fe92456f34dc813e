/**
 * A PDF's positioned text runs → the text the engine reads. Pure: no pdfjs here, only geometry.
 *
 * The text engine works on lines (headings, list items, table rows, sentences with their labels), so
 * this rebuilds lines the way a reader sees them: runs on one baseline joined without the spaces a layout
 * engine puts between Chinese characters, table cells separated by tabs, running headers, footers and
 * page numbers dropped, and visual lines that wrap in mid-sentence joined back into one line.
 */
import type { PageSpan, SourceBlock } from '../types.ts';
import { cleanText, endsSentence, isNarrow, mapRadicals, startsLikeHeading } from './pdf-text.ts';

/** One text run as pdfjs reports it, in page units with the origin bottom-left of the (rotated) page. */
export interface PdfTextItem {
  str: string;
  /** Start of the baseline. */
  x: number;
  y: number;
  /** Advance width along the baseline. */
  width: number;
  /** Font size (em) in page units. */
  size: number;
}

export interface PdfPageContent {
  width: number;
  height: number;
  items: PdfTextItem[];
  /** Image drawing operations, counted only on pages with (almost) no text. */
  images: number;
}

export interface PdfLayout {
  text: string;
  blocks: SourceBlock[];
  pages: PageSpan[];
}

/** All distances below are in ems of the text involved. */
const SAME_LINE_EM = 0.45;
/** Wider than any word space or justification stretch; narrower than the padding between table cells. */
const CELL_GAP_EM = 1.2;
const WORD_GAP_EM = 0.15;
/** A run drawn again at (almost) the same place is fake bold, not text. */
const DUPLICATE_EM = 0.3;
/** A line whose start is this far right of the margin is indented: a new paragraph. */
const INDENT_EM = 0.6;
/** Vertical distance beyond this many typical line pitches is a paragraph gap. */
const PARAGRAPH_GAP = 1.4;
/** A line ending this close to the right margin is full: its paragraph goes on. */
const FULL_LINE_EM = 2;
/** The long lines' end counts as the right margin if it is within this of the left margin's mirror. */
const MARGIN_SLACK_EM = 3;
/** Running headers and footers are looked for among this many lines at each end of a page. */
const EDGE_LINES = 3;
/** A repeated line must sit within this distance of the same height on the other pages. */
const SAME_Y = 4;
/**
 * Running headers and footers live in the page margins: only lines within this share of the page height
 * from the top or bottom qualify (a form whose labels repeat on every page keeps them). Bare page numbers
 * (`3`, `3/10`) must be in this band too.
 */
const EDGE_BAND = 0.15;

interface Line {
  page: number;
  text: string;
  x: number;
  y: number;
  right: number;
  size: number;
  table: boolean;
  /** Width of the first word (or first Chinese character): whether it would have fitted on the line above. */
  leadWidth: number;
  /** The runs, left to right: a table's wrapped cells are rebuilt from them (joinWrappedCells). */
  items: PdfTextItem[];
}

interface PageLines {
  page: number;
  width: number;
  height: number;
  lines: Line[];
}

export function layoutPdf(pages: readonly PdfPageContent[]): PdfLayout {
  const pageLines = pages.map((content, index) => ({
    page: index + 1,
    width: content.width,
    height: content.height,
    lines: buildLines(content.items, index + 1),
  }));
  removeRunningLines(pageLines);
  for (const page of pageLines) removePageNumbers(page);
  const { pitch } = measure(pageLines);
  for (const page of pageLines) page.lines = joinWrappedCells(page.lines, pitch);
  dropRepeatedHeaders(pageLines);
  const paragraphs = reflow(pageLines, measure(pageLines));
  return serialize(paragraphs, pages.length);
}

// ---- runs → lines ------------------------------------------------------------------------------------

function buildLines(items: readonly PdfTextItem[], page: number): Line[] {
  const usable = items
    .filter(
      (item) => item.str.trim() !== '' && item.size > 0 && Number.isFinite(item.x + item.y + item.width),
    )
    .map((item) => ({ ...item, str: mapRadicals(item.str) }));
  usable.sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: PdfTextItem[][] = [];
  let baseline = Number.NaN;
  let groupSize = 0;
  for (const item of usable) {
    const group = groups.at(-1);
    if (group && Math.abs(baseline - item.y) <= SAME_LINE_EM * Math.max(groupSize, item.size)) {
      group.push(item);
      groupSize = Math.max(groupSize, item.size);
    } else {
      groups.push([item]);
      baseline = item.y;
      groupSize = item.size;
    }
  }
  return groups.map((group) => buildLine(group, page)).filter((line): line is Line => line !== null);
}

function buildLine(group: PdfTextItem[], page: number): Line | null {
  const items = [...group].sort((a, b) => a.x - b.x);
  const size = median(items.map((item) => item.size));
  const cells: string[][] = [[]];
  let previous: PdfTextItem | null = null;
  let right = Number.NEGATIVE_INFINITY;
  for (const item of items) {
    if (previous) {
      if (item.str === previous.str && Math.abs(item.x - previous.x) < DUPLICATE_EM * size) continue;
      const separator = separatorBetween(previous.str, item.str, item.x - right, size);
      if (separator === '\t') cells.push([]);
      else if (separator !== '') cells.at(-1)!.push(separator);
    }
    cells.at(-1)!.push(item.str);
    right = Math.max(right, item.x + item.width);
    previous = item;
  }
  const texts = cells.map((pieces) => cleanText(pieces.join(''))).filter((text) => text !== '');
  if (texts.length === 0) return null;
  const first = items[0]!;
  return {
    page,
    text: texts.join('\t'),
    x: first.x,
    y: median(items.map((item) => item.y)),
    right,
    size,
    table: texts.length > 1,
    leadWidth: leadWidth(first, size),
    items,
  };
}

/** A tab between table cells, a space between Latin words, nothing between Chinese characters or digits. */
function separatorBetween(left: string, right: string, gap: number, size: number): string {
  if (gap >= CELL_GAP_EM * size) return '\t';
  if (gap <= WORD_GAP_EM * size) return '';
  const last = left.trimEnd().at(-1);
  const next = right.trimStart()[0];
  if (!isNarrow(last) || !isNarrow(next)) return '';
  // `4546.` + `77`: a number split into two runs is one number even across a small gap.
  if (
    /\d[.,]?$/.test(left.trimEnd()) &&
    /^[.,]?\d/.test(right.trimStart()) &&
    /[.,]/.test(`${last}${next}`)
  ) {
    return '';
  }
  return ' ';
}

function leadWidth(item: PdfTextItem, size: number): number {
  const text = item.str.trimStart();
  let narrow = 0;
  while (narrow < text.length && isNarrow(text[narrow])) narrow++;
  if (narrow === 0) return size;
  return (item.width * narrow) / Math.max(1, item.str.length);
}

// ---- running headers, footers, page numbers ----------------------------------------------------------

/** Lines that recur at the same height on most pages (digits ignored, so `第 3 页` matches `第 4 页`). */
function removeRunningLines(pages: PageLines[]): void {
  const withText = pages.filter((page) => page.lines.length > 0);
  if (withText.length < 2) return;
  const needed = withText.length === 2 ? 2 : Math.floor(withText.length / 2) + 1;
  const byKey = new Map<string, Line[]>();
  for (const page of withText) {
    for (const line of edgeLines(page)) {
      const key = runningKey(line.text);
      byKey.set(key, [...(byKey.get(key) ?? []), line]);
    }
  }
  const running = new Set<Line>();
  for (const lines of byKey.values()) {
    if (lines.length < needed) continue;
    for (const line of lines) {
      const pagesWithIt = new Set(
        lines.filter((other) => Math.abs(other.y - line.y) <= SAME_Y).map((o) => o.page),
      );
      if (pagesWithIt.size >= needed) running.add(line);
    }
  }
  if (running.size === 0) return;
  for (const page of pages) page.lines = page.lines.filter((line) => !running.has(line));
}

function edgeLines(page: PageLines): Line[] {
  const edges =
    page.lines.length <= 2 * EDGE_LINES
      ? page.lines
      : [...page.lines.slice(0, EDGE_LINES), ...page.lines.slice(-EDGE_LINES)];
  return edges.filter((line) => inEdgeBand(line, page));
}

function inEdgeBand(line: Line, page: PageLines): boolean {
  return line.y > page.height * (1 - EDGE_BAND) || line.y < page.height * EDGE_BAND;
}

function runningKey(text: string): string {
  return text.replace(/\s+/g, '').replace(/\d+/g, '#');
}

const PAGE_NUMBER = [
  /^[-—–－‒―~～]+\s*\d{1,4}\s*[-—–－‒―~～]+$/, // - 3 -, — 3 —
  /^第\s*\d{1,4}\s*页(?:\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?$/, // 第 3 页 共 10 页
  /^共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*\d{1,4}\s*页$/,
  /^page\s*\d{1,4}(?:\s*(?:of|\/)\s*\d{1,4})?$/i,
];
/** Too plain to trust away from the page edge: a table's last cell can be `3`. */
const BARE_PAGE_NUMBER = [/^\d{1,4}$/, /^\d{1,4}\s*[/／]\s*\d{1,4}$/];

function removePageNumbers(page: PageLines): void {
  const isPageNumber = (line: Line) => {
    const text = line.text.replace(/\t/g, ' ').trim();
    if (PAGE_NUMBER.some((pattern) => pattern.test(text))) return true;
    return inEdgeBand(line, page) && BARE_PAGE_NUMBER.some((pattern) => pattern.test(text));
  };
  while (page.lines.length > 0 && isPageNumber(page.lines[0]!)) page.lines.shift();
  while (page.lines.length > 0 && isPageNumber(page.lines.at(-1)!)) page.lines.pop();
}

// ---- table cells that wrap ----------------------------------------------------------------------------

/**
 * A cell whose text wraps puts its lines above and below the row's baseline, where the single-line cells
 * sit: "项目验收合" / "产出指标  质量指标  100%  20" / "格率". Each such fragment line is joined to the
 * table row nearest it, column by column, when it lies closer than a line pitch and reads as a wrap:
 * the text above a wrap in the same column runs to the column's edge. The columns come from the runs of
 * every line of the table (the gaps no text crosses). Tables without wrapped cells are left as they are.
 */
function joinWrappedCells(lines: readonly Line[], pitch: number): Line[] {
  const out: Line[] = [];
  let i = 0;
  while (i < lines.length) {
    const end = tableRegionEnd(lines, i, pitch);
    if (end === i) out.push(lines[i++]!);
    else {
      out.push(...rebuildTable(lines.slice(i, end), pitch));
      i = end;
    }
  }
  return out;
}

/** How far one line of a table may sit from its row's baseline. */
function rowReach(pitch: number, size: number): number {
  return Number.isFinite(pitch) ? Math.max(0.9 * pitch, 1.3 * size) : 1.6 * size;
}

/**
 * The end (exclusive) of the table region starting at `start`, or `start` when none starts there: table
 * rows and lines of the table's font size within reach of them, with at least one fragment among them.
 */
function tableRegionEnd(lines: readonly Line[], start: number, pitch: number): number {
  const first = lines[start]!;
  const sameSize = (a: Line, b: Line) => Math.abs(a.size - b.size) <= 0.15 * Math.max(a.size, b.size);
  let end = start + 1;
  let tables = first.table ? 1 : 0;
  while (end < lines.length) {
    const line = lines[end]!;
    const previous = lines[end - 1]!;
    if (line.page !== previous.page || !sameSize(line, previous)) break;
    if (!line.table && !previous.table && !lines[end + 1]?.table) break;
    if (previous.y - line.y > 2.5 * rowReach(pitch, line.size) && !(line.table && previous.table)) break;
    if (line.table) tables++;
    end++;
  }
  // A region must start and end at a table row or a line next to one, and hold a fragment.
  while (end > start + 1 && !lines[end - 1]!.table && !lines[end - 2]!.table) end--;
  const region = lines.slice(start, end);
  const fragments = region.filter((line) => !line.table).length;
  if (tables === 0 || fragments === 0 || (!first.table && !lines[start + 1]?.table)) return start;
  return end;
}

interface Column {
  x: number;
  right: number;
}

function columnsOf(region: readonly Line[]): Column[] {
  const spans = region
    .flatMap((line) => line.items.map((item) => ({ x: item.x, right: item.x + item.width, size: line.size })))
    .sort((a, b) => a.x - b.x);
  const columns: Column[] = [];
  for (const span of spans) {
    const last = columns.at(-1);
    if (last && span.x <= last.right + 0.3 * span.size) last.right = Math.max(last.right, span.right);
    else columns.push({ x: span.x, right: span.right });
  }
  return columns;
}

/** The line's text per column ('' where it has none), and where each column's text ends. */
function cellsByColumn(line: Line, columns: readonly Column[]): { text: string; right: number }[] {
  const pieces = columns.map(() => ({ items: [] as PdfTextItem[], right: Number.NEGATIVE_INFINITY }));
  for (const item of line.items) {
    const middle = item.x + item.width / 2;
    let at = columns.findIndex((c) => middle <= c.right);
    if (at < 0) at = columns.length - 1;
    pieces[at]!.items.push(item);
    pieces[at]!.right = Math.max(pieces[at]!.right, item.x + item.width);
  }
  return pieces.map(({ items, right }) => ({ text: joinRuns(items, line.size), right }));
}

function joinRuns(items: readonly PdfTextItem[], size: number): string {
  let text = '';
  let right = Number.NEGATIVE_INFINITY;
  let previous: PdfTextItem | null = null;
  for (const item of items) {
    if (previous) {
      const separator = separatorBetween(previous.str, item.str, item.x - right, size);
      text += separator === '\t' ? ' ' : separator;
    }
    text += item.str;
    right = Math.max(right, item.x + item.width);
    previous = item;
  }
  return cleanText(text);
}

function rebuildTable(region: readonly Line[], pitch: number): Line[] {
  const columns = columnsOf(region);
  const cells = new Map(region.map((line) => [line, cellsByColumn(line, columns)]));
  const filled = (line: Line) => cells.get(line)!.filter((cell) => cell.text !== '').length;
  // Each fragment (a line with fewer cells than a row within reach) goes to the nearest such row.
  const rowOf = new Map<Line, Line>();
  for (const line of region) {
    let best: Line | null = null;
    for (const row of region) {
      if (!row.table || filled(row) <= filled(line)) continue;
      if (Math.abs(row.y - line.y) > rowReach(pitch, line.size)) continue;
      if (!best || Math.abs(row.y - line.y) < Math.abs(best.y - line.y)) best = row;
    }
    if (best) rowOf.set(line, best);
  }
  // A row that is itself a fragment of another row stays the fragment: rows only gather lines.
  for (const [line, row] of rowOf) if (rowOf.has(row)) rowOf.delete(line);
  const members = new Map<Line, Line[]>();
  for (const line of region) {
    const row = rowOf.get(line) ?? line;
    members.set(row, [...(members.get(row) ?? []), line]);
  }
  const byColumn = (group: readonly Line[]) =>
    columns
      .map((_, c) =>
        group
          .map((member) => cells.get(member)![c]!.text)
          .filter(Boolean)
          .join(''),
      )
      .join('\t');
  const out: Line[] = [];
  for (const line of region) {
    const group = members.get(line);
    if (!group) continue;
    const wraps = group.length > 1 && readsAsWrap(group, cells, columns, line.size);
    if (!wraps) {
      // In a table with wrapped cells every row is written by column, empty cells kept, so columns align.
      for (const member of group) out.push(member.table ? { ...member, text: byColumn([member]) } : member);
      continue;
    }
    out.push({
      ...line,
      text: byColumn(group),
      x: Math.min(...group.map((member) => member.x)),
      right: Math.max(...group.map((member) => member.right)),
      table: true,
      items: group.flatMap((member) => member.items),
    });
  }
  return out;
}

/** Every column's text above a fragment's piece (in the same column) reaches that column's edge. */
function readsAsWrap(
  group: readonly Line[],
  cells: Map<Line, { text: string; right: number }[]>,
  columns: readonly Column[],
  size: number,
): boolean {
  return columns.every((column, c) => {
    const pieces = group.map((line) => cells.get(line)![c]!).filter((piece) => piece.text !== '');
    return pieces.slice(0, -1).every((piece) => piece.right >= column.right - 1.5 * size);
  });
}

/**
 * A table that runs onto the next page repeats its header row there; the copy would start a second
 * table (whose 合计 row then sums only the rows after it), so it is dropped: the page's first line
 * when it equals the first row of the table the previous page ends with.
 */
function dropRepeatedHeaders(pages: PageLines[]): void {
  for (let p = 1; p < pages.length; p++) {
    const before = pages[p - 1]!.lines;
    const first = pages[p]!.lines[0];
    if (!first?.table || !before.at(-1)?.table) continue;
    let header = before.length - 1;
    while (header > 0 && before[header - 1]!.table) header--;
    if (header < before.length - 1 && before[header]!.text === first.text) pages[p]!.lines.shift();
  }
}

// ---- reflow ------------------------------------------------------------------------------------------

interface Metrics {
  /** Where full lines end, per page width (portrait and landscape pages differ). */
  rightEdge: Map<number, number>;
  leftMargin: Map<number, number>;
  /** Typical distance between baselines inside a paragraph. */
  pitch: number;
  /** The body text's font size. */
  bodySize: number;
}

function measure(pages: readonly PageLines[]): Metrics {
  const rights = new Map<number, number[]>();
  const lefts = new Map<number, number[]>();
  const pitches: number[] = [];
  const sizes: number[] = [];
  for (const page of pages) {
    const widthClass = Math.round(page.width);
    const prose = page.lines.filter((line) => !line.table);
    for (const line of prose) {
      sizes.push(line.size);
      if ([...line.text].length >= 8) push(rights, widthClass, line.right);
      push(lefts, widthClass, Math.round(line.x));
    }
    for (let i = 1; i < prose.length; i++) {
      const dy = prose[i - 1]!.y - prose[i]!.y;
      if (dy > 0 && dy < 4 * prose[i]!.size) pitches.push(dy);
    }
  }
  const bodySize = sizes.length > 0 ? median(sizes) : 0;
  const leftMargin = new Map([...lefts].map(([width, values]) => [width, mode(values)]));
  const rightEdge = new Map(
    [...leftMargin].map(([width, left]) => [
      width,
      rightEdgeOf(rights.get(width) ?? [], width, left, bodySize),
    ]),
  );
  return {
    rightEdge,
    leftMargin,
    pitch: pitches.length >= 2 ? percentile(pitches, 0.25) : Number.NaN,
    bodySize,
  };
}

/**
 * Where full lines end: the long lines' typical end when that is plausibly a margin (near the mirror of
 * the left margin, as word processors set them), else the mirror itself. A page of short lines thus has
 * no "full" lines, rather than every line counting as full.
 */
function rightEdgeOf(rights: readonly number[], width: number, left: number, size: number): number {
  const mirror = width - left;
  const typical = rights.length >= 2 ? percentile(rights, 0.8) : Number.NEGATIVE_INFINITY;
  return typical >= mirror - MARGIN_SLACK_EM * size ? typical : mirror;
}

interface Paragraph {
  lines: Line[];
}

function reflow(pages: readonly PageLines[], metrics: Metrics): Paragraph[] {
  const widthOf = new Map(pages.map((page) => [page.page, Math.round(page.width)]));
  const paragraphs: Paragraph[] = [];
  let current: Paragraph | null = null;
  for (const page of pages) {
    for (const line of page.lines) {
      const previous = current?.lines.at(-1);
      if (current && previous && continues(current, previous, line, metrics, widthOf))
        current.lines.push(line);
      else {
        current = { lines: [line] };
        paragraphs.push(current);
      }
    }
  }
  return paragraphs;
}

/**
 * Whether `next` continues the paragraph on `line`: the line ran to the right margin (the next word would
 * not have fitted), and the next line is not indented, not a heading or list item, not in another font
 * size, and not after a paragraph gap. Table rows never join.
 *
 * A line that ends a sentence at the margin is ambiguous: the paragraph may go on, or the next paragraph
 * may start flush left (no first-line indent). It joins only when the next line is itself a full line;
 * a short next line may be an unnumbered heading, which must stay a line of its own.
 */
function continues(
  paragraph: Paragraph,
  line: Line,
  next: Line,
  metrics: Metrics,
  widthOf: Map<number, number>,
): boolean {
  if (line.table || next.table || startsLikeHeading(next.text)) return false;
  if (Math.abs(line.size - next.size) > 0.15 * line.size) return false;
  if (wrappedTitle(line, next, metrics, widthOf)) return true;
  const rightEdge = metrics.rightEdge.get(widthOf.get(line.page)!);
  const nextEdge = metrics.rightEdge.get(widthOf.get(next.page)!);
  if (rightEdge === undefined || nextEdge === undefined) return false;
  if (rightEdge - line.right > next.leadWidth + line.size) return false;
  if (endsSentence(line.text) && nextEdge - next.right > FULL_LINE_EM * next.size) return false;
  const margin = metrics.leftMargin.get(widthOf.get(next.page)!) ?? next.x;
  // A paragraph indented as a whole continues at its own indent, known once it has a second line.
  const continuation = paragraph.lines[1]?.x ?? margin;
  if (next.x > Math.max(margin, continuation) + INDENT_EM * next.size) return false;
  if (next.page === line.page && line.y - next.y > PARAGRAPH_GAP * metrics.pitch + 0.5) return false;
  return true;
}

/**
 * A title too long for one line wraps onto a second, both centred, in a size above the body's:
 * "……街道办事处2022年度整体支" / "出绩效自评报告". Read as one line, like the words it is.
 */
function wrappedTitle(line: Line, next: Line, metrics: Metrics, widthOf: Map<number, number>): boolean {
  if (next.page !== line.page || !(line.size > 1.1 * metrics.bodySize)) return false;
  if (endsSentence(line.text) || line.y - next.y > 3 * line.size) return false;
  const width = widthOf.get(line.page)!;
  const centred = (l: Line) => Math.abs(l.x + l.right - width) <= 2 * l.size;
  // The first line is the full one: a title broken on purpose ("单位名称" / "……自评报告") is not wrapped.
  const full = line.right - line.x >= next.right - next.x;
  return centred(line) && centred(next) && full && line.right - line.x > 0.6 * width;
}

// ---- lines → text ------------------------------------------------------------------------------------

function serialize(paragraphs: readonly Paragraph[], pageCount: number): PdfLayout {
  let text = '';
  const blocks: SourceBlock[] = [];
  const pageStarts: number[] = new Array(pageCount).fill(-1);
  for (const paragraph of paragraphs) {
    if (text !== '') text += '\n';
    const start = text.length;
    let previous: Line | null = null;
    for (const line of paragraph.lines) {
      if (previous) text += wrapJoiner(previous.text, line.text);
      if (pageStarts[line.page - 1] === -1) pageStarts[line.page - 1] = text.length;
      text += line.text;
      previous = line;
    }
    const first = paragraph.lines[0]!;
    blocks.push({
      start,
      end: text.length,
      kind: first.table ? 'table-row' : 'paragraph',
      page: first.page,
      x: round2(first.x),
      y: round2(first.y),
    });
  }
  return { text, blocks, pages: pageSpans(pageStarts, text.length) };
}

/** A page without text starts where the next page with text starts; each page ends where the next begins. */
function pageSpans(starts: number[], length: number): PageSpan[] {
  const filled = [...starts];
  let next = length;
  for (let i = filled.length - 1; i >= 0; i--) {
    if (filled[i] === -1) filled[i] = next;
    next = filled[i]!;
  }
  return filled.map((start, i) => ({ page: i + 1, start, end: filled[i + 1] ?? length }));
}

/** English words wrapped at the margin get their space back; Chinese, digits and hyphenated words don't. */
function wrapJoiner(before: string, after: string): string {
  const last = before.at(-1);
  const first = after[0];
  if (last === '-' && first !== undefined && /[a-z]/.test(first)) return '';
  return isNarrow(last) && isNarrow(first) && /[A-Za-z,;]/.test(`${last}`) ? ' ' : '';
}

// ---- small statistics --------------------------------------------------------------------------------

function push(map: Map<number, number[]>, key: number, value: number): void {
  const values = map.get(key);
  if (values) values.push(value);
  else map.set(key, [value]);
}

function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

function mode(values: readonly number[]): number {
  const counts = new Map<number, number>();
  let best = values[0] ?? 0;
  for (const value of values) {
    const count = (counts.get(value) ?? 0) + 1;
    counts.set(value, count);
    if (count > (counts.get(best) ?? 0)) best = value;
  }
  return best;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
