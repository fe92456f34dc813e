/** The whole audit log, for admins: paged, filtered by entity, entity id and actor. */
import { listAuditPage } from '../../store/audit.ts';
import type { RoutesPlugin } from '../plugins/schemas.ts';
import { AuditQuery, AuditView, pageOf } from '../schemas.ts';
import { auditView } from './views.ts';

const audit: RoutesPlugin = async (app) => {
  app.get(
    '/api/audit',
    {
      config: { access: { action: 'audit.read' } },
      schema: {
        summary: '审计记录（管理员；按写入顺序，分页）',
        tags: ['审计'],
        querystring: AuditQuery,
        response: { 200: pageOf(AuditView) },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      const found = await listAuditPage(app.store.db, filter, page, pageSize);
      return { ...found, items: found.items.map(auditView) };
    },
  );
};
export default audit;
