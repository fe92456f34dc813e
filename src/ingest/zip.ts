/**
 * Safe unzip for OOXML containers (DOCX/XLSX), plus the OLE2 (CFB) sniffing that tells an encrypted OOXML
 * or a legacy Office file apart from a broken ZIP. I/O-free: bytes in, bytes out.
 *
 * Order of checks: the entry count and the declared sizes (central directory) against the limits before
 * anything is inflated; then each entry, on demand, inflated with a hard cap at its declared size, so a
 * header that lies is stopped as soon as the output passes it; then its CRC-32.
 *
 * Why not fflate's `unzipSync`: its filter does show the declared sizes, but it inflates into a buffer of
 * the declared size, so a lying header is silently truncated while the whole bomb is still decoded (CPU
 * time unbounded). fflate's streaming `Inflate` can be capped, but node:zlib does the same natively
 * (`maxOutputLength`, checked between 16 KB chunks) and reads a 1 MB document.xml about 40 % faster on a
 * cold start, which is what a one-file CLI run is.
 */

import * as zlib from 'node:zlib';
import { isJixiaoError, JixiaoError } from '../errors.ts';
import { timeoutError } from './timeout.ts';
import type { ReaderLimits } from './types.ts';

// ---------------------------------------------------------------------------------------------------------
// Deadline: readers are synchronous for long stretches, so the budget is checked cooperatively.

export interface Deadline {
  /** Throws JX_TIMEOUT once the budget is spent or the caller's signal has fired. */
  check(): void;
  readonly endsAt: number;
  /** The caller's abort signal (the loader aborts it on its own timeout), if any. */
  readonly signal: AbortSignal | undefined;
}

export function createDeadline(limits: ReaderLimits, file: string, signal?: AbortSignal): Deadline {
  const endsAt = Date.now() + limits.timeoutMs;
  return {
    endsAt,
    signal,
    check() {
      if (signal?.aborted) throw abortError(signal, limits, file);
      if (Date.now() > endsAt) throw timeoutError(limits.timeoutMs, file);
    },
  };
}

/** The signal's reason when it is already a JixiaoError (the loader's JX_TIMEOUT), else a JX_TIMEOUT. */
export function abortError(signal: AbortSignal, limits: ReaderLimits, file: string): JixiaoError {
  return isJixiaoError(signal.reason) ? signal.reason : timeoutError(limits.timeoutMs, file, signal.reason);
}

/**
 * Races async work (exceljs) against the deadline and the caller's signal; the work itself cannot be
 * cancelled, only abandoned.
 */
export async function withDeadline<T>(work: Promise<T>, deadline: Deadline, error: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(error()), Math.max(0, deadline.endsAt - Date.now()));
    onAbort = () => reject(error());
    deadline.signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
    if (onAbort) deadline.signal?.removeEventListener('abort', onAbort);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Sniffing

const ZIP_MAGIC = [0x50, 0x4b];
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export function isZip(bytes: Uint8Array): boolean {
  return startsWith(bytes, ZIP_MAGIC) && bytes.length >= 4 && bytes[2]! < 0x09 && bytes[3]! < 0x09;
}

export function isOle2(bytes: Uint8Array): boolean {
  return startsWith(bytes, OLE2_MAGIC);
}

export type Ole2Kind = 'encrypted-ooxml' | 'word' | 'excel' | 'powerpoint' | 'other';

/**
 * What an OLE2 compound file holds, by its directory entry names. Word/Excel "encrypt with password" wraps
 * the OOXML package in OLE2 with `EncryptionInfo` + `EncryptedPackage` streams.
 */
export function inspectOle2(bytes: Uint8Array): { kind: Ole2Kind; names: string[] } {
  let names: string[];
  try {
    names = cfbEntryNames(bytes);
  } catch {
    names = [];
  }
  const has = (n: string) => names.some((x) => x.toLowerCase() === n.toLowerCase());
  // A damaged directory must not hide an encrypted package: fall back to a raw name search.
  if (has('EncryptionInfo') || has('EncryptedPackage') || containsUtf16(bytes, 'EncryptionInfo')) {
    return { kind: 'encrypted-ooxml', names };
  }
  if (has('WordDocument')) return { kind: 'word', names };
  if (has('Workbook') || has('Book')) return { kind: 'excel', names };
  if (has('PowerPoint Document')) return { kind: 'powerpoint', names };
  return { kind: 'other', names };
}

