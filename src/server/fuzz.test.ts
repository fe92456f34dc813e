/**
 * Fuzzing every JSON endpoint with bodies (and query strings) derived from the API's own OpenAPI document:
 * values that mostly fit the schema, mixed with wrong types, extra keys, hostile text and arbitrary JSON.
 * Whatever arrives: no 500, no stack trace in the reply, and a rejected request stores nothing (every
 * table's row count and every report's state and version are the same after it). SQLite only, through
 * `inject`, ~100 runs per endpoint (fixed seed in CI, see test/setup.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows } from '../store/common.ts';
import type { Store } from '../store/connect.ts';
import type { Database } from '../store/schema.ts';
import { backends, openFresh } from '../store/testing.ts';
import { buildApp } from './app.ts';
import type { OpenApiDocument, Operation } from './openapi.ts';
import { addUser } from './testing.ts';
import { storeUpload } from './uploads.ts';

const SAMPLE = new URL('../../../shared/samples/yuehu-2020.txt', import.meta.url).pathname;
const RUNS = 100;
const PASSWORD = 'correct horse 1';
const sqlite = (await backends())[0]!;

type Json = Record<string, unknown>;

const HOSTILE = [
  "'; drop table units;--",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '\u0000\u0007\u001b',
  '\u202e\ufeff',
  '𠮷'.repeat(300),
  ' ',
  '%00',
  '{"$gt":""}',
  '__proto__',
];

const anyJson = fc.jsonValue({ maxDepth: 2 });

/** Values for `schema`: mostly fitting, sometimes not; every level may be replaced by arbitrary JSON. */
function arbitraryOf(schema: Json, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 12, arbitrary: fitting(schema, depth) },
    { weight: 1, arbitrary: fc.constantFrom(...HOSTILE) },
    { weight: 1, arbitrary: anyJson },
  );
}

function fitting(schema: Json, depth: number): fc.Arbitrary<unknown> {
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  if (Array.isArray(schema.anyOf)) return fc.oneof(...(schema.anyOf as Json[]).map((s) => fitting(s, depth)));
  const type = Array.isArray(schema.type) ? schema.type : [schema.type];
  const options: fc.Arbitrary<unknown>[] = [];
  for (const t of type) {
    if (t === 'string') {
      const minLength = Number(schema.minLength ?? 0);
      const maxLength = Math.min(Number(schema.maxLength ?? 50), 300);
      options.push(
        fc.string({ minLength, maxLength }),
        fc.string({ minLength, maxLength, unit: 'grapheme' }),
        fc.string({
          minLength: Math.max(minLength, 1),
          maxLength: 12,
          unit: fc.constantFrom(...'abz09张三._@-'),
        }),
      );
    } else if (t === 'integer' || t === 'number') {
      const min = Math.max(Number(schema.minimum ?? -1e6), -1e9);
      const max = Math.min(Number(schema.maximum ?? 1e6), 1e9);
      options.push(
        fc.oneof(
          { weight: 6, arbitrary: fc.integer({ min, max }) },
          { weight: 1, arbitrary: fc.integer() },
          { weight: 1, arbitrary: fc.double() },
        ),
      );
    } else if (t === 'boolean') {
      options.push(fc.boolean());
    } else if (t === 'null') {
      options.push(fc.constant(null));
    } else if (t === 'object' && depth < 3) {
      const properties = (schema.properties ?? {}) as Record<string, Json>;
      const model = Object.fromEntries(
        Object.entries(properties).map(([key, s]) => [key, arbitraryOf(s, depth + 1)]),
      );
      const requiredKeys = ((schema.required ?? []) as string[]).filter((k) => k in model);
      const record = fc.record(model, { requiredKeys });
      const extraKeys = fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { minKeys: 1, maxKeys: 2 });
      options.push(
        fc.oneof(
          { weight: 6, arbitrary: record },
          {
            weight: 1,
            arbitrary: fc.tuple(record, extraKeys).map(([known, extra]) => ({ ...extra, ...known })),
          },
        ),
      );
    }
  }
  return options.length > 0 ? fc.oneof(...options) : anyJson;
}

/** A query string for `parameters`: each value a fitting one, hostile text or a random string. */
function queryOf(parameters: Json[]): fc.Arbitrary<Record<string, string>> {
  const model = Object.fromEntries(
    parameters.map((p) => [
      String(p.name),
      fc.oneof(
        fitting(p.schema as Json, 0).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))),
        fc.constantFrom(...HOSTILE),
        fc.string({ maxLength: 20 }),
      ),
    ]),
  );
  return fc.record(model, { requiredKeys: [] }) as fc.Arbitrary<Record<string, string>>;
}

const TABLES: (keyof Database)[] = [
  'regions',
  'units',
  'users',
  'sessions',
  'reports',
  'report_versions',
  'source_files',
  'extractions',
  'findings',
  'scores',
  'comments',
  'audit_log',
];

