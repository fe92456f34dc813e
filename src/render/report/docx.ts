/**
 * DOCX in the official layout of GB/T 9704 (data/layout/gbt9704.json): A4 with 37/35/28/26 mm margins, a
 * 22-line × 28-character grid, 方正小标宋 title, 黑体/楷体/仿宋 heading levels, 仿宋 三号 body, and page numbers
 * "— 1 —" in 宋体 四号, odd pages right and even pages left. Tables carry their caption above, charts below
 * (the Chinese convention). Pure: returns the file's bytes.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  DocumentGridType,
  Footer,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import layout from '../../../data/layout/gbt9704.json' with { type: 'json' };
import { CHART_SIZE } from './charts.ts';
import type { ReportBlock, ReportDocument } from './document.ts';
import { mergeSpans, type ReportTable } from './tables.ts';

type FontRole = 'title' | 'heading1' | 'heading2' | 'heading3' | 'body' | 'table' | 'caption' | 'pageNumber';

const MM_TO_TWIP = 1440 / 25.4;
const twips = (mm: number) => Math.round(mm * MM_TO_TWIP);
const LINE_PITCH = Math.round(layout.grid.linePitchPt * 20);
const BODY_SIZE_PT = layout.fonts.body.sizePt;
/** Two characters of 三号: the first-line indent of every body paragraph and heading. */
const INDENT_2_CHARS = BODY_SIZE_PT * 2 * 20;
const TEXT_WIDTH_MM = layout.page.widthMm - layout.page.marginsMm.left - layout.page.marginsMm.right;
/** Chart width on the page in CSS pixels (docx sizes images at 96 dpi). */
const CHART_WIDTH_PX = Math.round((TEXT_WIDTH_MM / 25.4) * 96 * 0.95);

function runFont(role: FontRole) {
  const spec = layout.fonts[role];
  return {
    font: { ascii: spec.name, hAnsi: spec.name, eastAsia: spec.name, cs: spec.name },
    size: spec.sizePt * 2,
    bold: spec.bold,
  };
}

function run(text: string, role: FontRole, extra: { color?: string } = {}): TextRun {
  return new TextRun({ text, ...runFont(role), ...extra, language: { eastAsia: 'zh-CN' } });
}

const exactLine = { line: LINE_PITCH, lineRule: LineRuleType.EXACT };

/** Characters of 2号 that fit the type area's width. */
const TITLE_CHARS = Math.floor(((TEXT_WIDTH_MM / 25.4) * 72) / layout.fonts.title.sizePt);

/**
 * One line when it fits; otherwise the wording's own lines (unit name, then the rest), never a break in the
 * middle of a word (GB/T 9704 §7.3.1). Each line is its own paragraph, so every reader sees the unit
 * name as a whole first line.
 */
function title(report: ReportDocument): Paragraph[] {
  const lines = report.title.length <= TITLE_CHARS ? [report.title] : report.titleLines;
  return lines.map(
    (text, i) =>
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: {
          line: Math.round(LINE_PITCH * 1.2),
          lineRule: LineRuleType.EXACT,
          after: i === lines.length - 1 ? LINE_PITCH : 0,
        },
        children: [run(text, 'title')],
      }),
  );
}

function heading(block: Extract<ReportBlock, { type: 'heading' }>): Paragraph {
  const role = `heading${block.level}` as const;
  return new Paragraph({
    spacing: exactLine,
    indent: { firstLine: INDENT_2_CHARS },
    keepNext: true,
    outlineLevel: block.level - 1,
    children: [run(`${block.number}${block.text}`, role)],
  });
}

function paragraph(text: string, placeholder: boolean): Paragraph {
  return new Paragraph({
    spacing: exactLine,
    indent: { firstLine: INDENT_2_CHARS },
    alignment: AlignmentType.JUSTIFIED,
    children: [run(text, 'body', placeholder ? { color: layout.fonts.placeholder.color } : {})],
  });
}

