/**
 * Named leases: `acquireLock` succeeds for one owner at a time; the owner renews the lease while it works
 * and releases it at the end. A lease that ran out (its holder was killed) can be taken over. Each step is
 * one conditional statement, so two processes racing for the same lock cannot both win, on either database.
 */
import { type Db, now } from './common.ts';
import type { LockTable } from './schema.ts';

const expiry = (ttlMs: number) => now(new Date(Date.now() + ttlMs));

/** True when `owner` now holds `name` for `ttlMs`. */
export async function acquireLock(db: Db, name: string, owner: string, ttlMs: number): Promise<boolean> {
  const at = now();
  const inserted = await db
    .insertInto('locks')
    .values({ name, owner, acquired_at: at, expires_at: expiry(ttlMs) })
    .onConflict((oc) => oc.column('name').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return true;
  // Held: take it over only if its lease ran out (or it is already ours).
  const taken = await db
    .updateTable('locks')
    .set({ owner, acquired_at: at, expires_at: expiry(ttlMs) })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('expires_at', '<=', at), eb('owner', '=', owner)]))
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1;
}

/** Extends the lease; false when `owner` no longer holds it (it ran out and another took it). */
export async function renewLock(db: Db, name: string, owner: string, ttlMs: number): Promise<boolean> {
  const renewed = await db
    .updateTable('locks')
    .set({ expires_at: expiry(ttlMs) })
    .where('name', '=', name)
    .where('owner', '=', owner)
    .executeTakeFirst();
  return Number(renewed.numUpdatedRows) === 1;
}

/** Takes `name` from `from` (a holder known to be gone); false when someone else moved first. */
export async function takeOverLock(
  db: Db,
  name: string,
  from: string,
  owner: string,
  ttlMs: number,
): Promise<boolean> {
  const taken = await db
    .updateTable('locks')
    .set({ owner, acquired_at: now(), expires_at: expiry(ttlMs) })
    .where('name', '=', name)
    .where('owner', '=', from)
    .executeTakeFirst();
  return Number(taken.numUpdatedRows) === 1;
}

export async function releaseLock(db: Db, name: string, owner: string): Promise<void> {
  await db.deleteFrom('locks').where('name', '=', name).where('owner', '=', owner).execute();
}

export async function getLock(db: Db, name: string): Promise<LockTable | undefined> {
  return db.selectFrom('locks').selectAll().where('name', '=', name).executeTakeFirst();
}
