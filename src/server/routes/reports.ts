/**
 * Reports: upload (multipart), list with filters and pages, read one with its versions, its findings and
 * score, comments, the workflow transitions and the report's audit trail. Access is decided before any
 * handler runs (plugins/access.ts); handlers receive the checked report as `request.report`.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { appendAudit, listAudit } from '../../store/audit.ts';
import { addComment, listComments } from '../../store/comments.ts';
import { getVersion, listReports, listVersions, setState } from '../../store/reports.ts';
import { getReview, getScoreDocument } from '../../store/results.ts';
import { REPORT_STATES, type Report } from '../../store/schema.ts';
import { apiError } from '../errors.ts';
import { authorize, nextState, scopeToUnit, TRANSITIONS, type Transition } from '../policy.ts';
import { storeUpload } from '../uploads.ts';
import { Id, parse, stripControlCharacters, text, Year } from '../validate.ts';
import { auditView, reportView, versionView } from './views.ts';

const ListQuery = z.strictObject({
  unitId: Id.optional(),
  year: Year.optional(),
  state: z.enum(REPORT_STATES).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

const UploadFields = z.strictObject({ unitId: Id, year: Year });

const Anchor = {
  start: z.number().int().min(0).max(1e9).optional(),
  end: z.number().int().min(0).max(1e9).optional(),
};

const CommentBody = z
  .strictObject({ body: text(5000), ...Anchor })
  .refine((c) => (c.start === undefined) === (c.end === undefined) && (c.start ?? 0) <= (c.end ?? 0), {
    message: 'start 与 end 须同时给出，且 start 不大于 end',
  });

const TransitionBody = z.strictObject({
  version: z.number().int().min(1).optional(),
  comment: text(5000).optional(),
  ...Anchor,
});

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

function currentVersionOf(report: Report) {
  if (report.current_version < 1) throw apiError('JX_NOT_FOUND', { what: '报告的版本' });
  return report.current_version;
}

const reports: FastifyPluginAsync = async (app) => {
  const db = app.store.db;

  app.get('/api/reports', { config: { access: { action: 'report.list' } } }, async (request) => {
    const query = parse(ListQuery, request.query);
    const unitId = scopeToUnit(request.actor!, query.unitId);
    const page = await listReports(
      db,
      { unitId, year: query.year, state: query.state },
      query.page,
      query.pageSize,
    );
    return { ...page, items: page.items.map(reportView) };
  });

  app.post(
    '/api/reports/upload',
    { config: { access: { action: 'report.upload', unit: 'handler' } } },
    async (request, reply) => {
      const upload = await readUpload(request, app.settings.maxUploadBytes);
      // The unit is checked before anything else about the fields: another unit's id gets 403, not 400.
      authorize(request.actor!, 'report.upload', upload.fields.unitId ?? null);
      const { file } = upload;
      const fields = parse(UploadFields, upload.fields);
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

  app.get(
    '/api/reports/:id',
    { config: { access: { action: 'report.read', unit: 'report' } } },
    async (request) => {
      const report = request.report!;
      const versions = await listVersions(db, report.id);
      return { ...reportView(report), versions: versions.map(versionView) };
    },
  );

  const versionId = async (report: Report) => {
    const version = await getVersion(db, report.id, currentVersionOf(report));
    if (!version) throw apiError('JX_NOT_FOUND', { what: '报告的版本' });
    return version.id;
  };

  app.get(
    '/api/reports/:id/findings',
    { config: { access: { action: 'report.read', unit: 'report' } } },
    async (request) => {
      const review = await getReview(db, await versionId(request.report!));
      if (!review) throw apiError('JX_NOT_FOUND', { what: '审查结果' });
      return review;
    },
  );

  app.get(
    '/api/reports/:id/score',
    { config: { access: { action: 'report.read', unit: 'report' } } },
    async (request) => {
      const document = await getScoreDocument(db, await versionId(request.report!));
      if (document === undefined) throw apiError('JX_NOT_FOUND', { what: '评分结果' });
      return document;
    },
  );

  app.get(
    '/api/reports/:id/comments',
    { config: { access: { action: 'report.read', unit: 'report' } } },
    async (request) => ({
      items: (await listComments(db, request.report!.id)).map((c) => ({
        id: c.id,
        author: c.author,
        body: c.body,
        start: c.span_start,
        end: c.span_end,
        createdAt: c.created_at,
      })),
    }),
  );

  app.post(
    '/api/reports/:id/comments',
    { config: { access: { action: 'report.comment', unit: 'report' } } },
    async (request, reply) => {
      const body = parse(CommentBody, request.body);
      const report = request.report!;
      const version = await versionId(report);
      const comment = await db.transaction().execute(async (trx) => {
        const created = await addComment(trx, {
          reportId: report.id,
          versionId: version,
          authorId: request.actor!.id,
          body: body.body,
          ...(body.start !== undefined ? { start: body.start, end: body.end! } : {}),
        });
        await appendAudit(trx, {
          actorId: request.actor!.id,
          action: 'comment.create',
          entity: 'report',
          entityId: report.id,
          after: { commentId: created.id },
        });
        return created;
      });
      return reply.status(201).send({ id: comment.id });
    },
  );

  for (const transition of Object.keys(TRANSITIONS) as Transition[]) {
    app.post(
      `/api/reports/:id/${transition}`,
      { config: { access: { action: `report.${transition}`, unit: 'report' } } },
      async (request) => {
        const body = parse(TransitionBody, request.body ?? {});
        const report = request.report!;
        // A stale view is reported first: the state it shows may be what the user acted on.
        const expected = body.version ?? report.version;
        if (expected !== report.version)
          throw apiError('JX_STALE', { current: report.version, given: expected });
        const to = nextState(report.state, transition);
        if (transition === 'return' && body.comment === undefined) {
          throw apiError('JX_BAD_REQUEST', { detail: '退回报告须附意见（comment）' });
        }
        const version = body.comment !== undefined ? await versionId(report) : undefined;
        const updated = await db.transaction().execute(async (trx) => {
          const changed = await setState(trx, report.id, expected, to);
          if (!changed) throw apiError('JX_STALE', { current: expected + 1, given: expected });
          let commentId: string | undefined;
          if (body.comment !== undefined && version !== undefined) {
            commentId = (
              await addComment(trx, {
                reportId: report.id,
                versionId: version,
                authorId: request.actor!.id,
                body: body.comment,
                ...(body.start !== undefined && body.end !== undefined
                  ? { start: body.start, end: body.end }
                  : {}),
              })
            ).id;
          }
          await appendAudit(trx, {
            actorId: request.actor!.id,
            action: `report.${transition}`,
            entity: 'report',
            entityId: report.id,
            before: { state: report.state, version: report.version },
            after: { state: changed.state, version: changed.version, ...(commentId ? { commentId } : {}) },
          });
          return changed;
        });
        return reportView(updated);
      },
    );
  }

  app.get(
    '/api/reports/:id/audit',
    { config: { access: { action: 'report.read', unit: 'report' } } },
    async (request) => ({
      items: (await listAudit(db, { entity: 'report', entityId: request.report!.id })).map(auditView),
    }),
  );
};
export default reports;
