/**
 * The model as template variables: every figure formatted the way a report writes it (1771.06万元, 117.35%,
 * 57), lists as item records, stated zeros as flags. A field the model does not hold is null, so the
 * template fragment that needs it is not written. The fragments that join list items (其中在职在编44人，…)
 * come from the wording file; this module decides only which fragment fits each item.
 */
import { formatFen } from '../../model/money.ts';
import type { AmountFigures, SelfEvaluation } from '../../model/schema.ts';
import { fillOrEmpty, type Vars, type Wording } from './wording.ts';

export function modelVars(model: SelfEvaluation, wording: Wording): Vars {
  return {
    unit: model.unit.name,
    year: String(model.fiscalYear),
    ...budgetVars(model, wording),
    ...staffVars(model, wording),
    ...listVars(model, wording),
    ...performanceVars(model),
    resultsApplication: text(model.resultsUse.application),
    resultsDisclosure: text(model.resultsUse.disclosure),
  };
}

export function money(fen: number | null): string | null {
  return fen === null ? null : formatFen(fen);
}

/** 1.17349 → "117.35%"; null when either side is unknown or the base is zero. */
export function rate(part: number | null, whole: number | null): string | null {
  if (part === null || whole === null || whole === 0) return null;
  return `${trimZeros((part / whole) * 100, 2)}%`;
}

export function trimZeros(value: number, decimals: number): string {
  return value.toFixed(decimals).replace(/\.?0+$/, '');
}

function text(value: string | null): string | null {
  return value === null || value.trim() === '' ? null : value.trim();
}

/** The plan a rate is measured against: the adjusted budget when there is one, else the initial. */
export function planOf(figures: AmountFigures): number | null {
  return figures.adjusted ?? figures.initial;
}

function budgetVars(model: SelfEvaluation, wording: Wording): Vars {
  const gp = model.budget.generalPublic;
  const { govFund, stateCapital, socialInsurance } = model.budget;
  return {
    gpActual: money(gp.total.actual),
    gpInitial: money(gp.total.initial),
    basicActual: money(gp.basic.total.actual),
    basicInitial: money(gp.basic.total.initial),
    basicRate: rate(gp.basic.total.actual, planOf(gp.basic.total)),
    personnelActual: money(gp.basic.personnel.actual),
    publicActual: money(gp.basic.public.actual),
    projectActual: money(gp.project.total.actual),
    projectInitial: money(gp.project.total.initial),
    projectRate: rate(gp.project.total.actual, planOf(gp.project.total)),
    categoryList: joinItems(
      gp.project.categories.map((c) => ({ name: c.name, actual: money(c.actual) })),
      wording.fragments.category!,
      wording.fragments.listSeparator!,
    ),
    sangongList: sangongList(model, wording),
    ...fundVars('govFund', govFund),
    ...fundVars('stateCapital', stateCapital),
    ...fundVars('socialInsurance', socialInsurance),
  };
}

function fundVars(name: string, figures: AmountFigures): Vars {
  const none = figures.actual === 0 && !figures.initial && !figures.adjusted;
  return {
    [`${name}None`]: none,
    [`${name}Actual`]: none ? null : money(figures.actual),
    [`${name}Initial`]: none ? null : money(figures.initial),
  };
}

/** Items joined by the separator; null when any item lacks a value (a partial list would mislead). */
function joinItems(items: Vars[], template: string, separator: string): string | null {
  if (items.length === 0) return null;
  const parts = items.map((item) => fillOrEmpty(template, item));
  return parts.some((p) => p === '') ? null : parts.join(separator);
}

function sangongList(model: SelfEvaluation, wording: Wording): string | null {
  const parts: string[] = [];
  for (const [key, item] of Object.entries(model.budget.sangong)) {
    if (item.actual === null) continue;
    const name = wording.sangongNames[key] ?? key;
    const template = item.actual === 0 ? wording.fragments.sangongZero! : wording.fragments.sangongAmount!;
    parts.push(fillOrEmpty(template, { name, actual: money(item.actual) }));
  }
  return parts.length === 0 ? null : parts.join(wording.fragments.listSeparator!);
}

