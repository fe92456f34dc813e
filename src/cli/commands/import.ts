/**
 * `jixiao import [DIR] [--data DIR] [--enqueue-only] [--worker]`: loads every report under DIR into the
 * database through the upload pipeline, each into the unit its text names. On SQLite it runs in this
 * process; with DATABASE_URL (PostgreSQL) each file becomes a pg-boss job that any number of
 * `jixiao import --worker` processes, on any machine, take until the queue is empty. Resumable either way:
 * files already imported (by content) are skipped.
 */
import type { Command } from 'commander';
import type { ImportCommandOptions } from './import-run.ts';

export function register(program: Command, setExit: (code: number) => void): void {
  program
    .command('import')
    .description('把一个目录中的全部报告导入数据库（PostgreSQL 上经任务队列，可多台机器同时处理）')
    .argument('[dir]', '报告所在目录（含子目录）')
    .option('--data <dir>', '数据目录（内置数据库所在目录）', 'data')
    .option('--enqueue-only', '只把文件加入任务队列，不在本进程处理（仅 PostgreSQL）')
    .option('--worker', '处理任务队列中的导入任务，直到队列为空（仅 PostgreSQL）')
    .action(async (dir: string | undefined, options: ImportCommandOptions) => {
      const { runImport } = await import('./import-run.ts');
      setExit(await runImport(dir, options));
    });
}
