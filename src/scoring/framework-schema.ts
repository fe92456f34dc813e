/**
 * The format of a framework file (frameworks/*.json): an indicator tree with weights, formulas over named
 * inputs and a machine-readable scoring rule per leaf, plus the grade bands. One province's variant is
 * one more file, never a branch in the code. frameworks/README.md documents the format for authors.
 *
 * Objects are strict so a misspelt key in a data file fails the loading test instead of being ignored.
 */
import { z } from 'zod';
import { ExpressionError, inputNames, parseCondition, parseExpression } from './expression.ts';

const Identifier = z.string().regex(/^[a-z][a-z0-9_]*$/, 'snake_case input name');
const IndicatorId = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/, 'dotted snake_case id');
const Fraction = z.number().min(0).max(1);

/** Closed or open ends; a null end is unbounded. Defaults: lower end included, upper end excluded. */
export const Band = z.strictObject({
  min: z.number().nullable(),
  max: z.number().nullable(),
  min_inclusive: z.boolean().optional(),
  max_inclusive: z.boolean().optional(),
  fraction: Fraction,
});

/** A qualitative level: the evaluator picks it and a score inside [fraction_min, fraction_max] × weight. */
export const Level = z.strictObject({
  label: z.string().min(1),
  fraction_min: Fraction,
  fraction_max: Fraction,
  min_inclusive: z.boolean().optional(),
  max_inclusive: z.boolean().optional(),
});

export const ZeroBase = z.strictObject({
  /** Every input is zero (no 三公 spending either year, no procurement planned or done). */
  both_zero: z.enum(['full', 'zero']).optional(),
  /** The denominator is zero but another input is not (last year 0, this year > 0). */
  previous_zero_current_positive: z.enum(['zero_and_flag', 'full']).optional(),
});

const PartialPoints = z.enum(['continuous', 'per_started_point', 'per_whole_point']);

const DeductPerPoint = {
  threshold: z.number(),
  per_point_fraction_of_weight: z.number().positive().max(1),
  floor: z.number().min(0).optional(),
  partial_points: PartialPoints.optional(),
  zero_base: ZeroBase.optional(),
};

export const Rule = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('deduct_per_point_above'), ...DeductPerPoint }),
  z.strictObject({ type: z.literal('deduct_per_point_below'), ...DeductPerPoint }),
  z.strictObject({
    type: z.literal('deduct_per_step_below'),
    threshold: z.number(),
    step: z.number().positive(),
    per_step_points: z.number().positive(),
    floor: z.number().min(0).optional(),
  }),
  z.strictObject({
    type: z.literal('proportional'),
    target: z.number().positive(),
    cap: z.literal('weight').optional(),
    zero_base: ZeroBase.optional(),
  }),
  z.strictObject({
    type: z.literal('inverse_proportional'),
    threshold: z.number().positive(),
    cap: z.literal('weight').optional(),
  }),
  z.strictObject({ type: z.literal('bands'), bands: z.array(Band).min(1) }),
  z.strictObject({
    type: z.literal('checklist'),
    items: z.array(z.string().min(1)).min(1),
    per_unmet_fraction_of_weight: z.number().positive().max(1),
    floor: z.number().min(0).optional(),
    /** Prose for the evaluator: which items are not met is a judgement, entered with --manual. */
    input: z.string().optional(),
  }),
  z.strictObject({
    type: z.literal('per_violation'),
    per_violation_points: z.number().positive(),
    floor: z.number().min(0).optional(),
    input: Identifier,
  }),
  z.strictObject({
    type: z.literal('compare_levels'),
    levels: z.array(z.strictObject({ when: z.string().min(1), points: z.number().min(0) })).min(1),
  }),
  z.strictObject({ type: z.literal('manual_levels'), levels: z.array(Level).min(1) }),
  z.strictObject({
    type: z.literal('target_comparison'),
    over_achievement: z.enum(['flag_if_actual_exceeds_target_by_more_than_pct', 'none']),
    over_threshold_pct: z.number().positive().optional(),
    qualitative: z.array(Level).min(1),
  }),
]);

