/** The text engine: decoded text → sections, facts and relations. Pure: no I/O. */

import { normalize } from '../text/normalize.ts';
import { parseFacts } from './facts.ts';
import { findRelations } from './relations.ts';
import { parseSections } from './sections.ts';
import type { Extraction } from './types.ts';

export type { Extraction, Fact, Relation, Section, Span } from './types.ts';

export function extract(text: string, normalized: string = normalize(text)): Extraction {
  const sections = parseSections(text, normalized);
  const facts = parseFacts(text, normalized);
  const relations = findRelations(text, facts);
  return { text, sections, facts, relations };
}
