/**
 * The model's own arithmetic: which totals are the sum of which parts. One table serves both directions:
 * validation (a total that disagrees with its complete parts is an error) and filling (a total left empty is
 * computed from its complete parts, so unit staff enter each figure once). Exact integer arithmetic on 分.
 */
import type { SelfEvaluation } from './schema.ts';

export type Path = readonly (string | number)[];

export const FIGURE_KINDS = ['initial', 'adjusted', 'actual'] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];

/** `total` (an AmountFigures block or a count) = Σ `parts`, or Σ of one field over the items of `list`. */
export interface SumRelation {
  total: Path;
  /** Money blocks are checked per figure kind; counts are one number. */
  measure: 'amount' | 'count';
  parts?: Path[];
  list?: { path: Path; field?: string };
}

const GP = ['budget', 'generalPublic'] as const;

/** Bottom-up: a total filled by an earlier relation can be a part of a later one. */
export const SUM_RELATIONS: readonly SumRelation[] = [
  {
    total: [...GP, 'basic', 'total'],
    measure: 'amount',
    parts: [
      [...GP, 'basic', 'personnel'],
      [...GP, 'basic', 'public'],
    ],
  },
  { total: [...GP, 'project', 'total'], measure: 'amount', list: { path: [...GP, 'project', 'categories'] } },
  { total: [...GP, 'project', 'total'], measure: 'amount', list: { path: [...GP, 'project', 'projects'] } },
  {
    total: [...GP, 'total'],
    measure: 'amount',
    parts: [
      [...GP, 'basic', 'total'],
      [...GP, 'project', 'total'],
    ],
  },
  {
    total: ['staffing', 'actualTotal'],
    measure: 'count',
    list: { path: ['staffing', 'actual'], field: 'count' },
  },
  {
    total: ['staffing', 'authorizedTotal'],
    measure: 'count',
    list: { path: ['staffing', 'authorized'], field: 'count' },
  },
];

export function getAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

function setAt(root: unknown, path: Path, value: unknown): void {
  const parent = getAt(root, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path.at(-1)!] = value;
}

export function pathToString(path: Path): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? key : `.${key}`)).join('');
}

function asNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** The figure paths of a relation for one kind: the total and its parts (null when the parts are incomplete). */
export interface SumInstance {
  relation: SumRelation;
  kind: FigureKind | null;
  totalPath: Path;
  partPaths: Path[];
}

export function instancesOf(model: unknown, relation: SumRelation): SumInstance[] {
  const kinds: (FigureKind | null)[] = relation.measure === 'amount' ? [...FIGURE_KINDS] : [null];
  return kinds.map((kind) => {
    const leaf = (path: Path): Path => (kind ? [...path, kind] : path);
    const partPaths = relation.parts
      ? relation.parts.map(leaf)
      : listItemPaths(model, relation.list!).map((item) => leaf(item));
    return { relation, kind, totalPath: leaf(relation.total), partPaths };
  });
}

function listItemPaths(model: unknown, list: NonNullable<SumRelation['list']>): Path[] {
  const items = getAt(model, list.path);
  if (!Array.isArray(items)) return [];
  return items.map((_, i) => (list.field ? [...list.path, i, list.field] : [...list.path, i]));
}

/** Σ parts when every part is known and there is at least one; otherwise null (no claim can be checked). */
export function sumOfParts(model: unknown, instance: SumInstance): number | null {
  if (instance.partPaths.length === 0) return null;
  let sum = 0;
  for (const path of instance.partPaths) {
    const value = asNumber(getAt(model, path));
    if (value === null) return null;
    sum += value;
  }
  return sum;
}

export interface SumMismatch {
  instance: SumInstance;
  total: number;
  sum: number;
}

/** Every total that disagrees with its complete parts. Incomplete parts prove nothing and are skipped. */
export function findSumMismatches(model: unknown): SumMismatch[] {
  const out: SumMismatch[] = [];
  for (const relation of SUM_RELATIONS) {
    for (const instance of instancesOf(model, relation)) {
      const total = asNumber(getAt(model, instance.totalPath));
      const sum = sumOfParts(model, instance);
      if (total !== null && sum !== null && total !== sum) out.push({ instance, total, sum });
    }
  }
  return out;
}

export interface FilledModel {
  model: SelfEvaluation;
  /** Paths (dotted) of totals computed from their parts, in fill order. */
  derived: string[];
}

/**
 * Totals left empty are computed from their complete parts; entered figures are never changed. The input is
 * not modified; the result shares every object on which nothing was filled with it (a whole-model clone,
 * long narrative strings included, was most of the cost of scoring a report), so treat it as read-only.
 */
export function fillTotals(model: SelfEvaluation): FilledModel {
  let filled = model;
  const derived: string[] = [];
  for (const relation of SUM_RELATIONS) {
    for (const instance of instancesOf(filled, relation)) {
      if (getAt(filled, instance.totalPath) !== null) continue;
      const sum = sumOfParts(filled, instance);
      if (sum === null) continue;
      filled = withValueAt(filled, instance.totalPath, sum);
      derived.push(pathToString(instance.totalPath));
    }
  }
  return { model: filled, derived };
}

/** A copy of `root` with `value` at `path`: only the objects on the path are copied (shallowly). */
function withValueAt<T>(root: T, path: Path, value: unknown): T {
  if (path.length === 0) return value as T;
  const [key, ...rest] = path as [string | number, ...(string | number)[]];
  const node = root as Record<string | number, unknown>;
  if (node === null || typeof node !== 'object') throw new TypeError(`no object at ${String(key)}`);
  const copy = (Array.isArray(node) ? [...node] : { ...node }) as Record<string | number, unknown>;
  copy[key] = withValueAt(node[key], rest, value);
  return copy as T;
}

/**
 * The form's live totals: every total whose parts are all known is set to their sum (bottom-up, so a
 * computed subtotal feeds its total); `computed` lists those totals (dotted paths), which the form shows
 * read-only. Totals without complete parts keep what was entered.
 */
export function recomputeTotals<T>(model: T): { model: T; computed: Set<string> } {
  const copy = structuredClone(model);
  const computed = new Set<string>();
  for (const relation of SUM_RELATIONS) {
    for (const instance of instancesOf(copy, relation)) {
      const sum = sumOfParts(copy, instance);
      if (sum === null) continue;
      setAt(copy, instance.totalPath, sum);
      computed.add(pathToString(instance.totalPath));
    }
  }
  return { model: copy, computed };
}
