import { describe, expect, it } from 'vitest';
import headingTruncated, { buildHeadingIndex } from './heading-truncated.ts';
import { quotesOf, readSample } from './testing.ts';

describe('heading-truncated', () => {
  it('indexes known headings minus their first character, skipping detachable modifiers and known titles', () => {
    const index = buildHeadingIndex(
      ['项目资金使用情况', '资金使用情况', '本年度工作完成情况', '其他'],
      ['本'],
    );
    expect(index.truncated.get('目资金使用情况')).toBe('项目资金使用情况');
    expect(index.truncated.has('年度工作完成情况')).toBe(false);
    expect(index.truncated.has('他')).toBe(false);
  });

  it('accepts a trailing colon after the truncated title', () => {
    expect(quotesOf(headingTruncated, '一、本情况：\n本单位是全额拨款单位。\n二、存在问题')).toEqual([
      'truncated:本情况',
    ]);
  });

  it('raises nothing on the real samples', () => {
    expect(quotesOf(headingTruncated, readSample())).toEqual([]);
    expect(quotesOf(headingTruncated, readSample('more/shanghai-putuo-final-accounts.txt'))).toEqual([]);
  });
});
