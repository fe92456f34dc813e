/**
 * One pure function per `rule.type` of the framework files (vocabulary: shared domain README §1.6). Each
 * returns the points and two Chinese sentences a reviewer can check by hand: the rule as applied (适用规则)
 * and the arithmetic (得分). Points are rounded to 2 decimals, capped at the weight and floored.
 */
import type { Indicator } from '../model/schema.ts';
import {
  type Env,
  type EvalFailure,
  evaluateCondition,
  formatExpression,
  parseCondition,
} from './expression.ts';
import type { BandSpec, LevelSpec, ScoringRule } from './framework-schema.ts';

type RuleOf<T extends ScoringRule['type']> = Extract<ScoringRule, { type: T }>;

export interface Outcome {
  /** null: the rule could not give a score (the reason is in `calculation`). */
  points: number | null;
  /** The rule in words, with this indicator's numbers (e.g. 每超过1个百分点扣0.3分). */
  rule: string;
  /** The arithmetic that gives the points, or why there are none. */
  calculation: string;
  /** Things a reviewer should look at even though the score stands (over 100 %, a zero base). */
  flags: string[];
}

/** Half away from zero at 2 decimals, without 1.005 → 1.00 binary surprises. */
export function round2(value: number): number {
  const sign = value < 0 ? -1 : 1;
  return (sign * Math.round(Number(`${Math.abs(value)}e2`))) / 100 + 0;
}

/** Up to 4 decimals, trailing zeros dropped: 0.166667 × 3 shows as 0.5. */
export function fmt(value: number): string {
  return String(Number(value.toFixed(4)) + 0);
}

/** Two decimals for values and points in the explanation: 110.00%, 2.70分. */
export function fmt2(value: number): string {
  return (round2(value) + 0).toFixed(2);
}

const EPSILON = 1e-9;

function clampPoints(raw: number, weight: number, floor: number): number {
  return round2(Math.min(weight, Math.max(floor, raw)));
}

function deductedText(weight: number, deduction: number, raw: number, floor: number): string {
  const result = `${fmt(weight)} − ${fmt2(deduction)} = ${fmt2(raw)}分`;
  if (raw >= floor) return result;
  return `${result}，低于${fmt(floor)}分，扣完为止，得${fmt(floor)}分`;
}

function countedPoints(excess: number, mode: RuleOf<'deduct_per_point_above'>['partial_points']): number {
  const clean = Math.round(excess / EPSILON) * EPSILON;
  if (mode === 'per_started_point') return Math.ceil(clean - EPSILON);
  if (mode === 'per_whole_point') return Math.floor(clean + EPSILON);
  return excess;
}

const PARTIAL_TEXT = {
  continuous: '不足1个百分点的按比例扣分',
  per_started_point: '不足1个百分点的按1个百分点扣分',
  per_whole_point: '不足1个百分点的不扣分',
} as const;

// ---------------------------------------------------------------------------------------------------------
// Rates against a standard

/** 以{threshold}为标准，不超过得满分，每超过1个百分点扣 fraction × weight，扣完为止。 */
export function deductPerPointAbove(
  rule: RuleOf<'deduct_per_point_above'>,
  weight: number,
  value: number,
  unit = '%',
): Outcome {
  return deductPerPoint(rule, weight, value, unit, 1);
}

/** Mirrored: 以{threshold}为标准，不低于得满分，每低于1个百分点扣 fraction × weight，扣完为止。 */
export function deductPerPointBelow(
  rule: RuleOf<'deduct_per_point_below'>,
  weight: number,
  value: number,
  unit = '%',
): Outcome {
  return deductPerPoint(rule, weight, value, unit, -1);
}

