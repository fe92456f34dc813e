/**
 * Tables as they reach the text, in every encoding seen in copies of real reports, turned into grids of cells
 * with their spans:
 * - `rows`: one row per line, cells separated by tabs or bars (`a\tb`, `a | b`, markdown `| a | b |`);
 * - `cells`: one cell per line with the rows lost — lines ending in ` |` (PDF and web copies), or short
 *   paragraphs separated by blank lines (document-site copies);
 * - `runs`: the cells of a row run together on one line, separated by spaces (`年度资金总额: 45 45 43.6 10`).
 * Only `rows` keep the row structure; the reader recovers the rows of the others from the form layouts.
 */
import { isHeaderName } from './layout.ts';

export interface Cell {
  start: number;
  end: number;
  /** The cell's normalised text, trimmed. */
  raw: string;
}

export interface Grid {
  kind: 'rows' | 'cells' | 'runs';
  /** Lines of cells: a row for `rows`, one cell per line for `cells`, a run of cells for `runs`. */
  lines: Cell[][];
}

interface Line {
  start: number;
  end: number;
  text: string;
}

const SEPARATOR = /\t|[|｜]/;
const RUN_SEPARATOR = /[ \u3000]+/;
const MIN_CELL_LINES = 3;
const MIN_PARAGRAPH_CELLS = 6;
const MAX_RUN_LINE = 400;
/** A figure cell: a comparator, a number and at most a short unit (≥1.2万亩, 1250元/生·年, 96.5%), or a dash. */
const VALUE =
  /^(?:[≥≤><=]=?|不低于|不少于|不高于|不超过|低于|高于|约|达到)?\s*[-−]?\d[\d,.]*\s*[^\s\d]{0,8}$/;
const EMPTY_VALUE = /^(?:[—–―\-/／]+|无)$/;

export function isValueCell(raw: string): boolean {
  return EMPTY_VALUE.test(raw) || (VALUE.test(raw) && !/^\d{4}年(?!\d)/.test(raw));
}

export function findGrids(norm: string): Grid[] {
  const lines = splitLines(norm);
  const grids: Grid[] = [];
  // A run of paragraphs without a form header has none from any later paragraph on either: skip past it.
  let paragraphsChecked = -1;
  let i = 0;
  while (i < lines.length) {
    let grid = rowsAt(lines, i) ?? cellLinesAt(lines, i);
    if (!grid && i >= paragraphsChecked) {
      const paragraphs = paragraphCellsAt(lines, i);
      if (paragraphs?.grid) grid = { grid: paragraphs.grid, next: paragraphs.next };
      else if (paragraphs) paragraphsChecked = paragraphs.next;
    }
    grid ??= runsAt(lines, i);
    if (grid) {
      grids.push(grid.grid);
      i = grid.next;
    } else i++;
  }
  return grids;
}

function splitLines(norm: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  while (start <= norm.length) {
    let end = norm.indexOf('\n', start);
    if (end < 0) end = norm.length;
    const lineEnd = norm[end - 1] === '\r' ? end - 1 : end;
    lines.push({ start, end: lineEnd, text: norm.slice(start, lineEnd) });
    start = end + 1;
  }
  return lines;
}

const isBlank = (l: Line) => l.text.trim() === '';

/** Segments of a separated line, blank cells kept in place so later columns stay under their headers. */
function segments(line: Line): Cell[] {
  const out: Cell[] = [];
  const re = /[^\t|｜]*/g;
  for (let m = re.exec(line.text); m !== null; m = re.exec(line.text)) {
    const lead = m[0].length - m[0].trimStart().length;
    const raw = m[0].trim();
    const at = line.start + m.index + lead;
    out.push({ start: at, end: at + raw.length, raw });
    if (m.index + m[0].length >= line.text.length) break;
    re.lastIndex = m.index + m[0].length + 1;
  }
  return out;
}

const filled = (cells: Cell[]) => cells.filter((c) => c.raw !== '').length;

/** A line ending in a bar with one cell before it: a cell of a copy that lost its rows. */
function isCellLine(line: Line): boolean {
  if (!/[|｜]\s*$/.test(line.text)) return false;
  return filled(segments(line)) === 1 && !/\t/.test(line.text);
}

function isRowLine(line: Line): boolean {
  return SEPARATOR.test(line.text) && !isCellLine(line) && filled(segments(line)) >= 2;
}

function rowsAt(lines: Line[], i: number): { grid: Grid; next: number } | null {
  if (!isRowLine(lines[i]!)) return null;
  let j = i;
  while (j < lines.length && (isRowLine(lines[j]!) || isAlignmentLine(lines[j]!))) j++;
  const block = lines.slice(i, j);
  // Markdown rows have bars at both ends: the empty segments outside them are not cells. A copy whose
  // rows merely start with a blank cell (` | 数量指标 | …`) keeps it.
  const markdown = block.every((l) => /^[|｜]/.test(l.text) && /[|｜]\s*$/.test(l.text));
  const rows = block
    .filter((l) => !isAlignmentLine(l))
    .map((l) => {
      const cells = segments(l);
      if (markdown) {
        if (cells[0]?.raw === '') cells.shift();
        if (cells.at(-1)?.raw === '') cells.pop();
      }
      return cells;
    });
  return { grid: { kind: 'rows', lines: rows }, next: j };
}

