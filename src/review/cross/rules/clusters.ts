/** Helpers shared by the rules that read paragraph clusters (duplicate-passage-across, year-over-year). */
import type { CrossCorpus } from '../types.ts';

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

export interface BoilerplateOptions {
  boilerplateShare: number;
  boilerplateMinReports: number;
  boilerplateSimilarity: number;
}

/**
 * Paragraphs that are the bureau's template, not one unit copying another: their loose cluster (at
 * `boilerplateSimilarity`, so 2020年，本局围绕… and 2021年，本院围绕… fall together) reaches more than
 * `boilerplateShare` of a big batch. With too few reports there is no telling the two apart.
 */
export function boilerplateTest(
  corpus: CrossCorpus,
  options: BoilerplateOptions,
): (paragraph: number) => boolean {
  const total = corpus.records.length;
  if (total < options.boilerplateMinReports) return () => false;
  const loose = corpus.clusters(options.boilerplateSimilarity);
  const reports = new Map<number, Set<number>>();
  loose.forEach((root, p) => {
    const set = reports.get(root) ?? new Set<number>();
    set.add(corpus.paragraphRecord[p]!);
    reports.set(root, set);
  });
  return (paragraph) => reports.get(loose[paragraph]!)!.size > options.boilerplateShare * total;
}

export function paragraphSpan(corpus: CrossCorpus, paragraph: number) {
  const record = corpus.paragraphRecord[paragraph]!;
  const { start, end } = corpus.records[record]!.paragraphs[corpus.paragraphIndex[paragraph]!]!;
  return { record, start, end };
}
