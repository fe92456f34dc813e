/** The whole audit log, for admins. */
import type { FastifyPluginAsync } from 'fastify';
import { listAudit } from '../../store/audit.ts';

const audit: FastifyPluginAsync = async (app) => {
  app.get('/api/audit', { config: { access: { action: 'audit.read' } } }, async () => ({
    items: (await listAudit(app.store.db)).map((entry) => ({
      id: entry.id,
      at: entry.at,
      actorId: entry.actor_id,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entity_id,
      before: entry.before === null ? null : JSON.parse(entry.before),
      after: entry.after === null ? null : JSON.parse(entry.after),
    })),
  }));
};
export default audit;
