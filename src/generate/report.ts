/**
 * One random report: a SelfEvaluation model with consistent figures, written as text in one of the ways
 * real reports write it, with defects planted where the options ask. Pure: the randomness comes from the
 * caller's seeded stream, the words from data/generate/*.json.
 */
import narrative from '../../data/generate/narrative.json' with { type: 'json' };
import units from '../../data/generate/units.json' with { type: 'json' };
import wording from '../../data/generate/wording.json' with { type: 'json' };
import { type SelfEvaluation, SelfEvaluationShape } from '../model/schema.ts';
import { type Block, type GeneratedDoc, type HeadingBlock, Line, type TableBlock } from './doc.ts';
import { achievementThemes, Phrasebook, themeParagraphs } from './narrative.ts';
import type { Random } from './random.ts';

export type Region = (typeof units.regions)[number];
export type Kind = (typeof units.kinds)[number];

/** A unit across years: what stays the same from one year's report to the next. */
export interface UnitProfile {
  id: string;
  name: string;
  short: string;
  region: Region;
  regionName: string;
  kind: Kind;
  /** Scale of the unit: staff count drives every budget figure. */
  staff: number;
  /** 人均人员经费 in 0.01万元; an outlier unit's is far from its region's. */
  personnelPerHead: number;
}

export interface ReportOptions {
  /** Probability that each defect opportunity is used. */
  defectRate: number;
  /** Paragraphs pasted into this report that also appear in other units' reports. */
  sharedPassages?: string[];
  /** Last year's achievement paragraphs, reused verbatim with this year's date (year-over-year). */
  reusedAchievements?: string[];
}

export interface GeneratedReport {
  model: SelfEvaluation;
  doc: GeneratedDoc;
  /** The achievement paragraphs as written (the next year's report may reuse them). */
  achievements: string[];
  /** The passages that came from `sharedPassages`, as written. */
  shared: string[];
}

/** Amounts are integers in 0.01万元 (100元): every figure prints exactly with two decimals. */
type Cents = number;

interface MoneyStyle {
  unit: '万元' | '元';
  separators: boolean;
}

function money(value: Cents, style: MoneyStyle): string {
  if (style.unit === '元') return `${groupDigits(String(value * 100), style.separators)}.00元`;
  const int = Math.floor(value / 100);
  const frac = String(value % 100).padStart(2, '0');
  return `${groupDigits(String(int), style.separators)}.${frac}万元`;
}

function groupDigits(digits: string, separators: boolean): string {
  return separators ? digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : digits;
}

/** "12.34%" from part/whole, two decimals as finance reports print it. */
function percent(part: number, whole: number): string {
  return `${((part / whole) * 100).toFixed(2)}%`;
}

function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`wording variable {${name}} has no value`);
    return String(value);
  });
}

/** A template filled, with where each variable's value landed. */
function fillAt(
  template: string,
  vars: Record<string, string | number>,
): { text: string; at: Record<string, [number, number]> } {
  let text = '';
  const at: Record<string, [number, number]> = {};
  let last = 0;
  for (const m of template.matchAll(/\{(\w+)\}/g)) {
    text += template.slice(last, m.index);
    const value = vars[m[1]!];
    if (value === undefined) throw new Error(`wording variable {${m[1]}} has no value`);
    at[m[1]!] = [text.length, text.length + String(value).length];
    text += String(value);
    last = m.index + m[0].length;
  }
  return { text: text + template.slice(last), at };
}

const CN = '一二三四五六七八九十';
function cnNumber(n: number): string {
  if (n <= 10) return CN[n - 1]!;
  return `十${CN[n - 11] ?? ''}`;
}

export function makeUnit(rng: Random, region: Region, index: number, usedNames: Set<string>): UnitProfile {
  for (let attempt = 0; ; attempt++) {
    const kind = rng.pick(units.kinds);
    const name = fill(rng.pick(kind.names), {
      district: region.district,
      place: rng.pick(region.places),
      ordinal: cnNumber(rng.int(1, 12)),
    });
    if (usedNames.has(name) && attempt < 50) continue;
    usedNames.add(name);
    const staff =
      kind.id === 'hospital' ? rng.int(120, 600) : kind.id === 'school' ? rng.int(40, 160) : rng.int(20, 90);
    return {
      id: `u${String(index).padStart(4, '0')}`,
      name,
      short: kind.short,
      region,
      regionName: `${region.province}${region.city}${region.district}`,
      kind,
      staff,
      personnelPerHead: rng.int(1200, 2000),
    };
  }
}

interface Figures {
  personnel: Cents;
  public: Cents;
  basic: Cents;
  categories: { name: string; amount: Cents }[];
  project: Cents;
  total: Cents;
  basicPlan: Cents;
  projectPlan: Cents;
  totalPlan: Cents;
  sangong: { reception: Cents; vehicle: Cents; abroad: Cents; total: Cents; decrease: Cents };
  staffParts: { category: string; count: number }[];
  staffTotal: number;
  staffChange: number;
  authorized: number;
  tasksPlanned: number;
  tasksCompleted: number;
  surveyed: number;
  satisfied: number;
}

