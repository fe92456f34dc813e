/**
 * Shared by the render acceptance tests: the built CLI in a child process, the sample's model, and the
 * figures a round trip must keep.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { JsonReview } from '../src/render/findings-json.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'jixiao');
export const SAMPLE = join(ROOT, '..', 'shared', 'samples', 'yuehu-2020.txt');
/** The sample's model with the sections the sample leaves out filled in, plus scored indicators. */
export const COMPLETE_MODEL = join(ROOT, 'test', 'fixtures', 'model-complete.json');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function build(): void {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'pipe' });
}

export function run(args: string[]): Run {
  const env = { ...process.env };
  delete env.JIXIAO_DEBUG;
  const result = spawnSync(BIN, args, { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

// biome-ignore lint/suspicious/noExplicitAny: test access to untyped JSON
export type Json = any;

/** `jixiao model FILE` → its model. */
export function modelOf(file: string): Json {
  const result = run(['model', file]);
  if (result.status !== 0) throw new Error(`jixiao model ${file}: ${result.stderr}`);
  return JSON.parse(result.stdout).model;
}

/** The sample's model, as `jixiao model` writes it, saved to `dir`. */
export function sampleModelFile(dir: string): string {
  const result = run(['model', SAMPLE]);
  const path = join(dir, 'yuehu-model.json');
  writeFileSync(path, result.stdout);
  return path;
}

export function review(file: string): JsonReview {
  const result = run(['check', file, '--format', 'json']);
  if (result.status !== 0 && result.status !== 1) throw new Error(`jixiao check ${file}: ${result.stderr}`);
  return JSON.parse(result.stdout) as JsonReview;
}

/** What a round trip must keep: the unit, the year and every figure the report builder reads. */
export function figures(model: Json): Json {
  return {
    unit: model.unit.name,
    year: model.fiscalYear,
    budget: model.budget,
    staffing: model.staffing,
    organisation: model.organisation,
    duties: model.duties,
  };
}

export function errorFindings(review: JsonReview) {
  return review.findings.filter((f) => f.severity === 'error');
}

/** The visible 待填写 markers the generator writes where the model has no data (the unfilled rule's). */
export function unfilledFindings(review: JsonReview) {
  return review.findings.filter((f) => f.rule === 'unfilled');
}
