/**
 * Scores a SelfEvaluation model against a framework: every leaf indicator gets its inputs, formula, value,
 * rule and points, with a Chinese explanation a reviewer can check line by line. Pure: no I/O.
 *
 * Policy for what cannot be scored (documented in frameworks/README.md and in every result's `gradeNote`):
 * - an indicator whose inputs are missing, whose formula divides by zero (with no zero-base rule), or that
 *   needs an evaluator's judgement nobody gave, gets `points: null` and a non-empty `missing` list: it is
 *   never scored 0 or full behind the user's back;
 * - `total` is the sum of the scored points; `scoredWeight` and `unscoredWeight` split `maxTotal`;
 *   `possibleMax` = total + unscoredWeight is the best the unit could still reach;
 * - the grade is looked up on `total`. With unscored indicators it is a lower bound: `gradeFinal` says
 *   whether it can still change. A framework with `incomplete_grading: "withhold"` gives `grade: null`
 *   until the grade is final.
 */
import { JixiaoError } from '../errors.ts';
import type { Indicator, SelfEvaluation } from '../model/schema.ts';
import { fillTotals } from '../model/totals.ts';
import { evaluate, formatExpression, inputNames, parseExpression } from './expression.ts';
import {
  type Framework,
  type FrameworkGroup,
  type FrameworkLeaf,
  type FrameworkNode,
  isGroup,
  leavesOf,
  needsFormula,
  type RuleType,
  type ScoringRule,
} from './framework-schema.ts';
import { INPUTS, type ResolvedInput, resolveInput } from './inputs.ts';
import {
  bands,
  checklist,
  compareLevels,
  deductPerPointAbove,
  deductPerPointBelow,
  deductPerStepBelow,
  describeRule,
  fmt,
  fmt2,
  inverseProportional,
  type ManualChoice,
  manualLevels,
  type Outcome,
  perViolation,
  proportional,
  qualitativeRow,
  round2,
  targetComparison,
  zeroBase,
} from './rules.ts';

export type ManualValue = number | string;

export interface ScoreOptions {
  /**
   * Evaluator's scores by indicator id: a number is the points; for levels "等级" or "等级:分值"; for a
   * checklist "未满足:1,3" (1-based item numbers, "未满足:无" when all are met).
   */
  manual?: Readonly<Record<string, ManualValue>>;
  /** Evaluator inputs with no model field (violations, late_special_funds …); money in 分. */
  inputs?: Readonly<Record<string, number>>;
}

export interface InputView {
  name: string;
  label: string;
  value: number | null;
  display: string;
  paths: string[];
  note?: string;
}

export interface ScoredIndicator {
  id: string;
  name: string;
  level: number;
  /** 一级/二级/三级 names. */
  path: string[];
  /** Ids of the framework groups above it. */
  parents: string[];
  weight: number | null;
  points: number | null;
  /** The computed value (a rate in %, a count, a row's actual value); null when there is none. */
  value: number | null;
  unit: string | null;
  /** 输入；公式；计算值；适用规则；得分 — `steps` joined with "；". */
  explanation: string;
  steps: string[];
  /** Why it is not scored: input labels, "需人工评分", a zero divisor. Empty exactly when scored. */
  missing: string[];
  /** Points a reviewer should look at even though the score stands. */
  flags: string[];
  rule: RuleType | null;
  /** The points come from an evaluator (--manual) or from the unit's own 得分 column. */
  manual: boolean;
  inputs: InputView[];
}

export interface GroupSummary {
  id: string;
  name: string;
  level: number;
  path: string[];
  /** The framework's weight; for a group of user-defined rows, the sum of the unit's row weights. */
  weight: number;
  points: number;
  scoredWeight: number;
  unscoredCount: number;
}

export interface ScoreResult {
  framework: string;
  frameworkName: string;
  frameworkVersion: string;
  /** 单位名称 (the unit evaluated). */
  unitName: string;
  fiscalYear: number;
  total: number;
  maxTotal: number;
  scoredWeight: number;
  unscoredWeight: number;
  unscoredCount: number;
  possibleMax: number;
  grade: string | null;
  gradeFinal: boolean;
  gradePolicy: Framework['incomplete_grading'];
  gradeNote: string;
  indicators: ScoredIndicator[];
  groups: GroupSummary[];
  notes: string[];
  /** Model totals computed from their parts because they were left empty. */
  derived: string[];
}

const NEEDS_JUDGEMENT = '需人工评分';

// ---------------------------------------------------------------------------------------------------------
// Per-framework work, done once: a batch scores thousands of models against the same parsed framework.
// Frameworks are not mutated after parsing, so their nodes can key these caches.

type LeafWithAncestors = { leaf: FrameworkLeaf; ancestors: FrameworkGroup[] };

const leavesCache = new WeakMap<
  Pick<Framework, 'indicators'> | FrameworkNode,
  readonly LeafWithAncestors[]
>();