/** A plan from which `actual` is executed at a rate inside plan-actual-gap's band (95%–100%). */
function planFor(rng: Random, actual: Cents): Cents {
  return Math.round(actual / rng.float(0.95, 1));
}

function figures(rng: Random, unit: UnitProfile, year: number): Figures {
  const drift = 1 + (year - 2020) * 0.03 + rng.float(-0.04, 0.04);
  const staffTotal = Math.max(12, Math.round(unit.staff * rng.float(0.95, 1.05)));
  const retired = Math.max(1, Math.round(staffTotal * rng.float(0.05, 0.2)));
  const hired = Math.max(1, Math.round(staffTotal * rng.float(0.05, 0.2)));
  const staffParts = [
    { category: unit.kind.staff[0]!, count: staffTotal - retired - hired },
    { category: unit.kind.staff[1]!, count: hired },
    { category: unit.kind.staff[2]!, count: retired },
  ];
  const personnel = Math.round(staffTotal * unit.personnelPerHead * drift);
  const pub = Math.round(personnel * rng.float(0.08, 0.3));
  const categories = rng.sample(unit.kind.categories, rng.int(2, 4)).map((name) => ({
    name,
    amount: Math.round(personnel * rng.float(0.1, 0.8)),
  }));
  const project = categories.reduce((a, c) => a + c.amount, 0);
  const basic = personnel + pub;
  const reception = rng.int(50, 800);
  const vehicle = rng.int(100, 1500);
  const abroad = 0;
  const planned = rng.int(8, 30);
  const surveyed = rng.int(100, 600);
  const basicPlan = planFor(rng, basic);
  const projectPlan = planFor(rng, project);
  return {
    personnel,
    public: pub,
    basic,
    categories,
    project,
    total: basic + project,
    basicPlan,
    projectPlan,
    totalPlan: basicPlan + projectPlan,
    sangong: {
      reception,
      vehicle,
      abroad,
      total: reception + vehicle + abroad,
      decrease: rng.int(10, Math.round((reception + vehicle) * 0.3)),
    },
    staffParts,
    staffTotal,
    staffChange: rng.int(-3, 4),
    authorized: staffTotal - retired + rng.int(0, 5),
    tasksPlanned: planned,
    tasksCompleted: planned,
    surveyed,
    satisfied: Math.round(surveyed * rng.float(0.92, 0.99)),
  };
}

function fen(cents: Cents): number {
  return cents * 10_000;
}

function toModel(
  unit: UnitProfile,
  year: number,
  f: Figures,
  achievements: string[],
  problems: string[],
  improvements: string[],
): SelfEvaluation {
  const amount = (actual: Cents, plan: Cents | null) => ({
    initial: null,
    adjusted: plan === null ? null : fen(plan),
    actual: fen(actual),
  });
  const bodies = Object.entries(unit.kind.bodies).flatMap(([kind, names]) =>
    (names as string[]).map((name) => ({ name, kind: kind as '党政机构' })),
  );
  return SelfEvaluationShape.parse({
    unit: { name: unit.name, region: unit.regionName, level: '区级' },
    fiscalYear: year,
    duties: unit.kind.duties,
    organisation: { bodies },
    staffing: {
      authorizedTotal: f.authorized,
      actualTotal: f.staffTotal,
      actual: f.staffParts,
      changeFromLastYear: f.staffChange,
    },
    budget: {
      generalPublic: {
        total: amount(f.total, f.totalPlan),
        basic: {
          total: amount(f.basic, f.basicPlan),
          personnel: amount(f.personnel, null),
          public: amount(f.public, null),
        },
        project: {
          total: amount(f.project, f.projectPlan),
          categories: f.categories.map((c) => ({ name: c.name, ...amount(c.amount, null) })),
        },
      },
      govFund: { actual: 0 },
      stateCapital: { actual: 0 },
      socialInsurance: { actual: 0 },
      sangong: {
        abroad: { actual: fen(f.sangong.abroad) },
        vehiclePurchase: { actual: 0 },
        vehicleOperation: { actual: fen(f.sangong.vehicle) },
        reception: { actual: fen(f.sangong.reception) },
      },
    },
    performance: {
      tasks: { planned: f.tasksPlanned, completed: f.tasksCompleted },
      survey: { surveyed: f.surveyed, satisfied: f.satisfied },
    },
    achievements: { text: achievements.join('\n') },
    problems,
    improvements,
  });
}

