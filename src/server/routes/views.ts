/**
 * What the API shows of stored rows: explicit fields only (no password hash ever leaves), typed by the
 * view schemas in `schemas.ts`, which also strip anything unlisted when the reply is serialised.
 */
import type { z } from 'zod';
import type { AuditEntry, Comment, Report, ReportVersion, Unit, User } from '../../store/schema.ts';
import { STATE_NAMES } from '../policy.ts';
import type { AuditView, CommentView, ReportView, UnitView, UserView, VersionView } from '../schemas.ts';

export function userView(user: User): z.input<typeof UserView> {
  return { id: user.id, username: user.username, role: user.role, unitId: user.unit_id };
}

export function unitView(unit: Unit): z.input<typeof UnitView> {
  return { id: unit.id, name: unit.name, regionId: unit.region_id, createdAt: unit.created_at };
}

export function reportView(report: Report & { unit_name?: string }): z.input<typeof ReportView> {
  return {
    id: report.id,
    unitId: report.unit_id,
    ...(report.unit_name !== undefined ? { unitName: report.unit_name } : {}),
    year: report.year,
    state: report.state,
    stateName: STATE_NAMES[report.state],
    version: report.version,
    currentVersion: report.current_version,
    createdAt: report.created_at,
    updatedAt: report.updated_at,
  };
}

export function versionView(version: ReportVersion): z.input<typeof VersionView> {
  return {
    number: version.number,
    fileName: version.file_name,
    uploadedBy: version.uploaded_by,
    createdAt: version.created_at,
  };
}

export function auditView(entry: AuditEntry): z.input<typeof AuditView> {
  return {
    id: entry.id,
    at: entry.at,
    actorId: entry.actor_id,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entity_id,
    before: entry.before === null ? null : JSON.parse(entry.before),
    after: entry.after === null ? null : JSON.parse(entry.after),
  };
}

export function commentView(comment: Comment & { author: string }): z.input<typeof CommentView> {
  return {
    id: comment.id,
    author: comment.author,
    body: comment.body,
    start: comment.span_start,
    end: comment.span_end,
    createdAt: comment.created_at,
  };
}
