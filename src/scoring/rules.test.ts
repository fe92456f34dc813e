/**
 * Every rule type with hand-computed points. The arithmetic in the comments is the check: it was done by
 * hand from the rule text, not copied from the output.
 */
import { describe, expect, it } from 'vitest';
import type { ScoringRule } from './framework-schema.ts';
import {
  bands,
  checklist,
  compareLevels,
  deductPerPointAbove,
  deductPerPointBelow,
  deductPerStepBelow,
  describeBand,
  describeRule,
  inverseProportional,
  manualLevels,
  perViolation,
  proportional,
  qualitativeRow,
  resolveLevel,
  round2,
  targetComparison,
  zeroBase,
} from './rules.ts';

type RuleOf<T extends ScoringRule['type']> = Extract<ScoringRule, { type: T }>;

const above = (extra: Partial<RuleOf<'deduct_per_point_above'>> = {}): RuleOf<'deduct_per_point_above'> => ({
  type: 'deduct_per_point_above',
  threshold: 100,
  per_point_fraction_of_weight: 0.1,
  floor: 0,
  partial_points: 'continuous',
  ...extra,
});

const LEVELS_10 = [
  { label: '达成年度指标', fraction_min: 0.8, fraction_max: 1, min_inclusive: true, max_inclusive: true },
  {
    label: '部分达成年度指标并具有一定效果',
    fraction_min: 0.6,
    fraction_max: 0.8,
    min_inclusive: true,
    max_inclusive: false,
  },
  {
    label: '未达成年度指标且效果较差',
    fraction_min: 0,
    fraction_max: 0.6,
    min_inclusive: true,
    max_inclusive: false,
  },
];

describe('round2', () => {
  it('rounds half away from zero without binary surprises', () => {
    expect(round2(1.005)).toBe(1.01); // 1.005 is 1.00499999… in binary; toFixed(2) would say 1.00
    expect(round2(2.675)).toBe(2.68);
    expect(round2(0.000003)).toBe(0);
    expect(round2(-1.005)).toBe(-1.01);
    expect(Object.is(round2(-0.001), 0)).toBe(true);
  });
});

describe('deduct_per_point_above (在职人员控制率, "三公经费"变动率)', () => {
  it('gives full marks at or under the standard', () => {
    expect(deductPerPointAbove(above(), 5, 100).points).toBe(5);
    expect(deductPerPointAbove(above(), 5, 88).points).toBe(5);
    expect(deductPerPointAbove(above({ threshold: 0 }), 3, -12.5).points).toBe(3);
  });

  it('deducts continuously per point over (岳阳: 5分, 每超1点扣0.5)', () => {
    // 102.4% − 100% = 2.4 points × 0.5 = 1.2 → 5 − 1.2 = 3.8
    const outcome = deductPerPointAbove(above(), 5, 102.4);
    expect(outcome.points).toBe(3.8);
    expect(outcome.rule).toContain('每超过1个百分点扣0.5分（分值的10%）');
    expect(outcome.calculation).toBe('超过标准 2.40 个百分点，扣 2.4 × 0.5 = 1.20分；5 − 1.20 = 3.80分');
  });

  it('floors at 0 (扣完为止) and at a non-zero floor', () => {
    // 150% → 50 points × 0.3 = 15 > 3 → 0
    const outcome = deductPerPointAbove(above(), 3, 150);
    expect(outcome.points).toBe(0);
    expect(outcome.calculation).toContain('扣完为止，得0分');
    expect(deductPerPointAbove(above({ floor: 1 }), 3, 150).points).toBe(1);
  });

  it('uses 1/6 of the weight per point for the 岳阳 三公经费控制率 (6分, 每超1点扣1分)', () => {
    // 0.166667 × 6 = 1.000002 per point; 2.4 points → 2.4000048 → 6 − 2.4000048 = 3.5999952 → 3.60
    expect(deductPerPointAbove(above({ per_point_fraction_of_weight: 0.166667 }), 6, 102.4).points).toBe(3.6);
  });

  it('can count a started point as a whole point, or only whole points', () => {
    // 100.2% → 0.2 over: per started point = 1 point × 0.5 → 4.5; per whole point = 0 → 5
    expect(deductPerPointAbove(above({ partial_points: 'per_started_point' }), 5, 100.2).points).toBe(4.5);
    expect(deductPerPointAbove(above({ partial_points: 'per_whole_point' }), 5, 100.9).points).toBe(5);
    expect(deductPerPointAbove(above({ partial_points: 'per_whole_point' }), 5, 102.9).points).toBe(4);
    // exactly 2 points over stays 2 points however float arithmetic lands
    expect(deductPerPointAbove(above({ partial_points: 'per_started_point' }), 5, 102).points).toBe(4);
  });
});

