import { afterAll, describe, expect, it } from 'vitest';
import type { Db } from './common.ts';
import type { Store } from './connect.ts';
import { prepared } from './prepared.ts';
import { createReport, getReport, listReports, listVersions, setState } from './reports.ts';
import { backends, openFresh } from './testing.ts';
import { createUnit, ensureRegion } from './units.ts';

const all = await backends();

const unitsExcept = prepared((db: Db, regionId: string, name: string) =>
  db.selectFrom('units').select(['name']).where('region_id', '=', regionId).where('name', '<>', name),
);
const names = (rows: { name: string }[]) => rows.map((row) => row.name).sort();

for (const backend of all) {
  describe.skipIf(!backend.available)(`prepared queries and the row cache on ${backend.name}`, () => {
    const stores: Store[] = [];
    afterAll(async () => {
      for (const store of stores) await store.close();
      await backend.cleanup();
    });
    const fresh = async () => {
      const store = await openFresh(backend);
      stores.push(store);
      return store;
    };

    it('binds each call’s own arguments, in order, compiled once', async () => {
      const store = await fresh();
      const a = await ensureRegion(store.db, '甲区');
      const b = await ensureRegion(store.db, '乙区');
      for (const name of ['财政局', '教育局', '卫健委']) await createUnit(store.db, { name, regionId: a.id });
      await createUnit(store.db, { name: '水利局', regionId: b.id });
      expect(names(await unitsExcept.all(store.db, a.id, '教育局'))).toEqual(
        names([{ name: '财政局' }, { name: '卫健委' }]),
      );
      expect(names(await unitsExcept.all(store.db, a.id, '财政局'))).toEqual(
        names([{ name: '教育局' }, { name: '卫健委' }]),
      );
      expect(await unitsExcept.first(store.db, b.id, '')).toEqual({ name: '水利局' });
      expect(await unitsExcept.first(store.db, b.id, '水利局')).toBeUndefined();
      // Inside a transaction too.
      await store.db.transaction().execute(async (trx) => {
        expect(names(await unitsExcept.all(trx, b.id, ''))).toEqual(['水利局']);
      });
    });

    it('refuses an argument that does not become a bound parameter', async () => {
      const store = await fresh();
      const branching = prepared((db: Db, name: string) =>
        db
          .selectFrom('units')
          .select('name')
          .where('name', '=', name ? 'x' : 'y'),
      );
      await expect(branching.all(store.db, 'a')).rejects.toThrow(/argument 0 is not a bound parameter/);
    });

    it('never serves a report row, version list or list page older than the last write', async () => {
      const store = await fresh();
      const region = await ensureRegion(store.db, '丙区');
      const unit = await createUnit(store.db, { name: '民政局', regionId: region.id });
      const report = await createReport(store.db, { unitId: unit.id, year: 2021 });
      expect((await getReport(store.db, report.id))?.state).toBe('draft');
      expect(await listVersions(store.db, report.id)).toEqual([]);
      expect((await listReports(store.db, {}, 1, 20)).items.map((r) => r.state)).toEqual(['draft']);

      // A write inside a transaction: seen once it commits.
      await store.db.transaction().execute(async (trx) => {
        await setState(trx, report.id, report.version, 'submitted');
      });
      expect((await getReport(store.db, report.id))?.state).toBe('submitted');
      expect((await listReports(store.db, {}, 1, 20)).items.map((r) => r.state)).toEqual(['submitted']);

      // A rolled-back write leaves what was there.
      await store.db
        .transaction()
        .execute(async (trx) => {
          await setState(trx, report.id, report.version + 1, 'approved');
          expect((await getReport(trx, report.id))?.state).toBe('approved');
          throw new Error('roll back');
        })
        .catch(() => {});
      expect((await getReport(store.db, report.id))?.state).toBe('submitted');
      expect((await listReports(store.db, { state: 'submitted' }, 1, 20)).total).toBe(1);
      expect((await listReports(store.db, { state: 'approved' }, 1, 20)).total).toBe(0);
    });

    it('keeps two databases with the same ids apart', async () => {
      const one = await fresh();
      const two = await fresh();
      for (const [store, state] of [
        [one, 'draft'],
        [two, 'returned'],
      ] as const) {
        const region = await ensureRegion(store.db, '丁区');
        const unit = await createUnit(store.db, { name: '同名局', regionId: region.id });
        await store.db
          .insertInto('reports')
          .values({
            id: 'same-id',
            unit_id: unit.id,
            year: 2022,
            state,
            version: 1,
            current_version: 0,
            created_at: '2022-01-01T00:00:00.000Z',
            updated_at: '2022-01-01T00:00:00.000Z',
          })
          .execute();
      }
      expect((await getReport(one.db, 'same-id'))?.state).toBe('draft');
      expect((await getReport(two.db, 'same-id'))?.state).toBe('returned');
    });

    // Only SQLite caches (PostgreSQL is shared by several servers): there every caller shares one row.
    it.skipIf(backend.name !== 'sqlite')(
      'hands out frozen rows, so no caller can change another’s copy',
      async () => {
        const store = await fresh();
        const region = await ensureRegion(store.db, '戊区');
        const unit = await createUnit(store.db, { name: '文旅局', regionId: region.id });
        const report = await createReport(store.db, { unitId: unit.id, year: 2023 });
        const row = await getReport(store.db, report.id);
        expect(() => {
          (row as { state: string }).state = 'published';
        }).toThrow();
      },
    );
  });
}
