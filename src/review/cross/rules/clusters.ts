/** Helpers shared by the rules that read paragraph clusters (duplicate-passage-across, year-over-year). */
import type { CrossCorpus, CrossRecord } from '../types.ts';

/**
 * Clusters with more than one paragraph: root → member paragraphs, in corpus order. Sizes are counted in
 * a typed array: at 10,000 reports there are about a million paragraphs, most of them in no cluster.
 */
export function clusterMembers(roots: Int32Array): Map<number, number[]> {
  const size = new Int32Array(roots.length);
  for (const root of roots) size[root]!++;
  const members = new Map<number, number[]>();
  roots.forEach((root, p) => {
    if (size[root]! < 2) return;
    const list = members.get(root);
    if (list) list.push(p);
    else members.set(root, [p]);
  });
  return members;
}

/** Reports of one unit count once; a report whose unit is unknown is its own unit. */
function unitKey(record: CrossRecord): string {
  return record.unit ?? `\u0000${record.file}`;
}

/** Copying and templates are looked for within one region's year: the reports one bureau reviews together. */
function regionYearKey(record: CrossRecord): string {
  return `${record.region ?? ''}\u0000${record.year ?? ''}`;
}

/** Each record's unit and region-year as small integers, and each region-year's number of units. */
export interface RecordIds {
  unit: Int32Array;
  group: Int32Array;
  groupUnits: Int32Array;
}

const idsCache = new WeakMap<CrossCorpus, RecordIds>();

/**
 * Computed once per corpus: the rules key their maps by these numbers, not by strings built per
 * paragraph (a million paragraphs' worth of keys is most of what a cross pass would otherwise allocate).
 */
export function recordIds(corpus: CrossCorpus): RecordIds {
  const cached = idsCache.get(corpus);
  if (cached) return cached;
  const units = new Map<string, number>();
  const groups = new Map<string, number>();
  const unit = new Int32Array(corpus.records.length);
  const group = new Int32Array(corpus.records.length);
  corpus.records.forEach((r, i) => {
    const u = unitKey(r);
    const g = regionYearKey(r);
    if (!units.has(u)) units.set(u, units.size);
    if (!groups.has(g)) groups.set(g, groups.size);
    unit[i] = units.get(u)!;
    group[i] = groups.get(g)!;
  });
  const seen = new Set<number>();
  const groupUnits = new Int32Array(groups.size);
  for (let i = 0; i < unit.length; i++) {
    // A unit's reports share a region-year only if it filed twice in a year; count it once.
    const key = unit[i]! * groups.size + group[i]!;
    if (!seen.has(key)) {
      seen.add(key);
      groupUnits[group[i]!]!++;
    }
  }
  const ids = { unit, group, groupUnits };
  idsCache.set(corpus, ids);
  return ids;
}

export interface BoilerplateOptions {
  boilerplateShare: number;
  boilerplateMinUnits: number;
  boilerplateSimilarity: number;
}

/**
 * Paragraphs that are the bureau's template, not one unit copying another: the units of the paragraph's
 * region and year that have a paragraph in its cluster at `boilerplateSimilarity` (a little looser than
 * the rule's, so a template with one word changed or one slip typed still counts as the template) are
 * more than `boilerplateShare` of all that region-year's units. A region-year with fewer than `boilerplateMinUnits` units cannot tell a template
 * from copying: nothing there is boilerplate. Each cluster is counted once, for all its region-years
 * together, so the test is linear in the paragraphs clustered.
 */
export function boilerplateTest(
  corpus: CrossCorpus,
  options: BoilerplateOptions,
): (paragraph: number) => boolean {
  const ids = recordIds(corpus);
  const roots = corpus.clusters(options.boilerplateSimilarity);
  const members = clusterMembers(roots);
  // Cluster root → the region-years where it is boilerplate.
  const verdicts = new Map<number, Set<number>>();
  const boilerplateGroups = (root: number): Set<number> => {
    let groups = verdicts.get(root);
    if (groups) return groups;
    const units = new Map<number, Set<number>>();
    for (const p of members.get(root) ?? []) {
      const record = corpus.paragraphRecord[p]!;
      const group = ids.group[record]!;
      const set = units.get(group) ?? new Set<number>();
      set.add(ids.unit[record]!);
      units.set(group, set);
    }
    groups = new Set<number>();
    for (const [group, set] of units) {
      const total = ids.groupUnits[group]!;
      if (total >= options.boilerplateMinUnits && set.size > options.boilerplateShare * total)
        groups.add(group);
    }
    verdicts.set(root, groups);
    return groups;
  };
  return (paragraph) =>
    boilerplateGroups(roots[paragraph]!).has(ids.group[corpus.paragraphRecord[paragraph]!]!);
}

export function paragraphSpan(corpus: CrossCorpus, paragraph: number) {
  const record = corpus.paragraphRecord[paragraph]!;
  const i = corpus.paragraphIndex[paragraph]! * 2;
  const { paragraphs } = corpus.records[record]!;
  return { record, start: paragraphs[i]!, end: paragraphs[i + 1]! };
}

export function paragraphLength(corpus: CrossCorpus, paragraph: number): number {
  const { start, end } = paragraphSpan(corpus, paragraph);
  return end - start;
}
