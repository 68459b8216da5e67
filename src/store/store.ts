/**
 * The store: import documents (parse + check + write in one transaction), read them back,
 * list versions, search.
 *
 * Import, step by step:
 *   1. sha256 of the text; already stored → `unchanged`, nothing parsed or written;
 *   2. parse; an unrecognised document → `rejected` with its diagnostics, nothing written;
 *   3. check it (with the department's previous year, when stored, for the cross-year rules);
 *   4. one transaction: department (upsert), document (next version of its department-year-kind
 *      series, the earlier one kept but no longer latest), table cells, projects, indicators,
 *      findings, diagnostics, search index. Any failure rolls all of it back.
 * Concurrent imports of the same text meet at the unique sha256; concurrent new versions of one
 * series meet at unique (series, version) and retry.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely, SqlBool, Transaction } from 'kysely';
import { checkDocuments } from '#checks/index.ts';
import type { CheckSubject } from '#checks/index.ts';
import { parseDocument } from '#ingest/detect.ts';
import type { ParsedDocument } from '#ingest/detect.ts';
import { attachPageProvenance } from '#ingest/pdf/provenance.ts';
import type { LineOrigin } from '#ingest/pdf/layout.ts';
import type { BudgetDisclosure, Diagnostic, Finding, FindingFigure, PerformanceDeclaration, SourceLocation } from '#domain/index.ts';
import type { DepartmentScope } from '#domain/access.ts';
import { isDocumentStatus } from '#domain/workflow.ts';
import type { DocumentStatus } from '#domain/workflow.ts';
import { appendAudit, SYSTEM_ACTOR } from './audit.ts';
import type { AuditActor } from './audit.ts';
import {
  FTS_MIN_QUERY_LENGTH,
  connect,
  containsText,
  ensurePgSchema,
  foldForSearch,
  ftsPhrase,
  isTransientConflict,
  isUniqueViolation,
  readCount,
  readFen,
  readJson,
  writeJson,
} from './dialect.ts';
import type { ConnectOptions, DialectName } from './dialect.ts';
import { migrateToLatest } from './migrations.ts';
import {
  countSeverities,
  departmentKey,
  diagnosticColumns,
  documentFigures,
  findingColumns,
  projectRows,
  tableCellRows,
} from './rows.ts';
import type { CellRow, DepartmentKey, DocumentFigures, ProjectRow, StoredModel } from './rows.ts';
import type { Database } from './schema.ts';
import type {
  DepartmentSummary,
  DepartmentYear,
  DocumentDetail,
  DocumentVersion,
  ImportOutcome,
  SearchHit,
  SearchQuery,
  SearchResult,
  StoredDocumentRef,
  StoredKind,
} from './types.ts';

/** Points inside the import transaction where a test may inject a failure. */
export type ImportStage = 'department' | 'document' | 'source' | 'cells' | 'projects' | 'findings' | 'search-index';

export interface StoreOptions extends ConnectOptions {
  /**
   * The reader (default: parseDocument, on this thread). Tests may pass one that returns
   * hand-built models; the CLI and server pass a worker pool's (off the event loop, with a time
   * and memory budget per document).
   */
  readonly parse?: (text: string) => ParsedDocument | Promise<ParsedDocument>;
  /** The checker (default: checkDocuments, on this thread). */
  readonly check?: (subjects: readonly CheckSubject[]) => Finding[] | Promise<Finding[]>;
  readonly log?: (line: string) => void;
  /** Called after each stage of the import transaction; a throw here aborts the import. */
  readonly onImportStage?: (stage: ImportStage) => void | Promise<void>;
  readonly now?: () => Date;
  /** Search counts stop here (default SEARCH_COUNT_CAP). */
  readonly searchCountCap?: number;
}

export const SEARCH_COUNT_CAP = 1000;

export interface ImportOptions {
  /** File name or upload name, kept for people. */
  readonly sourceName?: string;
  /** The text already being read (a bulk import reads ahead in a worker pool); else the store's reader reads it. */
  readonly parsed?: Promise<ParsedDocument>;
  /** The file the text was read from (a PDF), stored with the document so its pages can be shown. */
  readonly source?: DocumentSourceFile;
  /**
   * For a text rendering of a PDF: where each line is on the pages (`lineMap[i]` is line i + 1).
   * The stored model's figures and the findings gain their page and box from it.
   */
  readonly lineMap?: readonly LineOrigin[];
  /** Workflow state of the new document: 'published' (default: CLI imports) or 'draft' (uploads). */
  readonly status?: DocumentStatus;
  /** Who imports, for the audit trail (default: the system, i.e. the command line). */
  readonly actor?: AuditActor;
  /**
   * Called with the department the text belongs to (its id, or undefined for a department not yet
   * stored) before anything is written; throwing refuses the import (an editor of another department).
   */
  readonly authorize?: (departmentId: number | undefined) => void;
  /**
   * Optimistic concurrency for a new version: the version the uploader last saw of this
   * department-year-kind series (0: none). When another version was saved since, the import throws
   * `StaleVersionError` and nothing is written.
   */
  readonly baseVersion?: number;
}

/** A new version was saved over one the uploader had not seen (see ImportOptions.baseVersion). */
export class StaleVersionError extends Error {
  readonly current: DocumentVersion;
  constructor(current: DocumentVersion) {
    super(`stale version: the series is at version ${current.version}`);
    this.name = 'StaleVersionError';
    this.current = current;
  }
}

