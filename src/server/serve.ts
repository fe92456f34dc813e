/**
 * `jixiao serve`: open (and on first run create and migrate) the database, load the demo into an empty
 * one, listen, and shut down gracefully on SIGINT/SIGTERM: stop accepting, finish requests, close the
 * database.
 */
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { JixiaoError } from '../errors.ts';
import { openStore, type Store } from '../store/connect.ts';
import { countUsersWithRole } from '../store/users.ts';
import { buildApp } from './app.ts';
import { loadDemo } from './demo.ts';

export interface ServeOptions {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string | undefined;
  demo: boolean;
  trustProxy?: boolean;
  /** Human-readable lines (the URL, how to create the admin). */
  say?: (line: string) => void;
  logLevel?: string;
}

export interface RunningServer {
  app: FastifyInstance;
  store: Store;
  url: string;
  close(): Promise<void>;
}

export async function openConfiguredStore(dataDir: string, databaseUrl: string | undefined): Promise<Store> {
  try {
    return await openStore({ dataDir, databaseUrl });
  } catch (error) {
    const location = databaseUrl ? 'DATABASE_URL' : dataDir;
    throw new JixiaoError('JX_DATABASE', { reason: (error as Error).message, location }, { cause: error });
  }
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const say = options.say ?? ((line: string) => process.stdout.write(`${line}\n`));
  const store = await openConfiguredStore(options.dataDir, options.databaseUrl);
  try {
    if (options.demo) {
      const demo = await loadDemo(store);
      if (demo) say(`已载入示例数据：${demo.unitName} ${demo.year} 年度自评报告`);
    }
    const logger = pino({ level: options.logLevel ?? process.env.LOG_LEVEL ?? 'info' });
    const app = await buildApp({ store, logger, settings: { trustProxy: options.trustProxy ?? false } });
    await app.listen({ port: options.port, host: options.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const host = options.host.includes(':') ? `[${options.host}]` : options.host;
    const url = `http://${host}:${port}`;
    say(`jixiao 服务已启动：${url}（数据库：${store.dialect === 'sqlite' ? store.location : 'PostgreSQL'}）`);
    if ((await countUsersWithRole(store.db, 'admin')) === 0) {
      const data = options.databaseUrl ? '' : options.dataDir === 'data' ? '' : ` --data ${options.dataDir}`;
      say(
        `尚无管理员账户。创建管理员：echo '密码' | bin/jixiao admin create --user admin --password-stdin${data}`,
      );
    }
    let closing: Promise<void> | undefined;
    const close = () => {
      closing ??= (async () => {
        await app.close();
        await store.close();
      })();
      return closing;
    };
    return { app, store, url, close };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/**
 * Runs until SIGINT or SIGTERM, then closes everything; resolves when the server is down. The handlers are
 * in place before the server announces its URL: a signal sent as soon as the URL is printed (or during
 * start-up) stops it gracefully instead of killing the process.
 */
export async function serveUntilSignal(options: ServeOptions): Promise<void> {
  let signalled: (signal: NodeJS.Signals) => void = () => {};
  const stopped = new Promise<NodeJS.Signals>((resolve) => {
    signalled = resolve;
  });
  process.on('SIGINT', signalled);
  process.on('SIGTERM', signalled);
  try {
    const server = await startServer(options);
    const signal = await stopped;
    server.app.log.info({ signal }, 'shutting down');
    await server.close().catch((error: unknown) => server.app.log.error({ err: error }, 'shutdown failed'));
  } finally {
    process.off('SIGINT', signalled);
    process.off('SIGTERM', signalled);
  }
}
