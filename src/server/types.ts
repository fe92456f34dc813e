/** The server's additions to Fastify's types, and the settings every plugin reads. */

import type { Store } from '../store/connect.ts';
import type { Report, Session } from '../store/schema.ts';
import type { SessionCache } from './plugins/auth.ts';
import type { Action, Actor } from './policy.ts';

/**
 * Each route states its access rule in `config.access`; the access plugin refuses to start with a route
 * that has none. `unit` says where the unit the action concerns comes from:
 * - `report`: the report named by the `:id` parameter (loaded once, handed to the handler);
 * - `handler`: the request body (multipart upload); the handler calls `authorize` itself;
 * - absent: the action is not about one unit.
 */
export type AccessRule = 'public' | { action: Action; unit?: 'report' | 'handler' };

export interface Settings {
  trustProxy: boolean;
  login: { max: number; timeWindowMs: number };
  lockout: { maxFailures: number; minutes: number };
  sessionHours: number;
  /** How long a looked-up session is trusted without asking the database again (0: always ask). */
  sessionCacheMs: number;
  maxUploadBytes: number;
  /** Validate every reply against its zod schema too (on in the tests: JIXIAO_CHECK_REPLIES=1). */
  checkReplies: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    store: Store;
    settings: Settings;
    sessions: SessionCache;
  }
  interface FastifyRequest {
    actor: Actor | null;
    session: Session | null;
    /** The report named by `:id`, when the route's access rule is `unit: 'report'`. */
    report: Report | null;
  }
  interface FastifyContextConfig {
    access?: AccessRule;
    /** false: a write that needs no CSRF token (logging in: there is no session yet). */
    csrf?: boolean;
    /** A Content-Security-Policy for this route instead of the default (which allows nothing). */
    contentSecurityPolicy?: string;
    /** A Cache-Control for this route instead of `no-store` (the web app's content-hashed assets). */
    cacheControl?: string;
  }
}
