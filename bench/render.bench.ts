/**
 * `jixiao render` generation for the sample: its model (as `jixiao model` builds it) → DOCX with its charts,
 * the same DOCX with the chart PNGs already drawn (the document itself), the charts alone, and the XLSX
 * 自评表. In memory: no file writing, no LibreOffice.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extract } from '../src/extract/index.ts';
import { buildModel } from '../src/model/from-report.ts';
import { chartPng } from '../src/render/report/charts.ts';
import { buildReport } from '../src/render/report/document.ts';
import { renderDocx } from '../src/render/report/docx.ts';
import { docxFromModel } from '../src/render/report/index.ts';
import { renderXlsx } from '../src/render/report/xlsx.ts';
import { bench, SAMPLES_DIR } from './harness.ts';

const text = readFileSync(join(SAMPLES_DIR, 'yuehu-2020.txt'), 'utf8');
const { model } = buildModel(extract(text));
const report = buildReport(model);
const specs = report.blocks.flatMap((b) => (b.type === 'chart' ? [b.chart] : []));
const pngs = await Promise.all(specs.map((spec) => chartPng(spec)));

bench({
  name: '生成 DOCX（样例模型，含图表）',
  async: true,
  fn: () => docxFromModel(model),
  note: `样例模型 → 完整 DOCX，含 ${specs.length} 张图表（ECharts 画布渲染 → PNG（@napi-rs/canvas））`,
});
bench({
  name: '生成 DOCX（图表已绘制）',
  async: true,
  fn: () => renderDocx(buildReport(model), pngs),
  baseline: '生成 DOCX（样例模型，含图表）',
  note: '文档本身：段落、表格、版式与打包；图表 PNG 预先绘制',
});
bench({
  name: '绘制图表（ECharts + @napi-rs/canvas）',
  async: true,
  fn: () => Promise.all(specs.map((spec) => chartPng(spec))),
  note: 'CJK 字体在进程内只注册一次；首次调用另需载入 Skia 与字体',
});
bench({
  name: '生成 XLSX 自评表（样例模型）',
  async: true,
  fn: () => renderXlsx(model),
});
