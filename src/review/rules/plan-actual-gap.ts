/**
 * Actual spending against its plan or budget (execution rate) outside a band. Plans are figures the text
 * marks as planned or budgeted (计划安排, 年初预算, 预算数 columns); outturns are the same concept's other
 * figures of the same period.
 */
import { conceptById } from '../../extract/concepts.ts';
import { planActualPairs } from '../figures.ts';
import { defineRule, type RuleContext } from '../rule.ts';
import { shortfalls } from '../targets.ts';

const ALL_MET = /(?:各项|全部|所有)(?:绩效)?(?:指标|目标)[^。；;\n]{0,8}(?:均|全部|已)[^。；;\n]{0,6}完成/;
const EXECUTION_RATE = /执行率|支出进度|执行进度/;

export default defineRule({
  id: 'plan-actual-gap',
  category: 'consistency',
  severity: 'warning',
  title: '预算执行偏离计划',
  description:
    '同一支出口径的实际执行数与计划（预算）数相比，执行率超出合理区间（默认 90%～110%）。执行率远高于 100% 通常说明预算编制不准或年中大量追加，应在报告中说明原因；远低于 100% 说明执行不力；“三公”经费等应压减的支出低于预算是节约，只在远低于预算（默认低于 70%）时以低一级的严重程度提示，请说明节约原因。计划数指文中标明“计划安排”“年初预算”“预算数”的数字，实际数为同一口径、同一期间的其他数字。',
  options: { low: 0.9, high: 1.1, statedRateLow: 0.5, savingsLow: 0.7 },
  optionDescriptions: {
    low: '执行率下限（比例，0.9 即 90%）',
    high: '执行率上限（比例，1.1 即 110%）',
    statedRateLow: '文中直接写出的执行率低于此值时提示（比例，0.5 即 50%）',
    savingsLow: '“三公”经费等压减类支出执行率低于此值时，按低一级的严重程度提示节约（比例，0.7 即 70%）',
  },
  messages: {
    over: '{concept}实际{actual}，计划{plan}，执行率{rate}，高于{high}',
    under: '{concept}实际{actual}，计划{plan}，执行率{rate}，低于{low}',
    savings: '{concept}实际{actual}，预算{plan}，仅执行{rate}，请说明节约原因并核实预算编制是否偏高',
    targetMissed: '“{indicator}”实际完成{actual}，未达到年度目标{target}',
    targetMissedClaimedMet: '“{indicator}”实际完成{actual}，未达到年度目标{target}，但文中称各项指标均已完成',
    lowRate: '执行率{rate}，低于{low}，应说明原因',
  },
  examples: {
    valid: [
      { name: '“三公”经费略低于预算', text: '“三公”经费预算30万元，实际支出27.5万元。' },
      { name: '执行率在区间内', text: '基本支出计划安排资金1000万元。2020年完成基本支出980万元。' },
      { name: '没有计划数', text: '2020年基本支出1771.06万元。' },
      {
        name: '以调整预算为准',
        text: '项目年初预算800万元，调整预算960万元，实际支出912.48万元。',
      },
      { name: '指标达到目标', text: '三级指标\t年度指标值\t实际完成值\n受益农户\t≥3000户\t3126户\n' },
      { name: '执行率正常', text: '项目预算执行率为96.2%。' },
    ],
    invalid: [
      {
        name: '“三公”经费远低于预算（节约，低一级提示）',
        text: '“三公”经费预算30万元，实际支出12.4万元。',
        expect: [{ messageId: 'savings', quote: '12.4万元' }],
      },
      {
        name: '远超计划',
        text: '项目支出共设置五个项目，计划安排资金1085万元。2020年一般公共预算项目支出2775.71万元。',
        expect: [{ messageId: 'over', quote: '2775.71万元' }],
      },
      {
        name: '执行不足',
        text: '基本支出计划安排资金1000万元。2020年完成基本支出600万元。',
        options: { low: 0.8 },
        expect: [{ messageId: 'under', quote: '600万元' }],
      },
      {
        name: '自评表指标未达目标',
        text: '三级指标\t年度指标值\t实际完成值\n日常养护里程\t≥320km\t296km\n',
        expect: [{ messageId: 'targetMissed', quote: '296km' }],
      },
      {
        name: '计划数与实际数在同一句',
        text: '实施方案确定年度建成垃圾分类示范村20个，评价时实际建成14个，完成率70%。',
        expect: [{ messageId: 'targetMissed', quote: '14个' }],
      },
      {
        name: '未达目标却称全部完成',
        text: '在岗专业扑火队员171人（年度目标不低于190人），本项目各项绩效指标均已完成。',
        expect: [{ messageId: 'targetMissedClaimedMet', quote: '171人' }],
      },
      {
        name: '执行率过低',
        text: '截至7月底，该项目执行率仅19.49%。',
        expect: [{ messageId: 'lowRate', quote: '19.49%' }],
      },
    ],
  },
  check(ctx) {
    checkTargets(ctx);
    checkStatedRates(ctx);
    const pairs = planActualPairs(ctx.doc);
    if (pairs === null) {
      ctx.skip('未找到计划数或预算数');
      return;
    }
    const compared = pairs.length;
    for (const { plan, actual, rate } of pairs) {
      const { low, high } = ctx.options;
      if (rate >= low && rate <= high) continue;
      // Costs to be kept down (三公经费) under plan are savings: worth a question only when far under, and
      // one level less serious than a failure to spend.
      const savings = rate < low && conceptById(plan.concept)?.spendingBelowPlanIsGood === true;
      if (savings && rate >= ctx.options.savingsLow) continue;
      ctx.report({
        messageId: savings ? 'savings' : rate > high ? 'over' : 'under',
        lower: savings,
        data: {
          concept: plan.conceptName,
          actual: actual.fact.text,
          plan: plan.fact.text,
          rate: percent(rate),
          low: percent(low),
          high: percent(high),
        },
        spans: [actual.fact, plan.fact],
        details: {
          concept: plan.concept,
          actual: actual.fact.value,
          plan: plan.fact.value,
          rate: round(rate, 4),
        },
      });
    }
    if (compared === 0) ctx.skip('找到计划数，但没有同一口径的实际数可比');
  },
});

