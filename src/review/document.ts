import { extract } from '../extract/index.ts';
import type { Extraction } from '../extract/types.ts';
import { normalize } from '../text/normalize.ts';
import type { ReviewDocument } from './rule.ts';

/** Build the shared views every rule reads; done once per check. */
export function createReviewDocument(text: string, extraction?: Extraction): ReviewDocument {
  const normalized = normalize(text);
  return { text, normalized, extraction: extraction ?? extract(text, normalized) };
}
