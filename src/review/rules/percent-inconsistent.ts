import { clauseBefore } from '../../extract/clauses.ts';
import { conceptOf } from '../../extract/concepts.ts';
import type { Fact } from '../../extract/types.ts';
import { baseScale } from '../../extract/units.ts';
import { comparableFigures, overlaps } from '../figures.ts';
import { defineRule, type ReviewDocument, type RuleContext } from '../rule.ts';

const EXECUTION_RATE = /执行率|完成率|执行进度|支出进度/;
/** 完成年初预算的98.20%, 占预算数的95%: an execution rate said in words. */
const EXECUTION_PHRASE = /(?:完成|达到|占)(?:了)?(?:年初|全年|调整后)?预算(?:数)?的?$/;
const SHARE = /^占(.*?)(?:的)?(?:比重|比例)?$/;
const BOUNDARY = /[。；;！？!?\n]/;

export default defineRule({
  id: 'percent-inconsistent',
  category: 'arithmetic',
  severity: 'warning',
  title: '比率与其依据的数字不符',
  description:
    '文中写明的比率与计算它的数字矛盾：同一句或同一表格行中的执行率与预算数、执行数不符，或“占……的Z%”与部分数、总数不符。两边都按显示精度取区间，舍入能解释的差异不报告；找不到计算依据的比率不检查。',
  options: {},
  messages: {
    rate: '“{label}”写作{stated}，但按{actual}÷{plan}计算应为{computed}',
    share: '“{label}”写作{stated}，但按{part}÷{whole}计算应为{computed}',
    repeatsAmount:
      '增减幅度{stated}与增减额{amount}数值相同，疑为照抄金额；按{amount}÷{base}计算应为{computed}',
    growth: '增减幅度写作{stated}，但按{amount}÷{base}计算应为{computed}',
  },
  examples: {
    valid: [
      {
        name: '降幅正确（上年数由本年数加减少额得出）',
        text: '“三公”经费支出18.60万元，比上年减少2.40万元，下降11.4%。',
      },
      { name: '执行率相符', text: '基本支出年初预算1509.2万元，实际支出1771.06万元，预算执行率117.35%。' },
      {
        name: '部门决算的写法',
        text: '一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。',
      },
      {
        name: '占比相符',
        text: '一般公共预算支出4546.77万元。项目支出2775.71万元，占一般公共预算支出的61.05%。',
      },
      { name: '无依据的比率', text: '社零总额完成年度目标的143%。' },
      { name: '增幅相符', text: '本年预算86.50万元，上年为85.36万元，比上年增加1.14万元，增幅1.34%。' },
    ],
    invalid: [
      {
        name: '执行率算错',
        text: '项目支出年初预算1085万元，实际支出2775.71万元，预算执行率95%。',
        expect: [{ messageId: 'rate', quote: '95%' }],
      },
      {
        name: '“完成年初预算的”',
        text: '一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的92.20%。',
        expect: [{ messageId: 'rate', quote: '92.20%' }],
      },
      {
        name: '“其中”分项的占比',
        text: '本年收入合计2946.25万元，其中：财政拨款收入2940.05万元，占98.79%；其他收入6.20万元，占0.21%。',
        expect: [{ messageId: 'share', quote: '98.79%' }],
      },
      {
        name: '占比算错',
        text: '一般公共预算支出4546.77万元。基本支出1771.06万元，占一般公共预算支出的45%。',
        expect: [{ messageId: 'share', quote: '45%' }],
      },
      {
        name: '增幅照抄增加额',
        text: '本年预算86.50万元，上年为85.36万元，比上年增加1.14万元，增幅1.14%。',
        expect: [{ messageId: 'repeatsAmount', quote: '1.14%' }],
      },
      {
        name: '降幅按本年数推算的上年数核对',
        text: '“三公”经费支出18.60万元，比上年减少2.40万元，下降12.9%。',
        expect: [{ messageId: 'growth', quote: '12.9%' }],
      },
      {
        name: '增幅算错',
        text: '本年预算86.50万元，上年为85.36万元，比上年增加1.14万元，增幅2.5%。',
        expect: [{ messageId: 'growth', quote: '2.5%' }],
      },
      {
        name: '表格行',
        text: '单位：万元\n项目\t预算数\t执行数\t执行率\n基本支出\t1509.2\t1771.06\t107.4%\n',
        expect: [{ messageId: 'rate', quote: '107.4%' }],
      },
    ],
  },
  check(ctx) {
    checkGrowth(ctx);
    const { facts } = ctx.doc.extraction;
    const norm = ctx.doc.normalized;
    let checked = 0;
    facts.forEach((p, i) => {
      if (p.kind !== 'percent' || p.unit !== '%' || p.approx || p.comparator || p.change || !p.label) return;
      const stated = { low: p.value - half(p), high: p.value + half(p) };
      if (EXECUTION_RATE.test(p.label) || EXECUTION_PHRASE.test(clauseBefore(norm, p.start, 30))) {
        const pair = planAndActual(facts, i, norm) ?? fundBalance(ctx.doc, i);
        if (!pair) return;
        checked++;
        const computed = ratio(pair.actual, pair.plan);
        if (!computed || overlaps(stated, computed)) return;
        ctx.report({
          messageId: 'rate',
          data: {
            label: p.label,
            stated: p.text,
            actual: pair.actual.text,
            plan: pair.plan.text,
            computed: show(computed),
          },
          spans: [p, pair.actual, pair.plan],
          details: { stated: p.value, computed },
        });
        return;
      }
      const share = SHARE.exec(p.label);
      if (!share) return;
      const part = previousAmount(facts, i, norm);
      if (!part) return;
      const whole = share[1] ? namedWhole(ctx.doc, share[1], part) : breakdownTotal(ctx.doc, part);
      if (!whole) return;
      checked++;
      const computed = ratio(part, whole);
      if (!computed || overlaps(stated, computed)) return;
      ctx.report({
        messageId: 'share',
        data: {
          label: p.label,
          stated: p.text,
          part: part.text,
          whole: whole.text,
          computed: show(computed),
        },
        spans: [p, part, whole],
        details: { stated: p.value, computed },
      });
    });
    if (checked === 0) ctx.skip('未找到能与其计算依据对照的比率');
  },
});

