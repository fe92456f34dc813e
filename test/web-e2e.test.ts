/**
 * The web app end to end, in Debian's chromium: a unit logs in, uploads the sample, sees the
 * figure-inconsistent finding highlighted on 3075.21万元, corrects a figure in the form and watches the
 * totals and the score change, the unit's approver submits, a reviewer decides a finding, scores an
 * indicator, approves and exports a DOCX that opens. A report whose text holds `<script>` and HTML renders
 * inert. Screenshots of each main page go to docs/screenshots/ (shown in the README).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, Client, startTestServer, type TestServer } from '../src/server/testing.ts';
import type { Store } from '../src/store/connect.ts';
import { backends, openFresh } from '../src/store/testing.ts';
import { hasCommand, INSTALL_HINT, missingForSoffice } from './soffice.ts';
import {
  buildWebApp,
  CHROMIUM,
  CHROMIUM_INSTALL,
  hasChromium,
  launchChromium,
  logIn,
  logOut,
  ROOT,
  watchErrors,
} from './web-helpers.ts';

const SAMPLE = `${ROOT}../shared/samples/yuehu-2020.txt`;

/** pdftotext's reading of a whole PDF, or undefined (saying what to install) where poppler is missing. */
function textOfPdf(pdf: Buffer): string | undefined {
  if (!hasCommand('pdftotext')) {
    process.stderr.write(`web-e2e：跳过 PDF 文字检查，缺少 pdftotext。安装：${INSTALL_HINT}\n`);
    return undefined;
  }
  const result = spawnSync('pdftotext', ['-', '-'], { input: pdf, encoding: 'utf8', timeout: 60_000 });
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
  return result.stdout;
}

/**
 * "A DOCX that opens": LibreOffice reads the exported file and writes a PDF of it, in which poppler finds
 * a figure of the document. Skipped, naming the install command, where LibreOffice or poppler is missing.
 */
