/**
 * Reading grids as tables: rows recovered where the copy lost them, every cell given its column, a bare number
 * given its unit (from the unit cell beside it, the column header, the row label, the corner cell or the
 * table's 单位： declaration) and a label from its row and column (`年度资金总额·全年执行数`).
 */

import lexicon from '../../../data/lexicon.json' with { type: 'json' };
import type { Fact, FactKind, UnitSource } from '../types.ts';
import { type Cell, type Grid, isValueCell } from './grid.ts';
import {
  bracketUnit,
  type Column,
  cleanRowLabel,
  columnOf,
  isHeaderName,
  isTotalRow,
  rowImpliesPercent,
} from './layout.ts';

export interface TableRow {
  /** The row label as written (其中：当年财政拨款) and cleaned (当年财政拨款); empty when the row has none. */
  rawLabel: string;
  label: string;
  /** Value cells with the index of their column in the block's header (or their ordinal when there is none). */
  values: { cell: Cell; column: number }[];
  /** A unit the row's label cells state (资金情况（万元）). */
  unit: string | null;
}

export interface TableBlock {
  columns: Column[];
  rows: TableRow[];
}

/** A table cell's place: row label and column header, given to any figure written inside the cell. */
export interface CellContext {
  start: number;
  end: number;
  label: string;
}