/** 占一般公共预算支出的61.05%: the whole is named; its figure is the concept's outturn this year. */
function namedWhole(doc: ReviewDocument, name: string, part: Fact): Fact | null {
  const concept = conceptOf(name);
  if (!concept) return null;
  const whole = comparableFigures(doc).find(
    (f) => f.concept === concept.id && f.basis === 'actual' && f.scope === 'year' && f.fact !== part,
  );
  return whole?.fact ?? null;
}

/** 其中：财政拨款收入2940.05万元，占98.79%: a bare 占 is a share of the total the item is listed under. */
function breakdownTotal(doc: ReviewDocument, part: Fact): Fact | null {
  const { facts, relations } = doc.extraction;
  const index = facts.indexOf(part);
  const relation = relations.find((r) => r.parts.includes(index));
  return relation ? facts[relation.total]! : null;
}

function half(f: Fact): number {
  return 0.5 * 10 ** -f.decimals;
}

/** Percent interval of a / b from the two displayed intervals. */
function ratio(a: Fact, b: Fact): { low: number; high: number } | null {
  const sa = baseScale(a);
  const sb = baseScale(b);
  const bLow = (b.value - half(b)) * sb;
  if (bLow <= 0) return null;
  return {
    low: (((a.value - half(a)) * sa) / ((b.value + half(b)) * sb)) * 100,
    high: (((a.value + half(a)) * sa) / bLow) * 100,
  };
}

function show(r: { low: number; high: number }): string {
  return `${(Math.round(((r.low + r.high) / 2) * 100) / 100).toString()}%`;
}

/** The budget and outturn amounts stated before the rate in the same sentence or table row. */
function planAndActual(facts: Fact[], i: number, norm: string): { plan: Fact; actual: Fact } | null {
  let plan: Fact | null = null;
  let actual: Fact | null = null;
  for (let j = i - 1; j >= 0; j--) {
    const f = facts[j]!;
    if (crosses(norm, f.end, facts[j + 1]!.start)) break;
    if (f.kind !== 'amount' || f.approx || f.change) continue;
    if (f.basis === 'plan') plan ??= f;
    else if (f.basis === 'actual' || f.basis == null) actual ??= f;
  }
  if (!plan || !actual) return null;
  const pc = conceptOf(plan.label)?.id;
  const ac = conceptOf(actual.label)?.id;
  if (pc && ac && pc !== ac) return null;
  return { plan, actual };
}

/**
 * 全年实际支出367.47万元，……预算执行率为96.2%: with no budget in the sentence, the budget is the one the
 * fund's balance relates the outturn to (budget = spent + 结转 + 结余).
 */
