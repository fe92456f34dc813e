/**
 * stray-unit: a money unit left after a percentage (增长12.6% 万元, 下降12.5%万元) — usually an amount
 * rewritten as a rate without deleting its unit, so the reader cannot tell which was meant.
 */
import glyphData from '../../../data/number-glyphs.json' with { type: 'json' };
import { defineRule } from '../rule.ts';

const MONEY = [...glyphData.moneyUnits.list].sort((a, b) => b.length - a.length).join('|');
/** A percentage, at most one plain space (not a tab or cell separator), then a money unit. */
const PERCENT_THEN_MONEY = new RegExp(`\\d(?:[\\d,]*\\d)?(?:\\.\\d+)?%[ \\u3000]?(?:${MONEY})`, 'g');
/** The mirror: an amount with its unit, then a percent sign (12.6万元%). */
const MONEY_THEN_PERCENT = new RegExp(`\\d(?:[\\d,]*\\d)?(?:\\.\\d+)?(?:${MONEY})[ \\u3000]?%`, 'g');

/** Start of the whole number ending the match's first digit run (the regex starts on a digit). */
function numberStart(text: string, at: number): number {
  let i = at;
  while (i > 0 && /[\d.,]/.test(text[i - 1]!)) i--;
  return i;
}

export default defineRule({
  id: 'stray-unit',
  category: 'wording',
  severity: 'warning',
  title: '多余的单位',
  description:
    '查找百分数后紧跟金额单位（“比上年增长12.6% 万元”“下降12.5%万元”）或金额后紧跟百分号（“12.6万元%”）的写法：' +
    '数字的单位只能有一个，多半是改写时漏删了原来的单位，读者无法判断说的是金额还是比例。',
  options: {},
  messages: {
    stray: '“{text}”同时带有百分号和金额单位，请核对该数字是比例还是金额，删去多余的单位',
  },
  examples: {
    valid: [
      { name: '比例与金额分开写', text: '支出1846.2万元，比上年增长12.6%，增加206.5万元。' },
      { name: '表格中相邻单元格', text: '执行率\t96.9%\t万元' },
    ],
    invalid: [
      {
        name: '百分数后带金额单位',
        text: '补助资金比上年增长12.6% 万元。',
        expect: [{ messageId: 'stray', quote: '12.6% 万元' }],
      },
      { name: '紧接', text: '公用经费下降12.5%万元。', expect: [{ messageId: 'stray', quote: '12.5%万元' }] },
      {
        name: '金额后带百分号',
        text: '项目支出增长12.6万元%。',
        expect: [{ messageId: 'stray', quote: '12.6万元%' }],
      },
    ],
  },
  check(ctx) {
    const text = ctx.doc.normalized;
    const found: { start: number; end: number }[] = [];
    for (const re of [PERCENT_THEN_MONEY, MONEY_THEN_PERCENT]) {
      re.lastIndex = 0;
      for (let m = re.exec(text); m; m = re.exec(text)) {
        found.push({ start: numberStart(text, m.index), end: m.index + m[0].length });
      }
    }
    found.sort((a, b) => a.start - b.start);
    for (const span of found) {
      ctx.report({
        messageId: 'stray',
        data: { text: ctx.doc.text.slice(span.start, span.end) },
        spans: [span],
      });
    }
  },
});
