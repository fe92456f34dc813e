/**
 * The report's tables as plain rows of text: the budget table (合计, then 基本支出 and 项目支出 with their 其中
 * rows, so the text engine reads the same sums a finance officer would) and the
 * indicator table in the 自评表 column order the score-sheet reader knows. Columns without any value are
 * left out rather than shown empty.
 */
import type { AmountFigures, Indicator, SelfEvaluation } from '../../model/schema.ts';
import { planOf, rate, sum, trimZeros } from './vars.ts';

export interface ReportTable {
  header: string[];
  rows: string[][];
  /** Right-aligned (figure) columns. */
  numeric: boolean[];
  /** Columns whose equal neighbours merge vertically (一级/二级指标); a later column merges only inside
   *  the earlier column's merged run. */
  mergeColumns: number[];
  /** Relative column widths. */
  widths: number[];
}

export const EMPTY_CELL = '—';

export function tableFor(id: 'budget' | 'indicators', model: SelfEvaluation): ReportTable | null {
  return id === 'budget' ? budgetTable(model) : indicatorTable(model.performance.indicators);
}

/** 分 → "1771.06" (万元, two decimals as finance tables print them). */
export function wan(fen: number | null): string {
  return fen === null ? EMPTY_CELL : (fen / 1_000_000).toFixed(2);
}

interface BudgetRow {
  label: string;
  figures: AmountFigures;
}

/**
 * 合计 first, then 基本支出 and 项目支出 each followed by its 其中 rows: the order of a 部门决算 table, and one
 * the text engine reads without ambiguity (a 其中 list under a middle row ends where its parts add up).
 */
export function budgetRows(model: SelfEvaluation): BudgetRow[] {
  const gp = model.budget.generalPublic;
  const has = (f: AmountFigures) => f.initial !== null || f.adjusted !== null || f.actual !== null;
  const rows: BudgetRow[] = [];
  const withParts = (total: BudgetRow, parts: BudgetRow[]) => {
    if (!has(total.figures) && !parts.some((p) => has(p.figures))) return;
    rows.push(total);
    parts
      .filter((p) => has(p.figures))
      .forEach((p, i) => {
        rows.push({ label: i === 0 ? `其中：${p.label}` : p.label, figures: p.figures });
      });
  };
  withParts({ label: '基本支出', figures: gp.basic.total }, [
    { label: '人员经费', figures: gp.basic.personnel },
    { label: '公用经费', figures: gp.basic.public },
  ]);
  withParts(
    { label: '项目支出', figures: gp.project.total },
    gp.project.categories.map((c) => ({ label: c.name, figures: c })),
  );
  if (rows.length === 0 && !has(gp.total)) return [];
  return [{ label: '合计', figures: gp.total }, ...rows];
}

function budgetTable(model: SelfEvaluation): ReportTable | null {
  const rows = budgetRows(model);
  if (rows.length === 0) return null;
  const columns = [
    { title: '年初预算数（万元）', value: (f: AmountFigures) => f.initial },
    { title: '调整预算数（万元）', value: (f: AmountFigures) => f.adjusted },
    { title: '全年执行数（万元）', value: (f: AmountFigures) => f.actual },
  ].filter((c) => rows.some((r) => c.value(r.figures) !== null));
  const withRate = rows.some((r) => rate(r.figures.actual, planOf(r.figures)) !== null);
  const header = ['项目', ...columns.map((c) => c.title), ...(withRate ? ['执行率'] : [])];
  return {
    header,
    rows: rows.map((r) => [
      r.label,
      ...columns.map((c) => wan(c.value(r.figures))),
      ...(withRate ? [rate(r.figures.actual, planOf(r.figures)) ?? EMPTY_CELL] : []),
    ]),
    numeric: header.map((_, i) => i > 0),
    mergeColumns: [],
    widths: header.map((_, i) => (i === 0 ? 3 : 2)),
  };
}

export const INDICATOR_HEADER = [
  '一级指标',
  '二级指标',
  '三级指标',
  '年度指标值',
  '实际完成值',
  '分值',
  '得分',
  '偏差原因分析及改进措施',
];

const SYMBOLS: Record<string, string> = { '≥': '≥', '≤': '≤', '>': '>', '<': '<', '=': '', '~': '约' };

/** ≥24场, 100%, 显著提升: the target as a 自评表 cell writes it (parseTarget reads it back). */
export function targetText(target: Indicator['target']): string {
  if (target.comparator === 'qualitative') return target.level ?? '';
  if (target.level) return target.level;
  if (target.value === null) return '';
  return `${SYMBOLS[target.comparator] ?? ''}${trimZeros(target.value, 4)}${target.unit ?? ''}`;
}

export function actualText(indicator: Indicator): string {
  const { value, text } = indicator.actual;
  if (text) return text;
  if (value === null) return '';
  const unit = indicator.target.comparator === 'qualitative' ? '' : (indicator.target.unit ?? '');
  return `${trimZeros(value, 4)}${unit}`;
}

export function scoreText(value: number | null): string {
  return value === null ? '' : trimZeros(value, 2);
}

function indicatorTable(indicators: Indicator[]): ReportTable | null {
  if (indicators.length === 0) return null;
  const rows = indicators.map((i) => [
    i.level1,
    i.level2 ?? '',
    i.level3,
    targetText(i.target),
    actualText(i),
    scoreText(i.weight),
    scoreText(i.score),
    i.deviationReason ?? '',
  ]);
  const weights = indicators.map((i) => i.weight);
  const scores = indicators.map((i) => i.score);
  const total = (values: (number | null)[]) =>
    values.every((v) => v !== null) ? trimZeros(sum(values as number[]), 2) : '';
  rows.push(['合计', '', '', '', '', total(weights), total(scores), '']);
  return {
    header: INDICATOR_HEADER,
    rows,
    numeric: INDICATOR_HEADER.map((_, i) => i === 5 || i === 6),
    mergeColumns: [0, 1],
    widths: [2, 2, 3, 2, 2, 1.2, 1.2, 3],
  };
}

/** Vertical runs of equal text in the merge columns: `spans[row][col]` = rows covered (0 = covered). */
export function mergeSpans(table: ReportTable): number[][] {
  const spans = table.rows.map((row) => row.map(() => 1));
  const last = table.rows.length - 1;
  for (const col of table.mergeColumns) {
    let start = 0;
    for (let r = 1; r <= last + 1; r++) {
      const row = table.rows[r];
      const first = table.rows[start]!;
      // The 合计 row stands alone; a 二级 name merges only under the same 一级 name.
      const same =
        row !== undefined &&
        r !== last &&
        row[col] !== '' &&
        row[col] === first[col] &&
        table.mergeColumns.filter((c) => c < col).every((c) => row[c] === first[c]);
      if (same) continue;
      if (r - start > 1) {
        spans[start]![col] = r - start;
        for (let k = start + 1; k < r; k++) spans[k]![col] = 0;
      }
      start = r;
    }
  }
  return spans;
}
