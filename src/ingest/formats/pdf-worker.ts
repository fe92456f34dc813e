/**
 * pdfjs runs in a worker thread so that a hostile or pathological PDF can be stopped: a timer in the main
 * thread cannot interrupt a parser that never yields, but `worker.terminate()` can. The worker only
 * parses and returns positioned text runs; layout happens in the main thread (pdf-layout.ts).
 *
 * The worker's code is a string evaluated by Node, so it runs the same from the TypeScript sources
 * (tests, tsx) and from the esbuild bundle, and pdfjs (~150 ms to import) is loaded only when a PDF is
 * read. One idle worker is kept, unreferenced, so a batch of PDFs pays that import once while a CLI run
 * still exits as soon as its work is done.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PdfPageContent } from './pdf-layout.ts';

export interface RawPdf {
  pages: PdfPageContent[];
}

/** Why the worker could not give text: pdfjs's exception name, or a worker crash. */
export class PdfParseFailure extends Error {
  override readonly name = 'PdfParseFailure';
  constructor(
    readonly reason: 'password' | 'invalid' | 'failed' | 'memory' | 'timeout' | 'crashed',
    message: string,
  ) {
    super(message);
  }
}

export interface ParseOptions {
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Pages with fewer characters than this are checked for images (a scan has images and no text). */
const SCARCE_TEXT = 20;
const WORKER_HEAP_MB = 1024;
/**
 * pdfjs allocates briskly: a larger young generation collects less often (64 MB: ~8% faster parses) but
 * each pdfjs thread then holds that much more; at 32 MB a batch with two workers peaks ~60 MB lower
 * (436 vs 495 MB on 300 generated PDFs), under the 500 MB a batch is meant to stay within.
 */
const WORKER_YOUNG_MB = 32;

const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
// pdfjs reports recoverable damage with console warnings; the CLI's stderr is one line of Chinese.
for (const level of ['log', 'info', 'warn', 'error', 'debug']) console[level] = () => {};
let pdfjs = null;
async function load() {
  // The legacy build's core-js replaces Array.prototype.push and JSON.parse/stringify with slower
  // spec-patching versions (for V8 edge cases pdfjs never hits); this thread only runs pdfjs, so the
  // natives go back once both halves of pdfjs (API and parser, which pdfjs finds via globalThis.pdfjsWorker)
  // are loaded. That makes parsing ~15% faster.
  const natives = [Array.prototype.push, JSON.parse, JSON.stringify];
  const api = await import(workerData.pdfjsUrl);
  const parser = await importParser();
  [Array.prototype.push, JSON.parse, JSON.stringify] = natives;
  speedUp(parser);
  return api;
}
// pdf.worker.mjs is one bundle whose classes are module-private. It is imported from its own source with
// the few classes speedUp() needs added to its exports; if that source no longer has them, or the import
// fails, the file is imported as it is and pdfjs simply runs unmodified.
const INTERNALS = ['CFFCompiler', 'OpenTypeFileBuilder', 'TextState'];
async function importParser() {
  const url = workerData.pdfjsWorkerUrl;
  try {
    const source = require('node:fs').readFileSync(new URL(url), 'utf8');
    const found = INTERNALS.filter((name) => new RegExp('^class ' + name + ' \\{', 'm').test(source));
    if (found.length > 0) {
      const exported = found.map((name) => name + ' as jixiao' + name).join(', ');
      const patched = source.replace(/^\/\/# sourceMappingURL=.*$/m, '') +
        '\nexport { ' + exported + ' };\n//# sourceURL=' + url + '\n';
      return await import('data:text/javascript;base64,' + Buffer.from(patched).toString('base64'));
    }
  } catch {}
  return await import(url);
}
// Two shortcuts for text extraction, each taken only if the internal it replaces is still there; together
// they take ~35% off a typical parse (LibreOffice output, measured with pdfjs-dist 5.6).
function speedUp(parser) {
  // Fonts: pdfjs rebuilds every embedded font program as an OpenType file for the renderer (CFF compile,
  // table serialisation, ~25% of a parse). Text needs only what pdfjs reads while parsing the program
  // (encoding, glyph names, widths), which still happens; only the rebuilt bytes are skipped, so a font
  // ends up without data, a state pdfjs already handles (a font it cannot load). Here that data would
  // only feed font loading in the API (off: disableFontFace) and glyph paths in getOperatorList, which
  // pdfjs skips for a font without data; neither affects text or the count of image operators.
  const compiler = parser.jixiaoCFFCompiler?.prototype;
  if (typeof compiler?.compile === 'function') compiler.compile = () => [];
  const builder = parser.jixiaoOpenTypeFileBuilder?.prototype;
  if (typeof builder?.toArray === 'function') builder.toArray = () => undefined;
  // Text state: each q operator clones it with Object.create(previous state), and an object used as a
  // prototype becomes slow for V8 (~10% of a parse). The same copy with the class's prototype instead,
  // swapped in only while clone() is exactly the version this copies.
  const TextState = parser.jixiaoTextState;
  const clone = TextState?.prototype.clone;
  const expected = 'clone() { const clone = Object.assign(Object.create(this), this); ' +
    'clone.textMatrix = this.textMatrix.slice(); clone.textLineMatrix = this.textLineMatrix.slice(); ' +
    'clone.fontMatrix = this.fontMatrix.slice(); return clone; }';
  if (typeof clone === 'function' && String(clone).replace(/\s+/g, ' ') === expected) {
    TextState.prototype.clone = function () {
      const copy = Object.assign(Object.create(TextState.prototype), this);
      copy.textMatrix = this.textMatrix.slice();
      copy.textLineMatrix = this.textLineMatrix.slice();
      copy.fontMatrix = this.fontMatrix.slice();
      return copy;
    };
  }
}
parentPort.on('message', async ({ id, data }) => {
  try {
    pdfjs ??= await load();
    parentPort.postMessage({ id, ok: true, result: await extract(data) });
  } catch (error) {
    parentPort.postMessage({ id, ok: false, name: String(error?.name ?? 'Error'), message: String(error?.message ?? error) });
  }
});
async function extract(data) {
  const task = pdfjs.getDocument({
    data,
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    cMapUrl: workerData.cMapDir,
    cMapPacked: true,
    standardFontDataUrl: workerData.fontDir,
    wasmUrl: workerData.wasmDir,
  });
  try {
    const doc = await task.promise;
    const pages = [];
    let imageSeen = false;
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const viewport = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const items = [];
      let chars = 0;
      for (const item of content.items) {
        if (typeof item.str !== 'string' || item.str === '') continue;
        const m = pdfjs.Util.transform(viewport.transform, item.transform);
        // Only text upright in the page as displayed: diagonal watermarks and rotated labels are not prose.
        if (!(m[0] > 0) || Math.abs(m[1]) > 0.1 * m[0]) continue;
        items.push({ str: item.str, x: m[4], y: viewport.height - m[5], width: item.width, size: Math.hypot(m[2], m[3]) });
        chars += item.str.replace(/\s+/g, '').length;
      }
      let images = 0;
      if (chars < ${SCARCE_TEXT} && !imageSeen) {
        const ops = await page.getOperatorList();
        const paints = new Set([pdfjs.OPS.paintImageXObject, pdfjs.OPS.paintInlineImageXObject,
          pdfjs.OPS.paintImageMaskXObject, pdfjs.OPS.paintImageXObjectRepeat, pdfjs.OPS.paintInlineImageXObjectGroup]);
        images = ops.fnArray.filter((fn) => paints.has(fn)).length;
        imageSeen = images > 0;
      }
      pages.push({ width: viewport.width, height: viewport.height, items, images });
      page.cleanup();
    }
    return { pages };
  } finally {
    await task.destroy();
  }
}
`;

interface WorkerData {
  pdfjsUrl: string;
  pdfjsWorkerUrl: string;
  cMapDir: string;
  fontDir: string;
  wasmDir: string;
}

let workerData: WorkerData | null = null;

/** pdfjs's module and its CMaps (needed for CJK fonts that are not embedded) resolved from node_modules. */
function resolvePdfjs(): WorkerData {
  if (workerData) return workerData;
  const entry = createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.mjs');
  const root = join(dirname(entry), '..', '..');
  workerData = {
    pdfjsUrl: pathToFileURL(entry).href,
    pdfjsWorkerUrl: pathToFileURL(join(dirname(entry), 'pdf.worker.mjs')).href,
    cMapDir: `${join(root, 'cmaps')}/`,
    fontDir: `${join(root, 'standard_fonts')}/`,
    wasmDir: `${join(root, 'wasm')}/`,
  };
  return workerData;
}

let idle: Worker | null = null;
let nextId = 1;

function takeWorker(): Worker {
  const worker =
    idle ??
    new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: resolvePdfjs(),
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
    });
  idle = null;
  worker.ref();
  return worker;
}

function release(worker: Worker): void {
  if (idle === null) {
    worker.unref();
    idle = worker;
  } else void worker.terminate();
}

/** Parses in a worker; rejects with PdfParseFailure, after terminating the worker on timeout or abort. */
export function parsePdf(bytes: Uint8Array, options: ParseOptions): Promise<RawPdf> {
  return new Promise<RawPdf>((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(options.signal.reason);
      return;
    }
    const worker = takeWorker();
    const id = nextId++;
    let settled = false;
    const finish = (outcome: () => void, keepWorker: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      if (keepWorker) release(worker);
      else void worker.terminate();
      outcome();
    };
    const onMessage = (message: WorkerReply) => {
      if (message.id !== id) return;
      if (message.ok) finish(() => resolve(message.result), true);
      else finish(() => reject(new PdfParseFailure(failureReason(message.name), message.message)), true);
    };
    const onError = (error: Error & { code?: string }) => {
      const reason = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'crashed';
      finish(() => reject(new PdfParseFailure(reason, error.message)), false);
    };
    const onExit = (code: number) => {
      finish(() => reject(new PdfParseFailure('crashed', `worker exited with code ${code}`)), false);
    };
    const onAbort = () => finish(() => reject(options.signal!.reason), false);
    const timer = setTimeout(() => {
      finish(() => reject(new PdfParseFailure('timeout', `no result after ${options.timeoutMs} ms`)), false);
    }, options.timeoutMs);
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    // A copy in its own ArrayBuffer, transferred: the caller's bytes stay usable and nothing is cloned
    // twice. (`bytes.slice()` would not do: on a Node Buffer, which is what a file read gives, it is a
    // view, and transferring its ArrayBuffer would detach the caller's bytes.)
    const data = new Uint8Array(bytes);
    worker.postMessage({ id, data }, [data.buffer]);
  });
}

type WorkerReply =
  | { id: number; ok: true; result: RawPdf }
  | { id: number; ok: false; name: string; message: string };

function failureReason(name: string): PdfParseFailure['reason'] {
  if (name === 'PasswordException') return 'password';
  if (name === 'InvalidPDFException') return 'invalid';
  return 'failed';
}
