/** Reading numbers as Chinese reports write them: Arabic, Chinese (一千二百), capital financial (壹佰贰拾) and 〇-years. */

import { isSpaceCode } from '../text/space.ts';

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  壹: 1,
  贰: 2,
  叁: 3,
  肆: 4,
  伍: 5,
  陆: 6,
  柒: 7,
  捌: 8,
  玖: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

/**
 * Value of a Chinese numeral (一千二百 → 1200, 十九 → 19, 叁拾伍 → 35, 二〇二〇 → 2020).
 * Returns null when the string is not a well-formed numeral.
 */
export function parseChineseNumeral(s: string): number | null {
  if (s.length === 0) return null;
  // Digit-by-digit form (二〇二〇, 一九九八): no unit characters at all.
  if ((s.includes('〇') || s.length === 4) && [...s].every((c) => c in DIGITS)) {
    let v = 0;
    for (const c of s) v = v * 10 + DIGITS[c]!;
    return v;
  }
  let total = 0;
  let section = 0;
  let digit: number | null = null;
  for (const c of s) {
    if (c in DIGITS) {
      if (digit !== null && DIGITS[c] !== 0 && digit !== 0) return null; // 二三 is not a numeral
      digit = DIGITS[c]!;
    } else if (c in SMALL_UNITS) {
      section += (digit ?? 1) * SMALL_UNITS[c]!;
      digit = null;
    } else if (c in BIG_UNITS) {
      section += digit ?? 0;
      if (section === 0 && total === 0) return null;
      total = (total + section) * BIG_UNITS[c]!;
      section = 0;
      digit = null;
    } else {
      return null;
    }
  }
  return total + section + (digit ?? 0);
}

/** Parse an Arabic figure as written: thousands separators and a stray space after the decimal point allowed. */
export function parseArabic(s: string): { value: number; decimals: number } | null {
  // Checked by character rather than by a replace and a regex: every digit run in a report comes here.
  let intDigits = 0;
  let fracDigits = 0;
  let dots = 0;
  let skipped = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (dots === 0) intDigits++;
      else fracDigits++;
    } else if (c === 46 && dots === 0 && intDigits > 0) dots = 1;
    else if (c === 44 || isSpaceCode(c)) skipped = true;
    else return null;
  }
  if (intDigits === 0 || (dots === 1 && fracDigits === 0)) return null;
  const clean = skipped ? s.replace(/[,\s]/g, '') : s;
  return { value: Number(clean), decimals: fracDigits };
}

export const CN_DIGIT_CHARS = '零〇一二两三四五六七八九十百千';
export const CN_CAPITAL_CHARS = '零壹贰叁肆伍陆柒捌玖拾佰仟';