/** Refuses an OLE2 container that is a password-protected OOXML file; other OLE2 files pass. */
export function assertNotEncrypted(bytes: Uint8Array, format: string, file: string): void {
  if (isOle2(bytes) && inspectOle2(bytes).kind === 'encrypted-ooxml') {
    throw new JixiaoError('JX_ENCRYPTED', { format, file });
  }
}

const ENDOFCHAIN = 0xfffffffe;
const MAX_SECTOR = 0xfffffffa;

/** Directory entry names of a compound file (MS-CFB), following the FAT chain with loop guards. */
function cfbEntryNames(bytes: Uint8Array): string[] {
  if (bytes.length < 512) throw new Error('short header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shift = view.getUint16(30, true);
  if (shift !== 9 && shift !== 12) throw new Error('bad sector size');
  const sectorSize = 1 << shift;
  const sectorCount = Math.floor((bytes.length - sectorSize) / sectorSize) + 1;
  const offsetOf = (sector: number) => (sector + 1) * sectorSize;
  const fatSectors = difatSectors(view, sectorSize, sectorCount);
  const perSector = sectorSize / 4;
  const nextSector = (sector: number): number => {
    const fatIndex = Math.floor(sector / perSector);
    const fatSector = fatSectors[fatIndex];
    if (fatSector === undefined || fatSector > MAX_SECTOR) return ENDOFCHAIN;
    const at = offsetOf(fatSector) + (sector % perSector) * 4;
    return at + 4 <= bytes.length ? view.getUint32(at, true) : ENDOFCHAIN;
  };
  const names: string[] = [];
  const seen = new Set<number>();
  for (let sector = view.getUint32(48, true); sector <= MAX_SECTOR; sector = nextSector(sector)) {
    if (seen.has(sector) || seen.size > sectorCount) break;
    seen.add(sector);
    const base = offsetOf(sector);
    for (let at = base; at + 128 <= base + sectorSize && at + 128 <= bytes.length; at += 128) {
      const length = Math.min(64, view.getUint16(at + 64, true));
      const type = bytes[at + 66];
      if (type === 0 || length < 2) continue;
      names.push(utf16le(bytes.subarray(at, at + length - 2)));
    }
  }
  return names;
}

function difatSectors(view: DataView, sectorSize: number, sectorCount: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < 109; i++) out.push(view.getUint32(76 + i * 4, true));
  const perSector = sectorSize / 4 - 1;
  const seen = new Set<number>();
  for (let sector = view.getUint32(68, true); sector <= MAX_SECTOR; ) {
    if (seen.has(sector) || seen.size > sectorCount) break;
    seen.add(sector);
    const at = (sector + 1) * sectorSize;
    if (at + sectorSize > view.byteLength) break;
    for (let i = 0; i < perSector; i++) out.push(view.getUint32(at + i * 4, true));
    sector = view.getUint32(at + perSector * 4, true);
  }
  return out;
}

function utf16le(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) s += String.fromCharCode(bytes[i]! | (bytes[i + 1]! << 8));
  return s;
}

function containsUtf16(bytes: Uint8Array, word: string): boolean {
  const needle = Buffer.from(word, 'utf16le');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(needle);
}

// ---------------------------------------------------------------------------------------------------------
// ZIP

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export interface ZipOptions {
  /** File name for messages. */
  file: string;
  /** What the user calls the file: `Word 文档`, `Excel 表格`. */
  format: string;
  limits: ReaderLimits;
  deadline?: Deadline;
}

/** An archive whose directory passed the limits; entries are inflated on demand, each at most once. */
export class SafeZip {
  readonly entries: readonly ZipEntry[];
  private readonly byName = new Map<string, ZipEntry>();
  private inflated = 0;