/** The defect kinds this generator plants, each at most once per report. */
export const PLANTED_RULES = [
  'sum-mismatch',
  'figure-inconsistent',
  'percent-inconsistent',
  'count-mismatch',
  'plan-actual-gap',
  'missing-section',
  'numbering',
  'typo',
  'punctuation',
  'privacy',
  'duplicate-passage',
  'placeholder',
  'unfilled',
  'letter-in-number',
  'malformed-date',
  'repeated-phrase',
  'stray-unit',
] as const;

/** Words of the clean text a typo is planted into, and the misspelling data/typos.json knows. */
const TYPO_SWAPS: [string, string][] = [
  ['建立健全', '建立建全'],
  ['部署', '布署'],
  ['台账', '台帐'],
  ['发挥', '发辉'],
  ['拨付', '拔付'],
];

export function generateReport(
  rng: Random,
  unit: UnitProfile,
  year: number,
  options: ReportOptions,
): GeneratedReport {
  const f = figures(rng, unit, year);
  const plant = new Set(PLANTED_RULES.filter(() => rng.chance(options.defectRate)));
  // Where each arithmetic defect goes: real reports get each of these wrong.
  const site = {
    count: plant.has('count-mismatch') ? rng.pick(['org', 'staff', 'scores'] as const) : null,
    gap: plant.has('plan-actual-gap') ? rng.pick(['project', 'indicator'] as const) : null,
    percent: plant.has('percent-inconsistent') ? rng.pick(['basic', 'sangong'] as const) : null,
  };
  const style: MoneyStyle = {
    unit: rng.chance(0.2) ? '元' : '万元',
    separators: rng.chance(0.25),
  };
  const m = (v: Cents) => money(v, style);
  const vars = { unit: unit.name, year, short: unit.short };
  const book = new Phrasebook(rng, vars);
  const written: (Block | Line)[] = [];
  const level1: HeadingBlock[] = [];
  const sub = { level2: 0, level3: 0 };
  const arabicDot = rng.pick(['．', '.']);
  const heading = (level: 1 | 2 | 3, key: keyof typeof wording.headings) => {
    const title = rng.pick(wording.headings[key]);
    let number: string;
    if (level === 1) {
      number = `${cnNumber(level1.length + 1)}、`;
      sub.level2 = 0;
    } else if (level === 2) {
      number = `（${cnNumber(++sub.level2)}）`;
      sub.level3 = 0;
    } else number = `${++sub.level3}${arabicDot}`;
    const block: HeadingBlock = { type: 'heading', level, number, title, marks: [] };
    if (level === 1) level1.push(block);
    written.push(block);
    return block;
  };
  const para = (text: string) => {
    const line = new Line().add(text);
    written.push(line);
    return line;
  };
  let indicators: SelfEvaluation['performance']['indicators'] = [];
  const pickFill = (templates: string[], extra: Record<string, string | number>) =>
    fillAt(rng.pick(templates), { ...vars, ...extra });

  // 一、基本情况
  heading(1, 'basic');
  heading(2, 'duties');
  const dutyStyle = rng.pick(['）', '、']);
  withExtraDuties(unit.kind.duties, book.drawMany('duties', rng.int(2, 5))).forEach((duty, i, all) => {
    para(`${i + 1}${dutyStyle === '）' ? '）' : '．'}${duty}${i === all.length - 1 ? '。' : '；'}`);
  });
  heading(2, 'org');
  para(fill(rng.pick(wording.orgIntro), vars));
  const groups = Object.entries(unit.kind.bodies);
  const countPlanted = site.count === 'org';
  groups.forEach(([kind, names], i) => {
    const list = names as string[];
    const stated = countPlanted && i === 0 ? list.length + 1 : list.length;
    const filled = pickFill(wording.orgGroup, {
      count: stated,
      kind: kind === '其他' ? '内设机构' : kind,
      names: list.join('、'),
    });
    const line = para(`${i + 1}${arabicDot}${filled.text}`);
    if (countPlanted && i === 0) {
      const offset = `${i + 1}${arabicDot}`.length;
      line.markRange(
        'count-mismatch',
        offset + filled.at.count![0],
        offset + filled.at.names![1],
        `称${stated}个，列出${list.length}个`,
      );
    }
  });
  heading(2, 'staff');
  {
    const staffPlanted = site.count === 'staff';
    const parts = f.staffParts.map((p, i) =>
      staffPlanted && i === 1 ? { ...p, count: p.count + rng.int(1, 3) } : p,
    );
    const change =
      f.staffChange === 0 ? '持平' : f.staffChange > 0 ? `增加${f.staffChange}人` : `减少${-f.staffChange}人`;
    const filled = pickFill(wording.staff, {
      total: f.staffTotal,
      parts: parts.map((p) => `${p.category}${p.count}人`).join('，'),
      change,
    });
    const line = para(filled.text);
    if (staffPlanted) {
      line.markRange(
        'count-mismatch',
        filled.at.total![0],
        filled.at.parts![1],
        '人员分项之和与实有人数不符',
      );
    }
    para(fill(rng.pick(wording.authorized), { ...vars, authorized: f.authorized }));
  }
  heading(2, 'achievements');
  // Most reports group their achievements in numbered themes; some list them flat, numbered or not.
  const achievementStyle = rng.pick([...Array<'themes'>(8).fill('themes'), 'dot', 'none'] as const);
  const achievementMark = (i: number) => (achievementStyle === 'dot' ? `${i + 1}${arabicDot}` : '');
  // Each ends with what this unit did, in its own figures (two units of a kind share the point, not the words).
  const kindPoints = unit.kind.achievements.map(
    (a) =>
      `${book.fill(a, {
        n1: rng.int(6, 40),
        n2: rng.int(10, 900),
        n3: rng.int(5, 300),
        n4: rng.int(2, 12),
        n5: rng.int(3, 60),
      })}；${book.fill(rng.pick(narrative.pointDetails))}`,
  );
  const achievements = options.reusedAchievements
    ? options.reusedAchievements
    : achievementStyle === 'themes'
      ? themeParagraphs(achievementThemes(rng, book, kindPoints), arabicDot)
      : kindPoints.map((a, i) => `${achievementMark(i)}${a}。`);
  for (const a of achievements) para(a);
  // Policy boilerplate that most units copy word for word: a batch review should not call it copying.
  for (const { chance, text } of narrative.boilerplate) if (rng.chance(chance)) para(text);
  const shared: string[] = [];
  for (const passage of options.sharedPassages ?? []) {
    const text = `${passage}。`;
    shared.push(text);
    para(text);
  }

  // 二、一般公共预算支出
  heading(1, 'gpb');
  // A table restates the totals: a planted sum or gap there would be a second, table-versus-text finding.
  const withTable =
    !plant.has('sum-mismatch') &&
    !plant.has('figure-inconsistent') &&
    site.gap !== 'project' &&
    rng.chance(0.5);
  const sumPlanted = plant.has('sum-mismatch')
    ? rng.pick(['gp', 'basic', 'project', 'sangong'] as const)
    : null;
  {
    const total = sumPlanted === 'gp' ? f.total + Math.round(f.total * rng.float(0.02, 0.1)) : f.total;
    const filled = pickFill(wording.gp, { total: m(total), basic: m(f.basic), project: m(f.project) });
    const line = para(filled.text);
    if (sumPlanted === 'gp') {
      line.markRange(
        'sum-mismatch',
        filled.at.total![0],
        filled.at.project![1],
        '合计数与基本支出、项目支出之和不符',
      );
    }
  }
  if (withTable) {
    const rows: string[][] = [
      ['合计', wan(f.totalPlan), wan(f.total), percent(f.total, f.totalPlan)],
      ['基本支出', wan(f.basicPlan), wan(f.basic), percent(f.basic, f.basicPlan)],
      ['项目支出', wan(f.projectPlan), wan(f.project), percent(f.project, f.projectPlan)],
    ];
    const table: TableBlock = {
      type: 'table',
      caption: fill(rng.pick(wording.budgetCaption), { ...vars, n: 1 }),
      header: ['项目', '调整预算数', '全年执行数', '执行率'],
      rows,
      cellMarks: [],
    };
    written.push(table);
  }
  heading(2, 'basic_exp');
  {
    const personnel =
      sumPlanted === 'basic' ? f.personnel + Math.round(f.personnel * rng.float(0.02, 0.1)) : f.personnel;
    const filled = pickFill(wording.basic, {
      basic: m(f.basic),
      personnel: m(personnel),
      public: m(f.public),
    });
    const line = para(filled.text);
    if (sumPlanted === 'basic') {
      line.markRange(
        'sum-mismatch',
        filled.at.basic![0],
        filled.at.public![1],
        '基本支出与人员经费、公用经费之和不符',
      );
    }
    // Most units copy the standard definition of 人员经费 and 公用经费 word for word: boilerplate, not copying.
    para(rng.chance(0.85) ? wording.basicUse[0]! : wording.basicUse[1]!);
    // The breakdown restates 人员经费: with a wrong 人员经费 planted above it would be a second finding.
    if (sumPlanted !== 'basic') para(basicBreakdown(rng, f, m));
    const percentPlanted = site.percent === 'basic';
    const stated = percentPlanted ? wrongPercent(rng, f.basic, f.basicPlan) : percent(f.basic, f.basicPlan);
    const rate = pickFill(wording.basicRate, { plan: m(f.basicPlan), actual: m(f.basic), rate: stated });
    const rateLine = para(rate.text);
    if (percentPlanted)
      rateLine.markRange(
        'percent-inconsistent',
        rate.at.rate![0],
        rate.at.rate![1],
        `执行率应为${percent(f.basic, f.basicPlan)}`,
      );
  }
  heading(2, 'project_exp');
  {
    const parts = f.categories.map((c, i) =>
      fill(rng.pick(wording.projectCategory), {
        name: c.name,
        amount: m(
          sumPlanted === 'project' && i === 0
            ? c.amount + Math.round(f.project * rng.float(0.03, 0.1))
            : c.amount,
        ),
      }),
    );
    const filled = pickFill(wording.project, { project: m(f.project), parts: parts.join('，') });
    const line = para(filled.text);
    if (sumPlanted === 'project') {
      line.markRange(
        'sum-mismatch',
        filled.at.project![0],
        filled.at.parts![1],
        '项目支出与各类项目之和不符',
      );
    }
    const gapPlanted = site.gap === 'project';
    const plan = gapPlanted ? Math.round(f.project / rng.float(0.6, 0.8)) : f.projectPlan;
    const rate = pickFill(wording.projectRate, {
      plan: m(plan),
      actual: m(f.project),
      rate: percent(f.project, plan),
    });
    const rateLine = para(rate.text);
    if (gapPlanted)
      rateLine.markRange(
        'plan-actual-gap',
        rate.at.plan![0],
        rate.at.actual![1],
        `执行率${percent(f.project, plan)}`,
      );
    const names = rng.sample(unit.kind.projects, rng.int(3, 5));
    para(fill(rng.pick(wording.projectList), { ...vars, count: names.length, names: names.join('、') }));
    para(book.draw('projectIntro')!);
    for (const [i, text] of projectNotes(rng, book, names, f.project, m).entries()) {
      para(`（${i + 1}）${text}`);
    }
  }
  {
    const s = f.sangong;
    const reception = sumPlanted === 'sangong' ? s.reception + rng.int(20, 200) : s.reception;
    const filled = pickFill(wording.sangong, {
      total: m(s.total),
      reception: m(reception),
      vehicle: m(s.vehicle),
      abroad: m(s.abroad),
    });
    const line = para(filled.text);
    if (sumPlanted === 'sangong') {
      line.markRange(
        'sum-mismatch',
        filled.at.total![0],
        filled.at.abroad![1],
        '“三公”经费合计与分项之和不符',
      );
    }
    const right = percent(s.decrease, s.total + s.decrease);
    const stated = site.percent === 'sangong' ? wrongPercent(rng, s.decrease, s.total + s.decrease) : right;
    const change = pickFill(wording.sangongChange, {
      total: m(s.total),
      decrease: m(s.decrease),
      rate: stated,
    });
    const changeLine = para(change.text);
    if (site.percent === 'sangong') {
      changeLine.markRange(
        'percent-inconsistent',
        change.at.rate![0],
        change.at.rate![1],
        `降幅应为${right}`,
      );
    }
  }

  // 三至五、其他三本预算
  const dropped = plant.has('missing-section')
    ? rng.pick(['gov_fund', 'state_capital', 'social_insurance', 'results_use'] as const)
    : null;
  const missingAnchor: { block: HeadingBlock | null } = { block: null };
  const fundSection = (key: 'gov_fund' | 'state_capital' | 'social_insurance', name: string) => {
    if (dropped === key) {
      missingAnchor.block = level1[level1.length - 1]!;
      return;
    }
    heading(1, key);
    para(fill(rng.pick(wording.noFund), { ...vars, name }));
  };
  fundSection('gov_fund', '政府性基金预算');
  fundSection('state_capital', '国有资本经营预算');
  fundSection('social_insurance', '社会保险基金预算');

  // 六、绩效情况
  heading(1, 'performance');
  para(fill(rng.pick(wording.performanceIntro), vars));
  para(`${book.drawMany('targets', rng.int(3, 5)).join('；')}。`);
  {
    // Rates of counts (完成率, 满意度) are written right: percent-inconsistent checks rates of amounts only.
    const tasks = pickFill(wording.tasks, {
      planned: f.tasksPlanned,
      completed: f.tasksCompleted,
      rate: percent(f.tasksCompleted, f.tasksPlanned),
    });
    para(tasks.text);
    const survey = pickFill(wording.survey, {
      surveyed: f.surveyed,
      satisfied: f.satisfied,
      rate: percent(f.satisfied, f.surveyed),
    });
    para(survey.text);
    para(`${book.drawMany('results', rng.int(3, 6)).join('；')}。`);
    if (rng.chance(0.7) || site.count === 'scores' || site.gap === 'indicator') {
      const caption = fill(rng.pick(wording.indicatorCaption), { ...vars, n: withTable ? 2 : 1 });
      const table = indicatorTable(rng, f, caption, site);
      written.push(table);
      indicators = indicatorsOf(table);
    }
    const restated = plant.has('figure-inconsistent')
      ? f.project + Math.round(f.project * rng.float(0.03, 0.12))
      : f.project;
    const restate = pickFill(wording.projectRestate, { project: m(restated) });
    const line = para(restate.text);
    if (plant.has('figure-inconsistent')) {
      line.markRange(
        'figure-inconsistent',
        restate.at.project![0],
        restate.at.project![1],
        `项目支出前文为${m(f.project)}`,
      );
    }
    // Numbered achievements read as level-3 headings, which duplicate-passage rightly leaves alone.
    // Numbered achievements (1．) read as level-3 headings, which duplicate-passage rightly leaves alone;
    // a theme's points （1）（2） are body text, but the 序号 between two copied points breaks the match,
    // so each must reach the rule's 50 characters on its own.
    const body = (a: string) => !/^\d+[．.]/.test(a);
    const pairs = achievements.flatMap((a, i) => {
      const next = achievements[i + 1];
      if (next === undefined || !body(a) || !body(next)) return [];
      return !a.startsWith('（') || (a.length >= 60 && next.length >= 60) ? [i] : [];
    });
    if (plant.has('duplicate-passage') && pairs.length > 0) {
      // Two paragraphs of 主要事业成效 pasted as one, the way a section gets filled from another.
      const from = rng.pick(pairs);
      const text = achievements
        .slice(from, from + 2)
        .map((a) => a.replace(/^(\d+[．.]|（\d+）)/, ''))
        .join('');
      para('').mark('duplicate-passage', text, '从“主要事业成效”复制');
    }
  }

  // 七、八、问题与措施
  heading(1, 'problems');
  const problems = rng.sample(units.problems, rng.int(2, 4)).map((p) => book.fill(p));
  for (const [i, p] of problems.entries()) {
    const cause = rng.chance(0.7) ? book.draw('problemCauses') : null;
    para(`${cnNumber(i + 1)}是${p}。${cause ? `${cause}。` : ''}`);
  }
  heading(1, 'improvements');
  const improvements = rng.sample(units.improvements, rng.int(2, 4)).map((p) => book.fill(p));
  const listStyle = rng.chance(0.5);
  improvements.forEach((p, i, all) => {
    const end = i === all.length - 1 ? '。' : '；';
    const detail = rng.chance(0.6) ? book.draw('improvementDetails') : null;
    const body = detail ? `${p}，${detail}` : p;
    para(listStyle ? `${i + 1}）${body}${end}` : `${cnNumber(i + 1)}是${body}。`);
  });
  if (dropped === 'results_use') missingAnchor.block = level1[level1.length - 1]!;
  else {
    heading(1, 'results_use');
    para(book.fill(rng.pick(units.resultsUse)));
    const month = rng.int(2, 5);
    const day = rng.int(10, 28);
    const date = `${year + 1}年${month}月${day}日`;
    // 2021316日: the 年 and 月 lost in typing.
    const broken = `${year + 1}${month}${day}日`;
    const line = para('本报告已于');
    if (plant.has('malformed-date')) line.mark('malformed-date', broken, `应为${date}`);
    else line.add(date);
    line.add('经单位办公会议审议通过。');
  }
  heading(1, 'other');
  para(rng.pick(wording.other));
  if (plant.has('privacy')) {
    const phone = `1${rng.pick(['38', '39', '58', '86', '77'])}${String(rng.int(0, 99999999)).padStart(8, '0')}`;
    para('本报告联系人：王某，联系电话：').mark('privacy', phone, '手机号码').add('。');
  }
  if (plant.has('placeholder')) para('填报日期：').mark('placeholder', '20XX年X月X日', '日期未填');
  if (plant.has('unfilled')) {
    para('绩效自评佐证材料清单').mark('unfilled', '（待补充）', '待填标记');
  }
  if (missingAnchor.block) {
    const h = missingAnchor.block;
    h.marks.push({
      rule: 'missing-section',
      start: 0,
      end: h.number.length + h.title.length,
      note: `删去了${dropped}部分`,
    });
  }

  const blocks = written.map((b) => (b instanceof Line ? b.block() : b));
  plantTextDefects(rng, blocks, plant);
  if (plant.has('numbering')) plantNumberingGap(rng, level1);

  const title = fill(rng.pick(wording.titles), vars);
  const model = toModel(unit, year, f, achievements, problems, improvements);
  model.performance.indicators = indicators;
  return { model, doc: { title, blocks }, achievements, shared };
}

