import { describe, expect, it } from 'vitest';
import example from '../../test/fixtures/model-example.json' with { type: 'json' };
import { SelfEvaluationShape } from './schema.ts';
import { fillTotals } from './totals.ts';
import { SelfEvaluation, validateModel } from './validate.ts';

// biome-ignore lint/suspicious/noExplicitAny: the tests edit arbitrary nested JSON
type Json = any;

const clone = (): Record<string, Json> => structuredClone(example) as Record<string, Json>;
const wan = (x: number) => Math.round(x * 1_000_000); // 万元 → 分, for readable fixtures

function issuesOf(input: unknown) {
  const result = validateModel(input);
  if (result.ok) throw new Error('expected the model to be rejected');
  return result.issues;
}

describe('validateModel', () => {
  it('accepts the hand-written example and fills defaults', () => {
    const result = validateModel(example);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.model.unit.name).toBe('示例街道办事处');
    expect(result.model.budget.govFund).toEqual({ initial: null, adjusted: null, actual: null });
    expect(result.model.budget.generalPublic.project.projects[0]!.key).toBe(true);
  });

  it('names the field and both figures when 基本支出 ≠ 人员经费 + 公用经费', () => {
    const model = clone();
    model.budget.generalPublic.basic.personnel.actual = wan(1559.91); // 1559.91 + 210.15 = 1770.06
    model.budget.generalPublic.basic.total.actual = wan(1771.06);
    expect(issuesOf(model)).toEqual([
      {
        path: 'budget.generalPublic.basic.total.actual',
        message:
          'budget.generalPublic.basic.total.actual（基本支出·全年执行数）为 1771.06万元，但人员经费与公用经费之和为 1770.06万元',
      },
    ]);
  });

  it('checks each figure kind separately', () => {
    const model = clone();
    model.budget.generalPublic.total.initial = wan(4100); // 1500 + 2500 = 4000
    const issues = issuesOf(model);
    expect(issues.map((i) => i.path)).toEqual(['budget.generalPublic.total.initial']);
    expect(issues[0]!.message).toBe(
      'budget.generalPublic.total.initial（一般公共预算支出合计·年初预算数）为 4100万元，但基本支出与项目支出之和为 4000万元',
    );
  });

  it('checks 项目支出 against its categories and its projects when they are complete', () => {
    const model = clone();
    model.budget.generalPublic.project.categories[0].actual = wan(843.8); // the sample's 3075.21 restatement
    model.budget.generalPublic.project.projects[1].adjusted = wan(400); // 2300 + 400 ≠ 2800
    const messages = issuesOf(model).map((i) => i.message);
    expect(messages).toEqual([
      'budget.generalPublic.project.total.actual（项目支出·全年执行数）为 2775.71万元，但项目支出（按类别）各项之和为 3075.21万元',
      'budget.generalPublic.project.total.adjusted（项目支出·调整后预算数（全年预算数））为 2800万元，但项目支出（按项目）各项之和为 2700万元',
    ]);
  });

  it('does not judge a total whose parts are incomplete', () => {
    const model = clone();
    model.budget.generalPublic.basic.public.actual = null;
    model.budget.generalPublic.project.categories[2].actual = null;
    model.budget.generalPublic.total.actual = wan(9999); // parts: 1771.06 + 2775.71 are still both known
    expect(issuesOf(model).map((i) => i.path)).toEqual(['budget.generalPublic.total.actual']);
    model.budget.generalPublic.total.actual = wan(4546.77);
    expect(validateModel(model).ok).toBe(true);
  });

  it('checks 年末实有人数 and 编制数 against their categories', () => {
    const model = clone();
    model.staffing.actualTotal = 58;
    model.staffing.authorized = [
      { category: '行政编制', count: 30 },
      { category: '事业编制', count: 19 },
    ];
    expect(issuesOf(model).map((i) => i.message)).toEqual([
      'staffing.actualTotal（年末实有人数）为 58人，但年末实有人数（分类别）各项之和为 57人',
      'staffing.authorizedTotal（编制数）为 50人，但编制数（分类别）各项之和为 49人',
    ]);
  });

  it('explains type errors in Chinese, with the field name and a hint for money', () => {
    const model = clone();
    model.budget.generalPublic.basic.total.actual = 1771.06;
    model.fiscalYear = '2020';
    delete model.unit.name;
    const messages = issuesOf(model).map((i) => i.message);
    expect(messages).toContain(
      'budget.generalPublic.basic.total.actual（基本支出·全年执行数）：应为整数（金额以分为单位，如 1771.06万元 写作 1771060000），实际为 1771.06',
    );
    expect(messages).toContain('fiscalYear（预算年度）：应为数字，实际为 文字“2020”');
    expect(messages).toContain('unit.name（单位名称）：缺少此项（必填）');
  });

  it('rejects unknown keys, which are usually typos that would lose a figure', () => {
    const model = clone();
    model.budget.generalPublic.basic.public.actaul = 1;
    model.staffing.actual[0].cout = 3;
    expect(issuesOf(model)).toEqual([
      {
        path: 'staffing.actual[0].cout',
        message: 'staffing.actual[0].cout：未知字段（是否拼写有误？）',
      },
      {
        path: 'budget.generalPublic.basic.public.actaul',
        message: 'budget.generalPublic.basic.public.actaul：未知字段（是否拼写有误？）',
      },
    ]);
  });

  it('rejects something that is not a model at all', () => {
    expect(issuesOf([1, 2])[0]!.message).toMatch(/^模型应为对象/);
    const model = clone();
    model.performance.indicators[0].target.comparator = '>=';
    expect(issuesOf(model)[0]!.message).toBe(
      'performance.indicators[0].target.comparator：应为 "≥"、"≤"、"="、">"、"<"、"~"、"qualitative" 之一，实际为 文字“>=”',
    );
    expect(issuesOf({ unit: { name: 'x' }, fiscalYear: 2020, schemaVersion: 2 })[0]!.message).toBe(
      'schemaVersion：应为 1，实际为 2',
    );
  });
});

