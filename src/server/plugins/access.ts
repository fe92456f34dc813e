/**
 * Access control, applied in one hook: every route must declare `config.access` (startup fails
 * otherwise), and before the request is validated or any handler runs, the hook requires a session and
 * asks the policy (so a forbidden request is 401/403 whatever its body). For routes
 * about one report the report is loaded here, its unit checked, and handed to the handler as
 * `request.report`, so no handler can forget the check.
 */
import fp from 'fastify-plugin';
import { getReport, recentReport } from '../../store/reports.ts';
import type { Report } from '../../store/schema.ts';
import { apiError } from '../errors.ts';
import { authorize } from '../policy.ts';

export default fp(
  async (app) => {
    app.decorateRequest('report', null);

    app.addHook('onRoute', (route) => {
      if (route.config?.access === undefined) {
        throw new Error(`route ${String(route.method)} ${route.url} declares no access rule (config.access)`);
      }
    });

    // A callback hook: with the report read moments ago (nearly every request) it costs no promise.
    app.addHook('preValidation', (request, _reply, done) => {
      const rule = request.routeOptions.config?.access;
      try {
        if (rule === undefined) {
          // Fastify's own 404 handler: nothing to protect.
          if (request.is404) return done();
          throw apiError('JX_FORBIDDEN');
        }
        if (rule === 'public') return done();
        const actor = request.actor;
        if (!actor) throw apiError('JX_UNAUTHENTICATED');
        if (rule.unit !== 'report') {
          // `handler`: the unit is in the body; the role part is checked now, the unit part by the handler.
          authorize(actor, rule.action, null);
          return done();
        }
        const id = (request.params as { id?: string }).id ?? '';
        const admit = (report: Report | undefined) => {
          if (!report) throw apiError('JX_NOT_FOUND', { what: '报告' });
          authorize(actor, rule.action, report.unit_id);
          request.report = report;
        };
        const recent = recentReport(app.store.db, id);
        if (recent) {
          admit(recent);
          return done();
        }
        getReport(app.store.db, id)
          .then(admit)
          .then(
            () => done(),
            (error: Error) => done(error),
          );
      } catch (error) {
        done(error as Error);
      }
    });
  },
  { name: 'jixiao-access', dependencies: ['jixiao-auth'] },
);
