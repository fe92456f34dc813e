/** Units: admins create them; everyone lists those they may see (a unit user: their own). */
import { appendAudit } from '../../store/audit.ts';
import { createUnit, DEFAULT_REGION_NAME, ensureRegion, listUnitsPage } from '../../store/units.ts';
import type { RoutesPlugin } from '../plugins/schemas.ts';
import { scopeToUnit } from '../policy.ts';
import { pageOf, UnitBody, UnitQuery, UnitView } from '../schemas.ts';
import { unitView } from './views.ts';

const units: RoutesPlugin = async (app) => {
  app.get(
    '/api/units',
    {
      config: { access: { action: 'unit.list' } },
      schema: {
        summary: '列出可见的单位（单位用户只看到本单位）',
        tags: ['单位'],
        querystring: UnitQuery,
        response: { 200: pageOf(UnitView) },
      },
    },
    async (request) => {
      const { page, pageSize, regionId } = request.query;
      const only = scopeToUnit(request.actor!, undefined);
      const found = await listUnitsPage(app.store.db, { onlyId: only, regionId }, page, pageSize);
      return { ...found, items: found.items.map(unitView) };
    },
  );

  app.post(
    '/api/units',
    {
      config: { access: { action: 'unit.create' } },
      schema: {
        summary: '创建单位（管理员）',
        tags: ['单位'],
        body: UnitBody,
        response: { 201: UnitView },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const unit = await app.store.db.transaction().execute(async (trx) => {
        const region = await ensureRegion(trx, body.region ?? DEFAULT_REGION_NAME);
        const created = await createUnit(trx, { name: body.name, regionId: region.id });
        await appendAudit(trx, {
          actorId: request.actor!.id,
          action: 'unit.create',
          entity: 'unit',
          entityId: created.id,
          after: unitView(created),
        });
        return created;
      });
      return reply.status(201).send(unitView(unit));
    },
  );
};
export default units;
