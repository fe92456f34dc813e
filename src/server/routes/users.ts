/** User accounts, created by an admin. A unit role needs its unit; reviewers and admins have none. */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { appendAudit } from '../../store/audit.ts';
import { ROLES } from '../../store/schema.ts';
import { getUnit } from '../../store/units.ts';
import { createUser } from '../../store/users.ts';
import { apiError } from '../errors.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from '../passwords.ts';
import { isUnitRole } from '../policy.ts';
import { Id, parse } from '../validate.ts';
import { userView } from './views.ts';

export const UserBody = z.strictObject({
  username: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[\p{L}\p{N}._@-]+$/u, '只能包含文字、数字和 . _ @ -'),
  password: z.string().min(MIN_PASSWORD_LENGTH).max(1000),
  role: z.enum(ROLES),
  unitId: Id.nullable().optional(),
});

const users: FastifyPluginAsync = async (app) => {
  app.post('/api/users', { config: { access: { action: 'user.create' } } }, async (request, reply) => {
    const body = parse(UserBody, request.body);
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
  });
};
export default users;
