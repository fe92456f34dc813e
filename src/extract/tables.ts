/**
 * Tables that reach the text as rows (tab- or |-separated). A bare number in a cell is a quantity only
 * through its table: its unit comes from an adjacent unit cell, the column header (预算数（万元）) or the
 * table's declaration (单位：万元); its label is the row label plus the column header (基本支出·执行数).
 */
import lexicon from '../../data/lexicon.json' with { type: 'json' };
import type { Fact, FactKind, UnitSource } from './types.ts';

interface Cell {
  start: number;
  end: number;
  raw: string;
}

interface Row {
  cells: Cell[];
  lineStart: number;
}

const MONEY = new Set(lexicon.moneyUnits);
const PERCENT = new Set(['%', '‰']);
const MEASURE = new Set(lexicon.measureWords);
const UNIT_DECLARATION = /(?:计量)?单位\s*[：:]\s*([^\s,，;；）)]+)/;
const HEADER_UNIT = /[（(]\s*([^（()）]+?)\s*[）)]\s*$/;
const BARE_NUMBER = /^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const SCORE_HEADER = /分值|得分|权重|分数/;
const SEPARATOR = /\t|[|｜]/;

/** A table cell's place: row label and column header, given to any figure written inside the cell. */
export interface CellContext {
  start: number;
  end: number;
  label: string;
}

export function parseTables(text: string, norm: string): { facts: Fact[]; cells: CellContext[] } {
  const facts: Fact[] = [];
  const cells: CellContext[] = [];
  let declared: string | null = null;
  let header: Cell[] | null = null;
  let inTable = false;
  let lineStart = 0;
  while (lineStart <= norm.length) {
    let lineEnd = norm.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = norm.length;
    const row = splitRow(norm, lineStart, lineEnd);
    if (row) {
      if (!inTable) header = null;
      inTable = true;
      const rowDeclared = declarationIn(norm.slice(lineStart, lineEnd));
      if (rowDeclared) declared = rowDeclared;
      if (row.cells.length === 0) {
        // markdown alignment row: part of the table, carries nothing
      } else if (isHeaderRow(row) && !(header && hasQuantities(row))) {
        header = row.cells;
        // 项目资金（万元）| 年初预算数 | …: a unit in the corner cell is the whole table's.
        const corner = cornerUnit(header);
        if (corner) declared = corner;
      } else {
        facts.push(...rowFacts(text, row, header, declared));
        cells.push(...cellContexts(row, header));
      }
    } else {
      const line = norm.slice(lineStart, lineEnd);
      const unit = declarationIn(line);
      if (unit) declared = unit;
      else if (line.trim() !== '' && inTable) declared = null; // a table's declaration ends with the table
      if (line.trim() !== '') inTable = false;
    }
    lineStart = lineEnd + 1;
  }
  return { facts, cells };
}

function splitRow(norm: string, start: number, end: number): Row | null {
  const line = norm.slice(start, end);
  if (!SEPARATOR.test(line)) return null;
  // Blank cells keep their place, so later columns stay under their headers (合计| |100|94).
  const segments: Cell[] = [];
  const re = /[^\t|｜]*/g;
  for (let m = re.exec(line); m !== null; m = re.exec(line)) {
    const lead = m[0].length - m[0].trimStart().length;
    const raw = m[0].trim();
    const at = start + m.index + lead;
    segments.push({ start: at, end: at + raw.length, raw });
    if (m.index + m[0].length >= line.length) break;
    re.lastIndex = m.index + m[0].length + 1;
  }
  // Markdown rows have bars at both ends: the empty segments outside them are not cells.
  if (/^\s*[|｜]/.test(line) && segments[0]?.raw === '') segments.shift();
  if (/[|｜]\s*$/.test(line) && segments.at(-1)?.raw === '') segments.pop();
  if (segments.every((c) => /^[-:\s]*$/.test(c.raw)) && line.includes('-'))
    return { cells: [], lineStart: start };
  const filled = segments.filter((c) => c.raw !== '').length;
  return filled >= 2 ? { cells: segments, lineStart: start } : null;
}

