/**
 * The 自评表 workbook (exceljs): a merged title, the unit and year, the 年度预算执行 block (rates as live
 * formulas), then the indicator block in the column order jixiao's own score-sheet reader knows (一级/二级
 * names merged down their rows), closed by a 合计 row of SUM formulas and a 得分率 row. exceljs does not
 * calculate, so every formula is written with its computed `result` too: a reader that does not recalculate
 * (jixiao, previews) still sees the figures. Printed on A4 landscape, the indicator header repeated.
 */
import ExcelJS from 'exceljs';
import type { AmountFigures, SelfEvaluation } from '../../model/schema.ts';
import { actualText, budgetRows, INDICATOR_HEADER, targetText } from './tables.ts';
import { sum } from './vars.ts';

const COLUMNS = INDICATOR_HEADER.length;
const LAST_COLUMN = 'H';
const WIDTHS = [12, 14, 22, 14, 14, 8, 8, 30];
const FONT = { name: '仿宋_GB2312', size: 11 };
const HEADER_FONT = { name: '黑体', size: 11 };
const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFE7E6E6' } };
const MONEY_FORMAT = '0.00';
const RATE_FORMAT = '0.00%';

export const SHEET_NAME = '绩效自评表';

/** Where things landed, for tests and for the round trip. */
export interface SheetLayout {
  budgetHeaderRow: number | null;
  indicatorHeaderRow: number;
  firstIndicatorRow: number;
  totalRow: number;
}

export async function renderXlsx(model: SelfEvaluation): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'jixiao';
  const sheet = workbook.addWorksheet(SHEET_NAME);
  writeSheet(sheet, model);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function writeSheet(sheet: ExcelJS.Worksheet, model: SelfEvaluation): SheetLayout {
  sheet.columns = WIDTHS.map((width) => ({ width }));
  titleRows(sheet, model);
  const budgetHeaderRow = budgetBlock(sheet, model, 4);
  const start = budgetHeaderRow === null ? 4 : sheet.rowCount + 2;
  const layout = indicatorBlock(sheet, model, start);
  sheet.pageSetup = {
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    printTitlesRow: `${layout.indicatorHeaderRow}:${layout.indicatorHeaderRow}`,
  };
  sheet.headerFooter = { oddFooter: '&C— &P —' };
  return { budgetHeaderRow, ...layout };
}