/** 绩效指标完成情况表: targets met (or one missed), 分值 and 得分 closed by a 合计 row. */
function indicatorTable(
  rng: Random,
  f: Figures,
  caption: string,
  site: { count: string | null; gap: string | null },
): TableBlock {
  const satisfaction = Math.round((f.satisfied / f.surveyed) * 1000) / 10;
  const onTime = rng.int(960, 1000) / 10;
  const rows: { cells: string[]; weight: number }[] = [
    {
      cells: ['产出指标', '数量指标', '完成重点工作任务数', `≥${f.tasksPlanned}项`, `${f.tasksCompleted}项`],
      weight: 20,
    },
    { cells: ['产出指标', '质量指标', '项目验收合格率', '100%', '100%'], weight: 20 },
    { cells: ['产出指标', '时效指标', '资金支付及时率', '≥95%', `${onTime}%`], weight: 20 },
    { cells: ['效益指标', '社会效益指标', '服务群众能力', '持续提升', '有效提升'], weight: 20 },
    { cells: ['满意度指标', '服务对象满意度指标', '服务对象满意度', '≥90%', `${satisfaction}%`], weight: 20 },
  ];
  const cellMarks: TableBlock['cellMarks'] = [];
  if (site.gap === 'indicator') {
    const missed = `${rng.int(800, 930) / 10}%`;
    rows[2]!.cells[4] = missed;
    cellMarks.push({
      row: 2,
      col: 4,
      mark: { rule: 'plan-actual-gap', start: 0, end: missed.length, note: '未达到年度目标95%' },
    });
  }
  const scores = rows.map((r, i) => (site.gap === 'indicator' && i === 2 ? r.weight - 2 : r.weight));
  const total = scores.reduce((a, b) => a + b, 0);
  const statedTotal = site.count === 'scores' ? total + rng.pick([-3, -2, 2, 3]) : total;
  const body = rows.map((r, i) => [...r.cells, String(r.weight), String(scores[i])]);
  body.push(['合计', '', '', '', '', String(rows.reduce((a, r) => a + r.weight, 0)), String(statedTotal)]);
  if (site.count === 'scores') {
    cellMarks.push({
      row: body.length - 1,
      col: 6,
      mark: {
        rule: 'count-mismatch',
        start: 0,
        end: String(statedTotal).length,
        note: `得分合计应为${total}`,
      },
    });
  }
  return {
    type: 'table',
    caption,
    header: ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
    rows: body,
    cellMarks,
  };
}

