/**
 * PDF text extraction of the sample (converted once by LibreOffice) against poppler's pdftotext on the
 * same file, in the same run. Target: at most 3× pdftotext.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readPdf } from '../src/ingest/formats/pdf.ts';
import { DEFAULT_LIMITS } from '../src/ingest/types.ts';
import { convertText, hasCommand, INSTALL_HINT, missingForSoffice } from '../test/soffice.ts';
import { bench, percentile, ROOT, SAMPLES_DIR } from './harness.ts';

const CACHE = join(ROOT, 'node_modules', '.cache', 'jixiao-bench');
const OURS = 'PDF 月湖 2020（readPdf）';
const POPPLER = 'PDF 月湖 2020（pdftotext）';

/** The sample as LibreOffice prints it, made once per machine (a conversion takes about a second). */
function samplePdf(): string | null {
  const pdf = join(CACHE, 'yuehu-2020.pdf');
  if (existsSync(pdf)) return pdf;
  const missing = missingForSoffice();
  if (missing !== null) {
    process.stderr.write(`pdf.bench: 跳过 PDF 基准，缺少 ${missing}；安装：${INSTALL_HINT}\n`);
    return null;
  }
  mkdirSync(CACHE, { recursive: true });
  return convertText(join(SAMPLES_DIR, 'yuehu-2020.txt'), 'pdf', CACHE, join(CACHE, 'profile'));
}

/** What starting any process costs here, so the pdftotext figure can be read net of it. */
function spawnOverheadMs(): number {
  const times: number[] = [];
  for (let i = 0; i < 15; i++) {
    const start = performance.now();
    spawnSync('true');
    times.push(performance.now() - start);
  }
  return percentile(
    times.sort((a, b) => a - b),
    0.5,
  );
}

const pdf = samplePdf();
if (pdf !== null) {
  const bytes = new Uint8Array(readFileSync(pdf));
  const options = { name: pdf, limits: DEFAULT_LIMITS };
  const hasPoppler = hasCommand('pdftotext');
  if (hasPoppler) {
    bench({
      name: POPPLER,
      bytes: bytes.length,
      fn: () => spawnSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { maxBuffer: 64 * 1024 * 1024 }).stdout,
      note:
        `一次 spawnSync，含启动进程的开销（本机 spawnSync('true') 中位数约 ${spawnOverheadMs().toFixed(1)} ms）` +
        ' / one spawnSync per call, process start-up included',
    });
  }
  bench({
    name: OURS,
    bytes: bytes.length,
    async: true,
    fn: () => readPdf(bytes, options),
    ...(hasPoppler ? { baseline: POPPLER } : {}),
    note:
      'pdfjs 在常驻的工作线程中解析（首次调用另需约 0.3–0.5 s 启动线程并载入 pdfjs），再在主线程重排版面' +
      ' / pdfjs parses in a kept worker thread (the first call also pays ~0.3–0.5 s to start it), layout in the main thread' +
      (hasPoppler ? '' : `；未安装 pdftotext，未做对比（${INSTALL_HINT}）`),
  });
}
