/**
 * `bin/jixiao extract` and `check` as whole processes on one 2 MB text (start-up, reading, the engine and
 * the JSON output included), beside starting Node itself and `jixiao --version` in the same run. The 2 MB
 * text is distinct generated reports joined (not one report repeated, which would make every passage a
 * duplicate); made once per machine. Target (issue 12): ≥ 10 MB/s for both.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCorpus } from '../src/generate/corpus.ts';
import { bench, ROOT } from './harness.ts';

const CACHE = join(ROOT, 'node_modules', '.cache', 'jixiao-bench');
const BIN = join(ROOT, 'bin', 'jixiao');
const TARGET_BYTES = 2_000_000;
const NODE = '进程启动（node -e 0）';

function largeText(): string {
  const path = join(CACHE, 'generated-2mb.txt');
  if (existsSync(path)) return path;
  mkdirSync(CACHE, { recursive: true });
  const parts: string[] = [];
  let bytes = 0;
  for (const entry of generateCorpus({ count: 2_000, seed: 11, defectRate: 0.3 })) {
    parts.push(entry.text);
    bytes += Buffer.byteLength(entry.text) + 1;
    if (bytes >= TARGET_BYTES) break;
  }
  writeFileSync(path, parts.join('\n'));
  return path;
}

/** stdout to /dev/null: the process still formats and writes all of it, the bench does not buffer it. */
function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  // check exits 1 when error findings remain; anything else is a broken bench.
  if (result.status !== 0 && result.status !== 1) {
    throw new Error(`${command} ${args.join(' ')}: exit ${result.status} ${result.stderr}`);
  }
}

const text = largeText();
const bytes = statSync(text).size;
const mb = (bytes / 1e6).toFixed(1);

bench({ name: NODE, fn: () => run(process.execPath, ['-e', '0']) });
bench({ name: 'jixiao --version（整个进程）', baseline: NODE, fn: () => run(BIN, ['--version']) });
bench({
  name: `jixiao extract ${mb} MB -f json（整个进程）`,
  bytes,
  baseline: NODE,
  note: `${mb} MB 的文本由生成的报告拼接而成；含进程启动、读入、抽取与 JSON 输出（写到 /dev/null） / generated reports joined; whole process, JSON written to /dev/null`,
  fn: () => run(BIN, ['extract', text, '-f', 'json']),
});
bench({
  name: `jixiao check ${mb} MB -f json（整个进程）`,
  bytes,
  baseline: NODE,
  fn: () => run(BIN, ['check', text, '-f', 'json']),
});
