/**
 * The import queue on PostgreSQL (pg-boss): `jixiao import DIR` stores each file's bytes in the database
 * and enqueues one job per file; `jixiao import --worker` processes, on any machine that reaches the same
 * database, jobs until the queue is empty. A job that fails is retried by pg-boss; a worker killed
 * mid-job leaves it to expire and be retried; a file already imported (by content) is skipped.
 */
import PgBoss from 'pg-boss';
import { detectFormat } from '../ingest/detect.ts';
import type { Store } from '../store/connect.ts';
import { getSourceFile, putSourceFile, sha256 } from '../store/files.ts';
import { alreadyImported, type ImportOutcome, importReport } from './import.ts';

export const IMPORT_QUEUE = 'jixiao-import';

export interface ImportJob {
  sourceFileId: string;
  file: string;
}

export async function openQueue(databaseUrl: string, schema: string | undefined): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    ...(schema ? { schema: `${schema}_boss` } : {}),
    // Workers exit when the queue is empty; maintenance belongs to the long-running servers.
    supervise: false,
    schedule: false,
  });
  boss.on('error', (error) => process.stderr.write(`jixiao：任务队列出错：${error.message}\n`));
  await boss.start();
  await boss.createQueue(IMPORT_QUEUE, {
    name: IMPORT_QUEUE,
    retryLimit: 3,
    retryDelay: 1,
    expireInSeconds: 300,
  });
  return boss;
}

/** Returns the number of jobs sent (files not imported yet). */
export async function enqueueFiles(
  boss: PgBoss,
  store: Store,
  files: Iterable<{ file: string; bytes: Uint8Array }>,
): Promise<number> {
  let sent = 0;
  for (const { file, bytes } of files) {
    if (await alreadyImported(store, sha256(bytes))) continue;
    // The bytes go into the database, so a worker on another machine needs no shared disk.
    const detected = detectFormat(bytes);
    const format = detected.kind === 'readable' ? detected.format : 'unknown';
    const sourceFileId = await putSourceFile(store.db, bytes, format);
    await boss.send(IMPORT_QUEUE, { sourceFileId, file } satisfies ImportJob);
    sent++;
  }
  return sent;
}

export interface WorkSummary {
  imported: number;
  skipped: number;
  failed: number;
}

/** Takes jobs one at a time until none is left to take. */
export async function workQueue(
  boss: PgBoss,
  store: Store,
  onJob: (job: ImportJob, outcome: ImportOutcome | { status: 'failed'; error: string }) => void,
): Promise<WorkSummary> {
  const summary: WorkSummary = { imported: 0, skipped: 0, failed: 0 };
  for (;;) {
    const [job] = await boss.fetch<ImportJob>(IMPORT_QUEUE);
    if (!job) break;
    try {
      const source = await getSourceFile(store.db, job.data.sourceFileId);
      if (!source) throw new Error(`数据库中没有该文件的内容（${job.data.sourceFileId}）`);
      const outcome = await importReport(store, source.bytes, job.data.file);
      await boss.complete(IMPORT_QUEUE, job.id);
      summary[outcome.status]++;
      onJob(job.data, outcome);
    } catch (error) {
      await boss.fail(IMPORT_QUEUE, job.id, { message: (error as Error).message });
      summary.failed++;
      onJob(job.data, { status: 'failed', error: (error as Error).message });
    }
  }
  return summary;
}
