/**
 * Access control, applied in one hook: every route must declare `config.access` (startup fails
 * otherwise), and before the request is validated or any handler runs, the hook requires a session and
 * asks the policy (so a forbidden request is 401/403 whatever its body). For routes
 * about one report the report is loaded here, its unit checked, and handed to the handler as
 * `request.report`, so no handler can forget the check.
 */
import fp from 'fastify-plugin';
import { getReport } from '../../store/reports.ts';
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

    app.addHook('preValidation', async (request) => {
      const rule = request.routeOptions.config?.access;
      if (rule === undefined) {
        // Fastify's own 404 handler: nothing to protect.
        if (request.is404) return;
        throw apiError('JX_FORBIDDEN');
      }
      if (rule === 'public') return;
      const actor = request.actor;
      if (!actor) throw apiError('JX_UNAUTHENTICATED');
      if (rule.unit === 'report') {
        const id = (request.params as { id?: string }).id ?? '';
        const report = await getReport(app.store.db, id);
        if (!report) throw apiError('JX_NOT_FOUND', { what: '报告' });
        authorize(actor, rule.action, report.unit_id);
        request.report = report;
        return;
      }
      // `handler`: the unit is in the body; the role part is checked now, the unit part by the handler.
      authorize(actor, rule.action, null);
    });
  },
  { name: 'jixiao-access', dependencies: ['jixiao-auth'] },
);
