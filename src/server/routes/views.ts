/** What the API shows of stored rows: explicit fields only (no password hash ever leaves). */
import type { AuditEntry, Report, ReportVersion, Unit, User } from '../../store/schema.ts';
import { STATE_NAMES } from '../policy.ts';

export function userView(user: User) {
  return { id: user.id, username: user.username, role: user.role, unitId: user.unit_id };
}

export function unitView(unit: Unit) {
  return { id: unit.id, name: unit.name, regionId: unit.region_id, createdAt: unit.created_at };
}

export function reportView(report: Report & { unit_name?: string }) {
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

export function versionView(version: ReportVersion) {
  return {
    number: version.number,
    fileName: version.file_name,
    uploadedBy: version.uploaded_by,
    createdAt: version.created_at,
  };
}

export function auditView(entry: AuditEntry) {
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
