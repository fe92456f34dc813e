/**
 * The generated report as blocks whose planted defects are spans inside each block's own text, and the
 * plain-text rendering that turns those into offsets into the whole text. The same blocks become the
 * renderer's ReportDocument (DOCX, HTML, PDF), where the spans are found again in the decoded text.
 */
import type { ReportDocument } from '../render/report/document.ts';

export interface Mark {
  rule: string;
  start: number;
  end: number;
  /** What was planted, for a reader of the manifest. */
  note: string;
}

export interface HeadingBlock {
  type: 'heading';
  level: 1 | 2 | 3;
  number: string;
  title: string;
  marks: Mark[];
}

export interface ParagraphBlock {
  type: 'paragraph';
  text: string;
  marks: Mark[];
}

export interface TableBlock {
  type: 'table';
  caption: string;
  header: string[];
  rows: string[][];
  /** Marks on cells: offsets inside the cell's text. */
  cellMarks: { row: number; col: number; mark: Mark }[];
}

export type Block = HeadingBlock | ParagraphBlock | TableBlock;

export interface GeneratedDoc {
  title: string;
  blocks: Block[];
}

/** A planted defect as an offset range into a text. */
export interface PlacedDefect {
  rule: string;
  start: number;
  end: number;
  quote: string;
  note: string;
  page?: number;
}

/** Builds one paragraph's text, remembering where the marked pieces are. */
export class Line {
  text = '';
  readonly marks: Mark[] = [];

  add(piece: string): this {
    this.text += piece;
    return this;
  }

  /** Appends `piece` and marks it. */
  mark(rule: string, piece: string, note: string): this {
    const start = this.text.length;
    this.text += piece;
    this.marks.push({ rule, start, end: this.text.length, note });
    return this;
  }

  markRange(rule: string, start: number, end: number, note: string): this {
    this.marks.push({ rule, start, end, note });
    return this;
  }

  block(): ParagraphBlock {
    return { type: 'paragraph', text: this.text, marks: this.marks };
  }
}

export function headingText(block: HeadingBlock): string {
  return `${block.number}${block.title}`;
}

export function tableLines(block: TableBlock): string[] {
  return [block.caption, block.header.join('\t'), ...block.rows.map((row) => row.join('\t'))];
}

/** Plain text (the TXT format) and every mark as an offset into it. */
export function plainText(doc: GeneratedDoc): { text: string; defects: PlacedDefect[] } {
  const lines: string[] = [doc.title];
  let offset = doc.title.length + 1;
  const defects: PlacedDefect[] = [];
  const place = (base: number, mark: Mark, source: string) => {
    defects.push({
      rule: mark.rule,
      start: base + mark.start,
      end: base + mark.end,
      quote: source.slice(mark.start, mark.end),
      note: mark.note,
    });
  };
  const push = (line: string) => {
    lines.push(line);
    offset += line.length + 1;
  };
  for (const block of doc.blocks) {
    if (block.type === 'heading') {
      const text = headingText(block);
      for (const mark of block.marks) place(offset, mark, text);
      push(text);
    } else if (block.type === 'paragraph') {
      for (const mark of block.marks) place(offset, mark, block.text);
      for (const line of block.text.split('\n')) push(line);
    } else {
      push(block.caption);
      push(block.header.join('\t'));
      block.rows.forEach((row, r) => {
        let cellStart = offset;
        row.forEach((cell, c) => {
          for (const m of block.cellMarks) {
            if (m.row === r && m.col === c) place(cellStart, m.mark, cell);
          }
          cellStart += cell.length + 1;
        });
        push(row.join('\t'));
      });
    }
  }
  defects.sort((a, b) => a.start - b.start);
  return { text: `${lines.join('\n')}\n`, defects };
}

/** The renderer's document: the same headings, paragraphs and tables. */
export function reportDocument(doc: GeneratedDoc, unit: string, year: number): ReportDocument {
  return {
    title: doc.title,
    titleLines: [doc.title],
    unit,
    year,
    blocks: doc.blocks.flatMap((block): ReportDocument['blocks'] => {
      if (block.type === 'heading') {
        return [{ type: 'heading', level: block.level, number: block.number, text: block.title }];
      }
      if (block.type === 'paragraph') {
        return block.text
          .split('\n')
          .map((text) => ({ type: 'paragraph' as const, text, placeholder: false }));
      }
      return [
        {
          type: 'table' as const,
          caption: block.caption,
          table: {
            header: block.header,
            rows: block.rows,
            numeric: block.header.map((_, i) => i > 0),
            mergeColumns: [],
            widths: block.header.map((_, i) => (i === 0 ? 3 : 2)),
          },
        },
      ];
    }),
  };
}
