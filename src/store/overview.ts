/**
 * The region at a glance for reviewers: every report's current version with its score, grade and finding
 * counts by severity (the execution rate needs the model, which the caller reads).
 */
import type { Db } from './common.ts';
import type { Report } from './schema.ts';

export interface OverviewRow {
  report: Report & { unit_name: string };
  score: number | null;
  grade: string | null;
  findings: { error: number; warning: number; info: number };
}

export async function overviewRows(db: Db, year?: number): Promise<OverviewRow[]> {
  let query = db
    .selectFrom('reports')
    .innerJoin('units', 'units.id', 'reports.unit_id')
    .leftJoin('report_versions', (join) =>
      join
        .onRef('report_versions.report_id', '=', 'reports.id')
        .onRef('report_versions.number', '=', 'reports.current_version'),
    )
    .leftJoin('scores', 'scores.version_id', 'report_versions.id')
    .selectAll('reports')
    .select(['units.name as unit_name', 'report_versions.id as version_id', 'scores.total', 'scores.grade']);
  if (year !== undefined) query = query.where('reports.year', '=', year);
  const rows = await query.orderBy('reports.year', 'desc').orderBy('units.name').execute();
  const versionIds = rows.flatMap((row) => (row.version_id ? [row.version_id] : []));
  const counts =
    versionIds.length === 0
      ? []
      : await db
          .selectFrom('findings')
          .select(['version_id', 'severity'])
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('version_id', 'in', versionIds)
          .groupBy(['version_id', 'severity'])
          .execute();
  const bySeverity = new Map<string, { error: number; warning: number; info: number }>();
  for (const count of counts) {
    const entry = bySeverity.get(count.version_id) ?? { error: 0, warning: 0, info: 0 };
    entry[count.severity] = Number(count.n);
    bySeverity.set(count.version_id, entry);
  }
  return rows.map(({ version_id, total, grade, unit_name, ...report }) => ({
    report: { ...report, unit_name },
    score: total === null ? null : Number(total),
    grade,
    findings: (version_id && bySeverity.get(version_id)) || { error: 0, warning: 0, info: 0 },
  }));
}
