/**
 * A performance-target section that states no measurable indicator value. Funding amounts and the number of
 * projects describe the budget, not what it should achieve; indicators are rates, comparator targets
 * (≥95%) and output counts.
 */
import { conceptOf } from '../../extract/concepts.ts';
import type { Fact } from '../../extract/types.ts';
import { defineRule } from '../rule.ts';
import { allSections } from '../sections.ts';

export default defineRule({
  id: 'unquantified-target',
  category: 'completeness',
  severity: 'warning',
  title: '绩效目标未量化',
  description:
    '绩效目标设置部分没有可衡量的指标值。按财预〔2020〕10号和财预〔2021〕101号的要求，绩效目标应细化为可衡量的指标（数量、质量、时效、成本、效益、满意度），写明指标值，如“培训人数≥500人次”“群众满意度≥90%”。资金安排数和项目个数说明的是预算，不是绩效指标。',
  options: {
    sectionTitles: [
      '绩效目标设置',
      '绩效目标设定',
      '年度绩效目标',
      '整体绩效目标',
      '绩效目标及指标',
      '绩效指标设置',
      '绩效目标',
    ],
    excludeTitles: ['完成', '实现', '执行', '结果', '自评'],
  },
  optionDescriptions: {
    sectionTitles: '视为“绩效目标设置”部分的标题关键词',
    excludeTitles: '标题含这些词时不视为目标设置部分（如“绩效目标完成情况”）',
  },
  messages: {
    noIndicator: '“{title}”部分没有可衡量的绩效指标值（只有资金或项目数），目标无法考核',
  },
  examples: {
    valid: [
      {
        name: '有量化指标',
        text: '一、部门整体支出绩效情况\n（一）绩效目标设置情况\n全年开展培训不少于20场，群众满意度≥90%，安全生产事故为0起。\n（二）绩效目标完成情况\n完成培训22场。\n',
      },
    ],
    invalid: [
      {
        name: '只有资金安排',
        text: '三、部门整体支出绩效情况\n（一）绩效目标设置情况\n2020年基本支出绩效目标计划安排资金1509.2万元，项目支出共设置五个项目，计划安排资金1085万元，保障街道工作正常运转。\n（二）绩效目标完成情况\n完成基本支出1771.06万元。\n',
        expect: [{ messageId: 'noIndicator', quote: '（一）绩效目标设置情况' }],
      },
    ],
  },
  check(ctx) {
    const { facts } = ctx.doc.extraction;
    const { sectionTitles, excludeTitles } = ctx.options;
    const targets = allSections(ctx.doc).filter(
      (s) =>
        sectionTitles.some((t) => s.title.includes(t)) && !excludeTitles.some((t) => s.title.includes(t)),
    );
    const outermost = targets.filter(
      (s) => !targets.some((o) => o !== s && o.start <= s.start && s.end <= o.end && o !== s),
    );
    if (outermost.length === 0) {
      ctx.skip('未找到“绩效目标设置”部分');
      return;
    }
    for (const s of outermost) {
      const inside = facts.filter((f) => f.start >= s.headingEnd && f.end <= s.end);
      if (inside.some(isIndicator)) continue;
      ctx.report({
        messageId: 'noIndicator',
        data: { title: s.title },
        spans: [{ start: s.start, end: s.headingEnd }],
        details: { section: s.title, figures: inside.length },
      });
    }
  },
});

function isIndicator(f: Fact): boolean {
  if (f.comparator) return true;
  if (f.kind === 'percent') return true;
  if (f.kind === 'amount') return false;
  // 五个项目 / 项目支出 counts the budget's structure, not an output.
  return conceptOf(f.label) === null && !/项目/.test(f.label ?? '');
}
