import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, listAudit, listAuditPage } from './audit.ts';
import { addComment, listCommentsPage } from './comments.ts';
import type { Store } from './connect.ts';
import { countSourceFiles, getSourceFile, putSourceFile, sha256 } from './files.ts';
import { migrateDownAll, migrateToLatest } from './migrate.ts';
import {
  addVersion,
  createReport,
  findReport,
  getReport,
  listReports,
  listVersions,
  setState,
} from './reports.ts';
import { getReview, getScoreDocument, saveResults, type VersionResults } from './results.ts';
import { createSession, deleteSession, findSession, sessionKey } from './sessions.ts';
import { backends, openFresh } from './testing.ts';
import { countUnits, createUnit, ensureRegion, getUnit, listUnits, listUnitsPage } from './units.ts';
import {
  clearFailedLogins,
  countUsersWithRole,
  createUser,
  findUserByName,
  recordFailedLogin,
} from './users.ts';

const all = await backends();

const RESULTS: VersionResults = {
  producedBy: { jixiaoVersion: '0.1.0', catalogueVersion: 'abc' },
  format: 'txt',
  extraction: { sections: [], facts: [{ value: 331.2 }] },
  review: {
    findings: [
      {
        rule: 'typo',
        messageId: 'typo',
        severity: 'warning',
        message: '“帐”应为“账”',
        spans: [{ start: 1, end: 2, text: '帐' }],
        data: {},
      },
      {
        rule: 'sum-mismatch',
        messageId: 'sum',
        severity: 'error',
        message: '合计不符',
        spans: [{ start: 5, end: 9, text: '100万元', page: 2 }],
        data: { total: 100 },
      },
    ],
    summary: { error: 1, warning: 1, info: 0 },
    checks: [{ rule: 'typo', status: 'failed', count: 1 }],
    source: { format: 'txt' },
  },
  score: {
    framework: 'f',
    frameworkVersion: '1',
    total: 87.25,
    grade: '良',
    document: { framework: 'f', total: 87.25 },
  },
};

