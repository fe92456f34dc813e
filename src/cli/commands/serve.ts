/**
 * `jixiao serve`: the web service on the embedded database (`--data DIR`, default data/) or on
 * PostgreSQL when DATABASE_URL is set. The server code is loaded only when this command runs.
 */
import { type Command, InvalidArgumentError } from 'commander';

export interface ServeCommandOptions {
  port: number;
  host: string;
  data: string;
  demo: boolean;
  trustProxy: boolean;
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new InvalidArgumentError('端口应为 0–65535 的整数');
  return port;
}

export function register(program: Command): void {
  program
    .command('serve')
    .description(
      '启动网页服务（REST API）：默认使用内置数据库 data/jixiao.db，设置 DATABASE_URL 则使用 PostgreSQL',
    )
    .option('-p, --port <port>', '端口', parsePort, 3000)
    .option('--host <host>', '监听地址', '127.0.0.1')
    .option('--data <dir>', '数据目录（内置数据库所在目录）', 'data')
    .option('--no-demo', '首次运行时不载入示例单位和报告')
    .option('--trust-proxy', '信任反向代理的 X-Forwarded-* 头（在 TLS 代理之后运行时使用）', false)
    .action(async (options: ServeCommandOptions) => {
      const { serveUntilSignal } = await import('../../server/serve.ts');
      await serveUntilSignal({
        port: options.port,
        host: options.host,
        dataDir: options.data,
        databaseUrl: process.env.DATABASE_URL || undefined,
        demo: options.demo,
        trustProxy: options.trustProxy,
      });
    });
}
