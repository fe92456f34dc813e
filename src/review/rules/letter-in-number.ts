/**
 * letter-in-number: a Latin letter typed where a digit was meant (2O22年, 202l年, l0万元). Only the letters
 * that look like digits (O o l I, data/number-glyphs.json) count, and only inside a run of digits and such
 * letters that stands alone: ISO9001, O2O, IPv6 and COVID-19 are words or codes, not mistyped numbers.
 */
import glyphData from '../../../data/number-glyphs.json' with { type: 'json' };
import { defineRule } from '../rule.ts';

const LETTER_DIGITS: Record<string, string> = glyphData.letterDigits.map;
const FOLLOWERS: string[] = [...glyphData.numberFollowers.list].sort((a, b) => b.length - a.length);

const LETTERS = Object.keys(LETTER_DIGITS).join('');
/** A run of digits and look-alike letters, not glued to other letters, digits or an identifier. */
const TOKEN = new RegExp(
  `(?<![A-Za-z0-9_.\\-/])[0-9${LETTERS}]+(?:\\.[0-9${LETTERS}]+)?(?![A-Za-z0-9_\\-/])`,
  'g',
);
const LETTER_BETWEEN_DIGITS = new RegExp(`[0-9][${LETTERS}]+[0-9]`);
const HAS_DIGIT = /[0-9]/;
/** Cheap pre-check: most reports have no letter touching a digit at all. */
const LETTER_TOUCHES_DIGIT = new RegExp(`[0-9][${LETTERS}]|[${LETTERS}][0-9]`);
const HAS_LETTER = new RegExp(`[${LETTERS}]`);

/** The digit string meant: each look-alike letter replaced by its digit. */
export function intendedNumber(token: string): string {
  return [...token].map((c) => LETTER_DIGITS[c] ?? c).join('');
}

function followedByUnit(text: string, end: number): boolean {
  return FOLLOWERS.some((unit) => text.startsWith(unit, end));
}

export default defineRule({
  id: 'letter-in-number',
  category: 'wording',
  severity: 'warning',
  title: '数字中混入字母',
  description:
    '查找数字里误打的形近拉丁字母：字母 O/o 当作 0、l/I 当作 1，如“2O22年”“202l年”“l0万元”。字母夹在两个数字之间，' +
    '或与数字相连且其后紧接年、月、日、万元、%、人、个等单位时报告；ISO9001、O2O、IPv6 这类型号和英文缩写不报告' +
    '（字表见 data/number-glyphs.json）。',
  options: {},
  messages: {
    letter: '数字“{token}”中混入了字母，疑为“{intended}”',
  },
  examples: {
    valid: [
      { name: '型号与缩写', text: '通过ISO9001认证，推广O2O模式，升级IPv6网络，做好COVID-19防控。' },
      { name: '正确的数字', text: '2022年12月31日前完成，支出10万元。' },
    ],
    invalid: [
      {
        name: '字母 O 当作 0',
        text: '截至2O22年12月31日，项目已完工。',
        expect: [{ messageId: 'letter', quote: '2O22' }],
      },
      {
        name: '字母 l 当作 1',
        text: '202l年度部门整体支出绩效自评报告',
        expect: [{ messageId: 'letter', quote: '202l' }],
      },
      {
        name: '数字开头的字母',
        text: '安排资金l0万元用于设备购置。',
        expect: [{ messageId: 'letter', quote: 'l0' }],
      },
    ],
  },
  check(ctx) {
    const text = ctx.doc.normalized;
    if (!LETTER_TOUCHES_DIGIT.test(text)) return;
    TOKEN.lastIndex = 0;
    for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
      const token = m[0];
      if (!HAS_DIGIT.test(token) || !HAS_LETTER.test(token)) continue;
      const end = m.index + token.length;
      if (!LETTER_BETWEEN_DIGITS.test(token) && !followedByUnit(text, end)) continue;
      ctx.report({
        messageId: 'letter',
        data: { token: ctx.doc.text.slice(m.index, end), intended: intendedNumber(token) },
        spans: [{ start: m.index, end }],
        details: { intended: intendedNumber(token) },
      });
    }
  },
});
