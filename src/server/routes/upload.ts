/**
 * Upload (multipart/form-data): read → extract → review → score, stored in one transaction. The multipart
 * parser is registered in this route's own scope: registered app-wide, its two async hooks ran on every
 * request of every route.
 */
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { apiError } from '../errors.ts';
import type { RoutesPlugin } from '../plugins/schemas.ts';
import { authorize } from '../policy.ts';
import { ErrorBody, UploadFields, UploadForm, UploadReply } from '../schemas.ts';
import { storeUpload } from '../uploads.ts';
import { parse, stripControlCharacters } from '../validate.ts';

const TAGS = ['报告'];

/** The reports' file name, as shown and stored: the last path segment, printable, bounded. */
export function safeFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = stripControlCharacters(base).trim().slice(0, 200);
  return clean === '' || clean === '.' || clean === '..' ? 'upload' : clean;
}

async function readUpload(request: FastifyRequest, maxBytes: number) {
  const fields: Record<string, string> = {};
  let file: { bytes: Buffer; name: string } | undefined;
  const parts = request.parts({
    limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 1000, parts: 12 },
  });
  for await (const part of parts) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      if (part.fieldname !== 'file')
        throw apiError('JX_BAD_REQUEST', { detail: `未知的文件字段 ${part.fieldname.slice(0, 50)}` });
      file = { bytes, name: safeFileName(part.filename) };
    } else {
      fields[part.fieldname] = String(part.value);
    }
  }
  if (!file) throw apiError('JX_BAD_REQUEST', { detail: '缺少文件字段 file' });
  return { file, fields };
}

const upload: RoutesPlugin = async (app) => {
  await app.register(multipart, { limits: { fileSize: app.settings.maxUploadBytes, files: 1 } });

  app.post(
    '/api/reports/upload',
    {
      config: { access: { action: 'report.upload', unit: 'handler' } },
      schema: {
        summary: '上传报告：读取 → 抽取 → 审查 → 评分，全部结果在一个事务中保存',
        description:
          'multipart/form-data：file、unitId、year。同一单位同一年度再次上传即新版本（仅草稿或已退回时，否则 409）。',
        tags: TAGS,
        multipart: UploadForm,
        response: {
          201: UploadReply,
          409: ErrorBody,
          413: ErrorBody,
          415: ErrorBody,
          422: ErrorBody,
        },
      },
    },
    async (request, reply) => {
      const upload = await readUpload(request, app.settings.maxUploadBytes);
      // The unit is checked before anything else about the fields: another unit's id gets 403, not 400.
      authorize(request.actor!, 'report.upload', upload.fields.unitId ?? null);
      const { file } = upload;
      const fields = parse(UploadFields, upload.fields, '表单字段');
      const stored = await storeUpload(app.store, {
        actorId: request.actor!.id,
        unitId: fields.unitId,
        year: fields.year,
        bytes: file.bytes,
        fileName: file.name,
      });
      return reply.status(201).send({
        reportId: stored.reportId,
        version: stored.versionNumber,
        summary: stored.analysis.results.review.summary,
        warnings: stored.analysis.warnings,
      });
    },
  );
};

export default upload;