async function opensInLibreOffice(docxPath: string, documentXml: string): Promise<void> {
  const missing = missingForSoffice() ?? (hasCommand('pdftotext') ? null : 'pdftotext（poppler-utils）');
  if (missing) {
    process.stderr.write(
      `web-e2e：跳过 LibreOffice 打开 DOCX 的检查，缺少 ${missing}。安装：${INSTALL_HINT}\n`,
    );
    return;
  }
  const figure = /\d+\.\d{2}/.exec(documentXml.replace(/<[^>]+>/g, ' '))?.[0];
  expect(figure, 'the DOCX holds a figure').toBeDefined();
  const dir = mkdtempSync(join(tmpdir(), 'jixiao-e2e-docx-'));
  try {
    const docx = join(dir, 'report.docx');
    copyFileSync(docxPath, docx);
    const result = spawnSync(
      'soffice',
      [
        `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        docx,
      ],
      { encoding: 'utf8', timeout: 180_000 },
    );
    const pdf = join(dir, 'report.pdf');
    expect(existsSync(pdf), `LibreOffice wrote no PDF (status ${result.status}): ${result.stderr}`).toBe(
      true,
    );
    expect(textOfPdf(readFileSync(pdf))).toContain(figure);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const hasSample = existsSync(SAMPLE);
const PASSWORD = 'correct horse 1';
const SHOTS = `${ROOT}docs/screenshots`;

if (!hasChromium)
  console.warn(
    `[jixiao tests] ${CHROMIUM} is missing; the web app's browser tests are SKIPPED. Install: ${CHROMIUM_INSTALL}`,
  );
if (!hasSample) console.warn(`[jixiao tests] ${SAMPLE} is missing; the web app's browser tests are SKIPPED.`);

const sqlite = (await backends())[0]!;

async function shot(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

describe.skipIf(!hasChromium || !hasSample)(
  `web app in chromium${hasChromium ? '' : `（已跳过：缺少 chromium；安装：${CHROMIUM_INSTALL}）`}`,
  () => {
    let store: Store;
    let server: TestServer;
    let browser: Browser;
    let page: Page;
    let errors: string[];
    let unitId = '';
    let reportId = '';

    beforeAll(async () => {
      buildWebApp();
      store = await openFresh(sqlite);
      server = await startTestServer(store);
      await addUser(store, 'admin', PASSWORD, 'admin');
      const admin = new Client(server.url);
      await admin.login('admin', PASSWORD);
      unitId = (await admin.json('POST', '/api/units', { name: '月湖街道' })).body.id;
      await addUser(store, 'tianbao', PASSWORD, 'unit_editor', unitId);
      await addUser(store, 'shenhe', PASSWORD, 'unit_approver', unitId);
      await addUser(store, 'caizheng', PASSWORD, 'reviewer');
      browser = await launchChromium();
      const context = await browser.newContext({
        viewport: { width: 1440, height: 900 },
        locale: 'zh-CN',
        acceptDownloads: true,
      });
      page = await context.newPage();
      errors = watchErrors(page);
    }, 120_000);
    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await store?.close();
      await sqlite.cleanup();
    });

    it('logs in, uploads the sample and highlights the figure-inconsistent finding on 3075.21万元', async () => {
      await page.goto(`${server.url}/`);
      await page.getByLabel('用户名').waitFor();
      await shot(page, 'login');
      await logIn(page, server.url, 'tianbao', PASSWORD);
      await page.getByRole('button', { name: '上传报告' }).click();
      const year = page.getByRole('dialog').getByLabel('年度', { exact: true });
      expect(await year.inputValue()).toBe(String(new Date().getFullYear() - 1));
      // The sample's name carries its year (yuehu-2020.txt): the dialog takes it, and it stays editable.
      await page.locator('input[type=file]').setInputFiles(SAMPLE);
      await expect.poll(() => year.inputValue()).toBe('2020');
      await page.getByRole('button', { name: '上传并审查' }).click();
      await page.waitForURL(/\/reports\/[0-9a-f-]{36}$/);
      reportId = /\/reports\/([0-9a-f-]{36})/.exec(page.url())![1]!;
      const mark = page.locator('mark[data-rules~="figure-inconsistent"]', { hasText: '3075.21万元' });
      await mark.first().waitFor();
      expect(await mark.first().getAttribute('class')).toContain('jx-mark-error');
      // The findings panel jumps to the finding's words.
      await page.locator('[data-rule="figure-inconsistent"]').first().click();
      await expect.poll(() => mark.first().getAttribute('class')).toContain('jx-mark-active');
      await shot(page, 'review');
      await page.goto(`${server.url}/`);
      await page.getByRole('link', { name: '月湖街道' }).waitFor();
      await shot(page, 'reports');
    });

    it('corrects a figure in the form: totals, execution rate and score follow', async () => {
      await page.goto(`${server.url}/reports/${reportId}/fill`);
      await page.getByRole('tab', { name: '二、预算执行' }).click();
      const total = page.locator('[data-path="budget.generalPublic.total.actual"]');
      await expect.poll(() => total.textContent()).toBe('4546.77');
      const scoreBefore = await scoreShown(page);
      const personnel = page.getByLabel('人员经费全年执行数（万元）');
      await personnel.fill('1570.91');
      await personnel.press('Tab');
      // Live, before any save: 基本支出 and the total are the sums of their parts.
      await expect
        .poll(() => page.locator('[data-path="budget.generalPublic.basic.total.actual"]').textContent())
        .toBe('1781.06');
      await expect.poll(() => total.textContent()).toBe('4556.77');
      const adjusted = page.getByLabel('一般公共预算支出合计调整预算（万元）');
      await adjusted.fill('4600');
      await adjusted.press('Tab');
      await expect.poll(() => page.getByTestId('rate-total').textContent()).toBe('99.06%');
      await page.getByText(/已保存（第 [2-9] 版）/).waitFor({ timeout: 20_000 });
      await expect.poll(() => scoreShown(page), { timeout: 10_000 }).toBeGreaterThan(scoreBefore);
      await shot(page, 'fill');
      await page.getByRole('tab', { name: '版本历史' }).click();
      await page.getByText('一般公共预算支出合计·调整后预算数（全年预算数）').waitFor();
      await shot(page, 'versions');
    });

    it('the approver submits; the reviewer decides, scores, approves and exports a DOCX that opens', async () => {
      await logOut(page);
      await logIn(page, server.url, 'shenhe', PASSWORD);
      await page.goto(`${server.url}/reports/${reportId}`);
      await page.getByRole('button', { name: /提\s*交/ }).click();
      await page.getByText('已提交').first().waitFor();
      await logOut(page);

      await logIn(page, server.url, 'caizheng', PASSWORD);
      await page.goto(`${server.url}/reports/${reportId}`);
      const first = page.locator('[data-rule]').first();
      await first.getByRole('button', { name: '不是问题' }).click();
      await page.getByLabel('理由').fill('该处为标题写法，本地区通行');
      await page.getByRole('button', { name: /保\s*存/ }).click();
      await first.getByText(/不是问题：该处为标题写法/).waitFor();

      await page.getByRole('tab', { name: '评分' }).click();
      await page.getByText('评分为暂定结果').waitFor();
      const before = Number(
        await page.getByTestId('score-total').locator('.ant-statistic-content-value').textContent(),
      );
      const manual = page.getByLabel('绩效目标合理性人工评分');
      await manual.fill('2');
      await manual.press('Enter');
      await expect
        .poll(async () =>
          Number(await page.getByTestId('score-total').locator('.ant-statistic-content-value').textContent()),
        )
        .toBeCloseTo(before + 2, 2);
      await shot(page, 'score');

      await page.getByRole('button', { name: /审核通过/ }).click();
      await page.getByText('已审核').first().waitFor();
      await page.getByRole('button', { name: /导\s*出/ }).hover();
      const download = page.waitForEvent('download');
      await page.getByText('Word（DOCX）').click();
      const file = await (await download).path();
      const entries = unzipSync(new Uint8Array(readFileSync(file)));
      const xml = new TextDecoder().decode(entries['word/document.xml']!);
      expect(xml).toContain('月湖街道');
      expect(xml).toContain('<w:body>');
      await opensInLibreOffice(file, xml);

      await page.getByRole('button', { name: /导\s*出/ }).hover();
      const pdfDownload = page.waitForEvent('download');
      await page.getByText('PDF', { exact: true }).click();
      const pdf = readFileSync(await (await pdfDownload).path());
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const pdfText = textOfPdf(pdf);
      if (pdfText !== undefined) expect(pdfText).toContain('月湖街道');

      await page.getByRole('menuitem', { name: '总览' }).click();
      await page.getByText('本地区各单位自评情况').waitFor();
      await page.getByRole('img', { name: '等级分布图' }).locator('canvas').waitFor();
      await shot(page, 'overview');
      expect(errors).toEqual([]);
    }, 240_000); // LibreOffice opening the DOCX takes its time under load

    it('renders a report holding <script> and HTML as inert text', async () => {
      const hostile =
        '一、基本情况\n<script>window.__pwned = 1</script>\n<img src=x onerror="window.__pwned = 2">\n' +
        '<b>粗体</b> 预算 100 万元，支出 120 万元。\n';
      const editor = new Client(server.url);
      await editor.login('tianbao', PASSWORD);
      const upload = await editor.upload(
        { unitId, year: '2021' },
        { bytes: new TextEncoder().encode(hostile), name: 'hostile.txt' },
      );
      expect(upload.status).toBe(201);
      await page.goto(`${server.url}/reports/${upload.body.reportId}`);
      const text = page.getByTestId('report-text');
      await text.getByText('<script>window.__pwned = 1</script>').waitFor();
      expect(await text.textContent()).toContain('<img src=x onerror="window.__pwned = 2">');
      expect(await text.locator('script, img, b').count()).toBe(0);
      expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
    });
  },
);

async function scoreShown(page: Page): Promise<number> {
  const value = page.getByTestId('fill-score').locator('.ant-statistic-content-value');
  await value.waitFor();
  return Number((await value.textContent())?.replace(/,/g, ''));
}
