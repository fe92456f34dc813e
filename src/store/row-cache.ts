/**
 * Rows the server reads on every request about a report (the report, its versions), kept for a few seconds
 * — only on SQLite. There the store is one process with one connection, so every write passes through this
 * process's repositories, which forget what they change; an epoch keeps a read that raced a write from
 * storing what it saw. PostgreSQL is shared by several servers, so there nothing is cached. Rows are frozen:
 * every caller gets the same object.
 */
import { SqliteAdapter } from 'kysely';
import type { Db } from './common.ts';

const TTL_MS = 5000;
const LIMIT = 5000;

interface Entries<T> {
  rows: Map<string, { value: T; until: number }>;
  epoch: number;
}

export class RowCache<T> {
  /** Per database (its Kysely adapter, which its transactions share), so two stores never mix rows. */
  private readonly databases = new WeakMap<object, Entries<T>>();

  /** The cached value, or `load`'s, remembered when nothing was written meanwhile. */
  async get(db: Db, key: string, load: () => Promise<T>): Promise<T> {
    if (!cacheable(db)) return load();
    const entries = this.entriesOf(db);
    const entry = entries.rows.get(key);
    if (entry && entry.until >= Date.now()) return entry.value;
    const epoch = entries.epoch;
    const value = deepFreeze(await load());
    if (epoch === entries.epoch && value !== undefined) {
      if (entries.rows.size >= LIMIT) entries.rows.delete(entries.rows.keys().next().value!);
      entries.rows.set(key, { value, until: Date.now() + TTL_MS });
    }
    return value;
  }

  /** The cached value when there is a fresh one, without waiting (the server's hot path). */
  peek(db: Db, key: string): T | undefined {
    if (!cacheable(db)) return undefined;
    const entry = this.entriesOf(db).rows.get(key);
    return entry && entry.until >= Date.now() ? entry.value : undefined;
  }

  /** Called before every write of the row, inside or outside a transaction. */
  forget(db: Db, key: string): void {
    const entries = this.entriesOf(db);
    entries.epoch++;
    entries.rows.delete(key);
  }

  /** Called before every write that may change any of the cached values (lists). */
  forgetAll(db: Db): void {
    const entries = this.entriesOf(db);
    entries.epoch++;
    entries.rows.clear();
  }

  private entriesOf(db: Db): Entries<T> {
    const adapter = db.getExecutor().adapter;
    let entries = this.databases.get(adapter);
    if (!entries) {
      entries = { rows: new Map(), epoch: 0 };
      this.databases.set(adapter, entries);
    }
    return entries;
  }
}

/** Outside transactions (which may roll back) and only on SQLite. */
function cacheable(db: Db): boolean {
  return !db.isTransaction && db.getExecutor().adapter instanceof SqliteAdapter;
}

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
