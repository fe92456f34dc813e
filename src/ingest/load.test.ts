import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JixiaoError } from '../errors.ts';
import { formatBytes, loadDocument } from './load.ts';

const dir = mkdtempSync(join(tmpdir(), 'jixiao-load-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function loadError(path: string, maxBytes?: number): Promise<JixiaoError> {
  const error = await loadDocument(path, { maxBytes }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JixiaoError);
  return error as JixiaoError;
}

describe('loadDocument', () => {
  it('reads and decodes a text file', async () => {
    const path = join(dir, 'gb.txt');
    writeFileSync(path, Buffer.from([0xb1, 0xa8, 0xb8, 0xe6])); // 报告 in GB18030
    expect(await loadDocument(path)).toEqual({ path, text: '报告', encoding: 'gb18030', format: 'txt' });
  });

  it('refuses a regular file over the limit', async () => {
    const path = join(dir, 'big.txt');
    writeFileSync(path, 'x'.repeat(2048));
    const error = await loadError(path, 1024);
    expect(error.code).toBe('JX_TOO_LARGE');
    expect(error.message).toBe(`文件太大（2 KB，上限 1 KB）：${path}`);
  });

  it('stops reading an endless stream at the limit', async () => {
    const error = await loadError('/dev/zero', 100_000);
    expect(error.code).toBe('JX_TOO_LARGE');
    expect(error.message).toContain('超过 ');
  });

  it('maps a missing path and a file used as a directory to JX_NOT_FOUND', async () => {
    expect((await loadError(join(dir, 'nope.txt'))).code).toBe('JX_NOT_FOUND');
    const file = join(dir, 'plain.txt');
    writeFileSync(file, '正文');
    expect((await loadError(join(file, 'child.txt'))).code).toBe('JX_NOT_FOUND');
  });

  it('refuses a directory', async () => {
    expect((await loadError(dir)).code).toBe('JX_IS_DIRECTORY');
  });
});

describe('formatBytes', () => {
  it.each([
    [512, '512 B'],
    [1536, '1.5 KB'],
    [50 * 1024 * 1024, '50 MB'],
    [62_914_560, '60 MB'],
  ])('%d → %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });
});
