/**
 * The server side of bench/server.bench.ts, run as its own process so the load generator does not share
 * its event loop: a fresh SQLite store in a temp dir with the sample report under REPORTS units, an admin
 * account, the jixiao app on an ephemeral loopback port, and a bare Fastify app (one route, no plugins, no
 * database) per API route, each answering with the same JSON as its API twin. Prints one JSON line with the URLs,
 * then serves until stdin closes or SIGTERM.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { buildApp } from '../src/server/app.ts';
import { analyse } from '../src/server/pipeline.ts';
import { addUser } from '../src/server/testing.ts';
import { storeUpload } from '../src/server/uploads.ts';
import { openStore } from '../src/store/connect.ts';
import { createUnit, ensureRegion } from '../src/store/units.ts';
import { SAMPLES_DIR } from './harness.ts';
import { apiPaths, BENCH_USER } from './server-target.constants.ts';

const REPORTS = 30;

const dir = mkdtempSync(join(tmpdir(), 'jixiao-bench-server-'));
const store = await openStore({ dataDir: dir });
const bytes = readFileSync(join(SAMPLES_DIR, 'yuehu-2020.txt'));
const analysis = await analyse(bytes, 'yuehu-2020.txt');
const region = await ensureRegion(store.db, '基准测试区');
let reportId = '';
for (let i = 0; i < REPORTS; i++) {
  const unit = await createUnit(store.db, {
    name: `基准单位${String(i).padStart(2, '0')}`,
    regionId: region.id,
  });
  const stored = await storeUpload(store, {
    actorId: null,
    unitId: unit.id,
    year: 2020,
    bytes,
    fileName: 'yuehu-2020.txt',
    analysis,
  });
  reportId ||= stored.reportId;
}
await addUser(store, BENCH_USER.username, BENCH_USER.password, 'admin');

const app = await buildApp({ store, settings: { login: { max: 1000, timeWindowMs: 60_000 } } });
await app.listen({ port: 0, host: '127.0.0.1' });

// Each bare route answers, without plugins or database, the JSON its API twin answers: taken once through
// the real app, so the ratio measures what jixiao adds (session, access, queries, serialisation), not size.
const session = await app.inject({ method: 'POST', url: '/api/session', payload: BENCH_USER });
const setCookie = session.headers['set-cookie'];
const cookie = (Array.isArray(setCookie) ? setCookie[0]! : String(setCookie)).split(';')[0]!;
const bare = Fastify({ logger: false });
for (const [name, url] of Object.entries(apiPaths(reportId))) {
  const answer = await app.inject({ method: 'GET', url, headers: { cookie } });
  if (answer.statusCode !== 200) throw new Error(`${url} answered ${answer.statusCode}`);
  const body: unknown = answer.json();
  bare.get(`/bare/${name}`, async () => body);
}
await bare.listen({ port: 0, host: '127.0.0.1' });

const urlOf = (server: typeof app.server) => {
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
};
process.stdout.write(`${JSON.stringify({ app: urlOf(app.server), bare: urlOf(bare.server), reportId })}\n`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await bare.close();
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}
process.stdin.on('end', stop);
process.stdin.resume();
process.on('SIGTERM', stop);
