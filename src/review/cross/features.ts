/**
 * One report → its CrossRecord: the unit, region and year from the model, the figures the cross rules
 * compare (with the place each is stated), and a MinHash signature per prose paragraph.
 */
import crossData from '../../../data/cross/figures.json' with { type: 'json' };
import type { Section } from '../../extract/types.ts';
import type { Provenance } from '../../model/from-report.ts';
import type { SelfEvaluation } from '../../model/schema.ts';
import { SIGNATURE_LENGTH, signInto } from './minhash.ts';
import type { CrossFigure, CrossRecord } from './types.ts';

/**
 * Shorter lines are headings, captions and stock phrases (本年度无其他需要说明的事项。, 严格落实中央八项规定精神…):
 * nothing worth comparing, and not signing them keeps a 10,000-report batch's records a third smaller.
 */
export const PARAGRAPH_MIN = 50;

/** The first administrative division in a unit's name (开福区教育局 → 开福区) stands for its region. */
const REGION_PREFIX = /^(.{2,}?(?:自治区|自治州|省|市|州|盟|区|县|旗))/u;

export interface RecordInput {
  file: string;
  text: string;
  model: SelfEvaluation | null;
  provenance: Record<string, Provenance>;
  /** The report's sections: paragraphs under a mandate heading (职能职责…) are not signed. */
  sections?: readonly Section[];
  /** Used when the model names no region and the unit's name starts with none (the file's folder). */
  fallbackRegion?: string | null;
}

export function crossRecord(input: RecordInput): CrossRecord {
  const skipped = mandateRanges(input.sections ?? []);
  const paragraphs = proseParagraphs(input.text).filter(
    (p) => !skipped.some((r) => p.start >= r.start && p.start < r.end),
  );
  const signatures = new Uint32Array(paragraphs.length * SIGNATURE_LENGTH);
  const offsets = new Uint32Array(paragraphs.length * 2);
  paragraphs.forEach((p, i) => {
    signInto(input.text, p.start, p.end, signatures, i * SIGNATURE_LENGTH);
    offsets[2 * i] = p.start;
    offsets[2 * i + 1] = p.end;
  });
  const unit = input.model?.unit.name ?? null;
  return {
    file: input.file,
    unit,
    region: input.model?.unit.region ?? regionOf(unit) ?? input.fallbackRegion ?? null,
    year: input.model?.fiscalYear ?? null,
    paragraphs: offsets,
    signatures,
    figures: input.model ? figuresOf(input.model, input.provenance) : {},
  };
}

export function regionOf(unit: string | null): string | null {
  return unit ? (REGION_PREFIX.exec(unit)?.[1] ?? null) : null;
}

/** Lines of prose (no tab: table rows are figures, compared as figures), trimmed, at least PARAGRAPH_MIN long. */
export function proseParagraphs(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let start = lineStart;
    let end = lineEnd;
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    if (end - start >= PARAGRAPH_MIN && !hasTab(text, start, end)) {
      out.push({ start, end });
    }
    lineStart = lineEnd + 1;
  }
  return out;
}

function hasTab(text: string, start: number, end: number): boolean {
  const at = text.indexOf('\t', start);
  return at >= 0 && at < end;
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0d || code === 0x3000 || code === 0xa0;
}

function figuresOf(
  model: SelfEvaluation,
  provenance: Record<string, Provenance>,
): Record<string, CrossFigure> {
  const out: Record<string, CrossFigure> = {};
  for (const figure of crossData.figures) {
    const value = valueAt(model, figure.pointer);
    const place = provenance[figure.pointer];
    if (typeof value === 'number' && place) out[figure.id] = { value, start: place.start, end: place.end };
  }
  return out;
}

function valueAt(model: unknown, pointer: string): unknown {
  let node: unknown = model;
  for (const key of pointer.split('/').slice(1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * Sections that restate a unit's official mandate (职能职责, 机构设置: copied from its 三定方案) read the
 * same in every unit of a kind: sameness there is expected, not copying.
 */
function mandateRanges(sections: readonly Section[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const visit = (list: readonly Section[]) => {
    for (const s of list) {
      // A short heading ending in 职能 (部门职能) is a mandate; 提升履职能力 merely contains the word.
      const title = s.title.replace(/[：:。]$/, '');
      const mandate =
        title.length <= crossData.mandateTitleMax && crossData.mandateSections.some((w) => title.endsWith(w));
      if (mandate) out.push(s);
      else visit(s.children);
    }
  };
  visit(sections);
  return out;
}
