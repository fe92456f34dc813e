import { describe, expect, it } from 'vitest';
import {
  ExpressionError,
  evaluate,
  evaluateCondition,
  formatExpression,
  inputNames,
  parseCondition,
  parseExpression,
  toRational,
} from './expression.ts';

const value = (source: string, env: Record<string, number | null> = {}) => {
  const result = evaluate(parseExpression(source), env);
  if (!result.ok) throw new Error(`not computable: ${JSON.stringify(result)}`);
  return result.value;
};

describe('parseExpression and evaluate', () => {
  it('follows precedence and brackets', () => {
    expect(value('1 + 2 * 3')).toBe(7);
    expect(value('(1 + 2) * 3')).toBe(9);
    expect(value('10 - 4 - 3')).toBe(3);
    expect(value('24 / 4 / 2')).toBe(3);
    expect(value('-2 * -3')).toBe(6);
    expect(value('-(2 + 3)')).toBe(-5);
  });

  it('computes the frameworks’ rates from named inputs', () => {
    expect(value('staff_actual / staff_authorized * 100', { staff_actual: 51, staff_authorized: 50 })).toBe(
      102,
    );
    expect(
      value('(sangong_current - sangong_previous) / sangong_previous * 100', {
        sangong_current: 1_100_000,
        sangong_previous: 1_000_000,
      }),
    ).toBe(10);
  });

  it('is exact where binary floating point is not', () => {
    // 0.07 * 100 is 7.000000000000001 in floating point; 11 / 110 * 100 must be exactly 10 for the bands.
    expect(0.07 * 100).not.toBe(7);
    expect(value('a * 100', { a: 0.07 })).toBe(7);
    expect(value('a / b * 100', { a: 11, b: 110 })).toBe(10);
    expect(value('a / b * 100', { a: 1, b: 3 })).toBeCloseTo(33.333333333, 8);
    expect(value('a + b', { a: 0.1, b: 0.2 })).toBe(0.3);
  });

  it('keeps precision for large amounts in 分', () => {
    // 90 万亿元 in 分 is near 2^53; the sum of two such figures must not lose the last 分.
    expect(value('a - b', { a: 9_007_199_254_740_991, b: 9_007_199_254_740_990 })).toBe(1);
  });

  it('reports every missing input at once, null and absent alike', () => {
    const result = evaluate(parseExpression('(a - b) / c * 100'), { a: 1, b: null });
    expect(result).toEqual({ ok: false, reason: 'missing', names: ['b', 'c'] });
  });

  it('reports division by zero with the divisor', () => {
    const result = evaluate(parseExpression('a / (b - c) * 100'), { a: 1, b: 2, c: 2 });
    expect(result.ok).toBe(false);
    if (result.ok || result.reason !== 'division_by_zero') throw new Error('expected division by zero');
    expect(formatExpression(result.divisor, (n) => n)).toBe('b − c');
  });

  it('lists input names once, in order', () => {
    expect(inputNames(parseExpression('(x - y) / y * 100 + x'))).toEqual(['x', 'y']);
  });

  it('rejects what is not a formula, with the column', () => {
    expect(() => parseExpression('')).toThrow(ExpressionError);
    expect(() => parseExpression('a +')).toThrow(/unexpected end/);
    expect(() => parseExpression('(a + b')).toThrow(/missing "\)"/);
    expect(() => parseExpression('a b')).toThrow(/unexpected "b" at column 3/);
    expect(() => parseExpression('a % b')).toThrow(/unexpected character at column 3/);
    expect(() => parseExpression('Math.max(a)')).toThrow(ExpressionError);
    expect(() => parseExpression('a == b')).toThrow(/only allowed in a condition/);
    expect(() => parseExpression('1e5')).toThrow(ExpressionError);
  });
});

describe('conditions', () => {
  const check = (source: string, env: Record<string, number | null>) =>
    evaluateCondition(parseCondition(source), env);

  it('compares exactly', () => {
    expect(check('balance_current == 0', { balance_current: 0 })).toEqual({ ok: true, value: true });
    expect(
      check('balance_current <= carryover_previous', { balance_current: 5, carryover_previous: 5 }),
    ).toEqual({
      ok: true,
      value: true,
    });
    expect(check('a > b', { a: 5, b: 5 })).toEqual({ ok: true, value: false });
    expect(check('a * 3 == 1', { a: 1 / 3 }).ok).toBe(true);
    expect(check('a / 3 * 3 != a', { a: 1 })).toEqual({ ok: true, value: false });
    expect(check('a >= b', { a: 4, b: 5 })).toEqual({ ok: true, value: false });
    expect(check('a < b', { a: 4, b: 5 })).toEqual({ ok: true, value: true });
  });

  it('needs exactly one comparison', () => {
    expect(() => parseCondition('a + b')).toThrow(/needs a comparison/);
    expect(() => parseCondition('a < b < c')).toThrow(/unexpected "<"/);
  });

  it('reports missing inputs', () => {
    expect(check('a > b', { a: 1 })).toEqual({ ok: false, reason: 'missing', names: ['b'] });
  });
});

describe('formatExpression', () => {
  const labels: Record<string, string> = { cur: '本年', prev: '上年', a: '甲', b: '乙', c: '丙' };
  const show = (source: string) => formatExpression(parseExpression(source), (n) => labels[n] ?? n);

  it('writes × ÷ and labels, keeping only the brackets that matter', () => {
    expect(show('(cur - prev) / prev * 100')).toBe('（本年 − 上年） ÷ 上年 × 100');
    expect(show('a - (b - c)')).toBe('甲 − （乙 − 丙）');
    expect(show('a / (b * c)')).toBe('甲 ÷ （乙 × 丙）');
    expect(show('a * b + c')).toBe('甲 × 乙 + 丙');
  });
});

describe('toRational', () => {
  it('reads decimals and numbers without binary noise', () => {
    expect(toRational('2.50')).toEqual({ n: 5n, d: 2n });
    expect(toRational(0.1)).toEqual({ n: 1n, d: 10n });
    expect(toRational(1e-7)).toEqual({ n: 1n, d: 10_000_000n });
    expect(toRational(-3)).toEqual({ n: -3n, d: 1n });
    expect(() => toRational(Number.NaN)).toThrow(RangeError);
  });
});
