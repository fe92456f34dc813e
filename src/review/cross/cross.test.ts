import { describe, expect, it } from 'vitest';
import { verifyCrossRule } from './examples.ts';
import { crossRules } from './index.ts';
import { BANDS, clusterParagraphs, ROWS, SIGNATURE_LENGTH, signInto, similarity } from './minhash.ts';

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

describe('clusterParagraphs', () => {
  /** The plain algorithm: band by band, each paragraph against its bucket's first, in paragraph order. */
  const reference = (signatures: Uint32Array, count: number, threshold: number): Int32Array => {
    const parent = Int32Array.from({ length: count }, (_, i) => i);
    const find = (x: number): number => (parent[x] === x ? x : find(parent[x]!));
    for (let band = 0; band < BANDS; band++) {
      const firsts = new Map<string, number>();
      for (let p = 0; p < count; p++) {
        const at = p * SIGNATURE_LENGTH + band * ROWS;
        const key = signatures.subarray(at, at + ROWS).join(',');
        const seen = firsts.get(key);
        if (seen === undefined) {
          firsts.set(key, p);
          continue;
        }
        const a = find(seen);
        const b = find(p);
        if (a !== b && similarity(signatures, seen, p) >= threshold) parent[Math.max(a, b)] = Math.min(a, b);
      }
    }
    return parent.map((_, p) => find(p));
  };

  /** Families of near-copies (a few values changed each) among unrelated paragraphs, shuffled. */
  const corpus = (count: number): Uint32Array => {
    let seed = 12345;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed;
    };
    const signatures = new Uint32Array(count * SIGNATURE_LENGTH);
    for (let p = 0; p < count; p++) {
      const at = p * SIGNATURE_LENGTH;
      const parent = p > 0 && random() % 4 !== 0 ? random() % p : -1;
      for (let k = 0; k < SIGNATURE_LENGTH; k++) {
        const copied = parent >= 0 && random() % 8 !== 0;
        // Few distinct values: unrelated paragraphs share some too.
        signatures[at + k] = copied ? signatures[parent * SIGNATURE_LENGTH + k]! : random() % 6;
      }
    }
    return signatures;
  };

  it('finds the clusters the plain algorithm finds, at every threshold, on the same array again', () => {
    const count = 3000;
    const signatures = corpus(count);
    for (const threshold of [0.9, 0.75, 0.5, 1, 0.9]) {
      expect(clusterParagraphs(signatures, count, threshold)).toEqual(
        reference(signatures, count, threshold),
      );
    }
  });

  it('clusters only the first `count` paragraphs, and nothing at an impossible threshold', () => {
    const signatures = corpus(500);
    expect(clusterParagraphs(signatures, 200, 0.75)).toEqual(reference(signatures, 200, 0.75));
    expect(clusterParagraphs(signatures, 500, 0.75)).toEqual(reference(signatures, 500, 0.75));
    expect(clusterParagraphs(signatures, 500, Number.NaN)).toEqual(
      Int32Array.from({ length: 500 }, (_, i) => i),
    );
  });
});
