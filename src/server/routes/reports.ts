/**
 * Reports: list with filters and pages, read one with its versions, its findings and
 * score, comments, the workflow transitions and the report's audit trail. Access is decided before any
 * handler runs (plugins/access.ts); handlers receive the checked report as `request.report`.
 */
import type { z } from 'zod';
import { appendAudit, listAuditPage } from '../../store/audit.ts';
import { addComment, listCommentsPage } from '../../store/comments.ts';
import type { Page } from '../../store/common.ts';
import { getVersion, listReports, listVersions, setState } from '../../store/reports.ts';
import { getReviewText, getScoreDocument } from '../../store/results.ts';
import type { Report, ReportVersion, Unit } from '../../store/schema.ts';
import { getUnit } from '../../store/units.ts';
import { apiError } from '../errors.ts';
import type { RoutesPlugin } from '../plugins/schemas.ts';
import { nextState, STATE_NAMES, scopeToUnit, TRANSITIONS, type Transition } from '../policy.ts';
import {
  AuditView,
  CommentBody,
  CommentView,
  Created,
  ErrorBody,
  PageOnlyQuery,
  pageOf,
  ReportDetail,
  ReportParams,
  ReportQuery,
  ReportView,
  ReviewDocument,
  ScoreDocument,
  TransitionBody,
} from '../schemas.ts';
import { viewOnce } from '../views-once.ts';
import { auditView, commentView, reportView, versionView } from './views.ts';

const TAGS = ['报告'];

function currentVersionOf(report: Report) {
  if (report.current_version < 1) throw apiError('JX_NOT_FOUND', { what: '报告的版本' });
  return report.current_version;
}

const listView = viewOnce((page: Page<Report & { unit_name: string }>) => ({
  ...page,
  items: page.items.map(reportView),
}));

const detailView = viewOnce((report: Report, versions: ReportVersion[], unit: Unit | undefined) => ({
  ...reportView({ ...report, unit_name: unit?.name ?? '' }),
  versions: versions.map(versionView),
}));

const reports: RoutesPlugin = async (app) => {
  const db = app.store.db;
  const readReport = { access: { action: 'report.read', unit: 'report' } } as const;

  app.get(
    '/api/reports',
    {
      config: { access: { action: 'report.list' } },
      schema: {
        summary: '报告列表（分页；按单位、年度、状态筛选；单位用户只看到本单位）',
        tags: TAGS,
        querystring: ReportQuery,
        response: { 200: pageOf(ReportView) },
      },
    },
    async (request) => {
      const query = request.query;
      const unitId = scopeToUnit(request.actor!, query.unitId);
      const page = await listReports(
        db,
        { unitId, year: query.year, state: query.state },
        query.page,
        query.pageSize,
      );
      return listView(page);
    },
  );

  app.get(
    '/api/reports/:id',
    {
      config: readReport,
      schema: {
        summary: '报告及其各版本',
        tags: TAGS,
        params: ReportParams,
        response: { 200: ReportDetail },
      },
    },
    async (request) => {
      const report = request.report!;
      const [versions, unit] = await Promise.all([listVersions(db, report.id), getUnit(db, report.unit_id)]);
      return detailView(report, versions, unit);
    },
  );

  const versionId = async (report: Report) => {
    const version = await getVersion(db, report.id, currentVersionOf(report));
    if (!version) throw apiError('JX_NOT_FOUND', { what: '报告的版本' });
    return version.id;
  };

  app.get(
    '/api/reports/:id/findings',
    {
      config: readReport,
      schema: {
        summary: '审查结果：与 jixiao check --format json 完全相同',
        tags: TAGS,
        params: ReportParams,
        response: { 200: ReviewDocument },
      },
    },
    async (request, reply) => {
      const text = await getReviewText(db, await versionId(request.report!));
      if (text === undefined) throw apiError('JX_NOT_FOUND', { what: '审查结果' });
      // Stored documents were validated when written; sent as the text they were serialised to once.
      return reply.type('application/json; charset=utf-8').send(text as never);
    },
  );

  app.get(
    '/api/reports/:id/score',
    {
      config: readReport,
      schema: {
        summary: '评分结果：与 jixiao score --format json 完全相同',
        tags: TAGS,
        params: ReportParams,
        response: { 200: ScoreDocument },
      },
    },
    async (request) => {
      const document = await getScoreDocument(db, await versionId(request.report!));
      if (document === undefined) throw apiError('JX_NOT_FOUND', { what: '评分结果' });
      return document as z.input<typeof ScoreDocument>;
    },
  );

  app.get(
    '/api/reports/:id/comments',
    {
      config: readReport,
      schema: {
        summary: '报告的意见（按时间顺序，分页）',
        tags: TAGS,
        params: ReportParams,
        querystring: PageOnlyQuery,
        response: { 200: pageOf(CommentView) },
      },
    },
    async (request) => {
      const { page, pageSize } = request.query;
      const found = await listCommentsPage(db, request.report!.id, page, pageSize);
      return { ...found, items: found.items.map(commentView) };
    },
  );

  app.post(
    '/api/reports/:id/comments',
    {
      config: { access: { action: 'report.comment', unit: 'report' } },
      schema: {
        summary: '添加意见（可定位到原文区间 [start, end)）',
        tags: TAGS,
        params: ReportParams,
        body: CommentBody,
        response: { 201: Created },
      },
    },
    async (request, reply) => {
      const body = request.body;
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
    const rule = TRANSITIONS[transition];
    app.post(
      `/api/reports/:id/${transition}`,
      {
        config: { access: { action: `report.${transition}`, unit: 'report' } },
        schema: {
          summary: `流程：${rule.name}（${rule.from.map((s) => STATE_NAMES[s]).join('、')} → ${STATE_NAMES[rule.to]}）`,
          description:
            transition === 'return'
              ? '须附意见 comment。version 过期时 409。'
              : 'version 过期时 409；可附意见 comment。',
          tags: TAGS,
          params: ReportParams,
          body: TransitionBody,
          response: { 200: ReportView, 409: ErrorBody },
        },
      },
      async (request) => {
        const body = request.body ?? {};
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
    {
      config: readReport,
      schema: {
        summary: '报告的审计记录（谁、何时、做了什么、前后状态；按写入顺序，分页）',
        tags: TAGS,
        params: ReportParams,
        querystring: PageOnlyQuery,
        response: { 200: pageOf(AuditView) },
      },
    },
    async (request) => {
      const { page, pageSize } = request.query;
      const filter = { entity: 'report', entityId: request.report!.id };
      const found = await listAuditPage(db, filter, page, pageSize);
      return { ...found, items: found.items.map(auditView) };
    },
  );
};
export default reports;
