/**
 * `jixiao batch` through the built CLI: outputs for every file, failures recorded without stopping the
 * batch, offsets in the per-file JSON and the cross-report findings pointing at the quoted words, and a
 * batch killed midway that a rerun finishes without redoing the files already done.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../src/generate/corpus.ts';
import { BIN, build, type Json, ROOT, run, tempDir } from './render-helpers.ts';

let dir: string;

function writeCorpus(out: string, count: number, seed: number): string[] {
  mkdirSync(out, { recursive: true });
  const names: string[] = [];
  for (const entry of generateCorpus({ count, seed, defectRate: 0.3 })) {
    writeFileSync(join(out, `${entry.id}.txt`), entry.text);
    names.push(`${entry.id}.txt`);
  }
  return names;
}

function journal(out: string): Json[] {
  const path = join(out, '.batch', 'journal.jsonl');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.endsWith('}'))
    .map((line) => JSON.parse(line));
}

beforeAll(() => {
  build();
  dir = tempDir('jixiao-batch-');
}, 120_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('jixiao batch', () => {
  it('reviews every file, records a broken one and writes the summary, overview and per-file JSON', () => {
    const input = join(dir, 'in');
    const names = writeCorpus(join(input, '开福区'), 24, 7);
    writeFileSync(join(input, 'broken.pdf'), '%PDF-1.4\nthis is no pdf body\n');
    const out = join(dir, 'out');
    const result = run(['batch', input, '--out', out, '--workers', '2']);
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/失败：broken\.pdf：/);
    expect(result.stderr).toMatch(/共 25 个文件/);
    const csv = readFileSync(join(out, 'summary.csv'), 'utf8').trim().split('\r\n');
    expect(csv).toHaveLength(26);
    expect([...readFileSync(join(out, 'summary.csv')).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv[0]).toMatch(/文件,状态,单位,年度/);
    expect(csv.find((l) => l.startsWith('broken.pdf'))).toMatch(/失败/);
    expect(existsSync(join(out, 'summary.xlsx'))).toBe(true);
    const html = readFileSync(join(out, 'overview.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).toContain('批量审查概览');
    for (const name of names.slice(0, 5)) {
      const text = readFileSync(join(input, '开福区', name), 'utf8');
      const file: Json = JSON.parse(readFileSync(join(out, 'files', '开福区', `${name}.json`), 'utf8'));
      expect(file.model.unit.name).toBeTruthy();
      for (const finding of file.review.findings) {
        for (const span of finding.spans) expect(text.slice(span.start, span.end)).toBe(span.text);
      }
    }
    const cross: Json = JSON.parse(readFileSync(join(out, 'cross-findings.json'), 'utf8'));
    for (const finding of cross.findings) {
      for (const span of finding.spans) {
        const text = readFileSync(join(input, span.file), 'utf8');
        expect(text.slice(span.start, span.end)).toBe(span.text);
      }
    }
  }, 120_000);

  it('finishes a killed batch on rerun without redoing the files already done', async () => {
    const input = join(dir, 'kill-in');
    const names = writeCorpus(input, 400, 8);
    const out = join(dir, 'kill-out');
    const child = spawn(BIN, ['batch', input, '--out', out, '--workers', '1'], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    while (journal(out).length < 10) await new Promise((resolve) => setTimeout(resolve, 5));
    child.kill('SIGKILL');
    await exited;
    const before = journal(out);
    expect(before.length, 'killed before the end').toBeLessThan(names.length);
    const result = run(['batch', input, '--out', out, '--workers', '2', '--format', 'csv']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain(`跳过已完成的 ${before.length} 个文件`);
    const after = journal(out);
    expect(after).toHaveLength(names.length);
    expect(new Set(after.map((e) => e.file)).size).toBe(names.length);
    expect(after.every((e) => e.status === 'done')).toBe(true);
    expect(readFileSync(join(out, 'summary.csv'), 'utf8').trim().split('\r\n')).toHaveLength(
      names.length + 1,
    );
  }, 120_000);

  it('skips a renamed file whose content is already done', () => {
    const input = join(dir, 'in');
    const out = join(dir, 'out');
    const first = readFileSync(join(input, '开福区', readdirSync(join(input, '开福区')).sort()[0]!));
    writeFileSync(join(input, 'copy.txt'), first);
    const result = run(['batch', input, '--out', out, '--format', 'csv']);
    expect(result.stderr).toMatch(/本次处理 1（失败 1）/);
    expect(result.stderr).toMatch(/跳过已完成 25/);
    // Journalled with the original's cross record (read back from its line), so it is in the cross pass.
    const lines = journal(out);
    const copy = lines.findLast((e) => e.file === 'copy.txt');
    const original = lines.find((e) => e.hash === copy.hash && e.file !== 'copy.txt');
    expect(copy.cross).toBeTruthy();
    expect(copy.cross).toEqual(original.cross);
    expect(copy.text).toEqual(original.text);
  }, 60_000);

  it('does again a file whose journal line has no text pack or another MinHash scheme (an older jixiao)', () => {
    const input = join(dir, 'old-in');
    const names = writeCorpus(join(input, '开福区'), 12, 9);
    const out = join(dir, 'old-out');
    expect(run(['batch', input, '--out', out, '--format', 'csv']).status).toBe(0);
    const lines = journal(out).map((entry, i) => {
      if (i < 2) delete entry.text;
      if (i === 2) entry.minhash = 1;
      if (i === 3) delete entry.minhash;
      return JSON.stringify(entry);
    });
    writeFileSync(join(out, '.batch', 'journal.jsonl'), `${lines.join('\n')}\n`);
    const result = run(['batch', input, '--out', out, '--format', 'json,csv']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain(`跳过已完成的 ${names.length - 4} 个文件`);
    expect(result.stderr).toMatch(/本次处理 4（失败 0）/);
    const cross: Json = JSON.parse(readFileSync(join(out, 'cross-findings.json'), 'utf8'));
    expect(cross.findings.length).toBeGreaterThan(0);
    for (const finding of cross.findings) {
      for (const span of finding.spans) {
        const text = readFileSync(join(input, span.file), 'utf8');
        expect(text.slice(span.start, span.end)).toBe(span.text);
      }
    }
  }, 120_000);

  it('refuses bad options in Chinese with exit code 2', () => {
    for (const args of [
      ['batch', join(dir, 'nope'), '--out', join(dir, 'x')],
      ['batch', dir, '--out', join(dir, 'x'), '--workers', '0'],
      ['batch', dir, '--out', join(dir, 'x'), '--format', 'pdf'],
    ]) {
      const result = run(args);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/^jixiao：/);
      expect(result.stderr).not.toMatch(/at .*\.ts:\d+/);
    }
  });
});
