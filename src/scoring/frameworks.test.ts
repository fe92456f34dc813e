import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseExpression } from './expression.ts';
import { FrameworkFile, isGroup, leavesOf } from './framework-schema.ts';
import { DEFAULT_FRAMEWORK_ID, getFramework, listFrameworks, summarizeFramework } from './frameworks.ts';
import { INPUTS } from './inputs.ts';

// biome-ignore lint/suspicious/noExplicitAny: the tests edit arbitrary nested JSON
type Json = any;

const DIR = new URL('../../frameworks/', import.meta.url);
const files = readdirSync(DIR).filter((name) => name.endsWith('.json'));
const readJson = (name: string) =>
  JSON.parse(readFileSync(new URL(name, DIR), 'utf8')) as Record<string, Json>;

describe('framework files', () => {
  it.each(files)('%s is valid against the framework file schema', (name) => {
    const result = FrameworkFile.safeParse(readJson(name));
    expect(result.success ? [] : result.error.issues).toEqual([]);
    expect(`${readJson(name).id}.json`).toBe(name);
  });

  it('are all bundled, and only they', () => {
    expect(
      listFrameworks()
        .map((f) => `${f.id}.json`)
        .sort(),
    ).toEqual([...files].sort());
  });

  it('carry the shared research losslessly: same tree, rules, sources and verification notes', () => {
    const shared = JSON.parse(
      readFileSync(new URL('../../../shared/domain/frameworks.json', import.meta.url), 'utf8'),
    ) as { frameworks: Record<string, Json>[] };
    for (const original of shared.frameworks) {
      const file = readJson(`${original.id}.json`);
      expect(file.name).toBe(original.name);
      expect(file.source).toEqual(original.source);
      expect(file.grades).toEqual(original.grade_bands);
      expect(file.grades_source).toBe(original.grade_bands_source);
      expect(file.total).toBe(original.total);
      // One documented normalisation: a variant's per_violation input is a bare name, its prose moved to the note.
      expect(stripVariantInputs(file.indicators)).toEqual(stripVariantInputs(original.indicators));
    }
  });
});

function stripVariantInputs(nodes: Record<string, Json>[]): unknown {
  return JSON.parse(JSON.stringify(nodes), (key, value) =>
    key === 'variants'
      ? (value as Record<string, Json>[]).map(({ rule, note: _note, ...rest }) => ({
          ...rest,
          rule: { ...rule, input: typeof rule.input === 'string' ? rule.input.split(' ')[0] : rule.input },
        }))
      : value,
  );
}

describe('bundled frameworks', () => {
  it('include the two the scorer is built around, complete, weights adding up to 100', () => {
    for (const id of [DEFAULT_FRAMEWORK_ID, 'mof-2020-project-self']) {
      const framework = getFramework(id)!;
      expect(framework.status).toBe('complete');
      expect(summarizeFramework(framework).totalWeight).toBe(100);
    }
    expect(getFramework('no-such-framework')).toBeUndefined();
  });

  it('summarise the 部门整体 framework: 4 level-1 parts, 31 indicators', () => {
    const framework = getFramework(DEFAULT_FRAMEWORK_ID)!;
    expect(framework.indicators.map((n) => [n.name, n.weight])).toEqual([
      ['投入', 15],
      ['过程', 45],
      ['产出', 20],
      ['效果', 20],
    ]);
    expect(summarizeFramework(framework)).toEqual({
      id: 'mof-2013-dept-overall',
      name: '部门整体支出绩效评价共性指标体系框架（财政部）',
      version: '1.0.0',
      status: 'complete',
      indicatorCount: 31,
      totalWeight: 100,
    });
  });

  it('give the 10号 project self-evaluation its 10/50/30/10 split', () => {
    const framework = getFramework('mof-2020-project-self')!;
    expect(framework.indicators.map((n) => [n.name, n.weight])).toEqual([
      ['预算执行率', 10],
      ['产出指标', 50],
      ['效益指标', 30],
      ['满意度指标', 10],
    ]);
  });

  it('keep the grade bands as data: 优 ≥ 90, 良 80–90, 中 60–80, 差 < 60', () => {
    for (const framework of listFrameworks()) {
      expect(framework.grades.map((b) => [b.grade, b.min, b.max])).toEqual([
        ['优', 90, 100],
        ['良', 80, 90],
        ['中', 60, 80],
        ['差', 0, 60],
      ]);
    }
  });

  it('keep the Hunan table as a partial reference, not a scoring framework', () => {
    const hunan = getFramework('hunan-yueyang-dept-overall')!;
    expect(hunan.status).toBe('partial-reference');
    expect(hunan.visible_points).toBe(36);
  });

  it('use only inputs the model mapping knows, with a label for each', () => {
    for (const framework of listFrameworks()) {
      for (const { leaf } of leavesOf(framework)) {
        if (leaf.user_defined) continue;
        for (const input of leaf.inputs ?? []) {
          expect(INPUTS[input.name], `${framework.id} ${leaf.id} ${input.name}`).toBeDefined();
        }
      }
    }
  });

  it('are documented: frameworks/README.md names every input the model mapping knows', () => {
    const readme = readFileSync(new URL('README.md', DIR), 'utf8');
    for (const name of Object.keys(INPUTS)) expect(readme, name).toContain(`\`${name}\``);
    for (const framework of listFrameworks()) expect(readme).toContain(`\`${framework.id}.json\``);
  });

  it('have formulas that parse and ids that nest', () => {
    for (const framework of listFrameworks()) {
      for (const { leaf, ancestors } of leavesOf(framework)) {
        if (leaf.formula) expect(() => parseExpression(leaf.formula!)).not.toThrow();
        if (ancestors.length > 0) expect(leaf.id.startsWith(`${ancestors.at(-1)!.id}.`)).toBe(true);
      }
    }
  });
});

