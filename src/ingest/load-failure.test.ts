/** A reader that breaks on some input must still give the user one line about the file. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { JixiaoError } from '../errors.ts';
import { loadDocument } from './load.ts';

vi.mock('./formats/html.ts', () => ({
  readHtml: async () => {
    throw new TypeError("Cannot read properties of undefined (reading 'children')");
  },
}));

const dir = mkdtempSync(join(tmpdir(), 'jixiao-load-failure-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('reports an unexpected reader error as JX_CORRUPT naming the file, keeping the cause', async () => {
  const path = join(dir, 'page.html');
  writeFileSync(path, '<!doctype html><html><body><p>正文</p></body></html>');
  const error = await loadDocument(path).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(JixiaoError);
  expect((error as JixiaoError).message).toBe(`网页已损坏，无法读取（内容无法解析）：${path}`);
  expect((error as JixiaoError).cause).toBeInstanceOf(TypeError);
});
