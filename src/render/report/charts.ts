/**
 * Charts drawn on the server from a chart spec (data only, from the model): ECharts SSR SVG for HTML and
 * Markdown, and PNG for DOCX drawn by ECharts' canvas renderer on @napi-rs/canvas (Skia). The canvas gets a
 * CJK font file registered once per process (Noto CJK from fonts-noto-cjk when present); without one Chinese
 * labels would be boxes. A chart needs real figures: with
 * too few it is not drawn at all (the section's own text or placeholder already says what is missing).
 */
import { existsSync } from 'node:fs';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import layout from '../../../data/layout/gbt9704.json' with { type: 'json' };
import type { SelfEvaluation } from '../../model/schema.ts';
import { budgetRows } from './tables.ts';
import { planOf } from './vars.ts';
import type { ChartId } from './wording.ts';

echarts.use([BarChart, PieChart, GridComponent, LegendComponent, SVGRenderer, CanvasRenderer]);

export interface ChartSpec {
  id: ChartId;
  kind: 'pie' | 'bar';
  /** Pie: slice names; bar: category names along the axis. */
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
  /** Unit of the values, shown in labels. */
  unit: string;
}

export const CHART_SIZE = { width: 640, height: 360 } as const;

const FONT_FAMILY = layout.charts.fontFamily;
const COLORS = layout.charts.colors;

export function chartSpec(id: ChartId, model: SelfEvaluation): ChartSpec | null {
  if (id === 'structure') return structureSpec(model);
  if (id === 'planActual') return planActualSpec(model);
  return scoresSpec(model);
}

const toWan = (fen: number) => Math.round(fen / 100) / 10_000;

/** 人员经费 / 公用经费 / each project category (or 项目支出 as one slice): what the money was spent on. */
function structureSpec(model: SelfEvaluation): ChartSpec | null {
  const gp = model.budget.generalPublic;
  const slices: [string, number | null][] = [];
  const basicParts = [gp.basic.personnel.actual, gp.basic.public.actual];
  if (basicParts.every((v) => v !== null)) {
    slices.push(['人员经费', basicParts[0]!], ['公用经费', basicParts[1]!]);
  } else slices.push(['基本支出', gp.basic.total.actual]);
  const categories = gp.project.categories;
  if (categories.length > 0 && categories.every((c) => c.actual !== null)) {
    for (const c of categories) slices.push([c.name, c.actual]);
  } else slices.push(['项目支出', gp.project.total.actual]);
  const known = slices.filter((s): s is [string, number] => s[1] !== null && s[1] > 0);
  if (known.length < 2 || known.length < slices.length) return null;
  return {
    id: 'structure',
    kind: 'pie',
    categories: known.map((s) => s[0]),
    series: [{ name: '全年执行数', values: known.map((s) => toWan(s[1])) }],
    unit: '万元',
  };
}

/** Each budget row with both a plan and an outturn: plan beside actual. */
function planActualSpec(model: SelfEvaluation): ChartSpec | null {
  const rows = budgetRows(model)
    .filter((r) => !r.label.startsWith('其中') && r.figures.actual !== null && planOf(r.figures) !== null)
    .filter((r) => ['基本支出', '项目支出', '合计'].includes(r.label));
  if (rows.length === 0) return null;
  const adjusted = rows.some((r) => r.figures.adjusted !== null);
  return {
    id: 'planActual',
    kind: 'bar',
    categories: rows.map((r) => (r.label === '合计' ? '一般公共预算支出' : r.label)),
    series: [
      { name: adjusted ? '调整预算数' : '年初预算数', values: rows.map((r) => toWan(planOf(r.figures)!)) },
      { name: '全年执行数', values: rows.map((r) => toWan(r.figures.actual!)) },
    ],
    unit: '万元',
  };
}

function scoresSpec(model: SelfEvaluation): ChartSpec | null {
  const scored = model.performance.indicators.filter((i) => i.score !== null && i.weight !== null);
  if (scored.length === 0) return null;
  return {
    id: 'scores',
    kind: 'bar',
    categories: scored.map((i) => i.level3),
    series: [
      { name: '分值', values: scored.map((i) => i.weight) },
      { name: '得分', values: scored.map((i) => i.score) },
    ],
    unit: '分',
  };
}

function option(spec: ChartSpec): echarts.EChartsCoreOption {
  const textStyle = { fontFamily: FONT_FAMILY, fontSize: 14 };
  const base = { animation: false, color: COLORS, textStyle, backgroundColor: '#ffffff' };
  if (spec.kind === 'pie') {
    return {
      ...base,
      series: [
        {
          type: 'pie',
          radius: ['0%', '62%'],
          center: ['50%', '52%'],
          label: { formatter: `{b}\n{c}${spec.unit}`, ...textStyle, fontSize: 13, lineHeight: 18 },
          data: spec.categories.map((name, i) => ({ name, value: spec.series[0]!.values[i] })),
        },
      ],
    };
  }
  return {
    ...base,
    legend: { top: 8, textStyle },
    grid: { left: 64, right: 24, top: 48, bottom: spec.categories.length > 4 ? 72 : 40 },
    xAxis: {
      type: 'category',
      data: spec.categories,
      axisLabel: { ...textStyle, fontSize: 12, interval: 0, rotate: spec.categories.length > 4 ? 20 : 0 },
    },
    yAxis: { type: 'value', name: spec.unit, nameTextStyle: textStyle, axisLabel: textStyle },
    series: spec.series.map((s) => ({
      type: 'bar',
      name: s.name,
      data: s.values,
      barMaxWidth: 36,
      label: { show: true, position: 'top', ...textStyle, fontSize: 11 },
    })),
  };
}

export function chartSvg(spec: ChartSpec): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, ...CHART_SIZE });
  try {
    chart.setOption(option(spec));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** The first CJK font file that exists (Noto Sans CJK from fonts-noto-cjk), else null. */
export function chartFontFile(): string | null {
  return layout.charts.fontFiles.find((file) => existsSync(file)) ?? null;
}

/** PNG at 2× for print. */
export async function chartPng(spec: ChartSpec): Promise<Buffer> {
  const { createCanvas } = await canvasReady();
  const canvas = createCanvas(CHART_SIZE.width * PNG_SCALE, CHART_SIZE.height * PNG_SCALE);
  // biome-ignore lint/suspicious/noExplicitAny: ECharts types its canvas as the DOM's HTMLCanvasElement
  const chart = echarts.init(canvas as any, null, { ...CHART_SIZE, devicePixelRatio: PNG_SCALE });
  try {
    chart.setOption(option(spec));
    return canvas.toBuffer('image/png');
  } finally {
    chart.dispose();
  }
}

const PNG_SCALE = 2;
let canvasModule: Promise<typeof import('@napi-rs/canvas')> | null = null;

/** Loads Skia once, registers the CJK font once and lets ECharts measure text on a canvas of its own. */
function canvasReady(): Promise<typeof import('@napi-rs/canvas')> {
  canvasModule ??= import('@napi-rs/canvas').then((module) => {
    const fontFile = chartFontFile();
    if (fontFile) module.GlobalFonts.registerFromPath(fontFile, FONT_FAMILY);
    const measure = module.createCanvas(1, 1).getContext('2d');
    echarts.setPlatformAPI({
      // biome-ignore lint/suspicious/noExplicitAny: as above
      createCanvas: () => module.createCanvas(32, 32) as any,
      // The pie label layout measures a NUL character, which Skia's binding refuses.
      measureText: (text = '', font) => {
        if (font) measure.font = font;
        return measure.measureText(text.replaceAll('\0', ''));
      },
    });
    return module;
  });
  return canvasModule;
}
