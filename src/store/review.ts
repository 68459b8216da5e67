/**
 * The review workflow in the store: a document's state, its reviewers' comments, and transitions
 * made with optimistic concurrency. Every write takes the revision the client saw; when someone
 * else changed the document since, nothing is written and the caller learns what changed.
 */
import type { Kysely } from 'kysely';
import type { CommentAnchor, DocumentStatus, WorkflowAction } from '#domain/workflow.ts';
import { decideTransition, isDocumentStatus } from '#domain/workflow.ts';
import type { Role } from '#domain/workflow.ts';
import { appendAudit, listAudit } from './audit.ts';
import type { AuditActor, AuditEntry } from './audit.ts';
import { readJson, writeJson } from './dialect.ts';
import type { Database } from './schema.ts';

export interface ReviewComment {
  readonly commentId: number;
  readonly documentId: number;
  readonly authorId: number | null;
  readonly authorName: string;
  readonly anchor: CommentAnchor;
  readonly body: string;
  /** The document's state when the comment was written. */
  readonly statusAt: DocumentStatus;
  readonly revision: number;
  readonly createdAt: string;
}

export interface WorkflowState {
  readonly documentId: number;
  readonly departmentId: number;
  readonly status: DocumentStatus;
  readonly revision: number;
  readonly comments: readonly ReviewComment[];
}

export interface WorklistItem {
  readonly documentId: number;
  readonly departmentId: number;
  readonly department: string;
  readonly year?: number;
  readonly kind: string;
  readonly version: number;
  readonly status: DocumentStatus;
  readonly revision: number;
  readonly importedAt: string;
}

export type ReviewOutcome =
  | { readonly ok: true; readonly state: WorkflowState }
  | { readonly ok: false; readonly kind: 'not-found' }
  | { readonly ok: false; readonly kind: 'refused'; readonly reason: 'role' | 'state' | 'comment'; readonly message: string }
  /** Someone else changed the document since `revision`: what they did, and the state now. */
  | { readonly ok: false; readonly kind: 'stale'; readonly state: WorkflowState; readonly changes: readonly AuditEntry[] };

const readStatus = (s: string): DocumentStatus => (isDocumentStatus(s) ? s : 'draft');

export class ReviewStore {
  private readonly db: Kysely<Database>;
  private readonly now: () => Date;

  constructor(db: Kysely<Database>, options: { readonly now?: () => Date } = {}) {
    this.db = db;
    this.now = options.now ?? (() => new Date());
  }

  async state(documentId: number): Promise<WorkflowState | undefined> {
    const d = await this.db.selectFrom('documents').select(['id', 'department_id', 'status', 'revision']).where('id', '=', documentId).executeTakeFirst();
    if (d === undefined) return undefined;
    const rows = await this.db.selectFrom('review_comments').selectAll().where('document_id', '=', documentId).orderBy('id').execute();
    return {
      documentId,
      departmentId: d.department_id,
      status: readStatus(d.status),
      revision: d.revision,
      comments: rows.map((r) => ({
        commentId: r.id,
        documentId: r.document_id,
        authorId: r.author_id,
        authorName: r.author_name,
        anchor: readJson<CommentAnchor>(r.anchor_json),
        body: r.body,
        statusAt: readStatus(r.status_at),
        revision: r.revision,
        createdAt: r.created_at,
      })),
    };
  }

  private async stale(documentId: number, revision: number): Promise<ReviewOutcome> {
    const state = await this.state(documentId);
    if (state === undefined) return { ok: false, kind: 'not-found' };
    // The changes since the client's revision: audit entries of this document's workflow made after it.
    const changes = (await listAudit(this.db, { documentId })).filter(
      (e) => (e.action === 'document.transition' || e.action === 'comment.add') && typeof (e.after as { revision?: unknown } | null)?.revision === 'number' && (e.after as { revision: number }).revision > revision,
    );
    return { ok: false, kind: 'stale', state, changes };
  }

