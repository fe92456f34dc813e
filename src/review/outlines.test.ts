import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { titleKey } from '../extract/sections.ts';
import {
  DEFAULT_OUTLINE_ID,
  getOutline,
  listOutlines,
  type OutlineSection,
  validateOutline,
} from './outlines.ts';

const file = JSON.parse(
  readFileSync(new URL('../../data/outlines/hunan-dept-overall-2020.json', import.meta.url), 'utf8'),
) as unknown;

function walk(sections: readonly OutlineSection[]): OutlineSection[] {
  return sections.flatMap((s) => [s, ...walk(s.children ?? [])]);
}

describe('outline files', () => {
  it('loads the bundled outlines and finds the default one', () => {
    expect(listOutlines().map((o) => o.id)).toContain(DEFAULT_OUTLINE_ID);
    const outline = getOutline(DEFAULT_OUTLINE_ID)!;
    expect(outline).toMatchObject({ schema_version: 1, id: 'hunan-dept-overall-2020' });
    expect(outline.name).toMatch(/湖南/);
    expect(getOutline('no-such-outline')).toBeUndefined();
  });

  it('validates the file on disk: schema, unique keys, clauses, usable titles', () => {
    expect(validateOutline(file)).toEqual([]);
    const all = walk(getOutline(DEFAULT_OUTLINE_ID)!.sections);
    expect(new Set(all.map((s) => s.key)).size).toBe(all.length);
    for (const s of all) {
      expect(s.clause, s.key).toMatch(/提纲/);
      for (const t of [s.title, ...s.synonyms]) expect(titleKey(t), t).not.toBe('');
    }
  });

  it('has the ten Hunan sections in order, none of whose names collide', () => {
    const top = getOutline(DEFAULT_OUTLINE_ID)!.sections;
    expect(top.map((s) => s.key)).toEqual([
      'basic',
      'gpb',
      'gov_fund',
      'soe_capital',
      'social_insurance',
      'performance',
      'problems',
      'measures',
      'use_disclosure',
      'other',
    ]);
    const owner = new Map<string, string>();
    for (const s of top) {
      for (const key of new Set([s.title, ...s.synonyms].map(titleKey))) {
        expect(owner.get(key) ?? s.key, `${key} in ${s.key} and ${owner.get(key)}`).toBe(s.key);
        owner.set(key, s.key);
      }
    }
  });

  it('rejects malformed outlines', () => {
    expect(validateOutline(null)).toEqual(['outline: not an object']);
    expect(validateOutline({ schema_version: 2, id: 'x', name: 'x', sections: [] })).toEqual([
      'schema_version: must be 1',
      'sections: non-empty array',
    ]);
    const bad = {
      schema_version: 1,
      id: 'bad',
      name: '坏提纲',
      sections: [
        { key: 'a', title: '基本情况', synonyms: [] },
        { key: 'a', title: '', synonyms: [''], optional: 'yes', weight: 3, children: {} },
      ],
    };
    expect(validateOutline(bad)).toEqual([
      'sections[1].key: duplicate "a"',
      'sections[1].title: non-empty string',
      'sections[1].synonyms: array of non-empty strings',
      'sections[1].optional: boolean',
      'sections[1].weight: unknown field',
      'sections[1].children: array',
    ]);
  });
});
