/**
 * The SelfEvaluation model: the one source of the data model's types, validation and JSON Schema.
 * A report is a view of this data; the form editor, the generator and the scorer all read it.
 *
 * Money fields are integer 分 (see money.ts). Every amount block carries the three figures a 自评表 asks for:
 * 年初预算 (initial), 调整预算 (adjusted) and 全年执行数 (actual); any of them may be unknown (null).
 */
import { z } from 'zod';

export const Fen = z.number().int().describe('金额，单位：分（整数，精确）');

export const AmountFigures = z
  .object({
    initial: Fen.nullable().default(null).describe('年初预算数'),
    adjusted: Fen.nullable().default(null).describe('调整后预算数（全年预算数）'),
    actual: Fen.nullable().default(null).describe('全年执行数'),
  })
  .describe('预算与执行');

export const NamedAmount = AmountFigures.extend({
  name: z.string().min(1).describe('名称'),
  category: z.string().nullable().default(null).describe('所属类别'),
});

/** A project line: a named amount that may be one of the unit's 重点项目 (for 重点支出安排率). */
export const ProjectAmount = NamedAmount.extend({
  key: z.boolean().nullable().default(null).describe('是否重点项目（重点支出安排率的分子）'),
});

export const Unit = z.object({
  name: z.string().min(1).describe('单位名称'),
  code: z.string().nullable().default(null).describe('单位（预算）编码'),
  level: z.string().nullable().default(null).describe('单位级次，如 区级、市级'),
  region: z.string().nullable().default(null).describe('所在地区'),
  parentDepartment: z.string().nullable().default(null).describe('主管部门'),
});

export const OrgBodyKind = z.enum(['党政机构', '执法机构', '事业单位', '派出机构', '其他']);

export const Organisation = z.object({
  bodies: z
    .array(z.object({ name: z.string().min(1), kind: OrgBodyKind }))
    .default([])
    .describe('内设机构与下属单位'),
});

export const StaffCount = z.object({
  category: z.string().min(1).describe('人员类别，如 在职在编、转业士官、退休'),
  count: z.number().int().nonnegative(),
});

export const Staffing = z.object({
  authorizedTotal: z.number().int().nonnegative().nullable().default(null).describe('编制数'),
  authorized: z.array(StaffCount).default([]).describe('编制数（分类别）'),
  actualTotal: z.number().int().nonnegative().nullable().default(null).describe('年末实有人数'),
  actual: z.array(StaffCount).default([]).describe('年末实有人数（分类别）'),
  servingActual: z.number().int().nonnegative().nullable().default(null).describe('在职人员数（不含退休）'),
  changeFromLastYear: z.number().int().nullable().default(null).describe('比上年增减人数'),
  changeReason: z.string().nullable().default(null).describe('人员变动原因'),
});

export const GeneralPublicBudget = z.object({
  total: AmountFigures.default({ initial: null, adjusted: null, actual: null }).describe(
    '一般公共预算支出合计',
  ),
  basic: z
    .object({
      total: AmountFigures.default({ initial: null, adjusted: null, actual: null }).describe('基本支出'),
      personnel: AmountFigures.default({ initial: null, adjusted: null, actual: null }).describe('人员经费'),
      public: AmountFigures.default({ initial: null, adjusted: null, actual: null }).describe('公用经费'),
    })
    .default({
      total: { initial: null, adjusted: null, actual: null },
      personnel: { initial: null, adjusted: null, actual: null },
      public: { initial: null, adjusted: null, actual: null },
    }),
  project: z
    .object({
      total: AmountFigures.default({ initial: null, adjusted: null, actual: null }).describe('项目支出'),
      categories: z.array(NamedAmount).default([]).describe('项目支出（按类别）'),
      projects: z.array(ProjectAmount).default([]).describe('项目支出（按项目）'),
    })
    .default({ total: { initial: null, adjusted: null, actual: null }, categories: [], projects: [] }),
});

const SangongItem = z.object({
  budget: Fen.nullable().default(null).describe('预算数'),
  actual: Fen.nullable().default(null).describe('决算（实际）数'),
  lastYearActual: Fen.nullable().default(null).describe('上年实际数'),
  lastYearBudget: Fen.nullable().default(null).describe('上年预算数'),
});
const emptySangong = { budget: null, actual: null, lastYearActual: null, lastYearBudget: null };

export const Sangong = z.object({
  abroad: SangongItem.default(emptySangong).describe('因公出国（境）费'),
  vehiclePurchase: SangongItem.default(emptySangong).describe('公务用车购置费'),
  vehicleOperation: SangongItem.default(emptySangong).describe('公务用车运行维护费'),
  reception: SangongItem.default(emptySangong).describe('公务接待费'),
});

