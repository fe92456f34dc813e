/**
 * Stated breakdowns (X，其中A，B) checked against their total. Shared by sum-mismatch (amounts) and
 * count-mismatch (counts). A 其中 list can be a selection rather than the whole, so a shortfall is reported
 * only where the text claims completeness: a known complete breakdown (data/concepts.json) or a residual
 * last item (其他…). Parts that exceed their total are always a contradiction.
 */
import data from '../../data/concepts.json' with { type: 'json' };
import { conceptOf } from '../extract/concepts.ts';
import type { Fact, SumRelation } from '../extract/types.ts';
import type { ReviewDocument, RuleContext } from './rule.ts';

export interface Breakdown {
  relation: SumRelation;
  total: Fact;
  parts: Fact[];
  /** Why the parts are taken to be the whole; null when they are not claimed to be. */
  claim: 'exceeds' | 'known' | 'residual' | 'complete' | 'sources' | 'change' | null;
}

const COMPLETE = data.completeBreakdowns.items;
const RESIDUAL = data.residualPrefixes;
const FUNDING_SOURCE = new RegExp(data.fundingSources.pattern);

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
  if (!relation.withinRounding && relation.computed.low > totalHigh) return 'exceeds';
  // This year = last year + the change is arithmetic; an implied balance may leave out an unstated 结转.
  if (relation.implied === 'change') return 'change';
  if (relation.implied === 'balance') return null;
  if (relation.complete) return 'complete';
  const totalConcept = conceptOf(total.label)?.id;
  const partConcepts = parts.map((p) => conceptOf(p.label)?.id);
  for (const item of COMPLETE) {
    if (item.total !== totalConcept) continue;
    if ('anyParts' in item && item.anyParts) return 'known';
    if ('parts' in item && partConcepts.every((c) => c && item.parts?.includes(c))) return 'known';
  }
  const last = parts.at(-1)?.label ?? '';
  if (RESIDUAL.some((r) => last.startsWith(r))) return 'residual';
  if (parts.length >= data.fundingSources.minParts && parts.every((p) => FUNDING_SOURCE.test(p.label ?? '')))
    return 'sources';
  return null;
}

/** The computed range for messages: 2775.64～2775.78, or one number when exact. */
export function formatInterval(low: number, high: number): string {
  const a = String(Number(low.toFixed(4)));
  const b = String(Number(high.toFixed(4)));
  return a === b ? a : `${a}～${b}`;
}

const CLAIMS = {
  exceeds: '分项之和超过合计数',
  known: '分项构成完整口径',
  residual: '分项以“其他”收尾，应为全部',
  complete: '文中“合计”“共计”或表中合计行、“其中”行即全部分项',
  sources: '分项为各级资金来源，应为全部',
  change: '本年数＝上年数＋增加额',
} as const;

/** The messages of the shared check, one per kind of relation; sum-mismatch and count-mismatch carry them. */
export const MISMATCH_MESSAGES = {
  mismatch: '“{label}”{total}与所列分项之和不符：{count}项合计{computed}{unit}（{claim}）',
  change: '增减额与两年数字对不上：{first}与{second}之和为{computed}{unit}，而对应的数字是{total}',
  balance: '实际支出{first}与结转结余{rest}之和为{computed}{unit}，超过预算{total}',
} as const;

/** The check shared by sum-mismatch (amounts) and count-mismatch (counts). */
export function reportBreakdowns(
  ctx: RuleContext<object>,
  kind: 'amount' | 'count',
  nothingFound: string,
): void {
  const all = breakdowns(ctx.doc, kind);
  if (all.length === 0) {
    ctx.skip(nothingFound);
    return;
  }
  for (const b of all) {
    if (b.relation.withinRounding || b.claim === null) continue;
    const computed = formatInterval(b.relation.computed.low, b.relation.computed.high);
    ctx.report({
      messageId: b.relation.implied ?? 'mismatch',
      data: {
        label: b.total.label ?? '合计',
        total: b.total.text,
        count: b.parts.length,
        computed,
        unit: b.total.unit,
        claim: CLAIMS[b.claim],
        first: b.parts[0]!.text,
        second: b.parts[1]!.text,
        rest: b.parts
          .slice(1)
          .map((p) => p.text)
          .join('、'),
      },
      spans: [b.total, ...b.parts],
      details: { total: b.total.value, unit: b.total.unit, computed: b.relation.computed, claim: b.claim },
    });
  }
}
