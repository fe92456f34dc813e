/**
 * privacy: personal numbers that must not be published in a public report: 居民身份证号 (checksum-valid),
 * legacy 15-digit IDs (only beside an ID label: they have no checksum), mobile numbers and bank card numbers
 * (Luhn-valid). Matches run on `doc.normalized`, so full-width digits are caught too; spans are the same.
 * The full number never leaves the span: messages and data carry a masked form only.
 */
import { defineRule } from '../rule.ts';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82,
]);

const ID18 =
  /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
const ID15 = /(?<![0-9A-Za-z])[1-9]\d{7}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}(?![0-9A-Za-z])/g;
/** 11 digits, optionally +86, optionally grouped 3-4-4 by a space or hyphen; not inside a longer figure. */
const MOBILE =
  /(?<![0-9A-Za-z.\-/_@])(?:\+?86[- ]?)?(1[3-9]\d)([- ]?)(\d{4})\2(\d{4})(?![0-9A-Za-z_@]|\.\d)/g;
/** 16–19 digits, bare or in groups of four separated by single spaces (6222 0212 3456 7890). */
const CARD =
  /(?<![0-9A-Za-z.\-/_@])[3-69](?:\d{15,18}|\d{3}(?: \d{4}){3}(?: \d{1,3})?)(?![0-9A-Za-z_@]|\.\d)/g;

/** Mobile prefixes actually issued (VincentSit/ChinaMobilePhoneNumberRegex); 11-digit amounts rarely fit. */
const MOBILE_PREFIX = /^1(?:3\d|4[5-9]|5[0-35-9]|6[25-7]|7[0-8]|8\d|9[0-35-9])$/;

/** What follows a figure, not a phone number: a unit or a measure word. */
const UNIT_AFTER =
  /^\s*(?:元|万|亿|千|百|%|‰|人|户|次|个|件|套|吨|台|辆|家|所|名|米|平方|亩|天|年|月|日|号|kg|km|m²)/;
const MONEY_BEFORE = /[¥￥$]\s*$/;
/**
 * Every number the patterns above match holds seven digits with at most a space or hyphen after the third
 * (138 1234, 222 0212 of a grouped card): a report without one has nothing to find, and this one scan is
 * cheaper than the four patterns, whose look-behinds are tried at every character.
 */
const DIGIT_RUN = /\d{3}[- ]?\d{4}/;

const ID_LABEL = /(?:身份证|证件号|身份号码|公民身份|证号)[^\n。]{0,20}$/;
const NOT_PERSONAL_LABEL =
  /(?:信用代码|纳税人识别号|税号|注册号|机构代码|组织代码|编号|编码|代码|单号|订单|发票|合同|文号|流水|批次|序列号|条码|证书|对公|基本户|基本账户|单位账户)[^\n。；]{0,12}$/;

function idChecksumValid(id: string): boolean {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11] === id[17]!.toUpperCase();
}

function realDate(year: number, month: number, day: number, today: Date): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return false;
  return d.getTime() <= today.getTime();
}