/**
 * Which unpublished documents a reader sees: 'all' (admins, all-department reviewers, the CLI),
 * those of a list of departments, or none ([] — the public). Published documents are seen by all.
 */
export type Visibility = DepartmentScope;

export interface DocumentSourceFile {
  readonly bytes: Uint8Array;
  /** `application/pdf`. */
  readonly mediaType: string;
}

/** A stored document's original file. */
export interface StoredSourceFile {
  readonly mediaType: string;
  readonly bytes: Buffer;
}

const MAX_IMPORT_ATTEMPTS = 8;
const INSERT_CHUNK = 400;

export const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

const chunks = <T>(xs: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
};

const fenOrUndefined = (v: Parameters<typeof readFen>[0]): number | undefined => readFen(v);

/** A window of text around the first match, on one line. */
export const snippetAround = (text: string, q: string, radius = 30): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (q === '') return flat.length > radius * 2 ? `${flat.slice(0, radius * 2)}…` : flat;
  // Find the match the way the search did (folded); positions carry over when folding kept the length.
  const folded = foldForSearch(flat);
  const at = folded.length === flat.length ? folded.indexOf(foldForSearch(q)) : flat.toLowerCase().indexOf(q.toLowerCase());
  if (at < 0) return flat.slice(0, radius * 2);
  const start = Math.max(0, at - radius);
  const end = Math.min(flat.length, at + q.length + radius);
  return `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
};

interface PreparedImport {
  readonly sha256: string;
  readonly text: string;
  readonly sourceName?: string;
  readonly model: StoredModel;
  readonly department: DepartmentKey;
  readonly cells: readonly CellRow[];
  readonly projects: readonly ProjectRow[];
  readonly figures: DocumentFigures;
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
  readonly source?: { readonly file: DocumentSourceFile; readonly lineMap?: readonly LineOrigin[] };
  readonly status: DocumentStatus;
  readonly actor: AuditActor;
  readonly baseVersion?: number;
}

export const sha256OfBytes = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export class BudgetStore {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  readonly description: string;
  private readonly parse: (text: string) => ParsedDocument | Promise<ParsedDocument>;
  private readonly check: (subjects: readonly CheckSubject[]) => Finding[] | Promise<Finding[]>;
  private readonly onImportStage: ((stage: ImportStage) => void | Promise<void>) | undefined;
  private readonly now: () => Date;
  private readonly searchCountCap: number;

  constructor(db: Kysely<Database>, dialect: DialectName, description: string, options: StoreOptions = {}) {
    this.db = db;
    this.dialect = dialect;
    this.description = description;
    this.parse = options.parse ?? parseDocument;
    this.check = options.check ?? checkDocuments;
    this.onImportStage = options.onImportStage;
    this.now = options.now ?? (() => new Date());
    this.searchCountCap = options.searchCountCap ?? SEARCH_COUNT_CAP;
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  /**
   * Refresh the planner's statistics after a bulk import, so searches use the trigram indexes
   * (PostgreSQL) and join orders fit the data (SQLite).
   */
  async optimize(): Promise<void> {
    if (this.dialect === 'postgres') await sql`analyze departments, documents, projects, indicators, table_cells, findings`.execute(this.db);
    else await sql`pragma optimize`.execute(this.db);
  }

  // -------------------------------------------------------------------------------------------
  // Import

  async importDocument(text: string, options: ImportOptions = {}): Promise<ImportOutcome> {
    const sha256 = sha256Hex(text);
    const existing = await this.outcomeForSha(sha256);
    if (existing !== undefined) return existing;

    // Text columns (PostgreSQL) cannot hold NUL, and a text with NUL bytes is a binary file anyway.
    if (text.includes('\u0000')) {
      const line = text.slice(0, text.indexOf('\u0000')).split('\n').length;
      return {
        status: 'rejected',
        created: false,
        findings: [],
        diagnostics: [{ code: 'not-a-text-file', severity: 'error', message: '文件含有 NUL 字节，不是文本文件（PDF 等请先转换为 UTF-8 文本）', location: { line } }],
      };
    }
    const read = await (options.parsed ?? this.parse(text));
    // A PDF's text rendering: every located figure and diagnostic gains its page and box.
    const lineMap = options.lineMap;
    const parsed = lineMap !== undefined && lineMap.length > 0 ? attachPageProvenance(read, lineMap) : read;
    if (parsed.kind === 'unknown') {
      return { status: 'rejected', created: false, findings: [], diagnostics: parsed.diagnostics };
    }
    const model: StoredModel = parsed.kind === 'budget-disclosure' ? { kind: parsed.kind, document: parsed.document } : { kind: parsed.kind, document: parsed.document };
    const department = departmentKey(model);
    if (options.authorize !== undefined) {
      const dep = await this.db.selectFrom('departments').select('id').where('name', '=', department.name).where('district', '=', department.district).executeTakeFirst();
      options.authorize(dep?.id);
    }
    const projects = projectRows(model);
    const prepared: PreparedImport = {
      sha256,
      text,
      ...(options.sourceName !== undefined ? { sourceName: options.sourceName } : {}),
      model,
      department,
      cells: model.kind === 'budget-disclosure' ? tableCellRows(model.document) : [],
      projects,
      figures: documentFigures(model, projects),
      findings: located(await this.runChecks(model, department, options.sourceName ?? sha256.slice(0, 12), { text, diagnostics: parsed.diagnostics }), lineMap),
      diagnostics: parsed.diagnostics,
      ...(options.source !== undefined ? { source: { file: options.source, ...(lineMap !== undefined ? { lineMap } : {}) } } : {}),
      status: options.status ?? 'published',
      actor: options.actor ?? SYSTEM_ACTOR,
      ...(options.baseVersion !== undefined ? { baseVersion: options.baseVersion } : {}),
    };

    for (let attempt = 1; ; attempt++) {
      try {
        return await this.write(prepared);
      } catch (e) {
        if (isUniqueViolation(e)) {
          // Another writer stored the same text first: that is our answer.
          const stored = await this.outcomeForSha(sha256);
          if (stored !== undefined) return stored;
          // Otherwise another version of the same series took our number: try the next.
        } else if (e instanceof StaleVersionError || !isTransientConflict(e)) {
          throw e;
        }
        if (attempt >= MAX_IMPORT_ATTEMPTS) throw e;
      }
    }
  }

  /** Check the document, with the department's previous year when stored (cross-year rules). */
  private async runChecks(
    model: StoredModel,
    department: DepartmentKey,
    name: string,
    source: { readonly text: string; readonly diagnostics: readonly Diagnostic[] },
  ): Promise<Finding[]> {
    // The text and the reader's diagnostics let the text rules (placeholders, punctuation, years)
    // run and keep ambiguous placements out of arithmetic, exactly as `yusuan check` does.
    const subjects: CheckSubject[] = [{ ...subjectOf(model, name), text: source.text, diagnostics: source.diagnostics }];
    const priorName = `#prior`;
    const year = model.document.header.year;
    if (year !== undefined) {
      const prior = await this.db
        .selectFrom('documents as d')
        .innerJoin('departments as dep', 'dep.id', 'd.department_id')
        .select(['d.model_json', 'd.kind'])
        .where('dep.name', '=', department.name)
        .where('dep.district', '=', department.district)
        .where('d.year', '=', year - 1)
        .where('d.kind', '=', model.kind)
        .where('d.is_latest', '=', 1)
        .executeTakeFirst();
      if (prior !== undefined) {
        // The prior year's figures are marked, so that findings quoting them are not placed on this document's pages.
        const priorModel = { kind: prior.kind, document: markPriorLocations(readJson(prior.model_json)) } as StoredModel;
        subjects.unshift({ ...subjectOf(priorModel, priorName), referenceOnly: true });
      }
    }
    // Findings about the prior document alone belong to it, not to this import.
    return (await this.check(subjects)).filter((f) => f.document !== priorName);
  }

  private async stage(s: ImportStage): Promise<void> {
    if (this.onImportStage !== undefined) await this.onImportStage(s);
    // better-sqlite3 is synchronous: a large document's inserts would hold the event loop for the
    // whole transaction. Between stages, let waiting requests (health, pages) run; the transaction
    // stays one (other queries wait for its connection), so a document is still written whole or not at all.
    if (this.dialect === 'sqlite') await new Promise<void>((resolve) => setImmediate(resolve));
  }

  private async write(p: PreparedImport): Promise<ImportOutcome> {
    return this.db.transaction().execute(async (trx) => {
      const importedAt = this.now().toISOString();
      await trx
        .insertInto('departments')
        .values({ name: p.department.name, district: p.department.district, created_at: importedAt })
        .onConflict((oc) => oc.columns(['name', 'district']).doNothing())
        .execute();
      const dep = await trx
        .selectFrom('departments')
        .select(['id', 'name', 'district'])
        .where('name', '=', p.department.name)
        .where('district', '=', p.department.district)
        .executeTakeFirstOrThrow();
      await this.stage('department');

      const year = p.model.document.header.year;
      const seriesKey = `${dep.id}|${year ?? ''}|${p.model.kind}`;
      const last = await trx
        .selectFrom('documents')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('series_key', '=', seriesKey)
        .executeTakeFirst();
      const previous = last?.v === null || last?.v === undefined ? 0 : readCount(last.v);
      const version = previous + 1;
      if (p.baseVersion !== undefined && p.baseVersion !== previous) {
        const current = await trx.selectFrom('documents').select(['id', 'version', 'sha256', 'imported_at', 'source_name']).where('series_key', '=', seriesKey).where('version', '=', previous).executeTakeFirstOrThrow();
        throw new StaleVersionError({
          documentId: current.id,
          version: current.version,
          sha256: current.sha256,
          importedAt: current.imported_at,
          ...(current.source_name !== null ? { sourceName: current.source_name } : {}),
        });
      }
      if (previous > 0) {
        await trx.updateTable('documents').set({ is_latest: 0 }).where('series_key', '=', seriesKey).where('is_latest', '=', 1).execute();
      }
      const published = p.status === 'published';
      if (published && previous > 0) {
        await trx.updateTable('documents').set({ public_latest: 0 }).where('series_key', '=', seriesKey).where('public_latest', '=', 1).execute();
      }
      const counts = countSeverities(p.findings);
      const level = p.model.kind === 'budget-disclosure' ? p.model.document.level : null;
      const inserted = await trx
        .insertInto('documents')
        .values({
          department_id: dep.id,
          series_key: seriesKey,
          year: year ?? null,
          kind: p.model.kind,
          level,
          version,
          is_latest: 1,
          sha256: p.sha256,
          source_name: p.sourceName ?? null,
          source_text: p.text,
          model_json: writeJson(p.model.document),
          imported_at: importedAt,
          revenue_total_fen: p.figures.revenueTotal ?? null,
          expenditure_total_fen: p.figures.expenditureTotal ?? null,
          basic_fen: p.figures.basic ?? null,
          project_fen: p.figures.project ?? null,
          project_count: p.projects.length,
          error_count: counts.error,
          warning_count: counts.warning,
          info_count: counts.info,
          status: p.status,
          public_latest: published ? 1 : 0,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const documentId = inserted.id;
      await this.stage('document');

      if (p.source !== undefined) {
        const bytes = Buffer.from(p.source.file.bytes.buffer, p.source.file.bytes.byteOffset, p.source.file.bytes.byteLength);
        await trx
          .insertInto('document_sources')
          .values({
            document_id: documentId,
            media_type: p.source.file.mediaType,
            sha256: sha256OfBytes(bytes),
            byte_length: bytes.byteLength,
            line_map_json: p.source.lineMap !== undefined ? writeJson(p.source.lineMap) : null,
            bytes,
          })
          .execute();
        await this.stage('source');
      }

      for (const chunk of chunks(p.cells, INSERT_CHUNK)) {
        await trx
          .insertInto('table_cells')
          .values(
            chunk.map((c) => ({
              document_id: documentId,
              table_number: c.tableNumber,
              table_name: c.tableName,
              side: c.side,
              row_kind: c.rowKind,
              code: c.code,
              name: c.name,
              column_name: c.column,
              amount_fen: c.amountFen,
              raw: c.raw,
              line: c.line,
            })),
          )
          .execute();
      }
      await this.stage('cells');

      await this.writeProjects(trx, documentId, p.projects);
      await this.stage('projects');

      for (const chunk of chunks(p.findings, INSERT_CHUNK)) {
        await trx
          .insertInto('findings')
          .values(chunk.map((f) => ({ document_id: documentId, ...findingColumns(f), finding_json: writeJson(f) })))
          .execute();
      }
      for (const chunk of chunks(p.diagnostics, INSERT_CHUNK)) {
        await trx
          .insertInto('diagnostics')
          .values(chunk.map((d) => ({ document_id: documentId, ...diagnosticColumns(d), diagnostic_json: writeJson(d) })))
          .execute();
      }
      await this.stage('findings');

      if (this.dialect === 'sqlite') {
        // External-content FTS5 tables are filled explicitly, inside the same transaction.
        await sql`insert into projects_fts(rowid, search_text) select id, search_text from projects where document_id = ${documentId}`.execute(trx);
        await sql`insert into indicators_fts(rowid, search_text) select id, search_text from indicators where document_id = ${documentId}`.execute(trx);
      }
      await this.stage('search-index');

      await appendAudit(trx, {
        at: importedAt,
        actor: p.actor,
        action: 'document.import',
        entityType: 'document',
        entityId: documentId,
        documentId,
        departmentId: dep.id,
        before: previous > 0 ? { version: previous } : null,
        after: { version, status: p.status, sha256: p.sha256, sourceName: p.sourceName ?? null, year: year ?? null, kind: p.model.kind },
      });

      const document: StoredDocumentRef = {
        documentId,
        version,
        sha256: p.sha256,
        importedAt,
        ...(p.sourceName !== undefined ? { sourceName: p.sourceName } : {}),
        departmentId: dep.id,
        department: dep.name,
        ...(year !== undefined ? { year } : {}),
        kind: p.model.kind,
      };
      return { status: version === 1 ? 'created' : 'new-version', created: true, document, findings: p.findings, diagnostics: p.diagnostics };
    });
  }

  private async writeProjects(trx: Transaction<Database>, documentId: number, projects: readonly ProjectRow[]): Promise<void> {
    if (projects.length === 0) return;
    for (const chunk of chunks(projects, INSERT_CHUNK)) {
      await trx
        .insertInto('projects')
        .values(
          chunk.map((p) => ({
            document_id: documentId,
            position: p.position,
            name: p.name,
            amount_fen: p.amountFen ?? null,
            parts_json: writeJson(p.parts),
            search_text: foldForSearch(p.searchText),
            line: p.line,
          })),
        )
        .execute();
    }
    if (!projects.some((p) => p.indicators.length > 0)) return;
    // Map positions to the ids just assigned (RETURNING order is not promised on every dialect).
    const ids = await trx.selectFrom('projects').select(['id', 'position']).where('document_id', '=', documentId).execute();
    const idByPosition = new Map(ids.map((r) => [r.position, r.id]));
    const indicators = projects.flatMap((p) =>
      p.indicators.map((i) => ({
        document_id: documentId,
        project_id: idByPosition.get(p.position) ?? 0,
        project_name: p.name,
        level1: i.level1,
        level2: i.level2,
        level3: i.level3,
        operator: i.operator,
        value: i.value,
        unit: i.unit,
        text: i.text,
        target: i.target,
        search_text: foldForSearch(i.searchText),
        line: i.line,
      })),
    );
    for (const chunk of chunks(indicators, INSERT_CHUNK)) await trx.insertInto('indicators').values(chunk).execute();
  }

  /** The stored document with this text, as an `unchanged` import outcome. */
  private async outcomeForSha(sha256: string): Promise<ImportOutcome | undefined> {
    const row = await this.documentRows().where('d.sha256', '=', sha256).executeTakeFirst();
    if (row === undefined) return undefined;
    const [findings, diagnostics] = await Promise.all([this.findingsOf(row.id), this.diagnosticsOf(row.id)]);
    return { status: 'unchanged', created: false, document: refOf(row), findings, diagnostics };
  }

  // -------------------------------------------------------------------------------------------
  // Reading

  private documentRows() {
    return this.db
      .selectFrom('documents as d')
      .innerJoin('departments as dep', 'dep.id', 'd.department_id')
      .select([
        'd.id',
        'd.department_id',
        'dep.name as department',
        'dep.district',
        'd.year',
        'd.kind',
        'd.version',
        'd.is_latest',
        'd.sha256',
        'd.imported_at',
        'd.source_name',
        'd.series_key',
        'd.revenue_total_fen',
        'd.expenditure_total_fen',
        'd.basic_fen',
        'd.project_fen',
        'd.project_count',
        'd.error_count',
        'd.warning_count',
        'd.info_count',
        'd.status',
      ]);
  }

  private async findingsOf(documentId: number): Promise<Finding[]> {
    const rows = await this.db.selectFrom('findings').select('finding_json').where('document_id', '=', documentId).orderBy('id').execute();
    return rows.map((r) => readJson<Finding>(r.finding_json));
  }

  private async diagnosticsOf(documentId: number): Promise<Diagnostic[]> {
    const rows = await this.db.selectFrom('diagnostics').select('diagnostic_json').where('document_id', '=', documentId).orderBy('id').execute();
    return rows.map((r) => readJson<Diagnostic>(r.diagnostic_json));
  }

  /**
   * The newest version of each series the reader may see: within `visibility` the newest of all
   * (drafts included), elsewhere the newest published one. `fts`: see `latestOnly`.
   */
  private visibleLatest(visibility: Visibility, fts = false) {
    const ref = (c: string) => (fts ? sql`+${sql.ref(c)}` : sql`${sql.ref(c)}`);
    if (visibility === 'all') return sql<SqlBool>`${ref('d.is_latest')} = 1`;
    if (visibility.length === 0) return sql<SqlBool>`${ref('d.public_latest')} = 1`;
    const ids = sql.join(visibility.map((v) => sql`${v}`));
    return sql<SqlBool>`((${ref('d.is_latest')} = 1 and d.department_id in (${ids})) or (${ref('d.public_latest')} = 1 and d.department_id not in (${ids})))`;
  }

  /** Any version the reader may see: published, or of a department within `visibility`. */
  private visibleAny(visibility: Visibility) {
    if (visibility === 'all') return sql<SqlBool>`1 = 1`;
    if (visibility.length === 0) return sql<SqlBool>`d.status = 'published'`;
    const ids = sql.join(visibility.map((v) => sql`${v}`));
    return sql<SqlBool>`(d.status = 'published' or d.department_id in (${ids}))`;
  }

  async listDepartments(visibility: Visibility = 'all'): Promise<DepartmentSummary[]> {
    const departments = await this.db.selectFrom('departments').select(['id', 'name', 'district']).orderBy('name').orderBy('id').execute();
    const docs = await this.documentRows().where(this.visibleLatest(visibility)).orderBy('d.year').orderBy('d.kind').execute();
    const byDepartment = new Map<number, DepartmentYear[]>();
    const withDocuments = new Set(docs.map((d) => d.department_id));
    for (const d of docs) {
      if (d.year === null) continue;
      const years = byDepartment.get(d.department_id) ?? [];
      years.push(yearOf(d, d.year));
      byDepartment.set(d.department_id, years);
    }
    // A department known only from someone's draft is not shown to readers who cannot see that draft.
    return departments.filter((dep) => visibility === 'all' || withDocuments.has(dep.id)).map((dep) => ({
      departmentId: dep.id,
      name: dep.name,
      ...(dep.district !== '' ? { district: dep.district } : {}),
      years: byDepartment.get(dep.id) ?? [],
    }));
  }

  async getDocument(documentId: number, visibility: Visibility = 'all'): Promise<DocumentDetail | undefined> {
    const row = await this.documentRows().select('d.model_json').where('d.id', '=', documentId).where(this.visibleAny(visibility)).executeTakeFirst();
    if (row === undefined) return undefined;
    const [findings, diagnostics, source, others] = await Promise.all([
      this.findingsOf(row.id),
      this.diagnosticsOf(row.id),
      this.db.selectFrom('document_sources').select(['media_type', 'byte_length']).where('document_id', '=', row.id).executeTakeFirst(),
      this.db
        .selectFrom('documents as d')
        .select(['d.id', 'd.year', 'd.kind'])
        .where('d.department_id', '=', row.department_id)
        .where(this.visibleLatest(visibility))
        .where('d.year', 'is not', null)
        .orderBy('d.year')
        .execute(),
    ]);
    // One entry per other year, preferring a document of the same kind.
    const otherYears = new Map<number, { id: number; sameKind: boolean }>();
    for (const o of others) {
      if (o.year === null || o.year === row.year) continue;
      const seen = otherYears.get(o.year);
      if (seen === undefined || (!seen.sameKind && o.kind === row.kind)) otherYears.set(o.year, { id: o.id, sameKind: o.kind === row.kind });
    }
    return {
      ...refOf(row),
      ...(row.district !== '' ? { district: row.district } : {}),
      model: readJson<BudgetDisclosure | PerformanceDeclaration>(row.model_json),
      ...(source !== undefined ? { source: { mediaType: source.media_type, byteLength: source.byte_length } } : {}),
      findings,
      diagnostics,
      otherYears: [...otherYears].map(([year, o]) => ({ year, documentId: o.id })),
      status: row.status,
    };
  }

  /** The latest document of a department-year: its budget disclosure when there is one. */
  async findDepartmentYear(departmentId: number, year: number, kind?: StoredKind, visibility: Visibility = 'all'): Promise<number | undefined> {
    let q = this.db
      .selectFrom('documents as d')
      .select(['d.id', 'd.kind'])
      .where('d.department_id', '=', departmentId)
      .where('d.year', '=', year)
      .where(this.visibleLatest(visibility));
    if (kind !== undefined) q = q.where('d.kind', '=', kind);
    const rows = await q.orderBy('d.kind').execute();
    return (rows.find((r) => r.kind === 'budget-disclosure') ?? rows[0])?.id;
  }

  async documentExists(documentId: number): Promise<boolean> {
    return (await this.db.selectFrom('documents').select('id').where('id', '=', documentId).executeTakeFirst()) !== undefined;
  }

  async departmentExists(departmentId: number, visibility: Visibility = 'all'): Promise<boolean> {
    if (visibility !== 'all') {
      const doc = await this.db.selectFrom('documents as d').select('d.id').where('d.department_id', '=', departmentId).where(this.visibleAny(visibility)).executeTakeFirst();
      if (doc === undefined) return false;
    }
    return (await this.db.selectFrom('departments').select('id').where('id', '=', departmentId).executeTakeFirst()) !== undefined;
  }

  /** A document's department and workflow state (for access checks), whoever may see it. */
  async documentAccess(documentId: number): Promise<{ readonly departmentId: number; readonly status: DocumentStatus; readonly revision: number } | undefined> {
    const r = await this.db.selectFrom('documents').select(['department_id', 'status', 'revision']).where('id', '=', documentId).executeTakeFirst();
    if (r === undefined) return undefined;
    return { departmentId: r.department_id, status: isDocumentStatus(r.status) ? r.status : 'draft', revision: r.revision };
  }

  /** Every version of the document's department-year-kind series, oldest first. */
  async listVersions(documentId: number, visibility: Visibility = 'all'): Promise<DocumentVersion[] | undefined> {
    const doc = await this.db.selectFrom('documents as d').select('d.series_key').where('d.id', '=', documentId).where(this.visibleAny(visibility)).executeTakeFirst();
    if (doc === undefined) return undefined;
    const rows = await this.db
      .selectFrom('documents as d')
      .select(['d.id', 'd.version', 'd.sha256', 'd.imported_at', 'd.source_name'])
      .where('d.series_key', '=', doc.series_key)
      .where(this.visibleAny(visibility))
      .orderBy('d.version')
      .execute();
    return rows.map((r) => ({
      documentId: r.id,
      version: r.version,
      sha256: r.sha256,
      importedAt: r.imported_at,
      ...(r.source_name !== null ? { sourceName: r.source_name } : {}),
    }));
  }

  /** The file a document was read from (its PDF), when it was stored with one. */
  async getSourceFile(documentId: number): Promise<StoredSourceFile | undefined> {
    const row = await this.db.selectFrom('document_sources').select(['media_type', 'bytes']).where('document_id', '=', documentId).executeTakeFirst();
    if (row === undefined) return undefined;
    const b = row.bytes;
    return { mediaType: row.media_type, bytes: Buffer.isBuffer(b) ? b : Buffer.from(b) };
  }

  async getSourceText(documentId: number): Promise<string | undefined> {
    return (await this.db.selectFrom('documents').select('source_text').where('id', '=', documentId).executeTakeFirst())?.source_text;
  }

  // -------------------------------------------------------------------------------------------
  // Search

  /**
   * Substring search over the latest versions' project names and texts and indicator texts.
   * SQLite answers ≥ 3-character queries from the trigram FTS5 index and shorter ones with LIKE;
   * PostgreSQL answers with LIKE on folded text, served by pg_trgm GIN indexes.
   *
   * Newest imports first (descending id), so a page of a common word stops after `limit` rows
   * instead of sorting every match; counts stop at `searchCountCap` (then `totalCapped`).
   */
  async search(query: SearchQuery): Promise<SearchResult> {
    const display = query.q.trim();
    const q = foldForSearch(display);
    const wantProjects = query.kind !== 'indicator';
    const wantIndicators = query.kind !== 'project';
    const projectCount = wantProjects ? await this.countProjects(query, q) : 0;
    const indicatorCount = wantIndicators ? await this.countIndicators(query, q) : 0;
    const projectTotal = Math.min(projectCount, this.searchCountCap);
    const indicatorTotal = Math.min(indicatorCount, this.searchCountCap);
    const capped = projectCount > this.searchCountCap || indicatorCount > this.searchCountCap;
    const items: SearchHit[] = [];
    // Projects first, then indicators: one stable order to page through.
    if (wantProjects && query.offset < projectTotal) {
      items.push(...(await this.findProjects(query, q, display, query.offset, Math.min(query.limit, projectTotal - query.offset))));
    }
    const remaining = query.limit - items.length;
    if (wantIndicators && remaining > 0) {
      const offset = Math.max(0, query.offset - projectTotal);
      if (offset < indicatorTotal) items.push(...(await this.findIndicators(query, q, offset, Math.min(remaining, indicatorTotal - offset))));
    }
    return { total: projectTotal + indicatorTotal, ...(capped ? { totalCapped: true } : {}), items };
  }

  private textMatch(table: 'projects' | 'indicators', alias: string, q: string) {
    if (this.usesFts(q)) {
      const fts = table === 'projects' ? sql.raw('projects_fts') : sql.raw('indicators_fts');
      return sql<boolean>`${sql.ref(`${alias}.id`)} in (select rowid from ${fts} where ${fts} match ${ftsPhrase(q)})`;
    }
    return containsText(sql.ref(`${alias}.search_text`), q);
  }

  private usesFts(q: string): boolean {
    return this.dialect === 'sqlite' && [...q].length >= FTS_MIN_QUERY_LENGTH;
  }

  /**
   * The latest visible versions (`visibleLatest`); on the FTS path as `+d.is_latest`: the unary
   * plus keeps SQLite from driving the query by the is_latest index (every latest document)
   * instead of by the FTS hits.
   */
  private latestOnly(query: SearchQuery, q: string) {
    return this.visibleLatest(query.visibility ?? 'all', this.usesFts(q));
  }

  private projectBase(query: SearchQuery, q: string) {
    let b = this.db
      .selectFrom('projects as p')
      .innerJoin('documents as d', 'd.id', 'p.document_id')
      .innerJoin('departments as dep', 'dep.id', 'd.department_id')
      .where(this.latestOnly(query, q));
    if (query.departmentId !== undefined) b = b.where('d.department_id', '=', query.departmentId);
    if (query.year !== undefined) b = b.where('d.year', '=', query.year);
    if (query.minFen !== undefined) b = b.where('p.amount_fen', '>=', query.minFen);
    if (query.maxFen !== undefined) b = b.where('p.amount_fen', '<=', query.maxFen);
    if (q !== '') b = b.where(this.textMatch('projects', 'p', q));
    return b;
  }

  private indicatorBase(query: SearchQuery, q: string) {
    let b = this.db
      .selectFrom('indicators as i')
      .innerJoin('projects as p', 'p.id', 'i.project_id')
      .innerJoin('documents as d', 'd.id', 'i.document_id')
      .innerJoin('departments as dep', 'dep.id', 'd.department_id')
      .where(this.latestOnly(query, q));
    if (query.departmentId !== undefined) b = b.where('d.department_id', '=', query.departmentId);
    if (query.year !== undefined) b = b.where('d.year', '=', query.year);
    if (query.minFen !== undefined) b = b.where('p.amount_fen', '>=', query.minFen);
    if (query.maxFen !== undefined) b = b.where('p.amount_fen', '<=', query.maxFen);
    if (q !== '') b = b.where(this.textMatch('indicators', 'i', q));
    return b;
  }

  /** Matches, counted up to one past the cap (a common word must not cost a count of everything). */
  private async countProjects(query: SearchQuery, q: string): Promise<number> {
    const hits = this.projectBase(query, q).select('p.id').limit(this.searchCountCap + 1).as('hits');
    const r = await this.db.selectFrom(hits).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    return readCount(r?.n as number | string | undefined);
  }

  private async countIndicators(query: SearchQuery, q: string): Promise<number> {
    const hits = this.indicatorBase(query, q).select('i.id').limit(this.searchCountCap + 1).as('hits');
    const r = await this.db.selectFrom(hits).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
    return readCount(r?.n as number | string | undefined);
  }

  private async findProjects(query: SearchQuery, q: string, display: string, offset: number, limit: number): Promise<SearchHit[]> {
    const rows = await this.projectBase(query, q)
      .select(['p.name', 'p.amount_fen', 'p.parts_json', 'd.id as document_id', 'd.year', 'd.department_id', 'dep.name as department'])
      .orderBy('p.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map((r) =>
      searchHit('project', r, r.name,
        // The stored search text is folded; the snippet quotes the text as printed.
        snippetAround([r.name, ...Object.values(readJson<Record<string, string>>(r.parts_json))].join('\n'), display)),
    );
  }

  private async findIndicators(query: SearchQuery, q: string, offset: number, limit: number): Promise<SearchHit[]> {
    const rows = await this.indicatorBase(query, q)
      .select(['i.project_name', 'i.level1', 'i.level2', 'i.level3', 'i.target', 'p.amount_fen', 'd.id as document_id', 'd.year', 'd.department_id', 'dep.name as department'])
      .orderBy('i.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    return rows.map((r) => searchHit('indicator', r, r.project_name, `${r.level1}/${r.level2}/${r.level3} ${r.target}`));
  }
}

/** A search hit from a joined project/indicator row: the document's identity plus what matched. */
const searchHit = (
  kind: SearchHit['kind'],
  r: { readonly document_id: number; readonly department_id: number; readonly department: string; readonly year: number | null; readonly amount_fen: Parameters<typeof readFen>[0] },
  project: string,
  snippet: string,
): SearchHit => {
  const amountFen = fenOrUndefined(r.amount_fen);
  return {
    kind,
    documentId: r.document_id,
    departmentId: r.department_id,
    department: r.department,
    ...(r.year !== null ? { year: r.year } : {}),
    project,
    ...(amountFen !== undefined ? { amountFen } : {}),
    snippet,
  };
};

/** Marks a location in the prior year's model (see markPriorLocations); survives a worker's structured clone. */
const PRIOR_MARK = 'yusuanPriorDocument';

/** Every `source` location of a model, marked as the prior document's. */
const markPriorLocations = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(markPriorLocations);
  if (typeof v !== 'object' || v === null) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    out[k] = k === 'source' && typeof x === 'object' && x !== null && typeof (x as { line?: unknown }).line === 'number' ? { ...x, [PRIOR_MARK]: true } : markPriorLocations(x);
  }
  return out;
};

