/**
 * The text engine's output. Every offset is a UTF-16 index into the decoded text, end exclusive,
 * so `text.slice(start, end)` is exactly the quoted words.
 */

export interface Span {
  start: number;
  end: number;
}

export type FactKind = 'amount' | 'percent' | 'count';

/**
 * Where a fact's unit came from: written beside the number, or inherited — from the table's declaration or
 * corner cell, the column header, the unit cell beside it, the row label, or the clause (较上年5.16减少0.42万元).
 */
export type UnitSource = 'inline' | 'table' | 'header' | 'cell' | 'row' | 'clause';

export type Comparator = '≥' | '≤' | '>' | '<' | '=' | '~';

export interface Fact {
  kind: FactKind;
  /** The number as stated, in `unit` (331.2万余元 → 331.2, unit 万元). Signed changes stay positive; see `change`. */
  value: number;
  /** 元 千元 万元 亿元 | % ‰ | the measure word (人 户 次 …). */
  unit: string;
  /** Exactly `text.slice(start, end)`. */
  text: string;
  start: number;
  end: number;
  /** The subject the figure measures, as written (一般公共预算支出, 在职在编人员…), or null when none is found. */
  label: string | null;
  /** Where the label stands in the text (absent when the label was composed, e.g. from a table row + header). */
  labelSpan?: Span | null;
  /** 余/多/近/约/以上/左右. */
  approx: boolean;
  /** A governing period such as `1-11月` or `2020年`, as written; null when none. */
  period: string | null;
  /** Number of decimals as displayed (544.3 → 1); drives interval arithmetic. */
  decimals: number;
  unitSource: UnitSource;
  /** A target comparator (≥95%, 不低于90%). */
  comparator?: Comparator | null;
  /** A signed change (减少30.5万元 → 'decrease', 增长6.2% → 'increase'). */
  change?: 'increase' | 'decrease' | null;
  /** How the number is written when not in Arabic digits: 十二个 (chinese), 壹拾伍万元 (financial capitals). */
  numeral?: 'chinese' | 'financial';
  /** Whether the figure is a plan/budget (计划安排, 年初预算) or an outturn (实际支出, 完成); null when unstated. */
  basis?: 'plan' | 'actual' | null;
}

export interface Section {
  /** Number as written, e.g. `一、` `（一）` `1．` `(1)`; null for an unnumbered heading. */
  number: string | null;
  /** Parsed ordinal (一 → 1, ③ → 3); null when unnumbered. */
  ordinal: number | null;
  /** Numbering style key, e.g. 'cn-dun' (一、), 'cn-paren' (（一）), 'arabic-dot' (1.), 'arabic-dun' (1、), 'arabic-paren' ((1)), 'arabic-half-paren' (1）), 'circled' (①), 'none'. */
  style: string;
  title: string;
  level: number;
  /** Start of the heading line; end of the section (start of the next section at the same or higher level, or end of text). */
  start: number;
  end: number;
  /** The heading line itself (number + title). */
  headingEnd: number;
  children: Section[];
}

export interface SumRelation {
  type: 'sum';
  /** Index into `facts`. */
  total: number;
  /** Indices into `facts`. */
  parts: number[];
  /** Σ parts = total exactly, in decimal arithmetic after unit conversion. */
  holds: boolean;
  /** Whether rounding of the displayed figures can explain any difference (interval arithmetic). */
  withinRounding: boolean;
  /** The text or the table's structure says the parts are the whole (a 合计 row, the form's 其中 rows). */
  complete?: boolean;
  /**
   * A relation the text implies rather than lists: a fund's budget = spent + 结转 + 结余 ('balance'), or this
   * year's figure = last year's + the stated change ('change').
   */
  implied?: 'balance' | 'change';
  /** The interval the parts' sum may lie in, expressed in the total's unit. */
  computed: { low: number; high: number };
}

/**
 * One amount stated twice in one place: 人民币壹拾伍万元整（小写：15.00万元）. `equal` says whether the two
 * readings are the same amount.
 */
export interface WrittenTwice {
  capital: number;
  small: number;
  equal: boolean;
}

export type Relation = SumRelation;

export interface Extraction {
  text: string;
  sections: Section[];
  facts: Fact[];
  relations: Relation[];
  /** 大写 amounts with their 小写 figure. */
  writtenTwice?: WrittenTwice[];
}
