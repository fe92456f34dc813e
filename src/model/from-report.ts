/**
 * Report → partial SelfEvaluation. Every value read from the report carries its provenance (the exact words
 * and a confidence); fields the report does not supply stay null/empty and are listed as missing; ratios the
 * reviewer needs (execution rates) are derived from the model, citing their inputs.
 *
 * The builder reads the text engine's output only: figures are placed by the concept their label names
 * (data/concepts.json) and by whether the text marks them as planned or actual, never by position.
 */
import { conceptOf } from '../extract/concepts.ts';
import { flattenSections } from '../extract/sections.ts';
import type { Extraction, Fact, Section, Span } from '../extract/types.ts';
import { formatFen, toFen } from './money.ts';
import { type Indicator, type SelfEvaluation, SelfEvaluationShape } from './schema.ts';

export interface Provenance {
  start: number;
  end: number;
  text: string;
  /** 0–1: how sure the builder is that this value belongs in this field. */
  confidence: number;
}

export interface Derived {
  value: number;
  /** The value as a reviewer reads it, e.g. 117.4%. */
  display: string;
  formula: string;
  /** JSON pointers of the model fields the value is computed from. */
  inputs: string[];
}

export interface Conflict {
  pointer: string;
  /** Every statement of the figure, the chosen one first. */
  statements: (Span & { text: string })[];
}

export interface BuiltModel {
  model: SelfEvaluation;
  /** JSON pointer (e.g. `/budget/generalPublic/basic/total/actual`) → where the value was read. */
  provenance: Record<string, Provenance>;
  /** JSON pointers of fields the report did not supply. */
  missing: string[];
  /** Ratios computed from the model, e.g. `/derived/basicExecutionRate`. */
  derived: Record<string, Derived>;
  /** Fields the report states with different values; the most stated (then first) value is used. */
  conflicts: Conflict[];
}

const FIGURES = {
  gpb_expenditure: '/budget/generalPublic/total',
  basic_expenditure: '/budget/generalPublic/basic/total',
  personnel_expenditure: '/budget/generalPublic/basic/personnel',
  public_expenditure: '/budget/generalPublic/basic/public',
  project_expenditure: '/budget/generalPublic/project/total',
  gov_fund_expenditure: '/budget/govFund',
} as const;

const TITLE_SUFFIX =
  /(?:\d{4}年度?)?(?:部门|单位)?(?:整体)?(?:支出)?(?:绩效)?(?:评价)?(?:自评)?(?:报告|自评表|情况说明)$/;
const NONE_STATEMENT = /无([^，。；,;\n]{0,24}?)(?:经费)?支出/g;
const SANGONG_KEYWORDS: [RegExp, keyof SelfEvaluation['budget']['sangong']][] = [
  [/出国|出境/, 'abroad'],
  [/购置/, 'vehiclePurchase'],
  [/维护|运行/, 'vehicleOperation'],
  [/接待/, 'reception'],
];
const BODY_KINDS = ['党政机构', '执法机构', '事业单位', '派出机构'] as const;

export interface BuildOptions {
  /** Indicator rows a reader found in a score-sheet table (DOCX/XLSX 自评表). */
  indicators?: Indicator[];
}

export function buildModel(extraction: Extraction, options: BuildOptions = {}): BuiltModel {
  const b = new Builder(extraction);
  if (options.indicators?.length) b.indicators(options.indicators);
  b.unitAndYear();
  b.duties();
  b.organisation();
  b.staffing();
  b.budgetFigures();
  b.projectCategories();
  b.noneStatements();
  b.narrative();
  return b.finish();
}

class Builder {
  private readonly text: string;
  private readonly facts: Fact[];
  private readonly sections: Section[];
  private readonly raw: Record<string, unknown> = {};
  /** List fields already created in `raw`, by pointer, so list items do not re-walk the pointer. */
  private readonly lists = new Map<string, unknown[]>();
  /** This year's exact figures (see conceptFacts) by concept id, in report order; built on first use. */
  private byConcept: Map<string, Fact[]> | undefined;
  readonly provenance: Record<string, Provenance> = {};
  readonly conflicts: Conflict[] = [];

