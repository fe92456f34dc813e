/** The append-only audit log: who did what to which entity, with the state before and after. */
import { type Db, fetchPage, json, now, type Page } from './common.ts';
import type { AuditEntry } from './schema.ts';

export interface AuditInput {
  actorId: string | null;
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export async function appendAudit(db: Db, entry: AuditInput): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: now(),
      actor_id: entry.actorId,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      before: entry.before === undefined ? null : json(entry.before),
      after: entry.after === undefined ? null : json(entry.after),
    })
    .execute();
}

/** Entries in the order they were written; for one entity, or all of them. */
export async function listAudit(
  db: Db,
  filter: { entity?: string; entityId?: string } = {},
): Promise<AuditEntry[]> {
  let query = db.selectFrom('audit_log').selectAll().orderBy('id');
  if (filter.entity !== undefined) query = query.where('entity', '=', filter.entity);
  if (filter.entityId !== undefined) query = query.where('entity_id', '=', filter.entityId);
  return query.execute();
}

export interface AuditFilter {
  entity?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
}

/** A page of entries in the order they were written; `page` is 1-based. */
export async function listAuditPage(
  db: Db,
  filter: AuditFilter,
  page: number,
  pageSize: number,
): Promise<Page<AuditEntry>> {
  let base = db.selectFrom('audit_log');
  if (filter.entity !== undefined) base = base.where('entity', '=', filter.entity);
  if (filter.entityId !== undefined) base = base.where('entity_id', '=', filter.entityId);
  if (filter.actorId !== undefined) base = base.where('actor_id', '=', filter.actorId);
  return fetchPage(
    page,
    pageSize,
    (limit, offset) => base.selectAll().orderBy('id').limit(limit).offset(offset).execute(),
    () => base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  );
}
