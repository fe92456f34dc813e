/**
 * The API's contract as zod schemas: every request part (params, query, body) and every response. Routes
 * declare them in `schema`; the schema plugin validates requests and serialises responses through them
 * (a field a response schema does not list is dropped, never sent), and the OpenAPI document at
 * `/api/openapi.json` is generated from the same objects. Request schemas live here too, so one file
 * shows the whole API.
 */
import { z } from 'zod';
import { REPORT_STATES, ROLES } from '../store/schema.ts';
import { MIN_PASSWORD_LENGTH } from './passwords.ts';
import { Id, text, Year } from './validate.ts';

// ---------------------------------------------------------------------------------------------------------
// Shared pieces

export const ErrorBody = z.object({ error: z.string().describe('中文错误说明（不含调用栈）') });

const Timestamp = z.string().describe('ISO-8601 时间（UTC）');
const RoleSchema = z.enum(ROLES).describe('角色');
const StateSchema = z.enum(REPORT_STATES).describe('流程状态');

export const PageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1).describe('页码，从 1 开始'),
  pageSize: z.coerce.number().int().min(1).max(100).default(20).describe('每页条数（1–100）'),
};

/** Only the page and its size (lists within one report). */
export const PageOnlyQuery = z.strictObject(PageQuery);

/** A page of `item`s: `{ items, total, page, pageSize }`. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int().describe('符合条件的总条数'),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const ReportParams = z.strictObject({ id: Id.describe('报告 id') });

// ---------------------------------------------------------------------------------------------------------
// Views: what the API shows of stored rows (explicit fields only: no password hash ever leaves)

export const UserView = z.object({
  id: z.string(),
  username: z.string(),
  role: RoleSchema,
  unitId: z.string().nullable().describe('所属单位；审核人和管理员为 null'),
});

export const UnitView = z.object({
  id: z.string(),
  name: z.string(),
  regionId: z.string(),
  createdAt: Timestamp,
});

export const ReportView = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string().optional().describe('单位名称（列表中给出）'),
  year: z.number().int(),
  state: StateSchema,
  stateName: z.string().describe('状态的中文名'),
  version: z.number().int().describe('乐观锁版本：流程操作时回传，过期则 409'),
  currentVersion: z.number().int().describe('最新上传版本的序号'),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const VersionView = z.object({
  number: z.number().int(),
  fileName: z.string(),
  uploadedBy: z.string().nullable(),
  createdAt: Timestamp,
});

export const ReportDetail = ReportView.extend({ versions: z.array(VersionView) });

export const CommentView = z.object({
  id: z.string(),
  author: z.string(),
  body: z.string(),
  start: z.number().int().nullable(),
  end: z.number().int().nullable(),
  createdAt: Timestamp,
});

export const AuditView = z.object({
  id: z.number().int(),
  at: Timestamp,
  actorId: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  before: z.unknown().describe('变更前（JSON，可为 null）'),
  after: z.unknown().describe('变更后（JSON，可为 null）'),
});

// ---------------------------------------------------------------------------------------------------------
// The review and score documents: exactly what `jixiao check --format json` and `jixiao score --format
// json` print (field order as printed, so the API's bytes match the CLI's).

const SpanView = z.object({
  start: z.number().int(),
  end: z.number().int(),
  text: z.string(),
  page: z.number().int().optional().describe('PDF 的页码（从 1 开始）'),
});

export const ReviewDocument = z.object({
  findings: z.array(
    z.object({
      rule: z.string(),
      messageId: z.string(),
      severity: z.enum(['error', 'warning', 'info']),
      message: z.string(),
      spans: z.array(SpanView),
      data: z.record(z.string(), z.unknown()),
    }),
  ),
  summary: z.object({ error: z.number().int(), warning: z.number().int(), info: z.number().int() }),
  checks: z.array(
    z.object({
      rule: z.string(),
      status: z.enum(['passed', 'failed', 'skipped']),
      count: z.number().int(),
      reason: z.string().optional(),
    }),
  ),
  source: z
    .object({
      format: z.enum(['txt', 'docx', 'pdf', 'html', 'xlsx', 'xls']),
      pages: z
        .array(z.object({ page: z.number().int(), start: z.number().int(), end: z.number().int() }))
        .optional(),
    })
    .optional(),
});

const Points = z.number().nullable();

export const ScoreDocument = z.object({
  framework: z.string(),
  total: z.number(),
  grade: z.string().nullable(),
  frameworkName: z.string(),
  frameworkVersion: z.string(),
  unitName: z.string(),
  fiscalYear: z.number().int(),
  maxTotal: z.number(),
  scoredWeight: z.number(),
  unscoredWeight: z.number(),
  unscoredCount: z.number().int(),
  possibleMax: z.number(),
  gradeFinal: z.boolean(),
  gradePolicy: z.enum(['provisional', 'withhold']),
  gradeNote: z.string(),
  groups: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      level: z.number().int(),
      path: z.array(z.string()),
      weight: z.number(),
      points: z.number(),
      scoredWeight: z.number(),
      unscoredCount: z.number().int(),
    }),
  ),
  notes: z.array(z.string()),
  derived: z.array(z.string()),
  indicators: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      level: z.number().int(),
      weight: Points,
      points: Points,
      value: Points,
      explanation: z.string(),
      missing: z.array(z.string()).describe('未评分的原因；已评分时为空'),
      path: z.array(z.string()),
      parents: z.array(z.string()),
      unit: z.string().nullable(),
      steps: z.array(z.string()),
      flags: z.array(z.string()),
      rule: z.string().nullable(),
      manual: z.boolean(),
      inputs: z.array(
        z.object({
          name: z.string(),
          label: z.string(),
          value: Points,
          display: z.string(),
          paths: z.array(z.string()),
          note: z.string().optional(),
        }),
      ),
    }),
  ),
});

// ---------------------------------------------------------------------------------------------------------
// Requests and their specific replies

export const LoginBody = z.strictObject({
  username: z.string().min(1).max(100),
  password: z.string().min(1).max(1000),
});
export const SessionReply = z.object({ csrfToken: z.string(), user: UserView });
export const SessionState = z.object({ csrfToken: z.string().nullable(), user: UserView.nullable() });

export const UnitBody = z.strictObject({
  name: text(200).describe('单位名称'),
  region: text(100).optional().describe('所属地区/财政局，默认“本级”'),
});
export const UnitQuery = z.strictObject({ ...PageQuery, regionId: Id.optional().describe('按地区筛选') });

export const UserBody = z.strictObject({
  username: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[\p{L}\p{N}._@-]+$/u, '只能包含文字、数字和 . _ @ -'),
  password: z.string().min(MIN_PASSWORD_LENGTH).max(1000),
  role: RoleSchema,
  unitId: Id.nullable().optional().describe('单位角色必填；审核人和管理员不填'),
});

export const ReportQuery = z.strictObject({
  unitId: Id.optional().describe('按单位筛选（单位用户只能看本单位）'),
  year: Year.optional().describe('按年度筛选'),
  state: StateSchema.optional().describe('按流程状态筛选'),
  ...PageQuery,
});

/** The multipart upload's text fields; the file arrives in the part named `file`. */
export const UploadFields = z.strictObject({ unitId: Id.describe('单位 id'), year: Year.describe('年度') });
/** The upload form as documented (the file is not a JSON value, hence a binary string). */
export const UploadForm = UploadFields.extend({
  file: z.string().meta({ format: 'binary' }).describe('报告文件（PDF、Word、Excel、网页或纯文本）'),
});
export const UploadReply = z.object({
  reportId: z.string(),
  version: z.number().int(),
  summary: ReviewDocument.shape.summary,
  warnings: z.array(z.string()),
});

