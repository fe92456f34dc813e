/** The text engine: decoded text → sections, facts and relations. Pure: no I/O. */

import { normalize } from '../text/normalize.ts';
import { type JoinedText, joinSoftWraps } from '../text/soft-wraps.ts';
import { parseFacts } from './facts.ts';
import { findRelations } from './relations.ts';
import { parseSections } from './sections.ts';
import type { Extraction, Fact } from './types.ts';

export type { Extraction, Fact, Relation, Section, Span } from './types.ts';

export function extract(text: string, normalized: string = normalize(text)): Extraction {
  const sections = parseSections(text, normalized);
  // Figures are read clause by clause, so a hard-wrapped copy (text out of a PDF) is read with its soft
  // wraps joined; sections are read from the lines as they are.
  const joined = joinSoftWraps(text);
  if (joined === null) {
    const facts = parseFacts(text, normalized);
    return { text, sections, facts, relations: findRelations(text, facts) };
  }
  const facts = parseFacts(joined.text);
  const relations = findRelations(joined.text, facts);
  return { text, sections, facts: facts.map((f) => toOriginal(f, text, joined)), relations };
}

function toOriginal(f: Fact, text: string, joined: JoinedText): Fact {
  const start = joined.startToOriginal(f.start);
  const end = joined.endToOriginal(f.end);
  const labelSpan = f.labelSpan
    ? { start: joined.startToOriginal(f.labelSpan.start), end: joined.endToOriginal(f.labelSpan.end) }
    : f.labelSpan;
  return { ...f, start, end, text: text.slice(start, end), labelSpan };
}