export function isResidentId(id: string, today = new Date()): boolean {
  if (!/^[1-9]\d{16}[\dXx]$/.test(id)) return false;
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return false;
  if (!realDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)), today))
    return false;
  return idChecksumValid(id);
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** 统一社会信用代码 (GB 32100-2015): 18 characters, mod-31 check character. */
export function isCreditCode(code: string): boolean {
  const s = code.toUpperCase();
  if (!/^[1-9ANY][1-9]\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARS.indexOf(s[i]!) * USCC_WEIGHTS[i]!;
  return USCC_CHARS[(31 - (sum % 31)) % 31] === s[17];
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function mask(digits: string, keepStart: number, keepEnd: number): string {
  return (
    digits.slice(0, keepStart) + '*'.repeat(digits.length - keepStart - keepEnd) + digits.slice(-keepEnd)
  );
}

/** Up to 40 characters before `at` on the same line: the label a number is given under. */
function labelBefore(text: string, at: number): string {
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  return text.slice(Math.max(lineStart, at - 40), at);
}

export default defineRule({
  id: 'privacy',
  category: 'privacy',
  severity: 'error',
  title: '个人信息泄露',
  description:
    '公开的绩效自评报告不得披露个人信息。依据《中华人民共和国个人信息保护法》（金融账户等属敏感个人信息，' +
    '第二十八条）和《中华人民共和国政府信息公开条例》（2019年修订）第十五条（涉及个人隐私的政府信息不予公开），' +
    '本规则查找：18位居民身份证号（按GB 11643—1999核对地区码、出生日期和校验码）、15位旧身份证号（无校验位，' +
    '仅在“身份证”等字样后报告）、11位手机号码（可带+86或3-4-4分隔，排除金额、百分数、部分遮挡的号码和更长数字的一段）、' +
    '16～19位银行卡号（Luhn校验通过、首位为3/4/5/6/9，排除身份证号、统一社会信用代码和编号类字段）。' +
    '单位办公电话属公开信息，不报告。提示中只显示遮挡后的号码。',
  options: {},
  messages: {
    idNumber: '疑似公开了居民身份证号（{masked}），请删除或遮挡',
    legacyId: '疑似公开了15位旧版身份证号（{masked}，无校验位，请核实），请删除或遮挡',
    mobile: '疑似公开了个人手机号码（{masked}），请删除、遮挡或改为办公电话',
    bankCard: '疑似公开了银行卡号（{masked}），请删除或遮挡',
  },
  examples: {
    valid: [
      { name: '已遮挡的号码', text: '低保对象张某，身份证号430105********1234，联系电话138****5678。' },
      { name: '金额与办公电话', text: '全年投入资金13512345678元；联系人：王某，联络电话：0731-8690022。' },
      {
        name: '统一社会信用代码',
        text: '承接单位统一社会信用代码91350100M000100Y43，开户账号1901008709000012345。',
      },
    ],
    invalid: [
      {
        name: '身份证号',
        text: '救助对象：张某，身份证号11010519491231002X，已发放救助金。',
        expect: [{ messageId: 'idNumber', quote: '11010519491231002X' }],
      },
      {
        name: '手机号码',
        text: '联系人：王某，联系电话：138 0013 8000。',
        expect: [{ messageId: 'mobile', quote: '138 0013 8000' }],
      },
      {
        name: '15位旧身份证号',
        text: '户主身份证号：110105491231002，已核实。',
        expect: [{ messageId: 'legacyId', quote: '110105491231002' }],
      },
      {
        name: '银行卡号',
        text: '补贴已打入户主个人银行卡6222020200112233446。',
        expect: [{ messageId: 'bankCard', quote: '6222020200112233446' }],
      },
    ],
  },
  check(ctx) {
    const text = ctx.doc.normalized;
    if (!DIGIT_RUN.test(text)) return;
    const today = new Date();
    const taken: [number, number][] = [];
    const overlaps = (s: number, e: number) => taken.some(([a, b]) => s < b && a < e);
    const found: { start: number; end: number; messageId: string; kind: string; masked: string }[] = [];
    const add = (start: number, end: number, messageId: string, kind: string, masked: string) => {
      taken.push([start, end]);
      found.push({ start, end, messageId, kind, masked });
    };

    ID18.lastIndex = 0;
    for (let m = ID18.exec(text); m; m = ID18.exec(text)) {
      const id = m[0];
      if (!isResidentId(id, today) || isCreditCode(id)) continue;
      if (NOT_PERSONAL_LABEL.test(labelBefore(text, m.index))) continue;
      add(m.index, m.index + 18, 'idNumber', '居民身份证号', mask(id, 6, 4));
    }

    // No checksum: a 15-digit figure is an ID only where the text says so.
    ID15.lastIndex = 0;
    for (let m = ID15.exec(text); m; m = ID15.exec(text)) {
      const id = m[0];
      if (!PROVINCES.has(Number(id.slice(0, 2)))) continue;
      if (!realDate(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12)), today))
        continue;
      if (!ID_LABEL.test(labelBefore(text, m.index))) continue;
      add(m.index, m.index + 15, 'legacyId', '15位旧版身份证号', mask(id, 6, 3));
    }

    MOBILE.lastIndex = 0;
    for (let m = MOBILE.exec(text); m; m = MOBILE.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      const digits = m[1]! + m[3]! + m[4]!;
      if (!MOBILE_PREFIX.test(m[1]!) || overlaps(start, end)) continue;
      if (
        UNIT_AFTER.test(text.slice(end, end + 4)) ||
        MONEY_BEFORE.test(text.slice(Math.max(0, start - 3), start))
      ) {
        continue;
      }
      // 15000000000: a round figure, not a subscriber number.
      if (/0{5}$/.test(digits)) continue;
      if (NOT_PERSONAL_LABEL.test(labelBefore(text, start))) continue;
      add(start, end, 'mobile', '手机号码', mask(digits, 3, 4));
    }

    CARD.lastIndex = 0;
    for (let m = CARD.exec(text); m; m = CARD.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      const digits = m[0].replace(/ /g, '');
      if (digits.length < 16 || digits.length > 19 || overlaps(start, end)) continue;
      if (!luhnValid(digits)) continue;
      if (digits.length === 18 && (isResidentId(digits, today) || isCreditCode(digits))) continue;
      if (
        UNIT_AFTER.test(text.slice(end, end + 4)) ||
        MONEY_BEFORE.test(text.slice(Math.max(0, start - 3), start))
      ) {
        continue;
      }
      if (NOT_PERSONAL_LABEL.test(labelBefore(text, start))) continue;
      add(start, end, 'bankCard', '银行卡号', mask(digits, 4, 4));
    }

    found.sort((a, b) => a.start - b.start);
    for (const f of found) {
      ctx.report({
        messageId: f.messageId,
        data: { kind: f.kind, masked: f.masked },
        spans: [{ start: f.start, end: f.end }],
        details: { kind: f.kind, masked: f.masked },
      });
    }
  },
});
