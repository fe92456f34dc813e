/**
 * Named inputs of the framework formulas (staff_actual, sangong_current, …) read from a SelfEvaluation model,
 * each with a Chinese label and the model path(s) it came from. A null model field makes the input missing:
 * the indicator is reported as not scored, never silently given 0 or full marks.
 *
 * Inputs that are an evaluator's finding rather than a figure of the unit (violations, 未按进度下达的专项个数)
 * have no model field: they come from `score(…, { inputs })` (the CLI's --input).
 */
import { formatFen, toFen } from '../model/money.ts';
import type { SelfEvaluation } from '../model/schema.ts';
import { getAt, type Path, pathToString } from '../model/totals.ts';

export type InputKind = 'money' | 'count' | 'percent';

export interface Reading {
  /** Money in 分, counts as integers, percentages as numbers (50 = 50%). */
  value: number | null;
  /** Model fields the value was read from (dotted paths). */
  paths: string[];
  /** How to show the source when it is more than one field: "budget.sangong.*.budget（四项之和）". */
  source?: string;
  /** Of those, the ones that are empty. */
  missingPaths: string[];
  /** How the value was obtained when it was not simply read (a fallback, a derivation). */
  note?: string;
}

export interface InputDefinition {
  label: string;
  kind: InputKind;
  /** Display unit for counts (人, 项, 例, 个). */
  unit?: string;
  /** `model`: read from the model; `evaluator`: an evaluator's finding, given with --input. */
  source: 'model' | 'evaluator';
  read?: (model: SelfEvaluation) => Reading;
}

// ---------------------------------------------------------------------------------------------------------
// Readers

function field(path: Path): (model: SelfEvaluation) => Reading {
  // The dotted path is fixed; it is named once here, not on every read.
  const where = pathToString(path);
  return (model) => {
    const raw = getAt(model, path);
    const value = typeof raw === 'number' ? raw : null;
    return { value, paths: [where], missingPaths: value === null ? [where] : [] };
  };
}

/** Σ of several fields; unknown when any of them is (a 0 must be entered as 0, not left empty). */
function sum(paths: Path[], source: string): (model: SelfEvaluation) => Reading {
  const fields = paths.map((path) => field(path));
  return (model) => {
    const readings = fields.map((read) => read(model));
    const missingPaths = readings.flatMap((r) => r.missingPaths);
    const value = missingPaths.length > 0 ? null : readings.reduce((total, r) => total + r.value!, 0);
    return { value, paths: readings.flatMap((r) => r.paths), missingPaths, source };
  };
}

/** The first reader that yields a value; when none does, the first one's missing paths are reported. */
function firstOf(...readers: ((model: SelfEvaluation) => Reading)[]): (model: SelfEvaluation) => Reading {
  return (model) => {
    // Readers are pure, so the later ones are only run when the earlier ones yield nothing.
    let first: Reading | undefined;
    for (const read of readers) {
      const reading = read(model);
      if (reading.value !== null) return reading;
      first ??= reading;
    }
    return first!;
  };
}

const GP = ['budget', 'generalPublic'] as const;
const SANGONG_ITEMS = ['abroad', 'vehiclePurchase', 'vehicleOperation', 'reception'] as const;

function sangong(figure: 'budget' | 'actual' | 'lastYearBudget' | 'lastYearActual') {
  return sum(
    SANGONG_ITEMS.map((item) => ['budget', 'sangong', item, figure]),
    `budget.sangong 四项的 ${figure} 之和`,
  );
}

/** 在职人员数 when only the year-end categories are given: every category except 离休/退休. */
function servingFromCategories(model: SelfEvaluation): Reading {
  const categories = model.staffing.actual;
  const serving = categories.filter((c) => !/[离退]休/.test(c.category));
  const paths = ['staffing.actual'];
  if (categories.length === 0) return { value: null, paths, missingPaths: paths };
  return {
    value: serving.reduce((total, c) => total + c.count, 0),
    paths,
    missingPaths: [],
    source: 'staffing.actual 中除离退休外各类别之和',
    note: `staffing.servingActual 未填写，按 ${serving.map((c) => `${c.category}${c.count}人`).join(' + ')} 计`,
  };
}

/** Σ 全年预算数 of the projects marked 重点; unknown until every project says whether it is one. */
function keyProjects(model: SelfEvaluation): Reading {
  const projects = model.budget.generalPublic.project.projects;
  const base = 'budget.generalPublic.project.projects';
  if (projects.length === 0) return { value: null, paths: [base], missingPaths: [base] };
  const missingPaths = projects.flatMap((p, i) => [
    ...(p.key === null ? [`${base}[${i}].key`] : []),
    ...(p.key === true && p.adjusted === null ? [`${base}[${i}].adjusted`] : []),
  ]);
  const key = projects.filter((p) => p.key === true);
  const paths = key.map((p) => `${base}[${projects.indexOf(p)}].adjusted`);
  if (missingPaths.length > 0) return { value: null, paths: [base], missingPaths };
  return {
    value: key.reduce((total, p) => total + p.adjusted!, 0),
    paths: paths.length > 0 ? paths : [base],
    missingPaths: [],
    source: `${base} 中 key 为 true 的项目全年预算数之和`,
    note: key.length > 0 ? `重点项目：${key.map((p) => p.name).join('、')}` : '没有标为重点的项目',
  };
}

