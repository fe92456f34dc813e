/**
 * The engine on the hand-written example unit (test/fixtures/model-example.json). Every expected number was
 * worked out by hand from the model and the framework file; the comments show the arithmetic.
 */
import { describe, expect, it } from 'vitest';
import example from '../../test/fixtures/model-example.json' with { type: 'json' };
import { isJixiaoError } from '../errors.ts';
import type { SelfEvaluation } from '../model/schema.ts';
import { validateModel } from '../model/validate.ts';
import { gradeOf, parseManual, type ScoreOptions, type ScoreResult, score } from './engine.ts';
import type { Framework } from './framework-schema.ts';
import { getFramework } from './frameworks.ts';

// biome-ignore lint/suspicious/noExplicitAny: the tests edit arbitrary nested JSON
type Json = any;

const DEPT = getFramework('mof-2013-dept-overall')!;
const PROJECT = getFramework('mof-2020-project-self')!;
const wan = (x: number) => Math.round(x * 1_000_000);

function model(edit: (m: Record<string, Json>) => void = () => {}): SelfEvaluation {
  const input = structuredClone(example) as Record<string, Json>;
  edit(input);
  const result = validateModel(input);
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('\n'));
  return result.model;
}

const byId = (result: ScoreResult, id: string) => {
  const found = result.indicators.find((i) => i.id === id);
  if (!found) throw new Error(`no indicator ${id}`);
  return found;
};