  constructor(private readonly x: Extraction) {
    this.text = x.text;
    this.facts = x.facts;
    this.sections = flattenSections(x.sections);
  }

  private set(pointer: string, value: unknown, where: Span | null, confidence: number): void {
    setAt(this.raw, pointer, value);
    this.cite(pointer, where, confidence);
  }

  /** `set(`${list}/${index}`, …)`: the same model and provenance, with the list looked up by its pointer once. */
  private setItem(list: string, index: number, value: unknown, where: Span | null, confidence: number): void {
    let items = this.lists.get(list);
    if (!items) {
      items = [];
      setAt(this.raw, list, items);
      this.lists.set(list, items);
    }
    items[index] = value;
    this.cite(`${list}/${index}`, where, confidence);
  }

  private cite(pointer: string, where: Span | null, confidence: number): void {
    if (where) {
      this.provenance[pointer] = {
        start: where.start,
        end: where.end,
        text: this.text.slice(where.start, where.end),
        confidence,
      };
    }
  }

  unitAndYear(): void {
    const title = firstLine(this.text);
    let name: string | null = null;
    if (title) {
      const stripped = title.text.replace(TITLE_SUFFIX, '').replace(/^\d{4}年度?/, '');
      const offset = title.text.indexOf(stripped);
      if (stripped.length >= 2 && stripped.length <= 40 && offset >= 0) {
        name = stripped;
        const start = title.start + offset;
        this.set('/unit/name', name, { start, end: start + stripped.length }, 0.8);
      }
    }
    if (!name) this.set('/unit/name', '（未识别单位）', null, 0);
    const year = this.reportYear();
    if (year) this.set('/fiscalYear', year.value, year.span, year.confidence);
    else this.set('/fiscalYear', new Date().getFullYear() - 1, null, 0);
  }

  private reportYear(): { value: number; span: Span; confidence: number } | null {
    const title = firstLine(this.text);
    const inTitle = title ? /(19|20)\d{2}(?=年)/.exec(title.text) : null;
    if (title && inTitle) {
      const start = title.start + inTitle.index;
      return { value: Number(inTitle[0]), span: { start, end: start + 4 }, confidence: 0.95 };
    }
    const counts = new Map<string, Fact[]>();
    for (const f of this.facts) {
      const y = f.period?.match(/^(\d{4})年度?$/)?.[1];
      if (y) counts.set(y, [...(counts.get(y) ?? []), f]);
    }
    let best: [string, Fact[]] | null = null;
    for (const entry of counts) if (!best || entry[1].length > best[1].length) best = entry;
    if (!best) return null;
    const at = this.text.lastIndexOf(`${best[0]}年`, best[1][0]!.start);
    const span = at >= 0 ? { start: at, end: at + 4 } : { start: best[1][0]!.start, end: best[1][0]!.end };
    return { value: Number(best[0]), span, confidence: 0.8 };
  }

  indicators(rows: Indicator[]): void {
    this.set('/performance/indicators', rows, null, 0.9);
  }

  duties(): void {
    const section = this.findSection(/主要职能|部门职能|职能职责|主要职责|部门职责/);
    if (!section) return;
    const items = listItems(this.text, section.headingEnd, section.end);
    items.forEach((item, i) => {
      this.setItem('/duties', i, item.text, item, 0.8);
    });
  }

  organisation(): void {
    const re = /设置?\s*(\d+|[一二两三四五六七八九十]+)个([^：:，。\n]{2,16}?)[：:]([^\n。]*)/g;
    let n = 0;
    for (let m = re.exec(this.text); m !== null; m = re.exec(this.text)) {
      const kind = BODY_KINDS.find((k) => m![2]!.includes(k)) ?? '其他';
      for (const item of splitTopLevel(m[3]!, m.index + m[0].length - m[3]!.length)) {
        this.setItem('/organisation/bodies', n, { name: item.text, kind }, item, 0.7);
        n++;
      }
    }
  }

