/**
 * Reports (one per unit and year) and their immutable versions. Every change to a report row goes through
 * a compare-and-set on `version`: a writer that read an older version changes nothing and learns so.
 */
import { type Db, newId, now, type Page } from './common.ts';
import { type PreparedQuery, prepared } from './prepared.ts';
import { RowCache } from './row-cache.ts';
import type { Report, ReportState, ReportVersion } from './schema.ts';

const reportById = prepared((db: Db, id: string) =>
  db.selectFrom('reports').selectAll().where('id', '=', id),
);

const reportRows = new RowCache<Report | undefined>();
const versionRows = new RowCache<ReportVersion[]>();
const listPages = new RowCache<Page<ReportListRow>>();

/** Every write to a report or its versions goes through here. */
function changed(db: Db, reportId: string): void {
  reportRows.forget(db, reportId);
  versionRows.forget(db, reportId);
  listPages.forgetAll(db);
}

export async function getReport(db: Db, id: string): Promise<Report | undefined> {
  return reportRows.get(db, id, () => reportById.first(db, id));
}

/** The report when it was read moments ago (SQLite only); otherwise undefined: ask `getReport`. */
export function recentReport(db: Db, id: string): Report | undefined {
  return reportRows.peek(db, id);
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
  changed(db, report.id);
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
  changed(db, report.id);
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
  changed(db, id);
  const updated = await db
    .updateTable('reports')
    .set({ state, version: expectedVersion + 1, updated_at: now() })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return undefined;
  return getReport(db, id);
}

const versionsOfReport = prepared((db: Db, reportId: string) =>
  db.selectFrom('report_versions').selectAll().where('report_id', '=', reportId).orderBy('number'),
);

export async function getVersion(
  db: Db,
  reportId: string,
  number: number,
): Promise<ReportVersion | undefined> {
  return (await listVersions(db, reportId)).find((version) => version.number === number);
}

export async function listVersions(db: Db, reportId: string): Promise<ReportVersion[]> {
  return versionRows.get(db, reportId, () => versionsOfReport.all(db, reportId));
}

export interface ReportFilter {
  unitId?: string | undefined;
  year?: number | undefined;
  state?: ReportState | undefined;
}

export type { Page } from './common.ts';

type ReportListRow = Report & { unit_name: string };

const FILTER_COLUMNS = {
  unitId: 'reports.unit_id',
  year: 'reports.year',
  state: 'reports.state',
} as const;

interface ListQueries {
  page: PreparedQuery<unknown[], ReportListRow>;
  count: PreparedQuery<unknown[], { n: number }>;
}

const listQueries = new Map<string, ListQueries>();

/** One prepared pair (page, count) per combination of filters given, so each keeps its index-friendly SQL. */
function listQueriesFor(present: (keyof ReportFilter)[]): ListQueries {
  const key = present.join(',');
  let queries = listQueries.get(key);
  if (!queries) {
    const filtered = (db: Db, values: unknown[]) => {
      let base = db.selectFrom('reports').innerJoin('units', 'units.id', 'reports.unit_id');
      present.forEach((name, i) => {
        base = base.where(FILTER_COLUMNS[name], '=', values[i] as never);
      });
      return base;
    };
    const page = (db: Db, ...args: unknown[]) =>
      filtered(db, args)
        .selectAll('reports')
        .select('units.name as unit_name')
        .orderBy('reports.year', 'desc')
        .orderBy('units.name')
        .orderBy('reports.id')
        .limit(args[present.length] as number)
        .offset(args[present.length + 1] as number);
    const count = (db: Db, ...args: unknown[]) =>
      filtered(db, args).select((eb) => eb.fn.countAll<number>().as('n'));
    queries = { page: prepared(page, present.length + 2), count: prepared(count, present.length) };
    listQueries.set(key, queries);
  }
  return queries;
}

/** Newest year first, then by unit; `page` is 1-based. */
export async function listReports(
  db: Db,
  filter: ReportFilter,
  page: number,
  pageSize: number,
): Promise<Page<ReportListRow>> {
  const present = (Object.keys(FILTER_COLUMNS) as (keyof ReportFilter)[]).filter(
    (name) => filter[name] !== undefined,
  );
  const values = present.map((name) => filter[name]);
  const key = JSON.stringify([present, values, page, pageSize]);
  return listPages.get(db, key, async () => {
    const queries = listQueriesFor(present);
    const items = await queries.page.all(db, ...values, pageSize, (page - 1) * pageSize);
    // A short first page is the whole list: no count needed.
    const total =
      page === 1 && items.length < pageSize
        ? items.length
        : Number((await queries.count.first(db, ...values))?.n ?? 0);
    return { items, total, page, pageSize };
  });
}
