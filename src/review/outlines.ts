/**
 * Report outline templates (提纲) as data: one JSON file per province/notice in data/outlines/. The
 * `missing-section` rule checks a report against one of them; the section parser uses the bundled one
 * only as a hint for placing unnumbered headings.
 */
import hunanDeptOverall2020 from '../../data/outlines/hunan-dept-overall-2020.json' with { type: 'json' };
import { titleKey } from '../extract/sections.ts';
import { firstNonEmptyLines } from './lines.ts';

export interface OutlineSection {
  /** Stable key (English), unique within the outline. */
  key: string;
  /** The title as the template writes it. */
  title: string;
  /** Other titles that mean the same section (matched after titleKey normalisation). */
  synonyms: string[];
  /** The template lists it but does not require it. */
  optional?: boolean;
  /** Where the template asks for it (e.g. 提纲六). */
  clause?: string;
  /** Phrases that address the section without a heading (本部门无政府性基金预算支出). */
  mentions?: string[];
  children?: OutlineSection[];
}

export interface Outline {
  schema_version: 1;
  id: string;
  name: string;
  /** Where the outline comes from and how sure we are of it. */
  source?: string;
  /** Which reports the outline is for: a title among the first lines matching one of the patterns. */
  appliesTo?: {
    description?: string;
    titlePatterns: string[];
    searchLines: number;
    /** A title line ending in one of these names a form (…绩效自评表), not a report of this outline. */
    formSuffixes?: string[];
  };
  sections: OutlineSection[];
}

export const DEFAULT_OUTLINE_ID = 'hunan-dept-overall-2020';

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string' && v.length > 0);
}

function validateSection(value: unknown, path: string, keys: Set<string>, errors: string[]): void {
  if (typeof value !== 'object' || value === null) {
    errors.push(`${path}: not an object`);
    return;
  }
  const s = value as Record<string, unknown>;
  if (typeof s.key !== 'string' || !/^[a-z][a-z0-9_]*$/.test(s.key))
    errors.push(`${path}.key: snake_case string`);
  else if (keys.has(s.key)) errors.push(`${path}.key: duplicate "${s.key}"`);
  else keys.add(s.key);
  if (typeof s.title !== 'string' || titleKey(s.title) === '') errors.push(`${path}.title: non-empty string`);
  if (!isStringArray(s.synonyms)) errors.push(`${path}.synonyms: array of non-empty strings`);
  if (s.optional !== undefined && typeof s.optional !== 'boolean') errors.push(`${path}.optional: boolean`);
  if (s.clause !== undefined && typeof s.clause !== 'string') errors.push(`${path}.clause: string`);
  if (s.mentions !== undefined && !isStringArray(s.mentions)) errors.push(`${path}.mentions: string array`);
  const known = new Set(['key', 'title', 'synonyms', 'optional', 'clause', 'mentions', 'children']);
  for (const field of Object.keys(s)) if (!known.has(field)) errors.push(`${path}.${field}: unknown field`);
  if (s.children !== undefined) {
    if (!Array.isArray(s.children)) errors.push(`${path}.children: array`);
    else
      for (const [i, child] of s.children.entries())
        validateSection(child, `${path}.children[${i}]`, keys, errors);
  }
}

/** Shape check for an outline file; returns English error lines (empty when valid). */
export function validateOutline(data: unknown): string[] {
  const errors: string[] = [];
  if (typeof data !== 'object' || data === null) return ['outline: not an object'];
  const o = data as Record<string, unknown>;
  if (o.schema_version !== 1) errors.push('schema_version: must be 1');
  if (typeof o.id !== 'string' || !/^[a-z0-9-]+$/.test(o.id)) errors.push('id: kebab-case string');
  if (typeof o.name !== 'string' || o.name === '') errors.push('name: non-empty string');
  if (o.source !== undefined && typeof o.source !== 'string') errors.push('source: string');
  if (o.appliesTo !== undefined) {
    const a = o.appliesTo as Record<string, unknown>;
    if (!isStringArray(a.titlePatterns) || a.titlePatterns.length === 0)
      errors.push('appliesTo.titlePatterns: strings');
    if (typeof a.searchLines !== 'number' || a.searchLines < 1)
      errors.push('appliesTo.searchLines: positive number');
    if (a.formSuffixes !== undefined && !isStringArray(a.formSuffixes))
      errors.push('appliesTo.formSuffixes: strings');
  }
  if (!Array.isArray(o.sections) || o.sections.length === 0) errors.push('sections: non-empty array');
  else {
    const keys = new Set<string>();
    for (const [i, s] of o.sections.entries()) validateSection(s, `sections[${i}]`, keys, errors);
  }
  return errors;
}

function load(data: unknown): Outline {
  const errors = validateOutline(data);
  if (errors.length) throw new Error(`invalid outline file: ${errors.join('; ')}`);
  return data as Outline;
}

const OUTLINES: readonly Outline[] = [load(hunanDeptOverall2020)];

export function listOutlines(): readonly Outline[] {
  return OUTLINES;
}

export function getOutline(id: string): Outline | undefined {
  return OUTLINES.find((o) => o.id === id);
}

/** Whether a report's opening lines name the kind of report the outline is for. */
export function outlineApplies(outline: Outline, text: string): boolean {
  if (!outline.appliesTo) return true;
  const { titlePatterns, searchLines, formSuffixes = [] } = outline.appliesTo;
  const head = firstNonEmptyLines(text, searchLines).map((line) => line.trim());
  return head.some(
    (line) => titlePatterns.some((p) => line.includes(p)) && !formSuffixes.some((s) => line.endsWith(s)),
  );
}
