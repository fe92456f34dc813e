/**
 * The API over HTTP against a real server and a real database, once per backend: the whole workflow,
 * findings and score equal to the CLI's on the same file, and the access matrix.
 */
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../cli/commands/check-run.ts';
import { runScore } from '../cli/commands/score-run.ts';
import { DEFAULT_FRAMEWORK_ID } from '../scoring/frameworks.ts';
import { countRows } from '../store/common.ts';
import type { Store } from '../store/connect.ts';
import type { Role } from '../store/schema.ts';
import { backends, openFresh } from '../store/testing.ts';
import { addUser, Client, startTestServer, type TestServer } from './testing.ts';

const SAMPLE = new URL('../../../shared/samples/yuehu-2020.txt', import.meta.url).pathname;
const hasSample = existsSync(SAMPLE);
if (!hasSample) console.warn(`[jixiao tests] ${SAMPLE} is missing; the server workflow tests are SKIPPED.`);
const PASSWORD = 'correct horse 1';

async function cliJson(run: (io: { write(s: string): void }) => Promise<number>): Promise<unknown> {
  let out = '';
  await run({ write: (s) => (out += s) });
  return JSON.parse(out);
}

const all = await backends();

for (const backend of all) {
  describe.skipIf(!backend.available || !hasSample)(`server over HTTP on ${backend.name}`, () => {
    let store: Store;
    let server: TestServer;
    const clients: Record<string, Client> = {};
    const units: Record<'A' | 'B', string> = { A: '', B: '' };
    let reportA = '';
    let reportB = '';
    const bytes = hasSample ? readFileSync(SAMPLE) : new Uint8Array();

    const as = (name: string) => clients[name]!;

    beforeAll(async () => {
      store = await openFresh(backend);
      server = await startTestServer(store);
      await addUser(store, 'admin', PASSWORD, 'admin');
      clients.admin = new Client(server.url);
      expect((await as('admin').login('admin', PASSWORD)).status).toBe(200);
    });
    afterAll(async () => {
      await server?.close();
      await store?.close();
      await backend.cleanup();
    });

    it('creates units and users, logs them in', async () => {
      for (const key of ['A', 'B'] as const) {
        const reply = await as('admin').json('POST', '/api/units', { name: `测试单位${key}` });
        expect(reply.status).toBe(201);
        units[key] = reply.body.id;
      }
      const people: [string, Role, string | null][] = [
        ['editorA', 'unit_editor', units.A],
        ['approverA', 'unit_approver', units.A],
        ['editorB', 'unit_editor', units.B],
        ['approverB', 'unit_approver', units.B],
        ['reviewer', 'reviewer', null],
      ];
      for (const [username, role, unitId] of people) {
        const reply = await as('admin').json('POST', '/api/users', {
          username,
          password: PASSWORD,
          role,
          unitId,
        });
        expect(reply.status, JSON.stringify(reply.body)).toBe(201);
        expect(reply.body).not.toHaveProperty('password_hash');
        clients[username] = new Client(server.url);
        const login = await as(username).login(username, PASSWORD);
        expect(login.status).toBe(200);
        const cookie = login.headers.getSetCookie()[0]!;
        expect(cookie).toMatch(/HttpOnly/i);
        expect(cookie).toMatch(/SameSite=Strict/i);
      }
      // The web app's first question: a session answers with its user and token, none with nulls (not 401).
      const mine = await as('editorA').json('GET', '/api/session');
      expect(mine.status).toBe(200);
      expect(mine.body).toMatchObject({ csrfToken: as('editorA').csrf, user: { username: 'editorA' } });
      const none = await new Client(server.url).json('GET', '/api/session');
      expect(none.status).toBe(200);
      expect(none.body).toEqual({ csrfToken: null, user: null });
      const loggedOut = new Client(server.url);
      await loggedOut.login('editorB', PASSWORD);
      const ended = loggedOut.cookie!;
      await loggedOut.json('DELETE', '/api/session');
      const after = await loggedOut.json('GET', '/api/session', undefined, { cookie: ended });
      expect(after.body).toEqual({ csrfToken: null, user: null });
      const duplicate = await as('admin').json('POST', '/api/users', {
        username: 'editorA',
        password: PASSWORD,
        role: 'reviewer',
      });
      expect(duplicate.status).toBe(409);
    });

    it('uploads the sample; findings and score are exactly the CLI output', async () => {
      const reply = await as('editorA').upload(
        { unitId: units.A, year: '2020' },
        { bytes, name: 'yuehu-2020.txt' },
      );
      expect(reply.status, JSON.stringify(reply.body)).toBe(201);
      reportA = reply.body.reportId;
      const other = await as('editorB').upload(
        { unitId: units.B, year: '2020' },
        { bytes, name: '../../etc/passwd' },
      );
      expect(other.status).toBe(201);
      reportB = other.body.reportId;

      const findings = await as('editorA').json('GET', `/api/reports/${reportA}/findings`);
      expect(findings.status).toBe(200);
      const check = (await cliJson((io) =>
        runCheck(
          SAMPLE,
          { format: 'json', rule: [] },
          { cwd: tmpdir(), color: false, warn: () => {}, ...io },
        ),
      )) as Record<string, unknown>;
      expect(findings.body.findings).toEqual(check.findings);
      expect(findings.body.summary).toEqual(check.summary);
      expect(findings.body).toEqual(check);

      const score = await as('editorA').json('GET', `/api/reports/${reportA}/score`);
      const cliScore = await cliJson((io) =>
        runScore(
          SAMPLE,
          { framework: DEFAULT_FRAMEWORK_ID, format: 'json', manual: [], input: [] },
          { warn: () => {}, ...io },
        ),
      );
      expect(score.body).toEqual(cliScore);

      const detail = await as('editorB').json('GET', `/api/reports/${reportB}`);
      expect(detail.body.versions[0].fileName).toBe('passwd');
      const files = await store.db.selectFrom('source_files').select('sha256').execute();
      expect(files).toHaveLength(1); // the same bytes twice: stored once
    });

    it('runs the workflow: submit, return with a comment, resubmit, approve, publish', async () => {
      const step = async (who: string, action: string, body: unknown = {}) =>
        as(who).json('POST', `/api/reports/${reportA}/${action}`, body);

      expect((await step('editorA', 'submit')).status).toBe(403); // editors draft, approvers submit
      expect((await step('approverA', 'submit')).body.state).toBe('submitted');
      expect((await step('reviewer', 'return')).status).toBe(400); // a return needs a comment
      const returned = await step('reviewer', 'return', { comment: '请核对预算执行率', start: 10, end: 20 });
      expect(returned.status).toBe(200);
      expect(returned.body.state).toBe('returned');
      const comments = await as('editorA').json('GET', `/api/reports/${reportA}/comments`);
      expect(comments.body.items.map((c: { body: string; start: number }) => [c.body, c.start])).toEqual([
        ['请核对预算执行率', 10],
      ]);

      expect((await step('approverA', 'approve')).status).toBe(403);
      expect((await step('approverA', 'resubmit')).body.state).toBe('submitted');
      expect((await step('reviewer', 'publish')).status).toBe(403); // not approved yet
      const approved = await step('reviewer', 'approve');
      expect(approved.body.state).toBe('approved');
      expect((await step('approverA', 'publish')).status).toBe(403);
      const published = await step('reviewer', 'publish', { version: approved.body.version });
      expect(published.body.state).toBe('published');

      // Published: immutable.
      expect((await step('reviewer', 'return', { comment: '再改' })).status).toBe(403);
      const again = await as('editorA').upload({ unitId: units.A, year: '2020' }, { bytes, name: 'v2.txt' });
      expect(again.status).toBe(409);
      expect(again.body.error).toMatch(/已公开/);

      const audit = await as('editorA').json('GET', `/api/reports/${reportA}/audit`);
      expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
        'report.create',
        'report.submit',
        'report.return',
        'report.resubmit',
        'report.approve',
        'report.publish',
      ]);
      expect(audit.body.items[1].before).toMatchObject({ state: 'draft' });
      expect(audit.body.items[1].after).toMatchObject({ state: 'submitted' });
      expect(audit.body.total).toBe(6);

      // Both per-report lists are paged.
      const page2 = await as('editorA').json('GET', `/api/reports/${reportA}/audit?page=2&pageSize=4`);
      expect(page2.body).toMatchObject({ total: 6, page: 2, pageSize: 4 });
      expect(page2.body.items.map((e: { action: string }) => e.action)).toEqual([
        'report.approve',
        'report.publish',
      ]);
      await as('reviewer').json('POST', `/api/reports/${reportA}/comments`, { body: '第二条意见' });
      const comments2 = await as('editorA').json('GET', `/api/reports/${reportA}/comments?pageSize=1&page=2`);
      expect(comments2.body).toMatchObject({ total: 2, page: 2, pageSize: 1 });
      expect(comments2.body.items.map((c: { body: string }) => c.body)).toEqual(['第二条意见']);
      expect((await as('editorA').json('GET', `/api/reports/${reportA}/comments?pageSize=101`)).status).toBe(
        400,
      );
    });

    it('answers a stale version with 409 and a Chinese message; two reviewers at once: one wins', async () => {
      expect((await as('approverB').json('POST', `/api/reports/${reportB}/submit`)).status).toBe(200);
      const current = (await as('reviewer').json('GET', `/api/reports/${reportB}`)).body.version;
      const stale = await as('reviewer').json('POST', `/api/reports/${reportB}/approve`, {
        version: current - 1,
      });
      expect(stale.status).toBe(409);
      expect(stale.body.error).toMatch(/已被他人修改/);
      const second = new Client(server.url);
      await second.login('reviewer', PASSWORD);
      const replies = await Promise.all([
        as('reviewer').json('POST', `/api/reports/${reportB}/approve`, { version: current }),
        second.json('POST', `/api/reports/${reportB}/return`, { version: current, comment: '退回' }),
      ]);
      expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    });

    it('requires the CSRF token for cookie-authenticated writes, and a session for everything', async () => {
      const noToken = await as('admin').json(
        'POST',
        '/api/units',
        { name: '无令牌' },
        { 'x-csrf-token': 'wrong' },
      );
      expect(noToken.status).toBe(403);
      expect(noToken.body.error).toMatch(/CSRF/);
      const anonymous = new Client(server.url);
      expect((await anonymous.json('GET', '/api/reports')).status).toBe(401);
      expect((await anonymous.json('GET', `/api/reports/${reportA}/findings`)).status).toBe(401);
      const units = await as('admin').json('GET', '/api/units');
      expect(units.body.items.map((u: { name: string }) => u.name)).not.toContain('无令牌');
    });

    it('keeps every unit inside its own data: role × endpoint × own/other unit', async () => {
      const fresh: Record<'A' | 'B', string> = { A: '', B: '' };
      for (const key of ['A', 'B'] as const) {
        const reply = await as('admin').upload(
          { unitId: units[key], year: '2021' },
          { bytes, name: 'r.txt' },
        );
        fresh[key] = reply.body.reportId;
      }
      const before = await snapshot(store);
      // Probes that never change data when allowed: a stale version (409), an invalid body (400), an
      // empty file (422). Forbidden is 403 whatever the body.
      const endpoints: [
        string,
        (c: Client, report: string, unit: string) => Promise<{ status: number }>,
        number,
      ][] = [
        ['GET report', (c, r) => c.json('GET', `/api/reports/${r}`), 200],
        ['GET findings', (c, r) => c.json('GET', `/api/reports/${r}/findings`), 200],
        ['GET score', (c, r) => c.json('GET', `/api/reports/${r}/score`), 200],
        ['GET comments', (c, r) => c.json('GET', `/api/reports/${r}/comments`), 200],
        ['GET audit', (c, r) => c.json('GET', `/api/reports/${r}/audit`), 200],
        ['POST comment', (c, r) => c.json('POST', `/api/reports/${r}/comments`, {}), 400],
        ['GET text', (c, r) => c.json('GET', `/api/reports/${r}/text`), 200],
        ['GET model', (c, r) => c.json('GET', `/api/reports/${r}/model`), 200],
        ['GET version model', (c, r) => c.json('GET', `/api/reports/${r}/versions/1/model`), 200],
        ['GET diff', (c, r) => c.json('GET', `/api/reports/${r}/diff?from=1&to=1`), 200],
        ['GET decisions', (c, r) => c.json('GET', `/api/reports/${r}/decisions`), 200],
        ['GET scoresheet', (c, r) => c.json('GET', `/api/reports/${r}/scoresheet`), 200],
        ['GET export', (c, r) => c.json('GET', `/api/reports/${r}/export/html`), 200],
        ['PUT model', (c, r) => c.json('PUT', `/api/reports/${r}/model`, { version: 999, model: {} }), 409],
        ['PUT decision', (c, r) => c.json('PUT', `/api/reports/${r}/decisions`, {}), 400],
        ['PUT manual score', (c, r) => c.json('PUT', `/api/reports/${r}/manual-scores`, {}), 400],
        ['GET overview', (c) => c.json('GET', '/api/overview'), 200],
        ['GET overview xlsx', (c) => c.json('GET', '/api/overview.xlsx'), 200],
        ...(['submit', 'return', 'resubmit', 'approve', 'publish'] as const).map(
          (action) =>
            [
              `POST ${action}`,
              (c: Client, r: string) => c.json('POST', `/api/reports/${r}/${action}`, { version: 999 }),
              409,
            ] as [string, (c: Client, report: string, unit: string) => Promise<{ status: number }>, number],
        ),
        [
          'upload',
          (c, _r, u) => c.upload({ unitId: u, year: '2021' }, { bytes: new Uint8Array(), name: 'e.txt' }),
          422,
        ],
        ['list reports of unit', (c, _r, u) => c.json('GET', `/api/reports?unitId=${u}`), 200],
      ];
      const allowed: Record<string, Record<string, Role[]>> = {
        'POST comment': {
          own: ['unit_editor', 'unit_approver', 'reviewer', 'admin'],
          other: ['reviewer', 'admin'],
        },
        'POST submit': { own: ['unit_approver', 'admin'], other: ['admin'] },
        'POST resubmit': { own: ['unit_approver', 'admin'], other: ['admin'] },
        'POST return': { own: ['reviewer', 'admin'], other: ['reviewer', 'admin'] },
        'POST approve': { own: ['reviewer', 'admin'], other: ['reviewer', 'admin'] },
        'POST publish': { own: ['reviewer', 'admin'], other: ['reviewer', 'admin'] },
        upload: { own: ['unit_editor', 'unit_approver', 'admin'], other: ['admin'] },
        'PUT model': { own: ['unit_editor', 'unit_approver', 'admin'], other: ['admin'] },
        'PUT decision': { own: ['reviewer', 'admin'], other: ['reviewer', 'admin'] },
        'PUT manual score': { own: ['reviewer', 'admin'], other: ['reviewer', 'admin'] },
        'GET overview': { own: ['reviewer', 'admin'], other: ['reviewer', 'admin'] },
        'GET overview xlsx': { own: ['reviewer', 'admin'], other: ['reviewer', 'admin'] },
      };
      const readers = {
        own: ['unit_editor', 'unit_approver', 'reviewer', 'admin'],
        other: ['reviewer', 'admin'],
      };
      const actors: [string, Role][] = [
        ['editorA', 'unit_editor'],
        ['approverA', 'unit_approver'],
        ['reviewer', 'reviewer'],
        ['admin', 'admin'],
      ];
      const mismatches: string[] = [];
      for (const [name, role] of actors) {
        for (const [label, call, okStatus] of endpoints) {
          for (const [which, key] of [
            ['own', 'A'],
            ['other', 'B'],
          ] as const) {
            const mayDo = (allowed[label] ?? readers)[which]!.includes(role);
            const { status } = await call(as(name), fresh[key], units[key]);
            const expected = mayDo ? okStatus : 403;
            if (status !== expected)
              mismatches.push(`${role} ${label} ${which}: ${status}, expected ${expected}`);
          }
        }
      }
      expect(mismatches).toEqual([]);
      expect(await snapshot(store)).toEqual(before);

      const own = await as('editorA').json('GET', '/api/reports');
      expect(new Set(own.body.items.map((r: { unitId: string }) => r.unitId))).toEqual(new Set([units.A]));
      expect(
        (await as('editorA').json('GET', '/api/units')).body.items.map((u: { id: string }) => u.id),
      ).toEqual([units.A]);
      expect((await as('editorA').json('GET', '/api/audit')).status).toBe(403);
    });

    it('pages and filters the report list', async () => {
      const page = await as('reviewer').json('GET', '/api/reports?pageSize=1&page=2');
      expect(page.body).toMatchObject({ total: 4, page: 2, pageSize: 1 });
      expect(page.body.items).toHaveLength(1);
      const published = await as('reviewer').json('GET', '/api/reports?state=published');
      expect(published.body.items.map((r: { id: string }) => r.id)).toEqual([reportA]);
      const bad = await as('reviewer').json('GET', '/api/reports?state=nonsense');
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatch(/^请求参数有误/);
    });
  });
}

/** Everything a rejected request must not change. */
async function snapshot(store: Store) {
  const reports = await store.db
    .selectFrom('reports')
    .select(['id', 'state', 'version', 'current_version'])
    .orderBy('id')
    .execute();
  const counts = await Promise.all(
    (['audit_log', 'comments', 'report_versions', 'source_files', 'findings'] as const).map((table) =>
      countRows(store.db, table),
    ),
  );
  return { reports, counts };
}
