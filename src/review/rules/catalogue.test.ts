/**
 * The catalogue contract: every rule module in this folder is registered in index.ts under its file name,
 * the registry is sorted with unique ids, and every rule passes the RuleTester on its own examples
 * (run through the real engine, and checking that every message id is exercised by an invalid example).
 * The per-rule test files therefore test only what is specific to a rule, not its examples.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Rule } from '../rule.ts';
import { assertRule } from '../rule-tester.ts';
import { rules } from './index.ts';

const folder = new URL('./', import.meta.url);
/** Files in this folder that are not rule modules: the registry and the test-only helpers. */
const NOT_RULES = new Set(['index.ts', 'testing.ts']);
const ruleFiles = readdirSync(folder)
  .filter((name) => name.endsWith('.ts') && !NOT_RULES.has(name) && !name.endsWith('.test.ts'))
  .map((name) => name.slice(0, -'.ts'.length))
  .sort();

describe('rule catalogue', () => {
  it('lists rules sorted by id', () => {
    const ids = rules.map((rule) => rule.id);
    expect(ids).toEqual([...ids].sort());
  });

  it('has unique ids', () => {
    const ids = rules.map((rule) => rule.id);
    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(duplicates).toEqual([]);
  });

  it('registers every rule module in this folder, and nothing else', () => {
    expect(rules.map((rule) => rule.id).sort()).toEqual(ruleFiles);
  });

  it.each(ruleFiles)('%s.ts exports the registered rule with the same id', async (file) => {
    const module = (await import(new URL(`./${file}.ts`, folder).href)) as { default: Rule<object> };
    expect(module.default?.id, `${file}.ts default export id`).toBe(file);
    expect(rules.includes(module.default), `${file} is the object registered in index.ts`).toBe(true);
  });
});

describe('RuleTester over the catalogue', () => {
  it.each(rules.map((rule) => [rule.id, rule] as const))('%s', (id, rule) => {
    assertRule(rule, { expectedId: id });
  });
});