  constructor(
    private readonly bytes: Uint8Array,
    entries: ZipEntry[],
    private readonly options: ZipOptions,
  ) {
    this.entries = entries;
    // OPC part names are case-insensitive; the first of duplicate names wins.
    for (const e of entries) {
      const key = partKey(e.name);
      if (!this.byName.has(key)) this.byName.set(key, e);
    }
  }

  has(name: string): boolean {
    return this.byName.has(partKey(name));
  }

  /** The entry's bytes, or null when there is no such entry. */
  read(name: string): Uint8Array | null {
    const entry = this.byName.get(partKey(name));
    return entry ? this.extract(entry) : null;
  }

  /** An XML part decoded to a string (UTF-8, or UTF-16 by BOM), or null when absent. */
  readText(name: string): string | null {
    const data = this.read(name);
    return data === null ? null : decodeXml(data);
  }

  private extract(entry: ZipEntry): Uint8Array {
    const { bytes, options } = this;
    if (entry.flags & 1)
      throw new JixiaoError('JX_ENCRYPTED', { format: options.format, file: options.file });
    const start = dataStart(bytes, entry, options);
    const end = start + entry.compressedSize;
    if (end > bytes.length) throw corrupt(options, '文件不完整，内容被截断');
    const remaining = options.limits.maxUncompressedBytes - this.inflated;
    if (entry.size > remaining)
      throw bomb(options, `超过上限 ${formatBytes(options.limits.maxUncompressedBytes)}`);
    let data: Uint8Array;
    if (entry.method === 0) {
      if (entry.compressedSize !== entry.size) throw corrupt(options, '存储项大小不一致');
      data = bytes.subarray(start, end);
    } else if (entry.method === 8) {
      data = inflateCapped(bytes.subarray(start, end), entry, options);
    } else {
      throw corrupt(options, `不支持的压缩方式 ${entry.method}`);
    }
    this.inflated += data.length;
    if (crc32(data) !== entry.crc) throw corrupt(options, `${entry.name} 校验失败`);
    return data;
  }
}

/** Parses the central directory and checks entry count and declared sizes before anything is inflated. */
export function openZip(bytes: Uint8Array, options: ZipOptions): SafeZip {
  const { limits, file, format } = options;
  if (bytes.length > limits.maxBytes) {
    throw new JixiaoError('JX_TOO_LARGE', {
      size: formatBytes(bytes.length),
      limit: formatBytes(limits.maxBytes),
      file,
    });
  }
  if (isOle2(bytes)) {
    if (inspectOle2(bytes).kind === 'encrypted-ooxml')
      throw new JixiaoError('JX_ENCRYPTED', { format, file });
    throw corrupt(options, '不是 ZIP 格式的 Office Open XML 文件');
  }
  const entries = readCentralDirectory(bytes, options);
  let declared = 0;
  for (const e of entries) declared += e.size;
  if (declared > limits.maxUncompressedBytes) {
    throw bomb(
      options,
      `声明解压后共 ${formatBytes(declared)}，上限 ${formatBytes(limits.maxUncompressedBytes)}`,
    );
  }
  return new SafeZip(bytes, entries, options);
}

function readCentralDirectory(bytes: Uint8Array, options: ZipOptions): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = findEocd(bytes, view);
  if (eocd < 0) {
    throw corrupt(options, isZip(bytes) ? '找不到 ZIP 目录，文件可能不完整' : '不是 ZIP 格式');
  }
  let count = view.getUint16(eocd + 10, true);
  let cdOffset = view.getUint32(eocd + 16, true);
  const zip64 = eocd >= 20 && view.getUint32(eocd - 20, true) === 0x07064b50;
  if (zip64) {
    const at = Number(view.getBigUint64(eocd - 12, true));
    if (at + 56 > bytes.length || view.getUint32(at, true) !== 0x06064b50)
      throw corrupt(options, 'ZIP64 目录损坏');
    count = safeNumber(view.getBigUint64(at + 32, true));
    cdOffset = safeNumber(view.getBigUint64(at + 48, true));
  }
  if (count > options.limits.maxEntries) {
    throw bomb(options, `包含 ${count} 个文件，上限 ${options.limits.maxEntries} 个`);
  }
  const entries: ZipEntry[] = [];
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50)
      throw corrupt(options, 'ZIP 目录损坏');
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > bytes.length) throw corrupt(options, 'ZIP 目录被截断');
    const entry: ZipEntry = {
      name: UTF8.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    };
    applyZip64Extra(entry, view, at + 46 + nameLength, extraLength);
    entries.push(entry);
    at = next;
  }
  return entries;
}

