/**
 * The web app's first load with production assets (web/dist served by jixiao), in Debian's chromium with a
 * cold cache per run: the login page until its form shows, and the landing page `/` with a session until
 * the report list shows its row. Baseline in the same run: the API docs page (one static HTML file), i.e.
 * what the browser and server cost before any of the app's code. Also records which chunks each page
 * loads, so the split (the form does not load ECharts) is measured, not assumed.
 *
 * `npx tsx bench/web.bench.ts [--write]` — `--write` puts the section into BENCHMARKS.md below the marker.
 * (Imported by `npm run bench`, it registers nothing: a browser run is its own script.)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { addUser, Client, startTestServer } from '../src/server/testing.ts';
import { backends, openFresh } from '../src/store/testing.ts';
import { buildWebApp, CHROMIUM_INSTALL, hasChromium, launchChromium } from '../test/web-helpers.ts';
import { markdownTable, ROOT, SAMPLES_DIR } from './harness.ts';

const RUNS = Number(process.env.RUNS ?? 7);
const TARGET_MS = 2000;
const PASSWORD = 'bench password 1';
const MARKER = '<!-- 以下各节由各自的基准脚本写入';
const HEADING = '## 网页首次加载 / Web app first load';

interface Measured {
  name: string;
  runs: number[];
  bytes: number;
  chunks: string[];
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** One cold load: a fresh context (empty cache), `ready` decides when the page counts as shown. */
async function coldLoad(
  browser: Browser,
  url: string,
  cookie: string | undefined,
  ready: (page: Page) => Promise<unknown>,
): Promise<{ ms: number; bytes: number; chunks: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  if (cookie) {
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: new URL(url).origin }]);
  }
  const page = await context.newPage();
  let bytes = 0;
  const chunks: string[] = [];
  page.on('response', (response) => {
    // The header, not the body: fetching bodies over CDP would slow the very load being timed.
    bytes += Number(response.headers()['content-length'] ?? 0);
    const match = /\/assets\/([A-Za-z]+)-[\w-]+\.js$/.exec(response.url());
    if (match) chunks.push(match[1]!);
  });
  const started = performance.now();
  await page.goto(url);
  await ready(page).catch(async (error) => {
    await page.screenshot({ path: '/tmp/bench-fail.png' });
    throw error;
  });
  const ms = performance.now() - started;
  await page.waitForLoadState('networkidle');
  await context.close();
  return { ms, bytes, chunks: [...new Set(chunks)].sort() };
}

async function run(): Promise<Measured[]> {
  buildWebApp();
  const backend = (await backends())[0]!;
  const store = await openFresh(backend);
  const server = await startTestServer(store);
  const browser = await launchChromium();
  try {
    await addUser(store, 'admin', PASSWORD, 'admin');
    const client = new Client(server.url);
    await client.login('admin', PASSWORD);
    const unit = await client.json('POST', '/api/units', { name: '月湖街道' });
    const upload = await client.upload(
      { unitId: unit.body.id, year: '2020' },
      { bytes: readFileSync(join(SAMPLES_DIR, 'yuehu-2020.txt')), name: 'yuehu-2020.txt' },
    );
    const reportId = upload.body.reportId as string;
    const cases: [string, string, string | undefined, (page: Page) => Promise<unknown>][] = [
      [
        '基线：接口说明页（静态 HTML） / baseline: API docs page',
        '/api/docs',
        undefined,
        (p) => p.locator('h1').first().waitFor(),
      ],
      ['登录页 / login page', '/', undefined, (p) => p.getByLabel('用户名').waitFor()],
      [
        '单位与报告（已登录） / report list, logged in',
        '/',
        client.cookie,
        (p) => p.getByRole('link', { name: '月湖街道' }).waitFor(),
      ],
      [
        '填报（已登录） / the form, logged in',
        `/reports/${reportId}/fill`,
        client.cookie,
        (p) => p.locator('input[aria-label="单位名称"]').waitFor(),
      ],
      [
        '总览（已登录） / overview, logged in',
        '/overview',
        client.cookie,
        (p) => p.locator('canvas').first().waitFor(),
      ],
    ];
    const results: Measured[] = [];
    for (const [name, path, cookie, ready] of cases) {
      // One warm-up load (the server's first reads, chromium's first start of a renderer), then cold runs.
      await coldLoad(browser, server.url + path, cookie, ready);
      const loads = [];
      for (let i = 0; i < RUNS; i++) loads.push(await coldLoad(browser, server.url + path, cookie, ready));
      results.push({
        name,
        runs: loads.map((l) => l.ms),
        bytes: median(loads.map((l) => l.bytes)),
        chunks: loads[0]!.chunks,
      });
    }
    return results;
  } finally {
    await browser.close();
    await server.close();
    await store.close();
    await backend.cleanup();
  }
}

