/**
 * `jixiao import` through the built CLI: on SQLite in one process, and on PostgreSQL through the pg-boss
 * queue with two worker processes at once. Every file lands once, in the unit its text names; a second
 * run skips them all. The PostgreSQL test skips, saying so, when the server is unreachable.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../src/generate/corpus.ts';
import { openStore } from '../src/store/connect.ts';
import { TEST_DATABASE_URL } from '../src/store/testing.ts';
import { BIN, build, ROOT, tempDir } from './render-helpers.ts';

let dir: string;
let input: string;
const COUNT = 40;

interface Ran {
  status: number | null;
  stderr: string;
}

function jixiao(args: string[], env: Record<string, string> = {}): Promise<Ran> {
  const child = spawn(BIN, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  return new Promise((resolve) => child.once('close', (status) => resolve({ status, stderr })));
}

async function postgresUp(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

const pgUp = await postgresUp();
if (!pgUp)
  console.warn(
    `test/import-cli.test.ts: PostgreSQL at ${TEST_DATABASE_URL} is unreachable; the queue test is SKIPPED`,
  );

beforeAll(() => {
  build();
  dir = tempDir('jixiao-import-');
  input = join(dir, 'in');
  mkdirSync(input);
  for (const entry of generateCorpus({ count: COUNT, seed: 31, defectRate: 0.2 })) {
    writeFileSync(join(input, `${entry.id}.txt`), entry.text);
  }
}, 120_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const imported = (stderr: string) => Number(/新导入 (\d+)/.exec(stderr)?.[1] ?? Number.NaN);

describe('jixiao import', () => {
  it('imports every file into its unit on SQLite, and skips them all the second time', async () => {
    const data = join(dir, 'data');
    const env = { DATABASE_URL: '' };
    const first = await jixiao(['import', input, '--data', data], env);
    expect(first.status, first.stderr).toBe(0);
    expect(imported(first.stderr)).toBe(COUNT);
    const again = await jixiao(['import', input, '--data', data], env);
    expect(again.stderr).toMatch(new RegExp(`新导入 0，跳过 ${COUNT}，失败 0`));
    const store = await openStore({ dataDir: data });
    try {
      const versions = await store.db
        .selectFrom('report_versions')
        .select(store.db.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      expect(Number(versions.n)).toBe(COUNT);
      const units = await store.db.selectFrom('units').select('name').execute();
      expect(units.length).toBe(COUNT / 4);
    } finally {
      await store.close();
    }
  }, 120_000);

  it.skipIf(!pgUp)(
    `shares the queue between two worker processes on PostgreSQL${pgUp ? '' : ' (skipped: PostgreSQL unreachable)'}`,
    async () => {
      const schema = `jx_import_${process.pid}_${randomBytes(3).toString('hex')}`;
      const env = { DATABASE_URL: TEST_DATABASE_URL, JIXIAO_PG_SCHEMA: schema };
      try {
        const queued = await jixiao(['import', input, '--enqueue-only'], env);
        expect(queued.status, queued.stderr).toBe(0);
        expect(queued.stderr).toContain(`已加入任务队列 ${COUNT} 个文件`);
        const [a, b] = await Promise.all([
          jixiao(['import', '--worker'], env),
          jixiao(['import', '--worker'], env),
        ]);
        expect(a.status, a.stderr).toBe(0);
        expect(b.status, b.stderr).toBe(0);
        expect(imported(a.stderr) + imported(b.stderr)).toBe(COUNT);
        expect(imported(a.stderr), 'both workers took jobs').toBeGreaterThan(0);
        expect(imported(b.stderr), 'both workers took jobs').toBeGreaterThan(0);
        const store = await openStore({ databaseUrl: TEST_DATABASE_URL, pgSchema: schema });
        try {
          const versions = await store.db.selectFrom('report_versions').select('report_id').execute();
          expect(versions).toHaveLength(COUNT);
          expect(new Set(versions.map((v) => v.report_id)).size).toBe(COUNT);
        } finally {
          await store.close();
        }
        const again = await jixiao(['import', input, '--enqueue-only'], env);
        expect(again.stderr).toContain('已加入任务队列 0 个文件');
      } finally {
        const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
        await client.connect();
        await client.query(`drop schema if exists ${schema} cascade`);
        await client.query(`drop schema if exists ${schema}_boss cascade`);
        await client.end();
      }
    },
    180_000,
  );

  it('refuses queue options without PostgreSQL, in Chinese with exit code 2', async () => {
    const result = await jixiao(['import', '--worker', '--data', join(dir, 'data2')], { DATABASE_URL: '' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^jixiao：.*DATABASE_URL/);
  });

  it('refuses a directory that does not exist, in Chinese with exit code 2, creating no database', async () => {
    const data = join(dir, 'data3');
    const result = await jixiao(['import', join(dir, 'no-such-dir'), '--data', data], { DATABASE_URL: '' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^jixiao：找不到报告目录：/);
    expect(existsSync(data)).toBe(false);
  });
});
