/**
 * Budget concepts (data/concepts.json): which labels name the same quantity. 项目支出, 专项支出 and
 * 业务工作经费支出 all resolve to `project_expenditure`; 社会管理项目支出 resolves to nothing — it is a part.
 */
import data from '../../data/concepts.json' with { type: 'json' };

export interface Concept {
  id: string;
  name: string;
  unit: string;
  terms: string[];
  /** Costs to be kept down (三公经费): spending under plan is no gap. */
  spendingBelowPlanIsGood?: boolean;
}

const CONCEPTS: Concept[] = data.concepts;
const BY_TERM = new Map<string, Concept>();
for (const c of CONCEPTS) for (const t of c.terms) BY_TERM.set(canonical(t), c);
const BY_ID = new Map(CONCEPTS.map((c) => [c.id, c]));
const QUALIFIERS = [...data.qualifiers].sort((a, b) => b.length - a.length);
const BASIS_SUFFIXES = [...data.basisSuffixes].sort((a, b) => b.length - a.length);
const UNIT_NAME_ENDINGS = data.unitNameEndings;
const TERMS_LONGEST_FIRST = [...BY_TERM.keys()].sort((a, b) => b.length - a.length);

function canonical(s: string): string {
  return s.replace(/[“”"‘’'\s（）()·]/g, '');
}

/** The concept a label names, exactly or once qualifiers (全年, 实际, 一般公共预算…) are removed. */
const memo = new Map<string, Concept | null>();

export function conceptOf(label: string | null): Concept | null {
  if (!label) return null;
  let known = memo.get(label);
  if (known === undefined) {
    known = resolve(label);
    // Labels repeat across figures and reports; the table stays small (distinct labels of recent reports).
    if (memo.size > 10_000) memo.clear();
    memo.set(label, known);
  }
  return known;
}

function resolve(label: string): Concept | null {
  // A table label is row·column; the row names the concept.
  const subject = canonical(label.split('·')[0]!);
  const direct = BY_TERM.get(subject);
  if (direct) return direct;
  // 一般公共预算财政拨款支出年初预算: the basis (plan or outturn) is said after the concept.
  const suffix = BASIS_SUFFIXES.find((s) => subject.endsWith(s) && subject.length > s.length);
  let stripped = suffix ? subject.slice(0, -suffix.length) : subject;
  const withoutBasis = BY_TERM.get(stripped);
  if (withoutBasis) return withoutBasis;
  for (const q of QUALIFIERS) {
    const next = stripped.split(q).join('');
    if (next.length > 0) stripped = next;
  }
  return BY_TERM.get(stripped) ?? afterUnitName(stripped);
}

/**
 * 区教育局实有人员, 某某街道办事处项目支出: a label that starts with the unit's own name. The name is not a
 * qualifier list can hold; it is recognised by how it ends (data/concepts.json unitNameEndings).
 */
function afterUnitName(subject: string): Concept | null {
  for (const term of TERMS_LONGEST_FIRST) {
    if (!subject.endsWith(term) || subject.length === term.length) continue;
    const name = subject.slice(0, -term.length);
    if (name.length > data.unitNameMaxLength) continue;
    if (UNIT_NAME_ENDINGS.some((ending) => name.endsWith(ending))) return BY_TERM.get(term)!;
  }
  return null;
}

export function conceptById(id: string): Concept | undefined {
  return BY_ID.get(id);
}

export function concepts(): readonly Concept[] {
  return CONCEPTS;
}
