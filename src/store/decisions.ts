/**
 * Reviewers' decisions on findings and evaluators' manual scores. A decision names its finding by rule and
 * quoted words, never by a findings row id: re-review after an upgrade rewrites the rows, and the same
 * problem in the same words keeps its decision.
 */
import { type Db, newId, now } from './common.ts';
import type { Decision, FindingDecision } from './schema.ts';

export async function decide(
  db: Db,
  input: {
    reportId: string;
    rule: string;
    quote: string;
    decision: Decision;
    reason: string | null;
    actorId: string;
  },
): Promise<{ before: FindingDecision | undefined; after: FindingDecision }> {
  const before = await db
    .selectFrom('finding_decisions')
    .selectAll()
    .where('report_id', '=', input.reportId)
    .where('rule', '=', input.rule)
    .where('quote', '=', input.quote)
    .executeTakeFirst();
  const after: FindingDecision = {
    id: before?.id ?? newId(),
    report_id: input.reportId,
    rule: input.rule,
    quote: input.quote,
    decision: input.decision,
    reason: input.reason,
    actor_id: input.actorId,
    decided_at: now(),
  };
  if (before) {
    await db
      .updateTable('finding_decisions')
      .set({
        decision: after.decision,
        reason: after.reason,
        actor_id: after.actor_id,
        decided_at: after.decided_at,
      })
      .where('id', '=', before.id)
      .execute();
  } else {
    await db.insertInto('finding_decisions').values(after).execute();
  }
  return { before, after };
}

export async function listDecisions(
  db: Db,
  reportId: string,
): Promise<(FindingDecision & { actor: string })[]> {
  return db
    .selectFrom('finding_decisions')
    .innerJoin('users', 'users.id', 'finding_decisions.actor_id')
    .selectAll('finding_decisions')
    .select('users.username as actor')
    .where('finding_decisions.report_id', '=', reportId)
    .orderBy('finding_decisions.decided_at')
    .execute();
}

/** Per rule across all reports: how many decisions, how many said 不是问题. */
export async function decisionStats(db: Db): Promise<{ rule: string; decided: number; dismissed: number }[]> {
  const rows = await db
    .selectFrom('finding_decisions')
    .select(['rule', 'decision'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .groupBy(['rule', 'decision'])
    .execute();
  const byRule = new Map<string, { rule: string; decided: number; dismissed: number }>();
  for (const row of rows) {
    const entry = byRule.get(row.rule) ?? { rule: row.rule, decided: 0, dismissed: 0 };
    entry.decided += Number(row.n);
    if (row.decision === 'dismissed') entry.dismissed += Number(row.n);
    byRule.set(row.rule, entry);
  }
  return [...byRule.values()].sort((a, b) => a.rule.localeCompare(b.rule));
}

export async function setManualScore(
  db: Db,
  input: { reportId: string; indicator: string; value: string | null; actorId: string },
): Promise<void> {
  await db
    .deleteFrom('manual_scores')
    .where('report_id', '=', input.reportId)
    .where('indicator', '=', input.indicator)
    .execute();
  if (input.value === null) return;
  await db
    .insertInto('manual_scores')
    .values({
      report_id: input.reportId,
      indicator: input.indicator,
      value: input.value,
      actor_id: input.actorId,
      scored_at: now(),
    })
    .execute();
}

export async function manualScores(db: Db, reportId: string): Promise<Record<string, string>> {
  const rows = await db
    .selectFrom('manual_scores')
    .select(['indicator', 'value'])
    .where('report_id', '=', reportId)
    .execute();
  return Object.fromEntries(rows.map((row) => [row.indicator, row.value]));
}
