/** What every repository shares: the queryable type (the database or a transaction), ids and the clock. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/** A Transaction<Database> is a Kysely<Database>, so repositories run inside or outside one alike. */
export type Db = Kysely<Database>;

export function newId(): string {
  return randomUUID();
}

/** ISO-8601 UTC with milliseconds: text that sorts in time order on both databases. */
export function now(date: Date = new Date()): string {
  return date.toISOString();
}

export function json(value: unknown): string {
  return JSON.stringify(value);
}

/** Rows in a table; pg's bigint count arrives as a string, hence Number. */
export async function countRows(db: Db, table: keyof Database): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Page `page` (1-based) of `pageSize` rows, with the number of rows in all; pg's bigint count arrives as a string. */
export async function fetchPage<T>(
  page: number,
  pageSize: number,
  rows: (limit: number, offset: number) => Promise<T[]>,
  count: () => Promise<{ n: number | string | bigint }>,
): Promise<Page<T>> {
  const [items, counted] = await Promise.all([rows(pageSize, (page - 1) * pageSize), count()]);
  return { items, total: Number(counted.n), page, pageSize };
}
