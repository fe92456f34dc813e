/**
 * Validating a self-evaluation model written by hand (or by a form): the shape from schema.ts, no unknown
 * keys (a misspelt key would silently drop a figure), and the model's own arithmetic (parts = total, per
 * figure kind). Every problem comes back as `{ path, message }` with a Chinese message that names the field.
 */
import { z } from 'zod';
import { formatFen } from './money.ts';
import { Fen, type SelfEvaluation as SelfEvaluationModel, SelfEvaluationShape } from './schema.ts';
import { findSumMismatches, type Path, pathToString, type SumMismatch } from './totals.ts';

export interface ModelIssue {
  /** Dotted path with [index] for array items, e.g. `budget.generalPublic.basic.total.actual`. */
  path: string;
  message: string;
}

export type ValidationResult = { ok: true; model: SelfEvaluationModel } | { ok: false; issues: ModelIssue[] };

/** The model schema with its arithmetic: the schema to parse a model with when the figures must agree. */
export const SelfEvaluation = SelfEvaluationShape.superRefine((model, ctx) => {
  for (const mismatch of findSumMismatches(model)) {
    ctx.addIssue({
      code: 'custom',
      path: [...mismatch.instance.totalPath],
      message: describeMismatch(mismatch),
    });
  }
});

export function validateModel(input: unknown): ValidationResult {
  const unknown = findUnknownKeys(input);
  const parsed = SelfEvaluation.safeParse(input, { reportInput: true });
  const issues = [...unknown, ...(parsed.success ? [] : parsed.error.issues.map(translateIssue))];
  if (issues.length > 0 || !parsed.success) return { ok: false, issues };
  return { ok: true, model: parsed.data };
}

// ---------------------------------------------------------------------------------------------------------
// Walking the schema: field descriptions (the Chinese names) and known keys

type Schema = z.ZodType;

const WRAPPERS = new Set(['default', 'prefault', 'nullable', 'optional', 'readonly', 'catch', 'nonoptional']);

function unwrap(schema: Schema): Schema {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: Schema };
    if (!WRAPPERS.has(def.type) || !def.innerType) return current;
    current = def.innerType;
  }
}

function childSchema(schema: Schema, key: string | number): Schema | undefined {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject && typeof key === 'string')
    return (inner.shape as Record<string, Schema>)[key];
  if (inner instanceof z.ZodArray && typeof key === 'number') return inner.element as Schema;
  return undefined;
}

function schemaAt(path: Path): Schema | undefined {
  let schema: Schema | undefined = SelfEvaluationShape;
  for (const key of path) {
    schema = schema && childSchema(schema, key);
  }
  return schema;
}

function descriptionAt(path: Path): string | undefined {
  return schemaAt(path)?.description;
}

/** "基本支出·全年执行数": the field's own name, after its parent's when the parent has one. */
export function fieldLabel(path: Path): string {
  const own = descriptionAt(path);
  const parent =
    path.length > 1 && typeof path.at(-1) === 'string' ? descriptionAt(path.slice(0, -1)) : undefined;
  return [parent, own].filter(Boolean).join('·');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** zod strips unknown keys; at the user boundary a stray key is almost always a typo that loses a figure. */
function findUnknownKeys(input: unknown): ModelIssue[] {
  const issues: ModelIssue[] = [];
  const visit = (value: unknown, schema: Schema, path: (string | number)[]): void => {
    const inner = unwrap(schema);
    if (inner instanceof z.ZodObject && isPlainObject(value)) {
      const shape = inner.shape as Record<string, Schema>;
      for (const [key, child] of Object.entries(value)) {
        // Editors add "$schema" to point at schemas/self-evaluation.schema.json.
        if (path.length === 0 && key === '$schema') continue;
        const childPath = [...path, key];
        if (shape[key]) visit(child, shape[key], childPath);
        else
          issues.push({
            path: pathToString(childPath),
            message: `${pathToString(childPath)}：未知字段（是否拼写有误？）`,
          });
      }
    } else if (inner instanceof z.ZodArray && Array.isArray(value)) {
      value.forEach((item, i) => {
        visit(item, inner.element as Schema, [...path, i]);
      });
    }
  };
  visit(input, SelfEvaluationShape, []);
  return issues;
}

// ---------------------------------------------------------------------------------------------------------
// Messages

function describeMismatch({ instance, total, sum }: SumMismatch): string {
  const { relation, totalPath } = instance;
  const show = (value: number) => (relation.measure === 'amount' ? formatFen(value) : `${value}人`);
  const parts = relation.parts
    ? joinChinese(relation.parts.map((path) => descriptionAt(path) ?? pathToString(path)))
    : `${descriptionAt(relation.list!.path) ?? pathToString(relation.list!.path)}各项`;
  return `${pathToString(totalPath)}（${fieldLabel(totalPath)}）为 ${show(total)}，但${parts}之和为 ${show(sum)}`;
}

function joinChinese(names: string[]): string {
  if (names.length <= 2) return names.join('与');
  return `${names.slice(0, -1).join('、')}与${names.at(-1)}`;
}

const TYPE_NAMES: Record<string, string> = {
  number: '数字',
  int: '整数',
  string: '文字',
  boolean: 'true 或 false',
  object: '对象（{…}）',
  array: '数组（[…]）',
  null: 'null',
};

function describeInput(input: unknown): string {
  if (input === undefined) return '空';
  if (input === null) return 'null';
  if (typeof input === 'string') return `文字“${input.length > 20 ? `${input.slice(0, 20)}…` : input}”`;
  if (typeof input === 'number' || typeof input === 'boolean') return String(input);
  return Array.isArray(input) ? '数组' : '对象';
}

type RawIssue = z.core.$ZodIssue & { input?: unknown };

function translateIssue(issue: RawIssue): ModelIssue {
  const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
  const where = pathToString(path);
  if (issue.code === 'custom') return { path: where, message: issue.message };
  const reason = reasonOf(issue, path);
  if (path.length === 0) return { path: where, message: `模型${reason}` };
  const label = fieldLabel(path);
  return { path: where, message: `${where}${label ? `（${label}）` : ''}：${reason}` };
}

function reasonOf(issue: RawIssue, path: Path): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return '缺少此项（必填）';
      const money = isMoney(path) ? '（金额以分为单位，如 1771.06万元 写作 1771060000）' : '';
      return `应为${TYPE_NAMES[issue.expected] ?? issue.expected}${money}，实际为 ${describeInput(issue.input)}`;
    }
    case 'too_small':
      if (issue.origin === 'string') return '不能为空';
      if (issue.origin === 'array') return `至少需要 ${issue.minimum} 项`;
      return `不能小于 ${issue.minimum}，实际为 ${describeInput(issue.input)}`;
    case 'too_big':
      if (issue.origin === 'array') return `最多 ${issue.maximum} 项`;
      return `不能大于 ${issue.maximum}，实际为 ${describeInput(issue.input)}`;
    case 'invalid_value': {
      const values = issue.values.map((v) => JSON.stringify(v));
      const expected = values.length === 1 ? values[0] : `${values.join('、')} 之一`;
      return `应为 ${expected}，实际为 ${describeInput(issue.input)}`;
    }
    default:
      return issue.message;
  }
}

/** Whether the field at `path` holds 分 (the schema's Fen, under any wrapper). */
function isMoney(path: Path): boolean {
  const schema = schemaAt(path);
  return schema !== undefined && unwrap(schema) === Fen;
}