function deductPerPoint(
  rule: RuleOf<'deduct_per_point_above' | 'deduct_per_point_below'>,
  weight: number,
  value: number,
  unit: string,
  direction: 1 | -1,
): Outcome {
  const floor = rule.floor ?? 0;
  const perPoint = rule.per_point_fraction_of_weight * weight;
  const mode = rule.partial_points ?? 'continuous';
  const [within, beyond] = direction === 1 ? ['不超过', '超过'] : ['不低于', '低于'];
  const text =
    `以${fmt(rule.threshold)}${unit}为标准，${within}标准得满分；每${beyond}1个百分点扣${fmt(perPoint)}分` +
    `（分值的${fmt(rule.per_point_fraction_of_weight * 100)}%），${PARTIAL_TEXT[mode]}，扣完为止`;
  const excess = (value - rule.threshold) * direction;
  if (excess <= EPSILON) {
    return {
      points: round2(weight),
      rule: text,
      calculation: `${fmt2(value)}${unit} ${direction === 1 ? '≤' : '≥'} ${fmt(rule.threshold)}${unit}，得满分${fmt(weight)}分`,
      flags: [],
    };
  }
  const counted = countedPoints(excess, mode);
  const deduction = counted * perPoint;
  const raw = weight - deduction;
  const countedText = mode === 'continuous' ? '' : `，按 ${fmt(counted)} 个百分点计`;
  return {
    points: clampPoints(raw, weight, floor),
    rule: text,
    calculation:
      `${beyond}标准 ${fmt2(excess)} 个百分点${countedText}，扣 ${fmt(counted)} × ${fmt(perPoint)} = ${fmt2(deduction)}分；` +
      deductedText(weight, deduction, raw, floor),
    flags: [],
  };
}

/** 以{threshold}为标准，每低于 step 个百分点扣 per_step_points 分（满 step 才扣）。 */
export function deductPerStepBelow(
  rule: RuleOf<'deduct_per_step_below'>,
  weight: number,
  value: number,
  unit = '%',
): Outcome {
  const floor = rule.floor ?? 0;
  const text =
    `以${fmt(rule.threshold)}${unit}为标准，达到标准得满分；每低于${fmt(rule.step)}个百分点扣` +
    `${fmt(rule.per_step_points)}分（不足${fmt(rule.step)}个百分点的不扣），扣完为止`;
  if (value >= rule.threshold - EPSILON) {
    return {
      points: round2(weight),
      rule: text,
      calculation: `${fmt2(value)}${unit} ≥ ${fmt(rule.threshold)}${unit}，得满分${fmt(weight)}分`,
      flags: [],
    };
  }
  const shortfall = rule.threshold - value;
  const steps = Math.floor(shortfall / rule.step + EPSILON);
  const deduction = steps * rule.per_step_points;
  const raw = weight - deduction;
  return {
    points: clampPoints(raw, weight, floor),
    rule: text,
    calculation:
      `低于标准 ${fmt2(shortfall)} 个百分点，满 ${steps} 个${fmt(rule.step)}个百分点，扣 ${steps} × ${fmt(rule.per_step_points)} = ${fmt2(deduction)}分；` +
      deductedText(weight, deduction, raw, floor),
    flags: [],
  };
}

/** weight × min(value, target) ÷ target: higher is better, capped at the weight. */
export function proportional(
  rule: RuleOf<'proportional'>,
  weight: number,
  value: number,
  unit = '%',
): Outcome {
  const text = `按完成比例计分：分值 × 计算值 ÷ ${fmt(rule.target)}${unit}，最高得满分`;
  const flags: string[] = [];
  if (value > rule.target + EPSILON) {
    flags.push(
      `计算值 ${fmt2(value)}${unit} 高于 ${fmt(rule.target)}${unit}，按满分计、超出部分不加分；远高于标准时请核对分母口径（如预算数是否为调整后数）`,
    );
  }
  const used = Math.min(Math.max(value, 0), rule.target);
  const raw = (weight * used) / rule.target;
  const shown =
    value > rule.target ? `${fmt(rule.target)}（封顶）` : value < 0 ? '0（负值按0计）' : fmt2(value);
  return {
    points: clampPoints(raw, weight, 0),
    rule: text,
    calculation: `${fmt(weight)} × ${shown} ÷ ${fmt(rule.target)} = ${fmt2(raw)}分`,
    flags,
  };
}

/** Lower is better: value ≤ threshold → weight; above it weight × threshold ÷ value. */
export function inverseProportional(
  rule: RuleOf<'inverse_proportional'>,
  weight: number,
  value: number,
  unit = '%',
): Outcome {
  const text = `不超过${fmt(rule.threshold)}${unit}得满分；超过时得 分值 × ${fmt(rule.threshold)}${unit} ÷ 计算值`;
  if (value <= rule.threshold + EPSILON) {
    return {
      points: round2(weight),
      rule: text,
      calculation: `${fmt2(value)}${unit} ≤ ${fmt(rule.threshold)}${unit}，得满分${fmt(weight)}分`,
      flags: [],
    };
  }
  const raw = (weight * rule.threshold) / value;
  return {
    points: clampPoints(raw, weight, 0),
    rule: text,
    calculation: `${fmt(weight)} × ${fmt(rule.threshold)} ÷ ${fmt2(value)} = ${fmt2(raw)}分`,
    flags: [],
  };
}

