import { describe, expect, it } from 'vitest';
import { displayWidth, padEndToWidth, padStartToWidth, truncateToWidth } from './width.ts';

describe('display width', () => {
  it('counts ideographs, full-width forms and CJK punctuation as two columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('万元')).toBe(4);
    expect(displayWidth('（一）')).toBe(6);
    expect(displayWidth('１２')).toBe(4);
    expect(displayWidth('𠀀')).toBe(2);
    expect(displayWidth('①×')).toBe(2);
  });

  it('pads to a column width', () => {
    expect(padEndToWidth('金额', 6)).toBe('金额  ');
    expect(padStartToWidth('12', 4)).toBe('  12');
    expect(padEndToWidth('太长的文字', 4)).toBe('太长的文字');
  });

  it('truncates with an ellipsis without splitting a wide character', () => {
    expect(truncateToWidth('一般公共预算支出', 8)).toBe('一般公…');
    expect(truncateToWidth('一般公共预算支出', 7)).toBe('一般公…');
    expect(truncateToWidth('短', 8)).toBe('短');
  });
});
