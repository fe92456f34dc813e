/**
 * `jixiao batch DIR --out OUTDIR [--workers N] [--format json,csv,xlsx,html]`: every report under DIR
 * reviewed in worker threads, per-file JSON, the cross-report rules over the whole batch, a summary table
 * and an HTML overview. Resumable: a rerun skips what the journal in OUTDIR/.batch says is done.
 */
import type { Command } from 'commander';
import type { BatchCommandOptions } from './batch-run.ts';

export function register(program: Command, setExit: (code: number) => void): void {
  program
    .command('batch')
    .description('批量审查一个目录中的全部报告，并做跨报告比较（可中断后续跑）')
    .argument('<dir>', '报告所在目录（含子目录）')
    .requiredOption('--out <目录>', '输出目录')
    .option('--workers <数量>', '并行处理的线程数（默认为 CPU 核数）')
    .option('--format <格式>', '输出格式，逗号分隔：json、csv、xlsx、html', 'json,csv,xlsx,html')
    .action(async (dir: string, options: BatchCommandOptions) => {
      const { runBatch } = await import('./batch-run.ts');
      setExit(await runBatch(dir, options));
    });
}
