/**
 * The cross-report catalogue and its engine: records of a whole batch in, findings located in each report
 * involved out. Messages are filled here, as the in-report engine does, and each span gets the exact words
 * from `textOf` (the batch keeps every report's decoded text on disk, so only the reports with findings
 * are read again).
 */
import { fillMessage } from '../engine.ts';
import { clusterParagraphs, SIGNATURE_LENGTH } from './minhash.ts';
import duplicatePassageAcross from './rules/duplicate-passage-across.ts';
import outlier from './rules/outlier.ts';
import yearOverYear from './rules/year-over-year.ts';
import type { CrossCorpus, CrossFinding, CrossRecord, CrossReport, CrossRule, CrossSpan } from './types.ts';

// biome-ignore lint/suspicious/noExplicitAny: rules differ in their option types
export type AnyCrossRule = CrossRule<any>;

export const crossRules: AnyCrossRule[] = [duplicatePassageAcross, outlier, yearOverYear];

export function buildCorpus(records: readonly CrossRecord[]): CrossCorpus {
  const total = records.reduce((n, r) => n + r.paragraphs.length, 0);
  const paragraphRecord = new Int32Array(total);
  const paragraphIndex = new Int32Array(total);
  const signatures = new Uint32Array(total * SIGNATURE_LENGTH);
  let at = 0;
  records.forEach((record, r) => {
    signatures.set(record.signatures, at * SIGNATURE_LENGTH);
    for (let i = 0; i < record.paragraphs.length; i++, at++) {
      paragraphRecord[at] = r;
      paragraphIndex[at] = i;
    }
  });
  const cache = new Map<number, Int32Array>();
  return {
    records,
    paragraphRecord,
    paragraphIndex,
    clusters(similarity) {
      let roots = cache.get(similarity);
      if (!roots) {
        roots = clusterParagraphs(signatures, total, similarity);
        cache.set(similarity, roots);
      }
      return roots;
    },
  };
}

export interface CrossRunOptions {
  rules?: readonly AnyCrossRule[];
  /** Per-rule option overrides. */
  options?: Record<string, object>;
  /** The decoded text of record i (for the quoted words). */
  textOf(record: number): string;
}

export interface CrossCheck {
  rule: string;
  status: 'passed' | 'failed' | 'skipped';
  count: number;
  reason?: string;
}

export function reviewAcross(
  records: readonly CrossRecord[],
  run: CrossRunOptions,
): { findings: CrossFinding[]; checks: CrossCheck[] } {
  const corpus = buildCorpus(records);
  const checks: CrossCheck[] = [];
  const reported: { rule: AnyCrossRule; report: CrossReport }[] = [];
  for (const rule of run.rules ?? crossRules) {
    const options = { ...rule.options, ...(run.options?.[rule.id] ?? {}) };
    let count = 0;
    let skipped: string | undefined;
    rule.check({
      corpus,
      options,
      report: (report) => {
        reported.push({ rule, report });
        count++;
      },
      skip: (reason) => {
        skipped = reason;
      },
    });
    const status = count > 0 ? 'failed' : skipped !== undefined ? 'skipped' : 'passed';
    checks.push({ rule: rule.id, status, count, ...(skipped ? { reason: skipped } : {}) });
  }
  const quotes = quoteSpans(
    reported.flatMap(({ report }) => report.spans),
    run.textOf,
  );
  const findings = reported.map(({ rule, report }): CrossFinding => {
    const template = rule.messages[report.messageId] ?? report.messageId;
    return {
      rule: rule.id,
      severity: rule.severity,
      messageId: report.messageId,
      message: fillMessage(rule.id, report.messageId, template, report.data ?? {}),
      file: records[report.spans[0]!.record]!.file,
      spans: report.spans.map((s) => ({
        file: records[s.record]!.file,
        start: s.start,
        end: s.end,
        text: quotes.get(s)!,
      })),
    };
  });
  return { findings, checks };
}

/** The words of every span, reading each report's text once (texts are on disk in a batch). */
function quoteSpans(spans: readonly CrossSpan[], textOf: (record: number) => string): Map<CrossSpan, string> {
  const byRecord = new Map<number, CrossSpan[]>();
  for (const span of spans) {
    const list = byRecord.get(span.record) ?? [];
    list.push(span);
    byRecord.set(span.record, list);
  }
  const quotes = new Map<CrossSpan, string>();
  for (const [record, list] of byRecord) {
    const text = textOf(record);
    for (const span of list) quotes.set(span, text.slice(span.start, span.end));
  }
  return quotes;
}