// ---------------------------------------------------------------------------------------------------------
// Bands

export function bandContains(band: BandSpec, value: number): boolean {
  const minInclusive = band.min_inclusive ?? true;
  const maxInclusive = band.max_inclusive ?? false;
  if (band.min !== null && (minInclusive ? value < band.min : value <= band.min)) return false;
  if (band.max !== null && (maxInclusive ? value > band.max : value >= band.max)) return false;
  return true;
}

export function describeBand(band: BandSpec, unit = '%'): string {
  const minInclusive = band.min_inclusive ?? true;
  const maxInclusive = band.max_inclusive ?? false;
  const v = (x: number) => `${fmt(x)}${unit}`;
  if (band.min !== null && band.max !== null && band.min === band.max) return `=${v(band.min)}`;
  if (band.min === null && band.max === null) return '任意值';
  if (band.min === null) return `${maxInclusive ? '≤' : '<'}${v(band.max!)}`;
  if (band.max === null) return `${minInclusive ? '≥' : '>'}${v(band.min)}`;
  return `${minInclusive ? '' : '高于'}${v(band.min)}${minInclusive ? '（含）' : ''}～${v(band.max)}${maxInclusive ? '（含）' : ''}`;
}

/** The first band that contains the value gives weight × fraction. */
export function bands(rule: RuleOf<'bands'>, weight: number, value: number, unit = '%'): Outcome {
  const text = `分档计分：${rule.bands
    .map((band) => `${describeBand(band, unit)}得${fmt(round2(weight * band.fraction))}分`)
    .join('；')}`;
  const band = rule.bands.find((b) => bandContains(b, value));
  if (!band) {
    return {
      points: null,
      rule: text,
      calculation: `${fmt2(value)}${unit} 不在任何评分档次内，无法计分`,
      flags: [],
    };
  }
  const raw = weight * band.fraction;
  return {
    points: clampPoints(raw, weight, 0),
    rule: text,
    calculation: `${fmt2(value)}${unit} 属于“${describeBand(band, unit)}”档，得 ${fmt(weight)} × ${fmt(band.fraction)} = ${fmt2(raw)}分`,
    flags: [],
  };
}

// ---------------------------------------------------------------------------------------------------------
// Evaluator judgements and counts

/** `unmet` are 1-based item numbers the evaluator found not met. */
export function checklist(rule: RuleOf<'checklist'>, weight: number, unmet: readonly number[]): Outcome {
  const floor = rule.floor ?? 0;
  const perItem = rule.per_unmet_fraction_of_weight * weight;
  const items = rule.items.map((item, i) => `${circled(i + 1)}${item}`).join('；');
  const text = `评价要点：${items}。每有一项不满足扣${fmt(perItem)}分，扣完为止`;
  if (unmet.length === 0) {
    return {
      points: round2(weight),
      rule: text,
      calculation: `各项均满足，得满分${fmt(weight)}分`,
      flags: [],
    };
  }
  const deduction = unmet.length * perItem;
  const raw = weight - deduction;
  return {
    points: clampPoints(raw, weight, floor),
    rule: text,
    calculation:
      `不满足第 ${unmet.map(circled).join('')} 项，扣 ${unmet.length} × ${fmt(perItem)} = ${fmt2(deduction)}分；` +
      deductedText(weight, deduction, raw, floor),
    flags: [],
  };
}

function circled(n: number): string {
  return n >= 1 && n <= 20 ? String.fromCodePoint(0x2460 + n - 1) : `(${n})`;
}

export function perViolation(
  rule: RuleOf<'per_violation'>,
  weight: number,
  count: number,
  label: string,
): Outcome {
  const floor = rule.floor ?? 0;
  const text = `每出现一例${label.replace(/数$/, '')}扣${fmt(rule.per_violation_points)}分，扣完为止`;
  if (count <= 0) {
    return {
      points: round2(weight),
      rule: text,
      calculation: `${label}为 0，得满分${fmt(weight)}分`,
      flags: [],
    };
  }
  const deduction = count * rule.per_violation_points;
  const raw = weight - deduction;
  return {
    points: clampPoints(raw, weight, floor),
    rule: text,
    calculation: `${label}为 ${fmt(count)}，扣 ${fmt(count)} × ${fmt(rule.per_violation_points)} = ${fmt2(deduction)}分；${deductedText(weight, deduction, raw, floor)}`,
    flags: [],
  };
}