/** `leavesOf(framework)`, shared between calls; callers only read it. */
function frameworkLeaves(framework: Framework): readonly LeafWithAncestors[] {
  let leaves = leavesCache.get(framework);
  if (!leaves) {
    leaves = leavesOf(framework);
    leavesCache.set(framework, leaves);
  }
  return leaves;
}

/** The leaves under one top-level or group node (a leaf node is its own only leaf). */
function nodeLeaves(node: FrameworkNode): readonly LeafWithAncestors[] {
  let leaves = leavesCache.get(node);
  if (!leaves) {
    leaves = isGroup(node) ? leavesOf({ indicators: [node] }) : [{ leaf: node, ancestors: [] }];
    leavesCache.set(node, leaves);
  }
  return leaves;
}

/** What a leaf's explanation says regardless of the model: its input labels, formula and rule in words. */
interface LeafText {
  label: (name: string) => string;
  /** The 公式 step, when the leaf has a formula. */
  formula: string | undefined;
  /** describeRule's sentence, computed on first use (only unscored leaves need it). */
  rule: string | undefined;
}

const leafTexts = new WeakMap<FrameworkLeaf, LeafText>();

function leafText(leaf: FrameworkLeaf): LeafText {
  let text = leafTexts.get(leaf);
  if (!text) {
    // The same label resolveInput gives each input: the framework's, else the catalogue's, else the name.
    const labels = new Map(
      (leaf.inputs ?? []).map((spec) => [spec.name, spec.label ?? INPUTS[spec.name]?.label ?? spec.name]),
    );
    const label = (name: string) => labels.get(name) ?? INPUTS[name]?.label ?? name;
    const formula = leaf.formula
      ? `公式：${formatExpression(parseExpression(leaf.formula), label)}`
      : undefined;
    text = { label, formula, rule: undefined };
    leafTexts.set(leaf, text);
  }
  return text;
}

function leafRuleText(leaf: FrameworkLeaf, text: LeafText): string {
  text.rule ??= describeRule(leaf.rule!, leaf.weight!, leaf.unit ?? '', text.label);
  return text.rule;
}

export function score(model: SelfEvaluation, framework: Framework, options: ScoreOptions = {}): ScoreResult {
  if (framework.status !== 'complete') {
    throw new JixiaoError('JX_FRAMEWORK_PARTIAL', { id: framework.id, reason: '来源中只看到部分指标' });
  }
  const { model: filled, derived } = fillTotals(model);
  const plan = planEntries(framework, filled.performance.indicators);
  const manual = options.manual ?? {};
  checkManualIds(plan.entries, manual);
  const evaluatorInputs = checkEvaluatorInputs(framework, options.inputs ?? {});
  const context: Context = { model: filled, manual, evaluatorInputs, derived: new Set(derived) };
  const indicators = plan.entries.map((entry) => scoreEntry(entry, context));
  return summarize(framework, filled, indicators, [...plan.notes, ...derivedNote(derived)], derived);
}

interface Context {
  model: SelfEvaluation;
  manual: Readonly<Record<string, ManualValue>>;
  evaluatorInputs: Readonly<Record<string, number>>;
  derived: ReadonlySet<string>;
}

// ---------------------------------------------------------------------------------------------------------
// Plan: which entries the result has, in framework order

type Entry =
  | { kind: 'leaf'; id: string; leaf: FrameworkLeaf; ancestors: FrameworkGroup[] }
  | {
      kind: 'row';
      id: string;
      slot: FrameworkLeaf;
      ancestors: FrameworkGroup[];
      row: Indicator;
      index: number;
    }
  | { kind: 'unfilled'; id: string; node: FrameworkNode; ancestors: FrameworkGroup[]; weight: number | null };

interface Plan {
  entries: Entry[];
  notes: string[];
}

/**
 * Framework leaves in order; a user-defined slot is replaced by the model rows that belong to it. A level-1
 * group whose slots received no row at all becomes one unscored "unfilled" entry, so its weight is not lost;
 * an empty slot beside filled ones is dropped (the unit did not use that category; its row weights count).
 */
function planEntries(framework: Framework, rows: readonly Indicator[]): Plan {
  const slots = frameworkLeaves(framework).filter(({ leaf }) => leaf.user_defined);
  const assigned = new Map<string, number[]>();
  const unmatched: number[] = [];
  const notes: string[] = [];
  rows.forEach((row, index) => {
    const slot = matchSlot(row, slots);
    if (slot) assigned.set(slot.id, [...(assigned.get(slot.id) ?? []), index]);
    else unmatched.push(index);
  });
  if (slots.length === 0) {
    if (rows.length > 0)
      notes.push(`模型中有 ${rows.length} 条年度绩效指标，本框架不设自定义指标，这些指标未计分`);
    return {
      entries: frameworkLeaves(framework).map(({ leaf, ancestors }) => leafEntry(leaf, ancestors)),
      notes,
    };
  }
  const entries: Entry[] = [];
  for (const top of framework.indicators) entries.push(...planTop(top, assigned, rows, notes));
  unmatched.forEach((index, n) => {
    const row = rows[index]!;
    entries.push({ kind: 'row', id: `unmatched.${n + 1}`, slot: slots[0]!.leaf, ancestors: [], row, index });
    notes.push(
      `performance.indicators[${index}]（${row.level1}/${row.level2 ?? '—'}/${row.level3}）的一级或二级指标不在本框架中，已按填报分值单列计分`,
    );
  });
  return { entries, notes };
}

