/** `jixiao render` itself, loaded only when the command runs. */
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { JixiaoError } from '../../errors.ts';
import { extract } from '../../extract/index.ts';
import { loadDocument } from '../../ingest/load.ts';
import { buildModel } from '../../model/from-report.ts';
import type { SelfEvaluation } from '../../model/schema.ts';
import { validateModel } from '../../model/validate.ts';
import type { ReportFormat } from '../../render/report/index.ts';
import { EXIT } from '../errors.ts';
import { modelFromJson } from './score-run.ts';

export interface RenderOptions {
  docx?: string;
  xlsx?: string;
  pdf?: string;
  html?: string;
  md?: string;
  charts?: boolean;
}

const OUTPUTS = ['docx', 'xlsx', 'pdf', 'html', 'md'] as const;

export async function runRender(file: string, options: RenderOptions): Promise<number> {
  const targets = OUTPUTS.filter((format) => options[format] !== undefined);
  if (targets.length === 0) {
    throw new JixiaoError('JX_USAGE', {
      detail: '请至少指定一种输出：--docx、--xlsx、--pdf、--html 或 --md',
    });
  }
  const model = await loadModel(file);
  // The PDF is LibreOffice's rendering of the DOCX.
  const formats = new Set<ReportFormat>(targets.map((t) => (t === 'pdf' ? 'docx' : t)));
  // Imported on demand: docx, ECharts, Skia (@napi-rs/canvas) and exceljs cost more to load than most commands take.
  const { renderReport } = await import('../../render/report/index.ts');
  const rendered = await renderReport(model, formats, { charts: options.charts !== false });
  const pdf = options.pdf
    ? await (await import('../../render/report/pdf.ts')).docxToPdf(rendered.docx!, options.pdf)
    : undefined;
  const contents: Record<(typeof OUTPUTS)[number], Buffer | string | undefined> = {
    docx: options.docx ? rendered.docx : undefined,
    xlsx: rendered.xlsx,
    pdf,
    html: rendered.html,
    md: rendered.md,
  };
  for (const format of targets) await writeAtomically(options[format]!, contents[format]!);
  return EXIT.ok;
}

async function loadModel(file: string): Promise<SelfEvaluation> {
  const document = await loadDocument(file);
  if (extname(file).toLowerCase() === '.json') return modelFromJson(document.text, file);
  const { model } = buildModel(extract(document.text), { indicators: document.indicators ?? [] });
  // A report is what it is: its inconsistencies are said, and the report is written from it as read.
  const checked = validateModel(model);
  if (!checked.ok) {
    for (const issue of checked.issues)
      process.stderr.write(`jixiao：警告：报告中的数字不一致：${issue.message}\n`);
  }
  return model;
}

/** Temp file in the target's directory (same file system, so the rename is atomic), then rename. */
async function writeAtomically(path: string, content: Buffer | string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temp, content);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new JixiaoError('JX_WRITE_FAILED', { reason, file: path });
  }
}
