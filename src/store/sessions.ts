/** Login sessions: the row is keyed by the token's hash; the token itself only ever lives in the cookie. */
import { createHash } from 'node:crypto';
import { type Db, now } from './common.ts';
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

/** The session and its user, when the token is known and not expired. */
export async function findSession(
  db: Db,
  token: string,
  at: string = now(),
): Promise<{ session: Session; user: User } | undefined> {
  const session = await db
    .selectFrom('sessions')
    .selectAll()
    .where('id', '=', sessionKey(token))
    .where('expires_at', '>', at)
    .executeTakeFirst();
  if (!session) return undefined;
  const user = await db.selectFrom('users').selectAll().where('id', '=', session.user_id).executeTakeFirst();
  return user ? { session, user } : undefined;
}

export async function deleteSession(db: Db, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionKey(token)).execute();
}

export async function deleteExpiredSessions(db: Db, at: string = now()): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', at).executeTakeFirst();
  return Number(result.numDeletedRows);
}