function errorOf(run: () => unknown): { code: string; message: string } {
  try {
    run();
  } catch (error) {
    if (isJixiaoError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a JixiaoError');
}

/** The evaluator's judgements for the 部门整体 example: 33.45 points in all. */
const MANUAL: ScoreOptions = {
  manual: {
    'input.goal.rationality': 2,
    'input.goal.clarity': '未满足:2', // 3 − 0.75 = 2.25
    'process.budget_mgmt.rules': '未满足:无', // 3
    'process.budget_mgmt.disclosure': '3',
    'process.budget_mgmt.basic_info': '未满足:3', // 3 − 0.999999 → 2.00
    'process.asset_mgmt.rules': 3,
    'process.asset_mgmt.safety': '未满足:5', // 4 − 0.8 = 3.2
    'outcome.benefit.economic': '达成年度指标', // level alone: lower bound 0.8 × 3 = 2.4
    'outcome.benefit.social': '达成年度指标:4',
    'outcome.benefit.ecological': '部分达成年度指标并具有一定效果:2', // 2 ÷ 3 = 0.667 ∈ [0.6, 0.8)
    'outcome.capacity.long_term': 2,
    'outcome.capacity.hr': 1.6,
    'outcome.capacity.archives': '未达成年度指标且效果较差', // lower bound 0
  },
  inputs: { violations: 1 }, // 4 − 1 = 3
};

describe('score: 部门整体支出 (mof-2013-dept-overall)', () => {
  const result = score(model(), DEPT);

  it('computes each quantitative indicator from the model', () => {
    const points = Object.fromEntries(result.indicators.map((i) => [i.id, i.points]));
    expect(points).toMatchObject({
      'input.allocation.staff_control': 2.4, // 51 ÷ 50 = 102% → 3 − 2 × 0.3
      'input.allocation.sangong_change': 1.7, // (12 − 11.5) ÷ 11.5 = 4.3478% → 3 − 4.3478 × 0.3 = 1.6957
      'input.allocation.key_spending': 3.2, // 2300 ÷ 2800 = 82.14% → band 80–90 → 0.8 × 4
      'process.execution.completion': 3.95, // 4546.77 ÷ 4600 = 98.84% → 4 × 0.9884
      'process.execution.adjustment': 0.67, // |4600 − 4000| ÷ 4000 = 15% → band (10, 20] → 2 × 0.333333
      'process.execution.payment_progress': 1.74, // (2000 ÷ 4600 × 100) ÷ 50 × 100 = 86.96% → 2 × 0.8696
      'process.execution.carryover_rate': 3, // 53.23 ÷ 4600 = 1.16% ≤ 10%
      'process.execution.carryover_change': 2, // (53.23 − 60) ÷ 60 = −11.28% ≤ 0
      'process.execution.public_funds_control': 3, // 210.15 ÷ 220 = 95.52% ≤ 100%
      'process.execution.sangong_control': 3, // 10.5 ÷ 12 = 87.5%
      'process.execution.procurement': 3, // budget 0 and actual 0: 不适用, full
      'process.asset_mgmt.fixed_asset_use': 2.85, // 760 ÷ 800 = 95% → 3 × 0.95
      'output.duties.completion': 4.75, // 19 ÷ 20
      'output.duties.timeliness': 4.5, // 18 ÷ 20
      'output.duties.quality': 4.75,
      'output.duties.key_tasks': 5,
      'outcome.benefit.satisfaction': 3.6, // 176 ÷ 200 = 88% → 2 points below 90 × 0.2
    });
    expect(byId(result, 'process.execution.completion').value).toBe(98.842826);
  });

  it('reports what is missing instead of guessing: judgements and evaluator inputs', () => {
    const unscored = result.indicators.filter((i) => i.points === null);
    expect(unscored.map((i) => [i.id, i.missing])).toEqual([
      ['input.goal.rationality', ['需人工评分']],
      ['input.goal.clarity', ['需人工评分']],
      ['process.budget_mgmt.rules', ['需人工评分']],
      ['process.budget_mgmt.compliance', ['不合规情形数']],
      ['process.budget_mgmt.disclosure', ['需人工评分']],
      ['process.budget_mgmt.basic_info', ['需人工评分']],
      ['process.asset_mgmt.rules', ['需人工评分']],
      ['process.asset_mgmt.safety', ['需人工评分']],
      ['outcome.benefit.economic', ['需人工评分']],
      ['outcome.benefit.social', ['需人工评分']],
      ['outcome.benefit.ecological', ['需人工评分']],
      ['outcome.capacity.long_term', ['需人工评分']],
      ['outcome.capacity.hr', ['需人工评分']],
      ['outcome.capacity.archives', ['需人工评分']],
    ]);
  });

  it('totals the scored points and grades them as a lower bound', () => {
    // 投入 2.4 + 1.7 + 3.2; 预算执行 20.36; 资产 2.85; 产出 19; 效果 3.6 → 53.11
    expect(result).toMatchObject({
      framework: 'mof-2013-dept-overall',
      total: 53.11,
      maxTotal: 100,
      scoredWeight: 59,
      unscoredWeight: 41,
      unscoredCount: 14,
      possibleMax: 94.11,
      grade: '差',
      gradeFinal: false,
      gradePolicy: 'provisional',
    });
    expect(result.gradeNote).toBe(
      '14 项指标（共 41 分）缺少输入或需人工评分，未计入总分；等级“差”按已评分指标的得分评定，只是下限，仅供参考（补齐后总分在 53.11～94.11 分之间，等级可能为“差”至“优”）',
    );
    expect(result.notes).toEqual(['模型中有 5 条年度绩效指标，本框架不设自定义指标，这些指标未计分']);
  });

  it('explains an indicator step by step: 输入、公式、计算值、适用规则、得分', () => {
    expect(byId(result, 'input.allocation.staff_control').explanation).toBe(
      '输入：在职人员数 51人（staffing.servingActual），编制数 50人（staffing.authorizedTotal）；' +
        '公式：在职人员数 ÷ 编制数 × 100；计算值：102.00%；' +
        '适用规则：以100%为标准，不超过标准得满分；每超过1个百分点扣0.3分（分值的10%），不足1个百分点的按比例扣分，扣完为止；' +
        '得分：超过标准 2.00 个百分点，扣 2 × 0.3 = 0.60分；3 − 0.60 = 2.40分',
    );
    const adjustment = byId(result, 'process.execution.adjustment');
    expect(adjustment.steps[0]).toContain(
      'budget.adjustment.counted 未填写，按全年预算数与年初预算数之差推算',
    );
    expect(adjustment.path).toEqual(['过程', '预算执行', '预算调整率']);
  });

  it('scores everything once the evaluator has judged, and the grade is final', () => {
    const full = score(model(), DEPT, MANUAL);
    expect(full.indicators.filter((i) => i.points === null)).toEqual([]);
    expect(byId(full, 'input.goal.clarity').points).toBe(2.25);
    expect(byId(full, 'process.budget_mgmt.basic_info').points).toBe(2);
    expect(byId(full, 'process.budget_mgmt.compliance').points).toBe(3);
    expect(byId(full, 'process.asset_mgmt.safety').points).toBe(3.2);
    expect(byId(full, 'outcome.benefit.economic').points).toBe(2.4);
    expect(byId(full, 'outcome.benefit.economic').steps.at(-1)).toContain('按该等级下限计分');
    expect(byId(full, 'outcome.capacity.hr').steps.at(-1)).toBe('得分：人工评分：等级“达成年度指标”，1.60分');
    expect(byId(full, 'outcome.benefit.ecological').points).toBe(2);
    expect(full.indicators.filter((i) => i.manual)).toHaveLength(13);
    // 53.11 + 33.45
    expect(full).toMatchObject({
      total: 86.56,
      grade: '良',
      gradeFinal: true,
      unscoredCount: 0,
      possibleMax: 86.56,
    });
    expect(full.gradeNote).toMatch(/^全部指标均已评分，总分 86.56 分，等级“良”/);
    // 预算管理: rules 3 + compliance 3 + disclosure 3 + basic_info 2
    expect(full.groups.find((g) => g.id === 'process.budget_mgmt')).toEqual({
      id: 'process.budget_mgmt',
      name: '预算管理',
      level: 2,
      path: ['过程', '预算管理'],
      weight: 13,
      points: 11,
      scoredWeight: 13,
      unscoredCount: 0,
    });
  });

  it('never leaves an indicator both scored and missing something', () => {
    for (const r of [result, score(model(), DEPT, MANUAL), score(model(), PROJECT)]) {
      for (const i of r.indicators) expect(i.points === null, i.id).toBe(i.missing.length > 0);
    }
  });
});

describe('score: edge cases of the inputs', () => {
  it('reports a missing model field by its label and path', () => {
    const result = score(
      model((m) => {
        m.staffing.authorizedTotal = null;
      }),
      DEPT,
    );
    const staff = byId(result, 'input.allocation.staff_control');
    expect(staff.points).toBeNull();
    expect(staff.missing).toEqual(['编制数']);
    expect(staff.steps[0]).toBe(
      '输入：在职人员数 51人（staffing.servingActual），编制数 未填写（staffing.authorizedTotal）',
    );
    expect(staff.steps[2]).toBe('计算值：无法计算（缺少编制数）');
  });

  it('reports a missing last-year figure, naming the empty field among the four 三公 items', () => {
    const result = score(
      model((m) => {
        m.budget.sangong.reception.lastYearBudget = null;
      }),
      DEPT,
    );
    const change = byId(result, 'input.allocation.sangong_change');
    expect(change.missing).toEqual(['上年度“三公经费”预算数']);
    expect(change.steps[0]).toContain('其中 budget.sangong.reception.lastYearBudget 未填写');
    expect(byId(result, 'process.execution.sangong_control').points).toBe(3); // unaffected
  });

  it('gives full marks when there were no 三公经费 in either year', () => {
    const result = score(
      model((m) => {
        for (const item of Object.values(m.budget.sangong) as Record<string, number>[]) {
          for (const key of Object.keys(item)) item[key] = 0;
        }
      }),
      DEPT,
    );
    expect(byId(result, 'input.allocation.sangong_change')).toMatchObject({
      points: 3,
      value: null,
      missing: [],
    });
    expect(byId(result, 'process.execution.sangong_control').points).toBe(3);
  });

  it('gives 0 and a flag when last year had no 三公经费 and this year has', () => {
    const result = score(
      model((m) => {
        for (const item of Object.values(m.budget.sangong) as Record<string, number>[])
          item.lastYearBudget = 0;
      }),
      DEPT,
    );
    const change = byId(result, 'input.allocation.sangong_change');
    expect(change.points).toBe(0);
    expect(change.flags).toEqual([
      '上年度“三公经费”预算数为 0 而本期大于 0，比率无法计算，按规则得 0 分，请人工复核',
    ]);
  });

  it('cannot compute a rate on a zero budget unless the rule says what a zero base means', () => {
    const result = score(
      model((m) => {
        m.budget.generalPublic.total.adjusted = 0;
        m.budget.generalPublic.basic.total.adjusted = null;
        m.budget.generalPublic.project.total.adjusted = null;
        m.budget.generalPublic.project.projects = [];
      }),
      DEPT,
    );
    expect(byId(result, 'process.execution.completion')).toMatchObject({
      points: null,
      missing: ['预算数（调整后）为 0（无法计算）'],
    });
    // procurement: budget 0, actual > 0 is not "both zero" → not computable
    const procurement = byId(
      score(
        model((m) => {
          m.budget.procurement.actual = wan(12);
        }),
        DEPT,
      ),
      'process.execution.procurement',
    );
    expect(procurement.missing).toEqual(['政府采购预算数为 0（无法计算）']);
  });

  it('caps a rate over 100% at full marks and flags it', () => {
    // execution against a budget left at the initial plan: 4546.77 ÷ 4000 = 113.67%
    const result = score(
      model((m) => {
        m.budget.generalPublic.total.adjusted = wan(4000);
        m.budget.generalPublic.basic.total.adjusted = wan(1500);
        m.budget.generalPublic.basic.personnel.adjusted = wan(1300);
        m.budget.generalPublic.basic.public.adjusted = wan(200);
        m.budget.generalPublic.project.total.adjusted = wan(2500);
        m.budget.generalPublic.project.projects[0].adjusted = wan(2000);
      }),
      DEPT,
    );
    const completion = byId(result, 'process.execution.completion');
    expect(completion.points).toBe(4);
    expect(completion.value).toBe(113.66925);
    expect(completion.flags[0]).toContain('113.67% 高于 100%');
  });

  it('computes totals the unit left empty and says so', () => {
    const result = score(
      model((m) => {
        m.budget.generalPublic.total.actual = null;
      }),
      DEPT,
    );
    expect(byId(result, 'process.execution.completion').points).toBe(3.95);
    expect(byId(result, 'process.execution.completion').steps[0]).toContain(
      'budget.generalPublic.total.actual 由分项合计得出',
    );
    expect(result.derived).toEqual(['budget.generalPublic.total.actual']);
  });

  it('falls back to the staff categories (without retirees) for 在职人员数', () => {
    const result = score(
      model((m) => {
        m.staffing.servingActual = null;
      }),
      DEPT,
    );
    const staff = byId(result, 'input.allocation.staff_control');
    expect(staff.points).toBe(2.4);
    expect(staff.steps[0]).toContain('按 在职在编44人 + 转业士官7人 计');
  });

  it('uses the entered 预算调整数 when there is one', () => {
    // 300 ÷ 4000 = 7.5% → band (0, 10] → 2 × 0.666667 = 1.33
    const result = score(
      model((m) => {
        m.budget.adjustment = { counted: wan(300) };
      }),
      DEPT,
    );
    expect(byId(result, 'process.execution.adjustment').points).toBe(1.33);
  });

  it('needs every project marked 重点 or not before 重点支出安排率 can be computed', () => {
    const result = score(
      model((m) => {
        m.budget.generalPublic.project.projects[1].key = null;
      }),
      DEPT,
    );
    const key = byId(result, 'input.allocation.key_spending');
    expect(key.missing).toEqual(['重点项目支出']);
    expect(key.steps[0]).toContain('budget.generalPublic.project.projects[1].key 未填写');
  });
});

describe('score: evaluator input and its mistakes', () => {
  it('lets a manual score override a computed one, and says so', () => {
    const result = score(model(), DEPT, { manual: { 'input.allocation.staff_control': 3 } });
    const staff = byId(result, 'input.allocation.staff_control');
    expect(staff).toMatchObject({ points: 3, manual: true });
    expect(staff.flags).toEqual(['人工评分 3.00 分，与按规则计算的 2.40 分不同']);
  });

  it('lets a manual score stand in for missing data', () => {
    const result = score(
      model((m) => (m.staffing.authorizedTotal = null)),
      DEPT,
      {
        manual: { 'input.allocation.staff_control': 2 },
      },
    );
    const staff = byId(result, 'input.allocation.staff_control');
    expect(staff).toMatchObject({ points: 2, missing: [], manual: true });
    expect(staff.flags).toEqual(['人工评分 2.00 分（规则无法计算：缺少编制数）']);
  });

  it('refuses unknown indicators, impossible scores and mismatched forms', () => {
    expect(errorOf(() => score(model(), DEPT, { manual: { 'input.nothing': 1 } }))).toMatchObject({
      code: 'JX_MANUAL',
    });
    expect(errorOf(() => score(model(), DEPT, { manual: { 'input.goal.rationality': 5 } })).message).toBe(
      '人工评分有误：input.goal.rationality：得分 5 超出 0～2 分',
    );
    expect(
      errorOf(() => score(model(), DEPT, { manual: { 'input.goal.rationality': '未满足:4' } })).message,
    ).toBe('人工评分有误：input.goal.rationality：只有 3 个评价要点，没有第 4 项');
    expect(
      errorOf(() => score(model(), DEPT, { manual: { 'input.goal.rationality': '优秀' } })).message,
    ).toBe('人工评分有误：input.goal.rationality：绩效目标合理性不按等级评分，请给出分值（0～2）');
    expect(
      errorOf(() =>
        score(model(), DEPT, { manual: { 'outcome.benefit.social': '部分达成年度指标并具有一定效果:4' } }),
      ).message,
    ).toBe(
      '人工评分有误：outcome.benefit.social：等级“部分达成年度指标并具有一定效果”的得分应在 2.4分（含）～3.2分 之间，给出的是 4分',
    );
  });

  it('takes evaluator findings with --input but not the unit’s own figures', () => {
    expect(errorOf(() => score(model(), DEPT, { inputs: { staff_authorized: 60 } })).message).toBe(
      '评价输入有误：staff_authorized（编制数）是单位填报的数据，请在模型中填写，不能用 --input 提供',
    );
    expect(errorOf(() => score(model(), DEPT, { inputs: { late_special_funds: 1 } })).message).toBe(
      '评价输入有误：本框架不使用输入 late_special_funds（可提供：violations）',
    );
  });

  it('parses the manual forms', () => {
    expect(parseManual('2.5', 'a')).toEqual({ id: 'a', points: 2.5 });
    expect(parseManual('未满足：1，3', 'a')).toEqual({ id: 'a', unmet: [1, 3] });
    expect(parseManual('unmet:3,1,3', 'a')).toEqual({ id: 'a', unmet: [1, 3] });
    expect(parseManual('未满足:无', 'a')).toEqual({ id: 'a', unmet: [] });
    expect(parseManual('达成年度指标：9.5', 'a')).toEqual({ id: 'a', level: '达成年度指标', points: 9.5 });
    expect(parseManual('达成年度指标', 'a')).toEqual({ id: 'a', level: '达成年度指标' });
    expect(errorOf(() => parseManual('未满足:0', 'a')).code).toBe('JX_MANUAL');
  });
});

describe('score: grading policy', () => {
  it('looks grades up in the framework bands', () => {
    expect([100, 90, 89.99, 80, 79.99, 60, 59.99, 0].map((p) => gradeOf(DEPT, p))).toEqual([
      '优',
      '优',
      '良',
      '良',
      '中',
      '中',
      '差',
      '差',
    ]);
  });

  it('withholds the grade when the framework says so and it could still change', () => {
    const withhold: Framework = { ...DEPT, incomplete_grading: 'withhold' };
    const result = score(model(), withhold);
    expect(result.grade).toBeNull();
    expect(result.gradeNote).toContain('暂不评定等级');
    expect(score(model(), withhold, MANUAL).grade).toBe('良');
  });

  it('calls the grade final when the missing points cannot change it', () => {
    // all but 档案管理 (2 points): 86.56 − 0 … the archives were scored 0, so leaving them out changes nothing
    const manual = { ...MANUAL.manual };
    delete manual['outcome.capacity.archives'];
    const result = score(model(), DEPT, { ...MANUAL, manual });
    expect(result).toMatchObject({ total: 86.56, possibleMax: 88.56, grade: '良', gradeFinal: true });
    expect(result.gradeNote).toBe(
      '1 项指标（共 2 分）缺少输入或需人工评分，未计入总分；即使这些指标全部得满分（总分最高 88.56 分），等级仍为“良”，等级已确定',
    );
  });

  it('refuses a partial reference framework', () => {
    expect(errorOf(() => score(model(), getFramework('hunan-yueyang-dept-overall')!))).toMatchObject({
      code: 'JX_FRAMEWORK_PARTIAL',
    });
  });
});

describe('score: 项目支出自评 (mof-2020-project-self) with the unit’s indicator rows', () => {
  const result = score(model(), PROJECT);

  it('scores 预算执行率 and every row by target_comparison', () => {
    expect(result.indicators.map((i) => [i.id, i.path, i.weight, i.points])).toEqual([
      ['budget_execution', ['预算执行率'], 10, 9.88], // 10 × 98.84%
      ['output.quantity.1', ['产出指标', '数量指标', '社区活动场次'], 20, 16.67], // 20 × 20 ÷ 24
      ['output.quality.1', ['产出指标', '质量指标', '设施验收合格率'], 15, 15], // 100 ≥ 95
      ['output.cost.1', ['产出指标', '成本指标', '人均服务成本'], 15, 12], // 15 × 200 ÷ 250
      ['benefit.social.1', ['效益指标', '社会效益指标', '群众安全感'], 30, 24], // the unit's own 得分
      ['satisfaction.recipients.1', ['满意度指标', '服务对象满意度指标', '群众满意度'], 10, 10],
    ]);
    expect(result).toMatchObject({ total: 87.55, maxTotal: 100, grade: '良', gradeFinal: true, notes: [] });
  });

  it('sums groups of rows with the unit’s weights, not the framework’s placeholder split', () => {
    expect(result.groups.map((g) => [g.id, g.weight, g.points])).toEqual([
      ['output', 50, 43.67],
      ['output.quantity', 20, 16.67], // the file says 12.5, a placeholder for the unit's own split
      ['output.quality', 15, 15],
      ['output.cost', 15, 12], // 时效指标 has no row: the category is dropped
      ['benefit', 30, 24],
      ['benefit.social', 30, 24],
      ['satisfaction', 10, 10],
      ['satisfaction.recipients', 10, 10],
    ]);
  });

  it('takes a qualitative row’s level from the unit’s 得分 column and says so', () => {
    const row = byId(result, 'benefit.social.1');
    expect(row.manual).toBe(true);
    expect(row.steps.at(-1)).toBe('得分：采用单位填报得分：等级“达成年度指标”，24.00分');
    expect(row.steps[0]).toBe(
      '输入：年度指标值 显著提升（performance.indicators[3].target），实际完成值 明显提升（performance.indicators[3].actual）',
    );
  });

  it('asks for a judgement on a qualitative row without one, and flags a 得分 that disagrees with the rule', () => {
    const result2 = score(
      model((m) => {
        m.performance.indicators[3].score = null;
        m.performance.indicators[0].score = 20;
      }),
      PROJECT,
    );
    expect(byId(result2, 'benefit.social.1').missing).toEqual(['需人工评分']);
    expect(byId(result2, 'output.quantity.1').flags).toEqual([
      '单位填报得分 20.00 分，与按规则计算的 16.67 分不一致',
    ]);
    const judged = score(
      model((m) => (m.performance.indicators[3].score = null)),
      PROJECT,
      {
        manual: { 'benefit.social.1': '部分达成年度指标并具有一定效果' },
      },
    );
    expect(byId(judged, 'benefit.social.1').points).toBe(18); // 0.6 × 30
  });

  it('reports rows without a weight or an actual value as missing', () => {
    const result2 = score(
      model((m) => {
        m.performance.indicators[1].weight = null;
        m.performance.indicators[2].actual = { value: null, text: null };
      }),
      PROJECT,
    );
    expect(byId(result2, 'output.quality.1').missing).toEqual(['分值（权重）']);
    expect(byId(result2, 'output.cost.1').missing).toEqual(['实际完成值']);
    expect(result2.gradeFinal).toBe(false);
    expect(result2.gradeNote).toContain('另有 1 项未填分值');
  });

  it('keeps the weight of a level-1 part without rows as one unscored entry', () => {
    const result2 = score(
      model((m) => (m.performance.indicators = [])),
      PROJECT,
    );
    expect(result2.indicators.map((i) => [i.id, i.weight, i.points, i.missing])).toEqual([
      ['budget_execution', 10, 9.88, []],
      ['output.unfilled', 50, null, ['产出指标的三级指标']],
      ['benefit.unfilled', 30, null, ['效益指标的三级指标']],
      ['satisfaction.unfilled', 10, null, ['满意度指标的三级指标']],
    ]);
    expect(result2).toMatchObject({
      total: 9.88,
      maxTotal: 100,
      unscoredWeight: 90,
      grade: '差',
      gradeFinal: false,
    });
  });

  it('matches row categories loosely, notes weights that do not add up, and lists rows it cannot place', () => {
    const result2 = score(
      model((m) => {
        m.performance.indicators[2].level2 = '经济成本指标'; // 101号 split of 成本指标
        m.performance.indicators[0].weight = 15; // 产出 now 45
        m.performance.indicators.push({
          level1: '效果指标',
          level2: null,
          level3: '群众获得感',
          target: { comparator: '≥', value: 90, unit: '%' },
          actual: { value: 92 },
          weight: 5,
        });
      }),
      PROJECT,
    );
    expect(byId(result2, 'output.cost.1').points).toBe(12);
    expect(byId(result2, 'output.quantity.1').points).toBe(12.5); // 15 × 20 ÷ 24
    const stray = byId(result2, 'unmatched.1');
    expect(stray).toMatchObject({ points: 5, path: ['效果指标', '—', '群众获得感'] });
    expect(result2.notes).toEqual([
      '“产出指标”下各指标分值合计 45 分，框架为 50 分',
      'performance.indicators[5]（效果指标/—/群众获得感）的一级或二级指标不在本框架中，已按填报分值单列计分',
    ]);
  });
});
