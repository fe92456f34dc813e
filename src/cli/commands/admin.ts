/**
 * `jixiao admin create --user NAME --password-stdin`: the first admin (there are no default passwords).
 * The password is read from stdin so it never appears in the process list or shell history.
 */
import type { Command } from 'commander';
import { JixiaoError } from '../../errors.ts';

export interface AdminCreateOptions {
  user: string;
  passwordStdin: boolean;
  data: string;
}

export function register(program: Command): void {
  const admin = program.command('admin').description('管理服务账户');
  admin
    .command('create')
    .description('创建管理员账户（密码从标准输入读取）')
    .requiredOption('--user <name>', '用户名')
    .option('--password-stdin', '从标准输入读取密码', false)
    .option('--data <dir>', '数据目录（内置数据库所在目录）', 'data')
    .action(async (options: AdminCreateOptions) => {
      if (!options.passwordStdin) {
        throw new JixiaoError('JX_USAGE', { detail: '请用 --password-stdin 从标准输入提供密码' });
      }
      const password = (await readStdin()).replace(/\r?\n$/, '');
      const { createAdmin } = await import('../../server/admin.ts');
      await createAdmin({
        username: options.user,
        password,
        dataDir: options.data,
        databaseUrl: process.env.DATABASE_URL || undefined,
      });
      process.stdout.write(`已创建管理员：${options.user}\n`);
    });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
