/**
 * `jixiao import`: one report file into the database through the upload pipeline (src/server/uploads.ts),
 * its unit found or created from the name the report gives. Resumable by content: a file whose bytes
 * (sha256) are already some report version's source is skipped.
 */

import { JixiaoError } from '../errors.ts';
import { regionOf } from '../review/cross/features.ts';
import { analyse } from '../server/pipeline.ts';
import { storeUpload } from '../server/uploads.ts';
import type { Store } from '../store/connect.ts';
import { sha256 } from '../store/files.ts';
import { createUnit, DEFAULT_REGION_NAME, ensureRegion, findUnitByName } from '../store/units.ts';

export type ImportOutcome =
  | { status: 'imported'; unit: string; year: number; reportId: string; version: number }
  | { status: 'skipped' };

export async function alreadyImported(store: Store, hash: string): Promise<boolean> {
  const row = await store.db
    .selectFrom('report_versions')
    .innerJoin('source_files', 'source_files.id', 'report_versions.source_file_id')
    .select('report_versions.id')
    .where('source_files.sha256', '=', hash)
    .executeTakeFirst();
  return row !== undefined;
}

export async function importReport(
  store: Store,
  bytes: Uint8Array,
  fileName: string,
): Promise<ImportOutcome> {
  if (await alreadyImported(store, sha256(bytes))) return { status: 'skipped' };
  const analysis = await analyse(bytes, fileName);
  const name = analysis.model.unit.name;
  const year = analysis.model.fiscalYear;
  if (!name || !year) {
    throw new JixiaoError('JX_USAGE', {
      detail: `报告中找不到${name ? '' : '单位名称'}${!name && !year ? '和' : ''}${year ? '' : '所属年度'}，无法归入单位：${fileName}`,
    });
  }
  const unitId = await unitFor(
    store,
    name,
    analysis.model.unit.region ?? regionOf(name) ?? DEFAULT_REGION_NAME,
  );
  const stored = await storeUpload(store, { actorId: null, unitId, year, bytes, fileName, analysis });
  return { status: 'imported', unit: name, year, reportId: stored.reportId, version: stored.versionNumber };
}

/** Two workers may meet the same new unit at once: the loser of the insert reads the winner's row. */
async function unitFor(store: Store, name: string, regionName: string): Promise<string> {
  const region = await ensureRegion(store.db, regionName);
  const found = await findUnitByName(store.db, region.id, name);
  if (found) return found.id;
  try {
    return (await createUnit(store.db, { name, regionId: region.id })).id;
  } catch (error) {
    const again = await findUnitByName(store.db, region.id, name);
    if (again) return again.id;
    throw error;
  }
}
