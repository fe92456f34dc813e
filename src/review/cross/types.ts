/**
 * Cross-report rules: the same self-describing shape as the in-report catalogue (src/review/rule.ts), but a
 * rule sees the whole batch — one compact record per report — instead of one document.
 */
import type { Rule, Severity } from '../rule.ts';

export interface CrossFigure {
  value: number;
  /** Where the report states it (UTF-16 offsets into that report's decoded text). */
  start: number;
  end: number;
}

/** What the batch keeps of one report for the cross-report pass: small, whatever the report's size. */
export interface CrossRecord {
  /** The report's file, relative to the batch directory. */
  file: string;
  unit: string | null;
  region: string | null;
  year: number | null;
  /** Prose paragraphs that were signed, in text order: start and end of each, alternating (compact at 10,000 reports). */
  paragraphs: Uint32Array;
  /** MinHash signatures, SIGNATURE_LENGTH values per paragraph. */
  signatures: Uint32Array;
  /** Figures by id (data/cross/figures.json). */
  figures: Record<string, CrossFigure>;
}

export interface CrossSpan {
  /** Index of the record (report) the span is in. */
  record: number;
  start: number;
  end: number;
}

export interface CrossReport {
  messageId: string;
  data?: Record<string, string | number>;
  /** The first span is the finding's place; the others are the places in other reports involved. */
  spans: CrossSpan[];
}

/** The batch as the rules see it. Paragraph clusters are computed once per similarity threshold. */
export interface CrossCorpus {
  records: readonly CrossRecord[];
  /** All paragraphs of all records: the record each belongs to and its index there. */
  paragraphRecord: Int32Array;
  paragraphIndex: Int32Array;
  /** Cluster root of every paragraph at this similarity (estimated Jaccard of 5-character shingles). */
  clusters(similarity: number): Int32Array;
  /**
   * Estimated similarity of two paragraphs. Clusters chain (a≈b, b≈c), so rules that quote a pair check
   * the pair itself.
   */
  similarity(a: number, b: number): number;
}

export interface CrossContext<O> {
  corpus: CrossCorpus;
  options: O;
  report(report: CrossReport): void;
  skip(reason: string): void;
}

export interface CrossExampleReport {
  file: string;
  text: string;
}

export interface CrossExample<O> {
  name?: string;
  reports: CrossExampleReport[];
  options?: Partial<O>;
}

export interface CrossInvalidExample<O> extends CrossExample<O> {
  /** Expected findings in order: the file, message id and the exact words of the finding's own span. */
  expect: { file: string; messageId: string; quote: string }[];
}

/** The in-report rule's self-description (id, category, severity, Chinese title, options, messages), with examples that are sets of reports. */
export interface CrossRule<O extends object = Record<string, never>>
  extends Omit<Rule<O>, 'examples' | 'check'> {
  examples: { valid: CrossExample<O>[]; invalid: CrossInvalidExample<O>[] };
  check(context: CrossContext<O>): void;
}

export function defineCrossRule<O extends object>(rule: CrossRule<O>): CrossRule<O> {
  return rule;
}

/** A cross-report finding, located in one report and naming the other reports involved. */
export interface CrossFinding {
  rule: string;
  severity: Severity;
  messageId: string;
  message: string;
  file: string;
  spans: { file: string; start: number; end: number; text: string }[];
}