export const InputSpec = z.strictObject({
  name: Identifier,
  label: z.string().min(1),
  unit: z.string().nullable(),
  description: z.string(),
});

const Verified = z.record(z.string(), z.string());

export const Variant = z.strictObject({
  source: z.string().min(1),
  weight: z.number().positive(),
  rule: Rule,
  formula: z.string().optional(),
  note: z.string().min(1),
});

const common = {
  id: IndicatorId,
  level: z.number().int().min(1).max(3),
  name: z.string().min(1),
  name_en: z.string().optional(),
};

const leafFields = {
  /** Partial reference frameworks may list a leaf whose rule was not visible in the source. */
  kind: z.enum(['quantitative', 'qualitative']).optional(),
  /** null only for a user-defined slot (the unit sets the weight per row) or in a partial framework. */
  weight: z.number().positive().nullable(),
  /** A slot the unit fills with its own rows (performance.indicators in the model). */
  user_defined: z.boolean().optional(),
  definition: z.string().optional(),
  formula: z.string().nullable().optional(),
  unit: z.string().nullable().optional(),
  inputs: z.array(InputSpec).optional(),
  scoring: z.string().optional(),
  rule: Rule.optional(),
  verified: Verified,
  variants: z.array(Variant).optional(),
  notes: z.string().optional(),
};

const groupFields = {
  /** The source shows this group but not (all of) its children. */
  unverified: z.boolean().optional(),
  children_complete: z.boolean().optional(),
};

/** A leaf indicator (the type; files are parsed with `Node`, which reports problems at the exact key). */
export const Leaf = z.strictObject({ ...common, ...leafFields });

export type FrameworkLeaf = z.infer<typeof Leaf>;

export interface FrameworkGroup {
  id: string;
  level: number;
  name: string;
  name_en?: string | undefined;
  weight: number;
  unverified?: boolean | undefined;
  children_complete?: boolean | undefined;
  children: FrameworkNode[];
}

export type FrameworkNode = FrameworkGroup | FrameworkLeaf;
export type ScoringRule = z.infer<typeof Rule>;
export type RuleType = ScoringRule['type'];
export type BandSpec = z.infer<typeof Band>;
export type LevelSpec = z.infer<typeof Level>;
export type InputSpecification = z.infer<typeof InputSpec>;

/** Group and leaf keys in one strict object: a union would hide a misspelt key behind "invalid input". */
interface RawNode extends Partial<Omit<FrameworkLeaf, 'weight'>> {
  id: string;
  level: number;
  name: string;
  weight: number | null;
  unverified?: boolean | undefined;
  children_complete?: boolean | undefined;
  children?: RawNode[] | undefined;
}

export const Node: z.ZodType<RawNode> = z
  .strictObject({
    ...common,
    ...leafFields,
    verified: Verified.optional(),
    ...groupFields,
    get children(): z.ZodOptional<z.ZodArray<z.ZodType<RawNode>>> {
      return z.array(Node).optional();
    },
  })
  .superRefine((node, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (node.children) {
      const leafOnly = Object.keys(leafFields).filter(
        (key) => key !== 'weight' && node[key as keyof typeof node] !== undefined,
      );
      for (const key of leafOnly) issue(key, `a group (with children) has no ${key}`);
      if (node.weight === null) issue('weight', 'a group needs a weight');
    } else {
      for (const key of Object.keys(groupFields)) {
        if (node[key as keyof typeof node] !== undefined) issue(key, `only a group has ${key}`);
      }
      if (node.verified === undefined) issue('verified', 'a leaf needs verified notes');
    }
  });

export const GradeBand = z.strictObject({
  grade: z.string().min(1),
  min: z.number(),
  max: z.number(),
  min_inclusive: z.boolean(),
  max_inclusive: z.boolean(),
});

