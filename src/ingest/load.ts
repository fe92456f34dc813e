/**
 * Reads a report from disk. The only place the text pipeline touches the file system; every failure
 * becomes a JixiaoError naming the file.
 */
import type { FileHandle } from 'node:fs/promises';
import { open, stat } from 'node:fs/promises';
import { isJixiaoError, JixiaoError } from '../errors.ts';
import { decode, type TextEncoding } from '../text/decode.ts';

export interface LoadedDocument {
  path: string;
  text: string;
  encoding: TextEncoding;
  format: 'txt';
}

export interface LoadOptions {
  /** Larger files are refused before reading. Default 50 MB. */
  maxBytes?: number;
}

export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

export async function loadDocument(path: string, opts: LoadOptions = {}): Promise<LoadedDocument> {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const bytes = await readBounded(path, maxBytes).catch((error: unknown) => {
    throw toJixiaoError(error, path);
  });
  const { text, encoding } = decode(bytes, path);
  return { path, text, encoding, format: 'txt' };
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
