/**
 * Bookkeeping of `jixiao reprocess` (tables from migration 2026-12-07): which report versions hold results
 * made by another jixiao or rule-catalogue version, the job that redoes them, and each version's progress.
 */
import { type Db, newId, now } from './common.ts';
import { saveResults, type VersionResults } from './results.ts';
import type { ReprocessItemStatus, ReprocessJob } from './schema.ts';

export interface ResultsTarget {
  jixiaoVersion: string;
  catalogueVersion: string;
}

/** Ids of the versions whose extraction or score is missing or was made under other versions, in id order. */
export async function findStaleVersions(db: Db, target: ResultsTarget): Promise<string[]> {
  const rows = await db
    .selectFrom('report_versions as v')
    .leftJoin('extractions as e', 'e.version_id', 'v.id')
    .leftJoin('scores as s', 's.version_id', 'v.id')
    .select('v.id')
    .where((eb) =>
      eb.or([
        eb('e.version_id', 'is', null),
        eb('s.version_id', 'is', null),
        eb('e.jixiao_version', '!=', target.jixiaoVersion),
        eb('e.catalogue_version', '!=', target.catalogueVersion),
        eb('s.jixiao_version', '!=', target.jixiaoVersion),
        eb('s.catalogue_version', '!=', target.catalogueVersion),
      ]),
    )
    .orderBy('v.id')
    .execute();
  return rows.map((row) => row.id);
}

/** The unfinished job, if a run stopped before the end (at most one is running at a time). */
export async function findRunningJob(db: Db): Promise<ReprocessJob | undefined> {
  return db
    .selectFrom('reprocess_jobs')
    .selectAll()
    .where('status', '=', 'running')
    .orderBy('started_at', 'desc')
    .executeTakeFirst();
}

export async function getJob(db: Db, id: string): Promise<ReprocessJob | undefined> {
  return db.selectFrom('reprocess_jobs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Rows per INSERT, few enough for SQLite's bound-parameter limit. */
const ITEMS_PER_INSERT = 200;

export async function createJob(db: Db, target: ResultsTarget, versionIds: string[]): Promise<ReprocessJob> {
  const at = now();
  const job: ReprocessJob = {
    id: newId(),
    status: 'running',
    jixiao_version: target.jixiaoVersion,
    catalogue_version: target.catalogueVersion,
    total: versionIds.length,
    started_at: at,
    updated_at: at,
    finished_at: null,
  };
  await db.insertInto('reprocess_jobs').values(job).execute();
  for (let i = 0; i < versionIds.length; i += ITEMS_PER_INSERT) {
    await db
      .insertInto('reprocess_items')
      .values(
        versionIds.slice(i, i + ITEMS_PER_INSERT).map((versionId) => ({
          job_id: job.id,
          version_id: versionId,
          status: 'pending' as const,
          error: null,
          finished_at: null,
        })),
      )
      .execute();
  }
  return job;
}

export async function endJob(db: Db, jobId: string, status: 'done' | 'superseded'): Promise<void> {
  const at = now();
  await db
    .updateTable('reprocess_jobs')
    .set({ status, updated_at: at, finished_at: at })
    .where('id', '=', jobId)
    .execute();
}

export interface PendingItem {
  versionId: string;
  versionNumber: number;
  fileName: string;
  year: number;
  unitName: string;
  sourceFileId: string;
}

export async function pendingItems(db: Db, jobId: string, limit: number): Promise<PendingItem[]> {
  return db
    .selectFrom('reprocess_items as i')
    .innerJoin('report_versions as v', 'v.id', 'i.version_id')
    .innerJoin('reports as r', 'r.id', 'v.report_id')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select([
      'v.id as versionId',
      'v.number as versionNumber',
      'v.file_name as fileName',
      'v.source_file_id as sourceFileId',
      'r.year as year',
      'u.name as unitName',
    ])
    .where('i.job_id', '=', jobId)
    .where('i.status', '=', 'pending')
    .orderBy('i.version_id')
    .limit(limit)
    .execute();
}

export async function countItems(db: Db, jobId: string): Promise<Record<ReprocessItemStatus, number>> {
  const rows = await db
    .selectFrom('reprocess_items')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('job_id', '=', jobId)
    .groupBy('status')
    .execute();
  const counts = { pending: 0, done: 0, failed: 0 };
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}

/** Marks one version of a job; call it in the transaction that wrote (or kept) the version's results. */
export async function markItem(
  db: Db,
  jobId: string,
  versionId: string,
  status: 'done' | 'failed',
  error: string | null = null,
): Promise<void> {
  const at = now();
  await db
    .updateTable('reprocess_items')
    .set({ status, error, finished_at: at })
    .where('job_id', '=', jobId)
    .where('version_id', '=', versionId)
    .execute();
  await db.updateTable('reprocess_jobs').set({ updated_at: at }).where('id', '=', jobId).execute();
}

/** Drops a version's extraction, findings and score and saves new ones; run it inside a transaction. */
export async function replaceResults(db: Db, versionId: string, results: VersionResults): Promise<void> {
  await db.deleteFrom('findings').where('version_id', '=', versionId).execute();
  await db.deleteFrom('scores').where('version_id', '=', versionId).execute();
  await db.deleteFrom('extractions').where('version_id', '=', versionId).execute();
  await saveResults(db, versionId, results);
}