export type CompareOutcome = Outcome | EvalFailure;

export function compareLevelsText(rule: RuleOf<'compare_levels'>, label: (name: string) => string): string {
  return `按条件计分：${rule.levels
    .map((level) => `${formatExpression(parseCondition(level.when), label)}时得${fmt(level.points)}分`)
    .join('；')}`;
}

/** The first condition that holds gives its points; a condition that needs an unknown input stops the scan. */
export function compareLevels(
  rule: RuleOf<'compare_levels'>,
  weight: number,
  env: Env,
  label: (name: string) => string,
): CompareOutcome {
  const parsed = rule.levels.map((level) => ({ ...level, condition: parseCondition(level.when) }));
  const text = compareLevelsText(rule, label);
  for (const level of parsed) {
    const result = evaluateCondition(level.condition, env);
    if (!result.ok) return result;
    if (result.value) {
      return {
        points: clampPoints(level.points, weight, 0),
        rule: text,
        calculation: `满足“${formatExpression(level.condition, label)}”，得${fmt(level.points)}分`,
        flags: [],
      };
    }
  }
  return { points: null, rule: text, calculation: '没有满足的条件，无法计分', flags: [] };
}

// ---------------------------------------------------------------------------------------------------------
// Levels chosen by the evaluator

export interface ManualChoice {
  level?: string | undefined;
  points?: number | undefined;
}

export type LevelResolution =
  | { ok: true; points: number; level: LevelSpec | null; note: string }
  | { ok: false; error: string };

export function levelRange(level: LevelSpec, weight: number): string {
  const low = `${fmt(round2(level.fraction_min * weight))}分${(level.min_inclusive ?? true) ? '（含）' : ''}`;
  const high = `${fmt(round2(level.fraction_max * weight))}分${(level.max_inclusive ?? true) ? '（含）' : ''}`;
  return level.fraction_min === level.fraction_max
    ? `${fmt(round2(level.fraction_min * weight))}分`
    : `${low}～${high}`;
}

function levelContains(level: LevelSpec, fraction: number): boolean {
  const lowOk =
    (level.min_inclusive ?? true)
      ? fraction >= level.fraction_min - EPSILON
      : fraction > level.fraction_min + EPSILON;
  const highOk =
    (level.max_inclusive ?? true)
      ? fraction <= level.fraction_max + EPSILON
      : fraction < level.fraction_max - EPSILON;
  return lowOk && highOk;
}

/**
 * What the evaluator said → points. A number alone is the score (its level is looked up); a level alone scores
 * the level's lower bound, the score it certainly deserves; "level:points" must put the points in the level.
 */
export function resolveLevel(
  levels: readonly LevelSpec[],
  weight: number,
  choice: ManualChoice,
): LevelResolution {
  const names = levels.map((l) => `“${l.label}”`).join('、');
  const level = choice.level === undefined ? undefined : levels.find((l) => l.label === choice.level!.trim());
  if (choice.level !== undefined && !level)
    return { ok: false, error: `没有等级“${choice.level}”，可选：${names}` };
  if (choice.points !== undefined) {
    if (!(choice.points >= 0 && choice.points <= weight + EPSILON))
      return { ok: false, error: `得分 ${fmt(choice.points)} 超出 0～${fmt(weight)} 分` };
    const fraction = weight === 0 ? 0 : choice.points / weight;
    if (level && !levelContains(level, fraction))
      return {
        ok: false,
        error: `等级“${level.label}”的得分应在 ${levelRange(level, weight)} 之间，给出的是 ${fmt(choice.points)}分`,
      };
    const found = level ?? levels.find((l) => levelContains(l, fraction)) ?? null;
    return {
      ok: true,
      points: round2(choice.points),
      level: found,
      note: found ? `等级“${found.label}”` : '',
    };
  }
  if (!level) return { ok: false, error: '需要给出得分或等级' };
  return {
    ok: true,
    points: round2(level.fraction_min * weight),
    level,
    note: `仅给出等级“${level.label}”，按该等级下限计分（可用“等级:分值”给出 ${levelRange(level, weight)} 内的得分）`,
  };
}

