/**
 * Generates docs/rules.md from the rule catalogue: each rule's metadata, options and its own examples, with
 * the messages the examples actually produce (run through the engine, like remark-lint's readme pipeline),
 * so the docs cannot drift from the code. `npm run docs` writes the file; gen-rule-docs.test.ts fails
 * when the committed file is stale.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCrossExample } from '../src/review/cross/examples.ts';
import { type AnyCrossRule, crossRules } from '../src/review/cross/index.ts';
import type { CrossExample, CrossInvalidExample } from '../src/review/cross/types.ts';
import type { InvalidExample, Rule, RuleCategory, RuleExample, Severity } from '../src/review/rule.ts';
import { runExample } from '../src/review/rule-tester.ts';
import { rules } from '../src/review/rules/index.ts';

// biome-ignore lint/suspicious/noExplicitAny: the catalogue mixes option types
type AnyRule = Rule<any>;

export const DOCS_PATH = fileURLToPath(new URL('../docs/rules.md', import.meta.url));

const CATEGORY_LABEL: Record<RuleCategory, string> = {
  arithmetic: '数字核对',
  consistency: '前后一致',
  completeness: '完整性',
  structure: '结构与编号',
  wording: '文字规范',
  privacy: '个人信息',
};

const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

export function renderRuleDocs(
  catalogue: readonly AnyRule[] = rules,
  cross: readonly AnyCrossRule[] = crossRules,
): string {
  const out = [
    '# 审查规则',
    '',
    '<!-- 本文件由 `npm run docs`（scripts/gen-rule-docs.ts）根据规则目录生成，请勿手工修改。 -->',
    '',
    '`jixiao check` 逐条运行下列规则。级别可在 `jixiao.config.json` 的 `rules` 中或用 `--rule 规则名=级别` 调整（`off`、`info`、`warning`、`error`）；有“错误”级别的问题时退出码为 1。',
    '',
    '| 规则 | 类别 | 默认级别 | 说明 |',
    '| --- | --- | --- | --- |',
    ...catalogue.map(
      (rule) =>
        `| [\`${rule.id}\`](#${rule.id}) | ${CATEGORY_LABEL[rule.category] ?? rule.category} | ${SEVERITY_LABEL[rule.severity] ?? rule.severity} | ${cell(rule.title)} |`,
    ),
    '',
  ];
  for (const rule of catalogue) out.push(...ruleSection(rule));
  if (cross.length > 0) out.push(...crossSection(cross));
  return `${out.join('\n').trimEnd()}\n`;
}

function ruleSection(rule: AnyRule): string[] {
  const lines = [
    `## ${rule.id}`,
    '',
    `**${rule.title || '（缺少标题）'}**`,
    '',
    `- 类别：${CATEGORY_LABEL[rule.category] ?? rule.category}`,
    `- 默认级别：${SEVERITY_LABEL[rule.severity] ?? rule.severity}（\`${rule.severity}\`）`,
    '',
    rule.description || '（缺少说明）',
    '',
    ...optionsTable(rule),
    ...messagesList(rule),
    '### 示例',
    '',
  ];
  const { valid = [], invalid = [] } = rule.examples ?? {};
  if (valid.length === 0 && invalid.length === 0) lines.push('（暂无示例）', '');
  for (const example of valid) lines.push(...validExample(example));
  for (const example of invalid) lines.push(...invalidExample(rule, example));
  return lines;
}

/** The cross-report rules `jixiao batch` runs over a whole batch; examples are sets of reports. */
function crossSection(cross: readonly AnyCrossRule[]): string[] {
  const out = [
    '# 跨报告规则',
    '',
    '`jixiao batch` 在审查完每份报告之后，再对整批报告运行下列规则；结果写入 `cross-findings.json`，每处问题都给出所在文件和原文位置，并列出涉及的其他报告。',
    '',
    '| 规则 | 类别 | 默认级别 | 说明 |',
    '| --- | --- | --- | --- |',
    ...cross.map(
      (rule) =>
        `| [\`${rule.id}\`](#${rule.id}) | ${CATEGORY_LABEL[rule.category]} | ${SEVERITY_LABEL[rule.severity]} | ${cell(rule.title)} |`,
    ),
    '',
  ];
  for (const rule of cross) {
    out.push(
      `## ${rule.id}`,
      '',
      `**${rule.title}**`,
      '',
      `- 类别：${CATEGORY_LABEL[rule.category]}`,
      `- 默认级别：${SEVERITY_LABEL[rule.severity]}（\`${rule.severity}\`）`,
      '',
      rule.description,
      '',
      ...optionsTable(rule),
      ...messagesList(rule),
      '### 示例',
      '',
    );
    for (const example of rule.examples.valid) out.push(...crossExample(rule, '✅', example));
    for (const example of rule.examples.invalid) out.push(...crossExample(rule, '❌', example));
  }
  return out;
}

