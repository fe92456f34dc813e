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

/** What the outputs are made of: the journal read once, after the batch. */
export interface BatchResults {
  /** The latest entry per file, in file order, without its cross record. */
  entries: JournalEntry[];
  /** The cross record of each done entry that has one, in file order, with the entry it is of. */
  records: { record: CrossRecord; entry: JournalEntry }[];
  /** Their signatures end to end, in the same order (each record's `signatures` is a view of its part). */
  signatures: Uint32Array;
  /** Spent reading the journal: counted in the cross pass's time, which has always included its reading. */
  seconds: number;
}

/** A cross record as read from a journal line: its signatures are still in the store, at `at`. */
interface PendingRecord {
  hash: string | null;
  record: CrossRecord;
  at: StoredSignatures;
}

/**
 * The journal in one pass: the entries, and every done line's cross record decoded straight into typed
 * arrays (the main thread's memory stays a few dozen bytes per paragraph; no base64 string outlives its
 * line). A file's record is its first done line with the hash of its latest entry: a rerun may have
 * journalled the file before, with other content.
 */
export function readResults(outDir: string): BatchResults {
  const started = performance.now();
  const latest = new Map<string, JournalEntry>();
  const pending = new Map<string, PendingRecord[]>();
  const store = new SignatureStore();
  forEachJournalEntry(outDir, (line) => {
    const stored = line.cross;
    delete line.cross;
    latest.set(line.file, line);
    if (line.status !== 'done' || !stored) return;
    const seen = pending.get(line.file) ?? [];
    if (seen.some((p) => p.hash === line.hash)) return;
    const record = recordOf(line.file, stored);
    seen.push({ hash: line.hash, record, at: store.add(stored.signatures, record.paragraphs.length / 2) });
    pending.set(line.file, seen);
  });
  const entries = [...latest.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  // Entries come in file order (not the order workers finished in): the same batch, the same findings.
  const present = entries.flatMap((entry) => {
    if (entry.status !== 'done') return [];
    const found = pending.get(entry.file)?.find((p) => p.hash === entry.hash);
    return found ? [{ ...found, entry }] : [];
  });
  const signatures = store.gather(present.map((p) => p.at));
  let at = 0;
  for (const { record, at: part } of present) {
    record.signatures = signatures.subarray(at, at + part.length);
    at += part.length;
  }
  return {
    entries,
    records: present.map(({ record, entry }) => ({ record, entry })),
    signatures,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * The cross-report rules over every done file's record, findings streamed to disk as they are made.
 */
export function crossPass(results: BatchResults, outDir: string): CrossPass {
  const started = performance.now();
  const packs = new TextPackReader(outDir);
  const quote = (i: number, start: number, end: number) =>
    packs.quote(results.records[i]!.entry.text!, start, end);
  const out = new FindingsWriter(pendingFindingsPath(outDir));
  const byFile = new Map<string, Record<string, number>>();
  let count = 0;
  try {
    reviewAcross(
      results.records.map((r) => r.record),
      {
        signatures: results.signatures,
        quote,
        emit: (finding) => {
          out.write(finding);
          const counts = byFile.get(finding.file) ?? {};
          counts[finding.rule] = (counts[finding.rule] ?? 0) + 1;
          byFile.set(finding.file, counts);
          count++;
        },
      },
    );
  } finally {
    out.close();
    packs.close();
  }
  return { count, byFile, seconds: results.seconds + (performance.now() - started) / 1000 };
}

function recordOf(file: string, stored: StoredCross): CrossRecord {
  return {
    file,
    unit: stored.unit,
    region: stored.region,
    year: stored.year,
    paragraphs: uint32s(stored.paragraphs),
    // A view of the gathered signatures, once all are read.
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

/** Where a record's signatures are in a SignatureStore: `length` values from `offset` of chunk `chunk`. */
interface StoredSignatures {
  chunk: number;
  offset: number;
  length: number;
}

/** Values per chunk: 4 MB, so the store grows without copying and wastes little at a chunk's end. */
const STORE_CHUNK = 1 << 20;

/**
 * Signatures decoded as the journal is read, in journal order, into chunks that are allocated as they
 * fill (the corpus's size is known only at the end of the journal; reading it twice to size it cost more).
 */
class SignatureStore {
  private readonly chunks: { values: Uint32Array; bytes: Buffer }[] = [];
  private used = STORE_CHUNK;

  /** The signatures of `paragraphs` paragraphs from base64; missing bytes stay 0 (the earlier reader's contract). */
  add(base64: string, paragraphs: number): StoredSignatures {
    const length = paragraphs * SIGNATURE_LENGTH;
    if (this.used + length > STORE_CHUNK || this.chunks.length === 0) {
      const values = new Uint32Array(Math.max(STORE_CHUNK, length));
      this.chunks.push({ values, bytes: Buffer.from(values.buffer, values.byteOffset, values.byteLength) });
      this.used = 0;
    }
    const chunk = this.chunks.length - 1;
    const offset = this.used;
    // Decoded in place: no Buffer per report to copy from and collect.
    this.chunks[chunk]!.bytes.write(base64, offset * 4, length * 4, 'base64');
    this.used += length;
    return { chunk, offset, length };
  }

  /** The parts, end to end in the order given, in one array; the store is emptied. */
  gather(parts: readonly StoredSignatures[]): Uint32Array {
    const out = new Uint32Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(this.chunks[p.chunk]!.values.subarray(p.offset, p.offset + p.length), at);
      at += p.length;
    }
    this.chunks.length = 0;
    return out;
  }
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