function section(results: readonly Measured[], load: number): string {
  const baseline = median(results[0]!.runs);
  const rows = results.map((r) => [
    r.name,
    `${Math.round(median(r.runs))} ms`,
    // Under contention every page slows with the machine: the ratio to the static page measured in the
    // same run is what stays comparable between runs.
    `${(median(r.runs) / baseline).toFixed(2)}×`,
    `${Math.round(Math.max(...r.runs))} ms`,
    `${(r.bytes / 1024).toFixed(0)} KB`,
    r.chunks.join('、') || '—',
  ]);
  const worst = Math.max(...results.slice(1).map((r) => median(r.runs)));
  return `${HEADING}

\`npx tsx bench/web.bench.ts --write\`：生产构建（web/dist，由 jixiao serve 提供），Debian chromium，每次新的浏览器上下文
（无缓存），从开始导航到页面显示出内容（登录表单、报告列表中的单位、填报表格、总览图表）；每项先预热一次，再测 ${RUNS} 次取
中位数。基线是同一次运行中的接口说明页（一个静态 HTML）。/ Production build, cold cache per run, navigation start until
the page shows its content; one warm-up, then ${RUNS} runs, median; the baseline is a static HTML page in the same run.
测量时本机 1 分钟负载 / 1-minute load average while measuring: ${load.toFixed(1)}（2 核，与其他任务共用 / 2 cores, shared）。
目标 / target: < ${TARGET_MS} ms — ${worst < TARGET_MS ? `达到 / met（最慢的页面中位数 ${Math.round(worst)} ms）` : `未达到 / missed（${Math.round(worst)} ms）`}.

${markdownTable(['页面 / page', '中位数 / median', '相对基线 / × baseline', '最慢 / max', '传输 / bytes', '载入的代码块 / chunks loaded'], rows)}

填报页不载入 \`echarts\` 代码块，只有总览页载入（各页面按路由懒加载，antd 随用到它的页面分包）。入口脚本在 React 和 antd
到达之前就发出会话、页面代码块和页面数据的请求；antd 的样式在构建时按主题生成为样式表，浏览器中不再运行时生成。/ The form
does not load the \`echarts\` chunk; only the overview does (route-level lazy imports; antd split with the pages that use
it). The entry requests the session, the page's chunks and its data before React and antd arrive; antd's styles are a
stylesheet built for the theme, not generated in the browser.
`;
}

function write(text: string): void {
  const path = join(ROOT, 'BENCHMARKS.md');
  const current = readFileSync(path, 'utf8');
  const at = current.indexOf(MARKER);
  if (at < 0) throw new Error('BENCHMARKS.md has no marker line');
  const markerEnd = current.indexOf('\n', at) + 1;
  const head = current.slice(0, markerEnd);
  const rest = current.slice(markerEnd);
  // Replace this script's own section (up to the next section: a "## " heading or another script's marker).
  const start = rest.indexOf(HEADING);
  const ends = ['\n## ', '\n<!-- ']
    .map((boundary) => rest.indexOf(boundary, start + HEADING.length))
    .filter((at) => at >= 0);
  const end = ends.length === 0 ? -1 : Math.min(...ends);
  const kept = start < 0 ? rest : rest.slice(0, start) + (end < 0 ? '' : rest.slice(end + 1));
  writeFileSync(path, `${head}${kept.trimEnd()}${kept.trim() === '' ? '' : '\n'}\n${text}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (!hasChromium) {
    process.stderr.write(`bench/web.bench.ts：缺少 chromium，无法测量。安装：${CHROMIUM_INSTALL}\n`);
    process.exit(2);
  }
  const results = await run();
  const text = section(results, loadavg()[0]!);
  process.stdout.write(`${text}\n`);
  const form = results.find((r) => r.name.startsWith('填报'))!;
  if (form.chunks.includes('echarts')) {
    process.stderr.write('bench/web.bench.ts：填报页载入了 echarts 代码块（分包失效）\n');
    process.exitCode = 1;
  }
  if (process.argv.includes('--write')) write(text);
}