function crossExample(
  rule: AnyCrossRule,
  mark: string,
  example: CrossExample<object> | CrossInvalidExample<object>,
): string[] {
  const lines = [exampleTitle(mark, { name: example.name, text: '' } as RuleExample<unknown>), ''];
  for (const report of example.reports) lines.push(`\`${report.file}\`：`, '', ...fence(report.text), '');
  if ('expect' in example) {
    const found = runCrossExample(rule, example);
    for (const expected of example.expect) {
      const finding = found.find((f) => f.file === expected.file && f.messageId === expected.messageId);
      lines.push(
        `- ${expected.file}「${oneLine(expected.quote)}」：${finding?.message ?? `\`${expected.messageId}\``}`,
      );
    }
    lines.push('');
  }
  return lines;
}

function optionsTable(rule: Pick<AnyRule, 'options' | 'optionDescriptions'>): string[] {
  const entries = Object.entries(rule.options ?? {});
  if (entries.length === 0) return ['无选项。', ''];
  const descriptions = (rule.optionDescriptions ?? {}) as Record<string, string | undefined>;
  return [
    '### 选项',
    '',
    '| 选项 | 默认值 | 说明 |',
    '| --- | --- | --- |',
    ...entries.map(
      ([key, value]) =>
        `| \`${key}\` | \`${cell(JSON.stringify(value))}\` | ${cell(descriptions[key] ?? '')} |`,
    ),
    '',
  ];
}

function messagesList(rule: Pick<AnyRule, 'messages'>): string[] {
  const entries = Object.entries(rule.messages ?? {});
  if (entries.length === 0) return [];
  return ['### 提示信息', '', ...entries.map(([id, template]) => `- \`${id}\`：${template}`), ''];
}

function exampleTitle(mark: string, example: RuleExample<unknown>): string {
  return `${mark} ${example.name ?? (mark === '✅' ? '正确' : '错误')}`;
}

function optionsNote(example: RuleExample<unknown>): string[] {
  if (!example.options || Object.keys(example.options).length === 0) return [];
  return [`选项：\`${JSON.stringify(example.options)}\``, ''];
}

function validExample(example: RuleExample<unknown>): string[] {
  return [exampleTitle('✅', example), '', ...optionsNote(example), ...fence(example.text), ''];
}

function invalidExample(rule: AnyRule, example: InvalidExample<unknown>): string[] {
  const lines = [exampleTitle('❌', example), '', ...optionsNote(example), ...fence(example.text), ''];
  for (const expected of example.expect ?? []) {
    lines.push(`- 「${oneLine(expected.quote)}」：${expectedMessage(rule, example, expected)}`);
  }
  return [...lines, ''];
}

/** The sentence the engine produces for this expectation; falls back to the message id if the rule fails. */
function expectedMessage(
  rule: AnyRule,
  example: InvalidExample<unknown>,
  expected: { messageId: string; quote: string },
): string {
  let found: string | undefined;
  try {
    found = runExample(rule, example).find(
      (f) => f.messageId === expected.messageId && f.spans[0]?.text === expected.quote,
    )?.message;
  } catch {
    found = undefined;
  }
  return found ?? `\`${expected.messageId}\``;
}

function fence(text: string): string[] {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  return [`${ticks}text`, ...text.replace(/\n$/, '').split('\n'), ticks];
}

function cell(s: string): string {
  return oneLine(s).replace(/\|/g, '\\|');
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function main(): void {
  writeFileSync(DOCS_PATH, renderRuleDocs());
  process.stdout.write(`wrote ${DOCS_PATH}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) main();
