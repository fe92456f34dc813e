import { describe, expect, it } from 'vitest';
import { pageAt, sourceInfo } from './pages.ts';

const PAGES = [
  { page: 1, start: 0, end: 100 },
  { page: 2, start: 100, end: 100 }, // a blank page
  { page: 3, start: 100, end: 250 },
  { page: 4, start: 250, end: 250 }, // a blank last page
];

describe('pageAt', () => {
  it.each([
    [0, 1],
    [99, 1],
    [100, 3],
    [249, 3],
    [250, 3], // an empty span at the very end belongs to the last page with text
  ])('offset %d is on page %d', (offset, page) => {
    expect(pageAt(PAGES, offset)).toBe(page);
  });

  it('is undefined without pages (not a PDF)', () => {
    expect(pageAt(undefined, 5)).toBeUndefined();
    expect(pageAt([], 5)).toBeUndefined();
  });

  it('agrees with a linear scan on many pages', () => {
    const pages = Array.from({ length: 300 }, (_, i) => ({ page: i + 1, start: i * 37, end: (i + 1) * 37 }));
    for (let offset = 0; offset < 300 * 37; offset += 13) {
      expect(pageAt(pages, offset)).toBe(pages.find((p) => p.start <= offset && offset < p.end)!.page);
    }
  });
});

describe('sourceInfo', () => {
  it('has pages only for a PDF', () => {
    expect(sourceInfo({ format: 'pdf', pages: PAGES })).toEqual({ format: 'pdf', pages: PAGES });
    expect(sourceInfo({ format: 'docx' })).toEqual({ format: 'docx' });
  });
});
