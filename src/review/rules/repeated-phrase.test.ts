import { describe, expect, it } from 'vitest';
import reduplicationData from '../../../data/reduplications.json' with { type: 'json' };
import repeatedPhrase, { isLegitimateReduplication, loadReduplications } from './repeated-phrase.ts';
import { quotesOf, readSample } from './testing.ts';

const quotes = (text: string) => quotesOf(repeatedPhrase, text);

describe('repeated-phrase', () => {
  it('reports a run repeated three times once, over the whole run', () => {
    expect(quotes('资金情况情况情况说明')).toEqual(['repeated:情况情况情况']);
  });

  it('prefers the longest repeated unit at a place', () => {
    expect(quotes('主要是主要是材料涨价')).toEqual(['repeated:主要是主要是']);
  });

  it('leaves the data-listed reduplications, numerals and particles across words alone', () => {
    expect(isLegitimateReduplication('研究')).toBe(true);
    expect(isLegitimateReduplication('一批')).toBe(true);
    expect(isLegitimateReduplication('二〇')).toBe(true);
    expect(isLegitimateReduplication('的人')).toBe(true);
    expect(isLegitimateReduplication('情况')).toBe(false);
    expect(quotes('一批一批推进，二〇二〇年，研究研究再定。')).toEqual([]);
  });

  it('does not look across spaces, tabs or line breaks (table cells, wrapped lines)', () => {
    expect(quotes('合格 合格\n完成\t完成\n情况\n情况')).toEqual([]);
  });

  it('raises nothing on the real samples', () => {
    expect(quotes(readSample())).toEqual([]);
    expect(quotes(readSample('more/shanghai-putuo-final-accounts.txt'))).toEqual([]);
  });

  it('validates its data file', () => {
    expect(loadReduplications(reduplicationData).words.size).toBeGreaterThan(10);
    expect(() => loadReduplications({ schema_version: 2 })).toThrow();
    expect(() =>
      loadReduplications({ schema_version: 1, words: ['研'], patterns: [], particles: [] }),
    ).toThrow();
  });
});
