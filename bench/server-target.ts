/**
 * The server side of bench/server.bench.ts, run as its own process so the load generator does not share
 * its event loop: a fresh SQLite store in a temp dir with the sample report under REPORTS units, an admin
 * account, the jixiao app on an ephemeral loopback port, and a bare Fastify app (one route, no plugins, no
 * database) answering with the same JSON the report read returns. Prints one JSON line with the URLs,
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
import { BENCH_USER } from './server-target.constants.ts';

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

// The bare route's body: what GET /api/reports/:id answers, taken once through the real app.
const session = await app.inject({ method: 'POST', url: '/api/session', payload: BENCH_USER });
const cookie = session.headers['set-cookie'];
const read = await app.inject({
  method: 'GET',
  url: `/api/reports/${reportId}`,
  headers: { cookie: (Array.isArray(cookie) ? cookie[0]! : String(cookie)).split(';')[0]! },
});
const body: unknown = read.json();
const bare = Fastify({ logger: false });
bare.get('/bare', async () => body);
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
