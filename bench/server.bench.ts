/**
 * The API under load on loopback: autocannon with 50 connections on the report read and list endpoints
 * (logged in, SQLite as `npm start` uses it), each against a bare Fastify twin measured in the same run.
 * Targets: p99 under 50 ms, and at least half the bare route's throughput. The server runs in its own
 * process (bench/server-target.ts), autocannon in this one. The target is bundled by esbuild first, as
 * `npm start` runs the bundle (dist/cli.mjs) and not the TypeScript sources through tsx.
 *
 * autocannon is pinned to 9.0.0 (+ @types/autocannon 7.12.7): it declares no engines, installs on Node 20
 * without EBADENGINE and ran on 20.20.2; none of its dependencies needs a download or a native build.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { build } from 'esbuild';
import { type LoadResult, loadBench, ROOT } from './harness.ts';
import { apiPaths, BENCH_USER } from './server-target.constants.ts';

const CONNECTIONS = 50;
const WARMUP_S = 1;
const DURATION_S = 3;
const ROUNDS = 3;
const BARE = '裸 Fastify 路由';
const TARGETS = { p99Ms: 50, minBaselineRatio: 0.5 };

interface Target {
  app: string;
  bare: string;
  reportId: string;
}

/** Bundled into dist/ (so the target's `..` is still the project root), like scripts/build.mjs does. */
async function bundleTarget(): Promise<string> {
  const outfile = join(ROOT, 'dist', 'bench-server-target.mjs');
  await build({
    entryPoints: [join(ROOT, 'bench', 'server-target.ts')],
    outfile,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __jxCreateRequire } from 'node:module'; const require = __jxCreateRequire(import.meta.url);",
    },
  });
  return outfile;
}

async function startTarget() {
  const child = spawn(process.execPath, [await bundleTarget()], {
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

type Run = Awaited<ReturnType<typeof autocannon>>;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};

function row(name: string, runs: Run[], baseline?: string): LoadResult {
  return {
    name,
    connections: CONNECTIONS,
    durationS: DURATION_S * runs.length,
    p50Ms: median(runs.map((run) => run.latency.p50)),
    p99Ms: median(runs.map((run) => run.latency.p99)),
    requestsPerSec: median(runs.map((run) => run.requests.average)),
    requests: runs.reduce((sum, run) => sum + run.requests.total, 0),
    errors: runs.reduce((sum, run) => sum + run.non2xx + run.errors + run.timeouts, 0),
    ...(baseline === undefined ? {} : { baseline, targets: TARGETS }),
  };
}

/**
 * An endpoint and its bare twin in alternating rounds, so a noisy neighbour slows both alike; each row is
 * the median round.
 */
async function pair(title: string, bareUrl: string, apiUrl: string, cookie: string): Promise<LoadResult[]> {
  const bareName = `${BARE}：${title}`;
  const options = (url: string, withCookie: boolean, duration: number) => ({
    url,
    connections: CONNECTIONS,
    duration,
    headers: withCookie ? { cookie } : {},
  });
  await autocannon(options(bareUrl, false, WARMUP_S));
  await autocannon(options(apiUrl, true, WARMUP_S));
  const bare: Run[] = [];
  const api: Run[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    bare.push(await autocannon(options(bareUrl, false, DURATION_S)));
    api.push(await autocannon(options(apiUrl, true, DURATION_S)));
  }
  return [row(bareName, bare), row(title, api, bareName)];
}

const TITLES = {
  read: 'GET /api/reports/:id',
  list: 'GET /api/reports（列表，20 条/页）',
  findings: 'GET /api/reports/:id/findings',
} as const;

loadBench({
  name: '服务端负载 / server load (autocannon)',
  note:
    `autocannon ${CONNECTIONS} 个连接，每项先预热 ${WARMUP_S} s，再与其裸路由交替测 ${ROUNDS} 轮、每轮 ${DURATION_S} s，取中位数；服务端在单独的进程中（SQLite，30 份报告），` +
    '带登录会话；每个接口的裸路由是同一进程中不带插件、不查数据库的 Fastify 路由，返回与该接口相同的 JSON；延迟精度 1 ms' +
    ` / ${CONNECTIONS} connections, ${WARMUP_S} s warm-up, then ${ROUNDS} rounds of ${DURATION_S} s alternating with the bare twin, median round; server in its own process (SQLite, 30 reports), logged-in session;` +
    ' the bare twin of each endpoint is a plugin-free, database-free Fastify route in the same process answering the same JSON; latency resolution 1 ms',
  run: async () => {
    const { target, stop } = await startTarget();
    try {
      const cookie = await login(target.app);
      const rows: LoadResult[] = [];
      for (const [name, path] of Object.entries(apiPaths(target.reportId))) {
        const title = TITLES[name as keyof typeof TITLES];
        rows.push(...(await pair(title, `${target.bare}/bare/${name}`, `${target.app}${path}`, cookie)));
      }
      return rows;
    } finally {
      await stop();
    }
  },
});
