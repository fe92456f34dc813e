/**
 * The rule engine: runs every enabled rule once over one shared ReviewDocument and turns their reports into
 * findings. Like unified-lint-rule, severity is attached here, after the rule ran; like textlint's kernel,
 * span checks happen in one place and the post-processing (dedupe, sort) is a list of small pure steps.
 */
import type { Span } from '../extract/types.ts';
import type { ResolvedConfig, RuleConfig } from './config.ts';
import type { Finding, FindingSpan, Report, ReviewDocument, Rule, RuleContext, Severity } from './rule.ts';
import { rules as catalogue } from './rules/index.ts';

// biome-ignore lint/suspicious/noExplicitAny: the catalogue mixes option types
type AnyRule = Rule<any>;

export type CheckStatus = 'passed' | 'failed' | 'skipped';

/** What happened to one rule: `skipped` means it had nothing to check (or was off, or crashed). */
export interface RuleCheck {
  rule: string;
  status: CheckStatus;
  /** Findings this rule contributed (after duplicates were dropped). */
  count: number;
  /** Chinese reason; present when skipped. */
  reason?: string;
}

/** A rule that threw. Its check is recorded as skipped; the caller decides how to surface the error. */
export interface RuleFailure {
  rule: string;
  message: string;
  error: unknown;
}

export interface Summary {
  error: number;
  warning: number;
  info: number;
}

export interface ReviewResult {
  findings: Finding[];
  summary: Summary;
  checks: RuleCheck[];
  errors: RuleFailure[];
}

export interface ReviewOptions {
  /** The rules to run; defaults to the catalogue. */
  rules?: readonly AnyRule[];
  /** `record` (default) keeps going after a rule throws; `throw` rethrows, for the RuleTester. */
  onRuleError?: 'record' | 'throw';
}

/** A rule broke the contract (bad span, unknown message id, unfilled placeholder): a bug in the rule. */
export class RuleContractError extends Error {
  override name = 'RuleContractError';
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(`rule "${rule}": ${message}`);
  }
}

export const OFF_REASON = '已在配置中关闭';
export const CRASH_REASON_PREFIX = '规则执行出错：';

export function review(
  doc: ReviewDocument,
  config?: ResolvedConfig,
  options: ReviewOptions = {},
): ReviewResult {
  const ruleList = options.rules ?? catalogue;
  const findings: Finding[] = [];
  const checks: RuleCheck[] = [];
  const errors: RuleFailure[] = [];

  for (const rule of ruleList) {
    const setting = ruleSetting(rule, config);
    if (setting.severity === 'off') {
      checks.push({ rule: rule.id, status: 'skipped', count: 0, reason: OFF_REASON });
      continue;
    }
    const run = runRule(rule, doc, setting.severity, setting.options);
    if (run.error !== undefined) {
      if (options.onRuleError === 'throw') throw run.error;
      const message = errorMessage(run.error);
      errors.push({ rule: rule.id, message, error: run.error });
      checks.push({ rule: rule.id, status: 'skipped', count: 0, reason: `${CRASH_REASON_PREFIX}${message}` });
      continue;
    }
    const kept = dropDuplicates(run.findings);
    findings.push(...kept);
    checks.push(checkOf(rule.id, kept.length, run.skipReason));
  }

  const sorted = sortFindings(findings);
  return { findings: sorted, summary: summarize(sorted), checks, errors };
}

function ruleSetting(rule: AnyRule, config: ResolvedConfig | undefined): RuleConfig {
  const configured = config?.rules[rule.id];
  if (!configured) return { severity: rule.severity, options: { ...rule.options } };
  return { severity: configured.severity, options: { ...rule.options, ...configured.options } };
}

interface RuleRun {
  findings: Finding[];
  skipReason: string | undefined;
  error?: unknown;
}

