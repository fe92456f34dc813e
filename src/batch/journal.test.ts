import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { forEachJournalEntry, JournalWriter, journalPath, readJournal, readJournalLine } from './journal.ts';
import type { JournalEntry } from './types.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function outDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-journal-'));
  dirs.push(dir);
  return dir;
}

const entry = (file: string, hash: string, extra: Partial<JournalEntry> = {}): JournalEntry => ({
  file,
  size: 1,
  mtimeMs: 2,
  hash,
  status: 'done',
  cross: {
    unit: '某单位',
    region: null,
    year: 2024,
    paragraphs: '',
    signatures: 'x'.repeat(3000),
    figures: {},
  },
  text: { pack: 'p.pack', offset: 0, units: 10 },
  ...extra,
});

function write(out: string, entries: JournalEntry[]): void {
  const writer = new JournalWriter(journalPath(out));
  for (const e of entries) writer.append(e);
  writer.close();
}

describe('journal', () => {
  it('writes a done line from the members a worker serialized as append writes the whole entry', () => {
    const out = outDir();
    const whole = entry('a.txt', 'h1', { row: undefined, minhash: 2 });
    const { file, size, mtimeMs, hash, status: _status, ...rest } = whole;
    const writer = new JournalWriter(journalPath(out));
    writer.append(whole);
    writer.appendDone({ file: 'b.txt', size, mtimeMs, hash }, JSON.stringify(rest).slice(1, -1));
    writer.close();
    const lines: JournalEntry[] = [];
    forEachJournalEntry(out, (e) => lines.push(e));
    expect(lines).toEqual([whole, { ...whole, file: 'b.txt' }]);
    // The reader that leaves cross records unparsed finds the member in the worker-serialized line too.
    expect(readJournal(out).get('b.txt')!.entry).toEqual({ ...whole, file: 'b.txt', cross: undefined });
  });

  it('keeps the latest entry per file without its cross record, and finds its line again whole', () => {
    const out = outDir();
    // Long lines: some cross the reader's megabyte chunks.
    const lines = Array.from({ length: 900 }, (_, i) => entry(`f${i % 300}.txt`, `h${i}`));
    write(out, lines);
    const journal = readJournal(out);
    expect(journal.size).toBe(300);
    const last = journal.get('f7.txt')!;
    expect(last.entry.hash).toBe('h607');
    expect(last.entry.cross).toBeUndefined();
    expect(readJournalLine(out, last.line)).toEqual(lines[607]);
  });

  it('ignores a torn last line, and a torn line a rerun appended to', () => {
    const out = outDir();
    write(out, [entry('a.txt', 'h1')]);
    appendFileSync(journalPath(out), '{"file":"b.txt","si');
    const seen: string[] = [];
    forEachJournalEntry(out, (e) => seen.push(e.file));
    expect(seen).toEqual(['a.txt']);
    write(out, [entry('c.txt', 'h3'), entry('d.txt', 'h4')]);
    const files = readJournal(out);
    expect([...files.keys()]).toEqual(['a.txt', 'd.txt']);
    expect(readJournalLine(out, files.get('d.txt')!.line).hash).toBe('h4');
  });

  it('leaves out exactly the cross record, whatever the texts in the line, and whole otherwise', () => {
    const out = outDir();
    const tricky = ['a"b', 'c\\', '\\"', ',"cross":{"x":1}', '}{"', '}},"text":{'];
    const lines = tricky.map((text, i) => {
      const e = entry(`${text}${i}.txt`, `h${i}`, { error: text });
      e.cross!.unit = text;
      e.cross!.region = `${text}}`;
      e.cross!.figures = { [text]: { value: i, start: 1, end: 2 } };
      return e;
    });
    lines.push({ file: 'failed.txt', size: 1, mtimeMs: 2, hash: null, status: 'failed', error: '{"cross":' });
    lines.push({ ...entry('no-text.txt', 'h9'), text: undefined });
    write(out, lines);
    const read = [...readJournal(out).values()].map((f) => f.entry);
    const { cross: _, ...without } = lines[0]!;
    expect(read[0]).toEqual(without);
    expect(read).toEqual(
      lines.map((e) => {
        const copy = JSON.parse(JSON.stringify(e));
        delete copy.cross;
        return copy;
      }),
    );
  });

  it('ignores a line torn inside or just after its cross record', () => {
    const out = outDir();
    const whole = JSON.stringify(entry('a.txt', 'h1'));
    const torn = [whole.slice(0, 100), whole.slice(0, whole.indexOf(',"text"'))];
    mkdirSync(join(out, '.batch'));
    appendFileSync(journalPath(out), `${[...torn, whole].join('\n')}\n`);
    const offset = torn.reduce((n, line) => n + Buffer.byteLength(line) + 1, 0);
    expect([...readJournal(out).values()].map((f) => f.line.offset)).toEqual([offset]);
  });
});
