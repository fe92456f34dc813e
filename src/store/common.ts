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
