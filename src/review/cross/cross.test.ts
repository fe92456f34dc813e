import { describe, expect, it } from 'vitest';
import { verifyCrossRule } from './examples.ts';
import { crossRules } from './index.ts';
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
