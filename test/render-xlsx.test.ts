/**
 * Acceptance for `jixiao render --xlsx`: the 自评表 re-opens with exceljs with its merges and live formulas
 * (each with its stored result), jixiao's own XLSX reader gives back the same indicator rows, and
 * LibreOffice Calc recalculates the formulas (stored results removed first) to the same values.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readXlsx } from '../src/ingest/formats/xlsx.ts';
import { DEFAULT_LIMITS } from '../src/ingest/types.ts';
import type { Indicator } from '../src/model/schema.ts';
import { INDICATOR_HEADER } from '../src/render/report/tables.ts';
import { SHEET_NAME } from '../src/render/report/xlsx.ts';
import { build, COMPLETE_MODEL, type Json, run, tempDir } from './render-helpers.ts';
import { INSTALL_HINT, missingForSoffice } from './soffice.ts';

const missing = missingForSoffice();
let dir: string;
let xlsx: string;
let model: Json;
let sheet: ExcelJS.Worksheet;

beforeAll(async () => {
  build();
  dir = tempDir('jixiao-render-xlsx-');
  xlsx = join(dir, 'complete.xlsx');
  const result = run(['render', COMPLETE_MODEL, '--xlsx', xlsx]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  model = JSON.parse(readFileSync(COMPLETE_MODEL, 'utf8'));
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(xlsx);
  sheet = workbook.getWorksheet(SHEET_NAME)!;
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Row number of the first (or last) cell in column A with this text. */
function rowOf(text: string, which: 'first' | 'last' = 'first'): number {
  let found = 0;
  sheet.getColumn(1).eachCell((cell, row) => {
    if (cell.value === text && (which === 'last' || !found)) found = row;
  });
  return found;
}

function formulaAt(ref: string): { formula: string; result: unknown } {
  return sheet.getCell(ref).value as { formula: string; result: unknown };
}

describe('the 自评表 workbook', () => {
  it('has the merged title, the headers and the indicator rows', () => {
    expect(sheet.getCell('A1').value).toBe('月湖街道2020年度部门整体支出绩效自评表');
    expect(sheet.getCell('H1').isMerged).toBe(true);
    expect(sheet.getCell('H1').master.address).toBe('A1');
    const header = rowOf('一级指标');
    // The column names jixiao's score-sheet reader knows (the read-back test below proves it reads them).
    expect(sheet.getRow(header).values).toEqual([undefined, ...INDICATOR_HEADER]);
    expect(sheet.getCell(`C${header + 1}`).value).toBe('社区活动场次');
    expect(sheet.getCell(`D${header + 1}`).value).toBe('≥24场');
    expect(sheet.getCell(`F${header + 1}`).value).toBe(20);
    // 产出指标 spans its three rows.
    expect(sheet.getCell(`A${header + 3}`).master.address).toBe(`A${header + 1}`);
    expect(sheet.pageSetup.orientation).toBe('landscape');
    expect(sheet.pageSetup.paperSize).toBe(9);
    expect(sheet.pageSetup.printTitlesRow).toBe(`${header}:${header}`);
  });

  it('has live formulas with their results for totals and rates', () => {
    const total = rowOf('合计', 'last');
    expect(formulaAt(`F${total}`)).toEqual({
      formula: expect.stringMatching(/^SUM\(F\d+:F\d+\)$/),
      result: 90,
    });
    expect(formulaAt(`G${total}`).result).toBe(24);
    expect(formulaAt(`G${total + 1}`).formula).toBe(`IF(F${total}=0,0,G${total}/F${total})`);
    const basic = rowOf('基本支出');
    expect(formulaAt(`G${basic}`).formula).toBe(`F${basic}/D${basic}`);
    expect(formulaAt(`G${basic}`).result).toBeCloseTo(1771.06 / 1509.2, 10);
    const budgetTotal = rowOf('一、年度预算执行情况（万元）') + 2;
    expect(sheet.getCell(`A${budgetTotal}`).value).toBe('合计');
    expect(formulaAt(`F${budgetTotal}`).result).toBeCloseTo(4546.77, 6);
  });

  it("reads back through jixiao's XLSX reader into the same indicators", async () => {
    const read = await readXlsx(new Uint8Array(readFileSync(xlsx)), { name: xlsx, limits: DEFAULT_LIMITS });
    // The reader keeps the written actual text (20场) beside its value; the model may hold the value alone.
    const comparable = (list: Indicator[]) => list.map((i) => ({ ...i, actual: { value: i.actual.value } }));
    const expected = (model.performance.indicators as Json[]).map((i) => ({
      level2: null,
      score: null,
      deviationReason: null,
      ...i,
      actual: { value: i.actual.value ?? null },
      target: { value: null, level: null, unit: null, ...i.target },
    }));
    expect(comparable(read.indicators ?? [])).toEqual(expected);
  });
});

describe.skipIf(missing !== null)(
  `LibreOffice Calc${missing ? `（已跳过：缺少 ${missing}；安装：${INSTALL_HINT}）` : ''}`,
  () => {
    it('recalculates every formula to the stored result', async () => {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(xlsx);
      const ws = workbook.getWorksheet(SHEET_NAME)!;
      const expected = new Map<string, number>();
      ws.eachRow((row) => {
        row.eachCell((cell) => {
          const value = cell.value as { formula?: string; result?: number } | null;
          if (value && typeof value === 'object' && value.formula !== undefined) {
            expected.set(cell.address, value.result!);
            cell.value = { formula: value.formula } as ExcelJS.CellFormulaValue;
          }
        });
      });
      expect(expected.size).toBeGreaterThanOrEqual(5);
      const bare = join(dir, 'bare.xlsx');
      await workbook.xlsx.writeFile(bare);
      const result = spawnSync(
        'soffice',
        [
          `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
          '--headless',
          '--convert-to',
          'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,false',
          '--outdir',
          dir,
          bare,
        ],
        { encoding: 'utf8', timeout: 120_000 },
      );
      expect(result.status).toBe(0);
      const rows = readFileSync(join(dir, 'bare.csv'), 'utf8').split('\n').map(parseCsvLine);
      for (const [address, value] of expected) {
        const cell = ws.getCell(address);
        const shown = rows[Number(cell.row) - 1]![Number(cell.col) - 1]!;
        const number = shown.endsWith('%') ? Number(shown.slice(0, -1)) / 100 : Number(shown);
        // Calc exports what the cell shows: 0.00 and 0.00% formats.
        expect(number, address).toBeCloseTo(value, 4);
      }
    }, 120_000);
  },
);

function parseCsvLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}