  staffing(): void {
    const totals = this.conceptFacts('staff_actual', 'count');
    const total = this.pick('/staffing/actualTotal', totals);
    if (total) this.set('/staffing/actualTotal', total.value, total, 0.9);
    const authorized = this.pick('/staffing/authorizedTotal', this.conceptFacts('staff_authorized', 'count'));
    if (authorized) this.set('/staffing/authorizedTotal', authorized.value, authorized, 0.8);
    const relation = total && this.x.relations.find((r) => this.facts[r.total] === total);
    if (relation) {
      let serving = 0;
      relation.parts.forEach((p, i) => {
        const f = this.facts[p]!;
        // A label that is only 人员 (聘用人员 read as 聘用 + 人员) would leave an empty category, which the schema rejects.
        const category = (f.label ?? '').replace(/人员$/, '') || f.label || `类别${i + 1}`;
        this.setItem('/staffing/actual', i, { category, count: f.value }, f, 0.85);
        if (!/退休|离休/.test(category)) serving += f.value;
      });
      const servingPart = relation.parts
        .map((p) => this.facts[p]!)
        .filter((f) => !/退休|离休/.test(f.label ?? ''));
      if (servingPart.length > 0) {
        this.set('/staffing/servingActual', serving, servingPart[0]!, 0.7);
      }
    }
    const change = this.facts.find(
      (f) => f.kind === 'count' && f.change && /比上年|较上年|同比/.test(f.label ?? ''),
    );
    if (change)
      this.set(
        '/staffing/changeFromLastYear',
        change.change === 'decrease' ? -change.value : change.value,
        change,
        0.8,
      );
    const reason = /人员变[化动]的?(?:主要)?原因(?:是|为)?[：:]?([^\n]*?)(?=\n|$)/.exec(this.text);
    if (reason?.[1]) {
      const start = reason.index + reason[0].length - reason[1].length;
      this.set('/staffing/changeReason', reason[1].trim(), { start, end: start + reason[1].length }, 0.8);
    }
  }

  budgetFigures(): void {
    for (const [concept, base] of Object.entries(FIGURES)) {
      const figures = this.conceptFacts(concept, 'amount');
      const actual = this.pick(
        `${base}/actual`,
        figures.filter((f) => f.basis !== 'plan'),
      );
      if (actual) this.setMoney(`${base}/actual`, actual, 0.9);
      const plan = this.pick(
        `${base}/initial`,
        figures.filter((f) => f.basis === 'plan'),
      );
      if (plan) this.setMoney(`${base}/initial`, plan, 0.75);
    }
  }

  /** The categories a stated project total breaks into (其中社会管理项目支出544.3万元…). */
  projectCategories(): void {
    const relation = this.x.relations.find(
      (r) => conceptOf(this.facts[r.total]!.label)?.id === 'project_expenditure',
    );
    if (!relation) return;
    relation.parts.forEach((p, i) => {
      const f = this.facts[p]!;
      const fen = toFen(f.value, f.unit);
      if (fen === null) return;
      const name = f.label ?? `类别${i + 1}`;
      this.setItem(
        '/budget/generalPublic/project/categories',
        i,
        { name, category: null, initial: null, adjusted: null, actual: fen },
        f,
        0.85,
      );
    });
  }

  /** 无公务用车购置和维护经费支出，无出国经费支出: stated zeros are figures too. */
  noneStatements(): void {
    NONE_STATEMENT.lastIndex = 0;
    for (let m = NONE_STATEMENT.exec(this.text); m !== null; m = NONE_STATEMENT.exec(this.text)) {
      const span = { start: m.index, end: m.index + m[0].length };
      const subject = m[1]!;
      for (const [re, key] of SANGONG_KEYWORDS) {
        if (re.test(subject) && (key !== 'vehicleOperation' || /车/.test(subject))) {
          this.set(`/budget/sangong/${key}/actual`, 0, span, 0.8);
        }
      }
      if (/政府性基金/.test(subject)) this.set('/budget/govFund/actual', 0, span, 0.85);
      if (/国有资本经营/.test(subject)) this.set('/budget/stateCapital/actual', 0, span, 0.85);
      if (/社会保险基金/.test(subject)) this.set('/budget/socialInsurance/actual', 0, span, 0.85);
    }
  }

