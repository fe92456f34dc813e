/**
 * Machine-readable review: findings with spans into the decoded text, totals, and one check per rule so a
 * clean report can be told apart from one where a rule found nothing to check.
 */
import { pageAt, type SourceInfo } from '../ingest/pages.ts';
import type { ReviewResult } from '../review/engine.ts';
import type { Severity } from '../review/rule.ts';

export interface JsonFinding {
  rule: string;
  messageId: string;
  severity: Severity;
  message: string;
  /** `page` (1-based) only when the report is a PDF. */
  spans: { start: number; end: number; text: string; page?: number }[];
  data: Record<string, unknown>;
}

export interface JsonReview {
  findings: JsonFinding[];
  summary: { error: number; warning: number; info: number };
  checks: { rule: string; status: 'passed' | 'failed' | 'skipped'; count: number; reason?: string }[];
  /** The input's format, and for a PDF each page's text range. */
  source?: SourceInfo;
}

/** The JSON document as a value (field order fixed so output diffs stay small). */
export function toJsonReview(result: ReviewResult, source?: SourceInfo): JsonReview {
  const span = (s: { start: number; end: number; text: string }) => {
    const page = pageAt(source?.pages, s.start);
    return page === undefined ? { start: s.start, end: s.end, text: s.text } : { ...s, page };
  };
  const review: JsonReview = {
    findings: result.findings.map((f) => ({
      rule: f.rule,
      messageId: f.messageId,
      severity: f.severity,
      message: f.message,
      spans: f.spans.map((s) => span({ start: s.start, end: s.end, text: s.text })),
      data: f.data,
    })),
    summary: { error: result.summary.error, warning: result.summary.warning, info: result.summary.info },
    checks: result.checks.map((c) =>
      c.reason === undefined
        ? { rule: c.rule, status: c.status, count: c.count }
        : { rule: c.rule, status: c.status, count: c.count, reason: c.reason },
    ),
  };
  if (source) review.source = source;
  return review;
}

export function renderFindingsJson(result: ReviewResult, source?: SourceInfo): string {
  return `${JSON.stringify(toJsonReview(result, source), null, 2)}\n`;
}
