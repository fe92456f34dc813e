/**
 * What the pipeline produced for one report version: the extraction, each finding, the per-rule checks,
 * and the score. Each row records the jixiao and rule-catalogue versions that made it.
 */
import type { JsonFinding, JsonReview } from '../render/findings-json.ts';
import { type Db, json, now } from './common.ts';
import { prepared } from './prepared.ts';
import type { NewFinding } from './schema.ts';

/** The review is stored as `jixiao check --format json` describes it, and read back the same. */
export type StoredReview = JsonReview;

export interface VersionResults {
  producedBy: { jixiaoVersion: string; catalogueVersion: string };
  format: string;
  extraction: unknown;
  review: StoredReview;
  score: {
    framework: string;
    frameworkVersion: string;
    total: number;
    grade: string | null;
    document: unknown;
  };
}

/** Many rows per statement, few enough for SQLite's bound-parameter limit. */
const FINDINGS_PER_INSERT = 200;

export async function saveResults(db: Db, versionId: string, results: VersionResults): Promise<void> {
  const at = now();
  const made = {
    jixiao_version: results.producedBy.jixiaoVersion,
    catalogue_version: results.producedBy.catalogueVersion,
    created_at: at,
  };
  await db
    .insertInto('extractions')
    .values({
      version_id: versionId,
      format: results.format,
      data: json(results.extraction),
      checks: json(results.review.checks),
      source: json(results.review.source ?? null),
      ...made,
    })
    .execute();
  const rows: NewFinding[] = results.review.findings.map((finding, ordinal) => ({
    version_id: versionId,
    ordinal,
    rule: finding.rule,
    message_id: finding.messageId,
    severity: finding.severity,
    message: finding.message,
    spans: json(finding.spans),
    data: json(finding.data),
  }));
  for (let i = 0; i < rows.length; i += FINDINGS_PER_INSERT) {
    await db
      .insertInto('findings')
      .values(rows.slice(i, i + FINDINGS_PER_INSERT))
      .execute();
  }
  await db
    .insertInto('scores')
    .values({
      version_id: versionId,
      framework: results.score.framework,
      framework_version: results.score.frameworkVersion,
      total: results.score.total,
      grade: results.score.grade,
      data: json(results.score.document),
      ...made,
    })
    .execute();
}

const reviewStamp = prepared((db: Db, versionId: string) =>
  db
    .selectFrom('extractions')
    .select(['created_at', 'catalogue_version'])
    .where('version_id', '=', versionId),
);

interface CachedReview {
  review: StoredReview;
  /** The review as JSON text, made once: the findings endpoint sends it as it is. */
  text: string;
}

/** The review document of a version, fields in the order `jixiao check --format json` writes them. */
export async function getReview(db: Db, versionId: string): Promise<StoredReview | undefined> {
  return (await cachedReview(db, versionId))?.review;
}

/** The same review as JSON text (what `jixiao check --format json` prints, without the indentation). */
export async function getReviewText(db: Db, versionId: string): Promise<string | undefined> {
  return (await cachedReview(db, versionId))?.text;
}

async function cachedReview(db: Db, versionId: string): Promise<CachedReview | undefined> {
  const stamp = await reviewStamp.first(db, versionId);
  if (!stamp) return undefined;
  // A version's review changes only when reprocess writes a new extraction (new created_at): until then the
  // findings rows, read and parsed for every request, are the same.
  const key = `${versionId}|${stamp.created_at}|${stamp.catalogue_version}`;
  const cache = reviewCache(db);
  const cached = cache.get(key);
  if (cached) return cached;
  const review = await readReview(db, versionId);
  if (!review) return undefined;
  const entry = { review, text: JSON.stringify(review) };
  if (cache.size >= REVIEW_CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, entry);
  return entry;
}

async function readReview(db: Db, versionId: string): Promise<StoredReview | undefined> {
  const extraction = await db
    .selectFrom('extractions')
    .select(['checks', 'source'])
    .where('version_id', '=', versionId)
    .executeTakeFirst();
  if (!extraction) return undefined;
  const rows = await db
    .selectFrom('findings')
    .select(['rule', 'message_id', 'severity', 'message', 'spans', 'data'])
    .where('version_id', '=', versionId)
    .orderBy('ordinal')
    .execute();
  const findings: JsonFinding[] = rows.map((row) => ({
    rule: row.rule,
    messageId: row.message_id,
    severity: row.severity,
    message: row.message,
    spans: JSON.parse(row.spans),
    data: JSON.parse(row.data),
  }));
  const summary = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) summary[finding.severity]++;
  const source: JsonReview['source'] | null = JSON.parse(extraction.source);
  const review: StoredReview = { findings, summary, checks: JSON.parse(extraction.checks) };
  if (source !== null) review.source = source;
  return review;
}

const REVIEW_CACHE_LIMIT = 200;
const reviewCaches = new WeakMap<Db, Map<string, CachedReview>>();

/** Reviews recently read from one database, oldest first (the first key is evicted when full). */
function reviewCache(db: Db): Map<string, CachedReview> {
  let cache = reviewCaches.get(db);
  if (!cache) {
    cache = new Map();
    reviewCaches.set(db, cache);
  }
  return cache;
}

export async function getScoreDocument(db: Db, versionId: string): Promise<unknown> {
  const row = await db
    .selectFrom('scores')
    .select('data')
    .where('version_id', '=', versionId)
    .executeTakeFirst();
  return row ? JSON.parse(row.data) : undefined;
}

export async function getExtraction(db: Db, versionId: string): Promise<unknown> {
  const row = await db
    .selectFrom('extractions')
    .select('data')
    .where('version_id', '=', versionId)
    .executeTakeFirst();
  return row ? JSON.parse(row.data) : undefined;
}
