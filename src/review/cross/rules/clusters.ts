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
export function unitKey(record: CrossRecord): string {
  return record.unit ?? `\u0000${record.file}`;
}

/** Copying and templates are looked for within one region's year: the reports one bureau reviews together. */
export function regionYearKey(record: CrossRecord): string {
  return `${record.region ?? ''}\u0000${record.year ?? ''}`;
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
  const { records } = corpus;
  const roots = corpus.clusters(options.boilerplateSimilarity);
  const members = clusterMembers(roots);
  const unitsOf = new Map<string, Set<string>>();
  for (const r of records) {
    const key = regionYearKey(r);
    const set = unitsOf.get(key) ?? new Set<string>();
    set.add(unitKey(r));
    unitsOf.set(key, set);
  }
  // Cluster root → the region-years where it is boilerplate.
  const verdicts = new Map<number, Set<string>>();
  const boilerplateGroups = (root: number): Set<string> => {
    let groups = verdicts.get(root);
    if (groups) return groups;
    const units = new Map<string, Set<string>>();
    for (const p of members.get(root) ?? []) {
      const r = records[corpus.paragraphRecord[p]!]!;
      const key = regionYearKey(r);
      const set = units.get(key) ?? new Set<string>();
      set.add(unitKey(r));
      units.set(key, set);
    }
    groups = new Set<string>();
    for (const [key, set] of units) {
      const total = unitsOf.get(key)!.size;
      if (total >= options.boilerplateMinUnits && set.size > options.boilerplateShare * total)
        groups.add(key);
    }
    verdicts.set(root, groups);
    return groups;
  };
  return (paragraph) =>
    boilerplateGroups(roots[paragraph]!).has(regionYearKey(records[corpus.paragraphRecord[paragraph]!]!));
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
