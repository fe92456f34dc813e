/**
 * One upload, read the way the CLI reads a file: ingest → extract → check → score. Pure with respect to
 * the store: it returns everything to be saved, and the caller saves it in one transaction.
 */
import { createHash } from 'node:crypto';
import pkg from '../../package.json' with { type: 'json' };
import { formatScoreJson, modelFromDocument, modelFromJson } from '../cli/commands/score-run.ts';
import { loadBytes } from '../ingest/load.ts';
import { sourceInfo } from '../ingest/pages.ts';
import type { IngestResult } from '../ingest/types.ts';
import type { SelfEvaluation } from '../model/schema.ts';
import { toJsonReview } from '../render/findings-json.ts';
import { renderReport } from '../render/report/index.ts';
import { defaultConfig } from '../review/config.ts';
import { createReviewDocument } from '../review/document.ts';
import { review } from '../review/engine.ts';
import { rules } from '../review/rules/index.ts';
import { score } from '../scoring/engine.ts';
import { DEFAULT_FRAMEWORK_ID, getFramework } from '../scoring/frameworks.ts';
import type { VersionResults } from '../store/results.ts';

export const JIXIAO_VERSION: string = pkg.version;

/**
 * Changes whenever a rule is added, removed, or changes its severity, options or messages: results
 * made under another catalogue are due for re-review.
 */
export const CATALOGUE_VERSION: string = createHash('sha256')
  .update(JSON.stringify(rules.map((rule) => [rule.id, rule.severity, rule.options, rule.messages])))
  .digest('hex')
  .slice(0, 16);

export interface Analysis {
  results: VersionResults;
  model: SelfEvaluation;
  warnings: string[];
}

/** A version saved from the 填报 form has the model itself, as JSON, for its source file. */
export function isModelFile(fileName: string): boolean {
  return fileName.toLowerCase().endsWith('.json');
}

/** The file name an edited model is stored under. */
export function modelFileName(year: number): string {
  return `填报-${year}.json`;
}

/**
 * A version's words, and its model when the file is one. A model saved from the form is written out as the
 * report it stands for (the generator's Markdown, without charts), so review, text view and highlighting
 * work on words, while the model itself — not a re-reading of those words — is what is scored.
 */
async function load(
  bytes: Uint8Array,
  fileName: string,
): Promise<{ loaded: IngestResult; model?: SelfEvaluation }> {
  if (!isModelFile(fileName)) return { loaded: await loadBytes(bytes, fileName) };
  const model = modelFromJson(new TextDecoder().decode(bytes), fileName);
  const text = (await renderReport(model, new Set(['md']), { charts: false })).md ?? '';
  return { loaded: { format: 'txt', text, blocks: [] }, model };
}

/** A stored version's text (what findings' offsets point into) and model (what the form edits). */
export async function readVersion(
  bytes: Uint8Array,
  fileName: string,
): Promise<{ loaded: IngestResult; model: SelfEvaluation }> {
  const { loaded, model } = await load(bytes, fileName);
  return { loaded, model: model ?? modelFromDocument(loaded, fileName, () => {}) };
}

export async function analyse(bytes: Uint8Array, fileName: string): Promise<Analysis> {
  const { loaded, model: given } = await load(bytes, fileName);
  const doc = createReviewDocument(loaded.text);
  const result = review(doc, defaultConfig(rules), { rules });
  const warnings = result.errors.map(
    (failure) => `规则 ${failure.rule} 执行出错，已跳过：${failure.message}`,
  );
  const model = given ?? modelFromDocument(loaded, fileName, (line) => warnings.push(line), doc.extraction);
  const reviewJson = toJsonReview(result, sourceInfo(loaded));
  const framework = getFramework(DEFAULT_FRAMEWORK_ID)!;
  const scored = score(model, framework);
  // The text is re-read from the stored source file when needed; the rest is what extract found.
  const { text: _text, ...extraction } = doc.extraction;
  return {
    model,
    warnings,
    results: {
      producedBy: { jixiaoVersion: JIXIAO_VERSION, catalogueVersion: CATALOGUE_VERSION },
      format: loaded.format,
      extraction,
      review: reviewJson,
      score: {
        framework: scored.framework,
        frameworkVersion: scored.frameworkVersion,
        total: scored.total,
        grade: scored.grade,
        document: JSON.parse(formatScoreJson(scored)),
      },
    },
  };
}
