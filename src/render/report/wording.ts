/**
 * Wording templates (data/wording/<outline-id>.json): how each outline section is written from the model's
 * figures. The file is data so that a province's wording is a new file, not new code; this module only
 * checks its shape and fills its templates. A template names variables as `{name}`; a variable without a
 * value (null, empty) makes the fragment that names it unwritable, never a guessed word.
 */
import hunanDeptOverall2020 from '../../../data/wording/hunan-dept-overall-2020.json' with { type: 'json' };

export interface TextParagraph {
  /** Fragments; each is written only when every variable it names has a value. */
  parts: string[];
  sep?: string;
  end?: string;
  /** How many leading fragments must be written for the paragraph to be written (default 1). */
  lead?: number;
  /** One paragraph per item of this list variable; `{index}` is the 1-based item number. */
  each?: string;
  /** The last item's fragments, when it ends differently (；between items, 。 after the last). */
  lastParts?: string[];
  /** Written only when this variable is true (a stated zero: 本年度无政府性基金预算支出). */
  when?: string;
}

export interface TableBlock {
  table: 'budget' | 'indicators';
  /** A required table without data is written as the placeholder naming `fields`. */
  required?: boolean;
  fields?: string[];
}

export interface ChartBlock {
  chart: ChartId;
}

export type ChartId = 'structure' | 'planActual' | 'scores';
export type WordingBlock = TextParagraph | TableBlock | ChartBlock;

export interface SectionWording {
  /** Model fields the section is written from: named in its placeholder when nothing can be written. */
  fields: string[];
  paragraphs: WordingBlock[];
}

export interface Wording {
  schema_version: 1;
  outline: string;
  title: string;
  /** The title in lines, for a page too narrow for it on one line. */
  titleLines: string[];
  placeholder: string;
  fragments: Record<string, string>;
  sangongNames: Record<string, string>;
  captions: Record<string, string>;
  sections: Record<string, SectionWording>;
}

const WORDINGS: Record<string, unknown> = { 'hunan-dept-overall-2020': hunanDeptOverall2020 };

const REQUIRED_FRAGMENTS = [
  'listSeparator',
  'nameSeparator',
  'staffPart',
  'category',
  'sangongZero',
  'sangongAmount',
  'increase',
  'decrease',
  'unchanged',
  'metric',
] as const;
const CAPTIONS = ['budgetTable', 'indicatorTable', 'structureChart', 'planActualChart', 'scoreChart'];
const TABLES = new Set(['budget', 'indicators']);
const CHARTS = new Set(['structure', 'planActual', 'scores']);

export function getWording(outlineId: string): Wording | undefined {
  const raw = WORDINGS[outlineId];
  if (raw === undefined) return undefined;
  const errors = validateWording(raw);
  if (errors.length > 0) throw new Error(`wording ${outlineId}: ${errors.join('; ')}`);
  return raw as Wording;
}

export function wordingIds(): string[] {
  return Object.keys(WORDINGS);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** Shape check; English error lines, empty when valid. */
export function validateWording(data: unknown): string[] {
  if (typeof data !== 'object' || data === null) return ['not an object'];
  const w = data as Record<string, unknown>;
  const errors: string[] = [];
  if (w.schema_version !== 1) errors.push('schema_version must be 1');
  for (const key of ['outline', 'title', 'placeholder'] as const) {
    if (typeof w[key] !== 'string' || w[key] === '') errors.push(`${key}: non-empty string`);
  }
  if (!isStringArray(w.titleLines) || w.titleLines.length === 0) errors.push('titleLines: string array');
  const fragments = (w.fragments ?? {}) as Record<string, unknown>;
  for (const key of REQUIRED_FRAGMENTS) {
    if (typeof fragments[key] !== 'string') errors.push(`fragments.${key}: string`);
  }
  const captions = (w.captions ?? {}) as Record<string, unknown>;
  for (const key of CAPTIONS) if (typeof captions[key] !== 'string') errors.push(`captions.${key}: string`);
  const sections = w.sections;
  if (typeof sections !== 'object' || sections === null) return [...errors, 'sections: object'];
  for (const [key, section] of Object.entries(sections as Record<string, unknown>)) {
    errors.push(...validateSection(key, section));
  }
  return errors;
}

function validateSection(key: string, value: unknown): string[] {
  const s = value as Partial<SectionWording> | null;
  if (!s || !isStringArray(s.fields) || !Array.isArray(s.paragraphs)) {
    return [`sections.${key}: needs fields (strings) and paragraphs (array)`];
  }
  const errors: string[] = [];
  s.paragraphs.forEach((block, i) => {
    const where = `sections.${key}.paragraphs[${i}]`;
    const b = block as unknown as Record<string, unknown>;
    if ('table' in b) {
      if (!TABLES.has(String(b.table))) errors.push(`${where}.table: unknown table`);
    } else if ('chart' in b) {
      if (!CHARTS.has(String(b.chart))) errors.push(`${where}.chart: unknown chart`);
    } else if (!isStringArray(b.parts) || b.parts.length === 0) {
      errors.push(`${where}.parts: non-empty string array`);
    }
  });
  return errors;
}

// ---------------------------------------------------------------------------------------------------------
// Filling

/** A variable's value: text as written, a list of item records (for `each`), or a flag (for `when`). */
export type VarValue = string | boolean | null | Vars[];
export interface Vars {
  [name: string]: VarValue;
}

/** Names every report has (unit, year): a paragraph made of these alone says nothing about the data. */
export const CONTEXT_VARS = new Set(['unit', 'year', 'index']);

const VARIABLE = /\{(\w+)\}/g;

export interface Filled {
  text: string;
  /** Whether a variable other than the context ones was used. */
  usedData: boolean;
}

/** The template with its variables filled, or null when one of them has no value. */
export function fill(template: string, vars: Vars): Filled | null {
  let usedData = false;
  let missing = false;
  const text = template.replace(VARIABLE, (_, name: string) => {
    const value = vars[name];
    if (typeof value !== 'string' || value === '') {
      missing = true;
      return '';
    }
    if (!CONTEXT_VARS.has(name)) usedData = true;
    return value;
  });
  return missing ? null : { text, usedData };
}

/** The template filled, or '' when a variable is missing: for captions and fragments built by code. */
export function fillOrEmpty(template: string, vars: Vars): string {
  return fill(template, vars)?.text ?? '';
}

/** The paragraphs a text block writes (several for `each`), each only when it carries data. */
export function writeParagraph(block: TextParagraph, vars: Vars): string[] {
  if (block.when !== undefined && vars[block.when] !== true) return [];
  if (block.each !== undefined) {
    const items = vars[block.each];
    if (!Array.isArray(items)) return [];
    return items.flatMap((item, i) => {
      const last = i === items.length - 1 && block.lastParts ? { ...block, parts: block.lastParts } : block;
      const one = writeOne(last, { ...vars, ...item, index: String(i + 1) }, true);
      return one === null ? [] : [one];
    });
  }
  const one = writeOne(block, vars, block.when !== undefined);
  return one === null ? [] : [one];
}

function writeOne(block: TextParagraph, vars: Vars, counts: boolean): string | null {
  const lead = block.lead ?? 1;
  const written: string[] = [];
  let usedData = counts;
  for (const [i, part] of block.parts.entries()) {
    const filled = fill(part, vars);
    if (filled === null) {
      if (i < lead) return null;
      continue;
    }
    usedData ||= filled.usedData;
    written.push(filled.text);
  }
  if (!usedData || written.length === 0) return null;
  return written.join(block.sep ?? '') + (block.end ?? '');
}
