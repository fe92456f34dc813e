/**
 * A figure of the prose and the table cell that states the same thing: 项目产出指标得分率为85.2% and the
 * cell 项目产出·得分率, 实际完成服务面积12.32万亩 and 社会化服务面积·实际完成值. A cell's label is
 * `row·column`; the prose label must name the row (or its last words) and the column (or its basis).
 */
import type { Fact } from '../extract/types.ts';

export interface Counterpart {
  prose: Fact;
  cell: Fact;
}

/** The last words of a row name that still identify it (社会化服务面积 → 服务面积). */
const MIN_ROW_KEY = 3;
const COLUMN_SUFFIX = /(?:值|数)$/;
const TARGET_COLUMN = /指标值|目标|计划|预算/;
const ACTUAL_COLUMN = /完成|实际|执行/;

export function tableCounterparts(facts: Fact[]): Counterpart[] {
  const cells = facts.filter((f) => f.label?.includes('·') && isPlain(f));
  if (cells.length === 0) return [];
  const byRowKey = indexByRowKey(cells);
  const out: Counterpart[] = [];
  for (const prose of facts) {
    if (!prose.label || prose.label.includes('·') || !isPlain(prose)) continue;
    const matches = candidates(prose.label, byRowKey).filter(
      (cell) => sameMeasure(prose, cell) && names(prose, cell.label!),
    );
    if (matches.length === 1) out.push({ prose, cell: matches[0]! });
  }
  return out;
}

/**
 * Cells by the key a prose label must contain to name their row: its last MIN_ROW_KEY characters (a label
 * that contains a longer ending contains this one), or the whole row when shorter. Looking up every
 * substring of a label of that length keeps the pairing linear in the facts, not prose × cells.
 */
function indexByRowKey(cells: Fact[]): Map<string, Fact[]> {
  const index = new Map<string, Fact[]>();
  for (const cell of cells) {
    const key = rowKey(rowOf(cell.label!));
    const list = index.get(key);
    if (list) list.push(cell);
    else index.set(key, [cell]);
  }
  return index;
}

function candidates(label: string, byRowKey: Map<string, Fact[]>): Fact[] {
  const found = new Set<Fact>(byRowKey.get(label) ?? []);
  for (let i = 0; i + MIN_ROW_KEY <= label.length; i++) {
    for (const cell of byRowKey.get(label.slice(i, i + MIN_ROW_KEY)) ?? []) found.add(cell);
  }
  return [...found];
}

function rowOf(cellLabel: string): string {
  return cellLabel.slice(0, cellLabel.lastIndexOf('·'));
}

function rowKey(row: string): string {
  return row.length < MIN_ROW_KEY ? row : row.slice(-MIN_ROW_KEY);
}

function isPlain(f: Fact): boolean {
  return !f.approx && !f.comparator && !f.change;
}

function sameMeasure(a: Fact, b: Fact): boolean {
  return a.kind === b.kind && (a.kind === 'amount' || a.unit === b.unit);
}

function names(prose: Fact, cellLabel: string): boolean {
  const row = rowOf(cellLabel);
  const column = cellLabel.slice(cellLabel.lastIndexOf('·') + 1);
  const label = prose.label!;
  return namesRow(label, row) && namesColumn(label, column, prose);
}

/** The label names the row, or one of its endings of MIN_ROW_KEY characters or more (服务面积). */
function namesRow(label: string, row: string): boolean {
  if (row.length < MIN_ROW_KEY) return label === row;
  return label.includes(rowKey(row));
}

function namesColumn(label: string, column: string, prose: Fact): boolean {
  const key = column.replace(COLUMN_SUFFIX, '');
  if (key.length >= 2 && label.includes(key)) return true;
  if (TARGET_COLUMN.test(column)) return prose.basis === 'plan';
  if (ACTUAL_COLUMN.test(column)) return prose.basis === 'actual';
  return false;
}
