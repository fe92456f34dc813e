import { describe, expect, it } from 'vitest';
import { viewOnce } from './views-once.ts';

describe('viewOnce', () => {
  const view = viewOnce((row: { n: number }, extra: { m: number } | undefined) => ({
    sum: row.n + (extra?.m ?? 0),
    parts: [row.n],
  }));

  it('builds a view of frozen rows once and freezes it deeply', () => {
    const row = Object.freeze({ n: 1 });
    const extra = Object.freeze({ m: 2 });
    const first = view(row, extra);
    expect(first).toEqual({ sum: 3, parts: [1] });
    expect(view(row, extra)).toBe(first);
    expect(Object.isFrozen(first.parts)).toBe(true);
  });

  it('builds again when another row or companion value comes', () => {
    const row = Object.freeze({ n: 1 });
    const first = view(row, Object.freeze({ m: 2 }));
    const second = view(row, Object.freeze({ m: 5 }));
    expect(second).not.toBe(first);
    expect(second.sum).toBe(6);
    expect(view(Object.freeze({ n: 1 }), undefined).sum).toBe(1);
  });

  it('never keeps views of rows that may change (not frozen)', () => {
    const row = { n: 1 };
    const first = view(row, undefined);
    row.n = 4;
    const second = view(row, undefined);
    expect(second.sum).toBe(4);
    expect(Object.isFrozen(first)).toBe(false);
  });
});