/**
 * Findings as stored. A location quoting the prior year's document loses its mark and any page (it
 * is not on this document's pages). For a PDF's text rendering, every other location without a page
 * yet gains its line's page and box (figures from the model carry their cell's box already).
 */
const located = (findings: Finding[], lineMap: readonly LineOrigin[] | undefined): Finding[] => {
  const place = (loc: SourceLocation | undefined): SourceLocation | undefined => {
    if (loc === undefined) return undefined;
    if (PRIOR_MARK in loc) {
      const { [PRIOR_MARK]: _mark, page: _page, bbox: _bbox, ...rest } = loc as SourceLocation & { [PRIOR_MARK]?: boolean };
      return rest;
    }
    if (loc.page !== undefined || lineMap === undefined) return loc;
    const origin = lineMap[loc.line - 1];
    return origin ? { ...loc, page: origin.page, bbox: [...origin.bbox] } : loc;
  };
  return findings.map((f) => {
    const location = place(f.location);
    const figures = f.figures.map((x): FindingFigure => {
      const l = place(x.location);
      return l ? { ...x, location: l } : x;
    });
    return { ...f, ...(location ? { location } : {}), figures };
  });
};

const subjectOf = (model: StoredModel, name: string): CheckSubject =>
  model.kind === 'budget-disclosure' ? { kind: model.kind, document: model.document, name } : { kind: model.kind, document: model.document, name };

