/**
 * Interval arithmetic on displayed figures, as XBRL calculation checks do: a figure shown with d decimals
 * stands for every value that rounds to it (544.3 → [544.25, 544.35]).
 */
export interface Interval {
  low: number;
  high: number;
}

export function displayedInterval(value: number, decimals: number, scale = 1): Interval {
  const half = 0.5 * 10 ** -decimals;
  return { low: (value - half) * scale, high: (value + half) * scale };
}

export function sumIntervals(parts: Interval[]): Interval {
  let low = 0;
  let high = 0;
  for (const p of parts) {
    low += p.low;
    high += p.high;
  }
  return { low, high };
}

/** Closed intervals meet; a relative epsilon absorbs binary floating-point noise from the unit scaling. */
export function intervalsMeet(a: Interval, b: Interval): boolean {
  const eps = 1e-9 * Math.max(1, Math.abs(a.high), Math.abs(b.high));
  return a.low <= b.high + eps && b.low <= a.high + eps;
}
