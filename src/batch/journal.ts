/**
 * The batch journal, OUTDIR/.batch/journal.jsonl: one line per finished file, appended the moment its
 * results are on disk. It is what makes a killed batch resumable: a rerun skips every file whose path,
 * size and mtime match a done line, or whose content hash does. A torn last line (a kill mid-write) is
 * ignored and that file is simply done again. The journal is read a chunk at a time: at 10,000 reports
 * it holds every report's cross record and is larger than anything else the main thread keeps.
 */
import { closeSync, existsSync, mkdirSync, openSync, readSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { writeFully } from './files.ts';
import type { JournalEntry } from './types.ts';

export function journalPath(outDir: string): string {
  return join(outDir, '.batch', 'journal.jsonl');
}

const CHUNK = 1 << 20;

/** Where a line is in the journal, to read it again whole. */
export interface JournalLine {
  offset: number;
  length: number;
}

/** Every whole line of the journal, in order, read a megabyte at a time. */
export function forEachJournalEntry(
  outDir: string,
  visit: (entry: JournalEntry, line: JournalLine) => void,
): void {
  const path = journalPath(outDir);
  if (!existsSync(path)) return;
  const fd = openSync(path, 'r');
  const buffer = Buffer.alloc(CHUNK);
  let carry: Buffer = Buffer.alloc(0);
  // Journal offset of the first byte of `carry`.
  let offset = 0;
  try {
    for (;;) {
      const read = readSync(fd, buffer, 0, CHUNK, null);
      if (read === 0) break;
      const data =
        carry.length > 0 ? Buffer.concat([carry, buffer.subarray(0, read)]) : buffer.subarray(0, read);
      let start = 0;
      for (let newline = data.indexOf(0x0a); newline >= 0; newline = data.indexOf(0x0a, start)) {
        parseLine(data, start, newline, offset + start, visit);
        start = newline + 1;
      }
      // The rest is the start of the next line: copied, since `buffer` is reused.
      carry = Buffer.from(data.subarray(start));
      offset += start;
    }
    if (carry.length > 0) parseLine(carry, 0, carry.length, offset, visit);
  } finally {
    closeSync(fd);
  }
}

function parseLine(
  data: Buffer,
  start: number,
  end: number,
  offset: number,
  visit: (entry: JournalEntry, line: JournalLine) => void,
): void {
  if (end === start) return;
  let entry: unknown;
  try {
    entry = JSON.parse(data.toString('utf8', start, end));
  } catch {
    // A torn line from a killed run.
    return;
  }
  if (typeof entry === 'object' && entry !== null)
    visit(entry as JournalEntry, { offset, length: end - start });
}

/** A file's latest entry, without its cross record, and where its line is. */
export interface JournalledFile {
  entry: JournalEntry;
  line: JournalLine;
}

/**
 * The latest entry per file, in the order files were first finished, without the cross records (at
 * 10,000 reports they are most of the journal; `readJournalLine` reads one again when it is needed).
 */
export function readJournal(outDir: string): Map<string, JournalledFile> {
  const files = new Map<string, JournalledFile>();
  forEachJournalEntry(outDir, (entry, line) => {
    delete entry.cross;
    files.set(entry.file, { entry, line });
  });
  return files;
}

/** One line of the journal again, whole. */
export function readJournalLine(outDir: string, line: JournalLine): JournalEntry {
  const fd = openSync(journalPath(outDir), 'r');
  try {
    const bytes = Buffer.alloc(line.length);
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, line.offset + read);
      if (n === 0) throw new Error(`journal line at ${line.offset} ends early`);
      read += n;
    }
    return JSON.parse(bytes.toString('utf8')) as JournalEntry;
  } finally {
    closeSync(fd);
  }
}

export class JournalWriter {
  private readonly fd: number;

  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.fd = openSync(path, 'a');
  }

  /** One write per line: the line lands whole or (killed mid-write) torn and ignored on reading. */
  append(entry: JournalEntry): void {
    writeFully(this.fd, Buffer.from(`${JSON.stringify(entry)}\n`));
  }

  close(): void {
    closeSync(this.fd);
  }
}