export function describeLevels(levels: readonly LevelSpec[], weight: number): string {
  return `由评价人选定等级并在该等级区间内给分：${levels.map((l) => `${l.label} ${levelRange(l, weight)}`).join('；')}`;
}

export function manualLevels(rule: RuleOf<'manual_levels'>, weight: number, choice: ManualChoice): Outcome {
  return scoreByLevel(rule.levels, weight, choice);
}

/** The evaluator picks a level and (optionally) points inside its range. */
function scoreByLevel(levels: readonly LevelSpec[], weight: number, choice: ManualChoice): Outcome {
  const text = describeLevels(levels, weight);
  const resolved = resolveLevel(levels, weight, choice);
  if (!resolved.ok) return { points: null, rule: text, calculation: resolved.error, flags: [] };
  return {
    points: resolved.points,
    rule: text,
    calculation: `人工评分：${[resolved.note, `${fmt2(resolved.points)}分`].filter(Boolean).join('，')}`,
    flags: [],
  };
}

// ---------------------------------------------------------------------------------------------------------
// Indicator rows (财预〔2020〕10号: met → full; not met → pro rata; qualitative → three levels)

export type IndicatorRow = Pick<Indicator, 'target' | 'actual'>;

const COMPARATOR_TEXT: Record<string, string> = {
  '≥': '不低于',
  '>': '高于',
  '≤': '不高于',
  '<': '低于',
  '=': '等于',
  '~': '约等于',
};

/**
 * A quantitative row: met → weight; a ≥/> target not met → weight × actual ÷ target; a ≤/< target exceeded →
 * weight × target ÷ actual; = and ~ → weight × smaller ÷ larger. Far above a ≥ target is flagged (the target
 * may have been set too low), not deducted: that is the evaluator's call.
 */
export function targetComparison(
  rule: RuleOf<'target_comparison'>,
  weight: number,
  row: IndicatorRow,
): Outcome {
  const comparator = row.target.comparator;
  const target = row.target.value!;
  const actual = row.actual.value!;
  const unit = row.target.unit ?? '';
  const text =
    '财预〔2020〕10号：达到年度指标值得满分；未达到的按完成比例计分（“≥”类为 实际 ÷ 目标，“≤”类为 目标 ÷ 实际）';
  const met = isMet(comparator, actual, target);
  const targetText = `年度指标值${comparator}${fmt(target)}${unit}`;
  const flags = overAchievement(rule, comparator, target, actual);
  if (met) {
    return {
      points: round2(weight),
      rule: text,
      calculation: `实际完成值 ${fmt(actual)}${unit}，达到${targetText}，得满分${fmt(weight)}分`,
      flags,
    };
  }
  const { ratio, formula } = shortfallRatio(comparator, actual, target);
  const raw = weight * ratio;
  return {
    points: clampPoints(raw, weight, 0),
    rule: text,
    calculation: `实际完成值 ${fmt(actual)}${unit}，未达到${targetText}（${COMPARATOR_TEXT[comparator] ?? comparator}目标），得 ${fmt(weight)} × ${formula} = ${fmt2(Math.max(raw, 0))}分`,
    flags,
  };
}

/**
 * “>” and “<” count equality as met, like “≥” and “≤”: pro rata scoring would give full marks at equality
 * anyway, and tables use the strict signs loosely.
 */
function isMet(comparator: string, actual: number, target: number): boolean {
  switch (comparator) {
    case '≥':
    case '>':
      return actual >= target - EPSILON;
    case '≤':
    case '<':
      return actual <= target + EPSILON;
    default:
      return Math.abs(actual - target) <= EPSILON;
  }
}

function shortfallRatio(
  comparator: string,
  actual: number,
  target: number,
): { ratio: number; formula: string } {
  const a = fmt(actual);
  const t = fmt(target);
  if (comparator === '≥' || comparator === '>') {
    if (target <= 0) return { ratio: 0, formula: `0（目标值为 ${t}，实际值未达到）` };
    return { ratio: Math.max(actual, 0) / target, formula: `${a} ÷ ${t}` };
  }
  if (comparator === '≤' || comparator === '<') {
    if (actual <= 0) return { ratio: 0, formula: '0' };
    return { ratio: Math.max(target, 0) / actual, formula: `${t} ÷ ${a}` };
  }
  const [small, large] = Math.abs(actual) < Math.abs(target) ? [actual, target] : [target, actual];
  if (large === 0 || small < 0 || large < 0) return { ratio: 0, formula: '0' };
  return { ratio: small / large, formula: `${fmt(small)} ÷ ${fmt(large)}` };
}

