/**
 * Drafts being authored: create, read, save (every save a new version, refused when the caller's
 * base version is stale), versions, submit. The figures are checked by `recompute` on every save
 * so the list shows error counts and submit can refuse a draft with error findings.
 */
import type { Kysely } from 'kysely';
import type { BudgetDraft } from '#authoring/draft.ts';
import { diffDrafts } from '#authoring/diff.ts';
import { recompute } from '#authoring/live.ts';
import { appendAudit, type AuditActor } from './audit.ts';
import { readJson, writeJson } from './dialect.ts';
import type { Database } from './schema.ts';

export type DraftStatus = 'draft' | 'submitted';

export interface DraftSummary {
  readonly id: number;
  readonly department: string;
  readonly district: string;
  readonly year: number;
  readonly level: string;
  readonly status: string;
  readonly version: number;
  readonly baseDocumentId?: number;
  /** The document the latest submission was stored as (its review state is the draft's). */
  readonly documentId?: number;
  readonly errorCount: number;
  readonly warningCount: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface DraftDetail extends DraftSummary {
  readonly draft: BudgetDraft;
}

export interface DraftVersionSummary {
  readonly version: number;
  readonly savedAt: string;
  readonly errorCount: number;
  readonly note?: string;
}

export type SaveOutcome =
  | { readonly ok: true; readonly detail: DraftDetail }
  | { readonly ok: false; readonly reason: 'not-found' }
  | { readonly ok: false; readonly reason: 'conflict'; readonly currentVersion: number }
  | { readonly ok: false; readonly reason: 'not-editable'; readonly status: string };

export type SubmitOutcome = SaveOutcome | { readonly ok: false; readonly reason: 'has-errors'; readonly errorCount: number };

type DraftRow = Database['drafts'] extends infer T ? { [K in keyof T]: T[K] extends { __select__: infer S } ? S : T[K] } : never;

const summaryOf = (r: Omit<DraftRow, 'draft_json'>): DraftSummary => ({
  id: Number(r.id),
  department: r.department,
  district: r.district,
  year: Number(r.year),
  level: r.level,
  status: r.status,
  version: Number(r.version),
  ...(r.base_document_id !== null ? { baseDocumentId: Number(r.base_document_id) } : {}),
  ...(r.document_id !== null && r.document_id !== undefined ? { documentId: Number(r.document_id) } : {}),
  errorCount: Number(r.error_count),
  warningCount: Number(r.warning_count),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const counts = (draft: BudgetDraft): { errors: number; warnings: number } => {
  const r = recompute(draft);
  return { errors: r.errors, warnings: r.findings.filter((f) => f.severity === 'warning').length };
};

/** Who made a change, and the draft's department (when registered), for the audit trail. */
export interface DraftAuditContext {
  readonly actor: AuditActor;
  readonly departmentId: number | null;
}

/** At most this many changes of a save are kept in its audit entry (the versions keep everything). */
const AUDITED_CHANGES = 200;

export class DraftStore {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async create(draft: BudgetDraft, options: { baseDocumentId?: number; note?: string; audit?: DraftAuditContext } = {}): Promise<DraftDetail> {
    const at = this.now().toISOString();
    const c = counts(draft);
    return this.db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('drafts')
        .values({
          department: draft.department,
          district: draft.district,
          year: draft.year,
          level: draft.level,
          status: 'draft',
          version: 1,
          base_document_id: options.baseDocumentId ?? null,
          error_count: c.errors,
          warning_count: c.warnings,
          created_at: at,
          updated_at: at,
          draft_json: writeJson(draft),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const id = Number(inserted.id);
      await trx
        .insertInto('draft_versions')
        .values({ draft_id: id, version: 1, saved_at: at, error_count: c.errors, note: options.note ?? null, draft_json: writeJson(draft) })
        .execute();
      const detail = await this.getIn(trx, id);
      if (options.audit) {
        await appendAudit(trx, { at, ...options.audit, action: 'draft.create', entityType: 'draft', entityId: id, before: null, after: { version: 1, department: draft.department, year: draft.year, note: options.note ?? null } });
      }
      return detail!;
    });
  }

  private async getIn(db: Kysely<Database>, id: number): Promise<DraftDetail | undefined> {
    const row = await db.selectFrom('drafts').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    return { ...summaryOf(row), draft: readJson<BudgetDraft>(row.draft_json) };
  }

  get(id: number): Promise<DraftDetail | undefined> {
    return this.getIn(this.db, id);
  }

  async list(): Promise<DraftSummary[]> {
    const rows = await this.db
      .selectFrom('drafts')
      .select(['id', 'department', 'district', 'year', 'level', 'status', 'version', 'base_document_id', 'document_id', 'error_count', 'warning_count', 'created_at', 'updated_at'])
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(summaryOf);
  }

  /** Save a new version on top of `baseVersion`; stale when someone saved in between. */
  async save(id: number, draft: BudgetDraft, baseVersion: number, note?: string, audit?: DraftAuditContext): Promise<SaveOutcome> {
    const at = this.now().toISOString();
    const c = counts(draft);
    return this.db.transaction().execute(async (trx): Promise<SaveOutcome> => {
      const current = await trx.selectFrom('drafts').select(['version', 'status', 'draft_json']).where('id', '=', id).executeTakeFirst();
      if (!current) return { ok: false, reason: 'not-found' };
      if (current.status !== 'draft') return { ok: false, reason: 'not-editable', status: current.status };
      const next = baseVersion + 1;
      // The version check and the bump are one statement: two saves on one base cannot both win.
      const updated = await trx
        .updateTable('drafts')
        .set({
          version: next,
          department: draft.department,
          district: draft.district,
          year: draft.year,
          level: draft.level,
          error_count: c.errors,
          warning_count: c.warnings,
          updated_at: at,
          draft_json: writeJson(draft),
        })
        .where('id', '=', id)
        .where('version', '=', baseVersion)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0) {
        // Read again: under READ COMMITTED the first read may predate the save that won.
        const now = await trx.selectFrom('drafts').select('version').where('id', '=', id).executeTakeFirst();
        return { ok: false, reason: 'conflict', currentVersion: Number(now?.version ?? current.version) };
      }
      await trx
        .insertInto('draft_versions')
        .values({ draft_id: id, version: next, saved_at: at, error_count: c.errors, note: note ?? null, draft_json: writeJson(draft) })
        .execute();
      if (audit) {
        const changes = diffDrafts(readJson<BudgetDraft>(current.draft_json), draft);
        await appendAudit(trx, {
          at,
          ...audit,
          action: 'draft.save',
          entityType: 'draft',
          entityId: id,
          before: { version: baseVersion },
          after: { version: next, errorCount: c.errors, changeCount: changes.length, changes: changes.slice(0, AUDITED_CHANGES) },
        });
      }
      return { ok: true, detail: (await this.getIn(trx, id))! };
    });
  }

  async versions(id: number): Promise<DraftVersionSummary[] | undefined> {
    if (!(await this.db.selectFrom('drafts').select('id').where('id', '=', id).executeTakeFirst())) return undefined;
    const rows = await this.db
      .selectFrom('draft_versions')
      .select(['version', 'saved_at', 'error_count', 'note'])
      .where('draft_id', '=', id)
      .orderBy('version', 'desc')
      .execute();
    return rows.map((r) => ({ version: Number(r.version), savedAt: r.saved_at, errorCount: Number(r.error_count), ...(r.note !== null ? { note: r.note } : {}) }));
  }

  async version(id: number, version: number): Promise<BudgetDraft | undefined> {
    const row = await this.db.selectFrom('draft_versions').select('draft_json').where('draft_id', '=', id).where('version', '=', version).executeTakeFirst();
    return row ? readJson<BudgetDraft>(row.draft_json) : undefined;
  }

  /** Submit: refused while the draft has error findings; otherwise status 'submitted' (a new version). */
  async submit(id: number, baseVersion: number, audit?: DraftAuditContext): Promise<SubmitOutcome> {
    const detail = await this.get(id);
    if (!detail) return { ok: false, reason: 'not-found' };
    if (detail.status !== 'draft') return { ok: false, reason: 'not-editable', status: detail.status };
    if (detail.version !== baseVersion) return { ok: false, reason: 'conflict', currentVersion: detail.version };
    const c = counts(detail.draft);
    if (c.errors > 0) return { ok: false, reason: 'has-errors', errorCount: c.errors };
    const at = this.now().toISOString();
    const updated = await this.db
      .updateTable('drafts')
      .set({ status: 'submitted', updated_at: at })
      .where('id', '=', id)
      .where('version', '=', baseVersion)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return { ok: false, reason: 'conflict', currentVersion: (await this.get(id))?.version ?? baseVersion };
    if (audit) await appendAudit(this.db, { at, ...audit, action: 'draft.submit', entityType: 'draft', entityId: id, before: { status: 'draft', version: baseVersion }, after: { status: 'submitted', version: baseVersion } });
    return { ok: true, detail: (await this.get(id))! };
  }

  /**
   * The registered department a draft belongs to (as an import would file its document: name and
   * district without spaces), or null for a department nothing has been stored for yet.
   */
  async departmentIdOf(d: { readonly department: string; readonly district: string }): Promise<number | null> {
    const r = await this.db
      .selectFrom('departments')
      .select('id')
      .where('name', '=', d.department.replace(/\s+/g, ''))
      .where('district', '=', d.district.replace(/\s+/g, ''))
      .executeTakeFirst();
    return r === undefined ? null : Number(r.id);
  }

  /** Every draft with its registered department (null for a department nothing is stored for yet), in one query. */
  async listWithDepartments(): Promise<{ readonly draft: DraftSummary; readonly departmentId: number | null }[]> {
    const [all, departments] = await Promise.all([this.list(), this.db.selectFrom('departments').select(['id', 'name', 'district']).execute()]);
    const byKey = new Map(departments.map((d) => [`${d.name}\u0000${d.district}`, Number(d.id)]));
    return all.map((draft) => ({ draft, departmentId: byKey.get(`${draft.department.replace(/\s+/g, '')}\u0000${draft.district.replace(/\s+/g, '')}`) ?? null }));
  }

  /** The document the submission was stored as (the review workflow runs on it). */
  async linkDocument(id: number, documentId: number): Promise<void> {
    await this.db.updateTable('drafts').set({ document_id: documentId }).where('id', '=', id).execute();
  }

  /**
   * Back to editing: a submission the reviewer returned (or one that could not be stored). Only a
   * submitted draft is reopened; answers whether this call reopened it.
   */
  async reopen(id: number, audit?: DraftAuditContext, why?: string): Promise<boolean> {
    const at = this.now().toISOString();
    const r = await this.db.updateTable('drafts').set({ status: 'draft', updated_at: at }).where('id', '=', id).where('status', '=', 'submitted').executeTakeFirst();
    const reopened = Number(r.numUpdatedRows) > 0;
    if (reopened && audit) await appendAudit(this.db, { at, ...audit, action: 'draft.reopen', entityType: 'draft', entityId: id, before: { status: 'submitted' }, after: { status: 'draft', why: why ?? null } });
    return reopened;
  }
}
