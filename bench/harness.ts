/**
 * A tiny benchmark harness. Bench files (`bench/*.bench.ts`) call `bench()` at import time; `run.ts`
 * imports them all, measures each in registration order and prints one table. Not a test: numbers are
 * reported, never asserted.
 */
import { join } from 'node:path';
import { displayWidth, padEndToWidth } from '../src/text/width.ts';

export interface BenchDefinition {
  /** Unique; another bench names it as its `baseline`. */
  name: string;
  /** Timed per call; with `async: true` the promise it returns is awaited inside the timing. */
  fn: () => unknown;
  async?: boolean;
  /** Printed under the table (how the numbers were taken, what they include). */
  note?: string;
  /** Input bytes per call, for MB/s. */
  bytes?: number;
  /** A bench measured in the same run; the table shows this bench's median as a multiple of it. */
  baseline?: string;
}

export interface MeasureOptions {
  warmupMs: number;
  minTimeMs: number;
  minSamples: number;
  maxSamples: number;
  /** Calls are batched so one timed sample lasts at least this long, keeping timer overhead out. */
  minSampleMs: number;
}

export interface BenchResult {
  name: string;
  /** Calls measured (excluding warm-up). */
  calls: number;
  medianMs: number;
  p90Ms: number;
  opsPerSec: number;
  mbPerSec: number | null;
  baseline?: string;
}

export const ROOT = join(import.meta.dirname, '..');
export const SAMPLES_DIR = join(ROOT, '..', 'shared', 'samples');

export const DEFAULT_OPTIONS: MeasureOptions = {
  warmupMs: 300,
  minTimeMs: 1500,
  minSamples: 30,
  maxSamples: 2000,
  minSampleMs: 0.05,
};

const registry: BenchDefinition[] = [];

export function bench(definition: BenchDefinition): void {
  if (registry.some((existing) => existing.name === definition.name)) {
    throw new Error(`duplicate bench name: ${definition.name}`);
  }
  registry.push(definition);
}

export function registeredBenches(): readonly BenchDefinition[] {
  return registry;
}

/** Results land here so the engine cannot drop a call whose value is unused. */
export let sink: unknown;

export function measure(definition: BenchDefinition, options: MeasureOptions = DEFAULT_OPTIONS): BenchResult {
  const batch = warmUp(definition.fn, options);
  const samples: number[] = [];
  const started = performance.now();
  while (
    samples.length < options.maxSamples &&
    (samples.length < options.minSamples || performance.now() - started < options.minTimeMs)
  ) {
    const start = performance.now();
    for (let i = 0; i < batch; i++) sink = definition.fn();
    samples.push((performance.now() - start) / batch);
  }
  return summarize(definition, samples, samples.length * batch);
}

/** `measure` for calls that return a promise: one awaited call per sample (such calls take milliseconds). */
export async function measureAsync(
  definition: BenchDefinition,
  options: MeasureOptions = DEFAULT_OPTIONS,
): Promise<BenchResult> {
  const warmStart = performance.now();
  for (let calls = 0; calls < 5 || performance.now() - warmStart < options.warmupMs; calls++) {
    sink = await definition.fn();
  }
  const samples: number[] = [];
  const started = performance.now();
  while (
    samples.length < options.maxSamples &&
    (samples.length < options.minSamples || performance.now() - started < options.minTimeMs)
  ) {
    const start = performance.now();
    sink = await definition.fn();
    samples.push(performance.now() - start);
  }
  return summarize(definition, samples, samples.length);
}

function summarize(definition: BenchDefinition, samples: number[], calls: number): BenchResult {
  samples.sort((a, b) => a - b);
  const medianMs = percentile(samples, 0.5);
  return {
    name: definition.name,
    calls,
    medianMs,
    p90Ms: percentile(samples, 0.9),
    opsPerSec: 1000 / medianMs,
    mbPerSec: definition.bytes === undefined ? null : definition.bytes / 1e6 / (medianMs / 1000),
    ...(definition.baseline === undefined ? {} : { baseline: definition.baseline }),
  };
}

/** The benches' notes as a Markdown list, or nothing. */
export function formatNotes(definitions: readonly BenchDefinition[]): string {
  const notes = definitions.filter((definition) => definition.note !== undefined);
  return notes.map((definition) => `- ${definition.name}: ${definition.note}`).join('\n');
}

/** Runs until warm, then returns how many calls make one sample of at least `minSampleMs`. */
function warmUp(fn: () => unknown, options: MeasureOptions): number {
  let calls = 0;
  const start = performance.now();
  while (calls < 5 || performance.now() - start < options.warmupMs) {
    sink = fn();
    calls++;
  }
  const perCall = (performance.now() - start) / calls;
  return Math.max(1, Math.ceil(options.minSampleMs / Math.max(perCall, 1e-6)));
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[rank]!;
}

