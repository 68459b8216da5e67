/**
 * The audit trail: every change (import, workflow transition, comment, user change) appended
 * with who, when, what, and the state before and after. Append-only: nothing here updates or
 * deletes, and the database's triggers refuse it (migration 2026-11-30T06.00.00-access).
 */
import type { Kysely, Transaction } from 'kysely';
import { readJson, writeJson } from './dialect.ts';
import type { Database } from './schema.ts';

export interface AuditActor {
  /** The user's id; null for the system (command-line imports, migrations). */
  readonly id: number | null;
  readonly name: string;
}

export const SYSTEM_ACTOR: AuditActor = { id: null, name: '系统（命令行）' };

export type AuditAction =
  | 'document.import'
  | 'document.transition'
  | 'comment.add'
  | 'user.create'
  | 'user.update'
  | 'draft.create'
  | 'draft.save'
  | 'draft.submit'
  | 'draft.reopen';

export interface AuditRecord {
  readonly at: string;
  readonly actor: AuditActor;
  readonly action: AuditAction;
  readonly entityType: 'document' | 'comment' | 'user' | 'draft';
  readonly entityId: number | null;
  readonly documentId?: number | null;
  readonly departmentId?: number | null;
  readonly before: unknown;
  readonly after: unknown;
}

export interface AuditEntry {
  readonly id: number;
  readonly at: string;
  readonly actorId: number | null;
  readonly actorName: string;
  readonly action: string;
  readonly entityType: string;
  readonly entityId: number | null;
  readonly documentId: number | null;
  readonly departmentId: number | null;
  readonly before: unknown;
  readonly after: unknown;
}

export const appendAudit = async (db: Kysely<Database> | Transaction<Database>, r: AuditRecord): Promise<void> => {
  await db
    .insertInto('audit_log')
    .values({
      at: r.at,
      actor_id: r.actor.id,
      actor_name: r.actor.name,
      action: r.action,
      entity_type: r.entityType,
      entity_id: r.entityId,
      document_id: r.documentId ?? null,
      department_id: r.departmentId ?? null,
      before_json: r.before === null || r.before === undefined ? null : writeJson(r.before),
      after_json: r.after === null || r.after === undefined ? null : writeJson(r.after),
    })
    .execute();
};

type AuditFilter = { readonly documentId: number } | { readonly actorId: number } | { readonly userId: number };

/** Entries about a document, by a user, or about a user, oldest first; `afterId` for only the newer ones. */
export const listAudit = async (db: Kysely<Database>, filter: AuditFilter, afterId = 0, limit = 1000): Promise<AuditEntry[]> => {
  let q = db.selectFrom('audit_log').selectAll().where('id', '>', afterId);
  if ('documentId' in filter) q = q.where('document_id', '=', filter.documentId);
  else if ('actorId' in filter) q = q.where('actor_id', '=', filter.actorId);
  else q = q.where('entity_type', '=', 'user').where('entity_id', '=', filter.userId);
  const rows = await q.orderBy('id').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.actor_name,
    action: r.action,
    entityType: r.entity_type,
    entityId: r.entity_id,
    documentId: r.document_id,
    departmentId: r.department_id,
    before: r.before_json === null ? null : readJson(r.before_json),
    after: r.after_json === null ? null : readJson(r.after_json),
  }));
};
