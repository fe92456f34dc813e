/** `jixiao batch` itself, loaded only when the command runs. */
import { mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { requireReportDirectory } from '../../batch/files.ts';
import {
  crossPass,
  OUTPUT_FORMATS,
  type OutputFormat,
  readResults,
  writeOutputs,
} from '../../batch/outputs.ts';
import { runBatchFiles } from '../../batch/run.ts';
import { JixiaoError } from '../../errors.ts';
import { EXIT } from '../errors.ts';

export interface BatchCommandOptions {
  out: string;
  workers?: string;
  format: string;
}

function parseWorkers(value: string | undefined): number {
  if (value === undefined) return availableParallelism();
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    throw new JixiaoError('JX_USAGE', { detail: `--workers 应为 1 到 64 之间的整数，收到“${value}”` });
  }
  return n;
}

function parseFormats(value: string): Set<OutputFormat> {
  const formats = value
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter(Boolean);
  const unknown = formats.filter((f) => !(OUTPUT_FORMATS as readonly string[]).includes(f));
  if (formats.length === 0 || unknown.length > 0) {
    throw new JixiaoError('JX_USAGE', {
      detail: `--format 中有不支持的格式“${unknown.join('、') || value}”，可选：${OUTPUT_FORMATS.join('、')}`,
    });
  }
  return new Set(formats as OutputFormat[]);
}

export async function runBatch(dir: string, options: BatchCommandOptions): Promise<number> {
  const workers = parseWorkers(options.workers);
  const formats = parseFormats(options.format);
  requireReportDirectory(dir);
  if (resolve(dir) === resolve(options.out)) {
    throw new JixiaoError('JX_USAGE', { detail: '输出目录不能是报告目录本身' });
  }
  mkdirSync(options.out, { recursive: true });
  const log = (s: string) => process.stderr.write(s);
  const run = await runBatchFiles({
    dir,
    outDir: options.out,
    workers,
    writeJson: formats.has('json'),
    tty: process.stderr.isTTY === true,
    log,
  });
  // The journal once more, now it holds every file: entries and cross records in one read.
  const results = readResults(options.out);
  const { entries } = results;
  const cross = crossPass(results, options.out);
  const written = await writeOutputs(options.out, formats, entries, cross);
  log(
    `共 ${run.total} 个文件：本次处理 ${run.analysed + run.failed}（失败 ${run.failed}），跳过已完成 ${run.skipped}；` +
      `跨报告问题 ${cross.count} 处；用时 ${run.seconds.toFixed(1)} 秒（跨报告比较 ${cross.seconds.toFixed(1)} 秒）；` +
      // maxRSS covers the worker threads too: they live in this process.
      `峰值内存 ${Math.round(process.resourceUsage().maxRSS / 1024)} MB\n`,
  );
  for (const path of written) log(`已写出 ${path}\n`);
  const failedTotal = entries.filter((e) => e.status !== 'done').length;
  return failedTotal > 0 ? EXIT.findings : EXIT.ok;
}
