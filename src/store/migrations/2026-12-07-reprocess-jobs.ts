/**
 * Re-review after an upgrade as a resumable job: one row per run of `jixiao reprocess`, and one row per
 * report version it has to redo, marked done (or failed) in the same transaction that replaces that
 * version's results. A killed run leaves its job `running` with the rest still `pending`; the next run
 * picks it up. Frozen like every migration: a later change is a new file.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the database as it was then
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('reprocess_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    // The versions the job brings results up to.
    .addColumn('jixiao_version', 'text', (c) => c.notNull())
    .addColumn('catalogue_version', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
  await db.schema.createIndex('reprocess_jobs_status').on('reprocess_jobs').column('status').execute();
  await db.schema
    .createTable('reprocess_items')
    .addColumn('job_id', 'text', (c) => c.notNull().references('reprocess_jobs.id'))
    .addColumn('version_id', 'text', (c) => c.notNull().references('report_versions.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('finished_at', 'text')
    .addPrimaryKeyConstraint('reprocess_items_pk', ['job_id', 'version_id'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('reprocess_items').execute();
  await db.schema.dropTable('reprocess_jobs').execute();
}
