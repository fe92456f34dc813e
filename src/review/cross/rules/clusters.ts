/** Helpers shared by the rules that read paragraph clusters (duplicate-passage-across, year-over-year). */
import type { CrossCorpus, CrossRecord } from '../types.ts';

/** Clusters with more than one paragraph: root → member paragraphs, in corpus order. */
export function clusterMembers(roots: Int32Array): Map<number, number[]> {
  const size = new Map<number, number>();
  for (const root of roots) size.set(root, (size.get(root) ?? 0) + 1);
  const members = new Map<number, number[]>();
  roots.forEach((root, p) => {
    if (size.get(root)! < 2) return;
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
 * Paragraphs that are the bureau's template, not one unit copying another: their loose cluster (at
 * `boilerplateSimilarity`, so 2020年，本局围绕… and 2021年，本院围绕… fall together) reaches more than
 * `boilerplateShare` of the units of the paragraph's region and year. A region-year with fewer than
 * `boilerplateMinUnits` units cannot tell a template from copying: nothing there is boilerplate.
 */
export function boilerplateTest(
  corpus: CrossCorpus,
  options: BoilerplateOptions,
): (paragraph: number) => boolean {
  const { records } = corpus;
  const unitsOf = new Map<string, Set<string>>();
  for (const r of records) {
    const key = regionYearKey(r);
    const set = unitsOf.get(key) ?? new Set<string>();
    set.add(unitKey(r));
    unitsOf.set(key, set);
  }
  if (![...unitsOf.values()].some((s) => s.size >= options.boilerplateMinUnits)) return () => false;
  const loose = corpus.clusters(options.boilerplateSimilarity);
  // Loose root → region-year → its paragraphs there: a paragraph is compared only with its own group.
  const byGroup = new Map<number, Map<string, number[]>>();
  for (const [root, list] of clusterMembers(loose)) {
    const groups = new Map<string, number[]>();
    for (const p of list) {
      const key = regionYearKey(records[corpus.paragraphRecord[p]!]!);
      const members = groups.get(key);
      if (members) members.push(p);
      else groups.set(key, [p]);
    }
    byGroup.set(root, groups);
  }
  return (paragraph) => {
    const record = records[corpus.paragraphRecord[paragraph]!]!;
    const group = regionYearKey(record);
    const total = unitsOf.get(group)!.size;
    if (total < options.boilerplateMinUnits) return false;
    // Units whose paragraph is itself close to this one: a loose cluster chains far (a≈b≈c…).
    const units = new Set<string>([unitKey(record)]);
    for (const q of byGroup.get(loose[paragraph]!)?.get(group) ?? []) {
      if (corpus.similarity(paragraph, q) >= options.boilerplateSimilarity)
        units.add(unitKey(records[corpus.paragraphRecord[q]!]!));
    }
    return units.size > options.boilerplateShare * total;
  };
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