  /**
   * Move the document by `action`, when `role` may, from its state at `revision`. Publishing makes
   * it its series' public version. One conditional UPDATE decides races: of two writers at the same
   * revision exactly one succeeds.
   */
  async transition(documentId: number, action: WorkflowAction, role: Role, revision: number, actor: AuditActor): Promise<ReviewOutcome> {
    const before = await this.state(documentId);
    if (before === undefined) return { ok: false, kind: 'not-found' };
    if (before.revision !== revision) return this.stale(documentId, revision);
    // A return needs a comment written since the document was last submitted.
    const submittedRevision = await this.lastSubmitRevision(documentId);
    const thisRound = before.comments.filter((c) => c.statusAt === 'submitted' && c.revision > submittedRevision);
    const verdict = decideTransition(before.status, action, role, thisRound.length > 0);
    if (!verdict.ok) return { ok: false, kind: 'refused', reason: verdict.reason, message: verdict.message };
    const at = this.now().toISOString();
    const done = await this.db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable('documents')
        .set({ status: verdict.to, revision: revision + 1 })
        .where('id', '=', documentId)
        .where('revision', '=', revision)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      if (verdict.to === 'published') {
        const doc = await trx.selectFrom('documents').select(['series_key', 'version']).where('id', '=', documentId).executeTakeFirstOrThrow();
        // The newest published version is the public one: an older version published late does not displace it.
        const newer = await trx.selectFrom('documents').select('id').where('series_key', '=', doc.series_key).where('status', '=', 'published').where('version', '>', doc.version).executeTakeFirst();
        if (newer === undefined) {
          await trx.updateTable('documents').set({ public_latest: 0 }).where('series_key', '=', doc.series_key).where('public_latest', '=', 1).execute();
          await trx.updateTable('documents').set({ public_latest: 1 }).where('id', '=', documentId).execute();
        }
      }
      await appendAudit(trx, {
        at,
        actor,
        action: 'document.transition',
        entityType: 'document',
        entityId: documentId,
        documentId,
        departmentId: before.departmentId,
        before: { status: before.status, revision },
        after: { status: verdict.to, revision: revision + 1, action },
      });
      return true;
    });
    if (!done) return this.stale(documentId, revision);
    const state = await this.state(documentId);
    return state === undefined ? { ok: false, kind: 'not-found' } : { ok: true, state };
  }

  /** Unpublished documents (newest version of each series) of the given departments ('all': every one). */
  async worklist(departments: 'all' | readonly number[]): Promise<WorklistItem[]> {
    if (departments !== 'all' && departments.length === 0) return [];
    let q = this.db
      .selectFrom('documents as d')
      .innerJoin('departments as dep', 'dep.id', 'd.department_id')
      .select(['d.id', 'd.department_id', 'dep.name as department', 'd.year', 'd.kind', 'd.version', 'd.status', 'd.revision', 'd.imported_at'])
      .where('d.is_latest', '=', 1)
      .where('d.status', '!=', 'published');
    if (departments !== 'all') q = q.where('d.department_id', 'in', [...departments]);
    const rows = await q.orderBy('d.id', 'desc').limit(500).execute();
    return rows.map((r) => ({
      documentId: r.id,
      departmentId: r.department_id,
      department: r.department,
      ...(r.year !== null ? { year: r.year } : {}),
      kind: r.kind,
      version: r.version,
      status: readStatus(r.status),
      revision: r.revision,
      importedAt: r.imported_at,
    }));
  }

  private async lastSubmitRevision(documentId: number): Promise<number> {
    const entries = await listAudit(this.db, { documentId });
    let revision = 0;
    for (const e of entries) {
      const after = e.after as { action?: unknown; revision?: unknown } | null;
      if (e.action === 'document.transition' && after?.action === 'submit' && typeof after.revision === 'number') revision = after.revision;
    }
    return revision;
  }

  /** A comment anchored to a cell, a line or a finding, at `revision` (stale → nothing written). */
  async addComment(documentId: number, anchor: CommentAnchor, body: string, revision: number, actor: AuditActor): Promise<ReviewOutcome> {
    const before = await this.state(documentId);
    if (before === undefined) return { ok: false, kind: 'not-found' };
    if (before.revision !== revision) return this.stale(documentId, revision);
    if (before.status === 'published') return { ok: false, kind: 'refused', reason: 'state', message: '文件已发布，不能再添加审核意见。' };
    const at = this.now().toISOString();
    const done = await this.db.transaction().execute(async (trx) => {
      const r = await trx.updateTable('documents').set({ revision: revision + 1 }).where('id', '=', documentId).where('revision', '=', revision).executeTakeFirst();
      if (Number(r.numUpdatedRows) !== 1) return false;
      const c = await trx
        .insertInto('review_comments')
        .values({ document_id: documentId, author_id: actor.id, author_name: actor.name, anchor_json: writeJson(anchor), body, status_at: before.status, revision: revision + 1, created_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      await appendAudit(trx, {
        at,
        actor,
        action: 'comment.add',
        entityType: 'comment',
        entityId: c.id,
        documentId,
        departmentId: before.departmentId,
        before: null,
        after: { anchor, body, revision: revision + 1, status: before.status },
      });
      return true;
    });
    if (!done) return this.stale(documentId, revision);
    const state = await this.state(documentId);
    return state === undefined ? { ok: false, kind: 'not-found' } : { ok: true, state };
  }
}
