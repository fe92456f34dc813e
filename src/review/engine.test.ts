import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Extraction } from '../extract/types.ts';
import { defaultConfig, type ResolvedConfig } from './config.ts';
import { CRASH_REASON_PREFIX, OFF_REASON, RuleContractError, review } from './engine.ts';
import { defineRule, type Report, type ReviewDocument, type Rule, type RuleContext } from './rule.ts';

const TEXT = '一、基本情况\n全年支出合计100万元，其中基本支出60万元，项目支出30万元。';

function docOf(text: string = TEXT): ReviewDocument {
  const extraction: Extraction = { text, sections: [], facts: [], relations: [] };
  return { text, normalized: text, extraction };
}

function fakeRule(
  id: string,
  check: (ctx: RuleContext<{ limit: number }>) => void,
  severity: Rule['severity'] = 'warning',
): Rule<{ limit: number }> {
  return defineRule({
    id,
    category: 'arithmetic',
    severity,
    title: '测试规则',
    description: '测试用。',
    options: { limit: 1 },
    messages: { found: '发现“{word}”', plain: '有问题' },
    examples: { valid: [], invalid: [] },
    check,
  });
}

function reportWord(word: string, extra: Partial<Report> = {}) {
  return (ctx: RuleContext<{ limit: number }>) => {
    const at = ctx.doc.text.indexOf(word);
    ctx.report({
      messageId: 'found',
      data: { word },
      spans: [{ start: at, end: at + word.length }],
      ...extra,
    });
  };
}

function run(rules: Rule<{ limit: number }>[], config?: ResolvedConfig, text?: string) {
  return review(docOf(text), config ?? defaultConfig(rules), { rules });
}

describe('review: findings', () => {
  it('fills placeholders, quotes the span and adds the default severity', () => {
    const result = run([fakeRule('a', reportWord('100万元'), 'error')]);
    expect(result.findings).toEqual([
      {
        rule: 'a',
        severity: 'error',
        message: '发现“100万元”',
        messageId: 'found',
        spans: [{ start: TEXT.indexOf('100万元'), end: TEXT.indexOf('100万元') + 5, text: '100万元' }],
        data: { word: '100万元' },
      },
    ]);
    expect(result.summary).toEqual({ error: 1, warning: 0, info: 0 });
  });

  it('takes severity and options from the config', () => {
    const seen: number[] = [];
    const rule = fakeRule('a', (ctx) => {
      seen.push(ctx.options.limit);
      reportWord('60万元')(ctx);
    });
    const config = defaultConfig([rule]);
    config.rules.a = { severity: 'info', options: { limit: 7 } };
    const result = run([rule], config);
    expect(seen).toEqual([7]);
    expect(result.findings[0]?.severity).toBe('info');
    expect(result.summary).toEqual({ error: 0, warning: 0, info: 1 });
  });

  it('merges report details into data', () => {
    const result = run([fakeRule('a', reportWord('60万元', { details: { expected: 70, actual: 60 } }))]);
    expect(result.findings[0]?.data).toEqual({ word: '60万元', expected: 70, actual: 60 });
  });

  it('sorts by primary span start, then rule id', () => {
    const result = run([
      fakeRule('z', reportWord('基本支出')),
      fakeRule('b', reportWord('项目支出')),
      fakeRule('a', reportWord('基本支出')),
    ]);
    expect(result.findings.map((f) => `${f.rule}:${f.spans[0]?.text}`)).toEqual([
      'a:基本支出',
      'z:基本支出',
      'b:项目支出',
    ]);
  });

  it('drops exact duplicates from one rule but keeps distinct messages and other rules', () => {
    const rule = fakeRule('a', (ctx) => {
      reportWord('60万元')(ctx);
      reportWord('60万元')(ctx);
      ctx.report({
        messageId: 'plain',
        spans: [{ start: TEXT.indexOf('60万元'), end: TEXT.indexOf('60万元') + 4 }],
      });
    });
    const result = run([rule, fakeRule('b', reportWord('60万元'))]);
    expect(result.findings.map((f) => `${f.rule}:${f.messageId}`)).toEqual(['a:found', 'a:plain', 'b:found']);
    expect(result.checks.find((c) => c.rule === 'a')?.count).toBe(2);
  });

  it('runs each rule exactly once over the shared document', () => {
    const docs: ReviewDocument[] = [];
    const rule = fakeRule('a', (ctx) => docs.push(ctx.doc));
    const doc = docOf();
    review(doc, undefined, { rules: [rule, fakeRule('b', (ctx) => docs.push(ctx.doc))] });
    expect(docs).toEqual([doc, doc]);
    expect(docs[0]).toBe(doc);
  });

  it('keeps every span a rule reports, each quoted', () => {
    const rule = fakeRule('a', (ctx) =>
      ctx.report({
        messageId: 'plain',
        spans: [
          { start: 13, end: 18 },
          { start: 24, end: 28 },
        ],
      }),
    );
    expect(run([rule]).findings[0]?.spans.map((s) => s.text)).toEqual([
      TEXT.slice(13, 18),
      TEXT.slice(24, 28),
    ]);
  });

  it('quotes exactly text.slice for any valid span (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 60 }), fc.nat(), fc.nat(), (text, x, y) => {
        const a = x % (text.length + 1);
        const b = y % (text.length + 1);
        const span = { start: Math.min(a, b), end: Math.max(a, b) };
        const rule = fakeRule('a', (ctx) => ctx.report({ messageId: 'plain', spans: [span] }));
        const finding = run([rule], undefined, text).findings[0];
        expect(finding?.spans[0]).toEqual({ ...span, text: text.slice(span.start, span.end) });
      }),
    );
  });

  it('gives findings in sorted order whatever order rules report in (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: TEXT.length - 1 }), { maxLength: 20 }), (starts) => {
        const rule = fakeRule('a', (ctx) => {
          for (const start of starts) ctx.report({ messageId: 'plain', spans: [{ start, end: start + 1 }] });
        });
        const found = run([rule]).findings.map((f) => f.spans[0]?.start);
        expect(found).toEqual([...new Set(starts)].sort((p, q) => p - q));
      }),
    );
  });
});

