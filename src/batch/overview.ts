/** The batch's one-page HTML overview: totals, charts (ECharts rendered to SVG on the server) and the files with the most findings. */
import { escapeHtml } from '../render/findings-html.ts';
import { type ChartSpec, chartSvg } from '../render/report/charts.ts';
import type { CrossPass } from './outputs.ts';
import type { JournalEntry } from './types.ts';

const TOP = 50;

function bar(categories: string[], name: string, values: number[], unit: string): string {
  // chartSvg takes the report charts' spec; the id only selects a report chart there, not here.
  const spec: ChartSpec = { id: 'scores', kind: 'bar', categories, series: [{ name, values }], unit };
  return chartSvg(spec);
}

export function overviewHtml(entries: readonly JournalEntry[], cross: CrossPass): string {
  const done = entries.filter((e) => e.status === 'done' && e.row);
  const failed = entries.filter((e) => e.status !== 'done');
  const byRule = new Map<string, number>();
  for (const e of done)
    for (const [rule, n] of Object.entries(e.row!.byRule)) byRule.set(rule, (byRule.get(rule) ?? 0) + n);
  for (const counts of cross.byFile.values())
    for (const [rule, n] of Object.entries(counts)) byRule.set(rule, (byRule.get(rule) ?? 0) + n);
  const rules = [...byRule].sort((a, b) => b[1] - a[1]);
  const grades = new Map<string, number>();
  for (const e of done) grades.set(e.row!.grade ?? '未评级', (grades.get(e.row!.grade ?? '未评级') ?? 0) + 1);
  const bands = ['<60', '60–69', '70–79', '80–89', '≥90'];
  const scores = bands.map(() => 0);
  for (const e of done) {
    const s = e.row!.score;
    if (s !== null) scores[s < 60 ? 0 : s >= 90 ? 4 : Math.floor(s / 10) - 5]! += 1;
  }
  const worst = [...done]
    .sort((a, b) => b.row!.errors - a.row!.errors || b.row!.warnings - a.row!.warnings)
    .slice(0, TOP);
  const rowsHtml = worst
    .map((e) => {
      const r = e.row!;
      return `<tr><td>${escapeHtml(r.file)}</td><td>${escapeHtml(r.unit ?? '')}</td><td>${r.year ?? ''}</td><td>${r.score ?? ''}</td><td>${escapeHtml(r.grade ?? '')}</td><td>${r.errors}</td><td>${r.warnings}</td></tr>`;
    })
    .join('\n');
  const failedHtml = failed
    .map((e) => `<li>${escapeHtml(e.file)}：${escapeHtml(e.error ?? '')}</li>`)
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>批量审查概览</title>
<style>body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px}figure{display:inline-block;margin:0 1em 1em 0}</style>
</head><body>
<h1>批量审查概览</h1>
<p>共 ${entries.length} 个文件：完成 ${done.length}，失败 ${failed.length}；跨报告问题 ${cross.count} 处。明细见 summary.csv / summary.xlsx，每个文件的结果见 files/。</p>
<figure><figcaption>各规则发现的问题数</figcaption>${bar(
    rules.map(([r]) => r),
    '问题数',
    rules.map(([, n]) => n),
    '处',
  )}</figure>
<figure><figcaption>得分分布</figcaption>${bar(bands, '报告数', scores, '份')}</figure>
<figure><figcaption>等级分布</figcaption>${bar([...grades.keys()], '报告数', [...grades.values()], '份')}</figure>
<h2>问题最多的 ${worst.length} 份报告</h2>
<table><tr><th>文件</th><th>单位</th><th>年度</th><th>得分</th><th>等级</th><th>错误</th><th>警告</th></tr>
${rowsHtml}
</table>
${failed.length > 0 ? `<h2>失败的文件</h2><ul>${failedHtml}</ul>` : ''}
</body></html>
`;
}
