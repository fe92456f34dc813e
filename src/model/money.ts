/**
 * Money is held exactly as an integer number of 分 (cents): never a binary floating-point sum.
 * Conversions go through the decimal string so 1771.06万元 becomes exactly 1771060000 分.
 */
import { yuanPerUnit } from '../extract/units.ts';

/** Exact 分 for a decimal figure in a money unit (元, 万元, 亿元…); null when the unit is not money. */
export function toFen(value: number | string, unit: string): number | null {
  const scale = yuanPerUnit(unit);
  if (scale === undefined) return null;
  const s = typeof value === 'number' ? numberToPlainString(value) : value.trim();
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return null;
  const [, sign, int, frac = ''] = m;
  // value × scale × 100 with the decimal point moved, not multiplied.
  const shift = Math.round(Math.log10(scale * 100));
  const digits = int! + frac.padEnd(shift, '0');
  const whole = digits.slice(0, int!.length + shift);
  const rest = digits.slice(int!.length + shift);
  let fen = BigInt(whole || '0');
  if (rest.length > 0 && rest[0]! >= '5') fen += 1n; // sub-分 precision rounds half up
  const n = Number(fen);
  return sign === '-' ? -n : n;
}

/** 分 → 万元 as a number for display and ratios (not for sums). */
export function fenToUnit(fen: number, unit = '万元'): number {
  const scale = yuanPerUnit(unit) ?? 1;
  return fen / (scale * 100);
}

/** 分 → "1771.06万元" with trailing zeros removed. */
export function formatFen(fen: number, unit = '万元'): string {
  const scale = yuanPerUnit(unit) ?? 1;
  const decimals = Math.max(0, Math.round(Math.log10(scale * 100)));
  const negative = fen < 0;
  const digits = String(Math.abs(fen)).padStart(decimals + 1, '0');
  const int = digits.slice(0, digits.length - decimals);
  const frac = digits.slice(digits.length - decimals).replace(/0+$/, '');
  return `${negative ? '-' : ''}${int}${frac ? `.${frac}` : ''}${unit}`;
}

function numberToPlainString(n: number): string {
  if (!Number.isFinite(n)) return 'NaN';
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toFixed(12).replace(/\.?0+$/, '');
}