function overAchievement(
  rule: RuleOf<'target_comparison'>,
  comparator: string,
  target: number,
  actual: number,
): string[] {
  if (rule.over_achievement === 'none' || rule.over_threshold_pct === undefined) return [];
  if ((comparator !== '≥' && comparator !== '>') || target <= 0) return [];
  const over = ((actual - target) / target) * 100;
  if (over <= rule.over_threshold_pct + EPSILON) return [];
  return [
    `实际完成值超过目标值 ${fmt2(over)}%（超过 ${fmt(rule.over_threshold_pct)}%），请说明原因；如属目标设定偏低，应按偏离程度适当扣分（财预〔2020〕10号）`,
  ];
}

/** A qualitative row is scored by the evaluator's level (the three 10号 levels). */
export function qualitativeRow(
  rule: RuleOf<'target_comparison'>,
  weight: number,
  choice: ManualChoice,
): Outcome {
  return scoreByLevel(rule.qualitative, weight, choice);
}

// ---------------------------------------------------------------------------------------------------------
// A zero base (denominator 0): both zero → usually full (不适用); last year 0, this year > 0 → 0 and a flag

export type ZeroBaseSpec = NonNullable<RuleOf<'deduct_per_point_above'>['zero_base']>;

/**
 * Called when the formula divided by zero. `allZero`: every input is 0. Returns null when the rule says
 * nothing about this case: the indicator is then not computable.
 */
export function zeroBase(
  spec: ZeroBaseSpec | undefined,
  weight: number,
  allZero: boolean,
  divisor: string,
): Outcome | null {
  if (!spec) return null;
  if (allZero && spec.both_zero) {
    const full = spec.both_zero === 'full';
    return {
      points: full ? round2(weight) : 0,
      rule: `各项输入均为 0 时${full ? '得满分（视为不适用）' : '得 0 分'}`,
      calculation: `各项输入均为 0（${divisor}为 0），得${full ? `满分${fmt(weight)}` : ' 0 '}分`,
      flags: [],
    };
  }
  if (!allZero && spec.previous_zero_current_positive) {
    const full = spec.previous_zero_current_positive === 'full';
    return {
      points: full ? round2(weight) : 0,
      rule: `基数（${divisor}）为 0 而本期不为 0 时${full ? '得满分' : '得 0 分并提请人工复核'}`,
      calculation: `${divisor}为 0，无法计算比率，得${full ? `满分${fmt(weight)}` : ' 0 '}分`,
      flags: full ? [] : [`${divisor}为 0 而本期大于 0，比率无法计算，按规则得 0 分，请人工复核`],
    };
  }
  return null;
}

/** The rule in words without a value (for an indicator that cannot be computed). */
export function describeRule(
  rule: ScoringRule,
  weight: number,
  unit: string,
  label: (name: string) => string,
): string {
  switch (rule.type) {
    case 'deduct_per_point_above':
      return deductPerPointAbove(rule, weight, rule.threshold, unit).rule;
    case 'deduct_per_point_below':
      return deductPerPointBelow(rule, weight, rule.threshold, unit).rule;
    case 'deduct_per_step_below':
      return deductPerStepBelow(rule, weight, rule.threshold, unit).rule;
    case 'proportional':
      return proportional(rule, weight, rule.target, unit).rule;
    case 'inverse_proportional':
      return inverseProportional(rule, weight, rule.threshold, unit).rule;
    case 'bands':
      return bands(rule, weight, 0, unit).rule;
    case 'checklist':
      return checklist(rule, weight, []).rule;
    case 'per_violation':
      return perViolation(rule, weight, 0, label(rule.input)).rule;
    case 'compare_levels':
      return compareLevelsText(rule, label);
    case 'manual_levels':
      return describeLevels(rule.levels, weight);
    case 'target_comparison':
      return describeLevels(rule.qualitative, weight);
  }
}
