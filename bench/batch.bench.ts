/**
 * `jixiao batch` at scale, through the built CLI as a user runs it (`npm run bench -- --filter batch`):
 * - 10,000 TXT reports of the sample's size, with 1 and then 2 workers in the same run: reports/s, the
 *   speed-up, peak memory (the process's max RSS: worker threads included) and whole-batch time;
 * - the cross-report pass on 1,000 and on 10,000 of them (near-linear if MinHash/LSH works);
 * - generated DOCX and PDF reports, reports/s beside `pdftotext` over the same PDFs (one process a file).
 * A generated report is shorter than the sample (yuehu-2020.txt, ~7,800 characters, 22 KB), so each TXT
 * here is consecutive generated reports joined to about the sample's length (the mean is reported).
 * Writes its own section of BENCHMARKS.md below the marker line. Counts: BENCH_BATCH_TXT (10000),
 * BENCH_BATCH_DOCS (1000). Corpora are cached in the temp directory between runs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCorpus } from '../src/generate/corpus.ts';
import { loadBench, markdownTable, ROOT, SAMPLES_DIR } from './harness.ts';

const TXT_COUNT = Number(process.env.BENCH_BATCH_TXT ?? 10_000);
const DOC_COUNT = Number(process.env.BENCH_BATCH_DOCS ?? 1_000);
/** Each TXT is about the sample's length: generated reports joined, the mean kept at the sample's. */
const SAMPLE_CHARS = readFileSync(join(SAMPLES_DIR, 'yuehu-2020.txt'), 'utf8').length;
const BIN = join(ROOT, 'bin', 'jixiao');
const SECTION = '## 批量审查 / Batch (`npm run bench -- --filter batch`)';
const TARGETS = { speedUp: 1.8, peakMb: 500, seconds10k: 20 };

interface BatchRun {
  files: number;
  seconds: number;
  crossSeconds: number;
  peakMb: number;
  rate: number;
}

/** The generator's code and data: a cached corpus made by another version of them is made again. */
function generatorFingerprint(): string {
  const hash = createHash('sha256');
  for (const folder of ['src/generate', 'data/generate']) {
    for (const name of readdirSync(join(ROOT, folder)).sort())
      hash.update(readFileSync(join(ROOT, folder, name)));
  }
  return hash.digest('hex').slice(0, 12);
}

