/** Pieces shared by the findings renderers: section lookup, grouping, short context, labels. */
import type { Section, Span } from '../extract/types.ts';
import { pageAt } from '../ingest/pages.ts';
import type { PageSpan } from '../ingest/types.ts';
import type { Finding, Severity } from '../review/rule.ts';
import type { LineIndex } from '../text/line-index.ts';

export const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];
export const SECTION_SEPARATOR = ' › ';
/** Findings whose place is before the first heading (or in a report without headings). */
export const NO_SECTION_LABEL = '（未归入章节）';

/** `三、` + `部门整体支出绩效情况`; tolerant of an extractor that already kept the number in the title. */
export function sectionLabel(section: Section): string {
  const number = section.number ?? '';
  const title = section.title.trim();
  return number !== '' && title.startsWith(number) ? title : `${number}${title}`;
}

/** Outermost-to-innermost sections containing `offset` (a span at the very end belongs to the last). */
export function sectionTrail(sections: readonly Section[], offset: number, textLength: number): Section[] {
  const trail: Section[] = [];
  let level: readonly Section[] = sections;
  for (;;) {
    const inside = level.find(
      (s) => s.start <= offset && (offset < s.end || (offset === s.end && s.end === textLength)),
    );
    if (!inside) return trail;
    trail.push(inside);
    level = inside.children;
  }
}

export function sectionPath(sections: readonly Section[], offset: number, textLength: number): string {
  const trail = sectionTrail(sections, offset, textLength);
  return trail.length === 0 ? NO_SECTION_LABEL : trail.map(sectionLabel).join(SECTION_SEPARATOR);
}

export interface FindingGroup {
  /** `三、… › （二）…`, or NO_SECTION_LABEL. */
  title: string;
  /** Index into the findings list, so renderers can keep one id per finding. */
  items: { index: number; finding: Finding }[];
}

/**
 * Groups findings by the innermost section holding their primary span, in order of first appearance.
 * Findings arrive sorted by position, so a parent section's later findings join its earlier group.
 */
export function groupBySection(
  findings: readonly Finding[],
  sections: readonly Section[],
  textLength: number,
): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  findings.forEach((finding, index) => {
    const title = sectionPath(sections, primary(finding).start, textLength);
    let group = groups.get(title);
    if (!group) {
      group = { title, items: [] };
      groups.set(title, group);
    }
    group.items.push({ index, finding });
  });
  return [...groups.values()];
}

export function primary(finding: Finding): Span & { text: string } {
  return finding.spans[0] as Span & { text: string };
}

/** One line: newlines and tabs become spaces, runs of whitespace collapse. */
export function oneLine(text: string): string {
  return text.replace(/\s+/gu, ' ');
}

/** Shortens long words for a one-line listing, keeping both ends. */
export function clip(text: string, max = 40): string {
  const chars = [...oneLine(text)];
  if (chars.length <= max) return chars.join('');
  const head = Math.ceil((max - 1) * 0.6);
  const tail = max - 1 - head;
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - tail).join('')}`;
}

export interface Context {
  before: string;
  words: string;
  after: string;
}

/** Up to `radius` characters either side of the span, on one line, with … where the text was cut. */
export function contextOf(text: string, span: Span, radius = 15): Context {
  const from = Math.max(0, span.start - radius);
  const to = Math.min(text.length, span.end + radius);
  return {
    before: (from > 0 ? '…' : '') + oneLine(text.slice(from, span.start)).trimStart(),
    words: clip(text.slice(span.start, span.end)),
    after: oneLine(text.slice(span.end, to)).trimEnd() + (to < text.length ? '…' : ''),
  };
}

/** Where an offset stands for a reader: `12:5`, and for a PDF `12:5 第3页`. */
export function placeOf(lines: LineIndex, pages: readonly PageSpan[] | undefined, offset: number): string {
  const { line, column } = lines.position(offset);
  const page = pageAt(pages, offset);
  return page === undefined ? `${line}:${column}` : `${line}:${column} 第${page}页`;
}