  narrative(): void {
    const achievements = this.findSection(/事业成效|工作成效|主要成效|工作完成情况|主要工作/);
    if (achievements) {
      const body = trimmedSpan(this.text, achievements.headingEnd, achievements.end);
      if (body) this.set('/achievements/text', this.text.slice(body.start, body.end), body, 0.7);
      let n = 0;
      for (const f of this.facts) {
        if (f.start < achievements.headingEnd || f.end > achievements.end || !f.label || f.approx) continue;
        this.setItem('/achievements/metrics', n++, { name: f.label, value: f.value, unit: f.unit }, f, 0.6);
      }
    }
    const goals = this.findSection(/绩效目标(?:设置|设定)|年度绩效目标|整体绩效目标/);
    if (goals) {
      this.setTexts('/performance/overallGoals', sentences(this.text, goals.headingEnd, goals.end), 0.6);
    }
    this.problemsAndMeasures();
    const use = this.findSection(/结果.{0,4}应用|应用和公开|公开情况/);
    if (use) {
      const body = trimmedSpan(this.text, use.headingEnd, use.end);
      if (body) this.set('/resultsUse/application', this.text.slice(body.start, body.end), body, 0.6);
    }
  }

  /** A combined 存在的问题及下一步改进措施 section splits where the measures begin (下一步, 今后…). */
  private problemsAndMeasures(): void {
    const problems = this.findSection(/问题/);
    const measures = this.findSection(/改进措施|整改措施|下一步|工作打算/);
    if (problems && problems === measures) {
      const all = sentences(this.text, problems.headingEnd, problems.end);
      const clauses = all.flatMap((s) => splitAtMeasures(this.text, s));
      const k = clauses.findIndex((c) => c.measure);
      const before = k < 0 ? clauses : clauses.slice(0, k);
      const after = k < 0 ? [] : clauses.slice(k);
      this.setTexts('/problems', before, 0.6);
      this.setTexts('/improvements', after, 0.6);
      return;
    }
    if (problems) this.setTexts('/problems', sentences(this.text, problems.headingEnd, problems.end), 0.7);
    if (measures)
      this.setTexts('/improvements', sentences(this.text, measures.headingEnd, measures.end), 0.7);
  }

  /** A list field filled with the quoted passages, each its own provenance. */
  private setTexts(pointer: string, spans: Span[], confidence: number): void {
    spans.forEach((span, i) => {
      this.setItem(pointer, i, this.text.slice(span.start, span.end), span, confidence);
    });
  }

  private findSection(title: RegExp): Section | null {
    return this.sections.find((s) => title.test(s.title)) ?? null;
  }

  /** Exact, unqualified figures of this year whose label names the concept, in report order. */
  private conceptFacts(concept: string, kind: Fact['kind']): Fact[] {
    return (this.exactFactsByConcept().get(concept) ?? []).filter((f) => f.kind === kind);
  }

  /** One pass over the facts serves every conceptFacts call (there is one per figure of the model). */
  private exactFactsByConcept(): Map<string, Fact[]> {
    if (this.byConcept) return this.byConcept;
    const out = new Map<string, Fact[]>();
    for (const f of this.facts) {
      if (f.approx || f.change || f.comparator) continue;
      const id = conceptOf(f.label)?.id;
      if (id === undefined || !isThisYear(f)) continue;
      const group = out.get(id);
      if (group) group.push(f);
      else out.set(id, [f]);
    }
    this.byConcept = out;
    return out;
  }

  /** The value stated most often (then first); differing statements are recorded as a conflict. */
  private pick(pointer: string, figures: Fact[]): Fact | null {
    if (figures.length === 0) return null;
    // Each figure's key is computed once (toFen goes through strings and BigInt).
    const keys = new Map(figures.map((f) => [f, `${toFen(f.value, f.unit) ?? f.value}`]));
    const key = (f: Fact) => keys.get(f)!;
    const counts = new Map<string, number>();
    for (const f of figures) counts.set(key(f), (counts.get(key(f)) ?? 0) + 1);
    let best = figures[0]!;
    for (const f of figures) if (counts.get(key(f))! > counts.get(key(best))!) best = f;
    if (counts.size > 1) {
      const ordered = [best, ...figures.filter((f) => key(f) !== key(best))];
      this.conflicts.push({
        pointer,
        statements: ordered.map((f) => ({ start: f.start, end: f.end, text: f.text })),
      });
    }
    return best;
  }

