/**
 * The OpenAPI document against the server it describes: every registered route is documented and every
 * documented operation is registered; replies of the main endpoints, over HTTP, validate against their
 * documented schemas (with Ajv, independent of zod); replies carry only the fields their schema lists.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/connect.ts';
import { backends, openFresh } from '../store/testing.ts';
import { buildApp } from './app.ts';
import type { OpenApiDocument } from './openapi.ts';
import { UserView } from './schemas.ts';
import { addUser, Client, startTestServer, type TestServer } from './testing.ts';

const SAMPLE = new URL('../../../shared/samples/yuehu-2020.txt', import.meta.url).pathname;
const hasSample = existsSync(SAMPLE);
if (!hasSample) console.warn(`[jixiao tests] ${SAMPLE} is missing; the reply-schema tests are SKIPPED.`);
const PASSWORD = 'correct horse 1';
const sqlite = (await backends())[0]!;

/** Method and path of every route Fastify has, read from `printRoutes` (HEAD twins of GETs left out). */
function registeredRoutes(app: FastifyInstance): string[] {
  const found: string[] = [];
  const stack: { depth: number; path: string }[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)[├└]── (\S+) \(([A-Z, ]+)\)$/.exec(line) ?? /^([│ ]*)[├└]── (\S+)$/.exec(line);
    if (!match) continue;
    const depth = match[1]!.length / 4;
    while (stack.length > depth) stack.pop();
    const path = (stack.at(-1)?.path ?? '') + match[2]!;
    stack.push({ depth, path });
    for (const method of (match[3] ?? '').split(', ').filter((m) => m !== '' && m !== 'HEAD')) {
      found.push(`${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
    }
  }
  return found.sort();
}

function documentedRoutes(document: OpenApiDocument): string[] {
  return Object.entries(document.paths)
    .flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`))
    .sort();
}

describe('OpenAPI document', () => {
  let store: Store;
  let app: FastifyInstance;
  let document: OpenApiDocument;
  beforeAll(async () => {
    store = await openFresh(sqlite);
    app = await buildApp({ store });
    await app.ready();
    const reply = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(reply.statusCode).toBe(200);
    document = reply.json();
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
    await sqlite.cleanup();
  });

  it('lists every registered route, and only those', () => {
    const registered = registeredRoutes(app);
    expect(registered.length).toBeGreaterThan(20);
    // printRoutes draws wildcard routes (the web app's) in a way the parser above does not follow.
    const api = (route: string) => !route.includes('*');
    expect(documentedRoutes(document).filter(api)).toEqual(registered.filter(api));
    expect(documentedRoutes(document).filter((route) => !api(route))).toEqual(['GET /*', 'GET /assets/*']);
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const method of Object.keys(methods)) {
        const url = path.replace(/\{(\w+)\}/g, ':$1');
        expect(app.hasRoute({ method: method.toUpperCase(), url }), `${method} ${path}`).toBe(true);
      }
    }
  });

  it('is well-formed: operations, parameters, bodies, replies, errors and security', () => {
    expect(document.openapi).toBe('3.1.0');
    const schemes = document.components.securitySchemes as Record<string, { in: string; name: string }>;
    expect(schemes.sessionCookie).toMatchObject({ in: 'cookie', name: 'jixiao_session' });
    expect(schemes.csrfToken).toMatchObject({ in: 'header', name: 'x-csrf-token' });
    const ids = new Set<string>();
    for (const [path, methods] of Object.entries(document.paths)) {
      const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const [method, op] of Object.entries(methods)) {
        const where = `${method} ${path}`;
        expect(ids.has(op.operationId), where).toBe(false);
        ids.add(op.operationId);
        expect(op.summary, where).toMatch(/\p{Script=Han}/u);
        const inPath = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        expect(inPath, where).toEqual(pathParams);
        const success = Object.keys(op.responses).filter((s) => /^2/.test(s));
        expect(success, where).toHaveLength(1);
        for (const [status, reply] of Object.entries(op.responses)) {
          if (/^[45]/.test(status)) {
            expect(reply.content, `${where} ${status}`).toEqual({
              'application/json': { schema: { $ref: '#/components/schemas/Error' } },
            });
          }
        }
        expect(op.responses['500'], where).toBeDefined();
        const publicRoute = op.security.length === 0;
        if (!publicRoute) {
          expect(op.responses['401'], where).toBeDefined();
          expect(op.responses['403'], where).toBeDefined();
          const write = method !== 'get';
          const csrf = op.security.some((s) => 'csrfToken' in s);
          expect(csrf, where).toBe(write);
        }
      }
    }
    expect(document.paths['/api/session']!.post!.security).toEqual([]);
    expect(document.paths['/api/reports/upload']!.post!.requestBody).toMatchObject({
      content: { 'multipart/form-data': { schema: { required: ['unitId', 'year', 'file'] } } },
    });
    const listParams = document.paths['/api/reports']!.get!.parameters!.map((p) => p.name);
    expect(listParams).toEqual(['unitId', 'year', 'state', 'page', 'pageSize']);
    const userReply = JSON.stringify(document.paths['/api/users']!.post!.responses['201']);
    expect(userReply).not.toMatch(/password/);
  });

  it('serves a self-contained docs page listing every operation', async () => {
    const reply = await app.inject({ method: 'GET', url: '/api/docs' });
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^text\/html/);
    expect(reply.headers['content-security-policy']).toMatch(/^default-src 'none'; style-src 'sha256-/);
    expect(reply.body).not.toMatch(/<script|https?:\/\/(?!127)/);
    for (const route of documentedRoutes(document)) {
      const [method, path] = route.split(' ');
      expect(reply.body, route).toContain(`${method}</span> <code>${path}</code>`);
    }
  });

  it('drops fields a reply schema does not list, and refuses a reply that does not fit', async () => {
    const leaky = await buildApp({ store });
    leaky.get(
      '/api/test/leak',
      { config: { access: 'public' }, schema: { response: { 200: UserView } } },
      async () => ({ id: 'u', username: 'x', role: 'admin', unitId: null, password_hash: 'scrypt$secret' }),
    );
    leaky.get(
      '/api/test/misfit',
      { config: { access: 'public' }, schema: { response: { 200: UserView } } },
      async () => ({ id: 'u', role: 'nobody' }),
    );
    try {
      const leak = await leaky.inject({ method: 'GET', url: '/api/test/leak' });
      expect(leak.json()).toEqual({ id: 'u', username: 'x', role: 'admin', unitId: null });
      const misfit = await leaky.inject({ method: 'GET', url: '/api/test/misfit' });
      expect(misfit.statusCode).toBe(500);
      expect(misfit.json()).toEqual({ error: '服务器内部错误，请稍后再试或联系管理员' });
    } finally {
      await leaky.close();
    }
  });
});