function leafEntry(leaf: FrameworkLeaf, ancestors: FrameworkGroup[]): Entry {
  return { kind: 'leaf', id: leaf.id, leaf, ancestors };
}

function planTop(
  top: FrameworkNode,
  assigned: Map<string, number[]>,
  rows: readonly Indicator[],
  notes: string[],
): Entry[] {
  const leaves = nodeLeaves(top);
  const slotLeaves = leaves.filter(({ leaf }) => leaf.user_defined);
  const filled = slotLeaves.some(({ leaf }) => (assigned.get(leaf.id) ?? []).length > 0);
  const entries: Entry[] = [];
  for (const { leaf, ancestors } of leaves) {
    if (!leaf.user_defined) entries.push(leafEntry(leaf, ancestors));
    else if (filled) {
      const parent = ancestors.at(-1);
      (assigned.get(leaf.id) ?? []).forEach((index, n) => {
        entries.push({
          kind: 'row',
          id: `${parent?.id ?? leaf.id}.${n + 1}`,
          slot: leaf,
          ancestors,
          row: rows[index]!,
          index,
        });
      });
    }
  }
  if (slotLeaves.length > 0 && !filled) {
    const fixed = leaves
      .filter(({ leaf }) => !leaf.user_defined)
      .reduce((sum, { leaf }) => sum + (leaf.weight ?? 0), 0);
    entries.push({
      kind: 'unfilled',
      id: `${top.id}.unfilled`,
      node: top,
      ancestors: [],
      weight: (top.weight ?? 0) - fixed,
    });
  }
  if (slotLeaves.length > 0 && filled && top.weight !== null) {
    const rowWeight = entries.reduce((sum, e) => sum + (e.kind === 'row' ? (e.row.weight ?? 0) : 0), 0);
    const fixed = leaves
      .filter(({ leaf }) => !leaf.user_defined)
      .reduce((sum, { leaf }) => sum + (leaf.weight ?? 0), 0);
    if (Math.abs(rowWeight + fixed - top.weight) > 1e-9)
      notes.push(`“${top.name}”下各指标分值合计 ${fmt(rowWeight + fixed)} 分，框架为 ${fmt(top.weight)} 分`);
  }
  return entries;
}

/** Names compared without spaces, brackets and a trailing 指标: 产出指标 = 产出, 数量指标 = 数量. */
function nameKey(name: string): string {
  return name
    .replace(/\s+/g, '')
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/指标$/, '');
}

function matchSlot(
  row: Indicator,
  slots: { leaf: FrameworkLeaf; ancestors: FrameworkGroup[] }[],
): FrameworkLeaf | undefined {
  const inLevel1 = slots.filter(
    ({ ancestors }) => ancestors[0] && nameKey(ancestors[0].name) === nameKey(row.level1),
  );
  if (inLevel1.length <= 1) return inLevel1[0]?.leaf;
  if (row.level2 === null) return undefined;
  const key = nameKey(row.level2);
  const levelTwo = (s: { ancestors: FrameworkGroup[] }) => nameKey(s.ancestors[1]?.name ?? '');
  const exact = inLevel1.filter((s) => levelTwo(s) === key);
  if (exact.length === 1) return exact[0]!.leaf;
  // 101号 splits 成本指标 into 经济成本指标 etc.: a name containing (or contained in) one category's name.
  const near = inLevel1.filter(
    (s) => levelTwo(s) !== '' && (key.includes(levelTwo(s)) || levelTwo(s).includes(key)),
  );
  return near.length === 1 ? near[0]!.leaf : undefined;
}

function checkManualIds(entries: Entry[], manual: Readonly<Record<string, ManualValue>>): void {
  const given = Object.keys(manual);
  if (given.length === 0) return;
  const ids = new Set(entries.map((e) => e.id));
  for (const id of given) {
    if (!ids.has(id)) {
      const sample = [...ids].slice(0, 6).join('、');
      throw new JixiaoError('JX_MANUAL', {
        detail: `本框架没有指标 ${id}（指标编号如 ${sample} …，可用 --format json 查看）`,
      });
    }
  }
}

