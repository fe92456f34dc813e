/**
 * Reviewers' decisions on findings (确认 / 不是问题 with a reason) and evaluators' manual scores for
 * qualitative indicators. Decisions are keyed by report, rule and the quoted words rather than by a
 * finding row, so they survive `jixiao reprocess` (which rewrites the findings). Frozen like every
 * migration: a later change is a new file.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the database as it was then
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('finding_decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('quote', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('finding_decisions_key', ['report_id', 'rule', 'quote'])
    .execute();
  await db.schema
    .createTable('manual_scores')
    .addColumn('report_id', 'text', (c) => c.notNull().references('reports.id'))
    .addColumn('indicator', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('scored_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('manual_scores_key', ['report_id', 'indicator'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('manual_scores').execute();
  await db.schema.dropTable('finding_decisions').execute();
}
