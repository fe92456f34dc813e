import { describe, expect, it } from 'vitest';
import { defineRule, type Rule } from './rule.ts';
import { assertRule, verifyRule } from './rule-tester.ts';

type Options = { word: string };

/** A small sound rule: reports every occurrence of `word`. */
function wordRule(overrides: Partial<Rule<Options>> = {}): Rule<Options> {
  return defineRule<Options>({
    id: 'no-word',
    category: 'wording',
    severity: 'warning',
    title: '禁用词',
    description: '报告出现的禁用词。',
    options: { word: '某某' },
    messages: { found: '出现“{word}”' },
    examples: {
      valid: [{ text: '负责人：张三。' }],
      invalid: [
        { text: '负责人：某某。', expect: [{ messageId: 'found', quote: '某某' }] },
        {
          name: '换词',
          text: '单位：XX局，负责人：XX。',
          options: { word: 'XX' },
          expect: [
            { messageId: 'found', quote: 'XX' },
            { messageId: 'found', quote: 'XX' },
          ],
        },
      ],
    },
    check(ctx) {
      const { word } = ctx.options;
      for (let at = ctx.doc.text.indexOf(word); at >= 0; at = ctx.doc.text.indexOf(word, at + 1)) {
        ctx.report({ messageId: 'found', data: { word }, spans: [{ start: at, end: at + word.length }] });
      }
    },
    ...overrides,
  });
}

describe('verifyRule', () => {
  it('passes a sound rule', () => {
    expect(verifyRule(wordRule(), { expectedId: 'no-word' })).toEqual([]);
    expect(() => assertRule(wordRule())).not.toThrow();
  });

  it('flags a valid example that reports', () => {
    const rule = wordRule({
      examples: { ...wordRule().examples, valid: [{ text: '某某。' }] },
    });
    expect(verifyRule(rule)).toEqual(['valid[0] should produce no finding but got [found 「某某」]']);
  });

  it('flags an invalid example whose findings differ in count, id or quote', () => {
    const base = wordRule().examples;
    const rule = wordRule({
      examples: {
        valid: base.valid,
        invalid: [
          { text: '某某和某某。', expect: [{ messageId: 'found', quote: '某某' }] },
          { text: '负责人：某某。', expect: [{ messageId: 'found', quote: '负责人' }] },
          { text: '没有禁用词。', expect: [{ messageId: 'found', quote: '某某' }] },
        ],
      },
    });
    expect(verifyRule(rule)).toEqual([
      'invalid[0] expected [found 「某某」] but got [found 「某某」, found 「某某」]',
      'invalid[1] expected [found 「负责人」] but got [found 「某某」]',
      'invalid[2] expected [found 「某某」] but got no finding',
    ]);
  });

  it('flags meta problems: id mismatch, non-Chinese title/description, bad category', () => {
    const rule = wordRule({
      id: 'no-word',
      title: 'no-word',
      description: '',
      category: 'misc' as Rule['category'],
    });
    const problems = verifyRule(rule, { expectedId: 'other-name' });
    expect(problems).toContain('id "no-word" does not match its file/registry name "other-name"');
    expect(problems).toContain('title must be non-empty Chinese (got "no-word")');
    expect(problems).toContain('description must be non-empty Chinese (got "")');
    expect(problems).toContain('unknown category "misc"');
  });

  it('flags missing examples, unknown message ids and uncovered messages', () => {
    const rule = wordRule({
      messages: { found: '出现“{word}”', other: '另一种问题：{what}' },
      examples: { valid: [], invalid: [{ text: '某某', expect: [{ messageId: 'fonud', quote: '某某' }] }] },
    });
    const problems = verifyRule(rule);
    expect(problems).toContain('needs at least one valid example');
    expect(problems).toContain('invalid[0] expects unknown messageId "fonud"');
    expect(problems).toContain(
      'message "found" is not covered by any invalid example (placeholders {word} unverified)',
    );
    expect(problems).toContain(
      'message "other" is not covered by any invalid example (placeholders {what} unverified)',
    );
  });

  it('flags duplicate examples (same text and options), and an invalid example expecting nothing', () => {
    const rule = wordRule({
      examples: {
        valid: [
          { text: '张三。' },
          { name: '再来', text: '张三。' },
          { text: '张三。', options: { word: '李' } },
        ],
        invalid: [
          { text: '某某', expect: [{ messageId: 'found', quote: '某某' }] },
          { text: '张三。', expect: [] },
        ],
      },
    });
    const problems = verifyRule(rule);
    expect(problems).toContain('valid[1] "再来" duplicates valid[0]');
    expect(problems).toContain('invalid[1] duplicates valid[0]');
    expect(problems).toContain('invalid[1] expects no finding; an invalid example must expect one');
    expect(problems.filter((p) => p.includes('valid[2]'))).toEqual([]);
  });

  it('flags an unknown option in an example', () => {
    const rule = wordRule({
      examples: {
        ...wordRule().examples,
        valid: [{ text: '张三。', options: { wrod: 'x' } as Partial<Options> }],
      },
    });
    expect(verifyRule(rule)).toContain('valid[0] sets unknown option "wrod"');
  });

  it('reports a rule bug (unfilled placeholder) as a thrown example, not as a pass', () => {
    const rule = wordRule({
      check(ctx) {
        const at = ctx.doc.text.indexOf('某某');
        if (at >= 0) ctx.report({ messageId: 'found', spans: [{ start: at, end: at + 2 }] });
      },
    });
    const problems = verifyRule(rule);
    expect(
      problems.some((p) =>
        /^invalid\[0\] threw: rule "no-word": message "found" placeholder \{word\}/.test(p),
      ),
    ).toBe(true);
  });

  it('reports a crashing rule on every example', () => {
    const rule = wordRule({
      check() {
        throw new Error('boom');
      },
    });
    expect(verifyRule(rule)).toEqual([
      'valid[0] threw: boom',
      'invalid[0] threw: boom',
      'invalid[1] "换词" threw: boom',
    ]);
  });

  it('names the rule when asserting', () => {
    expect(() => assertRule(wordRule({ title: '' }))).toThrow(
      /^rule "no-word" failed RuleTester:\n {2}- title/,
    );
  });
});
