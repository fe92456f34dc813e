/**
 * RuleTester, after ESLint's: runs a rule's own `examples` (valid → no finding from this rule; invalid →
 * exactly the expected message ids, in order, each quoting the expected words) and checks the rule's
 * self-description, so a rule cannot ship without working, documented examples.
 *
 * `verifyRule` collects every problem instead of stopping at the first, so one test run shows all of
 * them; `assertRule` throws one Error listing them, prefixed with the rule id.
 */
import { createReviewDocument } from './document.ts';
import { placeholdersOf, review } from './engine.ts';
import type { Finding, InvalidExample, Rule, RuleCategory, RuleExample, Severity } from './rule.ts';

// biome-ignore lint/suspicious/noExplicitAny: the catalogue mixes option types
type AnyRule = Rule<any>;

export interface VerifyOptions {
  /** The id the rule must have (its file name / registry key). */
  expectedId?: string;
}

const CATEGORIES: readonly RuleCategory[] = [
  'arithmetic',
  'consistency',
  'completeness',
  'structure',
  'wording',
  'privacy',
];
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const HAN = /\p{Script=Han}/u;
const ID_SHAPE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Every problem with the rule and its examples; empty when the rule is sound. */
export function verifyRule(rule: AnyRule, options: VerifyOptions = {}): string[] {
  const problems = [...checkMeta(rule, options), ...checkExamplesShape(rule)];
  const examples = rule.examples ?? { valid: [], invalid: [] };
  (examples.valid ?? []).forEach((example, i) => {
    problems.push(...runValid(rule, example, label('valid', i, example)));
  });
  (examples.invalid ?? []).forEach((example, i) => {
    problems.push(...runInvalid(rule, example, label('invalid', i, example)));
  });
  return problems;
}