function caption(text: string, where: 'above' | 'below'): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    keepNext: where === 'above',
    spacing: { before: where === 'above' ? 120 : 0, after: where === 'below' ? 160 : 60 },
    children: [run(text, 'caption')],
  });
}

const CELL_BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: CELL_BORDER, bottom: CELL_BORDER, left: CELL_BORDER, right: CELL_BORDER };

function cell(text: string, opts: { header: boolean; numeric: boolean; width: number; rowSpan: number }) {
  return new TableCell({
    borders: BORDERS,
    rowSpan: opts.rowSpan > 1 ? opts.rowSpan : undefined,
    verticalAlign: VerticalAlignTable.CENTER,
    width: { size: opts.width, type: WidthType.PERCENTAGE },
    shading: opts.header ? { type: ShadingType.CLEAR, fill: 'E7E6E6', color: 'auto' } : undefined,
    margins: { left: 60, right: 60, top: 30, bottom: 30 },
    children: [
      new Paragraph({
        alignment: opts.header
          ? AlignmentType.CENTER
          : opts.numeric
            ? AlignmentType.RIGHT
            : AlignmentType.LEFT,
        children: [run(text, opts.header ? 'caption' : 'table')],
      }),
    ],
  });
}

function table(t: ReportTable): Table {
  const total = t.widths.reduce((a, b) => a + b, 0);
  const widths = t.widths.map((w) => (w / total) * 100);
  const spans = mergeSpans(t);
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: t.header.map((h, i) =>
      cell(h, { header: true, numeric: false, width: widths[i]!, rowSpan: 1 }),
    ),
  });
  const rows = t.rows.map(
    (row, r) =>
      new TableRow({
        cantSplit: true,
        children: row.flatMap((text, c) =>
          spans[r]![c] === 0
            ? []
            : [
                cell(text, {
                  header: false,
                  numeric: t.numeric[c]!,
                  width: widths[c]!,
                  rowSpan: spans[r]![c]!,
                }),
              ],
        ),
      }),
  );
  return new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows: [header, ...rows] });
}

function chart(png: Buffer): Paragraph {
  const height = Math.round((CHART_WIDTH_PX * CHART_SIZE.height) / CHART_SIZE.width);
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    keepNext: true,
    children: [new ImageRun({ type: 'png', data: png, transformation: { width: CHART_WIDTH_PX, height } })],
  });
}

/** "— 1 —": odd pages at the right, even pages at the left, one character in from the edge. */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const { before, after } = layout.pageNumber;
  const indent = layout.fonts.pageNumber.sizePt * 20;
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: indent } : { left: indent },
        children: [new TextRun({ children: [before, PageNumber.CURRENT, after], ...runFont('pageNumber') })],
      }),
    ],
  });
}

/** `charts` holds one PNG per chart block, in document order. */
export async function renderDocx(report: ReportDocument, charts: readonly Buffer[]): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [...title(report)];
  let chartIndex = 0;
  for (const block of report.blocks) {
    if (block.type === 'heading') children.push(heading(block));
    else if (block.type === 'paragraph') children.push(paragraph(block.text, block.placeholder));
    else if (block.type === 'table') {
      children.push(caption(block.caption, 'above'), table(block.table), caption('', 'below'));
    } else {
      const png = charts[chartIndex++];
      if (png) children.push(chart(png), caption(block.caption, 'below'));
    }
  }
  const { marginsMm } = layout.page;
  const doc = new Document({
    creator: 'jixiao',
    title: report.title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: { run: { ...runFont('body'), language: { eastAsia: 'zh-CN' } } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: twips(layout.page.widthMm), height: twips(layout.page.heightMm) },
            margin: {
              top: twips(marginsMm.top),
              bottom: twips(marginsMm.bottom),
              left: twips(marginsMm.left),
              right: twips(marginsMm.right),
              footer: twips(marginsMm.bottom - 7 - 5),
            },
          },
          grid: { type: DocumentGridType.LINES_AND_CHARS, linePitch: LINE_PITCH, charSpace: 0 },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
