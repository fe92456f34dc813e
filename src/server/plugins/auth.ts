/**
 * Session authentication and CSRF. The session cookie (HttpOnly, SameSite=Strict, Secure when the request
 * came over TLS) carries a random token; the store keeps only its hash. A cookie-authenticated write must
 * repeat the session's CSRF token in `x-csrf-token`, checked before the body is read.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { parseCookie, type SetCookie, stringifySetCookie } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { now } from '../../store/common.ts';
import type { User } from '../../store/schema.ts';
import { createSession, deleteSession, findSession } from '../../store/sessions.ts';
import { apiError } from '../errors.ts';
import type { Actor } from '../policy.ts';

export const SESSION_COOKIE = 'jixiao_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function actorOf(user: User): Actor {
  return { id: user.id, username: user.username, role: user.role, unitId: user.unit_id };
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The session token the request's Cookie header carries, if any. */
function sessionToken(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie;
  return header ? parseCookie(header)[SESSION_COOKIE] : undefined;
}

// Set by hand rather than through @fastify/cookie: its two hooks ran on every request for one cookie.
function setSessionCookie(request: FastifyRequest, reply: FastifyReply, value: string, expires: Date): void {
  const cookie: SetCookie = {
    name: SESSION_COOKIE,
    value,
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    expires,
  };
  reply.header('set-cookie', stringifySetCookie(cookie));
}

/** Starts a session for `user`: sets the cookie, returns the CSRF token for the client to echo. */
export async function startSession(
  request: FastifyRequest,
  reply: FastifyReply,
  user: User,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const hours = request.server.settings.sessionHours;
  const expires = new Date(Date.now() + hours * 3600_000);
  await createSession(request.server.store.db, {
    token,
    userId: user.id,
    csrfToken,
    expiresAt: now(expires),
  });
  setSessionCookie(request, reply, token, expires);
  return csrfToken;
}

export async function endSession(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = sessionToken(request);
  if (token) {
    await deleteSession(request.server.store.db, token);
    request.server.sessions.forget(token);
  }
  setSessionCookie(request, reply, '', new Date(0));
}

const SESSION_CACHE_LIMIT = 10_000;

type FoundSession = NonNullable<Awaited<ReturnType<typeof findSession>>>;

/**
 * Sessions looked up in the last `ttlMs`: every request of a logged-in user would otherwise pay a join on
 * sessions and users. Logging out here forgets the session at once; on other servers sharing the database
 * (PostgreSQL) a logout takes effect within `ttlMs`. Expiry is checked on every hit.
 */
export class SessionCache {
  private readonly entries = new Map<string, { found: FoundSession; until: number; expiresAt: number }>();
  constructor(private readonly ttlMs: number) {}

  get(token: string): FoundSession | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    const at = Date.now();
    if (entry.until < at || entry.expiresAt <= at) {
      this.entries.delete(token);
      return undefined;
    }
    return entry.found;
  }

  remember(token: string, found: FoundSession): void {
    if (this.ttlMs <= 0 || this.entries.has(token)) return;
    if (this.entries.size >= SESSION_CACHE_LIMIT) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, {
      found,
      until: Date.now() + this.ttlMs,
      expiresAt: Date.parse(found.session.expires_at),
    });
  }

  forget(token: string): void {
    this.entries.delete(token);
  }
}

export default fp(
  async (app) => {
    app.decorateRequest('actor', null);
    app.decorateRequest('session', null);

    const sessions = new SessionCache(app.settings.sessionCacheMs);
    app.decorate('sessions', sessions);

    const checkCsrf = (request: FastifyRequest) => {
      if (SAFE_METHODS.has(request.method) || request.routeOptions.config?.csrf === false) return;
      if (!request.session) return; // no cookie session: the access rule decides (401 for protected routes)
      const given = request.headers[CSRF_HEADER];
      if (typeof given !== 'string' || !sameToken(given, request.session.csrf_token))
        throw apiError('JX_CSRF');
    };
    const attach = (request: FastifyRequest, token: string, found: FoundSession | undefined) => {
      if (!found) return;
      sessions.remember(token, found);
      request.session = found.session;
      request.actor = actorOf(found.user);
    };

    // A callback hook: a session found in the cache (nearly every request) costs no promise.
    app.addHook('onRequest', (request, _reply, done) => {
      const token = sessionToken(request);
      const cached = token ? sessions.get(token) : undefined;
      if (!token || cached) {
        if (token) attach(request, token, cached);
        try {
          checkCsrf(request);
        } catch (error) {
          return done(error as Error);
        }
        return done();
      }
      findSession(app.store.db, token, now())
        .then((found) => {
          attach(request, token, found);
          checkCsrf(request);
        })
        .then(
          () => done(),
          (error: Error) => done(error),
        );
    });
  },
  { name: 'jixiao-auth', dependencies: ['jixiao-db'] },
);
