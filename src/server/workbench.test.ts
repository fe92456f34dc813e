/**
 * The web app's endpoints over HTTP, once per backend: text and model of a version, editing the model
 * (new version, stale 409, invalid 422, diff), decisions that survive reprocess, manual scores, exports
 * and the overview.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../store/connect.ts';
import { backends, openFresh } from '../store/testing.ts';
import { reprocess } from './reprocess.ts';
import { addUser, Client, startTestServer, type TestServer } from './testing.ts';

const SAMPLE = new URL('../../../shared/samples/yuehu-2020.txt', import.meta.url).pathname;
const hasSample = existsSync(SAMPLE);
if (!hasSample) console.warn(`[jixiao tests] ${SAMPLE} is missing; the workbench tests are SKIPPED.`);
const PASSWORD = 'correct horse 1';

for (const backend of await backends()) {
  describe.skipIf(!backend.available || !hasSample)(`web app endpoints on ${backend.name}`, () => {
    let store: Store;
    let server: TestServer;
    let editor: Client;
    let reviewer: Client;
    let reportId = '';

    beforeAll(async () => {
      store = await openFresh(backend);
      server = await startTestServer(store);
      await addUser(store, 'admin', PASSWORD, 'admin');
      const admin = new Client(server.url);
      await admin.login('admin', PASSWORD);
      const unit = await admin.json('POST', '/api/units', { name: '月湖街道' });
      await addUser(store, 'editor', PASSWORD, 'unit_editor', unit.body.id);
      await addUser(store, 'reviewer', PASSWORD, 'reviewer');
      editor = new Client(server.url);
      await editor.login('editor', PASSWORD);
      reviewer = new Client(server.url);
      await reviewer.login('reviewer', PASSWORD);
      const upload = await editor.upload(
        { unitId: unit.body.id, year: '2020' },
        { bytes: readFileSync(SAMPLE), name: 'yuehu-2020.txt' },
      );
      expect(upload.status).toBe(201);
      reportId = upload.body.reportId;
    });
    afterAll(async () => {
      await server?.close();
      await store?.close();
      await backend.cleanup();
    });

    it('serves the text every finding points into', async () => {
      const text = await editor.json('GET', `/api/reports/${reportId}/text`);
      expect(text.status).toBe(200);
      expect(text.body.text).toBe(readFileSync(SAMPLE, 'utf8'));
      const findings = await editor.json('GET', `/api/reports/${reportId}/findings`);
      for (const finding of findings.body.findings)
        for (const span of finding.spans) expect(text.body.text.slice(span.start, span.end)).toBe(span.text);
    });

    it('saves an edited model as a new version, refuses stale and inconsistent ones, diffs versions', async () => {
      const current = await editor.json('GET', `/api/reports/${reportId}/model`);
      expect(current.body.model.unit.name).toBe('月湖街道');
      const model = structuredClone(current.body.model);
      const total = model.budget.generalPublic.total;
      total.adjusted = total.actual;
      const stale = await editor.json('PUT', `/api/reports/${reportId}/model`, {
        version: current.body.version - 1,
        model,
      });
      expect(stale.status).toBe(409);
      expect(stale.body.error).toMatch(/已被他人修改/);
      const broken = structuredClone(model);
      broken.budget.generalPublic.basic.total.actual =
        (broken.budget.generalPublic.basic.total.actual ?? 0) + 100;
      const inconsistent = await editor.json('PUT', `/api/reports/${reportId}/model`, {
        version: current.body.version,
        model: broken,
      });
      expect(inconsistent.status).toBe(422);
      expect(inconsistent.body.error).toMatch(/填报内容有 \d+ 处问题/);

      const before = await editor.json('GET', `/api/reports/${reportId}/scoresheet`);
      const saved = await editor.json('PUT', `/api/reports/${reportId}/model`, {
        version: current.body.version,
        model,
      });
      expect(saved.status, JSON.stringify(saved.body)).toBe(201);
      expect(saved.body.version).toBe(2);
      const after = await editor.json('GET', `/api/reports/${reportId}/scoresheet`);
      const completion = (doc: { score: { indicators: { id: string; points: number | null }[] } }) =>
        doc.score.indicators.find((i) => i.id === 'process.execution.completion')!.points;
      expect(completion(before.body)).toBeNull();
      expect(completion(after.body)).toBe(4);
      const diff = await editor.json('GET', `/api/reports/${reportId}/diff?from=1&to=2`);
      expect(diff.body.changes).toEqual([
        {
          path: 'budget.generalPublic.total.adjusted',
          label: '一般公共预算支出合计·调整后预算数（全年预算数）',
          before: null,
          after: total.actual,
        },
      ]);
      const text = await editor.json('GET', `/api/reports/${reportId}/text`);
      expect(text.body.text).toMatch(/^# 月湖街道2020年度部门整体支出绩效自评报告/);
    });

    it('stores decisions on findings, audited, matched again after reprocess', async () => {
      const findings = (await reviewer.json('GET', `/api/reports/${reportId}/findings`)).body.findings;
      const finding = findings[0];
      const quote = finding.spans.map((s: { text: string }) => s.text).join(' … ');
      const noReason = await reviewer.json('PUT', `/api/reports/${reportId}/decisions`, {
        rule: finding.rule,
        quote,
        decision: 'dismissed',
      });
      expect(noReason.status).toBe(400);
      expect(noReason.body.error).toMatch(/须说明理由/);
      const byEditor = await editor.json('PUT', `/api/reports/${reportId}/decisions`, {
        rule: finding.rule,
        quote,
        decision: 'confirmed',
      });
      expect(byEditor.status).toBe(403);
      const dismissed = await reviewer.json('PUT', `/api/reports/${reportId}/decisions`, {
        rule: finding.rule,
        quote,
        decision: 'dismissed',
        reason: '表中已说明',
      });
      expect(dismissed.status).toBe(200);
      expect(dismissed.body).toMatchObject({
        decision: 'dismissed',
        reason: '表中已说明',
        actor: 'reviewer',
      });

      await store.db.updateTable('extractions').set({ catalogue_version: 'old' }).execute();
      const summary = await reprocess(store);
      expect(summary.status).toBe('done');
      const again = (await reviewer.json('GET', `/api/reports/${reportId}/findings`)).body.findings;
      expect(
        again.some(
          (f: typeof finding) =>
            f.rule === finding.rule && f.spans.map((s: { text: string }) => s.text).join(' … ') === quote,
        ),
      ).toBe(true);
      const decisions = await reviewer.json('GET', `/api/reports/${reportId}/decisions`);
      expect(decisions.body).toHaveLength(1);
      const audit = await reviewer.json('GET', `/api/reports/${reportId}/audit?pageSize=100`);
      expect(audit.body.items.map((e: { action: string }) => e.action)).toContain('finding.decide');
      const overview = await reviewer.json('GET', '/api/overview');
      expect(overview.body.rules).toEqual([
        { rule: finding.rule, decided: 1, dismissed: 1, dismissalRate: 1 },
      ]);
    });

    it('records manual scores for qualitative indicators and refuses unknown ones', async () => {
      const unknown = await reviewer.json('PUT', `/api/reports/${reportId}/manual-scores`, {
        indicator: 'no.such.indicator',
        value: 1,
      });
      expect(unknown.status).toBe(422);
      const scored = await reviewer.json('PUT', `/api/reports/${reportId}/manual-scores`, {
        indicator: 'input.goal.rationality',
        value: 2,
      });
      expect(scored.status).toBe(200);
      expect(scored.body.manual).toEqual({ 'input.goal.rationality': '2' });
      const indicator = scored.body.score.indicators.find(
        (i: { id: string }) => i.id === 'input.goal.rationality',
      );
      expect(indicator).toMatchObject({ points: 2, manual: true });
      const undone = await reviewer.json('PUT', `/api/reports/${reportId}/manual-scores`, {
        indicator: 'input.goal.rationality',
        value: null,
      });
      expect(undone.body.manual).toEqual({});
    });

    it('exports DOCX, XLSX and HTML, and the overview as a table and XLSX', async () => {
      for (const [format, magic] of [
        ['docx', 'PK'],
        ['xlsx', 'PK'],
        ['html', '<!'],
      ] as const) {
        const response = await fetch(`${server.url}/api/reports/${reportId}/export/${format}`, {
          headers: { cookie: editor.cookie! },
        });
        expect(response.status).toBe(200);
        expect(response.headers.get('content-disposition')).toContain(encodeURIComponent('月湖街道'));
        const bytes = Buffer.from(await response.arrayBuffer());
        expect(bytes.subarray(0, 2).toString('latin1').toUpperCase()).toBe(magic.toUpperCase());
      }
      const overview = await reviewer.json('GET', '/api/overview');
      expect(overview.body.rows).toHaveLength(1);
      expect(overview.body.rows[0]).toMatchObject({ unitName: '月湖街道', year: 2020, executionRate: 100 });
      expect((await editor.json('GET', '/api/overview')).status).toBe(403);
      const xlsx = await fetch(`${server.url}/api/overview.xlsx`, { headers: { cookie: reviewer.cookie! } });
      expect(xlsx.status).toBe(200);
      expect(
        Buffer.from(await xlsx.arrayBuffer())
          .subarray(0, 2)
          .toString('latin1'),
      ).toBe('PK');
    });
  });
}
