/**
 * Reads a report from disk. The only place the text pipeline touches the file system: stat first (a file
 * over the size limit is refused unread; a pipe is read up to the limit), then the bytes decide the format
 * (ingest/detect.ts), then that format's reader runs under the time limit. Every failure becomes a
 * JixiaoError naming the file.
 */
import type { FileHandle } from 'node:fs/promises';
import { open, stat } from 'node:fs/promises';
import { isJixiaoError, JixiaoError } from '../errors.ts';
import { decode } from '../text/decode.ts';
import { detectFormat, requireReadable } from './detect.ts';
import { timeoutError } from './timeout.ts';
import {
  DEFAULT_LIMITS,
  type IngestResult,
  type Reader,
  type ReaderLimits,
  type SourceFormat,
} from './types.ts';

/** What a command gets: the reader's result (text, blocks, PDF pages, encoding for text) and the path. */
export type LoadedDocument = IngestResult & { path: string };

export interface LoadOptions {
  /** Larger files are refused before reading. Default 50 MB. */
  maxBytes?: number;
  /** Overrides for the reader limits (time, ZIP sizes); `maxBytes` above wins over `limits.maxBytes`. */
  limits?: Partial<ReaderLimits>;
}

export const DEFAULT_MAX_BYTES = DEFAULT_LIMITS.maxBytes;

export async function loadDocument(path: string, opts: LoadOptions = {}): Promise<LoadedDocument> {
  const limits: ReaderLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  if (opts.maxBytes !== undefined) limits.maxBytes = opts.maxBytes;
  const bytes = await readBounded(path, limits.maxBytes).catch((error: unknown) => {
    throw toJixiaoError(error, path);
  });
  return readBytes(bytes, path, limits);
}

/**
 * The same reading for bytes already in memory (an upload): `name` only labels messages, nothing is
 * opened by it. Same size limit, format detection and time limit as a file on disk.
 */
export async function loadBytes(
  bytes: Uint8Array,
  name: string,
  opts: LoadOptions = {},
): Promise<LoadedDocument> {
  const limits: ReaderLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  if (opts.maxBytes !== undefined) limits.maxBytes = opts.maxBytes;
  if (bytes.length > limits.maxBytes) throw tooLarge(name, bytes.length, limits.maxBytes);
  return readBytes(bytes, name, limits);
}

async function readBytes(bytes: Uint8Array, path: string, limits: ReaderLimits): Promise<LoadedDocument> {
  if (bytes.length === 0) throw new JixiaoError('JX_EMPTY', { file: path });
  const format = requireReadable(detectFormat(bytes), path);
  const result = await runReader(format, bytes, path, limits);
  return { ...result, path };
}

/** Plain text: decoding is the whole job; the text is its own source, so there is nothing to map. */
const readTxt: Reader = async (bytes, options) => {
  const { text, encoding } = decode(bytes, options.name);
  return { format: 'txt', text, encoding, blocks: [] };
};

/** Imported on demand: pdfjs, exceljs and SheetJS cost more to load than a whole text check. */
const READERS: Record<SourceFormat, () => Promise<Reader>> = {
  txt: async () => readTxt,
  pdf: async () => (await import('./formats/pdf.ts')).readPdf,
  html: async () => (await import('./formats/html.ts')).readHtml,
  docx: async () => (await import('./formats/docx.ts')).readDocx,
  xlsx: async () => (await import('./formats/xlsx.ts')).readXlsx,
  xls: async () => (await import('./formats/xlsx.ts')).readXls,
};

const FORMAT_NAMES: Record<SourceFormat, string> = {
  txt: '文本文件',
  pdf: 'PDF 文件',
  html: '网页',
  docx: 'Word 文档',
  xlsx: 'Excel 表格',
  xls: 'Excel 表格',
};

/**
 * Runs one reader against the clock. On timeout the reader's signal is aborted (the PDF reader then
 * terminates its worker thread) and JX_TIMEOUT is thrown at once; a reader that only checks the clock
 * between steps is abandoned. Whatever else escapes a reader is reported as a file it could not read
 * (JX_CORRUPT, the original error as its cause): input is hostile, and a user needs a line about the file,
 * not a stack.
 */
async function runReader(
  format: SourceFormat,
  bytes: Uint8Array,
  path: string,
  limits: ReaderLimits,
): Promise<IngestResult> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // Made only when the time is up: an error captures a stack, which costs more than reading a text file.
      const timeout = timeoutError(limits.timeoutMs, path);
      controller.abort(timeout);
      reject(timeout);
    }, limits.timeoutMs);
  });
  try {
    const read = READERS[format]().then((reader) =>
      reader(bytes, { name: path, limits, signal: controller.signal }),
    );
    return await Promise.race([read, expired]);
  } catch (error) {
    if (isJixiaoError(error)) throw error;
    const name = FORMAT_NAMES[format];
    throw new JixiaoError(
      'JX_CORRUPT',
      { format: name, reason: '内容无法解析', file: path },
      { cause: error },
    );
  } finally {
    clearTimeout(timer);
  }
}

async function readBounded(path: string, maxBytes: number): Promise<Uint8Array> {
  const info = await stat(path);
  if (info.isDirectory()) throw new JixiaoError('JX_IS_DIRECTORY', { file: path });
  if (info.isFile()) {
    if (info.size > maxBytes) throw tooLarge(path, info.size, maxBytes);
    const handle = await open(path, 'r');
    try {
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  }
  // A pipe or device (`<(iconv …)`, /dev/stdin) has no size up front: read up to the limit.
  return readStream(path, maxBytes);
}

async function readStream(path: string, maxBytes: number): Promise<Uint8Array> {
  const handle: FileHandle = await open(path, 'r');
  try {
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const chunk = new Uint8Array(1 << 16);
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(path, total, maxBytes, true);
      chunks.push(chunk.subarray(0, bytesRead));
    }
    return concat(chunks, total);
  } finally {
    await handle.close();
  }
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function tooLarge(path: string, size: number, maxBytes: number, atLeast = false): JixiaoError {
  return new JixiaoError('JX_TOO_LARGE', {
    size: `${atLeast ? '超过 ' : ''}${formatBytes(size)}`,
    limit: formatBytes(maxBytes),
    file: path,
  });
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${trimZero(bytes / 1024)} KB`;
  return `${trimZero(bytes / (1024 * 1024))} MB`;
}

function trimZero(value: number): string {
  return value.toFixed(1).replace(/\.0$/, '');
}

const FS_REASONS: Record<string, string> = {
  ELOOP: '符号链接循环',
  ENAMETOOLONG: '路径过长',
  EIO: '磁盘读写错误',
  EMFILE: '打开的文件过多',
  ENFILE: '打开的文件过多',
};

function toJixiaoError(error: unknown, path: string): JixiaoError {
  if (isJixiaoError(error)) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return new JixiaoError('JX_NOT_FOUND', { file: path }, { cause: error });
  if (code === 'EISDIR') return new JixiaoError('JX_IS_DIRECTORY', { file: path }, { cause: error });
  if (code === 'EACCES' || code === 'EPERM') {
    return new JixiaoError('JX_PERMISSION', { file: path }, { cause: error });
  }
  const reason = (code && FS_REASONS[code]) ?? (code ? `系统错误 ${code}` : '未知原因');
  return new JixiaoError('JX_READ_FAILED', { reason, file: path }, { cause: error });
}
