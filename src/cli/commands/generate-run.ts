/** `jixiao generate` itself, loaded only when the command runs (it renders reports: zod, docx, pdf…). */ import {
  mkdir,
  mkdtemp,
  readFile,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pkg from '../../../package.json' with { type: 'json' };
import { JixiaoError } from '../../errors.ts';
import { type CorpusEntry, type CrossMark, generateCorpus } from '../../generate/corpus.ts';
import { type PlacedDefect, reportDocument } from '../../generate/doc.ts';
import { locateDefects } from '../../generate/locate.ts';
import { loadBytes } from '../../ingest/load.ts';
import { pageAt } from '../../ingest/pages.ts';
import { EXIT } from '../errors.ts';
import { GENERATE_FORMATS, type GenerateFormat } from './generate.ts';

export interface GenerateOptions {
  count: string;
  seed: string;
  formats: string;
  out: string;
  defects: string;
}

export interface ManifestFile {
  path: string;
  format: GenerateFormat;
  unit: string;
  unitId: string;
  region: string;
  year: number;
  defects: PlacedDefect[];
  /** Planted defects whose words the decoded file does not contain as written (not to be scored). */
  unlocated: PlacedDefect[];
  cross: CrossMark[];
}

export interface Manifest {
  generator: { version: string; seed: number; count: number; defectRate: number; formats: GenerateFormat[] };
  files: ManifestFile[];
  /** Cross-report defects: each group lists the files that share it. */
  cross: { rule: CrossMark['rule']; group: string; note: string; files: string[] }[];
}

/** PDFs are converted this many at a time, in two LibreOffice processes (the machine's cores). */
const PDF_CHUNK = 40;

function parseOptions(options: GenerateOptions) {
  const count = Number(options.count);
  if (!Number.isInteger(count) || count < 1 || count > 1_000_000) {
    throw new JixiaoError('JX_USAGE', {
      detail: `--count 应为 1 到 1000000 之间的整数，收到“${options.count}”`,
    });
  }
  const seed = Number(options.seed);
  if (!Number.isInteger(seed) || seed < 0) {
    throw new JixiaoError('JX_USAGE', { detail: `--seed 应为非负整数，收到“${options.seed}”` });
  }
  const defectRate = Number(options.defects);
  if (!Number.isFinite(defectRate) || defectRate < 0 || defectRate > 1) {
    throw new JixiaoError('JX_USAGE', {
      detail: `--defects 应为 0 到 1 之间的小数，收到“${options.defects}”`,
    });
  }
  const formats = [
    ...new Set(
      options.formats
        .split(',')
        .map((f) => f.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  const unknown = formats.filter((f) => !(GENERATE_FORMATS as readonly string[]).includes(f));
  if (formats.length === 0 || unknown.length > 0) {
    throw new JixiaoError('JX_USAGE', {
      detail: `--formats 中有不支持的格式“${unknown.join('、') || options.formats}”，可选：${GENERATE_FORMATS.join('、')}`,
    });
  }
  return { count, seed, defectRate, formats: formats as GenerateFormat[] };
}

export async function runGenerate(options: GenerateOptions): Promise<number> {
  const { count, seed, defectRate, formats } = parseOptions(options);
  await mkdir(options.out, { recursive: true });
  const manifest: Manifest = {
    generator: { version: pkg.version, seed, count, defectRate, formats },
    files: [],
    cross: [],
  };
  const { renderDocx } = await import('../../render/report/docx.ts');
  const { renderHtml } = await import('../../render/report/html.ts');
  const { renderXlsx } = await import('../../render/report/xlsx.ts');
  const pdfQueue: { entry: CorpusEntry; docx: Buffer }[] = [];
  // One chunk converts in LibreOffice while the next is generated and rendered: the two overlap
  // instead of taking turns (at most two chunks' DOCX in memory).
  let converting: Promise<void> = Promise.resolve();
  const flushPdfs = async () => {
    if (pdfQueue.length === 0) return;
    const chunk = pdfQueue.splice(0);
    await converting;
    converting = writePdfs(chunk, options.out).then((files) => {
      manifest.files.push(...files);
    });
    // Handled when awaited at the next flush or the end; this keeps a failure from being "unhandled" meanwhile.
    converting.catch(() => {});
  };
  for (const entry of generateCorpus({ count, seed, defectRate })) {
    const doc = reportDocument(entry.report.doc, entry.unit.name, entry.year);
    let docx: Buffer | undefined;
    for (const format of formats) {
      if (format === 'txt') {
        manifest.files.push(await writeFor(options.out, entry, 'txt', Buffer.from(entry.text, 'utf8')));
        continue;
      }
      if (format === 'docx' || format === 'pdf') docx ??= await renderDocx(doc, []);
      if (format === 'pdf') {
        pdfQueue.push({ entry, docx: docx! });
        continue;
      }
      const bytes =
        format === 'docx'
          ? docx!
          : format === 'xlsx'
            ? await renderXlsx(entry.report.model)
            : Buffer.from(renderHtml(doc, []), 'utf8');
      manifest.files.push(await writeFor(options.out, entry, format, bytes));
    }
    if (pdfQueue.length >= PDF_CHUNK) await flushPdfs();
  }
  await flushPdfs();
  await converting;
  manifest.cross = crossGroups(manifest.files);
  await writeFile(join(options.out, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
  process.stderr.write(
    `已生成 ${manifest.files.length} 个文件（${count} 份报告），清单：${join(options.out, 'manifest.json')}\n`,
  );
  return EXIT.ok;
}

function fileName(entry: CorpusEntry, format: GenerateFormat): string {
  return `${entry.id}.${format}`;
}

async function writeFor(
  out: string,
  entry: CorpusEntry,
  format: GenerateFormat,
  bytes: Buffer,
): Promise<ManifestFile> {
  const path = fileName(entry, format);
  await writeFile(join(out, path), bytes);
  return describe(entry, format, path, format === 'txt' ? null : bytes);
}

/**
 * The manifest line for one file; `bytes` (every format but TXT) is read back with jixiao's own ingest so
 * the offsets are into the text jixiao sees.
 */
async function describe(
  entry: CorpusEntry,
  format: GenerateFormat,
  path: string,
  bytes: Buffer | null,
): Promise<ManifestFile> {
  const base = {
    path,
    format,
    unit: entry.unit.name,
    unitId: entry.unit.id,
    region: entry.unit.regionName,
    year: entry.year,
  };
  if (bytes === null) return { ...base, defects: entry.defects, unlocated: [], cross: entry.cross };
  const loaded = await loadBytes(bytes, path);
  const { defects, unlocated } = locateDefects(entry.text, entry.defects, loaded.text);
  const spanned = entry.cross.filter((c) => c.start !== undefined);
  const crossFound = locateDefects(
    entry.text,
    spanned.map((c) => ({ rule: c.rule, start: c.start!, end: c.end!, quote: c.quote!, note: c.note })),
    loaded.text,
  ).defects;
  // A shared or reused passage is a cross-report defect only where the file holds its text (not a 自评表).
  const cross = entry.cross.flatMap((c) => {
    if (c.start === undefined) return [c];
    const hit = crossFound.find((d) => d.rule === c.rule && d.note === c.note);
    return hit ? [{ ...c, start: hit.start, end: hit.end, quote: hit.quote }] : [];
  });
  const withPage = (d: PlacedDefect): PlacedDefect => {
    const page = loaded.pages ? pageAt(loaded.pages, d.start) : undefined;
    return page === undefined ? d : { ...d, page };
  };
  return { ...base, defects: defects.map(withPage), unlocated, cross };
}

async function writePdfs(
  queue: { entry: CorpusEntry; docx: Buffer }[],
  out: string,
): Promise<ManifestFile[]> {
  const { docxFilesToPdf } = await import('../../render/report/pdf.ts');
  const dir = await mkdtemp(join(tmpdir(), 'jixiao-generate-'));
  try {
    const inputs: string[] = [];
    for (const { entry, docx } of queue) {
      const input = join(dir, `${entry.id}.docx`);
      await writeFile(input, docx);
      inputs.push(input);
    }
    const half = Math.ceil(inputs.length / 2);
    const failed = (
      await Promise.all([docxFilesToPdf(inputs.slice(0, half), out), docxFilesToPdf(inputs.slice(half), out)])
    ).flat();
    if (failed.length > 0) {
      throw new JixiaoError('JX_PDF_FAILED', { reason: `${failed.length} 份报告没有生成 PDF`, file: out });
    }
    const files: ManifestFile[] = [];
    for (const { entry } of queue) {
      const path = fileName(entry, 'pdf');
      files.push(await describe(entry, 'pdf', path, await readFile(join(out, path))));
    }
    return files;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Cross-report defects by group. A passage pasted into one unit's report only is no cross-report
 * defect: such marks are dropped from the files as well.
 */
function crossGroups(files: ManifestFile[]): Manifest['cross'] {
  const groups = new Map<string, Manifest['cross'][number] & { units: Set<string> }>();
  const keyOf = (c: CrossMark) => `${c.rule}\u0000${c.group}`;
  for (const file of files) {
    for (const c of file.cross) {
      const group = groups.get(keyOf(c)) ?? {
        rule: c.rule,
        group: c.group,
        note: c.note,
        files: [],
        units: new Set(),
      };
      group.files.push(file.path);
      if (c.previous) group.files.push(`${c.previous}.${file.format}`);
      group.units.add(file.unitId);
      groups.set(keyOf(c), group);
    }
  }
  const lone = (c: CrossMark) =>
    c.rule === 'duplicate-passage-across' && groups.get(keyOf(c))!.units.size < 2;
  for (const file of files) file.cross = file.cross.filter((c) => !lone(c));
  return [...groups.values()]
    .filter((g) => g.rule !== 'duplicate-passage-across' || g.units.size >= 2)
    .map(({ units: _, ...group }) => group);
}