/** The table's rows as the model's indicators (the 自评表 XLSX is written from them). */
function indicatorsOf(table: TableBlock): SelfEvaluation['performance']['indicators'] {
  return table.rows.slice(0, -1).map(([level1, level2, level3, target, actual, weight, score]) => {
    const m = /^(≥|≤)?(\d+(?:\.\d+)?)(.*)$/.exec(target!);
    const value = /^(\d+(?:\.\d+)?)/.exec(actual!);
    return {
      level1: level1!,
      level2: level2!,
      level3: level3!,
      target: m
        ? { comparator: (m[1] ?? '=') as '≥', value: Number(m[2]), level: null, unit: m[3] || null }
        : { comparator: 'qualitative' as const, value: null, level: target!, unit: null },
      actual: m && value ? { value: Number(value[1]), text: null } : { value: null, text: actual! },
      weight: Number(weight),
      score: Number(score),
      deviationReason: null,
    };
  });
}

function wan(cents: Cents): string {
  return (cents / 100).toFixed(2);
}

/** A stated rate off by 2–9 points, inside plan-actual-gap's band so only the arithmetic is wrong. */
function wrongPercent(rng: Random, part: number, whole: number): string {
  const right = (part / whole) * 100;
  const off = rng.float(2, 9) * (right > 100 ? -1 : right < 20 || rng.chance(0.5) ? 1 : -1);
  return `${Math.min(109, right + off).toFixed(2)}%`;
}