export const FrameworkShape = z.strictObject({
  $schema: z.string().optional(),
  schema_version: z.literal(1),
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case id'),
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'semantic version'),
  /** `partial-reference`: kept for reference, refused by the scorer until completed. */
  status: z.enum(['complete', 'partial-reference']),
  name: z.string().min(1),
  name_en: z.string().optional(),
  source: z.strictObject({
    document: z.string().min(1),
    urls: z.array(z.string()),
    verified: z.string(),
  }),
  weights_source: z.string().optional(),
  total: z.number().positive(),
  visible_points: z.number().optional(),
  grades: z.array(GradeBand).min(1),
  grades_source: z.string().optional(),
  /**
   * What the grade means while some indicators are unscored: `provisional` grades the scored points (a lower
   * bound, with a note); `withhold` gives no grade until every indicator is scored.
   */
  incomplete_grading: z.enum(['provisional', 'withhold']),
  notes: z.array(z.string()).optional(),
  indicators: z.array(Node).min(1),
});

/** A parsed framework file; its nodes are narrowed to groups and leaves by the file schema's checks. */
export type Framework = Omit<z.infer<typeof FrameworkShape>, 'indicators'> & { indicators: FrameworkNode[] };

export function isGroup(node: FrameworkNode): node is FrameworkGroup {
  return 'children' in node;
}

/** The framework file schema with the cross-field checks: the tree, the weights, the formulas, the bands. */
export const FrameworkFile = FrameworkShape.superRefine((parsed, ctx) => {
  const framework = parsed as Framework;
  const issue = (path: (string | number)[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message });
  checkGrades(framework, issue);
  const ids = new Set<string>();
  const complete = framework.status === 'complete';
  checkSiblings(framework.indicators, framework.total, null, ['indicators'], complete, issue);
  framework.indicators.forEach((node, i) => {
    checkNode(node, null, ['indicators', i], ids, complete, issue);
  });
});

type Issue = (path: (string | number)[], message: string) => void;

function checkGrades(framework: Framework, issue: Issue): void {
  // Bands go from the best grade down and together cover 0..total without gaps or overlaps.
  const bands = framework.grades;
  const top = bands[0]!;
  if (top.max !== framework.total || !top.max_inclusive)
    issue(['grades', 0], 'the first band must end at total');
  const last = bands.at(-1)!;
  if (last.min !== 0 || !last.min_inclusive)
    issue(['grades', bands.length - 1], 'the last band must start at 0');
  for (let i = 1; i < bands.length; i++) {
    const above = bands[i - 1]!;
    const band = bands[i]!;
    if (band.max !== above.min || band.max_inclusive === above.min_inclusive)
      issue(['grades', i], `band ${band.grade} must end exactly where ${above.grade} starts`);
  }
}

function checkSiblings(
  nodes: FrameworkNode[],
  weight: number,
  parent: FrameworkGroup | null,
  path: (string | number)[],
  complete: boolean,
  issue: Issue,
): void {
  const weights = nodes.map((n) => n.weight);
  if (!complete || weights.some((w) => w === null)) return;
  const sum = weights.reduce<number>((a, w) => a + w!, 0);
  if (Math.abs(sum - weight) > 1e-9)
    issue(path, `weights of ${parent ? parent.id : 'the top level'} add up to ${sum}, not ${weight}`);
}

function checkNode(
  node: FrameworkNode,
  parent: FrameworkGroup | null,
  path: (string | number)[],
  ids: Set<string>,
  complete: boolean,
  issue: Issue,
): void {
  if (ids.has(node.id)) issue([...path, 'id'], `duplicate id ${node.id}`);
  ids.add(node.id);
  const expectedLevel = parent ? parent.level + 1 : 1;
  if (node.level !== expectedLevel) issue([...path, 'level'], `level should be ${expectedLevel}`);
  if (parent && !node.id.startsWith(`${parent.id}.`))
    issue([...path, 'id'], `id should start with the parent id ${parent.id}.`);
  if (isGroup(node)) {
    if (complete && node.children.length === 0) issue([...path, 'children'], 'a group needs children');
    checkSiblings(node.children, node.weight, node, [...path, 'children'], complete, issue);
    node.children.forEach((child, i) => {
      checkNode(child, node, [...path, 'children', i], ids, complete, issue);
    });
    return;
  }
  checkLeaf(node, path, complete, issue);
}

