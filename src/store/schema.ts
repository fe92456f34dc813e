/**
 * The database as one type: every table, every column. Ids are text (random UUIDs, or a hash for
 * sessions) so both dialects share them; times are ISO-8601 text (UTC), which sorts as it reads; JSON is
 * text. A nullable column is `T | null`, never optional.
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

export const ROLES = ['unit_editor', 'unit_approver', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const REPORT_STATES = ['draft', 'submitted', 'returned', 'approved', 'published'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

export interface RegionTable {
  id: string;
  name: string;
  created_at: string;
}

export interface UnitTable {
  id: string;
  region_id: string;
  name: string;
  created_at: string;
}

export interface UserTable {
  id: string;
  username: string;
  password_hash: string;
  role: Role;
  unit_id: string | null;
  failed_logins: ColumnType<number, number | undefined, number>;
  locked_until: string | null;
  created_at: string;
}

export interface SessionTable {
  /** sha256 of the cookie's token: a copy of the table does not log anyone in. */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ReportTable {
  id: string;
  unit_id: string;
  year: number;
  state: ReportState;
  /** Optimistic lock: every change increments it; a writer holding an older number gets a conflict. */
  version: number;
  /** Number of the newest report_versions row. */
  current_version: number;
  created_at: string;
  updated_at: string;
}

export interface ReportVersionTable {
  id: string;
  report_id: string;
  number: number;
  source_file_id: string;
  file_name: string;
  uploaded_by: string | null;
  created_at: string;
}

export interface SourceFileTable {
  id: string;
  sha256: string;
  size: number;
  format: string;
  bytes: Uint8Array;
  created_at: string;
}

/** Results carry the versions that made them, so an upgrade can tell what to re-run. */
interface ProducedBy {
  jixiao_version: string;
  catalogue_version: string;
  created_at: string;
}

export interface ExtractionTable extends ProducedBy {
  version_id: string;
  format: string;
  /** JSON: sections, facts, relations, writtenTwice (the text is re-derived from the source file). */
  data: string;
  /** JSON: the review's per-rule checks, and the source info (format, PDF pages). */
  checks: string;
  source: string;
}

export interface FindingTable {
  id: Generated<number>;
  version_id: string;
  ordinal: number;
  rule: string;
  message_id: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** JSON array of { start, end, text, page? }. */
  spans: string;
  data: string;
}

export interface ScoreTable extends ProducedBy {
  version_id: string;
  framework: string;
  framework_version: string;
  total: number;
  grade: string | null;
  /** JSON: the document `jixiao score --format json` prints. */
  data: string;
}

export interface CommentTable {
  id: string;
  report_id: string;
  version_id: string;
  author_id: string;
  body: string;
  span_start: number | null;
  span_end: number | null;
  created_at: string;
}

export interface AuditTable {
  id: Generated<number>;
  at: string;
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string;
  before: string | null;
  after: string | null;
}

export type ReprocessJobStatus = 'running' | 'done' | 'superseded';
export type ReprocessItemStatus = 'pending' | 'done' | 'failed';

/** One run of `jixiao reprocess` (migration 2026-12-07): what it brings results up to, and how far it got. */
export interface ReprocessJobTable {
  id: string;
  status: ReprocessJobStatus;
  jixiao_version: string;
  catalogue_version: string;
  total: number;
  started_at: string;
  updated_at: string;
  finished_at: string | null;
}

/** A report version a job has to redo; `done`/`failed` is written with the version's new results. */
export interface ReprocessItemTable {
  job_id: string;
  version_id: string;
  status: ReprocessItemStatus;
  error: string | null;
  finished_at: string | null;
}

/** A lease (migration 2026-12-07-reprocess-locks): held by `owner` until `expires_at` unless renewed. */
export interface LockTable {
  name: string;
  owner: string;
  acquired_at: string;
  expires_at: string;
}

export type Decision = 'confirmed' | 'dismissed';

/** A reviewer's verdict on a finding (migration 2026-12-07-decisions), matched by rule + quoted words. */
export interface FindingDecisionTable {
  id: string;
  report_id: string;
  rule: string;
  /** The finding's quoted words (its spans' texts joined by ' … '): what identifies it across re-reviews. */
  quote: string;
  decision: Decision;
  reason: string | null;
  actor_id: string;
  decided_at: string;
}

/** An evaluator's score for one indicator of a report (the `--manual` value: points, level or checklist). */
export interface ManualScoreTable {
  report_id: string;
  indicator: string;
  value: string;
  actor_id: string;
  scored_at: string;
}

export interface Database {
  regions: RegionTable;
  units: UnitTable;
  users: UserTable;
  sessions: SessionTable;
  reports: ReportTable;
  report_versions: ReportVersionTable;
  source_files: SourceFileTable;
  extractions: ExtractionTable;
  findings: FindingTable;
  scores: ScoreTable;
  comments: CommentTable;
  audit_log: AuditTable;
  reprocess_jobs: ReprocessJobTable;
  locks: LockTable;
  reprocess_items: ReprocessItemTable;
  finding_decisions: FindingDecisionTable;
  manual_scores: ManualScoreTable;
}

export type Region = Selectable<RegionTable>;
export type Unit = Selectable<UnitTable>;
export type User = Selectable<UserTable>;
export type Session = Selectable<SessionTable>;
export type Report = Selectable<ReportTable>;
export type ReportVersion = Selectable<ReportVersionTable>;
export type AuditEntry = Selectable<AuditTable>;
export type Comment = Selectable<CommentTable>;
export type ReprocessJob = Selectable<ReprocessJobTable>;
export type NewFinding = Insertable<FindingTable>;
export type FindingDecision = Selectable<FindingDecisionTable>;