export const Budget = z.object({
  generalPublic: GeneralPublicBudget.default(GeneralPublicBudget.parse({})),
  govFund: AmountFigures.default({ initial: null, adjusted: null, actual: null }).describe(
    '政府性基金预算支出',
  ),
  stateCapital: AmountFigures.default({ initial: null, adjusted: null, actual: null }).describe(
    '国有资本经营预算支出',
  ),
  socialInsurance: AmountFigures.default({ initial: null, adjusted: null, actual: null }).describe(
    '社会保险基金预算支出',
  ),
  carryover: z
    .object({
      previousYear: Fen.nullable().default(null).describe('年初结转结余'),
      yearEnd: Fen.nullable().default(null).describe('年末结转结余'),
      lastYearEnd: Fen.nullable().default(null).describe('上年年末结转结余'),
    })
    .default({ previousYear: null, yearEnd: null, lastYearEnd: null }),
  sangong: Sangong.default(Sangong.parse({})),
  procurement: z
    .object({ budget: Fen.nullable().default(null), actual: Fen.nullable().default(null) })
    .default({ budget: null, actual: null })
    .describe('政府采购'),
  adjustment: z
    .object({
      counted: Fen.nullable()
        .default(null)
        .describe(
          '计入考核的预算调整数：追加、追减、结构调整的绝对值之和，不含政策性、不可抗力、临时交办调整',
        ),
    })
    .default({ counted: null })
    .describe('预算调整（预算调整率）'),
  paymentProgress: z
    .object({
      checkpoint: z.string().nullable().default(null).describe('检查时点，如 2020-06-30'),
      paid: Fen.nullable().default(null).describe('检查时点累计实际支出'),
      plannedRate: z.number().min(0).nullable().default(null).describe('既定支付进度（%）'),
    })
    .default({ checkpoint: null, paid: null, plannedRate: null })
    .describe('支付进度'),
});

export const Assets = z.object({
  fixedTotal: Fen.nullable().default(null).describe('固定资产总额（账面原值）'),
  fixedInUse: Fen.nullable().default(null).describe('实际在用固定资产总额（账面原值）'),
});

const Count = z.number().int().nonnegative().nullable().default(null);

/** Work counts behind the 产出 rates of the 部门整体 framework (实际完成率, 完成及时率, 质量达标率, 重点工作办结率). */
export const Tasks = z.object({
  planned: Count.describe('计划工作数'),
  completed: Count.describe('实际完成工作数'),
  onTime: Count.describe('及时完成工作数'),
  qualityOk: Count.describe('质量达标工作数'),
  keyAssigned: Count.describe('重点工作交办或下达数'),
  keyCompleted: Count.describe('重点工作实际完成数'),
});

export const Survey = z.object({
  surveyed: Count.describe('有效问卷数'),
  satisfied: Count.describe('满意（含基本满意）人数'),
});

export const Comparator = z.enum(['≥', '≤', '=', '>', '<', '~', 'qualitative']);

export const IndicatorTarget = z.object({
  comparator: Comparator,
  value: z.number().nullable().default(null).describe('目标值（定量）'),
  level: z.string().nullable().default(null).describe('定性目标的等级或表述'),
  unit: z.string().nullable().default(null).describe('计量单位'),
});

export const Indicator = z.object({
  level1: z.string().min(1).describe('一级指标'),
  level2: z.string().nullable().default(null).describe('二级指标'),
  level3: z.string().min(1).describe('三级指标'),
  target: IndicatorTarget,
  actual: z
    .object({ value: z.number().nullable().default(null), text: z.string().nullable().default(null) })
    .default({ value: null, text: null })
    .describe('实际完成值'),
  weight: z.number().nonnegative().nullable().default(null).describe('分值（权重）'),
  score: z.number().nonnegative().nullable().default(null).describe('得分'),
  deviationReason: z.string().nullable().default(null).describe('偏差原因分析及改进措施'),
});

export const Performance = z.object({
  overallGoals: z.array(z.string()).default([]).describe('年度总体目标'),
  indicators: z.array(Indicator).default([]).describe('年度绩效指标'),
  tasks: Tasks.default(Tasks.parse({})).describe('工作任务完成情况'),
  survey: Survey.default(Survey.parse({})).describe('满意度调查'),
});

export const SelfEvaluationShape = z.object({
  schemaVersion: z.literal(1).default(1),
  unit: Unit,
  fiscalYear: z.number().int().min(1990).max(2100).describe('预算年度'),
  duties: z.array(z.string()).default([]).describe('部门职能'),
  organisation: Organisation.default({ bodies: [] }),
  staffing: Staffing.default(Staffing.parse({})),
  budget: Budget.default(Budget.parse({})),
  assets: Assets.default(Assets.parse({})).describe('资产'),
  performance: Performance.default(Performance.parse({})),
  achievements: z
    .object({
      text: z.string().nullable().default(null),
      metrics: z.array(z.object({ name: z.string(), value: z.number(), unit: z.string() })).default([]),
    })
    .default({ text: null, metrics: [] })
    .describe('主要事业成效'),
  problems: z.array(z.string()).default([]).describe('存在的问题'),
  improvements: z.array(z.string()).default([]).describe('改进措施'),
  otherMatters: z.array(z.string()).default([]).describe('其他需要说明的情况'),
  resultsUse: z
    .object({
      application: z.string().nullable().default(null),
      disclosure: z.string().nullable().default(null),
    })
    .default({ application: null, disclosure: null })
    .describe('自评结果应用和公开情况'),
});

export type SelfEvaluation = z.infer<typeof SelfEvaluationShape>;
export type AmountFigures = z.infer<typeof AmountFigures>;
export type Indicator = z.infer<typeof Indicator>;
