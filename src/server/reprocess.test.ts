/**
 * `reprocess` on both backends: stale results are replaced by what the current pipeline makes, the
 * reports' state, optimistic version and audit trail stay as they were, a second run does nothing, and a
 * run stopped part-way (signal, or a crash) continues where it stopped.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, listAudit } from '../store/audit.ts';
import type { Store } from '../store/connect.ts';
import { acquireLock, getLock } from '../store/locks.ts';
import { getReport, setState } from '../store/reports.ts';
import { findStaleVersions } from '../store/reprocess.ts';
import { getReview, getScoreDocument } from '../store/results.ts';
import { backends, openFresh } from '../store/testing.ts';
import { createUnit, ensureRegion } from '../store/units.ts';
import { analyse } from './pipeline.ts';
import { CURRENT_TARGET, reprocess } from './reprocess.ts';
import { storeUpload } from './uploads.ts';

const SAMPLE = new URL('../../../shared/samples/yuehu-2020.txt', import.meta.url).pathname;
const hasSample = existsSync(SAMPLE);
if (!hasSample) console.warn(`[jixiao tests] ${SAMPLE} is missing; the reprocess tests are SKIPPED.`);

const all = await backends();

for (const backend of all) {
  describe.skipIf(!backend.available || !hasSample)(`reprocess on ${backend.name}`, () => {
    let store: Store;
    const reportIds: string[] = [];
    let versionIds: string[] = [];
    const fresh = new Map<string, { review: unknown; score: unknown }>();

    /** What must not change: the report rows and their audit trail. */
    async function reportsAndAudit() {
      const reports = await Promise.all(reportIds.map((id) => getReport(store.db, id)));
      const audit = await listAudit(store.db, { entity: 'report' });
      return { reports, audit };
    }

    /** Results as an older jixiao would have left them: other versions, a lost finding, another score. */
    async function makeStale() {
      await store.db.updateTable('extractions').set({ jixiao_version: '0.0.1' }).execute();
      await store.db.updateTable('scores').set({ catalogue_version: 'old-catalogue' }).execute();
      await store.db.deleteFrom('findings').where('version_id', '=', versionIds[0]!).execute();
      await store.db
        .updateTable('scores')
        .set({ total: -1, data: '{"stale":true}' })
        .where('version_id', '=', versionIds[1]!)
        .execute();
    }

    async function expectCurrent() {
      expect(await findStaleVersions(store.db, CURRENT_TARGET)).toEqual([]);
      for (const id of versionIds) {
        expect(await getReview(store.db, id)).toEqual(fresh.get(id)!.review);
        expect(await getScoreDocument(store.db, id)).toEqual(fresh.get(id)!.score);
      }
    }

    beforeAll(async () => {
      store = await openFresh(backend);
      const bytes = readFileSync(SAMPLE);
      const analysis = await analyse(bytes, 'yuehu-2020.txt');
      const region = await ensureRegion(store.db, '测试区');
      for (const name of ['单位甲', '单位乙', '单位丙']) {
        const unit = await createUnit(store.db, { name, regionId: region.id });
        const stored = await storeUpload(store, {
          actorId: null,
          unitId: unit.id,
          year: 2020,
          bytes,
          fileName: `${name}.txt`,
          analysis,
        });
        reportIds.push(stored.reportId);
      }
      // A second version of the first report, and a report further along the workflow.
      const first = await getReport(store.db, reportIds[0]!);
      await storeUpload(store, {
        actorId: null,
        unitId: first!.unit_id,
        year: 2020,
        bytes,
        fileName: '第二版.txt',
        analysis,
      });
      const second = await getReport(store.db, reportIds[1]!);
      await setState(store.db, second!.id, second!.version, 'submitted');
      await appendAudit(store.db, {
        actorId: null,
        action: 'report.submit',
        entity: 'report',
        entityId: second!.id,
        before: { state: 'draft' },
        after: { state: 'submitted' },
      });
      const versions = await store.db.selectFrom('report_versions').select('id').orderBy('id').execute();
      versionIds = versions.map((v) => v.id);
      expect(versionIds).toHaveLength(4);
      for (const id of versionIds) {
        fresh.set(id, { review: await getReview(store.db, id), score: await getScoreDocument(store.db, id) });
      }
    }, 60_000);
    afterAll(async () => {
      await store?.close();
      await backend.cleanup();
    });

    it('does nothing while every result is current', async () => {
      expect(await reprocess(store)).toEqual({ status: 'up-to-date' });
      expect(await store.db.selectFrom('reprocess_jobs').selectAll().execute()).toEqual([]);
    });

    it('replaces stale results and leaves the reports and their audit trail alone', async () => {
      const before = await reportsAndAudit();
      await makeStale();
      expect(await findStaleVersions(store.db, CURRENT_TARGET)).toEqual(versionIds);
      const summary = await reprocess(store);
      expect(summary).toMatchObject({ status: 'done', resumed: false, total: 4, done: 4, failed: 0 });
      await expectCurrent();
      expect(await reportsAndAudit()).toEqual(before);
      const jobAudit = await listAudit(store.db, { entity: 'reprocess' });
      expect(jobAudit.map((e) => e.action)).toEqual(['reprocess.start', 'reprocess.finish']);

      // A second run finds nothing to do and writes nothing.
      expect(await reprocess(store)).toEqual({ status: 'up-to-date' });
      expect(await listAudit(store.db, { entity: 'reprocess' })).toHaveLength(2);
      expect(await store.db.selectFrom('reprocess_jobs').selectAll().execute()).toHaveLength(1);
    }, 60_000);

    it('resumes a run that was stopped, then one that crashed, where each stopped', async () => {
      const before = await reportsAndAudit();
      await makeStale();
      const controller = new AbortController();
      const stopped = await reprocess(store, {
        signal: controller.signal,
        onItem: () => controller.abort(),
      });
      expect(stopped).toMatchObject({ status: 'interrupted', total: 4, done: 1, pending: 3 });
      expect(await findStaleVersions(store.db, CURRENT_TARGET)).toHaveLength(3);

      // A crash right after the next version was committed: the run dies, the job stays running.
      await expect(
        reprocess(store, {
          onItem: () => {
            throw new Error('process died');
          },
        }),
      ).rejects.toThrow('process died');
      expect(await findStaleVersions(store.db, CURRENT_TARGET)).toHaveLength(2);

      const started: { resumed: boolean; finished: number }[] = [];
      const resumed = await reprocess(store, { onStart: (job) => started.push(job) });
      expect(started).toEqual([expect.objectContaining({ resumed: true, finished: 2, total: 4 })]);
      expect(resumed).toMatchObject({ status: 'done', resumed: true, total: 4, done: 4, failed: 0 });
      const jobs = await store.db.selectFrom('reprocess_jobs').selectAll().orderBy('started_at').execute();
      expect(jobs.map((j) => j.status)).toEqual(['done', 'done']);
      expect(await listAudit(store.db, { entity: 'reprocess' })).toHaveLength(4);
      expect(await reportsAndAudit()).toEqual(before);
      await expectCurrent();
    }, 90_000);

    it('keeps the old results of a version that no longer reads, and retries it next time', async () => {
      await makeStale();
      const summary = await reprocess(store, {
        analyse: async (bytes, name) => {
          if (name === '第二版.txt') throw new Error('读不出来');
          return analyse(bytes, name);
        },
      });
      expect(summary).toMatchObject({ status: 'done', total: 4, done: 3, failed: 1 });
      const failed = await store.db
        .selectFrom('reprocess_items')
        .selectAll()
        .where('status', '=', 'failed')
        .execute();
      expect(failed.map((item) => item.error)).toEqual(['读不出来']);
      expect(await findStaleVersions(store.db, CURRENT_TARGET)).toEqual([failed[0]!.version_id]);
      expect(await reprocess(store)).toMatchObject({ status: 'done', total: 1, done: 1 });
      await expectCurrent();
    }, 60_000);

    it('supersedes an unfinished job left by another jixiao version', async () => {
      await makeStale();
      const controller = new AbortController();
      controller.abort();
      const old = await reprocess(store, {
        signal: controller.signal,
        target: { jixiaoVersion: '0.0.2', catalogueVersion: 'x' },
      });
      expect(old).toMatchObject({ status: 'interrupted', done: 0 });
      const summary = await reprocess(store);
      expect(summary).toMatchObject({ status: 'done', resumed: false, total: 4, done: 4 });
      const oldJob = await store.db
        .selectFrom('reprocess_jobs')
        .selectAll()
        .where('id', '=', old.status === 'interrupted' ? old.jobId : '')
        .executeTakeFirstOrThrow();
      expect(oldJob.status).toBe('superseded');
      await expectCurrent();
    }, 60_000);

    it('runs once at a time: a second run while one holds the lock does nothing', async () => {
      await makeStale();
      const holders: string[] = [];
      let second: unknown;
      const first = await reprocess(store, {
        onItem: async () => {
          if (second === undefined) second = await reprocess(store);
          holders.push((await getLock(store.db, 'reprocess'))?.owner ?? 'none');
        },
      });
      expect(second).toMatchObject({ status: 'busy' });
      expect(first).toMatchObject({ status: 'done', total: 4, done: 4 });
      expect(new Set(holders).size).toBe(1);
      expect(await getLock(store.db, 'reprocess')).toBeUndefined(); // released at the end
      await expectCurrent();
    }, 60_000);

    it('takes the lock over from a run killed on this machine, or one whose lease ran out', async () => {
      await makeStale();
      const dead = spawnSync(process.execPath, ['-e', '0']).pid!; // a process id that has exited
      await acquireLock(store.db, 'reprocess', `${hostname()}:${dead}:killed`, 600_000);
      expect(await reprocess(store)).toMatchObject({ status: 'done', done: 4 });

      await makeStale();
      await acquireLock(store.db, 'reprocess', `another-host:${process.pid}:alive`, 600_000);
      expect(await reprocess(store)).toMatchObject({ status: 'busy' });
      expect(await findStaleVersions(store.db, CURRENT_TARGET)).toHaveLength(4);
      await store.db.updateTable('locks').set({ expires_at: '2000-01-01T00:00:00.000Z' }).execute();
      expect(await reprocess(store)).toMatchObject({ status: 'done', done: 4 });
      await expectCurrent();
    }, 90_000);
  });
}
