/**
 * Score sheets (绩效自评表) read from table grids into the model's `Indicator`s. Shared by the DOCX and the
 * XLSX/XLS readers, which turn their tables into `GridRow`s (cells placed on grid columns, spans kept).
 *
 * How a sheet is found: a header row naming at least three known columns, one of them the indicator name
 * (三级指标/指标名称) and one a value column (指标值/完成值/分值/得分); a row directly above or below made only of
 * header words (年初/调整 under 年度指标值, or 一级/二级 under 绩效指标) joins it as a two-row header. Rows
 * after it are indicators until a total row (总分/合计/评价等级…); a later header starts a new block, so one
 * table may hold the 年度预算执行 block first and the indicators below it.
 *
 * What is filled in: 一级/二级 names are carried down from the last row that had them (merged cells reach us
 * empty or repeated, and both work). Weights that do not add up are left as read; validation is elsewhere.
 */
import type { Indicator } from '../model/schema.ts';
import { normalize } from '../text/normalize.ts';

export interface GridCell {
  text: string;
  /** 0-based grid column where the cell starts. */
  col: number;
  /** Grid columns covered (horizontal merge), at least 1. */
  span: number;
}

export type GridRow = GridCell[];

type Field =
  | 'level1'
  | 'level2'
  | 'level3'
  | 'target'
  | 'actual'
  | 'unit'
  | 'weight'
  | 'score'
  | 'deviation'
  | 'ignore';

/** First match wins, so the specific columns (评分标准, 得分系数, 实际完成值) are tested before the broad ones. */
const FIELD_PATTERNS: readonly [Field, RegExp][] = [
  [
    'ignore',
    /评[(（]?扣?[)）]?分标准|扣分标准|计分方法|评分规则|指标解释|指标说明|得分系数|是否核心|指标性质|指标类型|指标值类型/,
  ],
  ['level1', /^一级指标/],
  ['level2', /^二级指标/],
  ['level3', /^(三级指标|指标名称|绩效指标名称|具体指标|指标内容)/],
  ['unit', /^(计量|度量)?单位$/],
  ['actual', /完成值|实际值|实际完成|完成情况|实际达到|全年实际/],
  ['target', /指标值|目标值|预期值|计划值|年度目标|预期目标|标准值/],
  ['weight', /^(分值|权重|满分|标准分|指标分值|指标权重|分数)/],
  ['score', /得分|自评分|评分$/],
  ['deviation', /偏差|原因|改进措施|备注/],
];

/** Words under a merged header cell that name a sub-column rather than a field. */
const SUBHEADER = /^(年初|调整后?|全年|年中|计划|实际|预期|目标|本年|上年)/;
/** A group title above the real header (绩效指标 spanning 一级/二级/三级). */
const GROUP_TITLE = /^(年度)?(绩效)?指标(体系)?$|^绩效目标$/;
/** A row that closes the indicator block. */
const TOTAL_ROW =
  /^(总分|合计|总计|得分合计|自评总分|综合得分|评价等级|自评等级|自评结论|总体评价|说明|注[:：])/;
const VALUE_FIELDS: readonly Field[] = ['target', 'actual', 'weight', 'score'];
const MISSING_LEVEL1 = '未注明';

interface Column {
  field: Field;
  /** Under a split target header: 年初 (initial) or 调整 (adjusted) value. */
  sub: 'initial' | 'adjusted' | null;
}

type ColumnMap = Map<number, Column>;

/** Every indicator row of every score-sheet block in the grid, in order. Empty when there is none. */
export function readScoreSheet(rows: readonly GridRow[]): Indicator[] {
  const out: Indicator[] = [];
  let columns: ColumnMap | null = null;
  let carry: Carry = { level1: null, level2: null };
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const next = rows[i + 1];
    // A header split over two rows, neither enough alone (绩效指标 above 一级/二级/三级, values beside).
    if (next && !isHeaderRow(row) && !isHeaderRow(next) && isCompanionRow(row) && isCompanionRow(next)) {
      if (isHeaderRow([...row, ...next])) {
        columns = columnMap(next, row, null);
        carry = { level1: null, level2: null };
        i++;
        continue;
      }
    }
    if (isHeaderRow(row)) {
      const above = i > 0 && !columns && isCompanionRow(rows[i - 1]!) ? rows[i - 1]! : null;
      const below = i + 1 < rows.length && isCompanionRow(rows[i + 1]!) ? rows[i + 1]! : null;
      columns = columnMap(row, above, below);
      carry = { level1: null, level2: null };
      if (below) i++;
      continue;
    }
    if (!columns) continue;
    if (isTotalRow(row)) {
      columns = null;
      continue;
    }
    const read = readRow(row, columns, carry);
    carry = { level1: read.level1, level2: read.level2 };
    if (read.indicator) out.push(read.indicator);
  }
  return out;
}

