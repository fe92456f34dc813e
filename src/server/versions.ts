/**
 * A report version's text and model, read again from its stored source file (neither is stored: the file
 * is the record). Kept for a while per version, since the pages ask for both repeatedly and a version
 * never changes.
 */
import type { IngestResult } from '../ingest/types.ts';
import type { SelfEvaluation } from '../model/schema.ts';
import type { Db } from '../store/common.ts';
import { getSourceFile } from '../store/files.ts';
import { getVersion } from '../store/reports.ts';
import type { Report } from '../store/schema.ts';
import { apiError } from './errors.ts';
import { readVersion } from './pipeline.ts';

export interface VersionContent {
  versionId: string;
  number: number;
  loaded: IngestResult;
  model: SelfEvaluation;
}

const CACHE_LIMIT = 32;
const cache = new Map<string, Promise<VersionContent>>();

export async function versionContent(
  db: Db,
  report: Report,
  number = report.current_version,
): Promise<VersionContent> {
  const version = number >= 1 ? await getVersion(db, report.id, number) : undefined;
  if (!version) throw apiError('JX_NOT_FOUND', { what: '报告的版本' });
  const cached = cache.get(version.id);
  if (cached) return cached;
  const reading = (async () => {
    const file = await getSourceFile(db, version.source_file_id);
    if (!file) throw apiError('JX_NOT_FOUND', { what: '报告的原始文件' });
    const { loaded, model } = await readVersion(file.bytes, version.file_name);
    return { versionId: version.id, number: version.number, loaded, model };
  })();
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(version.id, reading);
  reading.catch(() => cache.delete(version.id));
  return reading;
}
