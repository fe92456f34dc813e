/**
 * What the web app's pages need beyond the workflow: a version's text and model, editing the model (a new
 * immutable version), version diffs, reviewers' decisions on findings, manual scores, exports and the
 * reviewers' overview. Access is decided by the access plugin like every route (`config.access`).
 */
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';
import type { z } from 'zod';
import { formatScoreJson } from '../../cli/commands/score-run.ts';
import { diffModels } from '../../model/diff.ts';
import type { SelfEvaluation } from '../../model/schema.ts';
import { validateModel } from '../../model/validate.ts';
import { renderReport } from '../../render/report/index.ts';
import { docxToPdf } from '../../render/report/pdf.ts';
import { score } from '../../scoring/engine.ts';
import { DEFAULT_FRAMEWORK_ID, getFramework } from '../../scoring/frameworks.ts';
import { appendAudit } from '../../store/audit.ts';
import { decide, decisionStats, listDecisions, manualScores, setManualScore } from '../../store/decisions.ts';
import { overviewRows } from '../../store/overview.ts';
import type { FindingDecision, Report } from '../../store/schema.ts';
import { apiError } from '../errors.ts';
import { modelFileName } from '../pipeline.ts';
import type { RoutesPlugin } from '../plugins/schemas.ts';
import { STATE_NAMES } from '../policy.ts';
import {
  DecisionBody,
  DecisionView,
  DiffQuery,
  DiffReply,
  ErrorBody,
  ExportParams,
  ManualScoreBody,
  ModelBody,
  ModelReply,
  OverviewQuery,
  OverviewReply,
  ReportParams,
  ScoreSheetReply,
  TextReply,
  UploadReply,
  VersionParams,
} from '../schemas.ts';
import { storeUpload } from '../uploads.ts';
import { versionContent } from '../versions.ts';

const TAGS = ['网页'];

const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
} as const;

/** A download with a Chinese file name (RFC 5987), never rendered in the API's origin. */
function sendFile(reply: FastifyReply, bytes: Buffer | string, name: string, type: string) {
  return reply
    .type(type)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(bytes);
}

function decisionView(row: FindingDecision & { actor: string }): z.input<typeof DecisionView> {
  return {
    rule: row.rule,
    quote: row.quote,
    decision: row.decision,
    reason: row.reason,
    actor: row.actor,
    decidedAt: row.decided_at,
  };
}

/** 全年执行数 ÷ 调整预算 (年初预算 when no adjusted figure), in %, of the general public budget. */
export function executionRate(model: SelfEvaluation): number | null {
  const total = model.budget.generalPublic.total;
  const planned = total.adjusted ?? total.initial;
  if (planned === null || planned === 0 || total.actual === null) return null;
  return Math.round((total.actual / planned) * 10_000) / 100;
}