function fieldOf(text: string): Field | null {
  const s = compact(text);
  if (s === '') return null;
  for (const [field, re] of FIELD_PATTERNS) if (re.test(s)) return field;
  return null;
}

function isHeaderRow(row: GridRow): boolean {
  if (row.some((c) => /\d/.test(c.text) && !fieldOf(c.text))) return false;
  const fields = new Set(row.map((c) => fieldOf(c.text)));
  const values = VALUE_FIELDS.filter((f) => fields.has(f)).length;
  return fields.has('level3') && values >= 1 && fields.size - (fields.has(null) ? 1 : 0) >= 3;
}

/** Only header words, no data: part of a two-row header. */
function isCompanionRow(row: GridRow): boolean {
  const cells = row.filter((c) => compact(c.text) !== '');
  if (cells.length === 0 || cells.some((c) => /\d/.test(c.text))) return false;
  return cells.every((c) => {
    const s = compact(c.text);
    return fieldOf(s) !== null || (s.length <= 8 && SUBHEADER.test(s)) || GROUP_TITLE.test(s);
  });
}

function columnMap(header: GridRow, above: GridRow | null, below: GridRow | null): ColumnMap {
  const map: ColumnMap = new Map();
  const place = (cell: GridCell, column: Column, override: boolean) => {
    for (let c = cell.col; c < cell.col + Math.max(1, cell.span); c++) {
      if (override || !map.has(c)) map.set(c, column);
    }
  };
  for (const cell of header) {
    const field = fieldOf(cell.text);
    if (field) place(cell, { field, sub: null }, true);
  }
  for (const cell of above ?? []) {
    const field = fieldOf(cell.text);
    if (field) place(cell, { field, sub: null }, false);
  }
  for (const cell of below ?? []) {
    const s = compact(cell.text);
    const field = fieldOf(s);
    const parent = map.get(cell.col);
    const sub = /调整/.test(s) ? 'adjusted' : /年初/.test(s) ? 'initial' : null;
    if (parent && (sub || !field)) place(cell, { field: parent.field, sub }, true);
    else if (field) place(cell, { field, sub }, true);
  }
  return map;
}

function isTotalRow(row: GridRow): boolean {
  const first = row.find((c) => compact(c.text) !== '');
  return first !== undefined && TOTAL_ROW.test(compact(first.text));
}

interface RowRead extends Carry {
  indicator: Indicator | null;
}

interface Carry {
  level1: string | null;
  level2: string | null;
}

function readRow(row: GridRow, columns: ColumnMap, carry: Carry): RowRead {
  const values = new Map<Field, { text: string; sub: Column['sub'] }[]>();
  for (const cell of row) {
    const text = cleanCell(cell.text);
    if (text === '') continue;
    const column = columnAt(columns, cell);
    if (!column || column.field === 'ignore') continue;
    const list = values.get(column.field) ?? [];
    list.push({ text, sub: column.sub });
    values.set(column.field, list);
  }
  const first = (f: Field) => values.get(f)?.[0]?.text ?? null;
  const ownLevel1 = first('level1');
  const level1 = ownLevel1 ?? carry.level1;
  const level2 = first('level2') ?? (ownLevel1 === null || ownLevel1 === carry.level1 ? carry.level2 : null);
  const level3 = first('level3');
  const targetText = pickTarget(values.get('target'));
  const hasValues = VALUE_FIELDS.some((f) => values.has(f));
  if (!level3 || !hasValues) return { indicator: null, level1, level2 };
  const actualText = first('actual');
  const indicator: Indicator = {
    level1: level1 ?? level2 ?? MISSING_LEVEL1,
    level2,
    level3,
    target: parseTarget(targetText ?? '', first('unit')),
    actual: parseActual(actualText),
    weight: parseScoreNumber(first('weight')),
    score: parseScoreNumber(first('score')),
    deviationReason: first('deviation'),
  };
  return { indicator, level1, level2 };
}

/** The cell's column, or the column of any grid position it covers (a data cell may start inside a span). */
function columnAt(columns: ColumnMap, cell: GridCell): Column | undefined {
  for (let c = cell.col; c < cell.col + Math.max(1, cell.span); c++) {
    const column = columns.get(c);
    if (column) return column;
  }
  return undefined;
}

/** 调整后指标值 wins over 年初指标值 when both are given. */
function pickTarget(list: { text: string; sub: Column['sub'] }[] | undefined): string | null {
  if (!list || list.length === 0) return null;
  return (list.find((v) => v.sub === 'adjusted') ?? list[0]!).text;
}

// ---------------------------------------------------------------------------------------------------------
// Values

export type IndicatorTarget = Indicator['target'];
type Comparator = IndicatorTarget['comparator'];