function checkLeaf(leaf: FrameworkLeaf, path: (string | number)[], complete: boolean, issue: Issue): void {
  if (complete) {
    if (!leaf.rule) issue([...path, 'rule'], 'a scored indicator needs a rule');
    // A user-defined slot's rows say themselves whether they are quantitative (a comparator) or qualitative.
    if (!leaf.kind && !leaf.user_defined) issue([...path, 'kind'], 'a scored indicator needs a kind');
    if (leaf.weight === null && !leaf.user_defined)
      issue([...path, 'weight'], 'only a user-defined slot has no weight');
  }
  if (leaf.user_defined && leaf.rule && leaf.rule.type !== 'target_comparison')
    issue([...path, 'rule'], 'a user-defined slot is scored by target_comparison');
  const declared = new Set((leaf.inputs ?? []).map((i) => i.name));
  const formula = parseFormula(leaf.formula ?? null, [...path, 'formula'], issue);
  // A user-defined slot's formula (actual / target) documents target_comparison; rows supply the values.
  if (formula && !leaf.user_defined) {
    for (const name of formula) {
      if (!declared.has(name)) issue([...path, 'formula'], `input ${name} is not declared in inputs`);
    }
  }
  const rule = leaf.rule;
  if (!rule) return;
  if (needsFormula(rule.type) && !leaf.formula && !leaf.user_defined)
    issue([...path, 'rule'], `rule ${rule.type} needs a formula`);
  if (rule.type === 'per_violation' && !declared.has(rule.input))
    issue([...path, 'rule', 'input'], `input ${rule.input} is not declared in inputs`);
  if (rule.type === 'compare_levels') {
    rule.levels.forEach((level, i) => {
      const names = parseFormula(level.when, [...path, 'rule', 'levels', i, 'when'], issue, true) ?? [];
      for (const name of names) {
        if (!declared.has(name))
          issue([...path, 'rule', 'levels', i, 'when'], `input ${name} is not declared in inputs`);
      }
      if (leaf.weight !== null && level.points > leaf.weight)
        issue([...path, 'rule', 'levels', i, 'points'], 'points above the weight');
    });
  }
  const levels =
    rule.type === 'manual_levels' ? rule.levels : rule.type === 'target_comparison' ? rule.qualitative : [];
  levels.forEach((level, i) => {
    if (level.fraction_min > level.fraction_max)
      issue([...path, 'rule', 'levels', i], 'fraction_min > fraction_max');
  });
  (leaf.variants ?? []).forEach((variant, i) => {
    parseFormula(variant.formula ?? null, [...path, 'variants', i, 'formula'], issue);
  });
}

/** Rules that score a computed value (a rate) rather than a count, a judgement or a table row. */
export function needsFormula(type: RuleType): boolean {
  return [
    'deduct_per_point_above',
    'deduct_per_point_below',
    'deduct_per_step_below',
    'proportional',
    'inverse_proportional',
    'bands',
  ].includes(type);
}

function parseFormula(
  source: string | null,
  path: (string | number)[],
  issue: Issue,
  condition = false,
): string[] | null {
  if (source === null) return null;
  try {
    return inputNames(condition ? parseCondition(source) : parseExpression(source));
  } catch (error) {
    if (error instanceof ExpressionError) {
      issue(path, error.message);
      return null;
    }
    throw error;
  }
}

/** Every leaf with the names of its ancestors, in file order. */
export function leavesOf(
  framework: Pick<Framework, 'indicators'>,
): { leaf: FrameworkLeaf; ancestors: FrameworkGroup[] }[] {
  const out: { leaf: FrameworkLeaf; ancestors: FrameworkGroup[] }[] = [];
  const visit = (node: FrameworkNode, ancestors: FrameworkGroup[]): void => {
    if (isGroup(node)) {
      for (const child of node.children) visit(child, [...ancestors, node]);
    } else out.push({ leaf: node, ancestors });
  };
  for (const node of framework.indicators) visit(node, []);
  return out;
}