describe('SelfEvaluation (schema with arithmetic)', () => {
  it('is the shape plus the sums', () => {
    const model = clone();
    model.budget.generalPublic.basic.total.adjusted = wan(1000);
    expect(SelfEvaluationShape.safeParse(model).success).toBe(true);
    expect(SelfEvaluation.safeParse(model).success).toBe(false);
  });
});

describe('fillTotals', () => {
  it('computes empty totals bottom-up from complete parts and never changes entered figures', () => {
    const model = SelfEvaluationShape.parse({
      unit: { name: '某单位' },
      fiscalYear: 2020,
      staffing: {
        actual: [
          { category: '在职在编', count: 44 },
          { category: '退休', count: 6 },
        ],
      },
      budget: {
        generalPublic: {
          basic: {
            personnel: { actual: wan(1560.91), initial: wan(1300) },
            public: { actual: wan(210.15) },
          },
          project: {
            total: { actual: wan(2775.71), initial: wan(2000) },
            categories: [
              { name: '甲', actual: wan(1000) },
              { name: '乙', actual: wan(1775.71) },
            ],
          },
        },
      },
    });
    const { model: filled, derived } = fillTotals(model);
    expect(filled.budget.generalPublic.basic.total.actual).toBe(wan(1771.06));
    expect(filled.budget.generalPublic.total.actual).toBe(wan(4546.77));
    expect(filled.budget.generalPublic.basic.total.initial).toBeNull(); // 公用经费 initial unknown
    expect(filled.budget.generalPublic.total.initial).toBeNull();
    expect(filled.staffing.actualTotal).toBe(50);
    expect(derived).toEqual([
      'budget.generalPublic.basic.total.actual',
      'budget.generalPublic.total.actual',
      'staffing.actualTotal',
    ]);
    expect(model.budget.generalPublic.basic.total.actual).toBeNull(); // the input is not mutated
  });

  it('is exact in 分 where floating 万元 is not', () => {
    // 0.1 + 0.2 万元 in floating point is 0.30000000000000004; in 分 it is exactly 300000
    const model = SelfEvaluationShape.parse({
      unit: { name: '某单位' },
      fiscalYear: 2020,
      budget: { generalPublic: { basic: { personnel: { actual: 100_000 }, public: { actual: 200_000 } } } },
    });
    expect(fillTotals(model).model.budget.generalPublic.basic.total.actual).toBe(300_000);
  });
});
