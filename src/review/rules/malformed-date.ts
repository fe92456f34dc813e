/**
 * malformed-date: a date that lost 年 or 月 (2021316日, 2023816日, 20213月16日, 2021年316日). The digits
 * run together only make a date when some split gives a real month and day; other digit runs before 日
 * are left alone.
 */
import { defineRule } from '../rule.ts';

/** Year + month + day digits run together before 日 (6–8 digits: 202136日 … 20210316日). */
const NO_YEAR_NO_MONTH = /(?<![\d.,])((?:19|20)\d{2})(\d{2,4})日/g;
/** Year and month run together before 月 (20213月). */
const NO_YEAR_MARK = /(?<![\d.,])((?:19|20)\d{2})(\d{1,2})月/g;
/** 年 present, 月 lost (2021年316日). */
const NO_MONTH_MARK = /(?<![\d.,])((?:19|20)\d{2})年(\d{3,4})日/g;

const validMonth = (m: number) => m >= 1 && m <= 12;
const validDay = (d: number) => d >= 1 && d <= 31;

/** The month/day readings of a digit run such as 316 (3月16日; 31/6 is no month). */
export function monthDaySplits(digits: string): [number, number][] {
  const out: [number, number][] = [];
  for (const cut of [1, 2]) {
    const m = digits.slice(0, cut);
    const d = digits.slice(cut);
    if (d.length < 1 || d.length > 2) continue;
    if (validMonth(Number(m)) && validDay(Number(d))) out.push([Number(m), Number(d)]);
  }
  return out;
}

interface DateHit {
  start: number;
  end: number;
  suggestion: string;
  missing: string;
}

function scan(text: string): DateHit[] {
  const hits: DateHit[] = [];
  const push = (m: RegExpExecArray, suggestion: string, missing: string) =>
    hits.push({ start: m.index, end: m.index + m[0].length, suggestion, missing });
  NO_YEAR_NO_MONTH.lastIndex = 0;
  for (let m = NO_YEAR_NO_MONTH.exec(text); m; m = NO_YEAR_NO_MONTH.exec(text)) {
    const splits = monthDaySplits(m[2]!);
    if (splits.length === 0) continue;
    const [mo, d] = splits[0]!;
    push(m, splits.length === 1 ? `${m[1]}年${mo}月${d}日` : `${m[1]}年?月?日`, '年、月');
  }
  NO_YEAR_MARK.lastIndex = 0;
  for (let m = NO_YEAR_MARK.exec(text); m; m = NO_YEAR_MARK.exec(text)) {
    if (validMonth(Number(m[2]))) push(m, `${m[1]}年${Number(m[2])}月`, '年');
  }
  NO_MONTH_MARK.lastIndex = 0;
  for (let m = NO_MONTH_MARK.exec(text); m; m = NO_MONTH_MARK.exec(text)) {
    const splits = monthDaySplits(m[2]!);
    if (splits.length === 0) continue;
    const [mo, d] = splits[0]!;
    push(m, splits.length === 1 ? `${m[1]}年${mo}月${d}日` : `${m[1]}年?月?日`, '月');
  }
  return hits.sort((a, b) => a.start - b.start);
}

export default defineRule({
  id: 'malformed-date',
  category: 'wording',
  severity: 'warning',
  title: '日期缺字',
  description:
    '查找丢了“年”或“月”的日期：“2021316日”（应为2021年3月16日）、“20213月16日”、“2021年316日”。只有数字能拆成' +
    '有效的月、日时才报告；“20210316”这类不带“日”的编号和“15个工作日”不报告。',
  options: {},
  messages: {
    date: '日期“{text}”缺少“{missing}”，疑为“{suggestion}”',
  },
  examples: {
    valid: [
      { name: '完整日期', text: '于2021年3月16日召开会议，8月底前完成，共15个工作日。' },
      { name: '编号', text: '合同编号20210316，批次202103。' },
    ],
    invalid: [
      {
        name: '缺年、月',
        text: '项目于2021316日通过竣工验收。',
        expect: [{ messageId: 'date', quote: '2021316日' }],
      },
      { name: '缺年', text: '20213月16日完成招标。', expect: [{ messageId: 'date', quote: '20213月' }] },
      { name: '缺月', text: '2023年816日完成验收。', expect: [{ messageId: 'date', quote: '2023年816日' }] },
    ],
  },
  check(ctx) {
    for (const hit of scan(ctx.doc.normalized)) {
      ctx.report({
        messageId: 'date',
        data: {
          text: ctx.doc.text.slice(hit.start, hit.end),
          missing: hit.missing,
          suggestion: hit.suggestion,
        },
        spans: [{ start: hit.start, end: hit.end }],
      });
    }
  },
});
