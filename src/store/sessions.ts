/** Login sessions: the row is keyed by the token's hash; the token itself only ever lives in the cookie. */
import { createHash } from 'node:crypto';
import { type Db, now } from './common.ts';
import { prepared } from './prepared.ts';
import type { Session, User } from './schema.ts';

export function sessionKey(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Db,
  input: { token: string; userId: string; csrfToken: string; expiresAt: string },
): Promise<Session> {
  const session: Session = {
    id: sessionKey(input.token),
    user_id: input.userId,
    csrf_token: input.csrfToken,
    created_at: now(),
    expires_at: input.expiresAt,
  };
  await db.insertInto('sessions').values(session).execute();
  return session;
}

const sessionWithUser = prepared((db: Db, id: string, at: string) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('sessions')
    .select([
      'users.username as user_username',
      'users.password_hash as user_password_hash',
      'users.role as user_role',
      'users.unit_id as user_unit_id',
      'users.failed_logins as user_failed_logins',
      'users.locked_until as user_locked_until',
      'users.created_at as user_created_at',
    ])
    .where('sessions.id', '=', id)
    .where('sessions.expires_at', '>', at),
);

/** The session and its user, when the token is known and not expired. */
export async function findSession(
  db: Db,
  token: string,
  at: string = now(),
): Promise<{ session: Session; user: User } | undefined> {
  const row = await sessionWithUser.first(db, sessionKey(token), at);
  if (!row) return undefined;
  const session: Session = {
    id: row.id,
    user_id: row.user_id,
    csrf_token: row.csrf_token,
    created_at: row.created_at,
    expires_at: row.expires_at,
  };
  const user: User = {
    id: row.user_id,
    username: row.user_username,
    password_hash: row.user_password_hash,
    role: row.user_role,
    unit_id: row.user_unit_id,
    failed_logins: row.user_failed_logins,
    locked_until: row.user_locked_until,
    created_at: row.user_created_at,
  };
  return { session, user };
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionKey(token)).execute();
}

export async function deleteExpiredSessions(db: Db, at: string = now()): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', at).executeTakeFirst();
  return Number(result.numDeletedRows);
}