function declarationIn(line: string): string | null {
  const m = UNIT_DECLARATION.exec(line);
  return m ? knownUnit(m[1]!) : null;
}

function knownUnit(s: string): string | null {
  const u = s.trim();
  if (MONEY.has(u) || PERCENT.has(u) || MEASURE.has(u)) return u;
  return null;
}

function isHeaderRow(row: Row): boolean {
  return !row.cells.some((c) => BARE_NUMBER.test(c.raw));
}

const QUANTITY_CELL = /\d/;

/** A row of targets such as `≥100人` has no bare number but is data, not a second header. */
function hasQuantities(row: Row): boolean {
  return row.cells.some((c) => QUANTITY_CELL.test(c.raw));
}

function rowLabelOf(row: Row): string | null {
  const first = row.cells.findIndex((c) => QUANTITY_CELL.test(c.raw));
  const labels = row.cells.slice(0, Math.max(0, first)).filter((c) => c.raw !== '');
  return labels.at(-1)?.raw ?? null;
}

function cellContexts(row: Row, header: Cell[] | null): CellContext[] {
  const rowLabel = rowLabelOf(row);
  const out: CellContext[] = [];
  row.cells.forEach((cell, i) => {
    if (!QUANTITY_CELL.test(cell.raw)) return;
    const label = [rowLabel, columnHeader(header, row, i)?.name].filter(Boolean).join('·');
    if (label) out.push({ start: cell.start, end: cell.end, label });
  });
  return out;
}

function rowFacts(text: string, row: Row, header: Cell[] | null, declared: string | null): Fact[] {
  const facts: Fact[] = [];
  const rowLabel = rowLabelOf(row);
  row.cells.forEach((cell, i) => {
    if (!BARE_NUMBER.test(cell.raw)) return;
    const column = columnHeader(header, row, i);
    const unit = unitFor(row.cells[i + 1], column, declared);
    if (!unit) return;
    const value = Number(cell.raw.replace(/[,，]/g, '').replace('−', '-'));
    const dot = cell.raw.indexOf('.');
    facts.push({
      kind: kindOf(unit.unit),
      value: Math.abs(value),
      unit: unit.unit,
      text: text.slice(cell.start, cell.end),
      start: cell.start,
      end: cell.end,
      label: [rowLabel, column?.name].filter(Boolean).join('·') || null,
      labelSpan: null,
      approx: false,
      period: null,
      decimals: dot < 0 ? 0 : cell.raw.length - dot - 1,
      unitSource: unit.source,
      comparator: null,
      change: value < 0 ? 'decrease' : null,
    });
  });
  return facts;
}

/** Headers align with cells by position; a header row with fewer cells aligns to the right (row labels span). */
function columnHeader(
  header: Cell[] | null,
  row: Row,
  i: number,
): { name: string; unit: string | null } | null {
  if (!header) return null;
  const offset = row.cells.length - header.length;
  const h = header[i - Math.max(0, offset)] ?? header[i];
  if (!h) return null;
  const m = HEADER_UNIT.exec(h.raw);
  const name = m ? h.raw.slice(0, m.index).trim() : h.raw;
  const unit = m ? knownUnit(m[1]!.replace(/^单位\s*[：:]\s*/, '')) : SCORE_HEADER.test(h.raw) ? '分' : null;
  return { name, unit };
}

function cornerUnit(header: Cell[]): string | null {
  const first = header.find((c) => c.raw !== '');
  const m = first ? HEADER_UNIT.exec(first.raw) : null;
  return m ? knownUnit(m[1]!.replace(/^单位\s*[：:]\s*/, '')) : null;
}

function unitFor(
  next: Cell | undefined,
  column: { unit: string | null } | null,
  declared: string | null,
): { unit: string; source: UnitSource } | null {
  const cellUnit = next ? knownUnit(next.raw) : null;
  if (cellUnit) return { unit: cellUnit, source: 'cell' };
  if (column?.unit) return { unit: column.unit, source: 'header' };
  if (declared) return { unit: declared, source: 'table' };
  return null;
}

function kindOf(unit: string): FactKind {
  if (MONEY.has(unit)) return 'amount';
  if (PERCENT.has(unit)) return 'percent';
  return 'count';
}
