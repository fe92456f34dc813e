/**
 * The standard form layouts (data/forms.json) as the table reader asks about them: what a header cell's column
 * holds, which row labels are totals, which unit a row label implies.
 */
import forms from '../../../data/forms.json' with { type: 'json' };
import lexicon from '../../../data/lexicon.json' with { type: 'json' };

export type ColumnRole = 'amount' | 'points' | 'percent' | 'target' | 'actual' | 'label' | 'text' | 'count';

export interface Column {
  /** The header as written, without its bracketed unit (年初预算数（万元） → 年初预算数). */
  name: string;
  role: ColumnRole | null;
  /** A unit the header states or implies (万元 from （万元）, % for 执行率, 个 for 项目个数). */
  unit: string | null;
  basis: 'plan' | 'actual' | null;
  /** 其中：一事一议奖补: the column is a part of the column before the 其中 run. */
  part: boolean;
}

interface ColumnDef {
  name: string;
  role: ColumnRole;
  basis: 'plan' | 'actual' | null;
}

const DEFS: ColumnDef[] = forms.columns
  .flatMap((c) =>
    c.names.map((name) => ({
      name,
      role: c.role as ColumnRole,
      basis: ((c as { basis?: string }).basis ?? null) as 'plan' | 'actual' | null,
    })),
  )
  .sort((a, b) => b.name.length - a.name.length);
const COUNT_COLUMNS = Object.entries(forms.countColumns).sort((a, b) => b[0].length - a[0].length);
const UNITS = new Set([
  ...lexicon.moneyUnits,
  ...lexicon.percentUnits,
  ...lexicon.measureWords,
  '万人',
  '万亩',
]);
const TOTAL_ROWS = new Set(forms.totalRows);
const BOTTOM_TOTAL_ROWS = new Set(forms.bottomTotalRows);
const PERCENT_ROW = new RegExp(`(?:${forms.percentRowSuffixes.join('|')})$`);
const PART_MARKER = new RegExp(`^${forms.partMarker}\\s*[:：]?\\s*`);
const BRACKET_UNIT = /[（(]\s*(?:单位\s*[:：]\s*)?([^（()）]+?)\s*[）)]\s*$/;
const HEADER_NAMES = new Set(DEFS.map((d) => d.name));

/** The unit a bracket at the end of a label states (项目资金（万元）, 受益群众（万人）); null when none is known. */
export function bracketUnit(raw: string): string | null {
  const m = BRACKET_UNIT.exec(raw);
  if (!m) return null;
  const u = m[1]!.trim();
  return UNITS.has(u) ? u : null;
}

export function withoutBracketUnit(raw: string): string {
  const m = BRACKET_UNIT.exec(raw);
  return (m && bracketUnit(raw) ? raw.slice(0, m.index) : raw).trim();
}

/** Strip the leading 其中： and trailing colon a row label carries. */
export function cleanRowLabel(raw: string): string {
  return withoutBracketUnit(raw.replace(PART_MARKER, '').replace(/[:：]\s*$/, '')).trim();
}

export function isPartRow(raw: string): boolean {
  return PART_MARKER.test(raw) && raw.replace(PART_MARKER, '').length > 0;
}

export function isTotalRow(label: string): boolean {
  return TOTAL_ROWS.has(label.replace(/\s+/g, ''));
}

export function isBottomTotalRow(label: string): boolean {
  return BOTTOM_TOTAL_ROWS.has(label.replace(/\s+/g, ''));
}

/** 资助对象认定准确率, 满意度: a rate's bare number is a percentage. */
export function rowImpliesPercent(label: string): boolean {
  return PERCENT_ROW.test(label);
}

/** A cell that names a column of a known form (年初预算数, 三级指标, 实际完成值…). */
export function isHeaderName(raw: string): boolean {
  let known = headerNameCache.get(raw);
  if (known === undefined) {
    const name = withoutBracketUnit(raw.replace(/\s+/g, ''));
    known =
      HEADER_NAMES.has(name) ||
      (name.length <= 12 && DEFS.some((d) => d.name.length >= 3 && name.endsWith(d.name)));
    if (headerNameCache.size > HEADER_CACHE_LIMIT) headerNameCache.clear();
    headerNameCache.set(raw, known);
  }
  return known;
}

/** Cell texts repeat across a table and across reports; the suffix test over every column name is not cheap. */
const headerNameCache = new Map<string, boolean>();
const HEADER_CACHE_LIMIT = 10_000;

export function columnOf(raw: string): Column {
  const part = PART_MARKER.test(raw);
  const compact = raw.replace(PART_MARKER, '').replace(/\s+/g, '');
  const unit = bracketUnit(compact);
  const name = withoutBracketUnit(compact);
  const def = DEFS.find((d) => name.endsWith(d.name)) ?? null;
  const count = COUNT_COLUMNS.find(([suffix]) => name.endsWith(suffix));
  if (count && def?.role !== 'label')
    return { name, role: 'count', unit: unit ?? count[1], basis: null, part };
  const role = def?.role ?? null;
  return { name, role, unit: unit ?? impliedUnit(role), basis: def?.basis ?? null, part };
}

function impliedUnit(role: ColumnRole | null): string | null {
  if (role === 'percent') return '%';
  if (role === 'points') return '分';
  return null;
}
