/**
 * Leases: a named lock held by one process until it lets go or its lease runs out, so two runs of a job
 * (`jixiao reprocess` started twice, on one SQLite file or one PostgreSQL) never work at once, and a run that
 * was killed does not keep the lock for ever. Frozen like every migration: a later change is a new file.
 */
import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the database as it was then
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('locks')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('acquired_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('locks').execute();
}