  private setMoney(pointer: string, f: Fact, confidence: number): void {
    const fen = toFen(f.value, f.unit);
    if (fen === null) return;
    const conflicted = this.conflicts.some((c) => c.pointer === pointer);
    this.set(pointer, fen, f, conflicted ? Math.min(confidence, 0.6) : confidence);
  }

  finish(): BuiltModel {
    const model = SelfEvaluationShape.parse(this.raw);
    const derived = deriveRates(model);
    return {
      model,
      provenance: this.provenance,
      missing: missingPointers(model),
      derived,
      conflicts: this.conflicts,
    };
  }
}

/** Execution rates against the initial plan: what a reviewer computes first. */
function deriveRates(model: SelfEvaluation): Record<string, Derived> {
  const out: Record<string, Derived> = {};
  const gp = model.budget.generalPublic;
  const rate = (
    name: string,
    label: string,
    base: string,
    figures: { initial: number | null; actual: number | null },
  ) => {
    if (figures.initial === null || figures.actual === null || figures.initial === 0) return;
    const value = figures.actual / figures.initial;
    out[`/derived/${name}`] = {
      value: Math.round(value * 10000) / 10000,
      display: `${(Math.round(value * 1000) / 10).toFixed(1)}%`,
      formula: `${label}执行率 = 全年执行数 ${formatFen(figures.actual)} ÷ 年初预算（计划）数 ${formatFen(figures.initial)}`,
      inputs: [`${base}/actual`, `${base}/initial`],
    };
  };
  rate('generalPublicExecutionRate', '一般公共预算支出', '/budget/generalPublic/total', gp.total);
  rate('basicExecutionRate', '基本支出', '/budget/generalPublic/basic/total', gp.basic.total);
  rate('projectExecutionRate', '项目支出', '/budget/generalPublic/project/total', gp.project.total);
  const initial =
    gp.basic.total.initial !== null && gp.project.total.initial !== null
      ? gp.basic.total.initial + gp.project.total.initial
      : null;
  const actual = gp.total.actual;
  if (gp.total.initial === null && initial !== null && actual !== null && initial > 0) {
    const value = actual / initial;
    out['/derived/generalPublicExecutionRate'] = {
      value: Math.round(value * 10000) / 10000,
      display: `${(Math.round(value * 1000) / 10).toFixed(1)}%`,
      formula: `一般公共预算支出执行率 = 全年执行数 ${formatFen(actual)} ÷ 计划数（基本支出计划 + 项目支出计划）${formatFen(initial)}`,
      inputs: [
        '/budget/generalPublic/total/actual',
        '/budget/generalPublic/basic/total/initial',
        '/budget/generalPublic/project/total/initial',
      ],
    };
  }
  return out;
}

/** The whole year, or its last day (截至2020年12月31日, 2020年末: where stocks such as staff are counted). */
const THIS_YEAR = /^(?:截至|截止)?\d{4}年(?:度|末|底|12月31日)?$/;

function isThisYear(f: Fact): boolean {
  return f.period === null || THIS_YEAR.test(f.period);
}

function firstLine(text: string): { text: string; start: number } | null {
  const m = /\S[^\n]*/.exec(text);
  return m ? { text: m[0].trimEnd(), start: m.index } : null;
}

/** Numbered list lines (1）…；) or, failing that, non-empty lines, without their numbers and end marks. */
function listItems(text: string, from: number, to: number): (Span & { text: string })[] {
  const out: (Span & { text: string })[] = [];
  const re =
    /^[ \t\u3000]*(?:[(（]?\d+[)）.．、]|[①-⑳]|[一二三四五六七八九十]+、)?[ \t\u3000]*([^\n]+?)[；;。，,]?[ \t\u3000]*$/gm;
  const body = text.slice(from, to);
  for (let m = re.exec(body); m !== null; m = re.exec(body)) {
    if (!m[1] || m[1].trim().length < 4) continue;
    const start = from + m.index + m[0].indexOf(m[1]);
    out.push({ start, end: start + m[1].length, text: m[1] });
  }
  return out;
}

