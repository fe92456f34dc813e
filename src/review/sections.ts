/**
 * The document's sections in reading order (each heading before its sub-sections), flattened once per
 * document and shared by the rules that look at every heading.
 */
import { flattenSections } from '../extract/sections.ts';
import type { Section } from '../extract/types.ts';
import type { ReviewDocument } from './rule.ts';

const cache = new WeakMap<readonly Section[], readonly Section[]>();

/** Every section, depth first: the same list as flattenSections(); rules read it and never change it. */
export function allSections(doc: ReviewDocument): readonly Section[] {
  const tree = doc.extraction.sections;
  let flat = cache.get(tree);
  if (!flat) {
    flat = flattenSections(tree);
    cache.set(tree, flat);
  }
  return flat;
}
