/**
 * Test support: the same suite runs once per backend. SQLite lives in a temp directory; PostgreSQL in a
 * fresh schema of the test database, dropped afterwards, so parallel runs never collide. When PostgreSQL
 * is unreachable its tests are skipped, and a line says so.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Store, type StoreOptions } from './connect.ts';

export const TEST_DATABASE_URL =
  process.env.JIXIAO_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface Backend {
  name: 'sqlite' | 'postgres';
  available: boolean;
  /** Options for a fresh, empty database (unique per call). */
  fresh(): StoreOptions;
  /** Removes everything `fresh` made. */
  cleanup(): Promise<void>;
}

let pgReachable: Promise<boolean> | undefined;

function probePostgres(): Promise<boolean> {
  pgReachable ??= (async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch (error) {
      console.warn(
        `[jixiao tests] PostgreSQL at ${TEST_DATABASE_URL} is unreachable (${(error as Error).message}); ` +
          'the PostgreSQL variants of the store and server tests are SKIPPED.',
      );
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return pgReachable;
}

export async function backends(): Promise<Backend[]> {
  const dirs: string[] = [];
  const schemas: string[] = [];
  const sqlite: Backend = {
    name: 'sqlite',
    available: true,
    fresh() {
      const dir = mkdtempSync(join(tmpdir(), 'jixiao-store-'));
      dirs.push(dir);
      return { dataDir: dir };
    },
    async cleanup() {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
  const postgres: Backend = {
    name: 'postgres',
    available: await probePostgres(),
    fresh() {
      const schema = `jx_test_${process.pid}_${randomBytes(4).toString('hex')}`;
      schemas.push(schema);
      return { databaseUrl: TEST_DATABASE_URL, pgSchema: schema };
    },
    async cleanup() {
      if (schemas.length === 0) return;
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        for (const schema of schemas.splice(0)) await client.query(`drop schema if exists ${schema} cascade`);
      } finally {
        await client.end();
      }
    },
  };
  return [sqlite, postgres];
}

export async function openFresh(backend: Backend, options: Partial<StoreOptions> = {}): Promise<Store> {
  return openStore({ ...backend.fresh(), ...options });
}
