/**
 * Test-only helpers for the rule unit tests (not a rule; catalogue.test.ts leaves this file out).
 *
 * `runRule` calls one rule straight on a text, without the engine: no dedupe, no sorting, no message
 * filling, so a test sees exactly what the rule reported, in the order it reported it. The rule's own
 * examples are run through the real engine by the RuleTester in catalogue.test.ts, not here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createReviewDocument } from '../document.ts';
import { fillMessage } from '../engine.ts';
import type { Report, Rule } from '../rule.ts';

/** One report of a rule, with the exact words of its primary span. */
export interface RuleHit {
  messageId: string;
  quote: string;
  report: Report;
}

/** The rule's reports on `text`, options merged over the rule's defaults; a skip is ignored. */
export function runRule<O extends object>(rule: Rule<O>, text: string, options: Partial<O> = {}): RuleHit[] {
  const hits: RuleHit[] = [];
  rule.check({
    doc: createReviewDocument(text),
    options: { ...rule.options, ...options },
    report(report) {
      const span = report.spans[0]!;
      hits.push({ messageId: report.messageId, quote: text.slice(span.start, span.end), report });
    },
    skip() {},
  });
  return hits;
}

/** The rule's reports on `text` as `messageId:quote` strings. */
export function quotesOf<O extends object>(rule: Rule<O>, text: string, options: Partial<O> = {}): string[] {
  return runRule(rule, text, options).map((hit) => `${hit.messageId}:${hit.quote}`);
}

/** The reason the rule skips `text` with (its first), or null when it does not skip. */
export function skipReasonOf<O extends object>(
  rule: Rule<O>,
  text: string,
  options: Partial<O> = {},
): string | null {
  let reason: string | null = null;
  rule.check({
    doc: createReviewDocument(text),
    options: { ...rule.options, ...options },
    report() {},
    skip(why) {
      reason ??= why;
    },
  });
  return reason;
}

/** The message a hit shows, filled as the engine fills it (an unfilled placeholder throws). */
export function messageOf<O extends object>(rule: Rule<O>, hit: RuleHit): string {
  const template = rule.messages[hit.messageId];
  if (template === undefined) throw new Error(`rule "${rule.id}" has no message "${hit.messageId}"`);
  return fillMessage(rule.id, hit.messageId, template, hit.report.data ?? {});
}

const SAMPLES = new URL('../../../../shared/samples/', import.meta.url);

/**
 * A shared sample report (../shared/samples beside the repository, always present in CI). Throws a
 * clear error when it is missing, so a test that needs it fails instead of silently not running.
 */
export function readSample(name = 'yuehu-2020.txt'): string {
  const url = new URL(name, SAMPLES);
  if (!existsSync(url)) {
    throw new Error(
      `shared sample ${fileURLToPath(url)} is missing: the rule tests need ../shared/samples beside the repository, as in CI`,
    );
  }
  return readFileSync(url, 'utf8');
}
