/**
 * Sum relations a table states by its structure: a total row over its 其中 rows (年度资金总额 over 财政拨款,
 * 上年结转资金 and 其他资金, in every amount column), a 合计 row over the rows above it, and a total column
 * over its 其中 columns (分配金额 = 一事一议奖补 + 美丽乡村示范村建设, in every row).
 */
import { sumRelation } from '../sum.ts';
import type { Fact, Relation } from '../types.ts';
import type { Cell } from './grid.ts';
import { isBottomTotalRow, isPartRow, isTotalRow } from './layout.ts';
import type { TableBlock, TableRow } from './read.ts';

export function tableRelations(blocks: TableBlock[], facts: Fact[]): Relation[] {
  const factAt = cellFactIndex(facts);
  const out: Relation[] = [];
  for (const block of blocks) {
    for (const run of valueRuns(block.rows)) out.push(...rowRelations(run, facts, factAt));
    out.push(...columnRelations(block, facts, factAt));
  }
  return out;
}

type FactAt = (cell: Cell) => number;

/** The one summable figure a cell holds (its index in `facts`), or -1. */
function cellFactIndex(facts: Fact[]): FactAt {
  const starts = facts.map((f) => f.start);
  return (cell) => {
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! < cell.start) lo = mid + 1;
      else hi = mid;
    }
    const f = facts[lo];
    if (!f || f.end > cell.end) return -1;
    const next = facts[lo + 1];
    if (next && next.start < cell.end) return -1;
    if (f.kind === 'percent' || f.comparator || f.approx) return -1;
    return lo;
  };
}

/** Consecutive rows with figures; a row of text only (年度总体目标…) ends a run. */
function valueRuns(rows: TableRow[]): TableRow[][] {
  const runs: TableRow[][] = [];
  let run: TableRow[] = [];
  for (const row of rows) {
    if (row.values.some((v) => /\d/.test(v.cell.raw))) run.push(row);
    else {
      if (run.length > 1) runs.push(run);
      run = [];
    }
  }
  if (run.length > 1) runs.push(run);
  return runs;
}

function columnsOf(rows: TableRow[]): number[] {
  return [...new Set(rows.flatMap((r) => r.values.map((v) => v.column)))];
}

function cellIn(row: TableRow, column: number): Cell | null {
  return row.values.find((v) => v.column === column)?.cell ?? null;
}

/**
 * In each column: the parent of a 其中 list over the list (the list runs to the run's end or its 合计 row),
 * then a 合计 row over the top-level rows. A list under a parent in the middle of a table may end anywhere,
 * so there the longest prefix that adds up is taken, and none when none does.
 */
function rowRelations(run: TableRow[], facts: Fact[], factAt: FactAt): Relation[] {
  const out: Relation[] = [];
  const nested = new Set<number>();
  for (let k = 1; k < run.length; k++) {
    if (!isPartRow(run[k]!.rawLabel) || isPartRow(run[k - 1]!.rawLabel)) continue;
    const parent = k - 1;
    let end = k;
    while (end < run.length && !isTotalRow(run[end]!.label)) end++;
    const certain = parent === 0 || isTotalRow(run[parent]!.label);
    const list = chooseList(run, parent, k, end, certain, facts, factAt);
    for (const r of list.relations) out.push(r);
    for (let i = k; i < k + list.length; i++) nested.add(i);
    k += Math.max(0, list.length - 1);
  }
  const last = run.length - 1;
  if (isBottomTotalRow(run[last]!.label) && !nested.has(last)) {
    const parts = run.slice(0, last).filter((_, i) => !nested.has(i) && !isTotalRow(run[i]!.label));
    const rels = relationsPerColumn(run[last]!, parts, facts, factAt);
    if (rels.every((r) => r.withinRounding) || isFlat(run.slice(0, last), facts, factAt)) out.push(...rels);
  }
  return out;
}

function chooseList(
  run: TableRow[],
  parent: number,
  from: number,
  end: number,
  certain: boolean,
  facts: Fact[],
  factAt: FactAt,
): { length: number; relations: Relation[] } {
  const full = relationsPerColumn(run[parent]!, run.slice(from, end), facts, factAt);
  if (certain || full.every((r) => r.withinRounding)) return { length: end - from, relations: full };
  for (let e = end - 1; e > from; e--) {
    const rels = relationsPerColumn(run[parent]!, run.slice(from, e), facts, factAt);
    if (rels.length > 0 && rels.every((r) => r.withinRounding)) return { length: e - from, relations: rels };
  }
  return { length: 0, relations: [] };
}

function relationsPerColumn(total: TableRow, parts: TableRow[], facts: Fact[], factAt: FactAt): Relation[] {
  const out: Relation[] = [];
  if (parts.length === 0) return out;
  for (const column of columnsOf([total])) {
    const t = cellIn(total, column);
    const ti = t ? factAt(t) : -1;
    if (ti < 0) continue;
    const pi = parts.map((p) => cellIn(p, column)).map((c) => (c ? factAt(c) : -1));
    // Every part row must state the column: a dash or a blank leaves the breakdown unverifiable.
    if (pi.some((i) => i < 0)) continue;
    const rel = sumRelation(facts, ti, pi);
    if (rel) out.push({ ...rel, complete: true });
  }
  return out;
}

/**
 * A plain list: no code-numbered rows (budget classifications nest by code), no 其中 rows, and no row that
 * equals the sum of the rows right after it (a sub-total shown only by indentation).
 */
function isFlat(run: TableRow[], facts: Fact[], factAt: FactAt): boolean {
  if (run.some((r) => /^\d{3,}/.test(r.rawLabel) || isPartRow(r.rawLabel))) return false;
  for (const column of columnsOf(run)) {
    const idx = run.map((r) => cellIn(r, column)).map((c) => (c ? factAt(c) : -1));
    for (let i = 0; i < idx.length - 2; i++) {
      if (idx[i]! < 0) continue;
      for (let j = i + 2; j < idx.length; j++) {
        const parts = idx.slice(i + 1, j + 1);
        if (parts.some((p) => p < 0)) break;
        if (sumRelation(facts, idx[i]!, parts)?.withinRounding) return false;
      }
    }
  }
  return true;
}

/** 分配金额 | 其中：一事一议奖补 | 美丽乡村示范村建设: in each row the total column over its part columns. */
function columnRelations(block: TableBlock, facts: Fact[], factAt: FactAt): Relation[] {
  const out: Relation[] = [];
  const cols = block.columns;
  for (let j = 1; j < cols.length; j++) {
    if (!cols[j]!.part || cols[j - 1]!.part) continue;
    const parent = j - 1;
    let end = j + 1;
    while (
      end < cols.length &&
      !cols[end]!.part &&
      (cols[end]!.role === null || cols[end]!.role === cols[j]!.role)
    )
      end++;
    const partCols = Array.from({ length: end - j }, (_, n) => j + n);
    for (const row of block.rows) {
      const t = cellIn(row, parent);
      const ti = t ? factAt(t) : -1;
      if (ti < 0) continue;
      const pi = partCols.map((c) => cellIn(row, c)).map((c) => (c ? factAt(c) : -1));
      if (pi.some((i) => i < 0)) continue;
      const rel = sumRelation(facts, ti, pi);
      if (rel) out.push({ ...rel, complete: true });
    }
  }
  return out;
}