/** Runs one rule; reports are validated as they arrive so a contract error's stack points at the rule. */
function runRule(rule: AnyRule, doc: ReviewDocument, severity: Severity, options: object): RuleRun {
  const run: RuleRun = { findings: [], skipReason: undefined };
  const context: RuleContext<object> = {
    doc,
    options: Object.freeze(options),
    report(report: Report) {
      run.findings.push(toFinding(rule, doc.text, severity, report));
    },
    skip(reason: string) {
      if (typeof reason !== 'string' || reason.trim() === '') {
        throw new RuleContractError(rule.id, 'skip() needs a non-empty Chinese reason');
      }
      run.skipReason ??= reason;
    },
  };
  try {
    const returned: unknown = rule.check(context);
    if (returned instanceof Promise) {
      returned.catch(() => {}); // the rejection is reported below as a contract error, not as unhandled
      throw new RuleContractError(rule.id, 'check() must be synchronous');
    }
  } catch (error) {
    return { findings: [], skipReason: undefined, error };
  }
  return run;
}

function checkOf(rule: string, count: number, skipReason: string | undefined): RuleCheck {
  if (count > 0) return { rule, status: 'failed', count };
  if (skipReason !== undefined) return { rule, status: 'skipped', count: 0, reason: skipReason };
  return { rule, status: 'passed', count: 0 };
}

const LOWER: Record<Severity, Severity> = { error: 'warning', warning: 'info', info: 'info' };

export function toFinding(rule: AnyRule, text: string, severity: Severity, report: Report): Finding {
  const template = rule.messages[report.messageId];
  if (template === undefined) {
    throw new RuleContractError(rule.id, `unknown messageId "${report.messageId}"`);
  }
  if (!Array.isArray(report.spans) || report.spans.length === 0) {
    throw new RuleContractError(rule.id, `report "${report.messageId}" has no span`);
  }
  const spans = report.spans.map((span) => toFindingSpan(rule.id, text, span));
  const message = fillMessage(rule.id, report.messageId, template, report.data ?? {});
  return {
    rule: rule.id,
    severity: report.lower ? LOWER[severity] : severity,
    message,
    messageId: report.messageId,
    spans,
    data: { ...report.data, ...report.details },
  };
}

function toFindingSpan(ruleId: string, text: string, span: Span): FindingSpan {
  const { start, end } = span ?? ({} as Partial<Span>);
  const valid =
    Number.isInteger(start) &&
    Number.isInteger(end) &&
    (start as number) >= 0 &&
    (start as number) <= (end as number) &&
    (end as number) <= text.length;
  if (!valid) {
    throw new RuleContractError(
      ruleId,
      `invalid span {start: ${start}, end: ${end}} (text length ${text.length})`,
    );
  }
  return { start: start as number, end: end as number, text: text.slice(start, end) };
}

const PLACEHOLDER = /\{([^{}\s]+)\}/g;

/** Fills `{name}` placeholders; a missing value is a rule bug, never a silent `{name}` shown to users. */
export function fillMessage(
  ruleId: string,
  messageId: string,
  template: string,
  data: Record<string, string | number>,
): string {
  return template.replace(PLACEHOLDER, (_whole, name: string) => {
    const value = Object.hasOwn(data, name) ? data[name] : undefined;
    if (value === undefined || value === null || (typeof value === 'number' && !Number.isFinite(value))) {
      throw new RuleContractError(ruleId, `message "${messageId}" placeholder {${name}} not filled`);
    }
    return String(value);
  });
}

/** Placeholder names a template uses, in order of first appearance. */
export function placeholdersOf(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];
}

function findingKey(finding: Finding): string {
  const spans = finding.spans.map((s) => `${s.start}-${s.end}`).join(',');
  return `${finding.rule}\u0000${spans}\u0000${finding.message}`;
}

/** Same rule, same places, same sentence: a rule that reached one problem twice (textlint's duplicate filter). */
export function dropDuplicates(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = findingKey(finding);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Reading order: primary span start, then rule id; ties broken so output is deterministic. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => {
    const pa = a.spans[0] as FindingSpan;
    const pb = b.spans[0] as FindingSpan;
    return (
      pa.start - pb.start ||
      compareStrings(a.rule, b.rule) ||
      pa.end - pb.end ||
      compareStrings(a.message, b.message)
    );
  });
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function summarize(findings: readonly Finding[]): Summary {
  const summary: Summary = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) summary[finding.severity]++;
  return summary;
}

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
