/**
 * Reports (one per unit and year) and their immutable versions. Every change to a report row goes through
 * a compare-and-set on `version`: a writer that read an older version changes nothing and learns so.
 */
import { type Db, newId, now } from './common.ts';
import type { Report, ReportState, ReportVersion } from './schema.ts';

export async function getReport(db: Db, id: string): Promise<Report | undefined> {
  return db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findReport(db: Db, unitId: string, year: number): Promise<Report | undefined> {
  return db
    .selectFrom('reports')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('year', '=', year)
    .executeTakeFirst();
}

export async function createReport(db: Db, input: { unitId: string; year: number }): Promise<Report> {
  const at = now();
  const report: Report = {
    id: newId(),
    unit_id: input.unitId,
    year: input.year,
    state: 'draft',
    version: 1,
    current_version: 0,
    created_at: at,
    updated_at: at,
  };
  await db.insertInto('reports').values(report).execute();
  return report;
}

/**
 * Adds the next version of a report (the report must be at `expectedVersion`). Returns undefined when
 * another writer got there first.
 */
export async function addVersion(
  db: Db,
  report: Pick<Report, 'id' | 'version' | 'current_version'>,
  input: { sourceFileId: string; fileName: string; uploadedBy: string | null },
): Promise<ReportVersion | undefined> {
  const at = now();
  const number = report.current_version + 1;
  const updated = await db
    .updateTable('reports')
    .set({ current_version: number, version: report.version + 1, updated_at: at })
    .where('id', '=', report.id)
    .where('version', '=', report.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return undefined;
  const version: ReportVersion = {
    id: newId(),
    report_id: report.id,
    number,
    source_file_id: input.sourceFileId,
    file_name: input.fileName,
    uploaded_by: input.uploadedBy,
    created_at: at,
  };
  await db.insertInto('report_versions').values(version).execute();
  return version;
}

/** Compare-and-set of the workflow state; the updated row, or undefined when `expectedVersion` is stale. */
export async function setState(
  db: Db,
  id: string,
  expectedVersion: number,
  state: ReportState,
): Promise<Report | undefined> {
  const updated = await db
    .updateTable('reports')
    .set({ state, version: expectedVersion + 1, updated_at: now() })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return undefined;
  return getReport(db, id);
}

export async function getVersion(
  db: Db,
  reportId: string,
  number: number,
): Promise<ReportVersion | undefined> {
  return db
    .selectFrom('report_versions')
    .selectAll()
    .where('report_id', '=', reportId)
    .where('number', '=', number)
    .executeTakeFirst();
}

export async function listVersions(db: Db, reportId: string): Promise<ReportVersion[]> {
  return db
    .selectFrom('report_versions')
    .selectAll()
    .where('report_id', '=', reportId)
    .orderBy('number')
    .execute();
}

export interface ReportFilter {
  unitId?: string | undefined;
  year?: number | undefined;
  state?: ReportState | undefined;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Newest year first, then by unit; `page` is 1-based. */
export async function listReports(
  db: Db,
  filter: ReportFilter,
  page: number,
  pageSize: number,
): Promise<Page<Report & { unit_name: string }>> {
  let base = db.selectFrom('reports').innerJoin('units', 'units.id', 'reports.unit_id');
  if (filter.unitId !== undefined) base = base.where('reports.unit_id', '=', filter.unitId);
  if (filter.year !== undefined) base = base.where('reports.year', '=', filter.year);
  if (filter.state !== undefined) base = base.where('reports.state', '=', filter.state);
  const [items, count] = await Promise.all([
    base
      .selectAll('reports')
      .select('units.name as unit_name')
      .orderBy('reports.year', 'desc')
      .orderBy('units.name')
      .orderBy('reports.id')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(count.n), page, pageSize };
}