describe('FrameworkFile rejects broken files', () => {
  const base = () => structuredClone(readJson('mof-2013-dept-overall.json'));
  const messages = (file: unknown) => {
    const result = FrameworkFile.safeParse(file);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('weights that do not add up', () => {
    const file = base();
    file.indicators[0].children[0].children[0].weight = 3;
    expect(messages(file)).toContain(
      'indicators.0.children.0.children: weights of input.goal add up to 6, not 5',
    );
  });

  it('formulas that do not parse or use undeclared inputs', () => {
    const file = base();
    const staff = file.indicators[0].children[1].children[0];
    staff.formula = 'staff_actual / staff_authorised * 100';
    const clarity = file.indicators[0].children[1].children[1];
    clarity.formula = '(sangong_current - ) * 100';
    const found = messages(file);
    expect(found).toContain(
      'indicators.0.children.1.children.0.formula: input staff_authorised is not declared in inputs',
    );
    expect(
      found.some((m) => m.startsWith('indicators.0.children.1.children.1.formula: unexpected ")"')),
    ).toBe(true);
  });

  it('misspelt keys and unknown rule types, at the exact key', () => {
    const file = base();
    file.indicators[0].children[0].children[0].wieght = 2;
    file.indicators[1].children[0].children[0].rule = { type: 'deduct_sometimes' };
    file.indicators[1].children[1].kind = 'qualitative';
    const found = messages(file);
    expect(found).toContain('indicators.0.children.0.children.0: Unrecognized key: "wieght"');
    expect(
      found.some((m) => m.startsWith('indicators.1.children.0.children.0.rule.type: Invalid discriminator')),
    ).toBe(true);
    expect(found).toContain('indicators.1.children.1.kind: a group (with children) has no kind');
  });

  it('duplicate ids and a leaf without a rule in a complete framework', () => {
    const file = base();
    file.indicators[2].children[0].children[1].id = 'output.duties.completion';
    delete file.indicators[3].children[1].children[0].rule;
    expect(messages(file)).toEqual([
      'indicators.2.children.0.children.1.id: duplicate id output.duties.completion',
      'indicators.3.children.1.children.0.rule: a scored indicator needs a rule',
    ]);
  });

  it('grade bands with a gap', () => {
    const file = base();
    file.grades[1].min = 81;
    expect(messages(file)).toEqual(['grades.2: band 中 must end exactly where 良 starts']);
  });

  it('is not fooled by a group without children', () => {
    const framework = getFramework(DEFAULT_FRAMEWORK_ID)!;
    expect(framework.indicators.every(isGroup)).toBe(true);
  });
});