type Ctx = RuleContext<{ low: number; high: number; statedRateLow: number; savingsLow: number }>;

function checkTargets(ctx: Ctx): void {
  const { text, extraction } = ctx.doc;
  const claim = ALL_MET.exec(text);
  for (const { target, actual, indicator, reason } of shortfalls(text, extraction.facts)) {
    const spans = [
      actual,
      target,
      ...(reason ? [reason] : []),
      ...(claim ? [{ start: claim.index, end: claim.index + claim[0].length }] : []),
    ];
    ctx.report({
      messageId: claim ? 'targetMissedClaimedMet' : 'targetMissed',
      data: { indicator: indicator || '该指标', actual: actual.text, target: target.text },
      spans,
      details: { target: target.value, actual: actual.value, unit: actual.unit },
    });
  }
}

/** 执行率仅19.49%: a stated execution rate far below plan needs its reason. */
function checkStatedRates(ctx: Ctx): void {
  for (const f of ctx.doc.extraction.facts) {
    if (f.kind !== 'percent' || f.unit !== '%' || f.comparator || f.change) continue;
    if (!EXECUTION_RATE.test(f.label ?? '') || f.value >= ctx.options.statedRateLow * 100) continue;
    ctx.report({
      messageId: 'lowRate',
      data: { rate: f.text, low: percent(ctx.options.statedRateLow) },
      spans: [f],
      details: { rate: f.value },
    });
  }
}

function percent(x: number): string {
  return `${round(x * 100, 1)}%`;
}

function round(x: number, digits: number): number {
  return Math.round(x * 10 ** digits) / 10 ** digits;
}
