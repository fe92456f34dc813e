/** Migrations as TS modules, listed here in order; Kysely's Migrator runs them from this inline provider. */
import { type Kysely, type Migration, type MigrationResultSet, Migrator, NO_MIGRATIONS } from 'kysely';
import * as initial from './migrations/2026-11-01-initial.ts';
import * as decisions from './migrations/2026-12-07-decisions.ts';
import * as reprocessJobs from './migrations/2026-12-07-reprocess-jobs.ts';
import * as reprocessLocks from './migrations/2026-12-07-reprocess-locks.ts';

export const MIGRATIONS: Record<string, Migration> = {
  '2026-11-01-initial': initial,
  '2026-12-07-reprocess-jobs': reprocessJobs,
  '2026-12-07-reprocess-locks': reprocessLocks,
  '2026-12-07-decisions': decisions,
};

/**
 * `schema`: the PostgreSQL schema to keep Kysely's bookkeeping tables in. Without it the migrator's
 * existence check sees another schema's tables and skips creating its own.
 */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on the database of any era
function migrator(db: Kysely<any>, schema?: string): Migrator {
  return new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    ...(schema !== undefined ? { migrationTableSchema: schema } : {}),
  });
}

// biome-ignore lint/suspicious/noExplicitAny: see above
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<MigrationResultSet> {
  return orThrow(await migrator(db, schema).migrateToLatest());
}

/** Undo every migration (tests: up → down → up on both databases). */
// biome-ignore lint/suspicious/noExplicitAny: see above
export async function migrateDownAll(db: Kysely<any>, schema?: string): Promise<MigrationResultSet> {
  return orThrow(await migrator(db, schema).migrateTo(NO_MIGRATIONS));
}

function orThrow(result: MigrationResultSet): MigrationResultSet {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? '?';
    throw new Error(`migration ${failed} failed: ${String(result.error)}`, { cause: result.error });
  }
  return result;
}
