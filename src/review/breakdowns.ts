/**
 * Stated breakdowns (X，其中A，B) checked against their total. Shared by sum-mismatch (amounts) and
 * count-mismatch (counts). A 其中 list can be a selection rather than the whole, so a shortfall is reported
 * only where the text claims completeness: a known complete breakdown (data/concepts.json) or a residual
 * last item (其他…). Parts that exceed their total are always a contradiction.
 */
import data from '../../data/concepts.json' with { type: 'json' };
import { conceptOf } from '../extract/concepts.ts';
import type { Fact, SumRelation } from '../extract/types.ts';
import type { ReviewDocument } from './rule.ts';

export interface Breakdown {
  relation: SumRelation;
  total: Fact;
  parts: Fact[];
  /** Why the parts are taken to be the whole; null when they are not claimed to be. */
  claim: 'exceeds' | 'known' | 'residual' | null;
}

const COMPLETE = data.completeBreakdowns.items;
const RESIDUAL = data.residualPrefixes;

export function breakdowns(doc: ReviewDocument, kind: 'amount' | 'count'): Breakdown[] {
  const { facts, relations } = doc.extraction;
  return relations
    .filter((r) => facts[r.total]!.kind === kind)
    .map((relation) => {
      const total = facts[relation.total]!;
      const parts = relation.parts.map((i) => facts[i]!);
      return { relation, total, parts, claim: claimOf(relation, total, parts) };
    });
}

function claimOf(relation: SumRelation, total: Fact, parts: Fact[]): Breakdown['claim'] {
  const totalHigh = total.value + 0.5 * 10 ** -total.decimals;
  if (!relation.holds && relation.computed.low > totalHigh) return 'exceeds';
  const totalConcept = conceptOf(total.label)?.id;
  const partConcepts = parts.map((p) => conceptOf(p.label)?.id);
  for (const item of COMPLETE) {
    if (item.total !== totalConcept) continue;
    if ('anyParts' in item && item.anyParts) return 'known';
    if ('parts' in item && partConcepts.every((c) => c && item.parts?.includes(c))) return 'known';
  }
  const last = parts.at(-1)?.label ?? '';
  if (RESIDUAL.some((r) => last.startsWith(r))) return 'residual';
  return null;
}

/** The computed range for messages: 2775.64～2775.78, or one number when exact. */
export function formatInterval(low: number, high: number): string {
  const a = String(Number(low.toFixed(4)));
  const b = String(Number(high.toFixed(4)));
  return a === b ? a : `${a}～${b}`;
}