const workbench: RoutesPlugin = async (app) => {
  const db = app.store.db;
  const readReport = { access: { action: 'report.read', unit: 'report' } } as const;
  const framework = getFramework(DEFAULT_FRAMEWORK_ID)!;

  /** A version's model (the current one by default), with the report's optimistic version to save against. */
  const modelReply = async (report: Report, number?: number) => {
    const content = await versionContent(db, report, number);
    return { version: report.version, versionNumber: content.number, model: content.model };
  };

  /** The current version scored with the evaluators' manual scores (the stored score has none). */
  const scoreOf = async (report: Report) => {
    const content = await versionContent(db, report);
    const manual = await manualScores(db, report.id);
    return { content, manual, result: score(content.model, framework, { manual }) };
  };
  const scoreSheet = async (report: Report) => {
    const { manual, result } = await scoreOf(report);
    return { manual, score: JSON.parse(formatScoreJson(result)) };
  };

  app.get(
    '/api/reports/:id/text',
    {
      config: readReport,
      schema: {
        summary: '当前版本的全文（审查结果和意见的位置以此为准）',
        tags: TAGS,
        params: ReportParams,
        response: { 200: TextReply },
      },
    },
    async (request) => {
      const { loaded } = await versionContent(db, request.report!);
      return { text: loaded.text, format: loaded.format, ...(loaded.pages ? { pages: loaded.pages } : {}) };
    },
  );

  app.get(
    '/api/reports/:id/model',
    {
      config: readReport,
      schema: {
        summary: '当前版本的 SelfEvaluation 模型（填报表单的内容）',
        tags: TAGS,
        params: ReportParams,
        response: { 200: ModelReply },
      },
    },
    async (request) => modelReply(request.report!),
  );

  app.put(
    '/api/reports/:id/model',
    {
      config: { access: { action: 'report.edit', unit: 'report' } },
      schema: {
        summary: '保存填报内容：新的不可变版本，重新审查和评分',
        description: 'version 过期时 409；模型不符合结构或数字不一致时 422（中文说明各字段）。',
        tags: TAGS,
        params: ReportParams,
        body: ModelBody,
        response: { 201: UploadReply, 409: ErrorBody, 422: ErrorBody },
      },
    },
    async (request, reply) => {
      const report = request.report!;
      const body = request.body;
      if (body.version !== report.version)
        throw apiError('JX_STALE', { current: report.version, given: body.version });
      const checked = validateModel(body.model);
      if (!checked.ok) {
        throw apiError('JX_UNPROCESSABLE', {
          detail: `填报内容有 ${checked.issues.length} 处问题：${checked.issues
            .slice(0, 5)
            .map((issue) => issue.message)
            .join('；')}`,
        });
      }
      const stored = await storeUpload(app.store, {
        actorId: request.actor!.id,
        unitId: report.unit_id,
        year: report.year,
        bytes: new TextEncoder().encode(JSON.stringify(checked.model, null, 2)),
        fileName: modelFileName(report.year),
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
    '/api/reports/:id/versions/:number/model',
    {
      config: readReport,
      schema: {
        summary: '某一版本的模型（版本历史）',
        tags: TAGS,
        params: VersionParams,
        response: { 200: ModelReply },
      },
    },
    async (request) => modelReply(request.report!, request.params.number),
  );

  app.get(
    '/api/reports/:id/diff',
    {
      config: readReport,
      schema: {
        summary: '两个版本之间模型的差异（逐字段，中文名称）',
        tags: TAGS,
        params: ReportParams,
        querystring: DiffQuery,
        response: { 200: DiffReply },
      },
    },
    async (request) => {
      const report = request.report!;
      const { from, to } = request.query;
      const [before, after] = await Promise.all([
        versionContent(db, report, from),
        versionContent(db, report, to),
      ]);
      return { from, to, changes: diffModels(before.model, after.model) };
    },
  );

  app.get(
    '/api/reports/:id/decisions',
    {
      config: readReport,
      schema: {
        summary: '审核人对各审查问题的判定（按规则和引用原文对应到问题）',
        tags: TAGS,
        params: ReportParams,
        response: { 200: DecisionView.array() },
      },
    },
    async (request) => (await listDecisions(db, request.report!.id)).map(decisionView),
  );

  app.put(
    '/api/reports/:id/decisions',
    {
      config: { access: { action: 'report.decide', unit: 'report' } },
      schema: {
        summary: '判定一个审查问题：确认 / 不是问题（须附理由）',
        description: '问题以规则 rule 和引用原文 quote 标识，重新审查（jixiao reprocess）后仍对应同一问题。',
        tags: TAGS,
        params: ReportParams,
        body: DecisionBody,
        response: { 200: DecisionView },
      },
    },
    async (request) => {
      const report = request.report!;
      const body = request.body;
      const saved = await db.transaction().execute(async (trx) => {
        const { before, after } = await decide(trx, {
          reportId: report.id,
          rule: body.rule,
          quote: body.quote,
          decision: body.decision,
          reason: body.reason?.trim() || null,
          actorId: request.actor!.id,
        });
        await appendAudit(trx, {
          actorId: request.actor!.id,
          action: 'finding.decide',
          entity: 'report',
          entityId: report.id,
          before: before ? { rule: before.rule, quote: before.quote, decision: before.decision } : undefined,
          after: { rule: after.rule, quote: after.quote, decision: after.decision, reason: after.reason },
        });
        return after;
      });
      return decisionView({ ...saved, actor: request.actor!.username });
    },
  );

  app.get(
    '/api/reports/:id/scoresheet',
    {
      config: readReport,
      schema: {
        summary: '评分表：当前版本的评分，含已录入的人工评分',
        tags: TAGS,
        params: ReportParams,
        response: { 200: ScoreSheetReply },
      },
    },
    async (request) => scoreSheet(request.report!),
  );

  app.put(
    '/api/reports/:id/manual-scores',
    {
      config: { access: { action: 'report.score', unit: 'report' } },
      schema: {
        summary: '录入或撤销一项定性指标的人工评分',
        tags: TAGS,
        params: ReportParams,
        body: ManualScoreBody,
        response: { 200: ScoreSheetReply, 422: ErrorBody },
      },
    },
    async (request) => {
      const report = request.report!;
      const { indicator, value } = request.body;
      const text = value === null ? null : String(value);
      // Scored once before saving: an unknown indicator or a malformed value is refused with the engine's words.
      const content = await versionContent(db, report);
      score(content.model, framework, {
        manual: { ...(await manualScores(db, report.id)), ...(text === null ? {} : { [indicator]: text }) },
      });
      await db.transaction().execute(async (trx) => {
        await setManualScore(trx, {
          reportId: report.id,
          indicator,
          value: text,
          actorId: request.actor!.id,
        });
        await appendAudit(trx, {
          actorId: request.actor!.id,
          action: 'score.manual',
          entity: 'report',
          entityId: report.id,
          after: { indicator, value: text },
        });
      });
      return scoreSheet(report);
    },
  );

  app.get(
    '/api/reports/:id/export/:format',
    {
      config: { access: { action: 'report.read', unit: 'report' } },
      schema: {
        summary: '导出报告（DOCX、XLSX、PDF、HTML），由当前版本的模型生成',
        description: 'PDF 需要服务器安装 LibreOffice 和中文字体，缺少时 422 并说明安装命令。',
        tags: TAGS,
        params: ExportParams,
        response: { 200: ErrorBody.shape.error.describe('文件内容（二进制）'), 422: ErrorBody },
      },
    },
    async (request, reply) => {
      const report = request.report!;
      const { format } = request.params;
      const { model } = await versionContent(db, report);
      const base = `${model.unit.name || '报告'}-${report.year}年度绩效自评报告`;
      if (format === 'pdf') {
        const docx = (await renderReport(model, new Set(['docx']))).docx!;
        return sendFile(reply, await docxToPdf(docx, `${base}.pdf`), `${base}.pdf`, MIME.pdf);
      }
      const rendered = await renderReport(model, new Set([format]));
      return sendFile(reply, rendered[format]!, `${base}.${format}`, MIME[format]);
    },
  );

  const overview = async (year: number | undefined): Promise<z.input<typeof OverviewReply>> => {
    const rows = await overviewRows(db, year);
    const withRates = await Promise.all(
      rows.map(async (row) => {
        const scored =
          row.report.current_version >= 1 ? await scoreOf(row.report).catch(() => undefined) : undefined;
        return {
          reportId: row.report.id,
          unitId: row.report.unit_id,
          unitName: row.report.unit_name,
          year: row.report.year,
          state: row.report.state,
          stateName: STATE_NAMES[row.report.state],
          score: scored ? scored.result.total : row.score,
          grade: scored ? scored.result.grade : row.grade,
          executionRate: scored ? executionRate(scored.content.model) : null,
          findings: row.findings,
        };
      }),
    );
    const rules = (await decisionStats(db)).map((stat) => ({
      ...stat,
      dismissalRate: stat.decided === 0 ? 0 : stat.dismissed / stat.decided,
    }));
    return { rows: withRates, rules };
  };

  app.get(
    '/api/overview',
    {
      config: { access: { action: 'overview.read' } },
      schema: {
        summary: '总览：本地区各单位报告的得分、等级、执行率、问题数和状态；各规则被判为“不是问题”的比例',
        tags: TAGS,
        querystring: OverviewQuery,
        response: { 200: OverviewReply },
      },
    },
    async (request) => overview(request.query.year),
  );

  app.get(
    '/api/overview.xlsx',
    {
      config: { access: { action: 'overview.read' } },
      schema: {
        summary: '总览表导出为 XLSX',
        tags: TAGS,
        querystring: OverviewQuery,
        response: { 200: ErrorBody.shape.error.describe('XLSX 文件（二进制）') },
      },
    },
    async (request, reply) => {
      const { rows } = await overview(request.query.year);
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('总览');
      sheet.columns = [
        { header: '单位', key: 'unitName', width: 28 },
        { header: '年度', key: 'year', width: 8 },
        { header: '状态', key: 'stateName', width: 10 },
        { header: '得分', key: 'score', width: 10 },
        { header: '等级', key: 'grade', width: 8 },
        { header: '预算执行率（%）', key: 'executionRate', width: 16 },
        { header: '错误', key: 'error', width: 8 },
        { header: '警告', key: 'warning', width: 8 },
        { header: '提示', key: 'info', width: 8 },
      ];
      for (const row of rows) sheet.addRow({ ...row, ...row.findings });
      sheet.getRow(1).font = { bold: true };
      const bytes = Buffer.from(await book.xlsx.writeBuffer());
      return sendFile(reply, bytes, `总览-${request.query.year ?? '全部年度'}.xlsx`, MIME.xlsx);
    },
  );
};
export default workbench;
