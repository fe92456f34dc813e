/** Regions (finance bureaus) and the units they oversee. */
import { countRows, type Db, fetchPage, newId, now, type Page } from './common.ts';
import { prepared } from './prepared.ts';
import { RowCache } from './row-cache.ts';
import type { Region, Unit } from './schema.ts';

export const DEFAULT_REGION_NAME = '本级';

export async function ensureRegion(db: Db, name: string): Promise<Region> {
  await db
    .insertInto('regions')
    .values({ id: newId(), name, created_at: now() })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  return db.selectFrom('regions').selectAll().where('name', '=', name).executeTakeFirstOrThrow();
}

export async function createUnit(db: Db, input: { name: string; regionId: string }): Promise<Unit> {
  const unit: Unit = { id: newId(), region_id: input.regionId, name: input.name, created_at: now() };
  await db.insertInto('units').values(unit).execute();
  unitRows.forget(db, unit.id);
  return unit;
}

const unitById = prepared((db: Db, id: string) => db.selectFrom('units').selectAll().where('id', '=', id));

// Every report read names its unit; units are never changed once created (the cache is SQLite-only).
const unitRows = new RowCache<Unit | undefined>();

export async function getUnit(db: Db, id: string): Promise<Unit | undefined> {
  return unitRows.get(db, id, () => unitById.first(db, id));
}

export async function findUnitByName(db: Db, regionId: string, name: string): Promise<Unit | undefined> {
  return db
    .selectFrom('units')
    .selectAll()
    .where('region_id', '=', regionId)
    .where('name', '=', name)
    .executeTakeFirst();
}

/** All units, or only `onlyId` (a unit user sees their own). */
export async function listUnits(db: Db, onlyId?: string): Promise<Unit[]> {
  let query = db.selectFrom('units').selectAll().orderBy('name').orderBy('id');
  if (onlyId !== undefined) query = query.where('id', '=', onlyId);
  return query.execute();
}

/** A page of units (by name), all or only `onlyId`, optionally of one region; `page` is 1-based. */
export async function listUnitsPage(
  db: Db,
  filter: { onlyId?: string | undefined; regionId?: string | undefined },
  page: number,
  pageSize: number,
): Promise<Page<Unit>> {
  let base = db.selectFrom('units');
  if (filter.onlyId !== undefined) base = base.where('id', '=', filter.onlyId);
  if (filter.regionId !== undefined) base = base.where('region_id', '=', filter.regionId);
  return fetchPage(
    page,
    pageSize,
    (limit, offset) => base.selectAll().orderBy('name').orderBy('id').limit(limit).offset(offset).execute(),
    () => base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  );
}

export function countUnits(db: Db): Promise<number> {
  return countRows(db, 'units');
}