/** Items of a 、-list, not splitting inside brackets: A、B（加挂C、D）、E → A, B（加挂C、D）, E. */
function splitTopLevel(list: string, offset: number): (Span & { text: string })[] {
  const out: (Span & { text: string })[] = [];
  let depth = 0;
  let start = 0;
  const push = (end: number) => {
    const raw = list.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const item = raw.trim().replace(/[。；;]$/, '');
    if (item)
      out.push({ start: offset + start + lead, end: offset + start + lead + item.length, text: item });
  };
  for (let i = 0; i < list.length; i++) {
    const c = list[i]!;
    if (c === '（' || c === '(') depth++;
    else if (c === '）' || c === ')') depth = Math.max(0, depth - 1);
    else if ((c === '、' || c === '，') && depth === 0) {
      push(i);
      start = i + 1;
    }
  }
  push(list.length);
  return out;
}

function trimmedSpan(text: string, from: number, to: number): Span | null {
  const body = text.slice(from, to);
  const lead = body.length - body.trimStart().length;
  const trimmed = body.trim();
  return trimmed ? { start: from + lead, end: from + lead + trimmed.length } : null;
}

function sentences(text: string, from: number, to: number): Span[] {
  const out: Span[] = [];
  const re = /[^。！？!?\n]+[。！？!?]?/g;
  const body = text.slice(from, to);
  for (let m = re.exec(body); m !== null; m = re.exec(body)) {
    const span = trimmedSpan(text, from + m.index, from + m.index + m[0].length);
    if (span && span.end - span.start >= 4) out.push(span);
  }
  return out;
}

function splitAtMeasures(text: string, s: Span): (Span & { measure: boolean })[] {
  const sentence = text.slice(s.start, s.end);
  const m = /[，,；;]\s*(下一步|今后|接下来|下阶段)/.exec(sentence);
  if (!m) return [{ ...s, measure: /^(下一步|今后|接下来|下阶段|一是|将)/.test(sentence) }];
  const cut = s.start + m.index;
  return [
    { start: s.start, end: cut, measure: false },
    { start: cut + 1, end: s.end, measure: true },
  ];
}

/** Set a value at a JSON pointer, creating objects and arrays on the way. */
function setAt(root: Record<string, unknown>, pointer: string, value: unknown): void {
  const keys = pointerKeys(pointer);
  if (keys.length === 0) return;
  let node = root;
  const last = keys.length - 1;
  for (let i = 0; i < last; i++) {
    const key = keys[i]!;
    if (node[key] === undefined) node[key] = ARRAY_INDEX.test(keys[i + 1]!) ? [] : {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[last]!] = value;
}

const ARRAY_INDEX = /^\d+$/;

/** The reference tokens of a pointer; the builder's own pointers rarely need unescaping, so check first. */
function pointerKeys(pointer: string): string[] {
  const keys = pointer.split('/').slice(1);
  return pointer.includes('~') ? keys.map(unescapePointer) : keys;
}

function unescapePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Model keys are identifiers, so the replacements (two regex passes) are only run when needed. */
function escapePointer(s: string): string {
  if (!s.includes('~') && !s.includes('/')) return s;
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Every leaf left null or empty, as JSON pointers. */
function missingPointers(model: SelfEvaluation): string[] {
  const out: string[] = [];
  collectMissing(model, '', out);
  return out;
}

/**
 * Only objects, arrays and nulls can be (or hold) a missing leaf, so a child's pointer is built only for
 * those: most leaves of a filled model are strings and numbers. (Model arrays come from the schema parse,
 * so they have no holes.)
 */
function collectMissing(value: object | null, pointer: string, out: string[]): void {
  if (value === null) out.push(pointer);
  else if (Array.isArray(value)) {
    if (value.length === 0) out.push(pointer);
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'object') collectMissing(item, `${pointer}/${i}`, out);
    }
  } else {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const child = record[key];
      if (typeof child === 'object') collectMissing(child, `${pointer}/${escapePointer(key)}`, out);
    }
  }
}