export function txtCorpus(count: number): string {
  const dir = join(tmpdir(), `jixiao-bench-batch-txt-${count}-mean${SAMPLE_CHARS}-${generatorFingerprint()}`);
  if (existsSync(join(dir, '.complete'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let made = 0;
  let parts: string[] = [];
  let written = 0;
  for (const entry of generateCorpus({ count: count * 5, seed: 3, defectRate: 0.3 })) {
    parts.push(entry.text);
    written += entry.text.length;
    // A file ends once the corpus so far reaches its share of the sample's length: the mean is the sample's.
    if (written < (made + 1) * SAMPLE_CHARS) continue;
    writeFileSync(join(dir, `r${String(made).padStart(5, '0')}.txt`), parts.join('\n'));
    parts = [];
    if (++made >= count) break;
  }
  writeFileSync(join(dir, '.complete'), '');
  return dir;
}

function generated(format: 'docx' | 'pdf', count: number): string {
  const dir = join(tmpdir(), `jixiao-bench-batch-${format}-${count}`);
  if (existsSync(join(dir, 'manifest.json'))) return dir;
  rmSync(dir, { recursive: true, force: true });
  execFileSync(
    BIN,
    ['generate', '--count', String(count), '--seed', '5', '--formats', format, '--out', dir],
    {
      stdio: 'ignore',
    },
  );
  return dir;
}

/** Subsets of a corpus without copying: a folder of hard links to the first `count` files. */
function firstFiles(dir: string, count: number): string {
  const sub = join(tmpdir(), `jixiao-bench-batch-first-${count}`);
  rmSync(sub, { recursive: true, force: true });
  mkdirSync(sub);
  for (const name of readdirSync(dir)
    .filter((n) => !n.startsWith('.'))
    .sort()
    .slice(0, count)) {
    linkSync(join(dir, name), join(sub, name));
  }
  return sub;
}

function runBatch(dir: string, workers: number, format = 'csv'): BatchRun {
  const out = join(tmpdir(), `jixiao-bench-batch-out-${process.pid}`);
  rmSync(out, { recursive: true, force: true });
  const started = performance.now();
  const result = spawnSync(
    BIN,
    ['batch', dir, '--out', out, '--workers', String(workers), '--format', format],
    {
      encoding: 'utf8',
    },
  );
  const seconds = (performance.now() - started) / 1000;
  rmSync(out, { recursive: true, force: true });
  const line = /共 (\d+) 个文件.*跨报告比较 ([\d.]+) 秒）；峰值内存 (\d+) MB/.exec(result.stderr);
  if (!line) throw new Error(`jixiao batch failed: ${result.stderr.slice(-500)}`);
  const files = Number(line[1]);
  return { files, seconds, crossSeconds: Number(line[2]), peakMb: Number(line[3]), rate: files / seconds };
}

function pdftotextRate(dir: string): number | null {
  if (spawnSync('pdftotext', ['-v']).error) return null;
  const pdfs = readdirSync(dir).filter((n) => n.endsWith('.pdf'));
  const started = performance.now();
  for (const pdf of pdfs) spawnSync('pdftotext', ['-enc', 'UTF-8', join(dir, pdf), '-']);
  return pdfs.length / ((performance.now() - started) / 1000);
}

/** Mean characters (for text files) and bytes of a corpus's files. */
function meanSize(dir: string, extension: string): { chars: number; bytes: number } {
  const files = readdirSync(dir).filter((n) => n.endsWith(extension));
  let chars = 0;
  let bytes = 0;
  for (const name of files) {
    const content = readFileSync(join(dir, name));
    bytes += content.length;
    if (extension === '.txt') chars += content.toString('utf8').length;
  }
  return { chars: chars / Math.max(1, files.length), bytes: bytes / Math.max(1, files.length) };
}

const f1 = (n: number) => n.toFixed(1);
const mark = (ok: boolean) => (ok ? '✓' : '✗');

function writeSection(body: string): void {
  const path = join(ROOT, 'BENCHMARKS.md');
  const current = readFileSync(path, 'utf8');
  const at = current.indexOf(SECTION);
  const before = at < 0 ? `${current.trimEnd()}\n\n` : current.slice(0, at);
  const next = at < 0 ? -1 : current.indexOf('\n## ', at + SECTION.length);
  const after = next < 0 ? '' : current.slice(next + 1);
  writeFileSync(path, `${before}${SECTION}\n\n${body}\n${after === '' ? '' : `\n${after}`}`);
}

loadBench({
  name: 'batch',
  note: 'jixiao batch through the built CLI; its own section of BENCHMARKS.md (below the marker) has the table.',
  async run() {
    const load = loadavg()[0]!;
    const txt = txtCorpus(TXT_COUNT);
    const one = runBatch(txt, 1);
    const two = runBatch(txt, 2);
    const small = runBatch(firstFiles(txt, Math.max(1, Math.floor(TXT_COUNT / 10))), 2);
    const docx = generated('docx', DOC_COUNT);
    const docxRun = runBatch(docx, 2);
    const pdf = generated('pdf', DOC_COUNT);
    const pdfRun = runBatch(pdf, 2);
    const pdftotext = pdftotextRate(pdf);
    const txtSize = meanSize(txt, '.txt');
    const docxSize = meanSize(docx, '.docx');
    const pdfSize = meanSize(pdf, '.pdf');
    const speedUp = two.rate / one.rate;
    const crossRatio = two.crossSeconds / Math.max(0.001, small.crossSeconds);
    const rows = [
      [
        `${one.files} TXT，1 个线程`,
        f1(one.rate),
        f1(one.seconds),
        String(one.peakMb),
        f1(one.crossSeconds),
        '—',
      ],
      [
        `${two.files} TXT，2 个线程`,
        f1(two.rate),
        f1(two.seconds),
        String(two.peakMb),
        f1(two.crossSeconds),
        `加速 ${speedUp.toFixed(2)}×（≥ ${TARGETS.speedUp}× ${mark(speedUp >= TARGETS.speedUp)}）；内存 < ${TARGETS.peakMb} MB ${mark(two.peakMb < TARGETS.peakMb)}；< ${TARGETS.seconds10k} s ${mark(two.seconds < TARGETS.seconds10k)}`,
      ],
      [
        `${small.files} TXT，2 个线程`,
        f1(small.rate),
        f1(small.seconds),
        String(small.peakMb),
        f1(small.crossSeconds),
        `跨报告比较 ${two.files}/${small.files} 份用时之比 ${crossRatio.toFixed(1)}（报告数之比 ${(two.files / small.files).toFixed(0)}）`,
      ],
      [
        `${docxRun.files} DOCX，2 个线程`,
        f1(docxRun.rate),
        f1(docxRun.seconds),
        String(docxRun.peakMb),
        f1(docxRun.crossSeconds),
        '—',
      ],
      [
        `${pdfRun.files} PDF，2 个线程`,
        f1(pdfRun.rate),
        f1(pdfRun.seconds),
        String(pdfRun.peakMb),
        f1(pdfRun.crossSeconds),
        pdftotext === null
          ? 'pdftotext 未安装'
          : `pdftotext ${f1(pdftotext)} 份/秒；jixiao 为其 ${(pdfRun.rate / pdftotext).toFixed(2)}×`,
      ],
    ];
    const table = markdownTable(
      ['批次', '份/秒', '总用时 (s)', '峰值内存 (MB)', '跨报告比较 (s)', '对照与目标'],
      rows,
    );
    writeSection(
      [
        `- 日期 / date: ${new Date().toISOString().slice(0, 10)}；2 核，开始时 1 分钟平均负载 ${load.toFixed(1)}（负载高于 2 时各进程分时共用两个核，线程数增加也不会更快）`,
        `- 本次规模 / counts: TXT ${TXT_COUNT}，DOCX/PDF 各 ${DOC_COUNT}（BENCH_BATCH_TXT、BENCH_BATCH_DOCS；默认 10000 和 1000）`,
        `- TXT：生成的报告逐份连接，平均每份 ${txtSize.chars.toFixed(0)} 字、${(txtSize.bytes / 1000).toFixed(1)} KB（样例 yuehu-2020.txt ${SAMPLE_CHARS} 字）；DOCX/PDF：\`jixiao generate\` 生成，平均每份 DOCX ${(docxSize.bytes / 1000).toFixed(0)} KB、PDF ${(pdfSize.bytes / 1000).toFixed(0)} KB`,
        '- 总用时含进程启动、每个文件的 JSON 与文本、日志、跨报告比较和 CSV 汇总；峰值内存为整个进程（含工作线程）的最大 RSS',
        '',
        table,
      ].join('\n'),
    );
    process.stderr.write(`${table}\n`);
    return [];
  },
});
