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

/** Every whole line of the journal, in order, read a megabyte at a time. */
export function forEachJournalEntry(outDir: string, visit: (entry: JournalEntry) => void): void {
  const path = journalPath(outDir);
  if (!existsSync(path)) return;
  const fd = openSync(path, 'r');
  const buffer = Buffer.alloc(CHUNK);
  let carry: Buffer = Buffer.alloc(0);
  try {
    for (;;) {
      const read = readSync(fd, buffer, 0, CHUNK, null);
      if (read === 0) break;
      let data =
        carry.length > 0 ? Buffer.concat([carry, buffer.subarray(0, read)]) : buffer.subarray(0, read);
      let newline = data.indexOf(0x0a);
      while (newline >= 0) {
        parseLine(data.toString('utf8', 0, newline), visit);
        data = data.subarray(newline + 1);
        newline = data.indexOf(0x0a);
      }
      // The rest is the start of the next line: copied, since `buffer` is reused.
      carry = Buffer.from(data);
    }
    if (carry.length > 0) parseLine(carry.toString('utf8'), visit);
  } finally {
    closeSync(fd);
  }
}

function parseLine(line: string, visit: (entry: JournalEntry) => void): void {
  if (line === '') return;
  try {
    visit(JSON.parse(line) as JournalEntry);
  } catch {
    // A torn line from a killed run.
  }
}

/**
 * The latest entry per file, in the order files were first finished. `withCross: false` drops the cross
 * records (the outputs read them again, one at a time, in the cross pass).
 */
export function readJournal(
  outDir: string,
  options: { withCross?: boolean } = {},
): Map<string, JournalEntry> {
  const entries = new Map<string, JournalEntry>();
  forEachJournalEntry(outDir, (entry) => {
    if (options.withCross === false) delete entry.cross;
    entries.set(entry.file, entry);
  });
  return entries;
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
