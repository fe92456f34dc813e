import { describe, expect, it } from 'vitest';
import { JixiaoError } from '../errors.ts';
import { defaultConfig, parseConfigJson, parseRuleFlag, resolveConfig, TEMPLATE_RULE } from './config.ts';
import { defineRule, type Rule } from './rule.ts';

function ruleOf(id: string, options: object, severity: Rule['severity'] = 'warning') {
  return defineRule({
    id,
    category: 'wording',
    severity,
    title: '测试',
    description: '测试。',
    options,
    messages: { m: '消息' },
    examples: { valid: [], invalid: [] },
    check() {},
  });
}

const catalogue = [
  ruleOf('missing-section', { template: 'auto' }),
  ruleOf('plan-actual-gap', { low: 0.9, high: 1.1, labels: ['预算'] }),
  ruleOf('typo', {}, 'info'),
];
const context = { catalogue, templates: ['auto', 'dept-overall', 'project'] };

function configErrorOf(fn: () => unknown): JixiaoError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(JixiaoError);
    expect((error as JixiaoError).code).toBe('JX_CONFIG');
    return error as JixiaoError;
  }
  throw new Error('expected a JX_CONFIG error');
}

describe('resolveConfig', () => {
  it('gives every rule its defaults when nothing is configured', () => {
    expect(resolveConfig({}, context)).toEqual(defaultConfig(catalogue));
    expect(resolveConfig({}, context).rules.typo).toEqual({ severity: 'info', options: {} });
  });

  it('applies file severities and merges options over the defaults', () => {
    const config = resolveConfig(
      { file: { rules: { typo: 'error', 'plan-actual-gap': ['warning', { low: 0.8 }] } } },
      context,
    );
    expect(config.rules.typo?.severity).toBe('error');
    expect(config.rules['plan-actual-gap']).toEqual({
      severity: 'warning',
      options: { low: 0.8, high: 1.1, labels: ['预算'] },
    });
  });

  it('lets --rule override the file, later flags winning, options kept', () => {
    const config = resolveConfig(
      {
        file: { rules: { 'plan-actual-gap': ['warning', { high: 1.2 }] } },
        ruleFlags: ['plan-actual-gap=error', 'typo=off', 'typo=warning'],
      },
      context,
    );
    expect(config.rules['plan-actual-gap']).toMatchObject({ severity: 'error', options: { high: 1.2 } });
    expect(config.rules.typo?.severity).toBe('warning');
  });

  it('does not let one resolution leak into the rule defaults', () => {
    resolveConfig({ file: { rules: { 'plan-actual-gap': ['warning', { low: 0.5 }] } } }, context);
    expect(catalogue[1]?.options).toEqual({ low: 0.9, high: 1.1, labels: ['预算'] });
  });

  it('hands the template to missing-section: --template over rule option over top-level', () => {
    expect(
      resolveConfig({ file: { template: 'project' } }, context).rules[TEMPLATE_RULE]?.options.template,
    ).toBe('project');
    const both = resolveConfig(
      {
        file: {
          template: 'project',
          rules: { 'missing-section': ['warning', { template: 'dept-overall' }] },
        },
      },
      context,
    );
    expect(both.rules[TEMPLATE_RULE]?.options.template).toBe('dept-overall');
    const flag = resolveConfig({ file: { template: 'project' }, template: 'dept-overall' }, context);
    expect(flag.template).toBe('dept-overall');
    expect(flag.rules[TEMPLATE_RULE]?.options.template).toBe('dept-overall');
  });

  it('accepts a $schema key', () => {
    expect(() => resolveConfig({ file: { $schema: './schema.json' } }, context)).not.toThrow();
  });

  describe('refuses, naming the problem', () => {
    const cases: [string, Parameters<typeof resolveConfig>[0], RegExp][] = [
      [
        'an unknown rule in the file',
        { file: { rules: { tpyo: 'error' } } },
        /未知的规则“tpyo”，是否指 typo？/,
      ],
      [
        'an unknown rule in --rule',
        { ruleFlags: ['nothing-like-it=error'] },
        /--rule 中有未知的规则“nothing-like-it”$/,
      ],
      ['a bad severity', { file: { rules: { typo: 'fatal' } } }, /级别“fatal”无效/],
      ['a bad severity in a tuple', { file: { rules: { typo: ['high'] } } }, /级别“high”无效/],
      ['a bad --rule severity', { ruleFlags: ['typo=2'] }, /--rule typo 的级别“2”无效/],
      ['a --rule without =', { ruleFlags: ['typo'] }, /--rule 的格式应为/],
      [
        'an option the rule does not declare',
        { file: { rules: { 'plan-actual-gap': ['warning', { lo: 1 }] } } },
        /没有选项“lo”（可用：low、high、labels）/,
      ],
      [
        'an option on a rule without options',
        { file: { rules: { typo: ['warning', { x: 1 }] } } },
        /该规则没有选项/,
      ],
      [
        'an option of the wrong type',
        { file: { rules: { 'plan-actual-gap': ['warning', { low: '0.8' }] } } },
        /选项 low 应为数字，实际为字符串/,
      ],
      [
        'an array option given a string',
        { file: { rules: { 'plan-actual-gap': ['warning', { labels: '预算' }] } } },
        /选项 labels 应为数组/,
      ],
      ['a tuple too long', { file: { rules: { typo: ['warning', {}, {}] } } }, /设置应为级别字符串/],
      ['options that are not an object', { file: { rules: { typo: ['warning', [1]] } } }, /选项应为对象/],
      ['an unknown top-level key', { file: { rule: {} } }, /未知的配置项“rule”/],
      ['a top level that is not an object', { file: [1, 2] }, /顶层应为对象/],
      ['rules that are not an object', { file: { rules: ['typo'] } }, /rules 应为对象/],
      [
        'an unknown template from the file',
        { file: { template: 'nope' } },
        /未知的模板“nope”（可用：auto、dept-overall、project）/,
      ],
      ['an unknown --template', { template: 'nope' }, /--template：未知的模板“nope”/],
      [
        'an unknown template as a rule option',
        { file: { rules: { 'missing-section': ['warning', { template: 'x' }] } } },
        /未知的模板“x”/,
      ],
      ['an empty template', { template: ' ' }, /不能为空/],
    ];
    it.each(cases)('%s', (_name, sources, pattern) => {
      expect(configErrorOf(() => resolveConfig(sources, context)).message).toMatch(pattern);
    });
  });

  it('names the file in file errors', () => {
    const error = configErrorOf(() =>
      resolveConfig({ file: { rules: { typo: 'x' } }, fileName: 'conf/check.json' }, context),
    );
    expect(error.message).toContain('conf/check.json');
  });

  it('refuses a template when missing-section has no template option', () => {
    const bare = [ruleOf('missing-section', {})];
    expect(configErrorOf(() => resolveConfig({ template: 'auto' }, { catalogue: bare })).message).toMatch(
      /尚不支持选择模板/,
    );
  });

  it('accepts any template id when no outline list is given', () => {
    expect(resolveConfig({ template: 'whatever' }, { catalogue }).template).toBe('whatever');
  });
});

describe('parseConfigJson', () => {
  it('parses JSON, tolerating a BOM', () => {
    expect(parseConfigJson('\uFEFF{"rules":{}}')).toEqual({ rules: {} });
  });

  it('turns malformed JSON into JX_CONFIG naming the file', () => {
    const error = configErrorOf(() => parseConfigJson('{ "rules": ', 'my.json'));
    expect(error.message).toMatch(/^配置有误：配置文件 my\.json 不是有效的 JSON：/);
    expect(error.message).not.toContain('\n');
  });
});

describe('parseRuleFlag', () => {
  it('splits id and severity, trimming spaces', () => {
    expect(parseRuleFlag(' typo = error ')).toEqual({ id: 'typo', severity: 'error' });
  });
});
