/** What crosses the worker boundary and what the journal keeps per file. */
import type { TextRef } from './texts.ts';

export interface SummaryRow {
  file: string;
  hash: string;
  format: string | null;
  unit: string | null;
  year: number | null;
  /** 万元. */
  total: number | null;
  basic: number | null;
  project: number | null;
  /** actual / adjusted (or initial) budget. */
  executionRate: number | null;
  score: number | null;
  grade: string | null;
  errors: number;
  warnings: number;
  infos: number;
  /** Findings per rule id (in-report rules here; the cross-report pass adds its own). */
  byRule: Record<string, number>;
}

/** A CrossRecord as JSON: signatures in base64. */
export interface StoredCross {
  unit: string | null;
  region: string | null;
  year: number | null;
  /** Paragraph starts and ends, alternating, as a base64 Uint32Array. */
  paragraphs: string;
  signatures: string;
  figures: Record<string, { value: number; start: number; end: number }>;
}

export interface Task {
  path: string;
  file: string;
  outDir: string;
  writeJson: boolean;
}

/**
 * A done file's `row`, `cross`, `text` and `minhash` members of its journal entry, as JSON text without the
 * braces: serialized in the worker, written by the main thread as they are (it never reads them, and a
 * string crosses the thread boundary for a copy where the objects would be cloned member by member).
 */
export type DoneMembers = string;

export type TaskResult =
  | { ok: true; file: string; hash: string; members: DoneMembers }
  | { ok: false; file: string; hash: string | null; error: string };

export interface JournalEntry {
  file: string;
  size: number;
  mtimeMs: number;
  hash: string | null;
  status: 'done' | 'failed';
  error?: string;
  row?: SummaryRow;
  cross?: StoredCross;
  /** Absent in a journal written before text packs: such a file is done again. */
  text?: TextRef;
  /** The MinHash scheme of `cross.signatures` (SIGNATURE_SCHEME); a file signed by another is done again. */
  minhash?: number;
}
