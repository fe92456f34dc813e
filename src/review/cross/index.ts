/**
 * The cross-report catalogue and its engine: records of a whole batch in, findings located in each report
 * involved out. Messages are filled here, as the in-report engine does, and each span gets the exact words
 * from `quote` (the batch keeps every report's decoded text on disk and reads back only the quoted words).
 * Findings go to `emit` as they are made: at 10,000 reports nothing holds them all.
 */
import { fillMessage } from '../engine.ts';
import { clusterParagraphs, SIGNATURE_LENGTH, similarity } from './minhash.ts';
import duplicatePassageAcross from './rules/duplicate-passage-across.ts';
import outlier from './rules/outlier.ts';
import yearOverYear from './rules/year-over-year.ts';
import type { CrossCorpus, CrossFinding, CrossRecord, CrossReport, CrossRule } from './types.ts';

// biome-ignore lint/suspicious/noExplicitAny: rules differ in their option types
export type AnyCrossRule = CrossRule<any>;

export const crossRules: AnyCrossRule[] = [duplicatePassageAcross, outlier, yearOverYear];

/**
 * `gathered`: every record's signatures already laid end to end in one array, in record order (the batch
 * decodes them there); otherwise they are copied into one.
 */
export function buildCorpus(records: readonly CrossRecord[], gathered?: Uint32Array): CrossCorpus {
  const total = records.reduce((n, r) => n + r.paragraphs.length / 2, 0);
  const paragraphRecord = new Int32Array(total);
  const paragraphIndex = new Int32Array(total);
  const signatures = gathered ?? new Uint32Array(total * SIGNATURE_LENGTH);
  if (signatures.length !== total * SIGNATURE_LENGTH)
    throw new Error('buildCorpus: signatures do not match the records');
  let at = 0;
  records.forEach((record, r) => {
    if (!gathered) signatures.set(record.signatures, at * SIGNATURE_LENGTH);
    for (let i = 0; i < record.paragraphs.length / 2; i++, at++) {
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
    similarity: (a, b) => similarity(signatures, a, b),
  };
}

export interface CrossRunOptions {
  rules?: readonly AnyCrossRule[];
  /** Per-rule option overrides. */
  options?: Record<string, object>;
  /** The records' signatures end to end, when the caller has them so (see buildCorpus). */
  signatures?: Uint32Array;
  /** `text.slice(start, end)` of record i's decoded text: the quoted words of a span. */
  quote(record: number, start: number, end: number): string;
  /**
   * Takes each finding as it is made: the batch streams them to its output and keeps none. Without it,
   * the findings are returned.
   */
  emit?(finding: CrossFinding): void;
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
  const corpus = buildCorpus(records, run.signatures);
  const checks: CrossCheck[] = [];
  const findings: CrossFinding[] = [];
  const emit = run.emit ?? ((finding: CrossFinding) => findings.push(finding));
  for (const rule of run.rules ?? crossRules) {
    const options = { ...rule.options, ...(run.options?.[rule.id] ?? {}) };
    let count = 0;
    let skipped: string | undefined;
    rule.check({
      corpus,
      options,
      report: (report) => {
        emit(findingOf(rule, report, records, run.quote));
        count++;
      },
      skip: (reason) => {
        skipped = reason;
      },
    });
    const status = count > 0 ? 'failed' : skipped !== undefined ? 'skipped' : 'passed';
    checks.push({ rule: rule.id, status, count, ...(skipped ? { reason: skipped } : {}) });
  }
  return { findings, checks };
}

function findingOf(
  rule: AnyCrossRule,
  report: CrossReport,
  records: readonly CrossRecord[],
  quote: CrossRunOptions['quote'],
): CrossFinding {
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
      text: quote(s.record, s.start, s.end),
    })),
  };
}
