/** Logging in and out. Failed logins count per account (lockout) and per client address (rate limit). */
import { appendAudit } from '../../store/audit.ts';
import { now } from '../../store/common.ts';
import { clearFailedLogins, findUserByName, recordFailedLogin } from '../../store/users.ts';
import { apiError } from '../errors.ts';
import { dummyHash, verifyPassword } from '../passwords.ts';
import { endSession, startSession } from '../plugins/auth.ts';
import type { RoutesPlugin } from '../plugins/schemas.ts';
import { ErrorBody, LoginBody, NoContent, SessionReply, SessionState } from '../schemas.ts';
import { userView } from './views.ts';

const session: RoutesPlugin = async (app) => {
  const { login, lockout } = app.settings;

  app.post(
    '/api/session',
    {
      config: {
        access: 'public',
        csrf: false,
        rateLimit: { max: login.max, timeWindow: login.timeWindowMs },
      },
      schema: {
        summary: '登录：设置会话 Cookie，返回写请求须带的 CSRF 令牌',
        description: '连续失败会锁定账户（423）；按客户端地址限流（429）。',
        tags: ['会话'],
        body: LoginBody,
        response: { 200: SessionReply, 401: ErrorBody, 423: ErrorBody, 429: ErrorBody },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const db = app.store.db;
      const user = await findUserByName(db, body.username);
      if (!user) {
        await verifyPassword(body.password, await dummyHash());
        throw apiError('JX_LOGIN_FAILED');
      }
      const at = now();
      if (user.locked_until !== null && user.locked_until > at) {
        const minutes = Math.max(1, Math.ceil((Date.parse(user.locked_until) - Date.now()) / 60_000));
        throw apiError('JX_LOCKED', { minutes });
      }
      if (!(await verifyPassword(body.password, user.password_hash))) {
        const until = now(new Date(Date.now() + lockout.minutes * 60_000));
        const failures = await recordFailedLogin(db, user.id, lockout.maxFailures, until);
        await appendAudit(db, {
          actorId: user.id,
          action: 'session.login-failed',
          entity: 'user',
          entityId: user.id,
          after: { failures },
        });
        if (failures >= lockout.maxFailures) throw apiError('JX_LOCKED', { minutes: lockout.minutes });
        throw apiError('JX_LOGIN_FAILED');
      }
      await clearFailedLogins(db, user.id);
      const csrfToken = await startSession(request, reply, user);
      await appendAudit(db, { actorId: user.id, action: 'session.login', entity: 'user', entityId: user.id });
      return { csrfToken, user: userView(user) };
    },
  );

  // Public: the web app asks on every first load whether it has a session. Logged out is an answer
  // (200, user null), not an error — a 401 here would be a failed request in every visitor's console.
  app.get(
    '/api/session',
    {
      config: { access: 'public' },
      schema: {
        summary: '当前会话：用户与 CSRF 令牌；未登录时二者均为 null',
        tags: ['会话'],
        response: { 200: SessionState },
      },
    },
    async (request) =>
      request.actor && request.session
        ? {
            csrfToken: request.session.csrf_token,
            user: {
              id: request.actor.id,
              username: request.actor.username,
              role: request.actor.role,
              unitId: request.actor.unitId,
            },
          }
        : { csrfToken: null, user: null },
  );

  app.delete(
    '/api/session',
    {
      config: { access: { action: 'unit.list' } },
      schema: { summary: '退出登录', tags: ['会话'], response: { 204: NoContent } },
    },
    async (request, reply) => {
      await endSession(request, reply);
      return reply.status(204).send();
    },
  );
};
export default session;
