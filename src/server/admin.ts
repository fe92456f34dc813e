/** Creating an admin from the command line, with the same rules as `POST /api/users`. */
import { JixiaoError } from '../errors.ts';
import { appendAudit } from '../store/audit.ts';
import { createUser, findUserByName } from '../store/users.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.ts';
import { UserBody } from './schemas.ts';
import { openConfiguredStore } from './serve.ts';

export async function createAdmin(input: {
  username: string;
  password: string;
  dataDir: string;
  databaseUrl?: string | undefined;
}): Promise<void> {
  const checked = UserBody.safeParse({ username: input.username, password: input.password, role: 'admin' });
  if (!checked.success) {
    const issue = checked.error.issues[0]!;
    const detail =
      issue.path[0] === 'password'
        ? `至少 ${MIN_PASSWORD_LENGTH} 个字符，至多 1000 个`
        : `用户名 ${input.username} 无效`;
    throw new JixiaoError('JX_PASSWORD', { detail });
  }
  const store = await openConfiguredStore(input.dataDir, input.databaseUrl);
  try {
    if (await findUserByName(store.db, input.username))
      throw new JixiaoError('JX_USER_EXISTS', { user: input.username });
    const passwordHash = await hashPassword(input.password);
    await store.db.transaction().execute(async (trx) => {
      const user = await createUser(trx, {
        username: input.username,
        passwordHash,
        role: 'admin',
        unitId: null,
      });
      await appendAudit(trx, {
        actorId: null,
        action: 'user.create',
        entity: 'user',
        entityId: user.id,
        after: { username: user.username, role: user.role, via: 'cli' },
      });
    });
  } finally {
    await store.close();
  }
}
