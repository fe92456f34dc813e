import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fenToUnit, formatFen, toFen } from './money.ts';

describe('money in 分', () => {
  it('converts decimal figures exactly', () => {
    expect(toFen(1771.06, '万元')).toBe(1771060000);
    expect(toFen('0.1', '元')).toBe(10);
    expect(toFen(1.53, '亿元')).toBe(15300000000);
    expect(toFen('2,940.05', '万元')).toBeNull();
    expect(toFen(5, '人')).toBeNull();
    expect(toFen('3.005', '元')).toBe(301); // sub-分 rounds half up
  });

  it('sums exactly where floating point would not', () => {
    const parts = [544.3, 740.59, 483.13, 286.08, 721.61].map((v) => toFen(v, '万元')!);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(toFen(2775.71, '万元'));
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(toFen(0.1, '元')! + toFen(0.2, '元')!).toBe(toFen(0.3, '元'));
  });

  it('formats back without losing digits', () => {
    expect(formatFen(1771060000)).toBe('1771.06万元');
    expect(formatFen(1085000000)).toBe('1085万元');
    expect(formatFen(-10, '元')).toBe('-0.1元');
    expect(fenToUnit(1771060000)).toBeCloseTo(1771.06, 10);
  });

  it('round-trips any amount with up to 6 decimals in 万元', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 12 }), (fen) => {
        expect(toFen(formatFen(fen).replace('万元', ''), '万元')).toBe(fen);
      }),
    );
  });
});
