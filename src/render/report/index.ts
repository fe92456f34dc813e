/**
 * `jixiao render`'s core: a validated SelfEvaluation → the report in each requested format, as bytes or
 * text. Pure apart from reading the chart font: files are written by the CLI, PDF conversion is the
 * pdf.ts adapter's job.
 */
import type { SelfEvaluation } from '../../model/schema.ts';
import { chartPng, chartSvg } from './charts.ts';
import { buildReport, type ReportDocument } from './document.ts';
import { renderDocx } from './docx.ts';
import { renderHtml } from './html.ts';
import { renderMarkdown } from './markdown.ts';
import { renderXlsx } from './xlsx.ts';

export type ReportFormat = 'docx' | 'xlsx' | 'html' | 'md';

export interface RenderedReport {
  docx?: Buffer;
  xlsx?: Buffer;
  html?: string;
  md?: string;
}

function chartSvgs(report: ReportDocument): string[] {
  return report.blocks.flatMap((b) => (b.type === 'chart' ? [chartSvg(b.chart)] : []));
}

export async function docxFromModel(model: SelfEvaluation, report = buildReport(model)): Promise<Buffer> {
  const specs = report.blocks.flatMap((b) => (b.type === 'chart' ? [b.chart] : []));
  const pngs = await Promise.all(specs.map((spec) => chartPng(spec)));
  return renderDocx(report, pngs);
}

export interface RenderReportOptions {
  /** Draw the charts (the default); without them the documents are written in a fraction of the time. */
  charts?: boolean;
}

export async function renderReport(
  model: SelfEvaluation,
  formats: ReadonlySet<ReportFormat>,
  options: RenderReportOptions = {},
): Promise<RenderedReport> {
  const built = buildReport(model);
  const report =
    options.charts === false ? { ...built, blocks: built.blocks.filter((b) => b.type !== 'chart') } : built;
  const out: RenderedReport = {};
  const svgs = formats.has('html') || formats.has('md') ? chartSvgs(report) : [];
  if (formats.has('docx')) out.docx = await docxFromModel(model, report);
  if (formats.has('xlsx')) out.xlsx = await renderXlsx(model);
  if (formats.has('html')) out.html = renderHtml(report, svgs);
  if (formats.has('md')) out.md = renderMarkdown(report, svgs);
  return out;
}

export { buildReport } from './document.ts';
