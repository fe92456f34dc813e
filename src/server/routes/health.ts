/** `/healthz`: the process is up and the database answers. */
import { sql } from 'kysely';
import type { RoutesPlugin } from '../plugins/schemas.ts';
import { Health, Unhealthy } from '../schemas.ts';

const health: RoutesPlugin = async (app) => {
  app.get(
    '/healthz',
    {
      config: { access: 'public' },
      schema: {
        summary: '健康检查：服务与数据库是否可用',
        tags: ['运维'],
        response: { 200: Health, 503: Unhealthy },
      },
    },
    async (_request, reply) => {
      try {
        await sql`select 1`.execute(app.store.db);
        return { status: 'ok' as const, database: app.store.dialect };
      } catch {
        return reply.status(503).send({ status: 'unavailable', error: '数据库无法访问' });
      }
    },
  );
};
export default health;
