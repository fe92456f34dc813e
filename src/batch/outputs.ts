/**
 * After the files: the cross-report pass over the journal's records, then the summary table (CSV, XLSX)
 * and one HTML overview with charts. Everything here is read back from the journal, so a resumed batch
 * writes the same outputs as one that ran straight through.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crossRules, reviewAcross } from '../review/cross/index.ts';
import type { CrossFinding, CrossRecord } from '../review/cross/types.ts';
import { rules } from '../review/rules/index.ts';
import { textPath, writeFileAtomically } from './analyse.ts';
import type { JournalEntry, SummaryRow } from './types.ts';

export const OUTPUT_FORMATS = ['json', 'csv', 'xlsx', 'html'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface CrossPass {
  findings: CrossFinding[];
  seconds: number;
}

export function crossPass(entries: readonly JournalEntry[], outDir: string): CrossPass {
  const started = performance.now();
  // Entries come in file order (not the order workers finished in): the same batch, the same findings.
  const done = entries.filter((e) => e.status === 'done' && e.cross);
  const records: CrossRecord[] = done.map((e) => ({
    file: e.file,
    unit: e.cross!.unit,
    region: e.cross!.region,
    year: e.cross!.year,
    paragraphs: pairs(uint32s(e.cross!.paragraphs)),
    signatures: uint32s(e.cross!.signatures),
    figures: e.cross!.figures,
  }));
  const { findings } = reviewAcross(records, {
    textOf: (i) => readFileSync(textPath(outDir, done[i]!.hash!), 'utf8'),
  });
  return { findings, seconds: (performance.now() - started) / 1000 };
}

function pairs(flat: Uint32Array): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push({ start: flat[i]!, end: flat[i + 1]! });
  return out;
}

function uint32s(base64: string): Uint32Array {
  const bytes = Buffer.from(base64, 'base64');
  // Copied into an aligned buffer: a Buffer from base64 may start at any byte offset of the pool.
  return new Uint32Array(new Uint8Array(bytes).buffer);
}

interface Column {
  title: string;
  value: (row: SummaryRow, extra: RowExtra) => string | number | null;
}

interface RowExtra {
  status: string;
  cross: Record<string, number>;
}

const RULE_IDS = [...rules.map((r) => r.id), ...crossRules.map((r) => r.id)];

const COLUMNS: Column[] = [
  { title: '文件', value: (r) => r.file },
  { title: '状态', value: (_r, x) => x.status },
  { title: '单位', value: (r) => r.unit },
  { title: '年度', value: (r) => r.year },
  { title: '一般公共预算支出（万元）', value: (r) => r.total },
  { title: '基本支出（万元）', value: (r) => r.basic },
  { title: '项目支出（万元）', value: (r) => r.project },
  {
    title: '预算执行率',
    value: (r) => (r.executionRate === null ? null : Number(r.executionRate.toFixed(4))),
  },
  { title: '得分', value: (r) => r.score },
  { title: '等级', value: (r) => r.grade },
  { title: '错误', value: (r) => r.errors },
  { title: '警告', value: (r) => r.warnings },
  { title: '提示', value: (r) => r.infos },
  ...RULE_IDS.map((id) => ({
    title: id,
    value: (r: SummaryRow, x: RowExtra) => r.byRule[id] ?? x.cross[id] ?? 0,
  })),
];

const EMPTY_ROW = (file: string): SummaryRow => ({
  file,
  hash: '',
  format: null,
  unit: null,
  year: null,
  total: null,
  basic: null,
  project: null,
  executionRate: null,
  score: null,
  grade: null,
  errors: 0,
  warnings: 0,
  infos: 0,
  byRule: {},
});

function tableRows(entries: readonly JournalEntry[], cross: readonly CrossFinding[]) {
  const crossByFile = new Map<string, Record<string, number>>();
  for (const f of cross) {
    const counts = crossByFile.get(f.file) ?? {};
    counts[f.rule] = (counts[f.rule] ?? 0) + 1;
    crossByFile.set(f.file, counts);
  }
  return entries.map((e) => {
    const extra = {
      status: e.status === 'done' ? '完成' : `失败：${e.error ?? ''}`,
      cross: crossByFile.get(e.file) ?? {},
    };
    return COLUMNS.map((c) => c.value(e.row ?? EMPTY_ROW(e.file), extra));
  });
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const s = String(value);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export async function writeOutputs(
  outDir: string,
  formats: ReadonlySet<OutputFormat>,
  entries: readonly JournalEntry[],
  cross: CrossPass,
): Promise<string[]> {
  const written: string[] = [];
  const rows = tableRows(entries, cross.findings);
  if (formats.has('json')) {
    const path = join(outDir, 'cross-findings.json');
    writeFileAtomically(path, `${JSON.stringify({ findings: cross.findings }, null, 1)}\n`);
    written.push(path);
  }
  if (formats.has('csv')) {
    const path = join(outDir, 'summary.csv');
    const lines = [
      COLUMNS.map((c) => csvCell(c.title)).join(','),
      ...rows.map((r) => r.map(csvCell).join(',')),
    ];
    // BOM: Excel opens a UTF-8 CSV with Chinese text correctly only with it.
    writeFileSync(path, `\uFEFF${lines.join('\r\n')}\r\n`);
    written.push(path);
  }
  if (formats.has('xlsx')) {
    const path = join(outDir, 'summary.xlsx');
    await writeXlsx(path, rows);
    written.push(path);
  }
  if (formats.has('html')) {
    const { overviewHtml } = await import('./overview.ts');
    const path = join(outDir, 'overview.html');
    writeFileAtomically(path, overviewHtml(entries, cross.findings));
    written.push(path);
  }
  return written;
}

async function writeXlsx(path: string, rows: (string | number | null)[][]): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: false });
  const sheet = workbook.addWorksheet('汇总', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c, i) => ({
    header: c.title,
    width: i === 0 ? 36 : Math.max(8, c.title.length * 2),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) sheet.addRow(row).commit();
  sheet.commit();
  await workbook.commit();
}