for (const backend of all) {
  describe.skipIf(!backend.available)(`store on ${backend.name}`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await openFresh(backend);
    });
    afterAll(async () => {
      await store?.close();
      await backend.cleanup();
    });

    it('migrates up, down and up again', async () => {
      const other = await openFresh(backend, { migrate: false });
      try {
        const names = async () =>
          (await other.db.introspection.getTables())
            .filter((t) => t.schema === other.pgSchema && !t.name.startsWith('kysely_'))
            .map((t) => t.name);
        await migrateToLatest(other.db, other.pgSchema);
        const tables = (await names()).sort();
        expect(tables).toEqual(expect.arrayContaining(['audit_log', 'reports', 'report_versions', 'locks']));
        await migrateDownAll(other.db, other.pgSchema);
        expect(await names()).toEqual([]);
        await migrateToLatest(other.db, other.pgSchema);
        expect((await names()).sort()).toEqual(tables);
      } finally {
        await other.close();
      }
    });

    it('keeps regions and units, with unique names per region', async () => {
      const region = await ensureRegion(store.db, '示例区');
      expect((await ensureRegion(store.db, '示例区')).id).toBe(region.id);
      const unit = await createUnit(store.db, { name: '教育局', regionId: region.id });
      expect(await getUnit(store.db, unit.id)).toEqual(unit);
      await expect(createUnit(store.db, { name: '教育局', regionId: region.id })).rejects.toThrow();
      expect((await listUnits(store.db, unit.id)).map((u) => u.name)).toEqual(['教育局']);
      expect(await countUnits(store.db)).toBeGreaterThanOrEqual(1);
      await createUnit(store.db, { name: '财政局', regionId: region.id });
      const page = await listUnitsPage(store.db, { regionId: region.id }, 2, 1);
      expect({ ...page, items: page.items.map((u) => u.name) }).toEqual({
        items: ['财政局'],
        total: 2,
        page: 2,
        pageSize: 1,
      });
      expect((await listUnitsPage(store.db, { onlyId: unit.id }, 1, 20)).total).toBe(1);
    });

    it('enforces foreign keys', async () => {
      await expect(createUnit(store.db, { name: 'x', regionId: 'no-such-region' })).rejects.toThrow();
    });

    it('counts failed logins and locks', async () => {
      const user = await createUser(store.db, {
        username: 'li',
        passwordHash: 'h',
        role: 'unit_editor',
        unitId: null,
      });
      expect(await countUsersWithRole(store.db, 'unit_editor')).toBe(1);
      expect(await recordFailedLogin(store.db, user.id, 3, '2999-01-01T00:00:00.000Z')).toBe(1);
      expect(await recordFailedLogin(store.db, user.id, 3, '2999-01-01T00:00:00.000Z')).toBe(2);
      await recordFailedLogin(store.db, user.id, 3, '2999-01-01T00:00:00.000Z');
      const locked = await findUserByName(store.db, 'li');
      expect(locked?.locked_until).toBe('2999-01-01T00:00:00.000Z');
      await clearFailedLogins(store.db, user.id);
      expect((await findUserByName(store.db, 'li'))?.locked_until).toBeNull();
      await expect(
        createUser(store.db, { username: 'li', passwordHash: 'h', role: 'admin', unitId: null }),
      ).rejects.toThrow();
    });

    it('finds sessions by token, stores only its hash, and expires them', async () => {
      const user = await createUser(store.db, {
        username: 'wang',
        passwordHash: 'h',
        role: 'reviewer',
        unitId: null,
      });
      await createSession(store.db, {
        token: 't1',
        userId: user.id,
        csrfToken: 'c',
        expiresAt: '2999-01-01T00:00:00.000Z',
      });
      await createSession(store.db, {
        token: 't2',
        userId: user.id,
        csrfToken: 'c',
        expiresAt: '2000-01-01T00:00:00.000Z',
      });
      expect((await findSession(store.db, 't1'))?.user.username).toBe('wang');
      expect(await findSession(store.db, 't2')).toBeUndefined();
      const ids = await store.db.selectFrom('sessions').select('id').execute();
      expect(ids.map((r) => r.id)).toContain(sessionKey('t1'));
      expect(ids.map((r) => r.id)).not.toContain('t1');
      await deleteSession(store.db, 't1');
      expect(await findSession(store.db, 't1')).toBeUndefined();
    });

    it('stores a source file once and round-trips its bytes', async () => {
      const bytes = new TextEncoder().encode('一、部门基本情况');
      const before = await countSourceFiles(store.db);
      const a = await putSourceFile(store.db, bytes, 'txt');
      const b = await putSourceFile(store.db, bytes, 'txt');
      expect(a).toBe(b);
      expect(await countSourceFiles(store.db)).toBe(before + 1);
      const file = await getSourceFile(store.db, a);
      expect(file?.sha256).toBe(sha256(bytes));
      expect(new Uint8Array(file!.bytes)).toEqual(bytes);
    });

    it('versions reports with optimistic locking, lists with filters, and round-trips results', async () => {
      const region = await ensureRegion(store.db, '版本区');
      const unit = await createUnit(store.db, { name: '财政局', regionId: region.id });
      const report = await createReport(store.db, { unitId: unit.id, year: 2020 });
      expect(await findReport(store.db, unit.id, 2020)).toEqual(report);
      const file = await putSourceFile(store.db, new Uint8Array([1, 2, 3]), 'txt');
      const v1 = await addVersion(store.db, report, {
        sourceFileId: file,
        fileName: 'a.txt',
        uploadedBy: null,
      });
      expect(v1?.number).toBe(1);
      // The same stale snapshot again: the compare-and-set refuses it.
      expect(
        await addVersion(store.db, report, { sourceFileId: file, fileName: 'b.txt', uploadedBy: null }),
      ).toBeUndefined();
      const current = (await getReport(store.db, report.id))!;
      expect(current.version).toBe(2);
      expect(await setState(store.db, report.id, 1, 'submitted')).toBeUndefined();
      expect((await setState(store.db, report.id, 2, 'submitted'))?.state).toBe('submitted');
      expect((await listVersions(store.db, report.id)).map((v) => v.file_name)).toEqual(['a.txt']);

      await createReport(store.db, { unitId: unit.id, year: 2021 });
      const page1 = await listReports(store.db, { unitId: unit.id }, 1, 1);
      expect(page1.total).toBe(2);
      expect(typeof page1.total).toBe('number');
      expect(page1.items.map((r) => r.year)).toEqual([2021]);
      expect((await listReports(store.db, { unitId: unit.id }, 2, 1)).items.map((r) => r.year)).toEqual([
        2020,
      ]);
      expect(
        (await listReports(store.db, { state: 'submitted', unitId: unit.id }, 1, 10)).items[0]?.unit_name,
      ).toBe('财政局');

      await saveResults(store.db, v1!.id, RESULTS);
      expect(await getReview(store.db, v1!.id)).toEqual(RESULTS.review);
      expect(JSON.stringify(await getReview(store.db, v1!.id))).toBe(JSON.stringify(RESULTS.review));
      expect(await getScoreDocument(store.db, v1!.id)).toEqual({ framework: 'f', total: 87.25 });
      const score = await store.db
        .selectFrom('scores')
        .select(['total', 'jixiao_version'])
        .executeTakeFirstOrThrow();
      expect(score).toEqual({ total: 87.25, jixiao_version: '0.1.0' });

      const user = await createUser(store.db, {
        username: 'zhao',
        passwordHash: 'h',
        role: 'reviewer',
        unitId: null,
      });
      await addComment(store.db, {
        reportId: report.id,
        versionId: v1!.id,
        authorId: user.id,
        body: '请核对',
        start: 5,
        end: 9,
      });
      expect(
        (await listCommentsPage(store.db, report.id, 1, 20)).items.map((c) => [
          c.author,
          c.span_start,
          c.span_end,
        ]),
      ).toEqual([['zhao', 5, 9]]);
    });

    it('rolls a transaction back as a whole', async () => {
      const region = await ensureRegion(store.db, '事务区');
      await expect(
        store.db.transaction().execute(async (trx) => {
          await createUnit(trx, { name: '半途', regionId: region.id });
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect((await listUnits(store.db)).map((u) => u.name)).not.toContain('半途');
    });

    it('keeps the audit log append-only', async () => {
      await appendAudit(store.db, {
        actorId: null,
        action: 'a',
        entity: 'report',
        entityId: 'r1',
        after: { state: 'draft' },
      });
      await appendAudit(store.db, {
        actorId: null,
        action: 'b',
        entity: 'report',
        entityId: 'r1',
        before: { state: 'draft' },
      });
      const entries = await listAudit(store.db, { entity: 'report', entityId: 'r1' });
      expect(entries.map((e) => e.action)).toEqual(['a', 'b']);
      expect(entries[0]!.after).toBe('{"state":"draft"}');
      const page = await listAuditPage(store.db, { entity: 'report', entityId: 'r1' }, 2, 1);
      expect([page.total, page.items.map((e) => e.action)]).toEqual([2, ['b']]);
      expect((await listAuditPage(store.db, { actorId: 'nobody' }, 1, 20)).total).toBe(0);
      await expect(sql`update audit_log set action = 'x'`.execute(store.db)).rejects.toThrow(/append-only/);
      await expect(sql`delete from audit_log`.execute(store.db)).rejects.toThrow(/append-only/);
    });
  });
}
