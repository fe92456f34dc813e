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
import type { DoneMembers, JournalEntry } from './types.ts';

export function journalPath(outDir: string): string {
  return join(outDir, '.batch', 'journal.jsonl');
}

const CHUNK = 1 << 20;

/** Where a line is in the journal, to read it again whole. */
export interface JournalLine {
  offset: number;
  length: number;
}

/**
 * Every whole line of the journal, in order, read a megabyte at a time. `cross: false` leaves the cross
 * records out unparsed (they are nine tenths of a line).
 */
export function forEachJournalEntry(
  outDir: string,
  visit: (entry: JournalEntry, line: JournalLine) => void,
  options: { cross?: boolean } = {},
): void {
  const path = journalPath(outDir);
  if (!existsSync(path)) return;
  const parse = options.cross === false ? parseWithoutCross : parseWhole;
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
        visitLine(data.subarray(start, newline), offset + start, parse, visit);
        start = newline + 1;
      }
      // The rest is the start of the next line: copied, since `buffer` is reused.
      carry = Buffer.from(data.subarray(start));
      offset += start;
    }
    if (carry.length > 0) visitLine(carry, offset, parse, visit);
  } finally {
    closeSync(fd);
  }
}

function visitLine(
  line: Buffer,
  offset: number,
  parse: (line: Buffer) => unknown,
  visit: (entry: JournalEntry, line: JournalLine) => void,
): void {
  if (line.length === 0) return;
  let entry: unknown;
  try {
    entry = parse(line);
  } catch {
    // A torn line from a killed run.
    return;
  }
  if (typeof entry === 'object' && entry !== null)
    visit(entry as JournalEntry, { offset, length: line.length });
}

function parseWhole(line: Buffer): unknown {
  return JSON.parse(line.toString('utf8'));
}

/** The line without its `cross` member; a line whose member is not found whole is parsed whole. */
function parseWithoutCross(line: Buffer): unknown {
  const cross = crossMember(line);
  if (!cross) {
    const entry = JSON.parse(line.toString('utf8'));
    if (typeof entry === 'object' && entry !== null) delete entry.cross;
    return entry;
  }
  return JSON.parse(line.toString('utf8', 0, cross.start) + line.toString('utf8', cross.end));
}

const CROSS_KEY = Buffer.from(',"cross":{');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN = 0x7b;
const CLOSE = 0x7d;

/**
 * The bytes of a line's `,"cross":{…}`, found by skipping over its strings. JSON.stringify escapes every
 * quote inside a string, so the bytes `,"` are always a key or a value, never text; and the members before
 * `cross` (the summary row) have no key of that name. Null when the object does not end in the line.
 */
function crossMember(line: Buffer): { start: number; end: number } | null {
  const start = line.indexOf(CROSS_KEY);
  if (start < 0) return null;
  let depth = 0;
  for (let i = start + CROSS_KEY.length - 1; i < line.length; i++) {
    const c = line[i];
    if (c === QUOTE) {
      i = closingQuote(line, i);
      if (i < 0) return null;
    } else if (c === OPEN) depth++;
    else if (c === CLOSE && --depth === 0) return { start, end: i + 1 };
  }
  return null;
}

/** The quote that ends the string opening at `open` (one not escaped by an odd run of backslashes), or -1. */
function closingQuote(line: Buffer, open: number): number {
  for (let q = line.indexOf(QUOTE, open + 1); q >= 0; q = line.indexOf(QUOTE, q + 1)) {
    let backslashes = 0;
    while (line[q - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return q;
  }
  return -1;
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
  forEachJournalEntry(outDir, (entry, line) => files.set(entry.file, { entry, line }), { cross: false });
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

  /** A done file's line: its identity here, the rest (`DoneMembers`) as the worker serialized it. */
  appendDone(head: Pick<JournalEntry, 'file' | 'size' | 'mtimeMs' | 'hash'>, members: DoneMembers): void {
    const opened = JSON.stringify({ ...head, status: 'done' }).slice(0, -1);
    writeFully(this.fd, Buffer.from(`${opened},${members}}\n`));
  }

  close(): void {
    closeSync(this.fd);
  }
}