describe.skipIf(!hasSample)('replies validate against the documented schemas (SQLite, over HTTP)', () => {
  let store: Store;
  let server: TestServer;
  let document: OpenApiDocument;
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  const checked = new Set<string>();

  /** Checks `reply` against the document's schema for `method path` and its status. */
  function expectDocumented(method: string, path: string, reply: { status: number; body: unknown }) {
    const op = document.paths[path]?.[method.toLowerCase()];
    expect(op, `${method} ${path} is documented`).toBeDefined();
    const response = op!.responses[String(reply.status)];
    expect(response, `${method} ${path} documents status ${reply.status}`).toBeDefined();
    if (reply.status === 204) return;
    type Json = Record<string, unknown>;
    let schema = (response!.content as Record<string, { schema: Json }>)['application/json']!.schema;
    if (typeof schema.$ref === 'string') {
      schema = (document.components.schemas as Record<string, Json>)[schema.$ref.split('/').pop()!]!;
    }
    const validate = ajv.compile(schema);
    const ok = validate(reply.body);
    expect(ok, `${method} ${path} ${reply.status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    checked.add(`${method} ${path} ${reply.status}`);
  }

  beforeAll(async () => {
    store = await openFresh(sqlite);
    server = await startTestServer(store);
    await addUser(store, 'admin', PASSWORD, 'admin');
    document = (await new Client(server.url).json('GET', '/api/openapi.json')).body;
  });
  afterAll(async () => {
    await server?.close();
    await store?.close();
    await sqlite.cleanup();
  });

  it('for each main endpoint, success and error alike', async () => {
    const admin = new Client(server.url);
    const anonymous = new Client(server.url);
    expectDocumented('GET', '/healthz', await anonymous.json('GET', '/healthz'));
    expectDocumented('POST', '/api/session', await anonymous.login('admin', 'wrong'));
    expectDocumented('POST', '/api/session', await admin.login('admin', PASSWORD));
    expectDocumented('GET', '/api/session', await admin.json('GET', '/api/session'));
    expectDocumented('GET', '/api/units', await anonymous.json('GET', '/api/units'));

    const unit = await admin.json('POST', '/api/units', { name: '文档测试单位' });
    expectDocumented('POST', '/api/units', unit);
    expectDocumented('POST', '/api/units', await admin.json('POST', '/api/units', { name: '' }));
    expectDocumented('GET', '/api/units', await admin.json('GET', '/api/units?pageSize=5'));
    const user = await admin.json('POST', '/api/users', {
      username: 'editor',
      password: PASSWORD,
      role: 'unit_editor',
      unitId: unit.body.id,
    });
    expectDocumented('POST', '/api/users', user);

    const upload = await admin.upload(
      { unitId: unit.body.id, year: '2020' },
      { bytes: readFileSync(SAMPLE), name: 'yuehu-2020.txt' },
    );
    expectDocumented('POST', '/api/reports/upload', upload);
    const id = upload.body.reportId as string;
    const one = (suffix = '') => `/api/reports/{id}${suffix}`;
    const at = (suffix = '') => `/api/reports/${id}${suffix}`;
    expectDocumented('GET', '/api/reports', await admin.json('GET', '/api/reports?year=2020&state=draft'));
    expectDocumented('GET', one(), await admin.json('GET', at()));
    expectDocumented('GET', one(), await admin.json('GET', '/api/reports/no-such-report'));
    expectDocumented('GET', one('/findings'), await admin.json('GET', at('/findings')));
    expectDocumented('GET', one('/score'), await admin.json('GET', at('/score')));
    expectDocumented(
      'POST',
      one('/comments'),
      await admin.json('POST', at('/comments'), { body: '请补充', start: 0, end: 2 }),
    );
    expectDocumented('GET', one('/comments'), await admin.json('GET', at('/comments')));
    expectDocumented('POST', one('/submit'), await admin.json('POST', at('/submit'), { version: 99 }));
    expectDocumented('POST', one('/submit'), await admin.json('POST', at('/submit')));
    expectDocumented('POST', one('/publish'), await admin.json('POST', at('/publish')));
    expectDocumented('GET', one('/audit'), await admin.json('GET', at('/audit')));
    expectDocumented('GET', '/api/audit', await admin.json('GET', '/api/audit?entity=report&pageSize=2'));
    expectDocumented('DELETE', '/api/session', await admin.json('DELETE', '/api/session'));
    expect(checked.size).toBeGreaterThanOrEqual(20);
  });
});