/** --input is for evaluator findings only: a model figure is entered once, in the model. */
function checkEvaluatorInputs(
  framework: Framework,
  inputs: Readonly<Record<string, number>>,
): Record<string, number> {
  const given = Object.entries(inputs);
  if (given.length === 0) return {};
  const used = new Set(
    frameworkLeaves(framework).flatMap(({ leaf }) => (leaf.inputs ?? []).map((i) => i.name)),
  );
  for (const [name, value] of given) {
    const definition = INPUTS[name];
    if (definition?.source === 'model') {
      throw new JixiaoError('JX_SCORE_INPUT', {
        detail: `${name}（${definition.label}）是单位填报的数据，请在模型中填写，不能用 --input 提供`,
      });
    }
    if (!used.has(name)) {
      const allowed = [...used].filter((n) => INPUTS[n]?.source !== 'model');
      throw new JixiaoError('JX_SCORE_INPUT', {
        detail: `本框架不使用输入 ${name}${allowed.length > 0 ? `（可提供：${allowed.join('、')}）` : '（本框架没有需评价人提供的输入）'}`,
      });
    }
    if (!Number.isFinite(value) || value < 0)
      throw new JixiaoError('JX_SCORE_INPUT', { detail: `${name} 应为非负数` });
  }
  return { ...inputs };
}

// ---------------------------------------------------------------------------------------------------------
// Scoring one entry

function scoreEntry(entry: Entry, context: Context): ScoredIndicator {
  if (entry.kind === 'leaf') return scoreLeaf(entry.leaf, entry.ancestors, context);
  if (entry.kind === 'row') return scoreRow(entry, context);
  return unfilledEntry(entry);
}

interface Draft {
  value: number | null;
  outcome: Outcome | null;
  /** Labels of inputs that are not known ("缺少…"). */
  missing: string[];
  /** Other reasons there is no score: a judgement nobody gave, a zero divisor, a value outside the bands. */
  blockers: string[];
  manual: boolean;
  flags: string[];
  /** The 计算值 step, when there is one. */
  valueStep?: string;
}

function scoreLeaf(leaf: FrameworkLeaf, ancestors: FrameworkGroup[], context: Context): ScoredIndicator {
  const weight = leaf.weight!;
  const rule = leaf.rule!;
  const unit = leaf.unit ?? '';
  const inputs = (leaf.inputs ?? []).map((spec) =>
    resolveInput(context.model, spec.name, spec.label, context.evaluatorInputs, context.derived),
  );
  const text = leafText(leaf);
  const label = text.label;
  const env = Object.fromEntries(inputs.map((input) => [input.name, input.value]));
  const raw = context.manual[leaf.id];
  const draft = applyRule(
    leaf,
    rule,
    weight,
    unit,
    env,
    label,
    raw === undefined ? undefined : parseManual(raw, leaf.id),
  );

  const steps: string[] = [];
  if (inputs.length > 0) steps.push(`输入：${inputs.map(describeInput).join('，')}`);
  if (text.formula) steps.push(text.formula);
  if (draft.valueStep) steps.push(draft.valueStep);
  steps.push(`适用规则：${draft.outcome?.rule ?? leafRuleText(leaf, text)}`);
  steps.push(scoreStep(draft));
  return finish({
    id: leaf.id,
    name: leaf.name,
    level: leaf.level,
    path: [...ancestors.map((a) => a.name), leaf.name],
    parents: ancestors.map((a) => a.id),
    weight,
    unit: leaf.unit ?? null,
    rule: rule.type,
    inputs: inputs.map(inputView),
    steps,
    draft,
  });
}

function scoreStep(draft: Draft): string {
  if (draft.outcome && draft.outcome.points !== null) return `得分：${draft.outcome.calculation}`;
  return `得分：未评分（${describeMissing(draft)}）`;
}

function describeMissing(draft: Pick<Draft, 'missing' | 'blockers'>): string {
  const inputs = draft.missing.length > 0 ? [`缺少${draft.missing.join('、')}`] : [];
  return [...inputs, ...draft.blockers].join('；');
}

function applyRule(
  leaf: FrameworkLeaf,
  rule: ScoringRule,
  weight: number,
  unit: string,
  env: Record<string, number | null>,
  label: (name: string) => string,
  manual: ParsedManual | undefined,
): Draft {
  const draft: Draft = { value: null, outcome: null, missing: [], blockers: [], manual: false, flags: [] };
  if (needsFormula(rule.type)) computeFormula(leaf, rule, weight, unit, env, label, draft);
  else if (rule.type === 'per_violation') {
    const count = env[rule.input];
    if (count === null || count === undefined) draft.missing.push(label(rule.input));
    else {
      draft.value = count;
      draft.outcome = perViolation(rule, weight, count, label(rule.input));
    }
  } else if (rule.type === 'compare_levels') {
    const result = compareLevels(rule, weight, env, label);
    if ('ok' in result) {
      if (result.reason === 'missing') draft.missing.push(...result.names.map(label));
      else draft.blockers.push(`${formatExpression(result.divisor, label)}为 0（无法计算）`);
    } else draft.outcome = result;
  }
  if (manual) return applyManual(leaf, rule, weight, manual, draft);
  if (!draft.outcome && draft.missing.length === 0) {
    if (['checklist', 'manual_levels', 'target_comparison'].includes(rule.type))
      draft.blockers.push(NEEDS_JUDGEMENT);
  }
  if (draft.outcome?.points === null) draft.blockers.push(draft.outcome.calculation);
  return draft;
}

