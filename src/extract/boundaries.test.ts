import { describe, expect, it } from 'vitest';
import { WordIndex } from './boundaries.ts';

describe('WordIndex', () => {
  const index = new WordIndex(['增加', '增', '不低于', '约', '']);

  it('finds the longest word a string starts or ends with', () => {
    expect(index.prefixOf('增加了30万元')).toBe('增加');
    expect(index.prefixOf('减少')).toBeUndefined();
    expect(index.prefixOf('')).toBeUndefined();
    expect(index.suffixOf('比上年不低于')).toBe('不低于');
    expect(index.suffixOf('')).toBeUndefined();
  });

  it('reads a range in place as a slice would be read', () => {
    const text = '比上年增加30万元，约';
    expect(index.startingAt(text, 3, 5)).toBe('增加');
    expect(index.startingAt(text, 3, 4)).toBe('增');
    expect(index.startingAt(text, 3, 3)).toBeUndefined();
    expect(index.endingAt(text, 0, 5)).toBe('增加');
    expect(index.endingAt(text, 4, 5)).toBeUndefined();
    expect(index.endingAt(text, 0, text.length + 1)).toBeUndefined();
    expect(index.lastWithin(text, 0, text.length)).toEqual({ start: 10, end: 11 });
    expect(index.lastWithin(text, 0, 10)).toEqual({ start: 3, end: 5 });
  });
});