/** The adjustment as entered, or |全年预算数 − 年初预算数| of the whole general budget, said to be an estimate. */
function adjustmentFromTotals(model: SelfEvaluation): Reading {
  const { initial, adjusted } = model.budget.generalPublic.total;
  const paths = ['budget.generalPublic.total.adjusted', 'budget.generalPublic.total.initial'];
  const missingPaths = paths.filter((_, i) => (i === 0 ? adjusted : initial) === null);
  if (missingPaths.length > 0) return { value: null, paths, missingPaths };
  return {
    value: Math.abs(adjusted! - initial!),
    paths,
    missingPaths: [],
    source: '|budget.generalPublic.total.adjusted − budget.generalPublic.total.initial|',
    note: 'budget.adjustment.counted 未填写，按全年预算数与年初预算数之差推算：未扣除政策性、不可抗力和临时交办调整，追加与追减相互抵消，仅供参考',
  };
}

// ---------------------------------------------------------------------------------------------------------
// The catalogue: every input name used by a bundled framework (frameworks.test.ts checks it stays complete)

const money = (label: string, read: (model: SelfEvaluation) => Reading): InputDefinition => ({
  label,
  kind: 'money',
  source: 'model',
  read,
});
const count = (label: string, unit: string, read: (model: SelfEvaluation) => Reading): InputDefinition => ({
  label,
  kind: 'count',
  unit,
  source: 'model',
  read,
});
const evaluatorMoney = (label: string): InputDefinition => ({ label, kind: 'money', source: 'evaluator' });
const evaluatorCount = (label: string, unit: string): InputDefinition => ({
  label,
  kind: 'count',
  unit,
  source: 'evaluator',
});

export const INPUTS: Readonly<Record<string, InputDefinition>> = {
  // 人员
  staff_actual: count(
    '在职人员数',
    '人',
    firstOf(field(['staffing', 'servingActual']), servingFromCategories),
  ),
  staff_authorized: count('编制数', '人', field(['staffing', 'authorizedTotal'])),
  // 三公经费（MoF 口径比较预算数；按决算数比较的省份用 sangong_actual / sangong_previous_actual）
  sangong_current: money('本年度“三公经费”预算数', sangong('budget')),
  sangong_previous: money('上年度“三公经费”预算数', sangong('lastYearBudget')),
  sangong_actual: money('本年度“三公经费”实际支出数', sangong('actual')),
  sangong_budget: money('本年度“三公经费”预算数', sangong('budget')),
  sangong_previous_actual: money('上年度“三公经费”实际支出数', sangong('lastYearActual')),
  // 预算
  budget_initial: money('年初预算数', field([...GP, 'total', 'initial'])),
  budget_final: money('全年预算数（调整后）', field([...GP, 'total', 'adjusted'])),
  budget_completed: money('全年执行数', field([...GP, 'total', 'actual'])),
  budget_full_year: money('全年预算数', field([...GP, 'total', 'adjusted'])),
  budget_executed: money('全年执行数', field([...GP, 'total', 'actual'])),
  budget_adjustment: money(
    '预算调整数',
    firstOf(field(['budget', 'adjustment', 'counted']), adjustmentFromTotals),
  ),
  expenditure_budget: money('支出预算数（一般公共预算全年预算数）', field([...GP, 'total', 'adjusted'])),
  key_project_spending: money('重点项目支出（全年预算数）', keyProjects),
  project_spending_total: money('项目支出（全年预算数）', field([...GP, 'project', 'total', 'adjusted'])),
  public_funds_actual: money('公用经费全年执行数', field([...GP, 'basic', 'public', 'actual'])),
  public_funds_budget: money('公用经费全年预算数', field([...GP, 'basic', 'public', 'adjusted'])),
  paid_at_checkpoint: money('检查时点实际支出', field(['budget', 'paymentProgress', 'paid'])),
  planned_payment_progress: {
    label: '既定支付进度',
    kind: 'percent',
    source: 'model',
    read: field(['budget', 'paymentProgress', 'plannedRate']),
  },
  // 结转结余
  carryover_total: money('年末结转结余', field(['budget', 'carryover', 'yearEnd'])),
  carryover_current: money('本年末结转结余', field(['budget', 'carryover', 'yearEnd'])),
  carryover_previous: money(
    '上年末结转结余',
    firstOf(field(['budget', 'carryover', 'lastYearEnd']), field(['budget', 'carryover', 'previousYear'])),
  ),
  // 政府采购、资产
  procurement_actual: money('实际政府采购金额', field(['budget', 'procurement', 'actual'])),
  procurement_budget: money('政府采购预算数', field(['budget', 'procurement', 'budget'])),
  fixed_assets_in_use: money('实际在用固定资产总额', field(['assets', 'fixedInUse'])),
  fixed_assets_total: money('固定资产总额', field(['assets', 'fixedTotal'])),
  // 工作任务与满意度
  tasks_planned: count('计划工作数', '项', field(['performance', 'tasks', 'planned'])),
  tasks_completed: count('实际完成工作数', '项', field(['performance', 'tasks', 'completed'])),
  tasks_on_time: count('及时完成工作数', '项', field(['performance', 'tasks', 'onTime'])),
  tasks_quality_ok: count('质量达标工作数', '项', field(['performance', 'tasks', 'qualityOk'])),
  key_tasks_assigned: count('重点工作交办或下达数', '项', field(['performance', 'tasks', 'keyAssigned'])),
  key_tasks_completed: count('重点工作实际完成数', '项', field(['performance', 'tasks', 'keyCompleted'])),
  surveyed_count: count('有效问卷数', '份', field(['performance', 'survey', 'surveyed'])),
  satisfied_count: count('满意（含基本满意）人数', '人', field(['performance', 'survey', 'satisfied'])),
  // 评价人认定的数据（模型中没有对应字段）
  violations: evaluatorCount('不合规情形数', '例'),
  late_special_funds: evaluatorCount('未按进度下达的专项个数', '个'),
  balance_current: evaluatorMoney('本年结余'),
  // 项目评价（财预〔2020〕10号附件1）：针对单个项目，单位模型中没有对应字段
  funds_budgeted: evaluatorMoney('预算资金'),
  funds_arrived: evaluatorMoney('实际到位资金'),
  funds_spent: evaluatorMoney('实际支出资金'),
  output_planned: evaluatorCount('计划产出数', ''),
  output_actual: evaluatorCount('实际产出数', ''),
  output_quality_ok: evaluatorCount('质量达标产出数', ''),
  cost_planned: evaluatorMoney('计划成本'),
  cost_actual: evaluatorMoney('实际成本'),
};

