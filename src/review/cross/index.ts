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
import type { CrossCorpus, CrossFinding, CrossRecord, CrossReport, CrossRule } from './types.ts';

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
  const findings: CrossFinding[] = [];
  const checks: CrossCheck[] = [];
  const texts = new Map<number, string>();
  const textOf = (record: number) => {
    let text = texts.get(record);
    if (text === undefined) {
      text = run.textOf(record);
      // Findings come grouped by cluster, so a few texts are enough to keep at hand.
      if (texts.size > 64) texts.clear();
      texts.set(record, text);
    }
    return text;
  };
  for (const rule of run.rules ?? crossRules) {
    const options = { ...rule.options, ...(run.options?.[rule.id] ?? {}) };
    const reports: CrossReport[] = [];
    let skipped: string | undefined;
    rule.check({ corpus, options, report: (r) => reports.push(r), skip: (reason) => (skipped = reason) });
    for (const report of reports) {
      const template = rule.messages[report.messageId] ?? report.messageId;
      const first = report.spans[0]!;
      findings.push({
        rule: rule.id,
        severity: rule.severity,
        messageId: report.messageId,
        message: fillMessage(rule.id, report.messageId, template, report.data ?? {}),
        file: records[first.record]!.file,
        spans: report.spans.map((s) => ({
          file: records[s.record]!.file,
          start: s.start,
          end: s.end,
          text: textOf(s.record).slice(s.start, s.end),
        })),
      });
    }
    const status = reports.length > 0 ? 'failed' : skipped !== undefined ? 'skipped' : 'passed';
    checks.push({ rule: rule.id, status, count: reports.length, ...(skipped ? { reason: skipped } : {}) });
  }
  return { findings, checks };
}
