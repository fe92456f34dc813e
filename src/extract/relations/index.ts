/**
 * Sum relations read from prose: breakdowns stated with a marker (其中, 资金来源为, X中), parts in a bracket,
 * numbered item lists, a list followed by its 合计/共计, items listed under a named total (the 三公 items), a fund shared out (分别为), and the relations a fund's figures
 * imply (budget = spent + 结转 + 结余; this year = last year + the change). Table structure is read by ../tables.
 */
import { sumRelation } from '../sum.ts';
import type { Fact, SumRelation } from '../types.ts';
import { allocations } from './allocation.ts';
import { balances } from './balance.ts';
import { bracketedParts } from './bracketed.ts';
import { statedBreakdowns } from './breakdown.ts';
import { changes } from './change.ts';
import { enumerations } from './enumeration.ts';
import { totalsAfterLists } from './list-total.ts';
import { namedBreakdowns } from './named.ts';

export function findRelations(text: string, facts: Fact[]): SumRelation[] {
  const stated = [
    ...statedBreakdowns(text, facts),
    ...bracketedParts(text, facts),
    ...enumerations(text, facts),
    ...namedBreakdowns(text, facts),
    ...totalsAfterLists(text, facts),
  ];
  const all = [
    ...stated,
    ...allocations(text, facts, stated),
    ...balances(text, facts, stated),
    ...changes(text, facts),
  ];
  const seen = new Map<number, number[][]>();
  const relations: SumRelation[] = [];
  for (const s of all) {
    if (!firstOfItsKind(seen, s.total, s.parts)) continue;
    const relation = sumRelation(facts, s.total, s.parts);
    if (!relation) continue;
    if (s.implied) relation.implied = s.implied;
    if (s.complete) relation.complete = true;
    relations.push(relation);
  }
  return relations;
}

/**
 * Whether no relation with this total and these parts came before; records it. Compared by total, then part
 * by part: a string key per relation (total and joined parts) is built only to be thrown away.
 */
function firstOfItsKind(seen: Map<number, number[][]>, total: number, parts: number[]): boolean {
  const earlier = seen.get(total);
  if (earlier === undefined) {
    seen.set(total, [parts]);
    return true;
  }
  if (earlier.some((e) => sameParts(e, parts))) return false;
  earlier.push(parts);
  return true;
}

function sameParts(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
