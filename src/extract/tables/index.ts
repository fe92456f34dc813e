/**
 * Tables in the text: grids found in every copy encoding (grid.ts), read into rows, columns and cell facts
 * with the help of the standard form layouts (read.ts, layout.ts), and the sums their structure states
 * (relations.ts).
 */
import type { Fact } from '../types.ts';
import { findGrids } from './grid.ts';
import { type CellContext, readGrid, type TableBlock } from './read.ts';

export type { CellContext, TableBlock } from './read.ts';
export { tableRelations } from './relations.ts';

const UNIT_DECLARATION = /(?:计量)?单位\s*[：:]\s*(万元|元|千元|亿元)/g;
/** How far above a table its 单位： declaration may stand (title lines between). */
const DECLARATION_REACH = 2;

export function parseTables(
  text: string,
  norm: string,
): { facts: Fact[]; cells: CellContext[]; blocks: TableBlock[] } {
  const facts: Fact[] = [];
  const cells: CellContext[] = [];
  const blocks: TableBlock[] = [];
  let previousEnd = 0;
  for (const grid of findGrids(norm)) {
    const start = grid.lines[0]?.[0]?.start ?? 0;
    const read = readGrid(text, grid, declarationAbove(norm, previousEnd, start));
    facts.push(...read.facts);
    cells.push(...read.cells);
    blocks.push(...read.blocks);
    previousEnd = grid.lines.at(-1)?.at(-1)?.end ?? start;
  }
  return { facts, cells, blocks };
}

/** 单位：万元 on one of the few non-blank lines right above the table (not a table further up). */
function declarationAbove(norm: string, from: number, start: number): string | null {
  let end = norm.lastIndexOf('\n', start - 1);
  const above: string[] = [];
  while (end > from && above.length < DECLARATION_REACH) {
    const lineStart = Math.max(from, norm.lastIndexOf('\n', end - 1) + 1);
    const line = norm.slice(lineStart, end);
    if (line.trim() !== '') above.unshift(line);
    end = lineStart - 1;
  }
  let unit: string | null = null;
  for (const line of above) for (const m of line.matchAll(UNIT_DECLARATION)) unit = m[1]!;
  return unit;
}
