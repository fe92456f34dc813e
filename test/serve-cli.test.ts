/**
 * `bin/jixiao serve` and `bin/jixiao admin create` as processes: first run creates the database and loads
 * the demo, the admin is bootstrapped from stdin, SIGTERM shuts down cleanly, and a SIGKILL in the middle
 * of an upload batch leaves every acknowledged upload complete and no half-written report.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from '../src/server/testing.ts';
import { openStore } from '../src/store/connect.ts';

const bin = new URL('../bin/jixiao', import.meta.url).pathname;
const sample = new URL('../../shared/samples/yuehu-2020.txt', import.meta.url).pathname;
const PASSWORD = 'admin-password-1';
const dirs: string[] = [];

beforeAll(() => {
  spawnSync(process.execPath, [new URL('../scripts/build.mjs', import.meta.url).pathname], {
    stdio: 'inherit',
  });
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-serve-'));
  dirs.push(dir);
  return dir;
}

async function serve(
  data: string,
  ...extra: string[]
): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  const child = spawn(bin, ['serve', '--port', '0', '--data', data, ...extra], { env });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /服务已启动：(http:\/\/\S+?)（/.exec(output);
      if (match) {
        clearInterval(timer);
        resolve(match[1]!);
      }
    }, 20);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`serve exited with ${code}: ${output}`));
    });
  });
  return { child, url, output: () => output };
}

/** The exit code, also when the process has already exited (its 'exit' event is then long past). */
function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

function createAdmin(data: string) {
  return spawnSync(bin, ['admin', 'create', '--user', 'admin', '--password-stdin', '--data', data], {
    input: `${PASSWORD}\n`,
    encoding: 'utf8',
  });
}

describe.skipIf(!existsSync(sample))('jixiao serve', () => {
  it('creates the database with demo data, bootstraps the admin, shuts down on SIGTERM', async () => {
    const data = tempDir();
    const first = await serve(data);
    expect(existsSync(join(data, 'jixiao.db'))).toBe(true);
    expect(first.output()).toMatch(/已载入示例数据：月湖街道 2020 年度/);
    expect(first.output()).toMatch(/admin create --user admin --password-stdin/);
    const created = createAdmin(data);
    expect(created.status, created.stderr).toBe(0);
    expect(createAdmin(data).stderr).toMatch(/用户名已存在：admin/);
    const weak = spawnSync(bin, ['admin', 'create', '--user', 'x', '--password-stdin', '--data', data], {
      input: 'short',
      encoding: 'utf8',
    });
    expect(weak.status).toBe(2);

    const client = new Client(first.url);
    expect((await client.json('GET', '/healthz')).body).toEqual({ status: 'ok', database: 'sqlite' });
    expect((await client.login('admin', PASSWORD)).status).toBe(200);
    const reports = await client.json('GET', '/api/reports');
    expect(reports.body.total).toBe(1);
    first.child.kill('SIGTERM');
    expect(await exited(first.child)).toBe(0);

    // Second run: same database, no second demo.
    const second = await serve(data);
    expect(second.output()).not.toMatch(/已载入示例数据/);
    second.child.kill('SIGINT');
    expect(await exited(second.child)).toBe(0);
  }, 60_000);

  it('keeps every acknowledged upload whole across a SIGKILL mid-batch', async () => {
    const data = tempDir();
    const running = await serve(data, '--no-demo');
    expect(createAdmin(data).status).toBe(0);
    const client = new Client(running.url);
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
    // Kill once the first upload is acknowledged, while the rest are in flight.
    let settled = false;
    void Promise.all(uploads).then(() => (settled = true));
    while (acknowledged.length === 0 && !settled) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(acknowledged.length).toBeGreaterThan(0);
    running.child.kill('SIGKILL');
    await Promise.all(uploads);
    await exited(running.child);

    const store = await openStore({ dataDir: data });
    try {
      const reports = await store.db.selectFrom('reports').selectAll().execute();
      for (const id of acknowledged) expect(reports.map((r) => r.id)).toContain(id);
      for (const report of reports) {
        const versions = await store.db
          .selectFrom('report_versions')
          .select('id')
          .where('report_id', '=', report.id)
          .execute();
        expect(versions).toHaveLength(report.current_version);
        expect(report.current_version).toBe(1);
        for (const version of versions) {
          expect(
            await store.db
              .selectFrom('extractions')
              .select('version_id')
              .where('version_id', '=', version.id)
              .executeTakeFirst(),
          ).toBeDefined();
          expect(
            await store.db
              .selectFrom('scores')
              .select('version_id')
              .where('version_id', '=', version.id)
              .executeTakeFirst(),
          ).toBeDefined();
        }
      }
    } finally {
      await store.close();
    }
  }, 90_000);
});
