/**
 * The operations commands as processes, on both backends where they apply: `jixiao backup` beside a
 * running server and its refusals (exit 2, Chinese), `jixiao reprocess` killed with SIGKILL mid-run and
 * resumed, and the SIGKILL-mid-upload-batch crash test of `jixiao serve` on PostgreSQL (the SQLite one is
 * in serve-cli.test.ts).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyse } from '../src/server/pipeline.ts';
import { CURRENT_TARGET } from '../src/server/reprocess.ts';
import { Client } from '../src/server/testing.ts';
import { storeUpload } from '../src/server/uploads.ts';
import { openStore, type StoreOptions } from '../src/store/connect.ts';
import { findStaleVersions } from '../src/store/reprocess.ts';
import { backends, TEST_DATABASE_URL } from '../src/store/testing.ts';
import { createUnit, ensureRegion } from '../src/store/units.ts';

const bin = new URL('../bin/jixiao', import.meta.url).pathname;
const sample = new URL('../../shared/samples/yuehu-2020.txt', import.meta.url).pathname;
const hasSample = existsSync(sample);
const PASSWORD = 'admin-password-1';
const dirs: string[] = [];
const databases: string[] = [];
const pgAvailable = (await backends()).find((b) => b.name === 'postgres')!.available;

beforeAll(() => {
  spawnSync(process.execPath, [new URL('../scripts/build.mjs', import.meta.url).pathname], {
    stdio: 'inherit',
  });
});
afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  if (databases.length === 0) return;
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    for (const name of databases) await client.query(`drop database if exists ${name} with (force)`);
  } finally {
    await client.end();
  }
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-ops-'));
  dirs.push(dir);
  return dir;
}

/** A new, empty PostgreSQL database (the server uses the default schema, so each test gets its own). */
async function freshDatabase(): Promise<string> {
  const name = `jx_ops_${process.pid}_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  databases.push(name);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

interface Target {
  /** `--data DIR` for SQLite; nothing for PostgreSQL. */
  args: string[];
  env: NodeJS.ProcessEnv;
  store: StoreOptions;
}

async function target(backend: 'sqlite' | 'postgres'): Promise<Target> {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  if (backend === 'sqlite') {
    const data = tempDir();
    return { args: ['--data', data], env, store: { dataDir: data } };
  }
  const url = await freshDatabase();
  return { args: [], env: { ...env, DATABASE_URL: url }, store: { databaseUrl: url } };
}

function jixiao(args: string[], env: NodeJS.ProcessEnv, input?: string) {
  return spawnSync(bin, args, { env, encoding: 'utf8', ...(input !== undefined ? { input } : {}) });
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

async function waitFor(output: () => string, pattern: RegExp, child: ChildProcess): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const match = pattern.exec(output());
      if (match) {
        clearInterval(timer);
        resolve(match);
      }
    }, 5);
    child.once('exit', (code) => {
      clearInterval(timer);
      const match = pattern.exec(output());
      if (match) resolve(match);
      else reject(new Error(`exited with ${code} before ${pattern}: ${output()}`));
    });
  });
}

function start(args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const child = spawn(bin, args, { env });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return { child, output: () => output };
}

describe.skipIf(!hasSample)('jixiao backup', () => {
  it('copies the database of a running server and refuses what it cannot do, in Chinese, exit 2', async () => {
    const t = await target('sqlite');
    const data = t.args[1]!;
    const server = start(['serve', '--port', '0', ...t.args], t.env);
    try {
      await waitFor(server.output, /服务已启动/, server.child);
      const out = join(tempDir(), 'copy', 'jixiao.db');
      const made = jixiao(['backup', ...t.args, '--out', out], t.env);
      expect(made.status, made.stderr).toBe(0);
      expect(made.stdout).toMatch(/已备份数据库到 .*（1 份报告、1 个版本，/);
      const copy = await openStore({ dataDir: join(out, '..'), migrate: false });
      try {
        const units = await copy.db.selectFrom('units').select('name').execute();
        expect(units.map((u) => u.name)).toEqual(['月湖街道']);
      } finally {
        await copy.close();
      }
      const again = jixiao(['backup', ...t.args, '--out', out], t.env);
      expect(again.status).toBe(2);
      expect(again.stderr).toMatch(/^jixiao：备份文件已存在，不会覆盖：/);

      // Default: a timestamped file under <data>/backups.
      const dated = jixiao(['backup', ...t.args], t.env);
      expect(dated.status, dated.stderr).toBe(0);
      expect(dated.stdout).toContain(join(data, 'backups', 'jixiao-'));
      expect(dated.stdout).toMatch(/jixiao-\d{8}-\d{6}(-\d+)?\.db/);
    } finally {
      server.child.kill('SIGTERM');
      await exited(server.child);
    }

    // With the server stopped too, and the data directory left as it was found.
    const idle = jixiao(['backup', ...t.args, '--out', join(tempDir(), 'idle.db')], t.env);
    expect(idle.status, idle.stderr).toBe(0);
    expect(idle.stdout).toMatch(/（1 份报告、1 个版本，/);
    expect(existsSync(join(data, 'jixiao.db-wal'))).toBe(false);

    const none = join(tempDir(), 'none');
    const missing = jixiao(['backup', '--data', none], t.env);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^jixiao：找不到数据库文件/);
    expect(existsSync(none)).toBe(false);

    const onPg = jixiao(['backup', '--out', 'jx.dump'], {
      ...t.env,
      DATABASE_URL: 'postgres://u:secret@h/db',
    });
    expect(onPg.status).toBe(2);
    expect(onPg.stderr).toContain('pg_dump --format=custom --file=jx.dump "$DATABASE_URL"');
    expect(onPg.stderr).toContain('pg_restore');
    expect(onPg.stderr).not.toContain('secret');
  }, 60_000);
});

for (const backend of ['sqlite', 'postgres'] as const) {
  describe.skipIf(!hasSample || (backend === 'postgres' && !pgAvailable))(
    `jixiao reprocess on ${backend}`,
    () => {
      it('resumes after a SIGKILL, leaves reports alone, then has nothing to do', async () => {
        const t = await target(backend);
        const store = await openStore(t.store);
        const bytes = readFileSync(sample);
        const analysis = await analyse(bytes, 'yuehu-2020.txt');
        const COUNT = 12;
        try {
          const region = await ensureRegion(store.db, '测试区');
          for (let i = 0; i < COUNT; i++) {
            const unit = await createUnit(store.db, { name: `单位${i}`, regionId: region.id });
            await storeUpload(store, {
              actorId: null,
              unitId: unit.id,
              year: 2020,
              bytes,
              fileName: `${i}.txt`,
              analysis,
            });
          }
          await store.db.updateTable('extractions').set({ catalogue_version: 'before-upgrade' }).execute();
        } finally {
          await store.close();
        }
        const snapshot = async () => {
          const s = await openStore({ ...t.store, migrate: false });
          try {
            return {
              reports: await s.db.selectFrom('reports').selectAll().orderBy('id').execute(),
              audit: await s.db
                .selectFrom('audit_log')
                .selectAll()
                .where('entity', '=', 'report')
                .orderBy('id')
                .execute(),
              stale: (await findStaleVersions(s.db, CURRENT_TARGET)).length,
            };
          } finally {
            await s.close();
          }
        };
        const before = await snapshot();
        expect(before.stale).toBe(COUNT);

        const run = start(['reprocess', ...t.args], t.env);
        await waitFor(run.output, /\[1\/12\]/, run.child);
        run.child.kill('SIGKILL');
        await exited(run.child);
        expect(run.output()).toMatch(/开始重新处理 12 个报告版本/);
        const killed = await snapshot();
        expect(killed.stale).toBeGreaterThan(0);
        expect(killed.stale).toBeLessThan(COUNT);

        const resumed = jixiao(['reprocess', ...t.args], t.env);
        expect(resumed.status, resumed.stderr).toBe(0);
        expect(resumed.stderr).toContain(`继续上次中断的重新处理`);
        expect(resumed.stderr).toContain(`已完成 ${COUNT - killed.stale}/12`);
        expect(resumed.stdout).toMatch(/重新处理完成：已更新 12 个，失败 0 个/);
        const after = await snapshot();
        expect(after).toEqual({ ...before, stale: 0 });

        const idle = jixiao(['reprocess', ...t.args], t.env);
        expect(idle.status).toBe(0);
        expect(idle.stdout).toMatch(/无需重新处理/);
      }, 120_000);
    },
  );
}

describe.skipIf(!hasSample || !pgAvailable)('jixiao serve on PostgreSQL', () => {
  it('keeps every acknowledged upload whole across a SIGKILL mid-batch', async () => {
    const t = await target('postgres');
    const running = start(['serve', '--port', '0', '--no-demo'], t.env);
    const url = (await waitFor(running.output, /服务已启动：(http:\/\/\S+?)（/, running.child))[1]!;
    expect(
      jixiao(['admin', 'create', '--user', 'admin', '--password-stdin'], t.env, `${PASSWORD}\n`).status,
    ).toBe(0);
    const client = new Client(url);
    await client.login('admin', PASSWORD);
    const unit = (await client.json('POST', '/api/units', { name: '崩溃测试单位' })).body.id as string;
    const bytes = readFileSync(sample);
    const acknowledged: string[] = [];
    const uploads = Array.from({ length: 8 }, (_, i) =>
      client
        .upload({ unitId: unit, year: String(2001 + i) }, { bytes, name: `r${i}.txt` })
        .then((reply) => {
          if (reply.status === 201) acknowledged.push(reply.body.reportId);
        })
        .catch(() => {}),
    );
    let settled = false;
    void Promise.all(uploads).then(() => (settled = true));
    while (acknowledged.length === 0 && !settled) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(acknowledged.length).toBeGreaterThan(0);
    running.child.kill('SIGKILL');
    await Promise.all(uploads);
    await exited(running.child);

    const store = await openStore(t.store);
    try {
      const reports = await store.db.selectFrom('reports').selectAll().execute();
      for (const id of acknowledged) expect(reports.map((r) => r.id)).toContain(id);
      for (const report of reports) {
        expect(report.current_version).toBe(1);
        const versions = await store.db
          .selectFrom('report_versions')
          .select('id')
          .where('report_id', '=', report.id)
          .execute();
        expect(versions).toHaveLength(1);
        for (const table of ['extractions', 'scores'] as const) {
          const row = await store.db
            .selectFrom(table)
            .select('version_id')
            .where('version_id', '=', versions[0]!.id)
            .executeTakeFirst();
          expect(row, `${table} of ${report.id}`).toBeDefined();
        }
      }
      // The server restarts on the same database and serves what was acknowledged.
      const again = start(['serve', '--port', '0', '--no-demo'], t.env);
      const url2 = (await waitFor(again.output, /服务已启动：(http:\/\/\S+?)（/, again.child))[1]!;
      const after = new Client(url2);
      await after.login('admin', PASSWORD);
      expect((await after.json('GET', `/api/reports/${acknowledged[0]}/findings`)).status).toBe(200);
      again.child.kill('SIGTERM');
      expect(await exited(again.child)).toBe(0);
    } finally {
      await store.close();
    }
  }, 120_000);
});
