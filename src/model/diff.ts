/**
 * What changed between two versions of a model, field by field, named the way the form names them
 * (the schema's Chinese descriptions): the version history's readable diff.
 */
import type { Path } from './totals.ts';
import { pathToString } from './totals.ts';
import { fieldLabel } from './validate.ts';

export interface ModelChange {
  path: string;
  label: string;
  before: unknown;
  after: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmptyContainer(value: unknown): boolean {
  return (Array.isArray(value) || isRecord(value)) && Object.keys(value).length === 0;
}

/** Leaves (scalars, null, empty containers) of a JSON value by path. */
function leaves(value: unknown, path: Path, out: Map<string, { path: Path; value: unknown }>): void {
  if (isRecord(value) && Object.keys(value).length > 0) {
    for (const [key, child] of Object.entries(value)) leaves(child, [...path, key], out);
  } else if (Array.isArray(value) && value.length > 0) {
    value.forEach((child, i) => {
      leaves(child, [...path, i], out);
    });
  } else {
    out.set(pathToString(path), { path, value });
  }
}

/** The nearest labelled ancestor's name plus the rest of the path: "项目支出（按项目）[2]·全年执行数". */
function labelOf(path: Path): string {
  for (let cut = path.length; cut > 0; cut--) {
    const label = fieldLabel(path.slice(0, cut));
    if (label === '') continue;
    const rest = path.slice(cut).map((key) => (typeof key === 'number' ? `第${key + 1}项` : key));
    return [label, ...rest].join('·');
  }
  return pathToString(path);
}

export function diffModels(before: unknown, after: unknown): ModelChange[] {
  const a = new Map<string, { path: Path; value: unknown }>();
  const b = new Map<string, { path: Path; value: unknown }>();
  leaves(before, [], a);
  leaves(after, [], b);
  const changes: ModelChange[] = [];
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const was = a.get(key);
    const now = b.get(key);
    if (JSON.stringify(was?.value) === JSON.stringify(now?.value)) continue;
    // An empty list on one side and its first items on the other: the items say it.
    if (isEmptyContainer(was?.value) && now === undefined) continue;
    if (isEmptyContainer(now?.value) && was === undefined) continue;
    const path = (now ?? was)!.path;
    changes.push({ path: key, label: labelOf(path), before: was?.value ?? null, after: now?.value ?? null });
  }
  return changes;
}