function titleRows(sheet: ExcelJS.Worksheet, model: SelfEvaluation): void {
  sheet.mergeCells(`A1:${LAST_COLUMN}1`);
  const title = sheet.getCell('A1');
  title.value = `${model.unit.name}${model.fiscalYear}年度部门整体支出绩效自评表`;
  title.font = { name: '方正小标宋简体', size: 18 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  sheet.getRow(1).height = 36;
  sheet.getCell('A2').value = '单位名称';
  sheet.mergeCells('B2:E2');
  sheet.getCell('B2').value = model.unit.name;
  sheet.getCell('F2').value = '预算年度';
  sheet.mergeCells(`G2:${LAST_COLUMN}2`);
  sheet.getCell('G2').value = model.fiscalYear;
  for (const ref of ['A2', 'B2', 'F2', 'G2']) styleCell(sheet.getCell(ref), ref === 'A2' || ref === 'F2');
  sheet.getCell('G2').alignment = { horizontal: 'left', vertical: 'middle' };
}

function styleCell(cell: ExcelJS.Cell, header = false): void {
  cell.border = BORDER;
  cell.font = header ? HEADER_FONT : FONT;
  cell.alignment = { vertical: 'middle', wrapText: true, horizontal: header ? 'center' : undefined };
  if (header) cell.fill = HEADER_FILL;
}

function blockTitle(sheet: ExcelJS.Worksheet, row: number, text: string): void {
  sheet.mergeCells(`A${row}:${LAST_COLUMN}${row}`);
  const cell = sheet.getCell(`A${row}`);
  cell.value = text;
  cell.font = { ...HEADER_FONT, size: 12 };
}

const wan = (fen: number | null) => (fen === null ? null : fen / 1_000_000);
/** Half a 分 in 万元: sums of 万元 floats agree with their stated total within it. */
const HALF_FEN = 0.5 / 1_000_000;

/** Returns the block's header row, or null when the model has no budget figures. */
function budgetBlock(sheet: ExcelJS.Worksheet, model: SelfEvaluation, top: number): number | null {
  const rows = budgetRows(model);
  if (rows.length === 0) return null;
  blockTitle(sheet, top, '一、年度预算执行情况（万元）');
  const header = top + 1;
  sheet.mergeCells(`A${header}:C${header}`);
  const titles = ['项目', '', '', '年初预算数', '调整预算数', '全年执行数', '执行率', '说明'];
  titles.forEach((text, i) => {
    const cell = sheet.getRow(header).getCell(i + 1);
    if (text) cell.value = text;
    styleCell(cell, true);
  });
  const rowOf = new Map<string, number>();
  rows.forEach((r, i) => {
    const n = header + 1 + i;
    rowOf.set(r.label, n);
    sheet.mergeCells(`A${n}:C${n}`);
    const line = sheet.getRow(n);
    line.getCell(1).value = r.label;
    moneyCells(line, r.figures);
    rateCell(line, n, r.figures);
    for (let c = 1; c <= COLUMNS; c++) styleCell(line.getCell(c));
    for (const c of [4, 5, 6]) line.getCell(c).numFmt = MONEY_FORMAT;
    line.getCell(7).numFmt = RATE_FORMAT;
  });
  totalFormulas(sheet, rows.find((r) => r.label === '合计')!.figures, rowOf);
  return header;
}

function moneyCells(line: ExcelJS.Row, figures: AmountFigures): void {
  line.getCell(4).value = wan(figures.initial);
  line.getCell(5).value = wan(figures.adjusted);
  line.getCell(6).value = wan(figures.actual);
}

/** 执行率 = 全年执行数 ÷ 调整预算数 (else 年初预算数), live. */
function rateCell(line: ExcelJS.Row, n: number, figures: AmountFigures): void {
  const plan = figures.adjusted ?? figures.initial;
  if (figures.actual === null || plan === null || plan === 0) return;
  const base = figures.adjusted !== null ? `E${n}` : `D${n}`;
  line.getCell(7).value = { formula: `F${n}/${base}`, result: figures.actual / plan };
}

/** 合计 = 基本支出 + 项目支出 as a formula wherever both parts are known; otherwise the stated figure. */
function totalFormulas(sheet: ExcelJS.Worksheet, total: AmountFigures, rowOf: Map<string, number>): void {
  const t = rowOf.get('合计')!;
  const basic = rowOf.get('基本支出');
  const project = rowOf.get('项目支出');
  if (basic === undefined || project === undefined) return;
  const kinds: [keyof AmountFigures, string][] = [
    ['initial', 'D'],
    ['adjusted', 'E'],
    ['actual', 'F'],
  ];
  for (const [kind, col] of kinds) {
    const parts = [sheet.getCell(`${col}${basic}`).value, sheet.getCell(`${col}${project}`).value];
    if (parts.some((v) => typeof v !== 'number')) continue;
    const computed = (parts as number[])[0]! + (parts as number[])[1]!;
    // A stated total that disagrees with its parts stays as stated: validation reports it, not the sheet.
    if (total[kind] !== null && Math.abs(wan(total[kind])! - computed) > HALF_FEN) continue;
    sheet.getCell(`${col}${t}`).value = { formula: `${col}${basic}+${col}${project}`, result: computed };
  }
}

function indicatorBlock(
  sheet: ExcelJS.Worksheet,
  model: SelfEvaluation,
  top: number,
): Omit<SheetLayout, 'budgetHeaderRow'> {
  blockTitle(sheet, top, '二、绩效指标');
  const header = top + 1;
  INDICATOR_HEADER.forEach((text, i) => {
    const cell = sheet.getRow(header).getCell(i + 1);
    cell.value = text;
    styleCell(cell, true);
  });
  const indicators = model.performance.indicators;
  const first = header + 1;
  indicators.forEach((indicator, i) => {
    const line = sheet.getRow(first + i);
    const values = [
      indicator.level1,
      indicator.level2 ?? '',
      indicator.level3,
      targetText(indicator.target),
      actualText(indicator),
      indicator.weight,
      indicator.score,
      indicator.deviationReason ?? '',
    ];
    values.forEach((value, c) => {
      const cell = line.getCell(c + 1);
      if (value !== '' && value !== null) cell.value = value;
      styleCell(cell);
    });
  });
  mergeLevels(sheet, model, first);
  const totalRow = first + indicators.length;
  totalRows(sheet, model, first, totalRow);
  return { indicatorHeaderRow: header, firstIndicatorRow: first, totalRow };
}

/** 一级 names merged over their run; 二级 names over their run inside the same 一级. */
function mergeLevels(sheet: ExcelJS.Worksheet, model: SelfEvaluation, first: number): void {
  const list = model.performance.indicators;
  const runs = (key: (i: number) => string, col: string) => {
    let start = 0;
    for (let i = 1; i <= list.length; i++) {
      if (i < list.length && key(i) === key(start) && key(i) !== '') continue;
      if (i - start > 1) sheet.mergeCells(`${col}${first + start}:${col}${first + i - 1}`);
      start = i;
    }
  };
  runs((i) => list[i]!.level1, 'A');
  runs((i) => (list[i]!.level2 ? `${list[i]!.level1}\u0000${list[i]!.level2}` : ''), 'B');
}

function totalRows(sheet: ExcelJS.Worksheet, model: SelfEvaluation, first: number, totalRow: number): void {
  const indicators = model.performance.indicators;
  const last = totalRow - 1;
  sheet.mergeCells(`A${totalRow}:E${totalRow}`);
  sheet.getCell(`A${totalRow}`).value = '合计';
  const weights = indicators.map((i) => i.weight ?? 0);
  const scores = indicators.map((i) => i.score ?? 0);
  const hasRows = indicators.length > 0;
  const weightTotal = sum(weights);
  const scoreTotal = sum(scores);
  sheet.getCell(`F${totalRow}`).value = hasRows
    ? { formula: `SUM(F${first}:F${last})`, result: weightTotal }
    : 0;
  sheet.getCell(`G${totalRow}`).value = hasRows
    ? { formula: `SUM(G${first}:G${last})`, result: scoreTotal }
    : 0;
  const rateRow = totalRow + 1;
  sheet.mergeCells(`A${rateRow}:F${rateRow}`);
  sheet.getCell(`A${rateRow}`).value = '得分率（得分合计 ÷ 分值合计）';
  sheet.getCell(`G${rateRow}`).value = {
    formula: `IF(F${totalRow}=0,0,G${totalRow}/F${totalRow})`,
    result: weightTotal === 0 ? 0 : scoreTotal / weightTotal,
  };
  sheet.getCell(`G${rateRow}`).numFmt = RATE_FORMAT;
  for (const n of [totalRow, rateRow]) {
    for (let c = 1; c <= COLUMNS; c++) styleCell(sheet.getRow(n).getCell(c), c === 1);
  }
}
