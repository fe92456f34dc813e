/**
 * The same quantity stated with different values in different places (项目支出 2775.71万元 vs 专项支出
 * 3075.21万元). Figures are compared only within one concept (data/concepts.json), one basis (plan with
 * plan, outturn with outturn) and one period, and only beyond display rounding.
 */

import { displayedInterval, intervalsMeet } from '../../extract/interval.ts';
import type { Fact } from '../../extract/types.ts';
import { baseScale, yuanPerUnit } from '../../extract/units.ts';
import { comparableFigures, type Figure, mostStated, overlaps } from '../figures.ts';
import type { RuleContext } from '../rule.ts';
import { defineRule } from '../rule.ts';
import { tableCounterparts } from '../table-counterparts.ts';

export default defineRule({
  id: 'figure-inconsistent',
  category: 'consistency',
  severity: 'error',
  title: '同一数字前后不一致',
  description:
    '同一口径的数字（如项目支出、专项支出、业务工作经费支出）在报告不同位置出现了不同的数值。只比较同一概念、同一口径（计划与计划、实际与实际）、同一期间的数字，显示精度内的舍入差异不算不一致。概念的同义词见 data/concepts.json。',
  options: {},
  messages: {
    capitalDiffers: '大写金额{capital}（{capitalValue}）与小写{small}不一致',
    differs: '{concept}前后不一致：此处“{label}”为{value}，而前文“{otherLabel}”为{other}',
    tableDiffers: '正文“{label}”为{value}，而表中“{cell}”为{other}',
  },
  examples: {
    valid: [
      { name: '大写与小写一致', text: '项目总预算人民币叁佰捌拾陆万元整（小写：386.00万元）。' },
      {
        name: '同一数字重复出现',
        text: '2020年项目支出2775.71万元。2020年街道完成项目支出2775.71万元。',
      },
      {
        name: '计划数与实际数不比较',
        text: '项目支出计划安排资金1085万元。2020年项目支出2775.71万元。',
      },
      {
        name: '年初预算与调整预算不比较',
        text: '基本支出年初预算数1250万元。基本支出调整预算数1312.4万元。',
      },
      {
        name: '不同期间不比较',
        text: '1-11月项目支出2500万元。2020年项目支出2775.71万元。',
      },
      {
        name: '舍入差异',
        text: '基本支出1771.06万元。基本支出1771.1万元。',
      },
      {
        name: '正文与表格一致',
        text: '项目产出指标得分率为81.5%。\n一级指标 | 分值 | 得分 | 得分率\n项目决策 | 20 | 17.5 | 87.5%\n项目产出 | 40 | 32.6 | 81.5%\n',
      },
    ],
    invalid: [
      {
        name: '大写与小写不一致',
        text: '项目总投资人民币壹仟贰佰叁拾陆万肆仟元整（小写：1,263.40万元）。',
        expect: [{ messageId: 'capitalDiffers', quote: '壹仟贰佰叁拾陆万肆仟元整' }],
      },
      {
        name: '项目支出与专项支出',
        text: '2020年街道一般公共预算项目支出2775.71万元。2020年街道专项支出3075.21万元。',
        expect: [{ messageId: 'differs', quote: '3075.21万元' }],
      },
      {
        name: '以多数说法为准',
        text: '项目支出2875.71万元。2020年项目支出2775.71万元。全年完成项目支出2775.71万元。',
        expect: [{ messageId: 'differs', quote: '2875.71万元' }],
      },
      {
        name: '正文与表格不一致',
        text: '项目产出指标得分率为85.2%。\n一级指标 | 分值 | 得分 | 得分率\n项目决策 | 20 | 17.5 | 87.5%\n项目产出 | 40 | 32.6 | 81.5%\n',
        expect: [{ messageId: 'tableDiffers', quote: '85.2%' }],
      },
      {
        name: '单位换算后仍不同',
        text: '人员经费1560.91万元。人员经费支出15000000元。',
        expect: [{ messageId: 'differs', quote: '15000000元' }],
      },
    ],
  },
  check(ctx) {
    checkWrittenTwice(ctx);
    checkTableCounterparts(ctx);
    const figures = comparableFigures(ctx.doc);
    if (figures.length < 2) {
      ctx.skip('未找到在多处出现的同一口径数字');
      return;
    }
    const groups = new Map<string, Figure[]>();
    for (const f of figures) {
      const key = `${f.concept}|${f.stage}|${f.scope}`;
      const group = groups.get(key);
      if (group) group.push(f);
      else groups.set(key, [f]);
    }
    let compared = 0;
    for (const group of groups.values()) {
      if (group.length < 2) continue;
      compared++;
      const reference = mostStated(group)!;
      for (const f of group) {
        if (f === reference || overlaps(f, reference)) continue;
        ctx.report({
          messageId: 'differs',
          data: {
            concept: reference.conceptName,
            label: f.fact.label ?? f.conceptName,
            value: f.fact.text,
            other: reference.fact.text,
            otherLabel: reference.fact.label ?? reference.conceptName,
          },
          spans: [f.fact, reference.fact],
          details: {
            concept: f.concept,
            value: f.fact.value,
            unit: f.fact.unit,
            reference: reference.fact.value,
          },
        });
      }
    }
    if (compared === 0) ctx.skip('没有同一口径的数字出现两次以上');
  },
});

/** 项目产出指标得分率为85.2% against the table's 项目产出·得分率 81.5%. */
function checkTableCounterparts(ctx: RuleContext<object>): void {
  for (const { prose, cell } of tableCounterparts(ctx.doc.extraction.facts)) {
    if (intervalsMeet(scaledInterval(prose), scaledInterval(cell))) continue;
    ctx.report({
      messageId: 'tableDiffers',
      data: { label: prose.label ?? '', value: prose.text, cell: cell.label ?? '', other: cell.text },
      spans: [prose, cell],
      details: { value: prose.value, unit: prose.unit, cell: cell.value, cellUnit: cell.unit },
    });
  }
}

function scaledInterval(f: Fact) {
  return displayedInterval(f.value, f.decimals, f.kind === 'amount' ? baseScale(f) : 1);
}

/** 壹仟贰佰叁拾陆万肆仟元整（小写：1,263.40万元）: one amount written twice must read the same. */
function checkWrittenTwice(ctx: RuleContext<object>): void {
  const { facts, writtenTwice = [] } = ctx.doc.extraction;
  for (const pair of writtenTwice) {
    if (pair.equal) continue;
    const capital = facts[pair.capital]!;
    const small = facts[pair.small]!;
    const inSmallUnit = (capital.value * (yuanPerUnit(capital.unit) ?? 1)) / (yuanPerUnit(small.unit) ?? 1);
    ctx.report({
      messageId: 'capitalDiffers',
      data: {
        capital: capital.text,
        capitalValue: `${Number(inSmallUnit.toFixed(6))}${small.unit}`,
        small: small.text,
      },
      spans: [capital, small],
      details: {
        capital: capital.value,
        capitalUnit: capital.unit,
        small: small.value,
        smallUnit: small.unit,
      },
    });
  }
}