interface DocumentRowLike {
  readonly id: number;
  readonly department_id: number;
  readonly department: string;
  readonly year: number | null;
  readonly kind: string;
  readonly version: number;
  readonly sha256: string;
  readonly imported_at: string;
  readonly source_name: string | null;
}

const kindOf = (k: string): StoredKind => (k === 'performance-declaration' ? 'performance-declaration' : 'budget-disclosure');

const refOf = (r: DocumentRowLike): StoredDocumentRef => ({
  documentId: r.id,
  version: r.version,
  sha256: r.sha256,
  importedAt: r.imported_at,
  ...(r.source_name !== null ? { sourceName: r.source_name } : {}),
  departmentId: r.department_id,
  department: r.department,
  ...(r.year !== null ? { year: r.year } : {}),
  kind: kindOf(r.kind),
});

const yearOf = (
  d: DocumentRowLike & {
    readonly revenue_total_fen: Parameters<typeof readFen>[0];
    readonly expenditure_total_fen: Parameters<typeof readFen>[0];
    readonly basic_fen: Parameters<typeof readFen>[0];
    readonly project_fen: Parameters<typeof readFen>[0];
    readonly project_count: number;
    readonly error_count: number;
    readonly warning_count: number;
    readonly info_count: number;
    readonly status: string;
  },
  year: number,
): DepartmentYear => {
  const money = {
    revenueTotalFen: readFen(d.revenue_total_fen),
    expenditureTotalFen: readFen(d.expenditure_total_fen),
    basicFen: readFen(d.basic_fen),
    projectFen: readFen(d.project_fen),
  };
  return {
    year,
    documentId: d.id,
    kind: kindOf(d.kind),
    version: d.version,
    ...(money.revenueTotalFen !== undefined ? { revenueTotalFen: money.revenueTotalFen } : {}),
    ...(money.expenditureTotalFen !== undefined ? { expenditureTotalFen: money.expenditureTotalFen } : {}),
    ...(money.basicFen !== undefined ? { basicFen: money.basicFen } : {}),
    ...(money.projectFen !== undefined ? { projectFen: money.projectFen } : {}),
    projectCount: d.project_count,
    findings: { error: d.error_count, warning: d.warning_count, info: d.info_count },
    status: d.status,
  };
};

/** Connect, bring the schema up to date, and return the store. */
export const openStore = async (options: StoreOptions = {}): Promise<BudgetStore> => {
  const log = options.log ?? ((line: string) => console.error(line));
  const { db, dialect, description } = connect(options);
  try {
    if (dialect === 'postgres' && options.pgSchema !== undefined) await ensurePgSchema(db, options.pgSchema);
    await migrateToLatest(db as unknown as Kysely<unknown>, dialect, log);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return new BudgetStore(db, dialect, description, options);
};