describe('deduct_per_point_below (满意度)', () => {
  const rule: RuleOf<'deduct_per_point_below'> = {
    type: 'deduct_per_point_below',
    threshold: 90,
    per_point_fraction_of_weight: 0.05,
    floor: 0,
    partial_points: 'continuous',
  };

  it('deducts per point under the standard', () => {
    expect(deductPerPointBelow(rule, 4, 95).points).toBe(4);
    expect(deductPerPointBelow(rule, 4, 90).points).toBe(4);
    // 88% → 2 points × (0.05 × 4 = 0.2) = 0.4 → 3.6
    expect(deductPerPointBelow(rule, 4, 88).points).toBe(3.6);
    // 0% → 90 × 0.2 = 18 → floor 0
    expect(deductPerPointBelow(rule, 4, 0).points).toBe(0);
  });
});

describe('deduct_per_step_below (预算完成率 variant: 每低于5%扣2分)', () => {
  const rule: RuleOf<'deduct_per_step_below'> = {
    type: 'deduct_per_step_below',
    threshold: 100,
    step: 5,
    per_step_points: 2,
    floor: 0,
  };

  it('deducts only for full steps', () => {
    expect(deductPerStepBelow(rule, 5, 100).points).toBe(5);
    expect(deductPerStepBelow(rule, 5, 117.4).points).toBe(5);
    expect(deductPerStepBelow(rule, 5, 96).points).toBe(5); // 4 points short: no full step
    expect(deductPerStepBelow(rule, 5, 95).points).toBe(3); // exactly one step
    expect(deductPerStepBelow(rule, 5, 89.9).points).toBe(1); // 10.1 short: 2 steps → 4
    expect(deductPerStepBelow(rule, 5, 80).points).toBe(0); // 4 steps → 8 > 5
  });
});

describe('proportional (预算完成率, 政府采购执行率, 实际完成率)', () => {
  const rule: RuleOf<'proportional'> = { type: 'proportional', target: 100, cap: 'weight' };

  it('is weight × value ÷ 100', () => {
    // 4546.77 ÷ 4600 = 98.8428…% → 4 × 0.988428 = 3.9537 → 3.95
    expect(proportional(rule, 4, 98.842826).points).toBe(3.95);
    expect(proportional(rule, 5, 95).points).toBe(4.75);
    expect(proportional(rule, 10, 0).points).toBe(0);
  });

  it('caps at the weight and flags a rate over 100%', () => {
    // the sample's 117.4% execution against the plan: full marks, but the reviewer is told why to look
    const outcome = proportional(rule, 4, 117.4);
    expect(outcome.points).toBe(4);
    expect(outcome.calculation).toBe('4 × 100（封顶） ÷ 100 = 4.00分');
    expect(outcome.flags).toHaveLength(1);
    expect(outcome.flags[0]).toContain('117.40% 高于 100%');
    expect(proportional(rule, 4, 100).flags).toEqual([]);
  });

  it('scores a negative value as 0', () => {
    expect(proportional(rule, 4, -3).points).toBe(0);
  });
});

describe('inverse_proportional (结转结余率)', () => {
  const rule: RuleOf<'inverse_proportional'> = { type: 'inverse_proportional', threshold: 10, cap: 'weight' };

  it('is full under the threshold, weight × threshold ÷ value above', () => {
    expect(inverseProportional(rule, 3, 1.16).points).toBe(3);
    expect(inverseProportional(rule, 3, 10).points).toBe(3);
    expect(inverseProportional(rule, 3, 20).points).toBe(1.5);
    expect(inverseProportional(rule, 3, 30).points).toBe(1);
    expect(inverseProportional(rule, 3, 40).points).toBe(0.75);
  });
});