function findEocd(bytes: Uint8Array, view: DataView): number {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at--) {
    if (bytes[at] === 0x50 && view.getUint32(at, true) === 0x06054b50) return at;
  }
  return -1;
}

/** Sizes and offset of 0xFFFFFFFF are stored in the ZIP64 extra field (id 1), in this order. */
function applyZip64Extra(entry: ZipEntry, view: DataView, start: number, length: number): void {
  const MAX = 0xffffffff;
  if (entry.size !== MAX && entry.compressedSize !== MAX && entry.localOffset !== MAX) return;
  for (let at = start; at + 4 <= start + length; ) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 1) {
      let p = at + 4;
      const take = () => {
        const v = p + 8 <= at + 4 + size ? safeNumber(view.getBigUint64(p, true)) : MAX;
        p += 8;
        return v;
      };
      if (entry.size === MAX) entry.size = take();
      if (entry.compressedSize === MAX) entry.compressedSize = take();
      if (entry.localOffset === MAX) entry.localOffset = take();
      return;
    }
    at += 4 + size;
  }
}

function dataStart(bytes: Uint8Array, entry: ZipEntry, options: ZipOptions): number {
  const at = entry.localOffset;
  if (at + 30 > bytes.length) throw corrupt(options, '文件不完整，内容被截断');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(at, true) !== 0x04034b50) throw corrupt(options, `${entry.name} 的文件头损坏`);
  return at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
}

/**
 * Inflates one entry with zlib's native inflater capped at the declared size: a header that lies stops
 * the inflation as soon as the output passes it (zlib checks between 16 KB chunks), so a bomb never
 * produces more than its declared size plus one chunk, and never spends more CPU than that.
 */
function inflateCapped(src: Uint8Array, entry: ZipEntry, options: ZipOptions): Uint8Array {
  options.deadline?.check();
  let out: Uint8Array;
  try {
    out = zlib.inflateRawSync(src, { maxOutputLength: Math.max(1, entry.size) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      throw bomb(options, `${entry.name} 实际解压大小超过声明的 ${formatBytes(entry.size)}`);
    }
    throw corrupt(options, `${entry.name} 解压失败`, error);
  }
  if (out.length !== entry.size) throw corrupt(options, `${entry.name} 内容不完整`);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Helpers

const UTF8 = new TextDecoder('utf-8');

function decodeXml(data: Uint8Array): string {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data.subarray(2));
  return UTF8.decode(data);
}

function partKey(name: string): string {
  return name.replace(/^\/+/, '').toLowerCase();
}

function safeNumber(v: bigint): number {
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

function corrupt(options: ZipOptions, reason: string, cause?: unknown): JixiaoError {
  return new JixiaoError(
    'JX_CORRUPT',
    { format: options.format, reason, file: options.file },
    cause === undefined ? undefined : { cause },
  );
}

function bomb(options: ZipOptions, detail: string): JixiaoError {
  return new JixiaoError('JX_ZIP_BOMB', { format: options.format, detail, file: options.file });
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${trimNumber(bytes / 1024)} KB`;
  if (bytes < 1024 ** 3) return `${trimNumber(bytes / 1024 ** 2)} MB`;
  return `${trimNumber(bytes / 1024 ** 3)} GB`;
}

function trimNumber(value: number): string {
  return value.toFixed(1).replace(/\.0$/, '');
}

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** CRC-32 of the inflated data: catches bit flips that still inflate. Native (zlib) when Node has it. */
export function crc32(data: Uint8Array): number {
  if (typeof zlib.crc32 === 'function') return zlib.crc32(data) >>> 0;
  let c = -1;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
