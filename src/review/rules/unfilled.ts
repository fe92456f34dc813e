/**
 * unfilled: a marker of content still to be written (（待填写）, ：待补充). `jixiao render` writes one where the
 * model has no data for a section, so a draft says what is missing; a warning by default, raised to an error
 * for final submissions with `--rule unfilled=error` or a config file.
 */
import { defineRule } from '../rule.ts';
import { findPlaceholders, UNFILLED } from './placeholder.ts';

export default defineRule({
  id: 'unfilled',
  category: 'completeness',
  severity: 'warning',
  title: '待填写的内容',
  description:
    '报告中留有“待填写”“待补充”“待填报”等待填标记（“资料有待补充”这类正文不报告）。由 jixiao render 从不完整的模型' +
    '生成的初稿，会在缺少数据的章节写上“（待填写，模型字段：…）”，提醒补齐；正式报送前应全部填写。默认为警告，' +
    '审核正式报告时可用 `--rule unfilled=error` 提高为错误。词表见 data/placeholders.json。',
  options: {},
  messages: {
    unfilled: '“{text}”：此处内容尚待填写',
  },
  examples: {
    valid: [{ name: '正文中的“有待补充”', text: '部分绩效佐证资料有待补充。相关制度待补充完善。' }],
    invalid: [
      {
        name: '待填标记',
        text: '（二）绩效目标完成情况（待补充）',
        expect: [{ messageId: 'unfilled', quote: '待补充' }],
      },
      {
        name: '生成的初稿中缺数据的章节',
        text: '（三）政府性基金预算支出情况\n（待填写，模型字段：budget.govFund）',
        expect: [{ messageId: 'unfilled', quote: '待填写' }],
      },
    ],
  },
  check(ctx) {
    for (const hit of findPlaceholders(ctx.doc.normalized, UNFILLED)) {
      ctx.report({
        messageId: 'unfilled',
        data: { text: ctx.doc.text.slice(hit.start, hit.end) },
        spans: [{ start: hit.start, end: hit.end }],
        details: { entry: hit.entry.id },
      });
    }
  },
});