describe('bands (预算调整率, 重点支出安排率)', () => {
  const adjustment: RuleOf<'bands'> = {
    type: 'bands',
    bands: [
      { min: 0, max: 0, min_inclusive: true, max_inclusive: true, fraction: 1 },
      { min: 0, max: 10, min_inclusive: false, max_inclusive: true, fraction: 0.666667 },
      { min: 10, max: 20, min_inclusive: false, max_inclusive: true, fraction: 0.333333 },
      { min: 20, max: 30, min_inclusive: false, max_inclusive: true, fraction: 0.166667 },
      { min: 30, max: null, min_inclusive: false, fraction: 0 },
    ],
  };

  it('reproduces the 岳阳 3/2/1/0.5/0 scale at the boundaries', () => {
    expect(bands(adjustment, 3, 0).points).toBe(3);
    expect(bands(adjustment, 3, 0.0001).points).toBe(2);
    expect(bands(adjustment, 3, 10).points).toBe(2);
    expect(bands(adjustment, 3, 10.01).points).toBe(1);
    expect(bands(adjustment, 3, 20).points).toBe(1);
    expect(bands(adjustment, 3, 30).points).toBe(0.5);
    expect(bands(adjustment, 3, 30.01).points).toBe(0);
    // the sample: 2594.2 → 4546.77 is +75% → 0
    expect(bands(adjustment, 3, 75.27).points).toBe(0);
  });

  it('uses inclusive lower and exclusive upper ends by default', () => {
    const key: RuleOf<'bands'> = {
      type: 'bands',
      bands: [
        { min: 90, max: null, min_inclusive: true, fraction: 1 },
        { min: 80, max: 90, fraction: 0.8 },
        { min: null, max: 80, max_inclusive: false, fraction: 0 },
      ],
    };
    expect(bands(key, 5, 90).points).toBe(5);
    expect(bands(key, 5, 89.99).points).toBe(4);
    expect(bands(key, 5, 80).points).toBe(4);
    expect(bands(key, 5, 79.99).points).toBe(0);
  });

  it('cannot score a value outside every band', () => {
    const gap: RuleOf<'bands'> = { type: 'bands', bands: [{ min: 0, max: 10, fraction: 1 }] };
    const outcome = bands(gap, 3, 12);
    expect(outcome.points).toBeNull();
    expect(outcome.calculation).toContain('不在任何评分档次内');
  });

  it('describes bands in Chinese', () => {
    expect(describeBand({ min: 0, max: 0, min_inclusive: true, max_inclusive: true, fraction: 1 })).toBe(
      '=0%',
    );
    expect(describeBand({ min: 90, max: null, fraction: 1 })).toBe('≥90%');
    expect(describeBand({ min: 80, max: 90, fraction: 1 })).toBe('80%（含）～90%');
    expect(describeBand({ min: 10, max: 20, min_inclusive: false, max_inclusive: true, fraction: 1 })).toBe(
      '高于10%～20%（含）',
    );
    expect(describeBand({ min: null, max: 60, max_inclusive: false, fraction: 0 })).toBe('<60%');
  });
});

describe('checklist (管理制度健全性)', () => {
  const rule: RuleOf<'checklist'> = {
    type: 'checklist',
    items: ['已制定制度', '合法合规完整', '有效执行'],
    per_unmet_fraction_of_weight: 0.333333,
    floor: 0,
  };

  it('deducts a share of the weight per unmet item', () => {
    expect(checklist(rule, 3, []).points).toBe(3);
    expect(checklist(rule, 3, [2]).points).toBe(2); // 3 − 0.999999 = 2.000001
    expect(checklist(rule, 3, [1, 2, 3]).points).toBe(0); // 0.000003 → 0
    expect(checklist(rule, 2, [1]).points).toBe(1.33); // 2 − 0.666666
    expect(checklist(rule, 3, [3]).calculation).toBe('不满足第 ③ 项，扣 1 × 1 = 1.00分；3 − 1.00 = 2.00分');
  });
});

