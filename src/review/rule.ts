/**
 * The rule contract, after ESLint's `{ meta, create }`: a rule is self-describing data plus a `check`
 * that reports findings through its context. A rule never knows its configured severity and never
 * formats output; the engine does both.
 */
import type { Extraction, Span } from '../extract/types.ts';

export type Severity = 'error' | 'warning' | 'info';

export type RuleCategory =
  | 'arithmetic' // 数字核对
  | 'consistency' // 前后一致
  | 'completeness' // 完整性
  | 'structure' // 结构与编号
  | 'wording' // 文字规范
  | 'privacy'; // 个人信息

export interface FindingSpan extends Span {
  text: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  /** The Chinese message, placeholders filled. */
  message: string;
  /** The message id the rule reported (stable; tests assert on it, not on the sentence). */
  messageId: string;
  /** First span is the primary place; further spans are the other places involved (e.g. the copy). */
  spans: FindingSpan[];
  data: Record<string, unknown>;
}

/** What a rule reports; the engine turns it into a Finding. */
export interface Report {
  messageId: string;
  data?: Record<string, string | number>;
  spans: Span[];
  /**
   * One level below the rule's configured severity (error → warning → info): the same kind of problem, less
   * serious here (三公经费 under budget are savings, not a failure to spend).
   */
  lower?: boolean;
  /** Machine-readable details carried into `Finding.data` (values compared, computed range…). */
  details?: Record<string, unknown>;
}

/** Shared, precomputed views of the document; computed once per check, never per rule. */
export interface ReviewDocument {
  text: string;
  /** Same length as `text`: full-width forms folded to ASCII, odd spaces to ' ' (see text/normalize). */
  normalized: string;
  extraction: Extraction;
}

export interface RuleContext<O> {
  doc: ReviewDocument;
  options: O;
  report(report: Report): void;
  /** Mark the check as skipped: there was nothing this rule could check (with a Chinese reason). */
  skip(reason: string): void;
}

export interface RuleExample<O> {
  /** Short name of the case, shown in the docs. */
  name?: string;
  text: string;
  options?: Partial<O>;
}

export interface InvalidExample<O> extends RuleExample<O> {
  /** Expected findings, in order: message id and the exact quoted words of the primary span. */
  expect: { messageId: string; quote: string }[];
}

export interface Rule<O extends object = Record<string, never>> {
  id: string;
  category: RuleCategory;
  severity: Severity;
  title: string;
  description: string;
  /** Default options; a config may override any of them (and only them: the defaults are the schema). */
  options: O;
  /** Optional Chinese explanation of each option, shown in docs/rules.md next to its default. */
  optionDescriptions?: { [K in keyof O]?: string };
  /** Chinese message templates keyed by message id, with `{placeholders}`. */
  messages: Record<string, string>;
  examples: { valid: RuleExample<O>[]; invalid: InvalidExample<O>[] };
  check(context: RuleContext<O>): void;
}

export function defineRule<O extends object>(rule: Rule<O>): Rule<O> {
  return rule;
}