const Anchor = {
  start: z.number().int().min(0).max(1e9).optional().describe('意见对应原文区间的起点（UTF-16 下标）'),
  end: z.number().int().min(0).max(1e9).optional().describe('区间终点（不含）'),
};

export const CommentBody = z
  .strictObject({ body: text(5000).describe('意见内容'), ...Anchor })
  .refine((c) => (c.start === undefined) === (c.end === undefined) && (c.start ?? 0) <= (c.end ?? 0), {
    message: 'start 与 end 须同时给出，且 start 不大于 end',
  });

/** A workflow step; the whole body may be left out. */
export const TransitionBody = z
  .strictObject({
    version: z.number().int().min(1).optional().describe('客户端看到的报告版本（乐观锁）'),
    comment: text(5000).optional().describe('意见；退回时必填'),
    ...Anchor,
  })
  .optional();

export const AuditQuery = z.strictObject({
  ...PageQuery,
  entity: z.enum(['report', 'unit', 'user', 'reprocess']).optional().describe('按对象类型筛选'),
  entityId: Id.optional().describe('按对象 id 筛选'),
  actorId: Id.optional().describe('按操作人筛选'),
});

export const Created = z.object({ id: z.string() });

/** A reply without a body (204). */
export const NoContent = z.void();

export const Health = z.object({ status: z.literal('ok'), database: z.enum(['sqlite', 'postgres']) });
export const Unhealthy = z.object({ status: z.literal('unavailable'), error: z.string() });

