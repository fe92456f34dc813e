/** Login rate limit and lockout, security headers, upload limits, hostile input, the access-rule guard. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/connect.ts';
import { backends, openFresh } from '../store/testing.ts';
import { buildApp } from './app.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { addUser, Client, startTestServer, type TestServer } from './testing.ts';

const sqlite = (await backends())[0]!;
const PASSWORD = 'correct horse 1';

describe('security', () => {
  let store: Store;
  let server: TestServer;
  beforeAll(async () => {
    store = await openFresh(sqlite);
    server = await startTestServer(store, {
      login: { max: 1000, timeWindowMs: 60_000 },
      lockout: { maxFailures: 3, minutes: 15 },
      maxUploadBytes: 1024,
    });
    await addUser(store, 'admin', PASSWORD, 'admin');
    await addUser(store, 'victim', PASSWORD, 'reviewer');
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
    await sqlite.cleanup();
  });

  it('hashes with scrypt and verifies', async () => {
    const hash = await hashPassword('密码 password');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('密码 password', hash)).toBe(true);
    expect(await verifyPassword('wrong', hash)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });

  it('locks an account after repeated failures, even for the right password', async () => {
    const client = new Client(server.url);
    expect((await client.login('victim', 'nope')).status).toBe(401);
    expect((await client.login('victim', 'nope')).status).toBe(401);
    const third = await client.login('victim', 'nope');
    expect(third.status).toBe(423);
    const locked = await client.login('victim', PASSWORD);
    expect(locked.status).toBe(423);
    expect((locked.body as { error: string }).error).toMatch(/锁定/);
    expect((await client.login('nobody', 'x')).status).toBe(401);
  });

  it('rate-limits logins per client', async () => {
    const limited = await startTestServer(store, { login: { max: 2, timeWindowMs: 60_000 } });
    try {
      const client = new Client(limited.url);
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await client.login('admin', 'wrong')).status);
      expect(statuses).toEqual([401, 401, 429, 429]);
    } finally {
      await limited.close();
    }
  });

  it('sends security headers and JSON errors without stacks', async () => {
    const client = new Client(server.url);
    const reply = await client.json('GET', '/api/nothing-here');
    expect(reply.status).toBe(404);
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reply.headers.get('x-frame-options')).toBe('DENY');
    expect(reply.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(reply.body).toEqual({ error: '没有这个接口：GET /api/nothing-here' });
    const malformed = await client.json('POST', '/api/session', '{"username": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toEqual({ error: '请求体不是有效的 JSON' });
    const extra = await client.json('POST', '/api/session', { username: 'a', password: 'b', role: 'admin' });
    expect(extra.status).toBe(400);
    expect(JSON.stringify(extra.body)).not.toMatch(/at \w+ \(|node_modules/);
  });

  it('refuses oversized and malformed uploads, stores nothing, keeps markup inert', async () => {
    const admin = new Client(server.url);
    await admin.login('admin', PASSWORD);
    const unit = await admin.json('POST', '/api/units', {
      name: "<script>alert(1)</script>'; drop table units;--",
    });
    expect(unit.status).toBe(201);
    const units = await admin.json('GET', '/api/units');
    expect(units.body.items[0].name).toBe("<script>alert(1)</script>'; drop table units;--");
    expect(units.headers.get('content-type')).toMatch(/application\/json/);

    const big = await admin.upload(
      { unitId: unit.body.id, year: '2020' },
      { bytes: new Uint8Array(4096).fill(65), name: 'big.txt' },
    );
    expect(big.status).toBe(413);
    expect(big.body.error).toMatch(/太大/);
    const binary = await admin.upload(
      { unitId: unit.body.id, year: '2020' },
      { bytes: new Uint8Array([0, 1, 2, 3, 0, 0]), name: 'x.txt' },
    );
    expect(binary.status).toBe(422);
    const noFile = await admin.upload({ unitId: unit.body.id, year: '2020' });
    expect(noFile.status).toBe(400);
    const badYear = await admin.upload(
      { unitId: unit.body.id, year: '20x0' },
      { bytes: new TextEncoder().encode('一、'), name: 'y.txt' },
    );
    expect(badYear.status).toBe(400);
    const notMultipart = await admin.json('POST', '/api/reports/upload', { unitId: unit.body.id });
    expect(notMultipart.status).toBe(415);
    const reports = await store.db.selectFrom('reports').select('id').execute();
    expect(reports).toEqual([]);
  });

  it('refuses to start with a route that declares no access rule', async () => {
    const app = await buildApp({ store });
    expect(() => app.get('/api/unguarded', async () => ({}))).toThrow(/declares no access rule/);
    await app.close();
  });

  it('reports health', async () => {
    const reply = await new Client(server.url).json('GET', '/healthz');
    expect(reply.body).toEqual({ status: 'ok', database: 'sqlite' });
  });
});