describe('per_violation (资金使用合规性, 支付进度)', () => {
  const rule: RuleOf<'per_violation'> = {
    type: 'per_violation',
    per_violation_points: 1,
    floor: 0,
    input: 'violations',
  };

  it('deducts per case down to 0', () => {
    expect(perViolation(rule, 3, 0, '不合规情形数').points).toBe(3);
    expect(perViolation(rule, 3, 2, '不合规情形数').points).toBe(1);
    expect(perViolation(rule, 3, 5, '不合规情形数').points).toBe(0);
    expect(perViolation({ ...rule, per_violation_points: 0.5 }, 3, 3, '未按进度下达的专项个数').points).toBe(
      1.5,
    );
  });
});

describe('compare_levels (岳阳 资金结余)', () => {
  const rule: RuleOf<'compare_levels'> = {
    type: 'compare_levels',
    levels: [
      { when: 'balance_current == 0', points: 3 },
      { when: 'balance_current <= carryover_previous', points: 2 },
      { when: 'balance_current > carryover_previous', points: 0 },
    ],
  };
  const label = (name: string) =>
    ({ balance_current: '本年结余', carryover_previous: '上年结转' })[name] ?? name;
  const points = (env: Record<string, number | null>) => {
    const result = compareLevels(rule, 3, env, label);
    return 'ok' in result ? result : result.points;
  };

  it('takes the first condition that holds', () => {
    expect(points({ balance_current: 0, carryover_previous: 10 })).toBe(3);
    expect(points({ balance_current: 50, carryover_previous: 60 })).toBe(2);
    expect(points({ balance_current: 60, carryover_previous: 60 })).toBe(2);
    expect(points({ balance_current: 70, carryover_previous: 60 })).toBe(0);
  });

  it('needs only the inputs of the conditions it reaches', () => {
    expect(points({ balance_current: 0, carryover_previous: null })).toBe(3);
    expect(points({ balance_current: 10, carryover_previous: null })).toEqual({
      ok: false,
      reason: 'missing',
      names: ['carryover_previous'],
    });
  });

  it('explains the conditions with labels', () => {
    expect(describeRule(rule, 3, '', label)).toBe(
      '按条件计分：本年结余 = 0时得3分；本年结余 ≤ 上年结转时得2分；本年结余 > 上年结转时得0分',
    );
  });
});

describe('manual_levels and qualitative rows (财预〔2020〕10号 三档)', () => {
  it('takes a score and finds its level', () => {
    const outcome = manualLevels({ type: 'manual_levels', levels: LEVELS_10 }, 5, { points: 4.5 });
    expect(outcome.points).toBe(4.5);
    expect(outcome.calculation).toBe('人工评分：等级“达成年度指标”，4.50分');
    // 0.8 × 5 = 4 belongs to 达成 (80% inclusive), not to 部分达成 (80% exclusive)
    expect(resolveLevel(LEVELS_10, 5, { points: 4 })).toMatchObject({
      ok: true,
      level: { label: '达成年度指标' },
    });
  });

  it('scores a level alone at its lower bound', () => {
    expect(resolveLevel(LEVELS_10, 5, { level: '达成年度指标' })).toMatchObject({ ok: true, points: 4 });
    expect(resolveLevel(LEVELS_10, 3, { level: '部分达成年度指标并具有一定效果' })).toMatchObject({
      points: 1.8,
    });
    expect(resolveLevel(LEVELS_10, 3, { level: '未达成年度指标且效果较差' })).toMatchObject({ points: 0 });
  });

  it('checks that level and score agree', () => {
    expect(
      resolveLevel(LEVELS_10, 5, { level: '部分达成年度指标并具有一定效果', points: 3.5 }),
    ).toMatchObject({
      ok: true,
      points: 3.5,
    });
    const wrong = resolveLevel(LEVELS_10, 5, { level: '部分达成年度指标并具有一定效果', points: 4 });
    expect(wrong).toEqual({
      ok: false,
      error: '等级“部分达成年度指标并具有一定效果”的得分应在 3分（含）～4分 之间，给出的是 4分',
    });
    expect(resolveLevel(LEVELS_10, 5, { level: '优秀' })).toMatchObject({ ok: false });
    expect(resolveLevel(LEVELS_10, 5, { points: 5.5 })).toEqual({
      ok: false,
      error: '得分 5.5 超出 0～5 分',
    });
  });

  it('scores a qualitative row from the unit’s or the evaluator’s level', () => {
    const rule: RuleOf<'target_comparison'> = {
      type: 'target_comparison',
      over_achievement: 'none',
      qualitative: LEVELS_10,
    };
    expect(qualitativeRow(rule, 30, { points: 24 }).points).toBe(24);
    expect(qualitativeRow(rule, 30, { level: '部分达成年度指标并具有一定效果' }).points).toBe(18);
  });
});

