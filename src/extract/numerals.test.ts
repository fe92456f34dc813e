import { describe, expect, it } from 'vitest';
import { parseArabic, parseChineseNumeral } from './numerals.ts';

describe('parseChineseNumeral', () => {
  it.each([
    ['五', 5],
    ['十', 10],
    ['十九', 19],
    ['二十五', 25],
    ['一百零五', 105],
    ['一千二百', 1200],
    ['两千', 2000],
    ['十二万五千', 125000],
    ['三亿', 300000000],
    ['叁拾伍', 35],
    ['壹佰贰拾', 120],
    ['壹万贰仟', 12000],
    ['二〇二〇', 2020],
    ['一九九八', 1998],
  ])('%s → %d', (s, v) => expect(parseChineseNumeral(s)).toBe(v));

  it('rejects strings that are not numerals', () => {
    expect(parseChineseNumeral('')).toBeNull();
    expect(parseChineseNumeral('二三')).toBeNull();
    expect(parseChineseNumeral('万')).toBeNull();
    expect(parseChineseNumeral('五a')).toBeNull();
  });
});

describe('parseArabic', () => {
  it('reads decimals, thousands separators and a stray space after the point', () => {
    expect(parseArabic('4546.77')).toEqual({ value: 4546.77, decimals: 2 });
    expect(parseArabic('2,940.05')).toEqual({ value: 2940.05, decimals: 2 });
    expect(parseArabic('4546. 77')).toEqual({ value: 4546.77, decimals: 2 });
    expect(parseArabic('57')).toEqual({ value: 57, decimals: 0 });
    expect(parseArabic('1.2.3')).toBeNull();
  });
});
