/** `jixiao import` itself, loaded only when the command runs. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listReports, requireReportDirectory } from '../../batch/files.ts';
import { type ImportOutcome, importReport } from '../../batch/import.ts';
import { JixiaoError } from '../../errors.ts';
import { openStore, type Store } from '../../store/connect.ts';
import { describeFailure, EXIT } from '../errors.ts';

export interface ImportCommandOptions {
  data: string;
  enqueueOnly?: boolean;
  worker?: boolean;
}

const say = (line: string) => process.stderr.write(`${line}\n`);

function describeOutcome(file: string, outcome: ImportOutcome | { status: 'failed'; error: string }): string {
  if (outcome.status === 'skipped') return `${file}：已导入过，跳过`;
  if (outcome.status === 'failed') return `${file}：失败：${outcome.error}`;
  return `${file}：已导入 ${outcome.unit} ${outcome.year} 年度（第 ${outcome.version} 版）`;
}

function errorText(error: unknown): string {
  return describeFailure(error, false)
    .output.replace(/^jixiao：/, '')
    .trim();
}

async function open(options: ImportCommandOptions): Promise<Store> {
  const databaseUrl = process.env.DATABASE_URL || undefined;
  try {
    // JIXIAO_PG_SCHEMA: one PostgreSQL schema per installation (and per test run).
    return await openStore({
      dataDir: options.data,
      databaseUrl,
      pgSchema: process.env.JIXIAO_PG_SCHEMA || undefined,
    });
  } catch (error) {
    const location = databaseUrl ? 'DATABASE_URL' : options.data;
    throw new JixiaoError('JX_DATABASE', { reason: (error as Error).message, location }, { cause: error });
  }
}

export async function runImport(dir: string | undefined, options: ImportCommandOptions): Promise<number> {
  const postgres = Boolean(process.env.DATABASE_URL);
  if (!postgres && (options.worker || options.enqueueOnly)) {
    throw new JixiaoError('JX_USAGE', {
      detail: '--worker 和 --enqueue-only 需要 PostgreSQL（设置 DATABASE_URL）',
    });
  }
  if (dir === undefined && !options.worker)
    throw new JixiaoError('JX_USAGE', { detail: '缺少参数 <dir>（报告所在目录）' });
  if (dir !== undefined && options.worker)
    throw new JixiaoError('JX_USAGE', { detail: '--worker 不接受目录参数' });
  if (dir !== undefined) requireReportDirectory(dir);
  const store = await open(options);
  try {
    return postgres ? await viaQueue(store, dir, options) : await inProcess(store, dir!);
  } finally {
    await store.close();
  }
}

async function inProcess(store: Store, dir: string): Promise<number> {
  let failed = 0;
  let imported = 0;
  let skipped = 0;
  for (const { file, bytes } of readFiles(dir)) {
    try {
      const outcome = await importReport(store, bytes, file);
      if (outcome.status === 'imported') imported++;
      else skipped++;
      say(describeOutcome(file, outcome));
    } catch (error) {
      failed++;
      say(describeOutcome(file, { status: 'failed', error: errorText(error) }));
    }
  }
  say(`导入完成：新导入 ${imported}，跳过 ${skipped}，失败 ${failed}`);
  return failed > 0 ? EXIT.findings : EXIT.ok;
}

/** One file in memory at a time, however many there are. */
function* readFiles(dir: string): Generator<{ file: string; bytes: Uint8Array }> {
  for (const file of listReports(dir)) yield { file, bytes: readFileSync(join(dir, file)) };
}

async function viaQueue(
  store: Store,
  dir: string | undefined,
  options: ImportCommandOptions,
): Promise<number> {
  const { enqueueFiles, openQueue, workQueue } = await import('../../batch/queue.ts');
  const boss = await openQueue(process.env.DATABASE_URL!, process.env.JIXIAO_PG_SCHEMA || undefined);
  try {
    if (dir !== undefined) {
      const sent = await enqueueFiles(boss, store, readFiles(dir));
      say(`已加入任务队列 ${sent} 个文件（已导入过的跳过）`);
      if (options.enqueueOnly) return EXIT.ok;
    }
    const summary = await workQueue(boss, store, (job, outcome) => say(describeOutcome(job.file, outcome)));
    say(`本进程处理完毕：新导入 ${summary.imported}，跳过 ${summary.skipped}，失败 ${summary.failed}`);
    return summary.failed > 0 ? EXIT.findings : EXIT.ok;
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}
