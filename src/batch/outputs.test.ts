import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SIGNATURE_LENGTH } from '../review/cross/minhash.ts';
import { JournalWriter, journalPath } from './journal.ts';
import { readResults } from './outputs.ts';
import type { JournalEntry } from './types.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const base64 = (values: number[]) => Buffer.from(Uint32Array.from(values).buffer).toString('base64');

/** A done line whose `paragraphs` paragraphs all have signature values `mark`, `mark` + 1, …. */
function done(file: string, hash: string, mark: number, paragraphs = 2): JournalEntry {
  const signatures = Array.from({ length: paragraphs * SIGNATURE_LENGTH }, (_, i) => mark + i);
  return {
    file,
    size: 1,
    mtimeMs: 2,
    hash,
    status: 'done',
    cross: {
      unit: file,
      region: null,
      year: 2024,
      paragraphs: base64(Array.from({ length: paragraphs * 2 }, (_, i) => i)),
      signatures: base64(signatures),
      figures: {},
    },
    text: { pack: 'p.pack', offset: mark, units: 10 },
  };
}

function results(lines: JournalEntry[]) {
  const out = mkdtempSync(join(tmpdir(), 'jixiao-outputs-'));
  dirs.push(out);
  const writer = new JournalWriter(journalPath(out));
  for (const line of lines) writer.append(line);
  writer.close();
  return readResults(out);
}

describe('readResults', () => {
  it('reads entries in file order and each record from the first done line with the latest hash', () => {
    const r = results([
      done('b.txt', 'b1', 1000, 3),
      done('a.txt', 'a1', 2000),
      done('c.txt', 'c1', 3000),
      done('a.txt', 'a2', 4000),
      // The same content again (a line of an older jixiao redone): the first line's record counts.
      done('b.txt', 'b1', 5000, 1),
      { file: 'c.txt', size: 1, mtimeMs: 3, hash: 'c2', status: 'failed', error: '坏了' },
      { ...done('d.txt', 'd1', 6000), cross: undefined },
    ]);
    expect(r.entries.map((e) => [e.file, e.hash])).toEqual([
      ['a.txt', 'a2'],
      ['b.txt', 'b1'],
      ['c.txt', 'c2'],
      ['d.txt', 'd1'],
    ]);
    expect(r.entries.every((e) => e.cross === undefined)).toBe(true);
    // Quoted from the latest entry's text; the record is the first line's.
    expect(r.records.map((p) => [p.record.file, p.entry.text!.offset])).toEqual([
      ['a.txt', 4000],
      ['b.txt', 5000],
    ]);
    const [a, b] = r.records.map((p) => p.record);
    expect(a!.signatures[0]).toBe(4000);
    expect(b!.signatures.length).toBe(3 * SIGNATURE_LENGTH);
    expect(b!.signatures[0]).toBe(1000);
    expect([...b!.paragraphs]).toEqual([0, 1, 2, 3, 4, 5]);
    expect(r.signatures.length).toBe(5 * SIGNATURE_LENGTH);
    expect(r.signatures[2 * SIGNATURE_LENGTH]).toBe(1000);
    expect(b!.signatures.buffer).toBe(r.signatures.buffer);
  });

  it('gathers many reports across the store’s chunks in file order', () => {
    // 300 reports × 300 paragraphs: several chunks of signatures, and reports out of file order.
    const files = Array.from({ length: 300 }, (_, i) => `r${String(299 - i).padStart(3, '0')}.txt`);
    const r = results(files.map((f, i) => done(f, f, i * 10_000, 300)));
    expect(r.records.map((p) => p.record.file)).toEqual([...files].sort());
    for (const [k, { record }] of r.records.entries()) {
      const mark = (299 - k) * 10_000;
      expect(record.signatures[0]).toBe(mark);
      expect(record.signatures[300 * SIGNATURE_LENGTH - 1]).toBe(mark + 300 * SIGNATURE_LENGTH - 1);
      expect(r.signatures[k * 300 * SIGNATURE_LENGTH]).toBe(mark);
    }
  });

  it('reads the same record whatever the texts in it, and from a line written in another key order', () => {
    const tricky = done('a.txt', 'a1', 100);
    tricky.cross!.unit = ',"signatures":"AAAA",\\"}';
    tricky.cross!.region = '"cross":{';
    const { cross, ...rest } = done('b.txt', 'b1', 200);
    // Members in another order (no `,"cross":{` to find): parsed whole.
    const reordered = { cross, ...rest } as JournalEntry;
    const r = results([tricky, reordered]);
    expect(r.records.map((p) => p.record.unit)).toEqual([tricky.cross!.unit, 'b.txt']);
    expect(r.records[0]!.record.region).toBe('"cross":{');
    expect([...r.records[0]!.record.signatures.subarray(0, 2)]).toEqual([100, 101]);
    expect([...r.records[1]!.record.signatures.subarray(0, 2)]).toEqual([200, 201]);
    expect(r.entries.every((e) => e.cross === undefined)).toBe(true);
  });
});
