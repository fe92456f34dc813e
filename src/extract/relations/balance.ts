/**
 * What a fund's figures imply: budget = spent + carried over (结转) + unspent (结余). A report states the
 * budget, then `实际支出367.47万元……结余资金18.53万元`; the three must add up.
 */
import cues from '../../../data/relations.json' with { type: 'json' };
import type { Fact } from '../types.ts';
import { baseScale } from '../units.ts';
import { hasSentenceEnd, isOtherYear, isSummable } from './scan.ts';
import type { Stated } from './types.ts';

const REMAINDER = new RegExp(cues.balance.remainder);
const SPENT = new RegExp(cues.balance.spent);
const BUDGET = new RegExp(cues.balance.budget);
/** How far back the budget of a fund is looked for: its own section of the report. */
const BUDGET_REACH = 2500;

export function balances(text: string, facts: Fact[], stated: Stated[]): Stated[] {
  const taken = takenParts(stated);
  const usable = (i: number) => {
    const f = facts[i]!;
    return f.kind === 'amount' && isSummable(f) && !taken.has(i) && !isOtherYear(text, f);
  };
  const found: Stated[] = [];
  for (let r = 0; r < facts.length; r++) {
    if (!usable(r) || !REMAINDER.test(facts[r]!.label ?? '')) continue;
    const rest = remainderGroup(text, facts, r, usable);
    r = rest.at(-1)!;
    const spent = spentBefore(text, facts, rest[0]!, usable);
    if (spent < 0) continue;
    const budget = budgetBefore(text, facts, spent, usable);
    if (budget >= 0) found.push({ total: budget, parts: [spent, ...rest], implied: 'balance' });
  }
  return found;
}

/** The figures already stated as parts; filled by loops, as flatMap builds an array per relation first. */
function takenParts(stated: Stated[]): Set<number> {
  const taken = new Set<number>();
  for (const s of stated) for (const p of s.parts) taken.add(p);
  return taken;
}

/** 年末结转资金0万元，结余资金48.53万元: the remainders stated together in one sentence. */
function remainderGroup(
  text: string,
  facts: Fact[],
  first: number,
  usable: (i: number) => boolean,
): number[] {
  const group = [first];
  for (let i = first + 1; i < facts.length; i++) {
    const f = facts[i]!;
    if (!usable(i) || !REMAINDER.test(f.label ?? '') || hasSentenceEnd(text, facts[i - 1]!.end, f.start))
      break;
    group.push(i);
  }
  return group;
}

/** The outturn stated before the remainder in the same paragraph: 全年实际支出367.47万元. */
function spentBefore(text: string, facts: Fact[], rest: number, usable: (i: number) => boolean): number {
  for (let i = rest - 1; i >= 0; i--) {
    const f = facts[i]!;
    if (text.slice(f.end, facts[i + 1]!.start).includes('\n')) return -1;
    if (usable(i) && f.basis !== 'plan' && SPENT.test(f.label ?? '')) return i;
  }
  return -1;
}

/**
 * The budget the outturn is measured against: the budget figure stated before it, at least as large — the
 * nearest in the outturn's own paragraph, else the one budget stated further up. Two different candidates
 * (年初预算 and 调整预算, or another fund's) leave it undecided.
 */
function budgetBefore(text: string, facts: Fact[], spent: number, usable: (i: number) => boolean): number {
  const s = facts[spent]!;
  const floor = s.value * baseScale(s);
  const paragraphStart = text.lastIndexOf('\n', s.start) + 1;
  let nearest = -1;
  let value: number | null = null;
  for (let i = spent - 1; i >= 0 && s.start - facts[i]!.end <= BUDGET_REACH; i--) {
    const f = facts[i]!;
    if (!usable(i) || !BUDGET.test(f.label ?? '')) continue;
    const v = f.value * baseScale(f);
    if (v < floor) continue;
    if (f.start >= paragraphStart) return i;
    if (value !== null && Math.abs(v - value) > 1e-6 * v) return -1;
    value = v;
    if (nearest < 0) nearest = i;
  }
  return nearest;
}
