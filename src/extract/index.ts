/** The text engine: decoded text → sections, facts and relations. Pure: no I/O. */

import { normalize } from '../text/normalize.ts';
import { type JoinedText, joinSoftWraps } from '../text/soft-wraps.ts';
import { readFacts } from './facts.ts';
import { findRelations } from './relations/index.ts';
import { parseSections } from './sections.ts';
import type { TableBlock } from './tables/index.ts';
import { tableRelations } from './tables/index.ts';
import type { Extraction, Fact, Relation, WrittenTwice } from './types.ts';
import { nameSmallFigures, pairWrittenTwice } from './written-twice.ts';

export type { Extraction, Fact, Relation, Section, Span } from './types.ts';

export function extract(text: string, normalized: string = normalize(text)): Extraction {
  const sections = parseSections(text, normalized);
  // Figures are read clause by clause, so a hard-wrapped copy (text out of a PDF) is read with its soft
  // wraps joined; sections are read from the lines as they are.
  const joined = joinSoftWraps(text);
  if (joined === null) {
    const { facts, tables } = readFacts(text, normalized);
    const writtenTwice = twins(normalized, facts);
    return { text, sections, facts, relations: relationsOf(text, facts, tables), writtenTwice };
  }
  const { facts, tables } = readFacts(joined.text);
  const writtenTwice = twins(normalize(joined.text), facts);
  const relations = relationsOf(joined.text, facts, tables);
  return { text, sections, facts: facts.map((f) => toOriginal(f, text, joined)), relations, writtenTwice };
}

function twins(norm: string, facts: Fact[]): WrittenTwice[] {
  const pairs = pairWrittenTwice(norm, facts);
  nameSmallFigures(facts, pairs);
  return pairs;
}

/**
 * Sums stated in prose and by table structure. A prose marker inside a table (其中：财政拨款 as a row label)
 * is read by the table reader, which knows the rows and columns.
 */
function relationsOf(text: string, facts: Fact[], tables: TableBlock[]): Relation[] {
  const fromTables = tableRelations(tables, facts);
  const prose = findRelations(text, facts).filter(
    (r) => facts[r.total]!.unitSource === 'inline' || fromTables.length === 0,
  );
  return [...fromTables, ...prose].sort((a, b) => a.total - b.total);
}

function toOriginal(f: Fact, text: string, joined: JoinedText): Fact {
  const start = joined.startToOriginal(f.start);
  const end = joined.endToOriginal(f.end);
  const labelSpan = f.labelSpan
    ? { start: joined.startToOriginal(f.labelSpan.start), end: joined.endToOriginal(f.labelSpan.end) }
    : f.labelSpan;
  return { ...f, start, end, text: text.slice(start, end), labelSpan };
}
