/**
 * Spreadsheet readers: XLSX through exceljs, legacy XLS (and SpreadsheetML 2003 / HTML saved as .xls)
 * through SheetJS. Both become the same sheet model and the same text. I/O-free.
 *
 * Text: every visible sheet is a line `工作表：<name>` followed by its non-empty rows, cells separated by `\t`
 * and placed at their column (leading empty columns keep their tabs), a blank line between sheets. Numbers
 * are shown as Excel displays them (number format applied: 0.955 with `0.00%` → 95.50%); formulas show their
 * cached result (exceljs does not calculate). Hidden sheets are skipped: templates keep lookup lists there.
 *
 * Merged cells: the master's value fills the merged area's first column downwards when it is a label (text
 * with no digit), so an 一级/二级 indicator name spanning rows stands on each row; numbers, and the rest of
 * a horizontal span, stay empty so that no figure is ever counted twice.
 *
 * Blocks: one per non-empty cell (`自评表!B7`, sheet names quoted the Excel way when needed) and one heading
 * block per sheet-name line (`path` = the sheet reference).
 *
 * Safety:
 * - The package is checked by zip.ts (entry count, declared and real sizes, CRC); only the XML parts that
 *   passed reach exceljs, re-packed without compression, so exceljs never inflates anything we did not bound.
 * - Worksheet parts lose what exceljs would expand cell by cell (data validations, huge merges) first.
 * - SheetJS (legacy .xls, and the second try when exceljs rejects an .xlsx) runs in a child process with a
 *   heap cap and a time budget, because a corrupt BIFF record can make it loop and exhaust memory.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import * as SheetJSModule from 'xlsx';
import { isJixiaoError, JixiaoError } from '../../errors.ts';
import type { Indicator } from '../../model/schema.ts';
import { type GridRow, readScoreSheet } from '../score-sheet.ts';
import { timeoutError } from '../timeout.ts';
import type { IngestResult, Reader, ReaderOptions, SourceBlock } from '../types.ts';
import {
  abortError,
  createDeadline,
  type Deadline,
  inspectOle2,
  isOle2,
  isZip,
  openZip,
  withDeadline,
} from '../zip.ts';

// Node's CJS interop exposes SheetJS under `default`; the ESM build (vite/vitest) exports names directly.
const SheetJS: typeof SheetJSModule =
  (SheetJSModule as unknown as { default?: typeof SheetJSModule }).default ?? SheetJSModule;

const FORMAT = 'Excel 表格';

export const readXlsx: Reader = async (bytes, options) => {
  const deadline = createDeadline(options.limits, options.name, options.signal);
  try {
    checkSize(bytes, options);
    if (isOle2(bytes)) return await readOle2Spreadsheet(bytes, options, deadline);
    return await readOoxml(bytes, options, deadline);
  } catch (error) {
    throw asJixiaoError(error, options.name);
  }
};

export const readXls: Reader = async (bytes, options) => {
  const deadline = createDeadline(options.limits, options.name, options.signal);
  try {
    checkSize(bytes, options);
    if (isZip(bytes)) return await readOoxml(bytes, options, deadline);
    if (isOle2(bytes)) return await readOle2Spreadsheet(bytes, options, deadline);
    if (looksLikeMarkup(bytes)) return await readWithSheetJS(bytes, options, deadline, 'xls');
    throw new JixiaoError('JX_CORRUPT', { format: FORMAT, reason: '不是 Excel 文件', file: options.name });
  } catch (error) {
    throw asJixiaoError(error, options.name);
  }
};

function asJixiaoError(error: unknown, file: string): JixiaoError {
  if (isJixiaoError(error)) return error;
  return new JixiaoError('JX_CORRUPT', { format: FORMAT, reason: '内容无法解析', file }, { cause: error });
}

async function readOle2Spreadsheet(
  bytes: Uint8Array,
  options: ReaderOptions,
  deadline: Deadline,
): Promise<IngestResult> {
  const file = options.name;
  const kind = inspectOle2(bytes).kind;
  if (kind === 'encrypted-ooxml') throw new JixiaoError('JX_ENCRYPTED', { format: FORMAT, file });
  if (kind === 'word') return (await import('./docx.ts')).readDocx(bytes, options); // reports .doc as unsupported
  if (kind !== 'excel')
    throw new JixiaoError('JX_CORRUPT', { format: FORMAT, reason: '不是 Excel 文件', file });
  return readWithSheetJS(bytes, options, deadline, 'xls');
}

async function readOoxml(
  bytes: Uint8Array,
  options: ReaderOptions,
  deadline: Deadline,
): Promise<IngestResult> {
  const file = options.name;
  const zip = openZip(bytes, { file, format: FORMAT, limits: options.limits, deadline });
  if (!zip.has('xl/workbook.xml')) {
    if (zip.has('word/document.xml')) return (await import('./docx.ts')).readDocx(bytes, options);
    throw new JixiaoError('JX_CORRUPT', { format: FORMAT, reason: '缺少 xl/workbook.xml', file });
  }
  // Only XML parts: media and binary parts (images, printer settings, VBA) carry no text.
  const parts: Record<string, Uint8Array> = Object.create(null);
  for (const entry of zip.entries) {
    if (!/\.(xml|rels)$/i.test(entry.name) || entry.name in parts) continue;
    const data = zip.read(entry.name)!;
    parts[entry.name] = WORKSHEET_PART.test(entry.name) ? defuseWorksheet(data) : data;
  }
  deadline.check();
  const stored = zipSync(parts, { level: 0 });
  let sheets: SheetData[];
  try {
    sheets = await withDeadline(loadWithExcelJS(stored, deadline), deadline, () =>
      deadline.signal?.aborted
        ? abortError(deadline.signal, options.limits, file)
        : timeoutError(options.limits.timeoutMs, file),
    );
  } catch (error) {
    if (isJixiaoError(error)) throw error;
    return readWithSheetJS(stored, options, deadline, 'xlsx');
  }
  return result('xlsx', sheets, options, deadline);
}

/**
 * exceljs expands every data-validation range into one entry per cell and turns every merged range into
 * per-cell objects, so a template with a drop-down on a whole column (`D3:D1048576`) costs seconds, and
 * `A1:XFD1048576` exhausts memory. Text extraction needs neither: validations and the extension list go, and
 * merges larger than a score sheet could ever need are dropped before exceljs sees them.
 */
const WORKSHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/i;
const MAX_MERGE_CELLS = 10_000;
const MAX_MERGED_CELLS_PER_SHEET = 200_000;

function defuseWorksheet(data: Uint8Array): Uint8Array {
  const xml = new TextDecoder('utf-8').decode(data);
  let merged = 0;
  const cleaned = xml
    .replace(/<(\w+:)?dataValidations\b[^>]*\/>|<(\w+:)?dataValidations\b[\s\S]*?<\/\2dataValidations>/g, '')
    .replace(/<(\w+:)?extLst\b[^>]*\/>|<(\w+:)?extLst\b[\s\S]*?<\/\2extLst>/g, '')
    .replace(/<(\w+:)?mergeCell\b[^>]*?\bref="([^"]*)"[^>]*?\/>/g, (element, _prefix, ref: string) => {
      const area = rangeArea(ref);
      if (area > MAX_MERGE_CELLS || merged + area > MAX_MERGED_CELLS_PER_SHEET) return '';
      merged += area;
      return element;
    });
  return cleaned === xml ? data : new TextEncoder().encode(cleaned);
}

/** Cells in an A1-style range; Infinity when it cannot be read (such a merge is dropped). */
function rangeArea(ref: string): number {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$/i.exec(ref.trim());
  if (!m) return Number.POSITIVE_INFINITY;
  const col = (letters: string) =>
    [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const rows = Math.abs(Number(m[4] ?? m[2]) - Number(m[2])) + 1;
  const cols = Math.abs(col(m[3] ?? m[1]!) - col(m[1]!)) + 1;
  return rows * cols;
}

// ---------------------------------------------------------------------------------------------------------
// The sheet model both libraries are turned into

interface SheetCell {
  text: string;
  /** A text value (a label candidate), as opposed to a number, date or boolean. */
  isText: boolean;
}

interface Range {
  /** 1-based, inclusive. */
  top: number;
  left: number;
  bottom: number;
  right: number;
}

interface SheetData {
  name: string;
  /** row → column → cell, 1-based. */
  rows: Map<number, Map<number, SheetCell>>;
  merges: Range[];
}

function setCell(sheet: SheetData, row: number, col: number, cell: SheetCell): void {
  let cells = sheet.rows.get(row);
  if (!cells) {
    cells = new Map();
    sheet.rows.set(row, cells);
  }
  cells.set(col, cell);
}

// ---------------------------------------------------------------------------------------------------------
// exceljs

async function loadWithExcelJS(stored: Uint8Array, deadline: Deadline): Promise<SheetData[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength) as never);
  const sheets: SheetData[] = [];
  for (const ws of workbook.worksheets) {
    if (ws.state === 'hidden' || ws.state === 'veryHidden') continue;
    const sheet: SheetData = { name: ws.name, rows: new Map(), merges: [] };
    const merges = new Map<string, Range>();
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      deadline.check();
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        if (cell.type === ExcelJS.ValueType.Merge) {
          const master = cell.master;
          const key = master.address;
          const range = merges.get(key) ?? {
            top: Number(master.row),
            left: Number(master.col),
            bottom: r,
            right: c,
          };
          range.bottom = Math.max(range.bottom, r);
          range.right = Math.max(range.right, c);
          merges.set(key, range);
          return;
        }
        const value = excelCellValue(cell);
        if (value) setCell(sheet, r, c, value);
      });
    });
    sheet.merges = [...merges.values()];
    sheets.push(sheet);
  }
  return sheets;
}