function isAlignmentLine(line: Line): boolean {
  return /^[\s|｜:-]+$/.test(line.text) && line.text.includes('-') && SEPARATOR.test(line.text);
}

function cellLinesAt(lines: Line[], i: number): { grid: Grid; next: number } | null {
  if (!isCellLine(lines[i]!)) return null;
  const cells: Cell[][] = [];
  let j = i;
  while (
    j < lines.length &&
    (isCellLine(lines[j]!) || (isBlank(lines[j]!) && isCellLine(lines[j + 1] ?? lines[j]!)))
  ) {
    if (!isBlank(lines[j]!)) cells.push([segments(lines[j]!).find((c) => c.raw !== '')!]);
    j++;
  }
  if (cells.length < MIN_CELL_LINES) return null;
  return { grid: { kind: 'cells', lines: cells }, next: j };
}

/**
 * Document sites put every cell of a form in its own paragraph. Prose is written in paragraphs too, so such a
 * run counts as a table only when it holds a header of a known form (three column names in a row).
 */
function paragraphCellsAt(lines: Line[], i: number): { grid: Grid | null; next: number } | null {
  if (isBlank(lines[i]!) || !isBlank(lines[i + 1] ?? lines[i]!) || (i > 0 && !isBlank(lines[i - 1]!)))
    return null;
  const cells: Cell[][] = [];
  let j = i;
  while (j < lines.length && !isBlank(lines[j]!) && (j + 1 >= lines.length || isBlank(lines[j + 1]!))) {
    const l = lines[j]!;
    const lead = l.text.length - l.text.trimStart().length;
    const raw = l.text.trim();
    cells.push([{ start: l.start + lead, end: l.start + lead + raw.length, raw }]);
    j += 2;
  }
  const next = Math.min(j, lines.length);
  if (cells.length < MIN_PARAGRAPH_CELLS || !hasHeaderRun(cells.map((c) => c[0]!.raw)))
    return { grid: null, next };
  return { grid: { kind: 'cells', lines: cells }, next };
}

/** Three column names of a known form in a row. */
function hasHeaderRun(raws: string[]): boolean {
  let run = 0;
  for (const r of raws) {
    run = isHeaderName(r) ? run + 1 : 0;
    if (run >= 3) return true;
  }
  return false;
}

/** Cells of one line run together with spaces; `项目资金 （万元）` is one cell, a bracketed unit joins its label. */
function runCells(line: Line): Cell[] {
  const cells: Cell[] = [];
  const re = /[^ \u3000]+/g;
  for (let m = re.exec(line.text); m !== null; m = re.exec(line.text)) {
    const cell = { start: line.start + m.index, end: line.start + m.index + m[0].length, raw: m[0] };
    const prev = cells.at(-1);
    const joinsPrevious =
      prev &&
      ((/^[（(][^（()）]*[）)]$/.test(cell.raw) && !isValueCell(prev.raw)) || /^其中[:：]$/.test(prev.raw));
    if (prev && joinsPrevious) {
      prev.end = cell.end;
      prev.raw = line.text.slice(prev.start - line.start, cell.end - line.start);
    } else cells.push(cell);
  }
  return cells;
}

const BRACKETED_UNIT = /[（(](?:单位[:：])?\s*(?:万元|元|千元|亿元)\s*[）)]/;

function startsRuns(cells: Cell[]): boolean {
  if (hasHeaderRun(cells.map((c) => c.raw))) return true;
  // 资金情况（万元） 年度资金总额: 360 其中: …: a label declaring the unit, followed by figures.
  return BRACKETED_UNIT.test(cells[0]?.raw ?? '') && cells.filter((c) => isValueCell(c.raw)).length >= 2;
}

function continuesRuns(line: Line, cells: Cell[]): boolean {
  return cells.length >= 2 && line.text.length <= MAX_RUN_LINE && !/[。；;]/.test(line.text);
}

function runsAt(lines: Line[], i: number): { grid: Grid; next: number } | null {
  const first = lines[i]!;
  if (SEPARATOR.test(first.text) || !RUN_SEPARATOR.test(first.text.trim())) return null;
  const cells = runCells(first);
  if (!startsRuns(cells)) return null;
  const out: Cell[][] = [cells];
  let j = i + 1;
  for (; j < lines.length; j++) {
    const line = lines[j]!;
    if (SEPARATOR.test(line.text)) break;
    const next = runCells(line);
    if (!continuesRuns(line, next) && !startsRuns(next)) break;
    out.push(next);
  }
  return { grid: { kind: 'runs', lines: out }, next: j };
}
