import { describe, expect, it } from 'vitest';
import { firstCharacters, StartScanner } from './start-scan.ts';

describe('StartScanner', () => {
  it('finds the same matches as a global scan, in order', () => {
    const source = '\\d{4}年|上半年|截至\\d{1,2}月';
    const text = '2020年上半年支出，截至11月底，另有x2021年与下半年。';
    const global = [...text.matchAll(new RegExp(source, 'g'))].map((m) => [m.index, m[0]]);
    const scanner = new StartScanner(source, firstCharacters(source)!);
    const found: [number, string][] = [];
    for (let m = scanner.next(text, 0); m; m = scanner.next(text, m.index + m[0].length))
      found.push([m.index, m[0]]);
    expect(found).toEqual(global);
  });

  it('names the first characters of literal and \\d alternatives, and refuses to guess otherwise', () => {
    expect(firstCharacters('\\d{4}年|截[至止]|上半年|第[一二]季度')).toBe('0123456789截上第');
    expect(firstCharacters('(?:a|b)c')).toBeNull();
    expect(firstCharacters('[一二]月')).toBeNull();
  });
});