async function snapshot(store: Store) {
  const counts = await Promise.all(TABLES.map((table) => countRows(store.db, table)));
  const reports = await store.db
    .selectFrom('reports')
    .select(['id', 'state', 'version', 'current_version'])
    .orderBy('id')
    .execute();
  return { counts: Object.fromEntries(TABLES.map((t, i) => [t, counts[i]])), reports };
}

const STACK = /\bat [\w.<>]+ \(|node_modules|\.ts:\d+|\.js:\d+|Error: /;

function expectSafe(reply: LightMyRequestResponse, where: string) {
  expect(reply.statusCode, `${where}: ${reply.body.slice(0, 300)}`).toBeLessThan(500);
  expect(reply.body, where).not.toMatch(STACK);
  if (reply.statusCode >= 400) {
    const body = reply.json() as Json;
    expect(Object.keys(body), where).toEqual(['error']);
    expect(body.error, where).toMatch(/\p{Script=Han}/u);
  }
}

describe.skipIf(!existsSync(SAMPLE))('fuzzing every JSON endpoint with schema-derived input (SQLite)', () => {
  let store: Store;
  let app: FastifyInstance;
  let document: OpenApiDocument;
  let cookie = '';
  let csrf = '';
  let reportId = '';

  beforeAll(async () => {
    store = await openFresh(sqlite);
    app = await buildApp({ store, settings: { login: { max: 100_000, timeWindowMs: 60_000 } } });
    await app.ready();
    document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    await addUser(store, 'admin', PASSWORD, 'admin');
    const login = await app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'admin', password: PASSWORD },
    });
    cookie = String(login.headers['set-cookie']).split(';')[0]!;
    csrf = login.json().csrfToken;
    const unit = await app.inject({
      method: 'POST',
      url: '/api/units',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { name: '模糊测试单位' },
    });
    const stored = await storeUpload(store, {
      actorId: null,
      unitId: unit.json().id,
      year: 2020,
      bytes: readFileSync(SAMPLE),
      fileName: 'yuehu-2020.txt',
    });
    reportId = stored.reportId;
  });
  afterAll(async () => {
    await app?.close();
    await store?.close();
    await sqlite.cleanup();
  });

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
    );
  const jsonBody = (op: Operation) =>
    (op.requestBody?.content as Record<string, { schema: Json }> | undefined)?.['application/json']?.schema;
  const queryParams = (op: Operation) => (op.parameters ?? []).filter((p) => p.in === 'query');

  it('finds the JSON endpoints in the document', () => {
    const bodies = operations().filter(({ op }) => jsonBody(op));
    const queries = operations().filter(({ op }) => queryParams(op).length > 0);
    expect(bodies.map((o) => `${o.method} ${o.path}`)).toEqual(
      expect.arrayContaining(['POST /api/session', 'POST /api/units', 'POST /api/users']),
    );
    expect(bodies.length).toBeGreaterThanOrEqual(9);
    expect(queries.length).toBeGreaterThanOrEqual(3);
  });

  it('bodies: no 500, no stack trace, nothing stored when rejected', { timeout: 240_000 }, async () => {
    for (const { path, method, op } of operations()) {
      const schema = jsonBody(op);
      if (!schema) continue;
      const anonymous = op.security.length === 0;
      const body = op.requestBody?.required ? arbitraryOf(schema) : fc.option(arbitraryOf(schema));
      const id = fc.oneof({ weight: 9, arbitrary: fc.constant(reportId) }, fc.constantFrom(...HOSTILE, 'x'));
      await fc.assert(
        fc.asyncProperty(body, id, async (payload, reportIdOrJunk) => {
          const url = path.replace('{id}', encodeURIComponent(reportIdOrJunk));
          const before = await snapshot(store);
          const reply = await app.inject({
            method: method as 'POST',
            url,
            headers: {
              'content-type': 'application/json',
              ...(anonymous ? {} : { cookie, 'x-csrf-token': csrf }),
            },
            ...(payload === null || payload === undefined ? {} : { payload: JSON.stringify(payload) }),
          });
          const where = `${method} ${path} ${JSON.stringify(payload)?.slice(0, 200)}`;
          expectSafe(reply, where);
          if (reply.statusCode >= 400) expect(await snapshot(store), where).toEqual(before);
        }),
        { numRuns: RUNS },
      );
    }
  });

  it('query strings: no 500, no stack trace, nothing stored', { timeout: 120_000 }, async () => {
    for (const { path, method, op } of operations()) {
      const parameters = queryParams(op);
      if (parameters.length === 0) continue;
      await fc.assert(
        fc.asyncProperty(queryOf(parameters), async (query) => {
          const before = await snapshot(store);
          const reply = await app.inject({
            method: method as 'GET',
            url: path.replace('{id}', reportId),
            query,
            headers: { cookie },
          });
          const where = `${method} ${path}?${new URLSearchParams(query)}`;
          expectSafe(reply, where);
          expect(await snapshot(store), where).toEqual(before);
        }),
        { numRuns: RUNS },
      );
    }
  });
});