describe('review: rule contract violations are rule bugs', () => {
  const cases: [string, Report][] = [
    ['an unknown messageId', { messageId: 'nope', spans: [{ start: 0, end: 1 }] }],
    ['an unfilled placeholder', { messageId: 'found', spans: [{ start: 0, end: 1 }] }],
    [
      'a placeholder filled with NaN',
      { messageId: 'found', data: { word: Number.NaN }, spans: [{ start: 0, end: 1 }] },
    ],
    ['no span', { messageId: 'plain', spans: [] }],
    ['a NaN start', { messageId: 'plain', spans: [{ start: Number.NaN, end: 1 }] }],
    ['a negative start', { messageId: 'plain', spans: [{ start: -1, end: 1 }] }],
    ['start after end', { messageId: 'plain', spans: [{ start: 5, end: 4 }] }],
    ['an end past the text', { messageId: 'plain', spans: [{ start: 0, end: TEXT.length + 1 }] }],
    ['a fractional offset', { messageId: 'plain', spans: [{ start: 0.5, end: 2 }] }],
    [
      'a bad secondary span',
      {
        messageId: 'plain',
        spans: [
          { start: 0, end: 1 },
          { start: 3, end: 2 },
        ],
      },
    ],
  ];

  it.each(cases)('throws for %s when asked to', (_name, report) => {
    const rule = fakeRule('bad', (ctx) => ctx.report(report));
    expect(() => review(docOf(), undefined, { rules: [rule], onRuleError: 'throw' })).toThrow(
      RuleContractError,
    );
  });

  it.each(cases)('records %s as a skipped check and keeps the other rules', (_name, report) => {
    const rules = [fakeRule('bad', (ctx) => ctx.report(report)), fakeRule('good', reportWord('60万元'))];
    const result = run(rules);
    expect(result.findings.map((f) => f.rule)).toEqual(['good']);
    expect(result.errors.map((e) => e.rule)).toEqual(['bad']);
    expect(result.checks[0]).toMatchObject({ rule: 'bad', status: 'skipped', count: 0 });
    expect(result.checks[0]?.reason).toMatch(new RegExp(`^${CRASH_REASON_PREFIX}rule "bad": `));
  });

  it('accepts an empty span at the very end of the text', () => {
    const rule = fakeRule('a', (ctx) =>
      ctx.report({ messageId: 'plain', spans: [{ start: TEXT.length, end: TEXT.length }] }),
    );
    expect(run([rule]).findings[0]?.spans[0]).toEqual({ start: TEXT.length, end: TEXT.length, text: '' });
  });
});

describe('review: checks', () => {
  it('tells passed, failed, skipped and off apart, in catalogue order', () => {
    const rules = [
      fakeRule('clean', () => {}),
      fakeRule('found', reportWord('60万元')),
      fakeRule('nothing', (ctx) => ctx.skip('没有可核对的表格')),
      fakeRule('skip-then-found', (ctx) => {
        ctx.skip('部分跳过');
        reportWord('30万元')(ctx);
      }),
      fakeRule('disabled', reportWord('60万元')),
    ];
    const config = defaultConfig(rules);
    config.rules.disabled = { severity: 'off', options: {} };
    expect(run(rules, config).checks).toEqual([
      { rule: 'clean', status: 'passed', count: 0 },
      { rule: 'found', status: 'failed', count: 1 },
      { rule: 'nothing', status: 'skipped', count: 0, reason: '没有可核对的表格' },
      { rule: 'skip-then-found', status: 'failed', count: 1 },
      { rule: 'disabled', status: 'skipped', count: 0, reason: OFF_REASON },
    ]);
  });

  it('does not run a rule that is off', () => {
    let ran = false;
    const rule = fakeRule('a', () => {
      ran = true;
    });
    const config = defaultConfig([rule]);
    config.rules.a = { severity: 'off', options: { limit: 1 } };
    run([rule], config);
    expect(ran).toBe(false);
  });

  it('survives a crashing rule: the others still report, the crash is returned', () => {
    const rules = [
      fakeRule('a', reportWord('基本支出')),
      fakeRule('boom', (ctx) => {
        reportWord('60万元')(ctx);
        throw new TypeError('cannot read x');
      }),
      fakeRule('c', reportWord('项目支出')),
    ];
    const result = run(rules);
    expect(result.findings.map((f) => f.rule)).toEqual(['a', 'c']);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ rule: 'boom', message: 'cannot read x' });
    expect(result.checks[1]).toEqual({
      rule: 'boom',
      status: 'skipped',
      count: 0,
      reason: `${CRASH_REASON_PREFIX}cannot read x`,
    });
  });

  it('treats an async check as a contract error', () => {
    const rule = fakeRule('a', (async () => {}) as unknown as () => void);
    expect(run([rule]).errors[0]?.message).toMatch(/synchronous/);
  });

  it('needs a reason to skip', () => {
    const rule = fakeRule('a', (ctx) => ctx.skip(''));
    expect(run([rule]).checks[0]?.status).toBe('skipped');
    expect(run([rule]).errors[0]?.message).toMatch(/reason/);
  });

  it('uses the catalogue and its defaults when given nothing', () => {
    const result = review(docOf());
    expect(result.checks.length).toBeGreaterThan(0);
    expect(result.errors).toEqual([]);
  });
});
