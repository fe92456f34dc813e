/** Units: admins create them; everyone lists those they may see (a unit user: their own). */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { appendAudit } from '../../store/audit.ts';
import { createUnit, DEFAULT_REGION_NAME, ensureRegion, listUnits } from '../../store/units.ts';
import { scopeToUnit } from '../policy.ts';
import { parse, text } from '../validate.ts';
import { unitView } from './views.ts';

const UnitBody = z.strictObject({ name: text(200), region: text(100).optional() });

const units: FastifyPluginAsync = async (app) => {
  app.get('/api/units', { config: { access: { action: 'unit.list' } } }, async (request) => {
    const only = scopeToUnit(request.actor!, undefined);
    return { items: (await listUnits(app.store.db, only)).map(unitView) };
  });

  app.post('/api/units', { config: { access: { action: 'unit.create' } } }, async (request, reply) => {
    const body = parse(UnitBody, request.body);
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
  });
};
export default units;
