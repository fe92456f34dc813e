/**
 * Text offset → PDF page, shared by every output that cites a place (extract facts, check findings).
 * Pages tile the text in order (each ends where the next begins), so a binary search finds the page.
 */
import type { PageSpan, SourceFormat } from './types.ts';

/** Where the text came from, as the JSON outputs report it; `pages` only for PDFs. */
export interface SourceInfo {
  format: SourceFormat;
  pages?: PageSpan[];
}

export function sourceInfo(document: { format: SourceFormat; pages?: PageSpan[] | undefined }): SourceInfo {
  return document.pages ? { format: document.format, pages: document.pages } : { format: document.format };
}

/**
 * The 1-based page holding `offset`, or undefined without pages. An offset at the very end of the text
 * (an empty span after the last character) belongs to the last page with text; pages without text
 * (blank pages) are never returned.
 */
export function pageAt(pages: readonly PageSpan[] | undefined, offset: number): number | undefined {
  if (!pages || pages.length === 0) return undefined;
  let low = 0;
  let high = pages.length - 1;
  // The last page starting at or before the offset.
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (pages[mid]!.start <= offset) low = mid;
    else high = mid - 1;
  }
  let index = low;
  while (index > 0 && (pages[index]!.start === pages[index]!.end || offset < pages[index]!.start)) index--;
  return pages[index]!.page;
}
