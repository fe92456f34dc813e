/**
 * The decoded texts of a batch, kept for the cross-report pass to quote from: appended to one pack file per
 * worker thread (OUTDIR/.batch/texts/*.pack) and found again by offset. One file per report cost a file
 * creation each (~1 ms here, a tenth of the analysis); an append to an open file costs almost nothing.
 * Texts are stored as UTF-16LE, the code units spans count: a quote is read as just its own bytes, without
 * decoding the whole report (and Chinese takes two bytes a character, not UTF-8's three).
 * A kill between an append and its journal line leaves unreferenced bytes in a pack, never a wrong text.
 */
import { closeSync, mkdirSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { writeFully } from './files.ts';

/** Where a report's text is: the pack's file name, the byte offset of its first unit, its length in units. */
export interface TextRef {
  pack: string;
  offset: number;
  units: number;
}

function textsDir(outDir: string): string {
  return join(outDir, '.batch', 'texts');
}

export class TextPackWriter {
  private fd: number | null = null;
  private offset = 0;
  // Unique across processes, runs and the worker threads of one run.
  private readonly pack = `${process.pid}-${threadId}-${Date.now().toString(36)}.pack`;

  constructor(private readonly outDir: string) {}

  append(text: string): TextRef {
    if (this.fd === null) {
      mkdirSync(textsDir(this.outDir), { recursive: true });
      this.fd = openSync(join(textsDir(this.outDir), this.pack), 'a');
    }
    const bytes = Buffer.from(text, 'utf16le');
    writeFully(this.fd, bytes);
    const ref = { pack: this.pack, offset: this.offset, units: text.length };
    this.offset += bytes.length;
    return ref;
  }
}

/** Reads quotes back, keeping each pack open once it has been read from. */
export class TextPackReader {
  private readonly open = new Map<string, number>();

  constructor(private readonly outDir: string) {}

  /** `text.slice(start, end)` of the report whose text is at `ref`. */
  quote(ref: TextRef, start: number, end: number): string {
    const from = Math.max(0, Math.min(start, ref.units));
    const to = Math.max(from, Math.min(end, ref.units));
    const buffer = Buffer.allocUnsafe(2 * (to - from));
    const fd = this.fdOf(ref.pack);
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, ref.offset + 2 * from + read);
      if (n === 0) break;
      read += n;
    }
    return buffer.toString('utf16le', 0, read);
  }

  private fdOf(pack: string): number {
    let fd = this.open.get(pack);
    if (fd === undefined) {
      fd = openSync(join(textsDir(this.outDir), pack), 'r');
      this.open.set(pack, fd);
    }
    return fd;
  }

  close(): void {
    for (const fd of this.open.values()) closeSync(fd);
    this.open.clear();
  }
}