/** Typos and half-width punctuation replace a character or word in a paragraph already written. */
function plantTextDefects(rng: Random, blocks: Block[], plant: Set<string>): void {
  const paragraphs = blocks.filter(
    (b): b is Extract<Block, { type: 'paragraph' }> => b.type === 'paragraph' && b.marks.length === 0,
  );
  if (plant.has('typo')) {
    const candidates = paragraphs.flatMap((p) =>
      TYPO_SWAPS.filter(([right]) => p.text.includes(right)).map((swap) => ({ p, swap })),
    );
    if (candidates.length > 0) {
      const { p, swap } = rng.pick(candidates);
      const at = p.text.indexOf(swap[0]);
      p.text = p.text.slice(0, at) + swap[1] + p.text.slice(at + swap[0].length);
      p.marks.push({ rule: 'typo', start: at, end: at + swap[1].length, note: `${swap[1]}→${swap[0]}` });
    }
  }
  if (plant.has('repeated-phrase')) {
    const p = paragraphs.find((b) => b.marks.length === 0 && b.text.includes('主要用于'));
    if (p) {
      const at = p.text.indexOf('主要用于');
      p.text = `${p.text.slice(0, at)}主要用于${p.text.slice(at)}`;
      p.marks.push({ rule: 'repeated-phrase', start: at, end: at + 8, note: '“主要用于”重复' });
    }
  }
  if (plant.has('stray-unit')) {
    const p = paragraphs.find((b) => b.marks.length === 0 && /下降\d+\.\d+%/.test(b.text));
    if (p) {
      const m = /下降(\d+\.\d+%)/.exec(p.text)!;
      const at = m.index + 2;
      const end = at + m[1]!.length;
      p.text = `${p.text.slice(0, end)}万元${p.text.slice(end)}`;
      p.marks.push({ rule: 'stray-unit', start: at, end: end + 2, note: '百分数后多了金额单位' });
    }
  }
  if (plant.has('letter-in-number')) {
    const candidates = paragraphs.filter((b) => b.marks.length === 0 && /20\d\d年/.test(b.text));
    if (candidates.length > 0) {
      const p = rng.pick(candidates);
      const m = /20\d\d年/.exec(p.text)!;
      const at = m.index + 1;
      p.text = `${p.text.slice(0, at)}O${p.text.slice(at + 1)}`;
      p.marks.push({ rule: 'letter-in-number', start: m.index, end: m.index + 4, note: '数字0误打成字母O' });
    }
  }
  if (plant.has('punctuation')) {
    const candidates = paragraphs.filter(
      (p) => p.marks.length === 0 && /[\u4e00-\u9fff]，[\u4e00-\u9fff]/.test(p.text),
    );
    if (candidates.length > 0) {
      const p = rng.pick(candidates);
      const at = p.text.search(/(?<=[\u4e00-\u9fff])，(?=[\u4e00-\u9fff])/);
      p.text = `${p.text.slice(0, at)},${p.text.slice(at + 1)}`;
      p.marks.push({ rule: 'punctuation', start: at, end: at + 1, note: '半角逗号' });
    }
  }
}

