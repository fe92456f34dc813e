import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../../generate/corpus.ts';
import { recordOfText, verifyCrossRule } from './examples.ts';
import { crossRules, reviewAcross } from './index.ts';
import { clusterParagraphs, SIGNATURE_LENGTH, signInto, similarity } from './minhash.ts';

describe('cross-report catalogue', () => {
  it('is sorted by id with unique ids', () => {
    const ids = crossRules.map((r) => r.id);
    expect(ids).toEqual([...new Set(ids)].sort());
  });

  it.each(crossRules.map((r) => [r.id, r] as const))('%s behaves as its examples say', (_id, rule) => {
    expect(verifyCrossRule(rule)).toEqual([]);
    expect(rule.title).toMatch(/\p{Script=Han}/u);
    expect(rule.description).toMatch(/\p{Script=Han}/u);
  });
});

describe('MinHash', () => {
  const sign = (text: string) => {
    const out = new Uint32Array(SIGNATURE_LENGTH);
    signInto(text, 0, text.length, out, 0);
    return out;
  };
  it('gives equal texts equal signatures and unrelated texts different ones', () => {
    const a = '坚持以人民为中心的发展思想，聚焦群众急难愁盼问题，持续加大民生领域投入。';
    const b = '加强教师队伍建设，提升教育教学质量，组织各类教师培训十二期，新招聘教师四十二名。';
    const both = new Uint32Array([...sign(a), ...sign(a), ...sign(b)]);
    expect(similarity(both, 0, 1)).toBe(1);
    expect(similarity(both, 0, 2)).toBeLessThan(0.3);
    const roots = clusterParagraphs(both, 3, 0.8);
    expect(roots[1]).toBe(roots[0]);
    expect(roots[2]).not.toBe(roots[0]);
  });
});

/**
 * Floors a little below what this corpus measured (seed 21, 480 reports: recall 0.93 / 0.43 / 0.97,
 * precision 0.24 / 0.73 / 0.44 for duplicate-passage-across / outlier / year-over-year). Precision counts
 * only the manifest's planted marks as true.
 */
const FLOORS = {
  'duplicate-passage-across': { recall: 0.9, precision: 0.2 },
  'year-over-year': { recall: 0.95, precision: 0.4 },
  outlier: { recall: 0.4, precision: 0.7 },
};

describe('cross-report rules on a generated corpus', () => {
  it('find the planted shared passages, reused last-year text and outliers', () => {
    const entries = [...generateCorpus({ count: 480, seed: 21, defectRate: 0.3 })];
    const records = entries.map((e) => recordOfText(`${e.id}.txt`, e.text));
    const { findings } = reviewAcross(records, { textOf: (i) => entries[i]!.text });
    const planted = entries.flatMap((e) => e.cross.map((c) => ({ ...c, file: `${e.id}.txt` })));
    for (const rule of crossRules.map((r) => r.id)) {
      const marks = planted.filter((p) => p.rule === rule);
      const mine = findings.filter((f) => f.rule === rule);
      const hit = (m: (typeof marks)[number], f: (typeof mine)[number]) =>
        f.file === m.file &&
        (m.start === undefined || (f.spans[0]!.start < m.end! && m.start < f.spans[0]!.end));
      const found = marks.filter((m) => mine.some((f) => hit(m, f))).length;
      const matched = mine.filter((f) => marks.some((m) => hit(m, f))).length;
      expect(marks.length, rule).toBeGreaterThan(5);
      const floor = FLOORS[rule as keyof typeof FLOORS];
      expect(found / marks.length, `${rule} recall`).toBeGreaterThanOrEqual(floor.recall);
      expect(matched / Math.max(1, mine.length), `${rule} precision`).toBeGreaterThanOrEqual(floor.precision);
    }
  }, 60_000);
});