function fundBalance(doc: ReviewDocument, rate: number): { plan: Fact; actual: Fact } | null {
  const { facts, relations } = doc.extraction;
  for (let j = rate - 1; j >= 0 && !crosses(doc.normalized, facts[j]!.end, facts[j + 1]!.start); j--) {
    const balance = relations.find((r) => r.implied === 'balance' && r.parts[0] === j);
    if (balance) return { plan: facts[balance.total]!, actual: facts[j]! };
  }
  return null;
}

function previousAmount(facts: Fact[], i: number, norm: string): Fact | null {
  for (let j = i - 1; j >= 0; j--) {
    const f = facts[j]!;
    if (crosses(norm, f.end, facts[j + 1]!.start)) return null;
    if (f.kind === 'amount' && !f.approx && !f.change) return f;
  }
  return null;
}

function crosses(norm: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (BOUNDARY.test(norm[k]!)) return true;
  return false;
}

const GROWTH_LEAD = /^[，,\s]*(?:同比)?(?:增幅|增长|增加|上升|提高|降幅|下降|减少|降低)了?(?:为|达)?\s*$/;
const LAST_YEAR = /(?:上年|去年|上年度|上年同期)(?:为|是|支出|预算)?[^，,。；;]{0,6}$/;

/**
 * 上年为85.36万元，比上年增加1.14万元，增幅1.14%: a rate of change is the change over last year's figure.
 * A rate equal in digits to the change amount was copied from it.
 */
function checkGrowth(ctx: RuleContext<object>): void {
  const { facts } = ctx.doc.extraction;
  const norm = ctx.doc.normalized;
  for (let i = 1; i < facts.length; i++) {
    const rate = facts[i]!;
    const change = facts[i - 1]!;
    if (rate.kind !== 'percent' || rate.unit !== '%' || change.kind !== 'amount' || !change.change) continue;
    if (!GROWTH_LEAD.test(norm.slice(change.end, rate.start))) continue;
    const stated = lastYearBefore(norm, facts, i - 1);
    const derived = stated ? null : derivedLastYear(norm, facts, i - 1);
    const base = stated ?? derived?.current;
    if (!base) continue;
    const baseValue = stated ? stated.value : derived!.value;
    if (baseValue <= 0) continue;
    const computed = ((change.value * (baseScale(change) / baseScale(base))) / baseValue) * 100;
    const half = 0.5 * 10 ** -rate.decimals;
    const repeats = rate.value === change.value && rate.decimals === change.decimals;
    if (!repeats && Math.abs(computed - rate.value) <= half + 1e-9) continue;
    if (!repeats && Math.abs(computed - rate.value) <= 0.01 * Math.max(1, computed)) continue;
    ctx.report({
      messageId: repeats ? 'repeatsAmount' : 'growth',
      data: {
        stated: rate.text,
        amount: change.text,
        base: stated
          ? stated.text
          : `${Number(baseValue.toFixed(6))}${base.unit}（${base.text}${change.change === 'decrease' ? '＋' : '－'}${change.text}）`,
        computed: `${computed.toFixed(Math.max(rate.decimals, 2))}%`,
      },
      spans: [rate, change, base],
      details: { stated: rate.value, computed: Math.round(computed * 1e4) / 1e4 },
    });
  }
}

/**
 * 支出18.60万元，比上年减少2.40万元，下降11.4%: with no 上年 figure stated, last year's is this year's figure
 * the change qualifies, plus the decrease (or minus the increase).
 */
function derivedLastYear(
  norm: string,
  facts: Fact[],
  changeIndex: number,
): { current: Fact; value: number } | null {
  const change = facts[changeIndex]!;
  const current = facts[changeIndex - 1];
  if (current?.kind !== 'amount' || current.change || current.approx || current.value <= 0) return null;
  if (/[。；;\n]/.test(norm.slice(current.end, change.start))) return null;
  const delta = (change.value * baseScale(change)) / baseScale(current);
  return { current, value: current.value + (change.change === 'decrease' ? delta : -delta) };
}

/** Last year's figure in the same sentence before the change: 上年为85.36万元. */
function lastYearBefore(norm: string, facts: Fact[], changeIndex: number): Fact | null {
  for (let j = changeIndex - 1; j >= 0 && j >= changeIndex - 3; j--) {
    const f = facts[j]!;
    if (/[。；;\n]/.test(norm.slice(f.end, facts[changeIndex]!.start))) return null;
    if (
      f.kind === 'amount' &&
      !f.change &&
      f.value > 0 &&
      LAST_YEAR.test(norm.slice(Math.max(0, f.start - 12), f.start))
    )
      return f;
  }
  return null;
}
