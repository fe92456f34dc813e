/**
 * `jixiao reprocess [--data DIR]`: after an upgrade, re-runs extraction, review and scoring of the stored
 * report versions whose results another jixiao or rule-catalogue version made. A resumable job: stopped
 * (Ctrl-C, SIGTERM) or killed, the next run continues where it stopped. Reports keep their workflow state
 * and audit trail. Exit 0 when done, 2 when some version could not be read again (its old results are
 * kept), 130 when interrupted.
 */
import type { Command } from 'commander';

export interface ReprocessCommandOptions {
  data: string;
}

export const EXIT_INTERRUPTED = 130;

export function register(program: Command, setExit: (code: number) => void): void {
  program
    .command('reprocess')
    .description('升级后重新抽取、审查和评分由旧版本生成结果的报告（可中断，再次运行时继续）')
    .option('--data <dir>', '数据目录（内置数据库所在目录）', 'data')
    .action(async (options: ReprocessCommandOptions) => {
      const { openConfiguredStore } = await import('../../server/serve.ts');
      const { reprocess, CURRENT_TARGET } = await import('../../server/reprocess.ts');
      const store = await openConfiguredStore(options.data, process.env.DATABASE_URL || undefined);
      const controller = new AbortController();
      const stop = () => {
        if (controller.signal.aborted) return;
        process.stderr.write('收到中断信号：处理完当前版本后停止，再次运行 jixiao reprocess 即可继续\n');
        controller.abort();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      const err = (line: string) => process.stderr.write(`${line}\n`);
      try {
        const summary = await reprocess(store, {
          signal: controller.signal,
          onStart: (job) => {
            const target = `jixiao ${CURRENT_TARGET.jixiaoVersion}，规则目录 ${CURRENT_TARGET.catalogueVersion}`;
            err(
              job.resumed
                ? `继续上次中断的重新处理（${target}）：已完成 ${job.finished}/${job.total}`
                : `开始重新处理 ${job.total} 个报告版本（${target}）`,
            );
          },
          onItem: ({ item, ok, error, finished, total }) => {
            const what = `${item.unitName} ${item.year} 年度 第 ${item.versionNumber} 版`;
            err(`[${finished}/${total}] ${what}：${ok ? '已更新' : `无法重新处理，保留原结果（${error}）`}`);
          },
        });
        if (summary.status === 'busy') {
          err(
            `另一个 jixiao reprocess 正在处理同一个数据库（锁定至 ${summary.until}，运行中会不断续期）；` +
              '请等它结束后再运行。若那个进程已被强制结束，锁会在到期后自动释放',
          );
          setExit(2);
          return;
        }
        if (summary.status === 'up-to-date') {
          process.stdout.write('所有报告的结果都已是当前版本生成的，无需重新处理\n');
          return;
        }
        const counts = `已更新 ${summary.done} 个，失败 ${summary.failed} 个，未处理 ${summary.pending} 个（共 ${summary.total} 个）`;
        if (summary.status === 'interrupted') {
          process.stdout.write(`重新处理已中断：${counts}；再次运行 jixiao reprocess 将从中断处继续\n`);
          setExit(EXIT_INTERRUPTED);
          return;
        }
        process.stdout.write(`重新处理完成：${counts}\n`);
        if (summary.failed > 0) setExit(2);
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        await store.close();
      }
    });
}