function excelCellValue(cell: ExcelJS.Cell): SheetCell | null {
  const value = cell.value;
  switch (cell.type) {
    case ExcelJS.ValueType.Formula:
      return fromPlain((value as ExcelJS.CellFormulaValue).result, cell.numFmt);
    case ExcelJS.ValueType.RichText:
      return textCell((value as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join(''));
    case ExcelJS.ValueType.Hyperlink: {
      const text = (value as ExcelJS.CellHyperlinkValue).text as unknown;
      return typeof text === 'string' ? textCell(text) : fromPlain(text, cell.numFmt);
    }
    case ExcelJS.ValueType.Error:
      return textCell((value as ExcelJS.CellErrorValue).error);
    default:
      return fromPlain(value, cell.numFmt);
  }
}

function fromPlain(value: unknown, numFmt: string | undefined): SheetCell | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return textCell(value);
  if (typeof value === 'number') return { text: formatNumberCell(value, numFmt), isText: false };
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', isText: false };
  if (value instanceof Date) return { text: formatDateCell(value, numFmt), isText: false };
  if (typeof value === 'object') {
    if ('richText' in value)
      return textCell((value as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join(''));
    if ('error' in value) return textCell(String((value as ExcelJS.CellErrorValue).error));
  }
  return null;
}

function textCell(text: string): SheetCell | null {
  return text.trim() === '' ? null : { text, isText: true };
}

/** Excel's display of a number under its format, via SheetJS's formatter (SSF). */
function formatNumberCell(value: number, numFmt: string | undefined): string {
  const format = numFmt && numFmt !== '' ? numFmt : 'General';
  try {
    return String(SheetJS.SSF.format(format, value)).trim();
  } catch {
    return String(SheetJS.SSF.format('General', value));
  }
}

const EXCEL_EPOCH_DAYS = 25569;

function formatDateCell(date: Date, numFmt: string | undefined): string {
  const serial = date.getTime() / 86_400_000 + EXCEL_EPOCH_DAYS;
  const hasTime = !Number.isInteger(serial);
  // exceljs's default date format is US-style (mm-dd-yy); only formats written for Chinese are kept.
  const format = numFmt && /[年月日]/.test(numFmt) ? numFmt : hasTime ? 'yyyy-mm-dd hh:mm' : 'yyyy-mm-dd';
  return formatNumberCell(serial, format);
}

// ---------------------------------------------------------------------------------------------------------
// SheetJS, in a child process
//
// SheetJS trusts the lengths inside BIFF records: one flipped bit can send it into a loop building a string
// of billions of characters (seconds of CPU, then an out-of-memory abort). Synchronous code cannot be
// interrupted, and a worker thread is not enough: V8 can abort the whole process when a worker's heap
// limit is hit on a background thread (seen in testing). So the parse runs in a child Node process with
// its own heap cap, killed when the deadline passes. Only plain cell data comes back over IPC.

/** The child's program (CommonJS): one workbook per message, exits when the parent goes away. */
const SHEETJS_CHILD = `
const XLSX = require(process.argv[1]);
function read(bytes) {
  const wb = XLSX.read(bytes, { type: 'array', cellText: true, cellNF: true, cellDates: false });
  const sheets = [];
  wb.SheetNames.forEach((name, i) => {
    const info = (wb.Workbook && wb.Workbook.Sheets && wb.Workbook.Sheets[i]) || {};
    const ws = wb.Sheets[name];
    if (info.Hidden || !ws) return;
    const cells = [];
    for (const address of Object.keys(ws)) {
      if (address[0] === '!') continue;
      const cell = ws[address];
      const rc = XLSX.utils.decode_cell(address);
      const text = cell.w != null ? String(cell.w) : cell.v == null ? '' : String(cell.v);
      if (text.trim() !== '') cells.push([rc.r + 1, rc.c + 1, text, cell.t === 's']);
    }
    const merges = (ws['!merges'] || []).map((m) => [m.s.r + 1, m.s.c + 1, m.e.r + 1, m.e.c + 1]);
    sheets.push({ name, cells, merges });
  });
  return sheets;
}
process.on('disconnect', () => process.exit(0));
process.on('message', (bytes) => {
  let reply;
  try {
    reply = { ok: true, sheets: read(bytes) };
  } catch (error) {
    reply = { ok: false, message: String((error && error.message) || error) };
  }
  process.send(reply);
});
`;

interface WorkerSheet {
  name: string;
  cells: [number, number, string, boolean][];
  merges: [number, number, number, number][];
}

type WorkerReply = { ok: true; sheets: WorkerSheet[] } | { ok: false; message: string };

const MB = 1024 * 1024;

async function readWithSheetJS(
  bytes: Uint8Array,
  options: ReaderOptions,
  deadline: Deadline,
  format: 'xls' | 'xlsx',
): Promise<IngestResult> {
  deadline.check();
  const reply = await runSheetJS(bytes, options, deadline);
  if (!reply.ok) {
    if (/password|encrypt/i.test(reply.message)) {
      throw new JixiaoError('JX_ENCRYPTED', { format: FORMAT, file: options.name });
    }
    throw new JixiaoError('JX_CORRUPT', { format: FORMAT, reason: '内容无法解析', file: options.name });
  }
  const sheets = reply.sheets.map((ws): SheetData => {
    const sheet: SheetData = { name: ws.name, rows: new Map(), merges: [] };
    for (const [r, c, text, isText] of ws.cells) setCell(sheet, r, c, { text, isText });
    sheet.merges = ws.merges.map(([top, left, bottom, right]) => ({ top, left, bottom, right }));
    return sheet;
  });
  return result(format, sheets, options, deadline);
}

/**
 * One idle child is kept (unref'd, so it never holds the process open) because starting Node and loading
 * SheetJS costs ~150 ms; a child that failed, timed out or ran out of memory is never reused. The heap cap
 * grows with the input so a real 50 MB workbook fits while a corrupt 30 KB one fails fast.
 */
let idleChild: { child: ChildProcess; heapMb: number } | null = null;

/**
 * SheetJS parses a healthy workbook at several MB per second; a corrupt one can spin for seconds before it
 * runs out of memory. Past this budget (1 s plus 0.5 s per MB) the file is given up as too complex.
 */
function parseBudgetMs(bytes: Uint8Array): number {
  return Math.round(1000 + (500 * bytes.length) / MB);
}

function heapFor(bytes: Uint8Array): number {
  return Math.min(2048, 128 + 32 * Math.ceil(bytes.length / MB));
}

function acquireChild(heapMb: number): ChildProcess {
  if (idleChild && idleChild.heapMb === heapMb && idleChild.child.connected) {
    const { child } = idleChild;
    idleChild = null;
    child.ref();
    child.channel?.ref();
    return child;
  }
  const { NODE_OPTIONS: _ignored, ...env } = process.env;
  return spawn(
    process.execPath,
    [`--max-old-space-size=${heapMb}`, '-e', SHEETJS_CHILD, createRequire(import.meta.url).resolve('xlsx')],
    // SheetJS logs unknown records with console.error: that noise stays out of the user's terminal.
    { stdio: ['ignore', 'ignore', 'ignore', 'ipc'], serialization: 'advanced', env },
  );
}

function releaseChild(child: ChildProcess, heapMb: number): void {
  if (idleChild) {
    child.kill('SIGKILL');
    return;
  }
  child.unref();
  child.channel?.unref();
  idleChild = { child, heapMb };
}

function runSheetJS(bytes: Uint8Array, options: ReaderOptions, deadline: Deadline): Promise<WorkerReply> {
  const file = options.name;
  const heapMb = heapFor(bytes);
  const child = acquireChild(heapMb);
  const failed = (cause?: unknown) =>
    new JixiaoError(
      'JX_CORRUPT',
      { format: FORMAT, reason: '内容无法解析', file },
      cause === undefined ? undefined : { cause },
    );
  return new Promise((resolve, reject) => {
    const onMessage = (reply: WorkerReply) => {
      cleanUp();
      releaseChild(child, heapMb);
      resolve(reply);
    };
    const onError = (error: unknown) => fail(failed(error));
    const onExit = () => fail(failed());
    const budget = parseBudgetMs(bytes);
    const remaining = Math.max(0, deadline.endsAt - Date.now());
    const timer = setTimeout(
      () => fail(timeoutError(remaining <= budget ? options.limits.timeoutMs : budget, file)),
      Math.min(remaining, budget),
    );
    // The loader gave up (its own timeout): stop the child now rather than let it burn its budget.
    const onAbort = () => fail(abortError(deadline.signal!, options.limits, file));
    deadline.signal?.addEventListener('abort', onAbort, { once: true });
    function cleanUp() {
      clearTimeout(timer);
      deadline.signal?.removeEventListener('abort', onAbort);
      child.off('message', onMessage);
      child.off('error', onError);
      child.off('exit', onExit);
    }
    function fail(error: JixiaoError) {
      cleanUp();
      child.kill('SIGKILL');
      reject(error);
    }
    child.on('message', onMessage);
    child.on('error', onError);
    child.on('exit', onExit);
    child.send(bytes, (error) => {
      if (error) fail(failed(error));
    });
  });
}

function looksLikeMarkup(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8')
    .decode(bytes.subarray(0, 512))
    .replace(/^\uFEFF/, '')
    .trimStart();
  return head.startsWith('<');
}

function checkSize(bytes: Uint8Array, options: ReaderOptions): void {
  if (bytes.length <= options.limits.maxBytes) return;
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MB`;
  throw new JixiaoError('JX_TOO_LARGE', {
    size: mb(bytes.length),
    limit: mb(options.limits.maxBytes),
    file: options.name,
  });
}

// ---------------------------------------------------------------------------------------------------------
// Rendering

const LABEL = /^[^\d０-９]+$/;
/** A label is repeated down a vertical merge of at most this many rows (a taller one is not a table label). */
const MAX_FILL_ROWS = 500;

function result(
  format: 'xls' | 'xlsx',
  sheets: SheetData[],
  options: ReaderOptions,
  deadline: Deadline,
): IngestResult {
  const parts: string[] = [];
  const blocks: SourceBlock[] = [];
  const indicators: Indicator[] = [];
  let length = 0;
  const push = (s: string) => {
    parts.push(s);
    length += s.length;
  };
  for (const sheet of sheets) {
    const ref = sheetRef(sheet.name);
    const grid = resolveMerges(sheet);
    if (grid.rows.length === 0) continue;
    if (length > 0) push('\n');
    const title = `工作表：${sheet.name}`;
    blocks.push({ start: length, end: length + title.length, kind: 'heading', path: ref });
    push(`${title}\n`);
    for (const row of grid.rows) {
      deadline.check();
      // A cell in column c has c-1 tabs before it, so columns line up across rows.
      let line = '';
      let tabs = 0;
      for (const cell of row.cells) {
        line += '\t'.repeat(Math.max(0, cell.col - 1 - tabs));
        tabs = Math.max(tabs, cell.col - 1);
        blocks.push({
          start: length + line.length,
          end: length + line.length + cell.text.length,
          kind: 'cell',
          path: `${ref}!${columnName(cell.col)}${row.row}`,
        });
        line += cell.text;
      }
      push(`${line}\n`);
    }
    indicators.push(...readScoreSheet(grid.scoreRows));
  }
  const text = parts.join('').replace(/\n+$/, '');
  if (text.trim() === '') throw new JixiaoError('JX_EMPTY', { file: options.name });
  return { format, text, blocks, ...(indicators.length > 0 ? { indicators } : {}) };
}

interface RenderedRow {
  row: number;
  cells: { col: number; text: string }[];
}

/**
 * Applies the merge rule (labels fill down the first column, nothing else repeats) and returns the rows to
 * print plus the grid for score-sheet detection (a master spans its merged columns there).
 */
function resolveMerges(sheet: SheetData): { rows: RenderedRow[]; scoreRows: GridRow[] } {
  const spans = new Map<string, number>();
  const rowNumbers = [...sheet.rows.keys()].sort((a, b) => a - b);
  for (const m of sheet.merges) {
    const master = sheet.rows.get(m.top)?.get(m.left);
    spans.set(`${m.top},${m.left}`, m.right - m.left + 1);
    // Clear what lies under the merge, visiting only rows that exist (a merge may be absurdly large).
    for (const r of rowNumbers) {
      if (r < m.top || r > m.bottom) continue;
      const cells = sheet.rows.get(r)!;
      for (const c of [...cells.keys()]) {
        if (c >= m.left && c <= m.right && (r !== m.top || c !== m.left)) cells.delete(c);
      }
    }
    const fillDown = master?.isText && LABEL.test(master.text) && m.bottom - m.top <= MAX_FILL_ROWS;
    for (let r = m.top + 1; fillDown && r <= m.bottom; r++) setCell(sheet, r, m.left, master!);
  }
  const rows: RenderedRow[] = [];
  const scoreRows: GridRow[] = [];
  for (const r of [...sheet.rows.keys()].sort((a, b) => a - b)) {
    const cells = [...sheet.rows.get(r)!.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([col, cell]) => ({ col, text: oneLine(cell.text) }))
      .filter((cell) => cell.text !== '');
    if (cells.length === 0) continue;
    rows.push({ row: r, cells });
    scoreRows.push(
      cells.map((cell) => ({ text: cell.text, col: cell.col - 1, span: spans.get(`${r},${cell.col}`) ?? 1 })),
    );
  }
  return { rows, scoreRows };
}

/** Line breaks and tabs inside a cell would break the one-row-per-line layout. */
function oneLine(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ').trim();
}

function columnName(col: number): string {
  let name = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function sheetRef(name: string): string {
  return /^[A-Za-z_\u4e00-\u9fff][\w.\u4e00-\u9fff]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}
