/**
 * `jixiao batch`: a pool of worker threads over every report under DIR, a journal that makes the batch
 * resumable, then the cross-report pass and the summary outputs. The main thread only schedules, journals
 * and reports progress; it holds one summary row and one compact cross record per report, never a text.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { SIGNATURE_SCHEME } from '../review/cross/minhash.ts';
import { listReports } from './files.ts';
import { type JournalledFile, JournalWriter, journalPath, readJournal, readJournalLine } from './journal.ts';
import { Progress } from './progress.ts';
import type { JournalEntry, Task, TaskResult } from './types.ts';

export interface BatchOptions {
  dir: string;
  outDir: string;
  workers: number;
  writeJson: boolean;
  tty: boolean;
  log: (s: string) => void;
}

export interface BatchRun {
  total: number;
  skipped: number;
  analysed: number;
  failed: number;
  seconds: number;
}

/** In the bundle the batch code is a chunk in dist/chunks/ and the worker is dist/batch-worker.mjs. */
function workerUrl(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('./worker.ts', import.meta.url)
    : new URL('../batch-worker.mjs', import.meta.url);
}

export async function runBatchFiles(options: BatchOptions): Promise<BatchRun> {
  const started = performance.now();
  const files = listReports(options.dir, options.outDir);
  // Without the cross records: only a copied file needs one, read again from its line.
  const journal = readJournal(options.outDir);
  const doneByHash = new Map<string, JournalledFile>();
  for (const known of journal.values()) if (isDone(known.entry)) doneByHash.set(known.entry.hash!, known);
  const writer = new JournalWriter(journalPath(options.outDir));
  const pending: { task: Task; size: number; mtimeMs: number }[] = [];
  let skipped = 0;
  for (const file of files) {
    const path = join(options.dir, file);
    const { size, mtimeMs } = statSync(path);
    const known = journal.get(file)?.entry;
    if (known && isDone(known) && known.size === size && known.mtimeMs === mtimeMs) {
      skipped++;
      continue;
    }
    // Touched, renamed or copied: the content decides.
    const copied = doneByHash.size > 0 ? doneByHash.get(sha256(path)) : undefined;
    if (copied) {
      const same = readJournalLine(options.outDir, copied.line);
      writer.append({ ...same, file, size, mtimeMs, row: { ...same.row!, file } });
      skipped++;
      continue;
    }
    pending.push({
      task: { path, file, outDir: options.outDir, writeJson: options.writeJson },
      size,
      mtimeMs,
    });
  }
  if (skipped > 0) options.log(`跳过已完成的 ${skipped} 个文件（见 ${journalPath(options.outDir)}）\n`);
  const progress = new Progress(pending.length, options.tty, options.log);
  let failed = 0;
  let done = 0;
  await runPool(pending, options.workers, (item, result) => {
    const head = { file: item.task.file, size: item.size, mtimeMs: item.mtimeMs, hash: result.hash };
    if (result.ok) writer.appendDone(head, result.members);
    else writer.append({ ...head, status: 'failed', error: result.error });
    done++;
    if (!result.ok) {
      failed++;
      options.log(`${options.tty ? '\n' : ''}失败：${item.task.file}：${result.error}\n`);
    }
    progress.update(done, failed);
  });
  progress.finish();
  writer.close();
  return {
    total: files.length,
    skipped,
    analysed: done - failed,
    failed,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * Done, by a jixiao that keeps texts in packs (an older journal's texts are not where the cross pass reads)
 * and signs paragraphs as this one does (signatures of another scheme do not compare with these).
 */
function isDone(entry: JournalEntry): boolean {
  return (
    entry.status === 'done' &&
    entry.hash !== null &&
    entry.text !== undefined &&
    entry.minhash === SIGNATURE_SCHEME
  );
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/**
 * Tasks a worker holds at once: while it analyses one, the next is already in its queue, so it never idles
 * waiting for the main thread to journal a result and answer (under load the main thread is often
 * descheduled for longer than a file takes).
 */
const IN_FLIGHT = 2;

/** Each worker takes the next file when it finishes one: uneven file sizes balance themselves. */
async function runPool<T extends { task: Task }>(
  items: T[],
  size: number,
  onResult: (item: T, result: TaskResult) => void,
): Promise<void> {
  if (items.length === 0) return;
  let next = 0;
  // Tasks a dead worker still held, handed to the next worker that asks.
  const orphans: T[] = [];
  const take = (): T | undefined => orphans.shift() ?? items[next++];
  const count = Math.max(1, Math.min(size, items.length));
  await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise<void>((resolve) => {
          const start = (): void => {
            const worker = new Worker(workerUrl());
            // In the order sent; the worker answers in that order.
            const held: T[] = [];
            const feed = () => {
              while (held.length < IN_FLIGHT) {
                const item = take();
                if (item === undefined) break;
                held.push(item);
                worker.postMessage(item.task);
              }
              if (held.length === 0) void worker.terminate().then(() => resolve());
            };
            worker.on('message', (result: TaskResult) => {
              onResult(held.shift()!, result);
              feed();
            });
            // A worker that dies (out of memory on one file) fails that file only; a new one goes on.
            worker.on('error', (error) => {
              const current = held.shift();
              orphans.push(...held.splice(0));
              if (current)
                onResult(current, {
                  ok: false,
                  file: current.task.file,
                  hash: null,
                  error: `处理时出错：${error.message}`,
                });
              start();
            });
            feed();
          };
          start();
        }),
    ),
  );
}