// ---------------------------------------------------------------------------------------------------------
// The web app's pages: text, model editing, versions, decisions, manual scores, exports, overview

export const TextReply = z.object({
  text: z.string().describe('解码后的全文；审查结果与意见的位置都是它的 UTF-16 下标'),
  format: z.string(),
  pages: z
    .array(z.object({ page: z.number().int(), start: z.number().int(), end: z.number().int() }))
    .optional()
    .describe('PDF 每页文字在全文中的范围'),
});

const ModelJson = z
  .record(z.string(), z.unknown())
  .describe('SelfEvaluation 模型（见 schemas/ 下的 JSON Schema）');

export const ModelReply = z.object({
  version: z.number().int().describe('报告版本（乐观锁）'),
  versionNumber: z.number().int().describe('模型所在的报告版本号'),
  model: ModelJson,
});

export const ModelBody = z.strictObject({
  version: z.number().int().min(1).describe('客户端看到的报告版本；过期时 409'),
  model: ModelJson,
});

export const VersionParams = z.strictObject({
  id: Id.describe('报告 id'),
  number: z.coerce.number().int().min(1).max(100_000).describe('版本号'),
});

export const DiffQuery = z.strictObject({
  from: z.coerce.number().int().min(1).max(100_000).describe('旧版本号'),
  to: z.coerce.number().int().min(1).max(100_000).describe('新版本号'),
});

export const DiffReply = z.object({
  from: z.number().int(),
  to: z.number().int(),
  changes: z.array(
    z.object({
      path: z.string().describe('字段路径，如 budget.generalPublic.total.actual'),
      label: z.string().describe('字段的中文名称'),
      before: z.unknown(),
      after: z.unknown(),
    }),
  ),
});

export const DecisionBody = z
  .strictObject({
    rule: text(100).describe('规则 id'),
    quote: text(5000).describe('问题引用的原文（各区间原文以“ … ”连接）'),
    decision: z.enum(['confirmed', 'dismissed']).describe('confirmed：确认；dismissed：不是问题'),
    reason: text(2000).optional().describe('理由；“不是问题”时必填'),
  })
  .refine((d) => d.decision === 'confirmed' || (d.reason ?? '').trim() !== '', {
    message: '标记为“不是问题”须说明理由',
    path: ['reason'],
  });

export const DecisionView = z.object({
  rule: z.string(),
  quote: z.string(),
  decision: z.enum(['confirmed', 'dismissed']),
  reason: z.string().nullable(),
  actor: z.string(),
  decidedAt: Timestamp,
});

export const ManualScoreBody = z.strictObject({
  indicator: text(200).describe('指标编号，如 input.goal.rationality'),
  value: z
    .union([z.number().min(0).max(1000), text(200)])
    .nullable()
    .describe('得分（数字）、等级（“良”或“良:8”）或核对项（“未满足:1,3”）；null 撤销'),
});

export const ScoreSheetReply = z.object({
  manual: z.record(z.string(), z.string()).describe('已录入的人工评分'),
  score: ScoreDocument,
});

export const ExportParams = z.strictObject({
  id: Id.describe('报告 id'),
  format: z.enum(['docx', 'xlsx', 'pdf', 'html']).describe('导出格式'),
});

export const OverviewQuery = z.strictObject({ year: Year.optional().describe('年度') });

export const OverviewReply = z.object({
  rows: z.array(
    z.object({
      reportId: z.string(),
      unitId: z.string(),
      unitName: z.string(),
      year: z.number().int(),
      state: StateSchema,
      stateName: z.string(),
      score: z.number().nullable(),
      grade: z.string().nullable(),
      executionRate: z
        .number()
        .nullable()
        .describe('预算执行率（%）：全年执行数 ÷ 调整预算（无调整预算时按年初预算）'),
      findings: z.object({ error: z.number().int(), warning: z.number().int(), info: z.number().int() }),
    }),
  ),
  rules: z.array(
    z.object({
      rule: z.string(),
      decided: z.number().int(),
      dismissed: z.number().int(),
      dismissalRate: z.number().describe('被标为“不是问题”的比例（0–1）'),
    }),
  ),
});
