/**
 * Builds the Fastify application (never listens: `serve.ts` does, tests may use either). Order matters:
 * infrastructure plugins first (db, errors, schemas, security headers, rate limit, auth, access), then
 * routes; the API document (`/api/openapi.json`) is built from every route registered before it.
 */
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { Logger } from 'pino';
import { DEFAULT_MAX_BYTES } from '../ingest/load.ts';
import type { Store } from '../store/connect.ts';
import { apiError } from './errors.ts';
import accessPlugin from './plugins/access.ts';
import authPlugin from './plugins/auth.ts';
import dbPlugin from './plugins/db.ts';
import errorsPlugin from './plugins/errors.ts';
import rateLimitPlugin from './plugins/rate-limit.ts';
import schemasPlugin from './plugins/schemas.ts';
import securityHeaders from './plugins/security-headers.ts';
import auditRoutes from './routes/audit.ts';
import docsRoutes from './routes/docs.ts';
import healthRoutes from './routes/health.ts';
import reportRoutes from './routes/reports.ts';
import sessionRoutes from './routes/session.ts';
import unitRoutes from './routes/units.ts';
import uploadRoutes from './routes/upload.ts';
import userRoutes from './routes/users.ts';
import type { Settings } from './types.ts';

export interface AppOptions {
  store: Store;
  logger?: Logger | false;
  settings?: Partial<Settings>;
}

export const DEFAULT_SETTINGS: Settings = {
  trustProxy: false,
  login: { max: 20, timeWindowMs: 60_000 },
  lockout: { maxFailures: 5, minutes: 15 },
  sessionHours: 8,
  sessionCacheMs: 2000,
  maxUploadBytes: DEFAULT_MAX_BYTES,
  checkReplies: process.env.JIXIAO_CHECK_REPLIES === '1',
};

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const settings: Settings = { ...DEFAULT_SETTINGS, ...options.settings };
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger as FastifyBaseLogger } : { logger: false }),
    trustProxy: settings.trustProxy,
    bodyLimit: 1024 * 1024,
    // Report ids are UUIDs; nothing legitimate is longer.
    routerOptions: { maxParamLength: 100 },
    return503OnClosing: true,
    // Errors the router raises before any route (or the error handler) is involved: `{ error }` too.
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      const code =
        error.code === 'FST_ERR_MAX_PARAM_LENGTH'
          ? 'JX_URL_TOO_LONG'
          : error.code === 'FST_ERR_BAD_URL'
            ? 'JX_BAD_URL'
            : 'JX_INTERNAL';
      const known = apiError(code);
      void reply.status(known.statusCode).send({ error: known.message });
    },
  });
  await app.register(dbPlugin, { store: options.store, settings });
  await app.register(errorsPlugin);
  await app.register(schemasPlugin);
  await app.register(securityHeaders);
  await app.register(rateLimitPlugin);
  await app.register(authPlugin);
  await app.register(accessPlugin);

  await app.register(healthRoutes);
  await app.register(sessionRoutes);
  await app.register(unitRoutes);
  await app.register(userRoutes);
  await app.register(uploadRoutes);
  await app.register(reportRoutes);
  await app.register(auditRoutes);
  await app.register(docsRoutes);
  return app;
}
