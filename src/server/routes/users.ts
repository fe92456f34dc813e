/** User accounts, created by an admin. A unit role needs its unit; reviewers and admins have none. */
import { appendAudit } from '../../store/audit.ts';
import { getUnit } from '../../store/units.ts';
import { createUser } from '../../store/users.ts';
import { apiError } from '../errors.ts';
import { hashPassword } from '../passwords.ts';
import type { RoutesPlugin } from '../plugins/schemas.ts';
import { isUnitRole } from '../policy.ts';
import { ErrorBody, UserBody, UserView } from '../schemas.ts';
import { userView } from './views.ts';

const users: RoutesPlugin = async (app) => {
  app.post(
    '/api/users',
    {
      config: { access: { action: 'user.create' } },
      schema: {
        summary: '创建用户（管理员）',
        tags: ['用户'],
        body: UserBody,
        response: { 201: UserView, 404: ErrorBody, 409: ErrorBody },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const unitId = body.unitId ?? null;
      if (isUnitRole(body.role) && unitId === null)
        throw apiError('JX_BAD_REQUEST', { detail: '单位角色必须指定 unitId' });
      if (!isUnitRole(body.role) && unitId !== null)
        throw apiError('JX_BAD_REQUEST', { detail: '审核人和管理员不属于单位，不能指定 unitId' });
      if (unitId !== null && !(await getUnit(app.store.db, unitId)))
        throw apiError('JX_NOT_FOUND', { what: '单位' });
      const passwordHash = await hashPassword(body.password);
      const user = await app.store.db.transaction().execute(async (trx) => {
        const created = await createUser(trx, {
          username: body.username,
          passwordHash,
          role: body.role,
          unitId,
        });
        await appendAudit(trx, {
          actorId: request.actor!.id,
          action: 'user.create',
          entity: 'user',
          entityId: created.id,
          after: userView(created),
        });
        return created;
      });
      return reply.status(201).send(userView(user));
    },
  );
};
export default users;
