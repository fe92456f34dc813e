/**
 * The report as a format-neutral list of blocks: the outline's sections in order, each written from the
 * wording file, with tables and charts where the wording places them. DOCX, HTML and Markdown render this
 * one structure, so the sentences, numbering and placeholders are the same in every format.
 */
import type { SelfEvaluation } from '../../model/schema.ts';
import { DEFAULT_OUTLINE_ID, getOutline, type OutlineSection } from '../../review/outlines.ts';
import { type ChartSpec, chartSpec } from './charts.ts';
import { type ReportTable, tableFor } from './tables.ts';
import { modelVars } from './vars.ts';
import {
  type ChartBlock,
  fillOrEmpty,
  getWording,
  type SectionWording,
  type TableBlock,
  type TextParagraph,
  type Vars,
  type Wording,
  writeParagraph,
} from './wording.ts';

export type ReportBlock =
  | { type: 'heading'; level: 1 | 2 | 3; number: string; text: string }
  | { type: 'paragraph'; text: string; placeholder: boolean }
  | { type: 'table'; caption: string; table: ReportTable }
  | { type: 'chart'; caption: string; chart: ChartSpec };

export interface ReportDocument {
  title: string;
  /** The title split where the words allow, for a layout where it does not fit on one line. */
  titleLines: string[];
  unit: string;
  year: number;
  blocks: ReportBlock[];
}

export interface BuildOptions {
  outline?: string;
}

const LEVEL1_NUMBERS = '一二三四五六七八九十';

/** 一、 / （一） / 1． by heading level. */
export function headingNumber(level: number, ordinal: number): string {
  if (level === 1) return `${chineseNumeral(ordinal)}、`;
  if (level === 2) return `（${chineseNumeral(ordinal)}）`;
  return `${ordinal}．`;
}

function chineseNumeral(n: number): string {
  if (n <= 10) return LEVEL1_NUMBERS[n - 1]!;
  if (n < 20) return `十${LEVEL1_NUMBERS[n - 11] ?? ''}`;
  return String(n);
}

export function buildReport(model: SelfEvaluation, options: BuildOptions = {}): ReportDocument {
  const outlineId = options.outline ?? DEFAULT_OUTLINE_ID;
  const outline = getOutline(outlineId);
  const wording = getWording(outlineId);
  if (!outline || !wording) throw new Error(`no outline or wording for ${outlineId}`);
  const vars = modelVars(model, wording);
  const writer = new Writer(model, wording, vars);
  outline.sections.forEach((section, i) => {
    writer.section(section, 1, i + 1);
  });
  return {
    title: fillOrEmpty(wording.title, vars),
    titleLines: wording.titleLines.map((line) => fillOrEmpty(line, vars)),
    unit: model.unit.name,
    year: model.fiscalYear,
    blocks: writer.blocks,
  };
}

class Writer {
  readonly blocks: ReportBlock[] = [];
  private tables = 0;
  private charts = 0;

  constructor(
    private readonly model: SelfEvaluation,
    private readonly wording: Wording,
    private readonly vars: Vars,
  ) {}

  section(section: OutlineSection, level: 1 | 2 | 3, ordinal: number): void {
    this.blocks.push({ type: 'heading', level, number: headingNumber(level, ordinal), text: section.title });
    const wording = this.wording.sections[section.key] ?? { fields: [], paragraphs: [] };
    const children = section.children ?? [];
    const wrote = this.body(wording);
    // A parent with sub-sections is written through them; any other section must say something.
    if (!wrote && children.length === 0) this.placeholder(wording.fields);
    children.forEach((child, i) => {
      this.section(child, Math.min(3, level + 1) as 2 | 3, i + 1);
    });
  }

  /** Whether any block carrying data was written. */
  private body(section: SectionWording): boolean {
    let wrote = false;
    for (const block of section.paragraphs) {
      if ('table' in block) wrote = this.table(block) || wrote;
      else if ('chart' in block) this.chart(block);
      else wrote = this.text(block) || wrote;
    }
    return wrote;
  }

  private text(block: TextParagraph): boolean {
    const paragraphs = writeParagraph(block, this.vars);
    for (const text of paragraphs) this.blocks.push({ type: 'paragraph', text, placeholder: false });
    return paragraphs.length > 0;
  }

  private table(block: TableBlock): boolean {
    const table = tableFor(block.table, this.model);
    if (!table) {
      // A required table's placeholder already marks the section as unfinished.
      if (block.required) this.placeholder(block.fields ?? []);
      return block.required === true;
    }
    this.tables++;
    const key = block.table === 'budget' ? 'budgetTable' : 'indicatorTable';
    this.blocks.push({ type: 'table', caption: this.caption(key, this.tables), table });
    return true;
  }

  private chart(block: ChartBlock): void {
    const spec = chartSpec(block.chart, this.model);
    if (!spec) return;
    this.charts++;
    const key = `${block.chart}Chart` === 'scoresChart' ? 'scoreChart' : `${block.chart}Chart`;
    this.blocks.push({ type: 'chart', caption: this.caption(key, this.charts), chart: spec });
  }

  private caption(key: string, n: number): string {
    return fillOrEmpty(this.wording.captions[key] ?? '', { ...this.vars, n: String(n) });
  }

  private placeholder(fields: string[]): void {
    const text = fillOrEmpty(this.wording.placeholder, { fields: fields.join('、') || '—' });
    this.blocks.push({ type: 'paragraph', text, placeholder: true });
  }
}
