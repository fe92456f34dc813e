/**
 * The work of `jixiao extract` (registered in extract.ts): what the text engine sees in a report. JSON is the
 * machine contract (`{ text, sections, facts, relations, writtenTwice }`, spans index `text`); the text
 * format is for reading.
 */
import { extract } from '../../extract/index.ts';
import type { Extraction, Fact, FactKind, Relation, Section } from '../../extract/types.ts';
import { loadDocument } from '../../ingest/load.ts';
import { pageAt, type SourceInfo, sourceInfo } from '../../ingest/pages.ts';
import { sectionLabel } from '../../render/common.ts';
import { LineIndex } from '../../text/line-index.ts';
import { displayWidth, padEndToWidth, padStartToWidth, truncateToWidth } from '../../text/width.ts';
import { EXIT } from '../errors.ts';
import type { ExtractFormat } from './extract.ts';

/** Reads the report, extracts and writes the chosen format to stdout. */
export async function runExtract(file: string, format: ExtractFormat): Promise<number> {
  const document = await loadDocument(file);
  const extraction = extract(document.text);
  const output = format === 'json' ? formatJson(extraction, sourceInfo(document)) : formatText(extraction);
  process.stdout.write(output);
  return EXIT.ok;
}

/** With a source, the JSON also says where the text came from, and for a PDF each fact's page. */
export function formatJson(extraction: Extraction, source?: SourceInfo): string {
  const { text, sections, relations } = extraction;
  const writtenTwice = extraction.writtenTwice ?? [];
  const facts = source?.pages
    ? extraction.facts.map((fact) => ({ ...fact, page: pageAt(source.pages, fact.start) }))
    : extraction.facts;
  const document = source
    ? { text, sections, facts, relations, writtenTwice, source }
    : { text, sections, facts, relations, writtenTwice };
  return `${JSON.stringify(document, null, 2)}\n`;
}

export function formatText(extraction: Extraction): string {
  const lines = new LineIndex(extraction.text);
  return [
    formatOutline(extraction.sections, lines),
    formatFacts(extraction.facts, lines),
    formatRelations(extraction.relations, extraction.facts, lines),
  ].join('\n');
}

const NONE = '（无）\n';
const EMPTY_CELL = '—';
const MAX_LABEL_WIDTH = 30;

function formatOutline(sections: Section[], lines: LineIndex): string {
  const rows: [number, string][] = [];
  const visit = (section: Section, depth: number) => {
    rows.push([lines.position(section.start).line, `${'  '.repeat(depth)}${sectionLabel(section)}`]);
    for (const child of section.children) visit(child, depth + 1);
  };
  for (const section of sections) visit(section, 0);
  const heading = `章节（${rows.length}）\n`;
  if (rows.length === 0) return heading + NONE;
  const width = Math.max(2, ...rows.map(([line]) => String(line).length));
  const header = `  ${padStartToWidth('行', width)}  标题\n`;
  return (
    heading + header + rows.map(([line, title]) => `  ${String(line).padStart(width)}  ${title}\n`).join('')
  );
}

const KIND_NAMES: Record<FactKind, string> = { amount: '金额', percent: '百分比', count: '数量' };

function formatFacts(facts: Fact[], lines: LineIndex): string {
  const heading = `数字（${facts.length}）\n`;
  if (facts.length === 0) return heading + NONE;
  const header = ['位置', '类型', '数值', '单位', '标签', '期间', '约数', '原文'];
  const rows = facts.map((fact) => [
    formatPlace(lines, fact.start),
    KIND_NAMES[fact.kind] ?? fact.kind,
    formatValue(fact),
    fact.unit,
    fact.label === null ? EMPTY_CELL : truncateToWidth(fact.label, MAX_LABEL_WIDTH),
    fact.period ?? EMPTY_CELL,
    fact.approx ? '约' : EMPTY_CELL,
    fact.text,
  ]);
  return heading + formatTable(header, rows);
}

function formatRelations(relations: Relation[], facts: Fact[], lines: LineIndex): string {
  const heading = `合计关系（${relations.length}）\n`;
  if (relations.length === 0) return heading + NONE;
  const cite = (index: number) => {
    const fact = facts[index];
    return fact ? `${formatPlace(lines, fact.start)} ${fact.text}` : `#${index}`;
  };
  const rows = relations.map((relation) => {
    const parts = relation.parts.map(cite).join(' + ');
    const sign = relation.holds ? '=' : relation.withinRounding ? '≈' : '≠';
    const total = `${cite(relation.total)} ${sign} ${parts}`;
    if (relation.holds) return `  ✓ ${total}\n`;
    if (relation.withinRounding) return `  ≈ ${total}（相差在舍入范围内）\n`;
    const unit = facts[relation.total]?.unit ?? '';
    const { low, high } = relation.computed;
    return `  ✗ ${total}（分项之和 ${formatNumber(low)}～${formatNumber(high)}${unit}）\n`;
  });
  return heading + rows.join('');
}

function formatPlace(lines: LineIndex, offset: number): string {
  const { line, column } = lines.position(offset);
  return `${line}:${column}`;
}

/** As displayed in the report (544.30 stays 544.30), so the reader can match it by eye. */
function formatValue(fact: Fact): string {
  const comparator = fact.comparator ?? '';
  const digits = Number.isInteger(fact.decimals) && fact.decimals >= 0 && fact.decimals <= 20;
  return comparator + (digits ? fact.value.toFixed(fact.decimals) : String(fact.value));
}

function formatNumber(value: number): string {
  return String(Number(value.toFixed(6)));
}

/** Columns padded by display width (a Chinese character takes two); the last column is not padded. */
function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(displayWidth(title), ...rows.map((row) => displayWidth(row[column] ?? ''))),
  );
  const render = (row: string[]) =>
    `  ${row.map((cell, column) => (column === row.length - 1 ? cell : padEndToWidth(cell, widths[column]!))).join('  ')}\n`;
  return [header, ...rows].map(render).join('');
}
