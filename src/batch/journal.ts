/**
 * The batch journal, OUTDIR/.batch/journal.jsonl: one line per finished file, appended the moment its
 * results are on disk. It is what makes a killed batch resumable: a rerun skips every file whose path,
 * size and mtime match a done line, or whose content hash does. A torn last line (a kill mid-write) is
 * ignored and that file is simply done again.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { JournalEntry } from './types.ts';

export function journalPath(outDir: string): string {
  return join(outDir, '.batch', 'journal.jsonl');
}

/** The latest entry per file, in the order files were first finished. */
export function readJournal(outDir: string): Map<string, JournalEntry> {
  const path = journalPath(outDir);
  const entries = new Map<string, JournalEntry>();
  if (!existsSync(path)) return entries;
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (line === '') continue;
    try {
      const entry = JSON.parse(line) as JournalEntry;
      entries.set(entry.file, entry);
    } catch {
      // A torn line from a killed run.
    }
  }
  return entries;
}

export class JournalWriter {
  constructor(private readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
  }

  /** One write call per line: the line lands whole or (killed mid-call) torn and ignored on reading. */
  append(entry: JournalEntry): void {
    appendFileSync(this.path, `${JSON.stringify(entry)}\n`);
  }
}
