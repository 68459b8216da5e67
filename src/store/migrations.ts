/**
 * Timestamped migrations, provided in code (no migration folder to ship or find at runtime).
 * Each migration is written once for both dialects; `columnTypes` and the search migration
 * are where they differ.
 */
import { Migrator, sql } from 'kysely';
import type { ColumnDefinitionBuilder, Kysely, Migration, MigrationProvider } from 'kysely';
import { columnTypes } from './dialect.ts';
import type { DialectName } from './dialect.ts';

type AnyDb = Kysely<unknown>;

const idColumn = (dialect: DialectName) => (dialect === 'postgres' ? ('serial' as const) : ('integer' as const));

const initial = (dialect: DialectName): Migration => ({
  async up(db: AnyDb) {
    const t = columnTypes(dialect);
    const id = idColumn(dialect);
    await db.schema
      .createTable('departments')
      .addColumn('id', id, (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('district', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('departments_name_district_key', ['name', 'district'])
      .execute();

    await db.schema
      .createTable('documents')
      .addColumn('id', id, (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('department_id', 'integer', (c) => c.notNull().references('departments.id'))
      .addColumn('series_key', 'text', (c) => c.notNull())
      .addColumn('year', 'integer')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('level', 'text')
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('is_latest', 'integer', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('source_name', 'text')
      .addColumn('imported_at', 'text', (c) => c.notNull())
      .addColumn('revenue_total_fen', t.money)
      .addColumn('expenditure_total_fen', t.money)
      .addColumn('basic_fen', t.money)
      .addColumn('project_fen', t.money)
      .addColumn('project_count', 'integer', (c) => c.notNull())
      .addColumn('error_count', 'integer', (c) => c.notNull())
      .addColumn('warning_count', 'integer', (c) => c.notNull())
      .addColumn('info_count', 'integer', (c) => c.notNull())
      // The two large columns last: SQLite stores a row's columns in order, and small columns
      // placed after 300 KB of text would sit in overflow pages, making every list query slow.
      .addColumn('source_text', 'text', (c) => c.notNull())
      .addColumn('model_json', t.json, (c) => c.notNull())
      // The same text is stored once, whoever uploads it and however many at a time.
      .addUniqueConstraint('documents_sha256_key', ['sha256'])
      // Two new versions of one series racing each other cannot both be version N.
      .addUniqueConstraint('documents_series_version_key', ['series_key', 'version'])
      .execute();
    await db.schema.createIndex('documents_department_year_idx').on('documents').columns(['department_id', 'year']).execute();
    await db.schema.createIndex('documents_latest_idx').on('documents').columns(['is_latest', 'kind']).execute();

    const child = (name: string) =>
      db.schema
        .createTable(name)
        .addColumn('id', id, (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
        .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'));

    await child('table_cells')
      .addColumn('table_number', 'integer', (c) => c.notNull())
      .addColumn('table_name', 'text', (c) => c.notNull())
      .addColumn('side', 'text')
      .addColumn('row_kind', 'text', (c) => c.notNull())
      .addColumn('code', 'text')
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('column_name', 'text', (c) => c.notNull())
      .addColumn('amount_fen', t.money, (c) => c.notNull())
      .addColumn('raw', 'text', (c) => c.notNull())
      .addColumn('line', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('table_cells_document_idx').on('table_cells').columns(['document_id', 'table_number']).execute();
    await db.schema.createIndex('table_cells_code_idx').on('table_cells').columns(['code', 'column_name']).execute();

    await child('projects')
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('amount_fen', t.money)
      .addColumn('parts_json', t.json, (c) => c.notNull())
      .addColumn('search_text', 'text', (c) => c.notNull())
      .addColumn('line', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('projects_document_idx').on('projects').column('document_id').execute();
    await db.schema.createIndex('projects_amount_idx').on('projects').column('amount_fen').execute();

    await child('indicators')
      .addColumn('project_id', 'integer', (c) => c.notNull().references('projects.id'))
      .addColumn('project_name', 'text', (c) => c.notNull())
      .addColumn('level1', 'text', (c) => c.notNull())
      .addColumn('level2', 'text', (c) => c.notNull())
      .addColumn('level3', 'text', (c) => c.notNull())
      .addColumn('operator', 'text')
      .addColumn('value', 'text')
      .addColumn('unit', 'text')
      .addColumn('text', 'text')
      .addColumn('target', 'text', (c) => c.notNull())
      .addColumn('search_text', 'text', (c) => c.notNull())
      .addColumn('line', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('indicators_document_idx').on('indicators').column('document_id').execute();
    await db.schema.createIndex('indicators_project_idx').on('indicators').column('project_id').execute();

    await child('findings')
      .addColumn('rule', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('table_number', 'integer')
      .addColumn('row_label', 'text')
      .addColumn('column_name', 'text')
      .addColumn('line', 'integer')
      .addColumn('project', 'text')
      .addColumn('finding_json', t.json, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('findings_document_idx').on('findings').column('document_id').execute();
    await db.schema.createIndex('findings_rule_idx').on('findings').column('rule').execute();

    await child('diagnostics')
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('message', 'text', (c) => c.notNull())
      .addColumn('line', 'integer')
      .addColumn('diagnostic_json', t.json, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('diagnostics_document_idx').on('diagnostics').column('document_id').execute();
  },
});

/** What the search migration managed to set up, for the log line. */
export interface SearchSetup {
  trigram: boolean;
}

/**
 * Substring search that works for Chinese. SQLite: FTS5 with the trigram tokenizer (external
 * content tables over projects/indicators, filled by the importer in its transaction).
 * PostgreSQL: pg_trgm GIN indexes serving LIKE on folded text; when the extension cannot be created, LIKE
 * still answers, without the index.
 */
const search = (dialect: DialectName, log: (line: string) => void): Migration => ({
  async up(db: AnyDb) {
    if (dialect === 'sqlite') {
      await sql`create virtual table projects_fts using fts5(search_text, content='projects', content_rowid='id', tokenize='trigram')`.execute(db);
      await sql`create virtual table indicators_fts using fts5(search_text, content='indicators', content_rowid='id', tokenize='trigram')`.execute(db);
      return;
    }
    // The extension goes into `public`, where every schema's search_path finds it (test schemas,
    // `--pg-schema` deployments); created inside a schema it would be invisible to the others and be
    // dropped with that schema. A failed CREATE EXTENSION would abort the migration's transaction:
    // try it in a savepoint.
    await sql`savepoint yusuan_trgm`.execute(db);
    try {
      await sql`create extension if not exists pg_trgm with schema public`.execute(db);
      await sql`release savepoint yusuan_trgm`.execute(db);
    } catch (e) {
      // Another connection may have created it at the same moment (a unique violation on
      // pg_extension), or we may lack the right: either way, look at what exists.
      await sql`rollback to savepoint yusuan_trgm`.execute(db);
      if ((await trigramSchema(db)) === undefined) {
        log(`pg_trgm 扩展不可用（${(e as Error).message}），检索仍可用（LIKE），但没有三元组索引，大库会变慢`);
        return;
      }
    }
    // An older yusuan may have put the extension into some other schema: use it where it is.
    const where = await trigramSchema(db);
    if (where === undefined) return;
    const opclass = sql`${sql.id(where)}.gin_trgm_ops`;
    await sql`create index projects_search_trgm_idx on projects using gin (search_text ${opclass})`.execute(db);
    await sql`create index indicators_search_trgm_idx on indicators using gin (search_text ${opclass})`.execute(db);
  },
});

/** The schema holding pg_trgm's objects, or undefined when the extension is not installed. */
const trigramSchema = async (db: AnyDb): Promise<string | undefined> => {
  const found = await sql<{ schema: string }>`
    select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace where e.extname = 'pg_trgm'`.execute(db);
  return found.rows[0]?.schema;
};

/**
 * The file a document was read from, when it is a PDF: its bytes (the web app renders its pages)
 * and the line map of its text rendering (text line → page and box), one row per document. Kept
 * apart from `documents` so list queries never touch megabytes of PDF.
 */
const documentSources = (dialect: DialectName): Migration => ({
  async up(db: AnyDb) {
    const t = columnTypes(dialect);
    await db.schema
      .createTable('document_sources')
      .addColumn('document_id', 'integer', (c) => c.primaryKey().references('documents.id'))
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('byte_length', 'integer', (c) => c.notNull())
      .addColumn('line_map_json', t.json)
      .addColumn('bytes', t.bytes, (c) => c.notNull())
      .execute();
  },
});

/** Drafts being authored (issue 12): the latest version on `drafts`, every version whole in `draft_versions`. */
const drafts = (dialect: DialectName): Migration => ({
  async up(db: AnyDb) {
    const t = columnTypes(dialect);
    const id = idColumn(dialect);
    await db.schema
      .createTable('drafts')
      .addColumn('id', id, (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('department', 'text', (c) => c.notNull())
      .addColumn('district', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('level', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('base_document_id', 'integer', (c) => c.references('documents.id'))
      .addColumn('error_count', 'integer', (c) => c.notNull())
      .addColumn('warning_count', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('draft_json', t.json, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('draft_versions')
      .addColumn('draft_id', 'integer', (c) => c.notNull().references('drafts.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('saved_at', 'text', (c) => c.notNull())
      .addColumn('error_count', 'integer', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('draft_json', t.json, (c) => c.notNull())
      .addPrimaryKeyConstraint('draft_versions_pkey', ['draft_id', 'version'])
      .execute();
  },
});

/**
 * Accounts, sessions, the review workflow and the audit trail (issue 13). Documents already
 * stored become published documents of their department (`status` defaults to published, and
 * the newest version of each series is the public one).
 */
const access = (dialect: DialectName): Migration => ({
  async up(db: AnyDb) {
    const id = idColumn(dialect);
    const pk = (c: ColumnDefinitionBuilder) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey());
    await db.schema.alterTable('documents').addColumn('status', 'text', (c) => c.notNull().defaultTo('published')).execute();
    await db.schema.alterTable('documents').addColumn('public_latest', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await db.schema.alterTable('documents').addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0)).execute();
    await sql`update documents set public_latest = is_latest`.execute(db);
    await db.schema.createIndex('documents_public_latest_idx').on('documents').columns(['public_latest', 'kind']).execute();

    await db.schema
      .createTable('users')
      .addColumn('id', id, pk)
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      // JSON: "all" or an array of department ids.
      .addColumn('departments_json', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('sessions')
      // sha256 of the cookie's token: a copy of the table does not sign anyone in.
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
      .addColumn('csrf_token', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

    await db.schema
      .createTable('review_comments')
      .addColumn('id', id, pk)
      .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
      .addColumn('author_id', 'integer', (c) => c.references('users.id'))
      .addColumn('author_name', 'text', (c) => c.notNull())
      .addColumn('anchor_json', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('status_at', 'text', (c) => c.notNull())
      .addColumn('revision', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('review_comments_document_idx').on('review_comments').column('document_id').execute();

    await db.schema
      .createTable('audit_log')
      .addColumn('id', id, pk)
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'integer')
      .addColumn('actor_name', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'integer')
      .addColumn('document_id', 'integer')
      .addColumn('department_id', 'integer')
      .addColumn('before_json', 'text')
      .addColumn('after_json', 'text')
      .execute();
    await db.schema.createIndex('audit_log_document_idx').on('audit_log').columns(['document_id', 'id']).execute();
    await db.schema.createIndex('audit_log_actor_idx').on('audit_log').columns(['actor_id', 'id']).execute();
    // Append-only in the database itself, not only by the absence of routes.
    if (dialect === 'sqlite') {
      await sql`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
      await sql`create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    } else {
      await sql`create or replace function yusuan_audit_append_only() returns trigger language plpgsql as $$ begin raise exception 'audit_log is append-only'; end $$`.execute(db);
      await sql`create trigger audit_log_append_only before update or delete on audit_log for each row execute function yusuan_audit_append_only()`.execute(db);
    }
  },
});

/**
 * Drafts join the review workflow: a submitted draft is stored as a document in the `submitted`
 * state; the draft remembers that document (the reviewer's comments and verdict are on it).
 */
const draftReview = (): Migration => ({
  async up(db: AnyDb) {
    await db.schema.alterTable('drafts').addColumn('document_id', 'integer', (c) => c.references('documents.id')).execute();
  },
});

export const migrations = (dialect: DialectName, log: (line: string) => void): Record<string, Migration> => ({
  '2026-11-24T08.30.00-initial': initial(dialect),
  '2026-11-24T08.40.00-search': search(dialect, log),
  '2026-11-30T04.00.00-document-sources': documentSources(dialect),
  '2026-11-30T06.00.00-drafts': drafts(dialect),
  '2026-11-30T06.00.00-access': access(dialect),
  '2026-11-30T07.00.00-draft-review': draftReview(),
});

/** Bring the database to the latest schema; throws with the failing migration's error. */
export const migrateToLatest = async (db: Kysely<unknown>, dialect: DialectName, log: (line: string) => void): Promise<void> => {
  const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations(dialect, log)) };
  // Kysely looks for its bookkeeping tables across every schema it can see; name ours so that
  // another schema's tables in the same PostgreSQL database are never mistaken for them.
  const schema =
    dialect === 'postgres' ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema : undefined;
  const migrator = new Migrator({ db, provider, ...(schema !== undefined ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '?';
    throw new Error(`migration ${failed} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
};
