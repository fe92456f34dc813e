/** Users and their login bookkeeping (failed attempts, lockout). Password hashing lives in auth code. */
import { type Db, newId, now } from './common.ts';
import type { Role, User } from './schema.ts';

export interface NewUser {
  username: string;
  passwordHash: string;
  role: Role;
  unitId: string | null;
}

export async function createUser(db: Db, input: NewUser): Promise<User> {
  const user: User = {
    id: newId(),
    username: input.username,
    password_hash: input.passwordHash,
    role: input.role,
    unit_id: input.unitId,
    failed_logins: 0,
    locked_until: null,
    created_at: now(),
  };
  await db.insertInto('users').values(user).execute();
  return user;
}

export async function findUserByName(db: Db, username: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

export async function getUser(db: Db, id: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function countUsersWithRole(db: Db, role: Role): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', role)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * One more failed login, counted in the database (two parallel guesses both count); at `maxFailures` the
 * account is locked until `lockUntil`. Returns the new count.
 */
export async function recordFailedLogin(
  db: Db,
  userId: string,
  maxFailures: number,
  lockUntil: string,
): Promise<number> {
  const row = await db
    .updateTable('users')
    .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1) }))
    .where('id', '=', userId)
    .returning('failed_logins')
    .executeTakeFirstOrThrow();
  if (row.failed_logins >= maxFailures) {
    await db
      .updateTable('users')
      .set({ locked_until: lockUntil, failed_logins: 0 })
      .where('id', '=', userId)
      .execute();
  }
  return row.failed_logins;
}

export async function clearFailedLogins(db: Db, userId: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ failed_logins: 0, locked_until: null })
    .where('id', '=', userId)
    .execute();
}