/** Throws when verifyRule finds anything; the message names the rule and lists every problem. */
export function assertRule(rule: AnyRule, options: VerifyOptions = {}): void {
  const problems = verifyRule(rule, options);
  if (problems.length > 0) {
    const id = rule?.id ?? options.expectedId ?? '(unnamed)';
    throw new Error(`rule "${id}" failed RuleTester:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

function label(kind: 'valid' | 'invalid', index: number, example: RuleExample<unknown>): string {
  return `${kind}[${index}]${example.name ? ` "${example.name}"` : ''}`;
}

function checkMeta(rule: AnyRule, { expectedId }: VerifyOptions): string[] {
  const problems: string[] = [];
  if (typeof rule.id !== 'string' || !ID_SHAPE.test(rule.id)) {
    problems.push(`id "${rule.id}" must be kebab-case`);
  }
  if (expectedId !== undefined && rule.id !== expectedId) {
    problems.push(`id "${rule.id}" does not match its file/registry name "${expectedId}"`);
  }
  if (!CATEGORIES.includes(rule.category)) problems.push(`unknown category "${rule.category}"`);
  if (!SEVERITIES.includes(rule.severity)) problems.push(`default severity "${rule.severity}" is not valid`);
  for (const field of ['title', 'description'] as const) {
    const value = rule[field];
    if (typeof value !== 'string' || !HAN.test(value)) {
      problems.push(`${field} must be non-empty Chinese (got ${JSON.stringify(value)})`);
    }
  }
  const messageIds = Object.keys(rule.messages ?? {});
  if (messageIds.length === 0) problems.push('declares no messages');
  for (const id of messageIds) {
    const template = rule.messages[id];
    if (typeof template !== 'string' || !HAN.test(template)) {
      problems.push(`message "${id}" must be a Chinese template`);
    }
  }
  for (const key of Object.keys(rule.optionDescriptions ?? {})) {
    if (!Object.hasOwn(rule.options ?? {}, key))
      problems.push(`optionDescriptions names unknown option "${key}"`);
  }
  return problems;
}

function checkExamplesShape(rule: AnyRule): string[] {
  const problems: string[] = [];
  const valid = rule.examples?.valid ?? [];
  const invalid = rule.examples?.invalid ?? [];
  if (valid.length === 0) problems.push('needs at least one valid example');
  if (invalid.length === 0) problems.push('needs at least one invalid example');

  const seen = new Map<string, string>();
  const all: [string, RuleExample<unknown>][] = [
    ...valid.map((e, i): [string, RuleExample<unknown>] => [label('valid', i, e), e]),
    ...invalid.map((e, i): [string, RuleExample<unknown>] => [label('invalid', i, e), e]),
  ];
  for (const [name, example] of all) {
    const key = JSON.stringify([example.text, sortedEntries(example.options)]);
    const first = seen.get(key);
    if (first !== undefined) problems.push(`${name} duplicates ${first}`);
    else seen.set(key, name);
    for (const option of Object.keys(example.options ?? {})) {
      if (!Object.hasOwn(rule.options ?? {}, option))
        problems.push(`${name} sets unknown option "${option}"`);
    }
  }

  const used = new Set<string>();
  invalid.forEach((example, i) => {
    if (!Array.isArray(example.expect) || example.expect.length === 0) {
      problems.push(`${label('invalid', i, example)} expects no finding; an invalid example must expect one`);
    }
    for (const expected of example.expect ?? []) {
      used.add(expected.messageId);
      if (!Object.hasOwn(rule.messages ?? {}, expected.messageId)) {
        problems.push(`${label('invalid', i, example)} expects unknown messageId "${expected.messageId}"`);
      }
    }
  });
  // An unexercised message is one whose placeholders nobody has seen filled.
  for (const id of Object.keys(rule.messages ?? {})) {
    if (!used.has(id)) {
      const names = placeholdersOf(rule.messages[id] ?? '');
      const detail =
        names.length > 0 ? ` (placeholders ${names.map((n) => `{${n}}`).join(' ')} unverified)` : '';
      problems.push(`message "${id}" is not covered by any invalid example${detail}`);
    }
  }
  return problems;
}

function sortedEntries(options: object | undefined): [string, unknown][] {
  return Object.entries(options ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Runs one example through the real engine (document built as for a real check), rule errors thrown. */
export function runExample(rule: AnyRule, example: RuleExample<unknown>): Finding[] {
  const doc = createReviewDocument(example.text);
  const options = { ...rule.options, ...(example.options ?? {}) };
  const config = { template: null, rules: { [rule.id]: { severity: rule.severity, options } } };
  return review(doc, config, { rules: [rule], onRuleError: 'throw' }).findings;
}

function tryRun(rule: AnyRule, example: RuleExample<unknown>, name: string): Finding[] | string {
  try {
    return runExample(rule, example);
  } catch (error) {
    return `${name} threw: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function runValid(rule: AnyRule, example: RuleExample<unknown>, name: string): string[] {
  const findings = tryRun(rule, example, name);
  if (typeof findings === 'string') return [findings];
  if (findings.length === 0) return [];
  return [`${name} should produce no finding but got ${describeFindings(findings)}`];
}

function runInvalid(rule: AnyRule, example: InvalidExample<unknown>, name: string): string[] {
  const findings = tryRun(rule, example, name);
  if (typeof findings === 'string') return [findings];
  const expected = example.expect ?? [];
  const actual = findings.map((f) => ({ messageId: f.messageId, quote: f.spans[0]?.text ?? '' }));
  const same =
    actual.length === expected.length &&
    actual.every((a, i) => a.messageId === expected[i]?.messageId && a.quote === expected[i]?.quote);
  if (same) return [];
  return [`${name} expected ${describeExpected(expected)} but got ${describeFindings(findings)}`];
}

function describeExpected(expected: readonly { messageId: string; quote: string }[]): string {
  if (expected.length === 0) return 'no finding';
  return `[${expected.map((e) => `${e.messageId} 「${e.quote}」`).join(', ')}]`;
}

function describeFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'no finding';
  return `[${findings.map((f) => `${f.messageId} 「${f.spans[0]?.text ?? ''}」`).join(', ')}]`;
}