// ---------------------------------------------------------------------------------------------------------
// Resolution

export interface ResolvedInput {
  name: string;
  /** The framework's label for this indicator when it has one, else the catalogue's. */
  label: string;
  value: number | null;
  /** The value for a reader: 4546.77万元, 57人, 50%; "未填写" when missing. */
  display: string;
  source: 'model' | 'evaluator';
  paths: string[];
  /** The paths as one phrase for the explanation. */
  sourceText: string;
  missingPaths: string[];
  note?: string;
}

export function displayValue(definition: InputDefinition | undefined, value: number): string {
  if (!definition) return String(value);
  if (definition.kind === 'money') return formatFen(value);
  if (definition.kind === 'percent') return `${value}%`;
  return `${value}${definition.unit ?? ''}`;
}

/**
 * Reads one input. `evaluatorValues` are the --input values (money already in 分); `derived` are model paths
 * whose totals were computed from their parts, so the explanation can say so.
 */
export function resolveInput(
  model: SelfEvaluation,
  name: string,
  label: string | undefined,
  evaluatorValues: Readonly<Record<string, number>>,
  derived: ReadonlySet<string> = new Set(),
): ResolvedInput {
  const definition = INPUTS[name];
  const shownLabel = label ?? definition?.label ?? name;
  if (!definition?.read) {
    const value = evaluatorValues[name] ?? null;
    return {
      name,
      label: shownLabel,
      value,
      display: value === null ? '未提供' : displayValue(definition, value),
      source: 'evaluator',
      paths: [],
      sourceText: `评价人提供（${name}）`,
      missingPaths: [],
    };
  }
  const reading = definition.read(model);
  const derivedPaths = reading.paths.filter((p) => derived.has(p));
  const notes = [
    reading.note,
    derivedPaths.length > 0 ? `${derivedPaths.join('、')} 由分项合计得出` : undefined,
  ].filter((n): n is string => n !== undefined);
  return {
    name,
    label: shownLabel,
    value: reading.value,
    display: reading.value === null ? '未填写' : displayValue(definition, reading.value),
    source: 'model',
    paths: reading.paths,
    sourceText: reading.source ?? reading.paths.join('、'),
    missingPaths: reading.missingPaths,
    ...(notes.length > 0 ? { note: notes.join('；') } : {}),
  };
}

/**
 * An --input value as typed (money in 万元, as the labels say) → the engine's unit (分 for money).
 * Returns null when the text is not a non-negative number.
 */
export function parseEvaluatorValue(name: string, text: string): number | null {
  const definition = INPUTS[name];
  if (!/^\d+(\.\d+)?$/.test(text.trim())) return null;
  if (definition?.kind === 'money') return toFen(text.trim(), '万元');
  const value = Number(text);
  if (definition?.kind === 'count' && !Number.isInteger(value)) return null;
  return value;
}
