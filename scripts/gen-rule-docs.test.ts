import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { crossRules } from '../src/review/cross/index.ts';
import { defineRule } from '../src/review/rule.ts';
import { rules } from '../src/review/rules/index.ts';
import { DOCS_PATH, renderRuleDocs } from './gen-rule-docs.ts';

describe('docs/rules.md', () => {
  it('is up to date with the rule catalogue (run `npm run docs`)', () => {
    expect(existsSync(DOCS_PATH), 'docs/rules.md is missing: run `npm run docs`').toBe(true);
    const committed = readFileSync(DOCS_PATH, 'utf8');
    expect(committed === renderRuleDocs(), 'docs/rules.md is stale: run `npm run docs`').toBe(true);
  });

  it('has one section per catalogue rule', () => {
    const docs = renderRuleDocs();
    for (const rule of rules) expect(docs).toContain(`\n## ${rule.id}\n`);
    for (const rule of crossRules) expect(docs).toContain(`\n## ${rule.id}\n`);
  });
});

describe('renderRuleDocs', () => {
  const sample = defineRule({
    id: 'sample-rule',
    category: 'wording',
    severity: 'info',
    title: '示例规则',
    description: '用于测试文档生成。',
    options: { words: ['某某'], limit: 3 },
    optionDescriptions: { words: '要找的词' },
    messages: { found: '出现“{word}”' },
    examples: {
      valid: [{ text: '正文没有问题。' }],
      invalid: [{ name: '占位词', text: '负责人：某某。', expect: [{ messageId: 'found', quote: '某某' }] }],
    },
    check(ctx) {
      for (const word of ctx.options.words) {
        const at = ctx.doc.text.indexOf(word);
        if (at >= 0)
          ctx.report({ messageId: 'found', data: { word }, spans: [{ start: at, end: at + word.length }] });
      }
    },
  });
  const docs = renderRuleDocs([sample], []);

  it('renders metadata, options with defaults and descriptions', () => {
    expect(docs).toContain('## sample-rule');
    expect(docs).toContain('- 类别：文字规范');
    expect(docs).toContain('- 默认级别：提示（`info`）');
    expect(docs).toContain('| `words` | `["某某"]` | 要找的词 |');
    expect(docs).toContain('| `limit` | `3` |  |');
  });

  it('renders valid and invalid examples with the message the engine really produces', () => {
    expect(docs).toContain('✅ 正确\n\n```text\n正文没有问题。\n```');
    expect(docs).toContain('❌ 占位词\n\n```text\n负责人：某某。\n```');
    expect(docs).toContain('- 「某某」：出现“某某”');
  });
});
