/**
 * The API under load on loopback: autocannon with 50 connections on the report read and list endpoints
 * (logged in, SQLite as `npm start` uses it), against a bare Fastify route measured in the same run.
 * Targets: p99 under 50 ms, and at least half the bare route's throughput. The server runs in its own
 * process (bench/server-target.ts), autocannon in this one.
 *
 * autocannon is pinned to 9.0.0 (+ @types/autocannon 7.12.7): it declares no engines, installs on Node 20
 * without EBADENGINE and ran on 20.20.2; none of its dependencies needs a download or a native build.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { type LoadResult, loadBench, ROOT } from './harness.ts';
import { BENCH_USER } from './server-target.constants.ts';

const CONNECTIONS = 50;
const WARMUP_S = 1;
const DURATION_S = 5;
const BARE = '裸 Fastify 路由（同样的 JSON）';
const TARGETS = { p99Ms: 50, minBaselineRatio: 0.5 };

interface Target {
  app: string;
  bare: string;
  reportId: string;
}

async function startTarget() {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'bench', 'server-target.ts')], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  const stop = () =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.stdin!.end();
    });
  return { target: JSON.parse(line) as Target, stop };
}

async function login(base: string): Promise<string> {
  const response = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(BENCH_USER),
  });
  if (response.status !== 200) throw new Error(`bench login failed: ${response.status}`);
  return response.headers.getSetCookie()[0]!.split(';')[0]!;
}

async function load(name: string, url: string, cookie: string | undefined): Promise<LoadResult> {
  const headers = cookie ? { cookie } : {};
  await autocannon({ url, connections: CONNECTIONS, duration: WARMUP_S, headers });
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers });
  return {
    name,
    connections: CONNECTIONS,
    durationS: DURATION_S,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requestsPerSec: result.requests.average,
    requests: result.requests.total,
    errors: result.non2xx + result.errors + result.timeouts,
    ...(name === BARE ? {} : { baseline: BARE, targets: TARGETS }),
  };
}

loadBench({
  name: '服务端负载 / server load (autocannon)',
  note:
    `autocannon ${CONNECTIONS} 个连接，每项先预热 ${WARMUP_S} s 再测 ${DURATION_S} s；服务端在单独的进程中（SQLite，30 份报告），` +
    '带登录会话；裸路由是同一进程中不带插件、不查数据库的 Fastify 路由，返回与读取报告相同的 JSON；延迟精度 1 ms' +
    ` / ${CONNECTIONS} connections, ${WARMUP_S} s warm-up then ${DURATION_S} s per row; server in its own process (SQLite, 30 reports), logged-in session;` +
    ' the bare route is a plugin-free, database-free Fastify route in the same process answering the same JSON; latency resolution 1 ms',
  run: async () => {
    const { target, stop } = await startTarget();
    try {
      const cookie = await login(target.app);
      return [
        await load(BARE, `${target.bare}/bare`, undefined),
        await load(`GET /api/reports/:id`, `${target.app}/api/reports/${target.reportId}`, cookie),
        await load('GET /api/reports（列表，20 条/页）', `${target.app}/api/reports`, cookie),
        await load(
          'GET /api/reports/:id/findings',
          `${target.app}/api/reports/${target.reportId}/findings`,
          cookie,
        ),
      ];
    } finally {
      await stop();
    }
  },
});
