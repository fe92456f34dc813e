/**
 * Parallel writers over HTTP against a real server and database: 8 uploads of different reports at once
 * are all stored whole (both backends), and `jixiao backup` taken while uploads are being written gives a
 * consistent copy that holds the data (SQLite).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBackup } from '../cli/commands/backup.ts';
import { listAudit } from '../store/audit.ts';
import { countRows } from '../store/common.ts';
import { openStore, type Store } from '../store/connect.ts';
import { getReview, getScoreDocument } from '../store/results.ts';
import { backends, openFresh } from '../store/testing.ts';
import { addUser, Client, startTestServer, type TestServer } from './testing.ts';

const SAMPLE = new URL('../../../shared/samples/yuehu-2020.txt', import.meta.url).pathname;
const hasSample = existsSync(SAMPLE);
if (!hasSample) console.warn(`[jixiao tests] ${SAMPLE} is missing; the concurrency tests are SKIPPED.`);
const PASSWORD = 'parallel password 1';
const bytes = hasSample ? readFileSync(SAMPLE) : Buffer.alloc(0);

/** Report i: the sample, with a line of its own on odd i (even ones share one stored file). */
function reportBytes(i: number): Uint8Array {
  return i % 2 === 0 ? bytes : Buffer.concat([bytes, Buffer.from(`\n附：第 ${i} 份上传。\n`)]);
}

/** Every report has all its versions, each with its extraction, findings, score and audit entry. */
async function expectWhole(store: Store, reportIds: string[]): Promise<void> {
  for (const id of reportIds) {
    const report = await store.db.selectFrom('reports').selectAll().where('id', '=', id).executeTakeFirst();
    expect(report, `report ${id}`).toBeDefined();
    const versions = await store.db
      .selectFrom('report_versions')
      .selectAll()
      .where('report_id', '=', id)
      .execute();
    expect(versions).toHaveLength(report!.current_version);
    for (const version of versions) {
      const review = await getReview(store.db, version.id);
      expect(review?.findings.length).toBeGreaterThan(0);
      expect(await getScoreDocument(store.db, version.id)).toBeDefined();
    }
    expect((await listAudit(store.db, { entity: 'report', entityId: id })).map((e) => e.action)).toEqual([
      'report.create',
    ]);
  }
}

const all = await backends();

for (const backend of all) {
  describe.skipIf(!backend.available || !hasSample)(`parallel uploads on ${backend.name}`, () => {
    let store: Store;
    let server: TestServer;
    let client: Client;
    let unitId: string;

    beforeAll(async () => {
      store = await openFresh(backend);
      server = await startTestServer(store);
      await addUser(store, 'admin', PASSWORD, 'admin');
      client = new Client(server.url);
      expect((await client.login('admin', PASSWORD)).status).toBe(200);
      unitId = (await client.json('POST', '/api/units', { name: '并发测试单位' })).body.id;
    });
    afterAll(async () => {
      await server?.close();
      await store?.close();
      await backend.cleanup();
    });

    it('stores all of 8 parallel uploads of different reports, none lost', async () => {
      const replies = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          client.upload({ unitId, year: String(2011 + i) }, { bytes: reportBytes(i), name: `报告${i}.txt` }),
        ),
      );
      expect(replies.map((r) => r.status)).toEqual(Array(8).fill(201));
      const ids = replies.map((r) => r.body.reportId as string);
      expect(new Set(ids).size).toBe(8);
      expect(await countRows(store.db, 'reports')).toBe(8);
      expect(await countRows(store.db, 'report_versions')).toBe(8);
      // Four uploads shared one content: stored once.
      expect(await countRows(store.db, 'source_files')).toBe(5);
      await expectWhole(store, ids);
      const list = await client.json('GET', `/api/reports?unitId=${unitId}&pageSize=100`);
      expect(list.body.total).toBe(8);
    }, 120_000);
  });
}

describe.skipIf(!hasSample)('backup while the server is writing (SQLite)', () => {
  const dirs: string[] = [];
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('gives a consistent copy that holds every upload acknowledged before it started', async () => {
    const data = mkdtempSync(join(tmpdir(), 'jixiao-backup-'));
    const out = mkdtempSync(join(tmpdir(), 'jixiao-backup-out-'));
    dirs.push(data, out);
    const store = await openStore({ dataDir: data });
    const server = await startTestServer(store);
    try {
      await addUser(store, 'admin', PASSWORD, 'admin');
      const client = new Client(server.url);
      await client.login('admin', PASSWORD);
      const unitId = (await client.json('POST', '/api/units', { name: '备份测试单位' })).body.id;
      const first = await client.upload({ unitId, year: '2020' }, { bytes, name: 'first.txt' });
      expect(first.status).toBe(201);

      // Idle first (this also loads the backup code, so the copies below start at once).
      const idle = await runBackup({ data, out: join(out, 'idle.db') });
      expect(idle).toMatch(/（1 份报告、1 个版本，/);

      // Uploads in flight while the backup runs on its own connection, as `jixiao backup` does.
      const uploads = Array.from({ length: 6 }, (_, i) =>
        client.upload({ unitId, year: String(2001 + i) }, { bytes: reportBytes(i + 1), name: `r${i}.txt` }),
      );
      let settled = false;
      const done = Promise.all(uploads).finally(() => {
        settled = true;
      });
      // Copies taken one after another until the uploads are all in: each must be whole.
      const copies: { dir: string; reports: number }[] = [];
      while (!settled || copies.length === 0) {
        const dir = mkdtempSync(join(out, 'copy-'));
        const message = await runBackup({ data, out: join(dir, 'jixiao.db') });
        const match = /^已备份数据库到 .*jixiao\.db（(\d+) 份报告、\d+ 个版本，[\d.]+ [KM]B）/.exec(message);
        expect(match, message).not.toBeNull();
        copies.push({ dir, reports: Number(match![1]) });
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      const replies = await done;
      expect(replies.map((r) => r.status)).toEqual(Array(6).fill(201));
      // Some copy was taken with uploads still being written.
      expect(copies.some((c) => c.reports < 7)).toBe(true);

      for (const { dir, reports } of copies) {
        expect(existsSync(join(dir, 'jixiao.db-wal'))).toBe(false);
        const copy = await openStore({ dataDir: dir, migrate: false });
        try {
          const ids = (await copy.db.selectFrom('reports').select('id').execute()).map((r) => r.id);
          expect(ids).toHaveLength(reports);
          expect(ids).toContain(first.body.reportId);
          await expectWhole(copy, ids);
          const original = await store.db
            .selectFrom('report_versions')
            .select('id')
            .where('report_id', '=', first.body.reportId)
            .executeTakeFirstOrThrow();
          expect(await getReview(copy.db, original.id)).toEqual(await getReview(store.db, original.id));
          expect(await countRows(copy.db, 'users')).toBe(1);
        } finally {
          await copy.close();
        }
      }
      const target = join(copies[0]!.dir, 'jixiao.db');
      // An existing file is never overwritten.
      await expect(runBackup({ data, out: target })).rejects.toThrow(/备份文件已存在/);
    } finally {
      await server.close();
      await store.close();
    }
  }, 120_000);
});