function computeFormula(
  leaf: FrameworkLeaf,
  rule: ScoringRule,
  weight: number,
  unit: string,
  env: Record<string, number | null>,
  label: (name: string) => string,
  draft: Draft,
): void {
  const expr = parseExpression(leaf.formula!);
  const result = evaluate(expr, env);
  if (result.ok) {
    draft.value = result.value;
    draft.valueStep = `计算值：${fmt2(result.value)}${unit}`;
    draft.outcome = applyValueRule(rule, weight, result.value, unit);
    return;
  }
  if (result.reason === 'missing') {
    draft.missing.push(...result.names.map(label));
    draft.valueStep = `计算值：无法计算（缺少${result.names.map(label).join('、')}）`;
    return;
  }
  const divisor = formatExpression(result.divisor, label);
  const allZero = inputNames(expr).every((name) => env[name] === 0);
  draft.valueStep = `计算值：${divisor}为 0，比率无法计算`;
  const spec = 'zero_base' in rule ? rule.zero_base : undefined;
  draft.outcome = zeroBase(spec, weight, allZero, divisor);
  if (!draft.outcome) draft.blockers.push(`${divisor}为 0（无法计算）`);
}

function applyValueRule(rule: ScoringRule, weight: number, value: number, unit: string): Outcome {
  switch (rule.type) {
    case 'deduct_per_point_above':
      return deductPerPointAbove(rule, weight, value, unit);
    case 'deduct_per_point_below':
      return deductPerPointBelow(rule, weight, value, unit);
    case 'deduct_per_step_below':
      return deductPerStepBelow(rule, weight, value, unit);
    case 'proportional':
      return proportional(rule, weight, value, unit);
    case 'inverse_proportional':
      return inverseProportional(rule, weight, value, unit);
    case 'bands':
      return bands(rule, weight, value, unit);
    default:
      throw new TypeError(`rule ${rule.type} does not score a value`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Evaluator entries (--manual)

type ParsedManual = { id: string; points?: number; level?: string; unmet?: number[] };

/** "8.5" → points; "未满足:1,3" → unmet items; "等级:分值" → level and points; anything else → a level. */
export function parseManual(raw: ManualValue, id: string): ParsedManual {
  if (typeof raw === 'number') return { id, points: raw };
  const text = raw.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return { id, points: Number(text) };
  const unmet = /^(?:未满足|unmet)\s*[:：]\s*(.*)$/i.exec(text);
  if (unmet) {
    const list = unmet[1]!.trim();
    if (list === '' || list === '无' || list === 'none') return { id, unmet: [] };
    const items = list.split(/[,，、\s]+/).map((part) => Number(part));
    if (items.some((n) => !Number.isInteger(n) || n < 1))
      throw new JixiaoError('JX_MANUAL', {
        detail: `${id}：“${text}”中的项目编号应为从 1 开始的整数，如 未满足:1,3`,
      });
    return { id, unmet: [...new Set(items)].sort((a, b) => a - b) };
  }
  const withPoints = /^(.+?)\s*[:：]\s*(\d+(?:\.\d+)?)$/.exec(text);
  if (withPoints) return { id, level: withPoints[1]!, points: Number(withPoints[2]) };
  if (text === '') throw new JixiaoError('JX_MANUAL', { detail: `${id}：没有给出分值或等级` });
  return { id, level: text };
}

function manualError(id: string, detail: string): JixiaoError {
  return new JixiaoError('JX_MANUAL', { detail: `${id}：${detail}` });
}

function applyManual(
  leaf: FrameworkLeaf,
  rule: ScoringRule,
  weight: number,
  manual: ParsedManual,
  draft: Draft,
): Draft {
  const id = manual.id;
  if (manual.unmet !== undefined) {
    if (rule.type !== 'checklist') throw manualError(id, '只有按评价要点打分的指标可以用“未满足:…”');
    const over = manual.unmet.filter((n) => n > rule.items.length);
    if (over.length > 0)
      throw manualError(id, `只有 ${rule.items.length} 个评价要点，没有第 ${over.join('、')} 项`);
    return {
      ...draft,
      outcome: checklist(rule, weight, manual.unmet),
      missing: [],
      blockers: [],
      manual: true,
    };
  }
  if (manual.level !== undefined) {
    if (rule.type !== 'manual_levels' && rule.type !== 'target_comparison')
      throw manualError(id, `${leaf.name}不按等级评分，请给出分值（0～${fmt(weight)}）`);
    const levels = rule.type === 'manual_levels' ? rule.levels : rule.qualitative;
    const outcome = manualLevels({ type: 'manual_levels', levels }, weight, manual);
    if (outcome.points === null) throw manualError(id, outcome.calculation);
    return { ...draft, outcome, missing: [], blockers: [], manual: true };
  }
  const points = manual.points!;
  if (!(points >= 0 && points <= weight))
    throw manualError(id, `得分 ${fmt(points)} 超出 0～${fmt(weight)} 分`);
  if (rule.type === 'manual_levels') {
    const outcome = manualLevels(rule, weight, manual);
    if (outcome.points === null) throw manualError(id, outcome.calculation);
    return { ...draft, outcome, missing: [], blockers: [], manual: true };
  }
  const computed = draft.outcome?.points;
  // A score for a judgement indicator is the normal case; overriding a formula is what a reviewer must see.
  const judged = rule.type === 'checklist' || rule.type === 'target_comparison';
  const flags = judged
    ? []
    : computed === undefined || computed === null
      ? [`人工评分 ${fmt2(points)} 分（规则无法计算：${describeMissing(draft)}）`]
      : computed === points
        ? []
        : [`人工评分 ${fmt2(points)} 分，与按规则计算的 ${fmt2(computed)} 分不同`];
  const outcome: Outcome = {
    points: round2(points),
    rule: draft.outcome?.rule ?? describeRule(rule, weight, leaf.unit ?? '', (n) => n),
    calculation: `人工评分 ${fmt2(points)}分`,
    flags: [...(draft.outcome?.flags ?? []), ...flags],
  };
  return { ...draft, outcome, missing: [], blockers: [], manual: true };
}

// ---------------------------------------------------------------------------------------------------------
// Indicator rows of the model (user-defined slots)

function scoreRow(entry: Extract<Entry, { kind: 'row' }>, context: Context): ScoredIndicator {
  const { row, index, slot, ancestors, id } = entry;
  const rule = slot.rule!;
  const base = `performance.indicators[${index}]`;
  const unit = row.target.unit ?? '';
  const qualitative = row.target.comparator === 'qualitative';
  const targetText = qualitative
    ? (row.target.level ?? '定性')
    : row.target.value === null
      ? '未填写'
      : `${row.target.comparator}${fmt(row.target.value)}${unit}`;
  const actualText =
    row.actual.value !== null ? `${fmt(row.actual.value)}${unit}` : (row.actual.text ?? '未填写');
  const inputs: InputView[] = [
    {
      name: 'target',
      label: '年度指标值',
      value: row.target.value,
      display: targetText,
      paths: [`${base}.target`],
    },
    {
      name: 'actual',
      label: '实际完成值',
      value: row.actual.value,
      display: actualText,
      paths: [`${base}.actual`],
    },
  ];
  const draft: Draft = {
    value: row.actual.value,
    outcome: null,
    missing: [],
    blockers: [],
    manual: false,
    flags: [],
  };
  const raw = context.manual[id];
  const manual = raw === undefined ? undefined : parseManual(raw, id);
  if (rule.type !== 'target_comparison')
    throw new TypeError('a user-defined slot is scored by target_comparison');
  if (row.weight === null) draft.missing.push('分值（权重）');
  else if (qualitative) scoreQualitativeRow(rule, row, row.weight, manual, draft);
  else scoreQuantitativeRow(rule, row, row.weight, manual, draft);

  const steps = [
    `输入：${inputs.map((i) => `${i.label} ${i.display}（${i.paths[0]}）`).join('，')}`,
    `适用规则：${draft.outcome?.rule ?? (qualitative ? describeRule(rule, row.weight ?? 0, unit, (n) => n) : '财预〔2020〕10号：达到年度指标值得满分；未达到的按完成比例计分')}`,
    scoreStep(draft),
  ];
  return finish({
    id,
    name: row.level3,
    level: slot.level,
    path:
      ancestors.length > 0
        ? [...ancestors.map((a) => a.name), row.level3]
        : [row.level1, row.level2 ?? '—', row.level3],
    parents: ancestors.map((a) => a.id),
    weight: row.weight,
    unit: row.target.unit,
    rule: rule.type,
    inputs,
    steps,
    draft,
  });
}

function scoreQualitativeRow(
  rule: Extract<ScoringRule, { type: 'target_comparison' }>,
  row: Indicator,
  weight: number,
  manual: ParsedManual | undefined,
  draft: Draft,
): void {
  if (manual?.unmet !== undefined) throw manualError(manual.id, '定性指标请给出等级或分值');
  // Without an evaluator's level, the unit's own 得分 column is its judgement: use it and say so.
  const choice: ManualChoice | undefined = manual ?? (row.score !== null ? { points: row.score } : undefined);
  if (!choice) {
    draft.blockers.push(NEEDS_JUDGEMENT);
    return;
  }
  const outcome = qualitativeRow(rule, weight, choice);
  if (outcome.points === null) {
    if (manual) throw manualError(manual.id, outcome.calculation);
    draft.blockers.push(`单位填报得分有误：${outcome.calculation}`);
    return;
  }
  draft.outcome = manual
    ? outcome
    : { ...outcome, calculation: outcome.calculation.replace('人工评分', '采用单位填报得分') };
  draft.manual = true;
}

function scoreQuantitativeRow(
  rule: Extract<ScoringRule, { type: 'target_comparison' }>,
  row: Indicator,
  weight: number,
  manual: ParsedManual | undefined,
  draft: Draft,
): void {
  if (row.target.value === null) draft.missing.push('年度指标值');
  if (row.actual.value === null) draft.missing.push('实际完成值');
  if (draft.missing.length === 0) draft.outcome = targetComparison(rule, weight, row);
  const computed = draft.outcome?.points ?? null;
  if (manual) {
    if (manual.points === undefined || manual.level !== undefined)
      throw manualError(manual.id, '定量指标请给出分值');
    if (manual.points > weight)
      throw manualError(manual.id, `得分 ${fmt(manual.points)} 超出 0～${fmt(weight)} 分`);
    const note =
      computed === null
        ? '（规则无法计算）'
        : computed === manual.points
          ? ''
          : `（按规则计算为 ${fmt2(computed)} 分）`;
    draft.outcome = {
      points: round2(manual.points),
      rule: draft.outcome?.rule ?? '财预〔2020〕10号：达到年度指标值得满分；未达到的按完成比例计分',
      calculation: `人工评分 ${fmt2(manual.points)}分${note}`,
      flags: [...(draft.outcome?.flags ?? []), ...(note ? [`人工评分${note}`] : [])],
    };
    draft.missing = [];
    draft.blockers = [];
    draft.manual = true;
    return;
  }
  if (computed !== null && row.score !== null && Math.abs(row.score - computed) > 0.005) {
    draft.flags.push(`单位填报得分 ${fmt2(row.score)} 分，与按规则计算的 ${fmt2(computed)} 分不一致`);
  }
}

function unfilledEntry(entry: Extract<Entry, { kind: 'unfilled' }>): ScoredIndicator {
  const { node } = entry;
  const missing = `${node.name}的三级指标`;
  const steps = [
    `输入：模型 performance.indicators 中没有属于“${node.name}”的指标行`,
    `得分：未评分（缺少${missing}；请按绩效目标填写三级指标、年度指标值、实际完成值和分值）`,
  ];
  return {
    id: entry.id,
    name: `${node.name}（未填写）`,
    level: node.level,
    path: [node.name],
    parents: [],
    weight: entry.weight,
    points: null,
    value: null,
    unit: null,
    explanation: steps.join('；'),
    steps,
    missing: [missing],
    flags: [],
    rule: null,
    manual: false,
    inputs: [],
  };
}

/** "在职人员数 51人（staffing.servingActual）" — the value, where it came from, and anything unusual about it. */
function describeInput(input: ResolvedInput): string {
  // Say which fields are empty unless the source already is exactly those fields.
  const saysItAll = input.sourceText === input.missingPaths.join('、');
  const missing =
    input.value === null && input.missingPaths.length > 0 && !saysItAll
      ? `。其中 ${input.missingPaths.join('、')} 未填写`
      : '';
  const note = input.note ? `。${input.note}` : '';
  return `${input.label} ${input.display}（${input.sourceText}${missing}${note}）`;
}

function inputView(input: ResolvedInput): InputView {
  return {
    name: input.name,
    label: input.label,
    value: input.value,
    display: input.display,
    paths: input.paths,
    ...(input.note ? { note: input.note } : {}),
  };
}

function finish(parts: {
  id: string;
  name: string;
  level: number;
  path: string[];
  parents: string[];
  weight: number | null;
  unit: string | null;
  rule: RuleType;
  inputs: InputView[];
  steps: string[];
  draft: Draft;
}): ScoredIndicator {
  const { draft } = parts;
  const points = draft.outcome?.points ?? null;
  return {
    id: parts.id,
    name: parts.name,
    level: parts.level,
    path: parts.path,
    parents: parts.parents,
    weight: parts.weight,
    points: draft.missing.length + draft.blockers.length > 0 ? null : points,
    value: draft.value === null ? null : Number(draft.value.toFixed(6)),
    unit: parts.unit,
    explanation: parts.steps.join('；'),
    steps: parts.steps,
    missing: [...draft.missing, ...draft.blockers],
    flags: [...(draft.outcome?.flags ?? []), ...draft.flags],
    rule: parts.rule,
    manual: draft.manual,
    inputs: parts.inputs,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Totals and grade

function summarize(
  framework: Framework,
  model: SelfEvaluation,
  indicators: ScoredIndicator[],
  notes: string[],
  derived: string[],
): ScoreResult {
  const scored = indicators.filter((i) => i.points !== null);
  const unscored = indicators.filter((i) => i.points === null);
  const total = round2(scored.reduce((sum, i) => sum + i.points!, 0));
  const scoredWeight = round2(scored.reduce((sum, i) => sum + (i.weight ?? 0), 0));
  const unscoredWeight = round2(unscored.reduce((sum, i) => sum + (i.weight ?? 0), 0));
  const maxTotal = round2(scoredWeight + unscoredWeight);
  const possibleMax = round2(total + unscoredWeight);
  const weightless = unscored.filter((i) => i.weight === null).length;
  if (Math.abs(maxTotal - framework.total) > 0.005 && weightless === 0)
    notes.push(
      `各指标分值合计 ${fmt(maxTotal)} 分，与框架总分 ${fmt(framework.total)} 分不一致；等级仍按${fmt(framework.total)}分制的分数段评定`,
    );
  const low = gradeOf(framework, total);
  const high = weightless > 0 ? null : gradeOf(framework, possibleMax);
  const gradeFinal = unscored.length === 0 || (high !== null && low === high);
  const grade = gradeFinal || framework.incomplete_grading === 'provisional' ? low : null;
  return {
    framework: framework.id,
    frameworkName: framework.name,
    frameworkVersion: framework.version,
    unitName: model.unit.name,
    fiscalYear: model.fiscalYear,
    total,
    maxTotal,
    scoredWeight,
    unscoredWeight,
    unscoredCount: unscored.length,
    possibleMax,
    grade,
    gradeFinal,
    gradePolicy: framework.incomplete_grading,
    gradeNote: gradeNote(framework, {
      total,
      unscored,
      unscoredWeight,
      possibleMax,
      low,
      high,
      gradeFinal,
      weightless,
    }),
    indicators,
    groups: groupSummaries(framework, indicators),
    notes,
    derived,
  };
}

export function gradeOf(framework: Pick<Framework, 'grades'>, points: number): string | null {
  for (const band of framework.grades) {
    const aboveMin = band.min_inclusive ? points >= band.min - 1e-9 : points > band.min + 1e-9;
    const belowMax = band.max_inclusive ? points <= band.max + 1e-9 : points < band.max - 1e-9;
    if (aboveMin && belowMax) return band.grade;
  }
  return null;
}

function gradeNote(
  framework: Framework,
  s: {
    total: number;
    unscored: ScoredIndicator[];
    unscoredWeight: number;
    possibleMax: number;
    low: string | null;
    high: string | null;
    gradeFinal: boolean;
    weightless: number;
  },
): string {
  const bands = framework.grades
    .map(
      (b) =>
        `${b.grade} ${fmt(b.min)}${b.min_inclusive ? '（含）' : ''}～${fmt(b.max)}${b.max_inclusive ? '（含）' : ''}`,
    )
    .join('，');
  if (s.unscored.length === 0)
    return `全部指标均已评分，总分 ${fmt2(s.total)} 分，等级“${s.low}”（${bands}）`;
  const what = `${s.unscored.length} 项指标（共 ${fmt(s.unscoredWeight)} 分${s.weightless > 0 ? `，另有 ${s.weightless} 项未填分值` : ''}）缺少输入或需人工评分，未计入总分`;
  if (s.gradeFinal)
    return `${what}；即使这些指标全部得满分（总分最高 ${fmt2(s.possibleMax)} 分），等级仍为“${s.low}”，等级已确定`;
  const range =
    s.high === null
      ? '补齐后的总分上限无法确定'
      : `补齐后总分在 ${fmt2(s.total)}～${fmt2(s.possibleMax)} 分之间，等级可能为“${s.low}”至“${s.high}”`;
  if (framework.incomplete_grading === 'withhold') return `${what}；暂不评定等级（${range}）`;
  return `${what}；等级“${s.low}”按已评分指标的得分评定，只是下限，仅供参考（${range}）`;
}

function groupSummaries(framework: Framework, indicators: ScoredIndicator[]): GroupSummary[] {
  const out: GroupSummary[] = [];
  const visit = (node: FrameworkNode, path: string[]): void => {
    if (!isGroup(node)) return;
    const here = [...path, node.name];
    const members = indicators.filter((i) => i.parents.includes(node.id) || i.id === `${node.id}.unfilled`);
    const scored = members.filter((i) => i.points !== null);
    // Under user-defined slots the unit sets the weights; the framework's split is only a placeholder, and a
    // category the unit did not use is dropped.
    const unitWeighted = nodeLeaves(node).some(({ leaf }) => leaf.user_defined);
    if (unitWeighted && members.length === 0) return;
    out.push({
      id: node.id,
      name: node.name,
      level: node.level,
      path: here,
      weight: unitWeighted ? round2(members.reduce((sum, i) => sum + (i.weight ?? 0), 0)) : node.weight,
      points: round2(scored.reduce((sum, i) => sum + i.points!, 0)),
      scoredWeight: round2(scored.reduce((sum, i) => sum + (i.weight ?? 0), 0)),
      unscoredCount: members.length - scored.length,
    });
    for (const child of node.children) visit(child, here);
  };
  for (const node of framework.indicators) visit(node, []);
  return out;
}

function derivedNote(derived: string[]): string[] {
  return derived.length > 0 ? [`以下合计未填写，已由分项计算：${derived.join('、')}`] : [];
}
