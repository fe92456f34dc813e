/**
 * Reply views built once per cached row. The store's row cache (SQLite) hands out the same frozen rows
 * until a write replaces them, so a view derived from them is the same too: it is built once, deep-frozen,
 * and the reply serializer (plugins/schemas.ts) writes a frozen reply's JSON once as well. Rows that do not
 * come from the cache (PostgreSQL, transactions) are not frozen and their views are built every time.
 */
import { deepFreeze } from '../store/row-cache.ts';

export function viewOnce<A extends object, R extends unknown[], V>(
  build: (row: A, ...rest: R) => V,
): (row: A, ...rest: R) => V {
  const views = new WeakMap<A, { rest: R; view: V }>();
  return (row, ...rest) => {
    const known = views.get(row);
    if (known?.rest.every((value, i) => value === rest[i])) return known.view;
    const view = build(row, ...rest);
    const cached =
      Object.isFrozen(row) &&
      rest.every((value) => typeof value !== 'object' || value === null || Object.isFrozen(value));
    if (!cached) return view;
    views.set(row, { rest, view: deepFreeze(view) });
    return view;
  };
}
