/**
 * One file of a batch, in a worker thread: read → hash → ingest → extract → check → model → score, the
 * same pipeline as `jixiao check` and the server's upload. Appends the decoded text to the worker's text
 * pack (the cross-report pass quotes from it), writes the file's JSON result and returns only the summary
 * row and the cross record.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describeFailure } from '../cli/errors.ts';
import { loadBytes } from '../ingest/load.ts';
import { sourceInfo } from '../ingest/pages.ts';
import { buildModel } from '../model/from-report.ts';
import type { SelfEvaluation } from '../model/schema.ts';
import { toJsonReview } from '../render/findings-json.ts';
import { defaultConfig } from '../review/config.ts';
import { crossRecord } from '../review/cross/features.ts';
import { SIGNATURE_SCHEME } from '../review/cross/minhash.ts';
import { createReviewDocument } from '../review/document.ts';
import { review } from '../review/engine.ts';
import { rules } from '../review/rules/index.ts';
import { score } from '../scoring/engine.ts';
import { DEFAULT_FRAMEWORK_ID, getFramework } from '../scoring/frameworks.ts';
import { TextPackWriter } from './texts.ts';
import type { JournalEntry, StoredCross, SummaryRow, Task, TaskResult } from './types.ts';

const config = defaultConfig(rules);

export function resultPath(outDir: string, file: string): string {
  return join(outDir, 'files', `${file}.json`);
}

/**
 * A file analysed; `answer` settles once its JSON result is on disk. The worker starts the next file
 * meanwhile: a file creation waits on the disk, and here it cost as much as a tenth of the analysis.
 */
export interface Analysed {
  answer: Promise<TaskResult>;
}

const packs = new Map<string, TextPackWriter>();

function packFor(outDir: string): TextPackWriter {
  let pack = packs.get(outDir);
  if (!pack) {
    pack = new TextPackWriter(outDir);
    packs.set(outDir, pack);
  }
  return pack;
}

export async function analyseTask(task: Task): Promise<Analysed> {
  let hash: string | null = null;
  const failure = (error: unknown): TaskResult => ({
    ok: false,
    file: task.file,
    hash,
    // The CLI's own one-line Chinese description, without the "jixiao：" prefix and newline.
    error: describeFailure(error, false)
      .output.replace(/^jixiao：/, '')
      .trim(),
  });
  try {
    // Read synchronously: a report is read from the page cache in microseconds, while the promise API's
    // open, stat, read and close each wait on the thread pool, and the worker idled a tenth of its time.
    const bytes = readFileSync(task.path);
    hash = createHash('sha256').update(bytes).digest('hex');
    const { result, json } = await analyseBytes(bytes, task, hash);
    const written = json === null ? Promise.resolve() : writeInto(resultPath(task.outDir, task.file), json);
    return { answer: written.then(() => result, failure) };
  } catch (error) {
    return { answer: Promise.resolve(failure(error)) };
  }
}

async function analyseBytes(bytes: Buffer, task: Task, hash: string) {
  const loaded = await loadBytes(bytes, task.file);
  const doc = createReviewDocument(loaded.text);
  const result = review(doc, config, { rules });
  // buildModel's result is schema-checked already; the sums it does not check are the review's findings.
  const built = buildModel(doc.extraction, { indicators: loaded.indicators ?? [] });
  const model: SelfEvaluation = built.model;
  const scored = score(model, getFramework(DEFAULT_FRAMEWORK_ID)!);
  const record = crossRecord({
    file: task.file,
    text: loaded.text,
    model,
    provenance: built.provenance,
    sections: doc.extraction.sections,
    fallbackRegion: dirname(task.file) === '.' ? null : dirname(task.file),
  });
  // Plain writes: the journal line, appended after them, is what marks the file done; a kill before it
  // means the file is done again and the JSON result is overwritten.
  const text = packFor(task.outDir).append(loaded.text);
  const json = task.writeJson
    ? JSON.stringify({
        file: task.file,
        sha256: hash,
        format: loaded.format,
        review: toJsonReview(result, sourceInfo(loaded)),
        model,
        score: { framework: scored.framework, total: scored.total, grade: scored.grade },
      })
    : null;
  const byRule: Record<string, number> = {};
  for (const f of result.findings) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
  const row: SummaryRow = {
    file: task.file,
    hash,
    format: loaded.format,
    unit: model.unit.name,
    year: model.fiscalYear,
    ...budgetColumns(model),
    score: scored.total,
    grade: scored.grade,
    errors: result.summary.error,
    warnings: result.summary.warning,
    infos: result.summary.info,
    byRule,
  };
  const cross: StoredCross = {
    unit: record.unit,
    region: record.region,
    year: record.year,
    paragraphs: base64(record.paragraphs),
    signatures: base64(record.signatures),
    figures: record.figures,
  };
  const done: Pick<JournalEntry, 'row' | 'cross' | 'text' | 'minhash'> = {
    row,
    cross,
    text,
    minhash: SIGNATURE_SCHEME,
  };
  const members = JSON.stringify(done).slice(1, -1);
  return { result: { ok: true, file: task.file, hash, members } satisfies TaskResult, json };
}

function base64(values: Uint32Array): string {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString('base64');
}

/** Amounts are in 分 in the model; the table shows 万元. */
function budgetColumns(model: SelfEvaluation) {
  const gp = model.budget.generalPublic;
  const wan = (cents: number | null | undefined) => (cents == null ? null : cents / 1_000_000);
  const plan = gp.total.adjusted ?? gp.total.initial;
  return {
    total: wan(gp.total.actual),
    basic: wan(gp.basic.total.actual),
    project: wan(gp.project.total.actual),
    executionRate: gp.total.actual != null && plan ? gp.total.actual / plan : null,
  };
}

const made = new Set<string>();

function writeInto(path: string, content: string): Promise<void> {
  const folder = dirname(path);
  if (!made.has(folder)) {
    mkdirSync(folder, { recursive: true });
    made.add(folder);
  }
  return writeFile(path, content);
}

/** Temp file then rename: a batch killed mid-write never leaves half a result that a rerun would trust. */
export function writeFileAtomically(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temp, content);
  renameSync(temp, path);
}