describe('target_comparison (指标行)', () => {
  const rule: RuleOf<'target_comparison'> = {
    type: 'target_comparison',
    over_achievement: 'flag_if_actual_exceeds_target_by_more_than_pct',
    over_threshold_pct: 20,
    qualitative: LEVELS_10,
  };
  const row = (comparator: '≥' | '≤' | '=' | '>' | '<' | '~', target: number, actual: number) => ({
    target: { comparator, value: target, level: null, unit: '场' },
    actual: { value: actual, text: null },
  });

  it('gives full marks when the target is met', () => {
    expect(targetComparison(rule, 20, row('≥', 24, 24)).points).toBe(20);
    expect(targetComparison(rule, 20, row('≤', 200, 180)).points).toBe(20);
    expect(targetComparison(rule, 10, row('=', 100, 100)).points).toBe(10);
    expect(targetComparison(rule, 10, row('>', 90, 90)).points).toBe(10);
    expect(targetComparison(rule, 10, row('<', 5, 5)).points).toBe(10);
  });

  it('scores a shortfall pro rata', () => {
    // ≥24 场, 20 场: 20 × 20 ÷ 24 = 16.666… → 16.67
    const outcome = targetComparison(rule, 20, row('≥', 24, 20));
    expect(outcome.points).toBe(16.67);
    expect(outcome.calculation).toBe(
      '实际完成值 20场，未达到年度指标值≥24场（不低于目标），得 20 × 20 ÷ 24 = 16.67分',
    );
    // ≤200 元, 250 元: 15 × 200 ÷ 250 = 12
    expect(targetComparison(rule, 15, row('≤', 200, 250)).points).toBe(12);
    // =100, 98 → 10 × 98 ÷ 100 = 9.8; =100, 102 → 10 × 100 ÷ 102 = 9.8039 → 9.8
    expect(targetComparison(rule, 10, row('=', 100, 98)).points).toBe(9.8);
    expect(targetComparison(rule, 10, row('~', 100, 102)).points).toBe(9.8);
  });

  it('handles zero and negative edges', () => {
    expect(targetComparison(rule, 10, row('≥', 0, 0)).points).toBe(10);
    expect(targetComparison(rule, 10, row('≤', 0, 5)).points).toBe(0); // 0 ÷ 5
    expect(targetComparison(rule, 10, row('≥', 10, -2)).points).toBe(0);
    expect(targetComparison(rule, 10, row('=', 0, 3)).points).toBe(0);
  });

  it('flags an actual far above a ≥ target, without deducting', () => {
    const far = targetComparison(rule, 10, row('≥', 10, 13)); // +30% > 20%
    expect(far.points).toBe(10);
    expect(far.flags[0]).toContain('超过目标值 30.00%');
    expect(targetComparison(rule, 10, row('≥', 10, 12)).flags).toEqual([]); // exactly +20%
    expect(targetComparison({ ...rule, over_achievement: 'none' }, 10, row('≥', 10, 30)).flags).toEqual([]);
  });
});

describe('zero base', () => {
  it('gives full marks when every input is zero (不适用)', () => {
    const outcome = zeroBase({ both_zero: 'full' }, 3, true, '政府采购预算数');
    expect(outcome?.points).toBe(3);
    expect(outcome?.calculation).toBe('各项输入均为 0（政府采购预算数为 0），得满分3分');
  });

  it('gives 0 and a flag when last year is 0 and this year is not', () => {
    const outcome = zeroBase(
      { both_zero: 'full', previous_zero_current_positive: 'zero_and_flag' },
      3,
      false,
      '上年度“三公经费”预算数',
    );
    expect(outcome?.points).toBe(0);
    expect(outcome?.flags).toHaveLength(1);
  });

  it('leaves a case the rule does not cover as not computable', () => {
    expect(zeroBase(undefined, 3, true, 'x')).toBeNull();
    expect(zeroBase({ both_zero: 'full' }, 3, false, '政府采购预算数')).toBeNull();
  });
});
