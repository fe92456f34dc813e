/** The whole audit log, for admins. */
import type { FastifyPluginAsync } from 'fastify';
import { listAudit } from '../../store/audit.ts';
import { auditView } from './views.ts';

const audit: FastifyPluginAsync = async (app) => {
  app.get('/api/audit', { config: { access: { action: 'audit.read' } } }, async () => ({
    items: (await listAudit(app.store.db)).map(auditView),
  }));
};
export default audit;
