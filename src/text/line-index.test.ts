import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineIndex } from './line-index.ts';

/** The obvious O(n) reading of the contract, to compare the binary search against. */
function naivePosition(text: string, offset: number) {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const char = text[i];
    if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

describe('LineIndex', () => {
  it('gives 1-based lines and columns', () => {
    const index = new LineIndex('一、总体\n（一）情况\n');
    expect(index.position(0)).toEqual({ line: 1, column: 1 });
    expect(index.position(3)).toEqual({ line: 1, column: 4 });
    expect(index.position(4)).toEqual({ line: 1, column: 5 }); // the line feed itself
    expect(index.position(5)).toEqual({ line: 2, column: 1 });
    expect(index.position(11)).toEqual({ line: 3, column: 1 }); // end of text
    expect(index.lineCount).toBe(3);
  });

  it('treats \\r\\n as one break and a lone \\r as a break', () => {
    const index = new LineIndex('a\r\nb\rc');
    expect(index.position(1)).toEqual({ line: 1, column: 2 });
    expect(index.position(2)).toEqual({ line: 1, column: 3 });
    expect(index.position(3)).toEqual({ line: 2, column: 1 });
    expect(index.position(5)).toEqual({ line: 3, column: 1 });
    expect(index.lineCount).toBe(3);
  });

  it('counts columns in UTF-16 units, so an astral character takes two', () => {
    const index = new LineIndex('𠀀表');
    expect(index.position(2)).toEqual({ line: 1, column: 3 });
  });

  it('handles the empty text', () => {
    expect(new LineIndex('').position(0)).toEqual({ line: 1, column: 1 });
  });

  it.each([-1, 4, 1.5, Number.NaN])('rejects offset %s outside the text', (offset) => {
    expect(() => new LineIndex('abc').position(offset)).toThrow(RangeError);
  });

  it('agrees with a line-by-line count for any text and offset', () => {
    const text = fc.string({ unit: fc.constantFrom('a', '表', '\n', '\r', '\r\n', '𠀀'), maxLength: 60 });
    fc.assert(
      fc.property(
        text.chain((t) => fc.tuple(fc.constant(t), fc.integer({ min: 0, max: t.length }))),
        ([t, offset]) => {
          expect(new LineIndex(t).position(offset)).toEqual(naivePosition(t, offset));
        },
      ),
      { numRuns: 500 },
    );
  });
});
