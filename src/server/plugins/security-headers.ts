/**
 * Headers on every response: nothing is framed, sniffed, cached or allowed to run scripts. A route may
 * name its own Content-Security-Policy (`config.contentSecurityPolicy`: the docs page allows its one
 * inline style by hash) and its own Cache-Control (`config.cacheControl`).
 */
import fp from 'fastify-plugin';

const HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  'cache-control': 'no-store',
};

export default fp(
  async (app) => {
    // A callback hook, not an async one: it runs on every response and has nothing to wait for.
    app.addHook('onSend', (request, reply, payload, done) => {
      reply.headers(HEADERS);
      const csp = request.routeOptions.config?.contentSecurityPolicy;
      if (csp !== undefined) reply.header('content-security-policy', csp);
      const cache = request.routeOptions.config?.cacheControl;
      if (cache !== undefined) reply.header('cache-control', cache);
      if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000');
      done(null, payload);
    });
  },
  { name: 'jixiao-security-headers' },
);
