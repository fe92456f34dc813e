/** `/healthz`: the process is up and the database answers. */
import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';

const health: FastifyPluginAsync = async (app) => {
  app.get('/healthz', { config: { access: 'public' } }, async (_request, reply) => {
    try {
      await sql`select 1`.execute(app.store.db);
      return { status: 'ok', database: app.store.dialect };
    } catch {
      return reply.status(503).send({ status: 'unavailable', error: '数据库无法访问' });
    }
  });
};
export default health;
