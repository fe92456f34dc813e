/** letter-in-number, stray-unit and malformed-date: the edges their examples do not show. */
import { describe, expect, it } from 'vitest';
import letterInNumber, { intendedNumber } from './letter-in-number.ts';
import malformedDate, { monthDaySplits } from './malformed-date.ts';
import strayUnit from './stray-unit.ts';
import { quotesOf, readSample } from './testing.ts';

describe('letter-in-number', () => {
  const quotes = (text: string) => quotesOf(letterInNumber, text);

  it('reads full-width letters and digits too (via the normalised text)', () => {
    expect(quotes('截至２Ｏ２２年底')).toEqual(['letter:２Ｏ２２']);
  });

  it('names the intended digits', () => {
    expect(intendedNumber('2O2l')).toBe('2021');
    expect(intendedNumber('l0.5')).toBe('10.5');
  });

  it('leaves codes, units written in letters and letters not beside a unit alone', () => {
    expect(quotes('5000l水箱，500ml，G1O国道，型号A2O3，No.1，V2.0版，3O人以上的O2O')).toEqual(['letter:3O']);
  });

  it('raises nothing on the real samples', () => {
    expect(quotes(readSample())).toEqual([]);
    expect(quotes(readSample('more/shanghai-putuo-final-accounts.txt'))).toEqual([]);
  });
});

describe('stray-unit', () => {
  const quotes = (text: string) => quotesOf(strayUnit, text);

  it('quotes the whole number, thousands separators included', () => {
    expect(quotes('增长1,012.5%万元')).toEqual(['stray:1,012.5%万元']);
  });

  it('leaves a percent followed by a cell separator or words alone', () => {
    expect(quotes('执行率 | 96.9% | 万元\n增长5%，万元以上项目3个')).toEqual([]);
  });

  it('raises nothing on the real samples', () => {
    expect(quotes(readSample())).toEqual([]);
    expect(quotes(readSample('more/shanghai-putuo-final-accounts.txt'))).toEqual([]);
  });
});

describe('malformed-date', () => {
  const quotes = (text: string) => quotesOf(malformedDate, text);

  it('splits the run-together digits only into real months and days', () => {
    expect(monthDaySplits('316')).toEqual([[3, 16]]);
    expect(monthDaySplits('1116')).toEqual([[11, 16]]);
    expect(monthDaySplits('111')).toEqual([
      [1, 11],
      [11, 1],
    ]);
    expect(monthDaySplits('1399')).toEqual([]);
  });

  it('reports an ambiguous run without guessing the month', () => {
    const [hit] = quotesOf(malformedDate, '2021111日');
    expect(hit).toBe('date:2021111日');
  });

  it('leaves digit runs that are no date alone', () => {
    expect(quotes('共计20211399日，20天，金额2021.5日元，第2021期，1-12月')).toEqual([]);
  });

  it('raises nothing on the real samples', () => {
    expect(quotes(readSample())).toEqual([]);
    expect(quotes(readSample('more/shanghai-putuo-final-accounts.txt'))).toEqual([]);
  });
});