/** Skips one level-1 number (一、二、四、…): every later heading keeps counting from the skipped one. */
function plantNumberingGap(rng: Random, level1: HeadingBlock[]): void {
  const from = rng.int(2, level1.length - 1);
  for (let i = from; i < level1.length; i++) {
    const h = level1[i]!;
    const shift = cnNumber(i + 2);
    const old = h.number;
    h.number = `${shift}、`;
    const delta = h.number.length - old.length;
    for (const mark of h.marks) {
      mark.start += mark.start === 0 ? 0 : delta;
      mark.end += delta;
    }
  }
  const h = level1[from]!;
  h.marks.push({ rule: 'numbering', start: 0, end: h.number.length, note: `应为${cnNumber(from + 1)}、` });
}

/** The kind's duties with general ones inserted before a closing “承办……交办的其他事项”. */
function withExtraDuties(duties: readonly string[], extra: readonly string[]): string[] {
  const last = duties.at(-1) ?? '';
  return /交办的其他/.test(last) ? [...duties.slice(0, -1), ...extra, last] : [...duties, ...extra];
}

/** Parts of `total` (integers, every part at least 1) in random proportions. */
function splitCents(rng: Random, total: Cents, parts: number): Cents[] {
  const weights = Array.from({ length: parts }, () => rng.float(0.5, 2));
  const sum = weights.reduce((a, b) => a + b, 0);
  const amounts = weights.map((w) => Math.max(1, Math.floor((total * w) / sum)));
  amounts[0]! += total - amounts.reduce((a, b) => a + b, 0);
  return amounts;
}

