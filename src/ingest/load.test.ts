import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { JixiaoError } from '../errors.ts';
import { buildOle2Doc, buildReportDocx } from './formats/fixtures.ts';
import { buildPdf, cjk } from './formats/pdf-fixtures.ts';
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
    expect(await loadDocument(path)).toEqual({
      path,
      text: '报告',
      encoding: 'gb18030',
      format: 'txt',
      blocks: [],
    });
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

describe('loadDocument: the bytes decide the format', () => {
  it('reads a PDF, with its pages', async () => {
    const path = join(dir, 'report.pdf');
    writeFileSync(path, buildPdf([{ content: cjk(72, 700, 12, '一、部门基本情况') }]));
    const document = await loadDocument(path);
    expect(document).toMatchObject({ path, format: 'pdf', text: '一、部门基本情况' });
    expect(document.pages).toEqual([{ page: 1, start: 0, end: 8 }]);
  });

  it('reads a .txt that is really a .docx as a Word document', async () => {
    const path = join(dir, 'really-docx.txt');
    writeFileSync(path, await buildReportDocx());
    expect((await loadDocument(path)).format).toBe('docx');
  });

  it('reads a .pdf that is really text as text', async () => {
    const path = join(dir, 'really-text.pdf');
    writeFileSync(path, '一、部门基本情况\n正文。');
    expect(await loadDocument(path)).toMatchObject({
      format: 'txt',
      text: '一、部门基本情况\n正文。',
      encoding: 'utf-8',
    });
  });

  it('reads HTML', async () => {
    const path = join(dir, 'page.htm');
    writeFileSync(path, '<!doctype html><html><body><div id="zoom"><p>绩效自评报告</p></div></body></html>');
    expect(await loadDocument(path)).toMatchObject({ format: 'html', text: '绩效自评报告' });
  });

  it('refuses formats it does not read, saying what to do', async () => {
    const path = join(dir, 'old.doc');
    writeFileSync(path, buildOle2Doc());
    const error = await loadError(path);
    expect(error.code).toBe('JX_UNSUPPORTED_FORMAT');
    expect(error.message).toContain('另存为 .docx');
  });

  it('refuses an empty file before detecting anything', async () => {
    const path = join(dir, 'empty.pdf');
    writeFileSync(path, '');
    expect((await loadError(path)).code).toBe('JX_EMPTY');
  });

  it('applies the time limit to the reader', async () => {
    const path = join(dir, 'slow.pdf');
    writeFileSync(path, buildPdf([{ content: cjk(72, 700, 12, '正文') }]));
    const error = await loadDocument(path, { limits: { timeoutMs: 1 } }).catch(
      (e: unknown) => e as JixiaoError,
    );
    expect(error).toBeInstanceOf(JixiaoError);
    expect((error as JixiaoError).code).toBe('JX_TIMEOUT');
    expect((error as JixiaoError).message).toContain(path);
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