const MONEY = new Set(lexicon.moneyUnits);
const PERCENT = new Set(['%', '‰']);
const BARE_NUMBER = /^[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const UNIT_DECLARATION = /(?:计量)?单位\s*[：:]\s*(万元|元|千元|亿元|人|个|%)/;
const KNOWN_UNITS = new Set([...lexicon.moneyUnits, ...lexicon.percentUnits, ...lexicon.measureWords]);

export function readGrid(
  text: string,
  grid: Grid,
  declared: string | null,
): { facts: Fact[]; cells: CellContext[]; blocks: TableBlock[] } {
  const blocks = grid.kind === 'rows' ? explicitBlocks(grid) : recoveredBlocks(grid);
  const facts: Fact[] = [];
  const cells: CellContext[] = [];
  const declaredHere = declared ?? declarationInGrid(grid);
  for (const block of blocks) {
    const corner = cornerUnit(block.columns);
    let rowUnit: string | null = null;
    for (const row of block.rows) {
      // 资金情况（万元） spans the rows of its block: its unit holds until a row without figures.
      if (row.unit) rowUnit = row.unit;
      if (row.values.length === 0) rowUnit = null;
      for (const { cell, column } of row.values) {
        const col = block.columns[column] ?? null;
        const label = [row.label, col?.name].filter(Boolean).join('·');
        if (label && /\d/.test(cell.raw)) cells.push({ start: cell.start, end: cell.end, label });
        if (!BARE_NUMBER.test(cell.raw)) continue;
        const unit = unitFor(grid, cell, col, row, rowUnit, corner, declaredHere);
        if (unit) facts.push(cellFact(text, cell, unit.unit, unit.source, label || null, col));
      }
    }
  }
  return { facts, cells, blocks };
}

function declarationInGrid(grid: Grid): string | null {
  for (const line of grid.lines)
    for (const c of line) {
      const m = UNIT_DECLARATION.exec(c.raw);
      if (m) return m[1]!;
    }
  return null;
}

/** Rows as written: a row without figures naming columns is a header; positions align cells to it. */
function explicitBlocks(grid: Grid): TableBlock[] {
  const blocks: TableBlock[] = [];
  let block: TableBlock = { columns: [], rows: [] };
  for (const cells of grid.lines) {
    const hasValues = cells.some((c) => c.raw !== '' && isValueCell(c.raw) && /\d/.test(c.raw));
    const hasFigures = cells.some((c) => /\d/.test(c.raw) && BARE_NUMBER.test(c.raw));
    if (!hasFigures && isHeaderLine(cells, block)) {
      if (block.rows.length > 0 || block.columns.length > 0) blocks.push(block);
      block = { columns: cells.map((c) => columnOf(c.raw)), rows: [] };
      continue;
    }
    const offset = Math.max(0, cells.length - block.columns.length);
    const firstValue = cells.findIndex((c) => c.raw !== '' && isValueCell(c.raw));
    const labelCells = cells.slice(0, firstValue < 0 ? cells.length : firstValue).filter((c) => c.raw !== '');
    const values = hasValues
      ? cells
          .map((cell, i) => ({ cell, column: i - offset }))
          .filter(({ cell }, i) => i >= firstValue && cell.raw !== '')
      : [];
    block.rows.push(rowOf(labelCells, values));
  }
  blocks.push(block);
  return blocks;
}

/** A header: no figures, and either the first row of the table or one naming at least two known columns. */
function isHeaderLine(cells: Cell[], block: TableBlock): boolean {
  if (cells.some((c) => /\d/.test(c.raw) && isValueCell(c.raw))) return false;
  if (block.columns.length === 0 && block.rows.length === 0) return true;
  return cells.filter((c) => isHeaderName(c.raw)).length >= 2;
}

function rowOf(labelCells: Cell[], values: { cell: Cell; column: number }[]): TableRow {
  const rawLabel = labelCells.at(-1)?.raw ?? '';
  const unit = labelCells.map((c) => bracketUnit(c.raw)).find((u) => u !== null) ?? null;
  return { rawLabel, label: cleanRowLabel(rawLabel), values, unit };
}

/**
 * Rows recovered from a stream of cells: a run of three or more column names is a header; after it a row is
 * its label cells followed by its figures, and the next label after a figure starts the next row. In runs
 * (cells on one line) a line end also ends a row.
 */
function recoveredBlocks(grid: Grid): TableBlock[] {
  const stream: { cell: Cell; lineStart: boolean }[] = grid.lines.flatMap((line) =>
    line.map((cell, i) => ({ cell, lineStart: i === 0 && grid.kind === 'runs' })),
  );
  const blocks: TableBlock[] = [];
  let block: TableBlock = { columns: [], rows: [] };
  let labels: Cell[] = [];
  let values: { cell: Cell; column: number }[] = [];
  const valueColumns = () => block.columns.map((c, i) => ({ c, i })).filter(({ c }) => c.role !== 'label');
  const closeRow = () => {
    if (labels.length > 0 || values.length > 0) block.rows.push(rowOf(labels, values));
    labels = [];
    values = [];
  };
  for (let k = 0; k < stream.length; k++) {
    const { cell, lineStart } = stream[k]!;
    const run = headerRunAt(stream, k);
    if (run > 0) {
      closeRow();
      blocks.push(block);
      block = { columns: stream.slice(k, k + run).map((s) => columnOf(s.cell.raw)), rows: [] };
      k += run - 1;
      continue;
    }
    if (lineStart) closeRow();
    if (isValueCell(cell.raw)) {
      const cols = valueColumns();
      values.push({ cell, column: cols[values.length]?.i ?? -1 - values.length });
    } else {
      if (values.length > 0) closeRow();
      labels.push(cell);
    }
  }
  closeRow();
  blocks.push(block);
  return blocks.filter((b) => b.rows.length > 0);
}

function headerRunAt(stream: { cell: Cell }[], k: number): number {
  let n = 0;
  while (k + n < stream.length && isHeaderName(stream[k + n]!.cell.raw) && !startsRow(stream, k + n)) n++;
  return n >= 3 ? n : 0;
}

/** 年度资金总额 | 357.00 |: a total row's label with its figures after it opens a row, not another column. */
function startsRow(stream: { cell: Cell }[], k: number): boolean {
  const next = stream[k + 1];
  return isTotalRow(stream[k]!.cell.raw) && next !== undefined && isValueCell(next.cell.raw);
}

/** 项目资金（万元）| 年初预算数 | …: a unit in the corner cell is the whole table's. */
function cornerUnit(columns: Column[]): string | null {
  const first = columns[0];
  return first && (first.role === 'label' || first.role === null) && first.unit && MONEY.has(first.unit)
    ? first.unit
    : null;
}

function unitFor(
  grid: Grid,
  cell: Cell,
  col: Column | null,
  row: TableRow,
  rowUnit: string | null,
  corner: string | null,
  declared: string | null,
): { unit: string; source: UnitSource } | null {
  const next = grid.kind === 'rows' ? nextCell(grid, cell) : null;
  if (next && KNOWN_UNITS.has(next.raw)) return { unit: next.raw, source: 'cell' };
  if (col?.role === 'text' || col?.role === 'label') return null;
  if (col?.unit) return { unit: col.unit, source: 'header' };
  const indicator = col?.role === 'target' || col?.role === 'actual';
  if (indicator || !col || col.role === null) {
    if (row.unit && !MONEY.has(row.unit)) return { unit: row.unit, source: 'row' };
    if (rowImpliesPercent(row.label)) return { unit: '%', source: 'row' };
  }
  if (indicator) return null;
  if (rowUnit) return { unit: rowUnit, source: 'row' };
  if (corner) return { unit: corner, source: 'table' };
  if (declared) return { unit: declared, source: 'table' };
  return null;
}

function nextCell(grid: Grid, cell: Cell): Cell | null {
  for (const line of grid.lines) {
    const i = line.indexOf(cell);
    if (i >= 0) return line[i + 1] ?? null;
  }
  return null;
}

function cellFact(
  text: string,
  cell: Cell,
  unit: string,
  unitSource: UnitSource,
  label: string | null,
  col: Column | null,
): Fact {
  const value = Number(cell.raw.replace(/[,，]/g, '').replace('−', '-'));
  const dot = cell.raw.indexOf('.');
  return {
    kind: kindOf(unit),
    value: Math.abs(value),
    unit,
    text: text.slice(cell.start, cell.end),
    start: cell.start,
    end: cell.end,
    label,
    labelSpan: null,
    approx: false,
    period: null,
    decimals: dot < 0 ? 0 : cell.raw.length - dot - 1,
    unitSource,
    comparator: null,
    change: value < 0 ? 'decrease' : null,
    basis: col?.basis ?? null,
    numeral: undefined,
  };
}

function kindOf(unit: string): FactKind {
  if (MONEY.has(unit)) return 'amount';
  if (PERCENT.has(unit)) return 'percent';
  return 'count';
}