/** Written comparators, longest first so 大于等于 wins over 大于. */
const PREFIXES: readonly [string, Comparator][] = [
  ['大于或等于', '≥'],
  ['小于或等于', '≤'],
  ['大于等于', '≥'],
  ['小于等于', '≤'],
  ['不低于', '≥'],
  ['不少于', '≥'],
  ['不小于', '≥'],
  ['不高于', '≤'],
  ['不超过', '≤'],
  ['不多于', '≤'],
  ['不大于', '≤'],
  ['控制在', '≤'],
  ['达到', '≥'],
  ['至少', '≥'],
  ['大于', '>'],
  ['高于', '>'],
  ['超过', '>'],
  ['多于', '>'],
  ['小于', '<'],
  ['低于', '<'],
  ['少于', '<'],
  ['等于', '='],
  ['>=', '≥'],
  ['=>', '≥'],
  ['<=', '≤'],
  ['=<', '≤'],
  ['≥', '≥'],
  ['≧', '≥'],
  ['≮', '≥'],
  ['≤', '≤'],
  ['≦', '≤'],
  ['≯', '≤'],
  ['>', '>'],
  ['<', '<'],
  ['=', '='],
  ['≈', '~'],
  ['约', '~'],
];

const SUFFIXES: readonly [string, Comparator][] = [
  ['及以上', '≥'],
  ['以上', '≥'],
  ['及以下', '≤'],
  ['以下', '≤'],
  ['以内', '≤'],
  ['之内', '≤'],
  ['左右', '~'],
];

const NUMBER = /^[-+]?\d+(?:\.\d+)?/;
const RANGE = /^([%‰]?)[-~～—–至到]([-+]?\d+(?:\.\d+)?)/;
const UNIT = /^[%‰a-zA-Z\u4e00-\u9fff·/²³]{1,8}$/;

/**
 * `≥95%` → ≥ 95 %; `≥100人次` → ≥ 100 人次; `100%` → = 100 %; `不低于90%`/`90%以上` → ≥ 90 %; `效果明显` →
 * qualitative with the words as the level. A range `90%-100%` becomes ≥ its lower bound with the text kept in
 * `level`; a number followed by anything that is not a unit (`2020年12月底前`) is qualitative.
 */
export function parseTarget(text: string, unitHint: string | null = null): IndicatorTarget {
  const written = cleanCell(text);
  const hint = unitHint ? normalizeUnit(compact(unitHint)) : null;
  if (written === '') return { comparator: 'qualitative', value: null, level: null, unit: hint };
  let s = compact(written).replace(/[,，](?=\d{3})/g, '');
  let comparator: Comparator | null = null;
  const prefix = PREFIXES.find(([p]) => s.startsWith(p));
  if (prefix) {
    comparator = prefix[1];
    s = s.slice(prefix[0].length);
  }
  const number = NUMBER.exec(s);
  if (!number) return { comparator: 'qualitative', value: null, level: written, unit: hint };
  const value = Number(number[0]);
  let rest = s.slice(number[0].length);
  let level: string | null = null;
  const range = RANGE.exec(rest);
  if (range) {
    level = written;
    comparator ??= '≥';
    rest = range[1] || rest.slice(range[0].length);
  }
  const suffix = SUFFIXES.find(([w]) => rest.endsWith(w));
  if (suffix) {
    comparator ??= suffix[1];
    rest = rest.slice(0, -suffix[0].length);
  }
  rest = rest.replace(/[(（]含[)）]$/, '').replace(/[(（][^()（）]*[)）]$/, '');
  if (rest !== '' && !UNIT.test(rest))
    return { comparator: 'qualitative', value: null, level: written, unit: hint };
  return { comparator: comparator ?? '=', value, level, unit: rest === '' ? hint : normalizeUnit(rest) };
}

/** The completed value as written, and its number when it is a figure (`98%`, `≥100人次`, `120`). */
export function parseActual(text: string | null): Indicator['actual'] {
  const written = text === null ? '' : cleanCell(text);
  if (written === '') return { value: null, text: null };
  const parsed = parseTarget(written);
  const value = parsed.comparator === 'qualitative' || parsed.level !== null ? null : parsed.value;
  return { value, text: written };
}

/** 分值/得分 cells: `10`, `10分`, `９.5`; anything else (or negative) is null. */
export function parseScoreNumber(text: string | null): number | null {
  if (text === null) return null;
  const s = compact(text).replace(/分$|%$/, '');
  if (!/^\d+(?:\.\d+)?$/.test(s)) return null;
  return Number(s);
}

function normalizeUnit(unit: string): string {
  return unit === '百分比' || unit === '百分率' ? '%' : unit;
}

/** Folded (full-width digits and comparators, ﹦) and without any whitespace. */
function compact(text: string): string {
  return normalize(text)
    .replace(/[\s\u3000]+/g, '')
    .replace(/＝|﹦/g, '=');
}

/** A cell's text as a value: whitespace runs (line breaks in a cell) become one space, trimmed. */
function cleanCell(text: string): string {
  return text.replace(/[\s\u3000]+/g, ' ').trim();
}
