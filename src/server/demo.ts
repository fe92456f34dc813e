/**
 * Demo data for a first run: the sample report (../shared/samples/yuehu-2020.txt, when present) under a
 * unit named after the report, stored exactly as an upload would be.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Store } from '../store/connect.ts';
import { countUnits, createUnit, ensureRegion } from '../store/units.ts';
import { analyse } from './pipeline.ts';
import { storeUpload } from './uploads.ts';

const SAMPLE = join('..', 'shared', 'samples', 'yuehu-2020.txt');

/** The project root: the nearest directory above this module with a package.json (source or bundle). */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

export function findSample(cwd: string = process.cwd()): string | undefined {
  return [resolve(cwd, SAMPLE), resolve(projectRoot(), SAMPLE)].find((path) => existsSync(path));
}

export interface DemoResult {
  unitName: string;
  year: number;
  reportId: string;
}

/** Loads the demo into an empty database; does nothing (undefined) when there are units or no sample. */
export async function loadDemo(
  store: Store,
  samplePath: string | undefined = findSample(),
): Promise<DemoResult | undefined> {
  if (!samplePath || (await countUnits(store.db)) > 0) return undefined;
  const bytes = readFileSync(samplePath);
  const fileName = basename(samplePath);
  const analysis = await analyse(bytes, fileName);
  const unitName = analysis.model.unit.name || '示例单位';
  const year = analysis.model.fiscalYear;
  const unit = await store.db.transaction().execute(async (trx) => {
    const region = await ensureRegion(trx, analysis.model.unit.region ?? '示例地区');
    return createUnit(trx, { name: unitName, regionId: region.id });
  });
  const stored = await storeUpload(store, {
    actorId: null,
    unitId: unit.id,
    year,
    bytes,
    fileName,
    analysis,
  });
  return { unitName, year, reportId: stored.reportId };
}
