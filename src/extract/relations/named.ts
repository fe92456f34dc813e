/**
 * Items listed under a named total without a marker: `“三公”经费支出合计20.6万元。\n因公出国（境）费…0万元…\n
 * 公务用车购置及运行维护费…12.4万元…\n公务接待费…8.2万元`. The breakdowns known to be whole
 * (data/concepts.json completeBreakdowns with parts) say which items belong to which total.
 */
import data from '../../../data/concepts.json' with { type: 'json' };
import { conceptOf } from '../concepts.ts';
import type { Fact } from '../types.ts';
import { isOtherYear, isSummable } from './scan.ts';
import type { Stated } from './types.ts';

const BREAKDOWNS = data.completeBreakdowns.items.filter(
  (b): b is { total: string; parts: string[] } => 'parts' in b && Array.isArray(b.parts),
);
/** How far after its total the items of a named breakdown may stand: the paragraphs of one section. */
const REACH = 600;

export function namedBreakdowns(text: string, facts: Fact[]): Stated[] {
  const found: Stated[] = [];
  const usable = (f: Fact) => f.kind === 'amount' && isSummable(f) && !isOtherYear(text, f);
  facts.forEach((total, t) => {
    if (!usable(total)) return;
    const concept = conceptOf(total.label)?.id;
    const breakdown = concept && BREAKDOWNS.find((b) => b.total === concept);
    if (!breakdown) return;
    const parts = new Map<string, number>();
    for (let i = t + 1; i < facts.length && facts[i]!.start - total.end <= REACH; i++) {
      const f = facts[i]!;
      const id = conceptOf(f.label)?.id;
      if (id === concept) break; // the next statement of the total starts its own list
      if (!id || parts.has(id) || !breakdown.parts.includes(id) || !usable(f)) continue;
      if (f.basis && total.basis && f.basis !== total.basis) continue;
      parts.set(id, i);
    }
    if (parts.size === breakdown.parts.length)
      found.push({ total: t, parts: [...parts.values()].sort((a, b) => a - b) });
  });
  return found;
}
