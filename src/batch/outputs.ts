/**
 * After the files: the cross-report pass over the journal's records, then the summary table (CSV, XLSX)
 * and one HTML overview with charts. Everything here is read back from the journal, so a resumed batch
 * writes the same outputs as one that ran straight through.
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { crossRules, reviewAcross } from '../review/cross/index.ts';
import { SIGNATURE_LENGTH } from '../review/cross/minhash.ts';
import type { CrossFinding, CrossRecord } from '../review/cross/types.ts';
import { rules } from '../review/rules/index.ts';
import { writeFileAtomically } from './analyse.ts';
import { forEachJournalEntry } from './journal.ts';
import { TextPackReader } from './texts.ts';
import type { JournalEntry, StoredCross, SummaryRow } from './types.ts';

export const OUTPUT_FORMATS = ['json', 'csv', 'xlsx', 'html'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface CrossPass {
  /** Findings in all. */
  count: number;
  /** file → rule → findings: all the summary table and the overview need of them. */
  byFile: Map<string, Record<string, number>>;
  seconds: number;
}

/** Where the cross pass streams its findings; `writeOutputs` moves the file into place (json) or drops it. */
function pendingFindingsPath(outDir: string): string {
  return join(outDir, '.batch', 'cross-findings.json.partial');
}

/**
 * The cross-report rules over every done file's record, findings streamed to disk as they are made.
 * The records are read from the journal a line at a time, not from `entries` (which need not carry them),
 * and decoded straight into typed arrays: the main thread's memory stays a few dozen bytes per paragraph.
 */
export function crossPass(entries: readonly JournalEntry[], outDir: string): CrossPass {
  const started = performance.now();
  // Entries come in file order (not the order workers finished in): the same batch, the same findings.
  const done = entries.filter((e) => e.status === 'done');
  const slot = new Map(done.map((e, i) => [e.file, i]));
  // Two reads of the journal: the first sizes the corpus, the second decodes every signature straight into
  // its place in one array (no per-report copy to gather afterwards).
  const slots: (CrossRecord | undefined)[] = new Array(done.length);
  const counts = new Int32Array(done.length);
  const lineOf = (line: JournalEntry): number | undefined => {
    const i = slot.get(line.file);
    // The line of the entry that counts: a rerun may have journalled the file before, with other content.
    if (i === undefined || line.status !== 'done' || !line.cross || line.hash !== done[i]!.hash)
      return undefined;
    return i;
  };
  forEachJournalEntry(outDir, (line) => {
    const i = lineOf(line);
    if (i === undefined || slots[i]) return;
    slots[i] = recordOf(line.file, line.cross!);
    counts[i] = slots[i]!.paragraphs.length / 2;
  });
  const offsets = new Float64Array(done.length);
  let total = 0;
  for (let i = 0; i < done.length; i++) {
    offsets[i] = total;
    total += counts[i]!;
  }
  const signatures = new Uint32Array(total * SIGNATURE_LENGTH);
  const filled = new Uint8Array(done.length);
  forEachJournalEntry(outDir, (line) => {
    const i = lineOf(line);
    if (i === undefined || filled[i] || !slots[i]) return;
    filled[i] = 1;
    const at = offsets[i]! * SIGNATURE_LENGTH;
    const view = signatures.subarray(at, at + counts[i]! * SIGNATURE_LENGTH);
    const bytes = Buffer.from(line.cross!.signatures, 'base64');
    new Uint8Array(view.buffer, view.byteOffset, view.byteLength).set(bytes.subarray(0, view.byteLength));
    slots[i]!.signatures = view;
  });
  const present = slots.flatMap((r, i) => (r ? [{ record: r, entry: done[i]! }] : []));
  const records = present.map((p) => p.record);
  const packs = new TextPackReader(outDir);
  const quote = (i: number, start: number, end: number) => packs.quote(present[i]!.entry.text!, start, end);
  const out = new FindingsWriter(pendingFindingsPath(outDir));
  const byFile = new Map<string, Record<string, number>>();
  let count = 0;
  try {
    reviewAcross(records, {
      signatures,
      quote,
      emit: (finding) => {
        out.write(finding);
        const counts = byFile.get(finding.file) ?? {};
        counts[finding.rule] = (counts[finding.rule] ?? 0) + 1;
        byFile.set(finding.file, counts);
        count++;
      },
    });
  } finally {
    out.close();
    packs.close();
  }
  return { count, byFile, seconds: (performance.now() - started) / 1000 };
}

function recordOf(file: string, stored: StoredCross): CrossRecord {
  return {
    file,
    unit: stored.unit,
    region: stored.region,
    year: stored.year,
    paragraphs: uint32s(stored.paragraphs),
    // Filled on the second read of the journal.
    signatures: new Uint32Array(0),
    figures: stored.figures,
  };
}

function uint32s(base64: string): Uint32Array {
  const bytes = Buffer.from(base64, 'base64');
  // Copied into an aligned buffer: a Buffer from base64 may start at any byte offset of the pool.
  const out = new Uint32Array(bytes.length >> 2);
  new Uint8Array(out.buffer).set(bytes.subarray(0, out.length << 2));
  return out;
}

/** `{"findings":[…]}` written a finding at a time, through a small buffer. */
class FindingsWriter {
  private readonly fd: number;
  private buffer: string[] = [];
  private size = 0;
  private first = true;

  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'w');
    this.push('{"findings":[\n');
  }

  write(finding: CrossFinding): void {
    this.push(`${this.first ? '' : ',\n'}${JSON.stringify(finding)}`);
    this.first = false;
  }

  close(): void {
    this.push('\n]}\n');
    this.flush();
    closeSync(this.fd);
  }

  private push(s: string): void {
    this.buffer.push(s);
    this.size += s.length;
    if (this.size > 1 << 16) this.flush();
  }

  private flush(): void {
    writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.size = 0;
  }
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

function tableRows(entries: readonly JournalEntry[], cross: CrossPass) {
  return entries.map((e) => {
    const extra = {
      status: e.status === 'done' ? '完成' : `失败：${e.error ?? ''}`,
      cross: cross.byFile.get(e.file) ?? {},
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
  const rows = tableRows(entries, cross);
  const pending = pendingFindingsPath(outDir);
  if (formats.has('json') && existsSync(pending)) {
    const path = join(outDir, 'cross-findings.json');
    renameSync(pending, path);
    written.push(path);
  } else rmSync(pending, { force: true });
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
    writeFileAtomically(path, overviewHtml(entries, cross));
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