export function formatTable(results: readonly BenchResult[]): string {
  const byName = new Map(results.map((result) => [result.name, result]));
  const rows = results.map((result) => {
    const base = result.baseline === undefined ? undefined : byName.get(result.baseline);
    const ratio = base ? `${(result.medianMs / base.medianMs).toFixed(2)}× ${base.name}` : '—';
    return [
      result.name,
      formatMs(result.medianMs),
      formatMs(result.p90Ms),
      formatCount(result.opsPerSec),
      result.mbPerSec === null ? '—' : result.mbPerSec.toFixed(1),
      ratio,
      String(result.calls),
    ];
  });
  const header = ['基准', '中位数 (ms)', 'p90 (ms)', '次/秒', 'MB/s', '相对基线', '调用次数'];
  return markdownTable(header, rows);
}

/** Padded by display width, the way Biome formats Markdown tables, so `--write` output passes the lint. */
export function markdownTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(3, displayWidth(title), ...rows.map((row) => displayWidth(row[column] ?? ''))),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => padEndToWidth(cell, widths[column]!)).join(' | ')} |`;
  const rule = `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

function formatMs(ms: number): string {
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 1) return ms.toFixed(2);
  return ms.toPrecision(2);
}

function formatCount(value: number): string {
  return value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toFixed(1);
}

/**
 * Load benches: many connections at once for a while (autocannon), reported as latency percentiles and
 * throughput. That does not fit the per-call timing above, so such a bench runs as a whole and returns
 * its rows, which `run.ts` prints as a second table in the same Markdown format.
 */
export interface LoadBenchDefinition {
  name: string;
  run: () => Promise<LoadResult[]>;
  note?: string;
}

export interface LoadResult {
  name: string;
  connections: number;
  durationS: number;
  p50Ms: number;
  p99Ms: number;
  requestsPerSec: number;
  requests: number;
  /** Non-2xx responses plus socket errors and timeouts. */
  errors: number;
  /** A row of the same run; the table shows this row's throughput as a fraction of it. */
  baseline?: string;
  /** Targets this row is held to, shown as met or not. */
  targets?: { p99Ms?: number; minBaselineRatio?: number };
}

const loadRegistry: LoadBenchDefinition[] = [];

export function loadBench(definition: LoadBenchDefinition): void {
  if (loadRegistry.some((existing) => existing.name === definition.name)) {
    throw new Error(`duplicate load bench name: ${definition.name}`);
  }
  loadRegistry.push(definition);
}

export function registeredLoadBenches(): readonly LoadBenchDefinition[] {
  return loadRegistry;
}

export function formatLoadTable(results: readonly LoadResult[]): string {
  const byName = new Map(results.map((result) => [result.name, result]));
  const rows = results.map((result) => {
    const base = result.baseline === undefined ? undefined : byName.get(result.baseline);
    const ratio = base ? result.requestsPerSec / base.requestsPerSec : undefined;
    const checks: string[] = [];
    const { p99Ms, minBaselineRatio } = result.targets ?? {};
    if (p99Ms !== undefined) checks.push(`p99 < ${p99Ms} ms ${result.p99Ms < p99Ms ? '✓' : '✗'}`);
    if (minBaselineRatio !== undefined && ratio !== undefined)
      checks.push(`≥ ${minBaselineRatio}× ${ratio >= minBaselineRatio ? '✓' : '✗'}`);
    return [
      result.name,
      String(result.connections),
      formatLatency(result.p50Ms),
      formatLatency(result.p99Ms),
      formatCount(result.requestsPerSec),
      base ? `${ratio!.toFixed(2)}× ${base.name}` : '—',
      checks.length > 0 ? checks.join('；') : '—',
      `${result.requests}（${result.durationS} s）`,
      String(result.errors),
    ];
  });
  const header = [
    '负载基准',
    '连接数',
    'p50 (ms)',
    'p99 (ms)',
    '请求/秒',
    '吞吐相对基线',
    '目标',
    '请求数',
    '错误',
  ];
  return markdownTable(header, rows);
}

export function formatLoadNotes(definitions: readonly LoadBenchDefinition[]): string {
  return definitions
    .filter((definition) => definition.note !== undefined)
    .map((definition) => `- ${definition.name}: ${definition.note}`)
    .join('\n');
}

/** autocannon reports whole milliseconds; print them as such rather than with invented decimals. */
function formatLatency(ms: number): string {
  return Number.isInteger(ms) ? String(ms) : formatMs(ms);
}
