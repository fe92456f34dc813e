/**
 * Opens the store: SQLite through better-sqlite3 at `<data>/jixiao.db` (WAL, foreign keys on) by default,
 * PostgreSQL when a database URL is given. Both get the same migrations, run before the store is returned.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  Kysely,
  type SqliteDatabase as KyselySqliteDatabase,
  PostgresDialect,
  SqliteDialect,
  sql,
} from 'kysely';
import pg from 'pg';
import { migrateToLatest } from './migrate.ts';
import type { Database } from './schema.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface StoreOptions {
  /** Directory for the SQLite file (created when missing). Default `data`. */
  dataDir?: string;
  /** `postgres://…`: use PostgreSQL instead of SQLite. */
  databaseUrl?: string | undefined;
  /** PostgreSQL schema to work in (created when missing); tests use one per run. */
  pgSchema?: string;
  /** Skip migrations (a tool that only reads, or a test that runs them itself). */
  migrate?: boolean;
}

export interface Store {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where the data lives, for messages: the SQLite path or the PostgreSQL URL without password. */
  location: string;
  /** The PostgreSQL schema in use, when not the default. */
  pgSchema?: string;
  /** The SQLite handle (online backup); undefined on PostgreSQL. */
  sqlite?: SqliteDatabase.Database;
  close(): Promise<void>;
}

export const DB_FILE_NAME = 'jixiao.db';

export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const store = options.databaseUrl
    ? await openPostgres(options.databaseUrl, options.pgSchema)
    : openSqlite(resolve(options.dataDir ?? 'data'));
  if (options.migrate !== false) {
    try {
      await migrateToLatest(store.db, store.pgSchema);
    } catch (error) {
      await store.close();
      throw error;
    }
  }
  return store;
}

function openSqlite(dataDir: string): Store {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, DB_FILE_NAME);
  const database = new SqliteDatabase(path);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  // FULL: a commit the server acknowledged survives a power cut, not only a crash.
  database.pragma('synchronous = FULL');
  database.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: reusingStatements(database) }) });
  return { db, dialect: 'sqlite', location: path, sqlite: database, close: () => db.destroy() };
}

const STATEMENT_CACHE_LIMIT = 500;

/**
 * Kysely prepares every query anew, and on SQLite preparing costs about as much as running a short query.
 * better-sqlite3 statements are reusable (SQLite re-prepares one itself after a schema change), so the same
 * SQL text gets the same statement. The store never streams, so a statement is never busy when reused.
 */
function reusingStatements(database: SqliteDatabase.Database): KyselySqliteDatabase {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => database.close(),
    prepare(sqlText: string) {
      let statement = statements.get(sqlText);
      if (!statement) {
        if (statements.size >= STATEMENT_CACHE_LIMIT) statements.clear();
        statement = database.prepare(sqlText);
        statements.set(sqlText, statement);
      }
      return statement;
    },
  };
}

/** int8 (count(*)) and numeric come back from pg as strings; this store only keeps values that fit a number. */
const PG_TYPES = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC)
      return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format ?? 'text');
  },
};

async function openPostgres(url: string, schema?: string): Promise<Store> {
  if (schema !== undefined) {
    if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name: ${schema}`);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`create schema if not exists ${schema}`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    types: PG_TYPES,
    ...(schema !== undefined ? { options: `-c search_path=${schema}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  try {
    await sql`select 1`.execute(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const store: Store = { db, dialect: 'postgres', location: redact(url), close: () => db.destroy() };
  if (schema !== undefined) store.pgSchema = schema;
  return store;
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres';
  }
}