function staffVars(model: SelfEvaluation, wording: Wording): Vars {
  const s = model.staffing;
  const count = (n: number | null) => (n === null ? null : String(n));
  const change = s.changeFromLastYear;
  const f = wording.fragments;
  const staffChange =
    change === null
      ? null
      : change === 0
        ? f.unchanged!
        : fillOrEmpty(change > 0 ? f.increase! : f.decrease!, { n: String(Math.abs(change)) });
  return {
    actualTotal: count(s.actualTotal),
    authorizedTotal: count(s.authorizedTotal),
    servingActual: count(s.servingActual),
    staffBreakdown: joinItems(
      s.actual.map((p) => ({ category: p.category, count: String(p.count) })),
      f.staffPart!,
      f.listSeparator!,
    ),
    staffChange,
    changeReason: text(s.changeReason),
  };
}

function listVars(model: SelfEvaluation, wording: Wording): Vars {
  const lines = (values: string[]): Vars[] =>
    values
      .map((v) => v.trim())
      .filter((v) => v !== '')
      .map((v) => ({ text: v }));
  const achievementText = text(model.achievements.text);
  return {
    duties: lines(model.duties).map((d) => ({ text: stripEnd(d.text as string) })),
    orgGroups: orgGroups(model, wording),
    achievementLines: achievementText ? lines(achievementText.split(/\n+/)) : [],
    noAchievementText: achievementText === null,
    metricList: joinItems(
      model.achievements.metrics.map((m) => ({ name: m.name, value: String(m.value), unit: m.unit })),
      wording.fragments.metric!,
      wording.fragments.nameSeparator!,
    ),
    overallGoals: lines(model.performance.overallGoals).map(endSentence),
    problems: lines(model.problems).map(endSentence),
    improvements: lines(model.improvements).map(endSentence),
    otherMatters: lines(model.otherMatters).map(endSentence),
    keyProjects: model.budget.generalPublic.project.projects
      .filter((p) => p.key === true && p.actual !== null)
      .map((p) => ({ name: p.name, actual: money(p.actual) })),
  };
}

/** Bodies grouped by kind in first-seen order: 设置5个党政机构：…. */
function orgGroups(model: SelfEvaluation, wording: Wording): Vars[] {
  const groups = new Map<string, string[]>();
  for (const body of model.organisation.bodies) {
    groups.set(body.kind, [...(groups.get(body.kind) ?? []), body.name]);
  }
  return [...groups].map(([kind, names]) => ({
    kind: kind === '其他' ? '其他机构' : kind,
    count: String(names.length),
    names: names.join(wording.fragments.nameSeparator!),
  }));
}

/** A list item's own end mark is replaced by the template's (；). */
function stripEnd(value: string): string {
  return value.replace(/[；;。，,、\s]+$/, '');
}

function endSentence(item: Vars): Vars {
  const value = (item.text as string).replace(/[；;，,、\s]+$/, '');
  return { text: /[。！？!?]$/.test(value) ? value : `${value}。` };
}

function performanceVars(model: SelfEvaluation): Vars {
  const { tasks, survey, indicators } = model.performance;
  const count = (n: number | null) => (n === null ? null : String(n));
  const weights = indicators.map((i) => i.weight);
  const scores = indicators.map((i) => i.score);
  const allScored = indicators.length > 0 && scores.every((s) => s !== null);
  const allWeighted = indicators.length > 0 && weights.every((w) => w !== null);
  return {
    tasksPlanned: count(tasks.planned),
    tasksCompleted: count(tasks.completed),
    tasksRate: rate(tasks.completed, tasks.planned),
    tasksOnTime: count(tasks.onTime),
    tasksQualityOk: count(tasks.qualityOk),
    keyAssigned: count(tasks.keyAssigned),
    keyCompleted: count(tasks.keyCompleted),
    surveyed: count(survey.surveyed),
    satisfied: count(survey.satisfied),
    satisfactionRate: rate(survey.satisfied, survey.surveyed),
    indicatorCount: indicators.length > 0 ? String(indicators.length) : null,
    scoreTotal: allScored ? trimZeros(sum(scores as number[]), 2) : null,
    weightTotal: allWeighted ? trimZeros(sum(weights as number[]), 2) : null,
  };
}

export function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
