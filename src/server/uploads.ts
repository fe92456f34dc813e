/**
 * Storing an upload: the pipeline runs first (outside any transaction: it is slow and touches nothing),
 * then the report, its new version, the file, every result and the audit entry are written in ONE
 * transaction, so a crash leaves either all of it or none.
 */
import { appendAudit } from '../store/audit.ts';
import type { Store } from '../store/connect.ts';
import { putSourceFile, sha256 } from '../store/files.ts';
import { addVersion, createReport, findReport } from '../store/reports.ts';
import { saveResults } from '../store/results.ts';
import { getUnit } from '../store/units.ts';
import { apiError } from './errors.ts';
import { type Analysis, analyse } from './pipeline.ts';
import { EDITABLE_STATES, STATE_NAMES } from './policy.ts';

export interface UploadInput {
  actorId: string | null;
  unitId: string;
  year: number;
  bytes: Uint8Array;
  fileName: string;
  /** The pipeline's result when the caller already ran it on these bytes. */
  analysis?: Analysis;
}

export interface UploadResult {
  reportId: string;
  versionNumber: number;
  analysis: Analysis;
}

export async function storeUpload(store: Store, input: UploadInput): Promise<UploadResult> {
  const analysis = input.analysis ?? (await analyse(input.bytes, input.fileName));
  return store.db.transaction().execute(async (trx) => {
    if (!(await getUnit(trx, input.unitId))) throw apiError('JX_NOT_FOUND', { what: '单位' });
    const existing = await findReport(trx, input.unitId, input.year);
    if (existing && !EDITABLE_STATES.includes(existing.state)) {
      throw apiError('JX_CONFLICT', {
        detail: `该单位 ${input.year} 年度的报告状态为“${STATE_NAMES[existing.state]}”，不能上传新版本`,
      });
    }
    const report = existing ?? (await createReport(trx, { unitId: input.unitId, year: input.year }));
    const fileId = await putSourceFile(trx, input.bytes, analysis.results.format);
    const version = await addVersion(trx, report, {
      sourceFileId: fileId,
      fileName: input.fileName,
      uploadedBy: input.actorId,
    });
    if (!version) throw apiError('JX_CONFLICT', { detail: '报告正在被他人修改，请刷新后重试' });
    await saveResults(trx, version.id, analysis.results);
    await appendAudit(trx, {
      actorId: input.actorId,
      action: existing ? 'report.upload-version' : 'report.create',
      entity: 'report',
      entityId: report.id,
      before: existing ? { state: existing.state, currentVersion: existing.current_version } : undefined,
      after: {
        state: report.state,
        currentVersion: version.number,
        fileName: input.fileName,
        sha256: sha256(input.bytes),
        summary: analysis.results.review.summary,
      },
    });
    return { reportId: report.id, versionNumber: version.number, analysis };
  });
}