/** 人员经费 and 公用经费 by economic classification, each adding up to its total. */
function basicBreakdown(rng: Random, f: Figures, m: (v: Cents) => string): string {
  const [wages, subsidies] = splitCents(rng, f.personnel, 2);
  const items = rng.sample(wording.publicItems, rng.int(3, 5));
  const amounts = splitCents(rng, f.public, items.length);
  const list = items.map((name, i) => `${name}${m(amounts[i]!)}`).join('、');
  return fill(rng.pick(wording.basicBreakdown), {
    personnel: m(f.personnel),
    wages: m(wages!),
    subsidies: m(subsidies!),
    public: m(f.public),
    items: list,
  });
}

/** One note a project: plan, actual and rate (inside plan-actual-gap's band), use and effect. */
function projectNotes(
  rng: Random,
  book: Phrasebook,
  names: readonly string[],
  project: Cents,
  m: (v: Cents) => string,
): string[] {
  // The notes cover the main projects only, so their amounts stay below the 项目支出 they are part of.
  const amounts = splitCents(rng, Math.round(project * rng.float(0.5, 0.85)), names.length);
  return names.map((name, i) => {
    const actual = amounts[i]!;
    const plan = planFor(rng, actual);
    const focus = name.replace(/(工作)?(经费|项目)$/, '');
    const figures = fill(rng.pick(wording.projectNote), {
      name,
      plan: m(plan),
      actual: m(actual),
      rate: percent(actual, plan),
    });
    const use = book.draw('projectUse', { focus }) ?? '';
    const effect = book.draw('projectEffect') ?? '';
    return `${figures}${[use, effect].filter(Boolean).join('，')}。`;
  });
}
