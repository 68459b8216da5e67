/**
 * The store's typed schema (Kysely). Normalised tables for queries — departments, documents,
 * table cells, projects, indicators, findings, diagnostics — plus each document's source text
 * and parsed model as JSON for the full view.
 *
 * Money columns hold integer 分 (`bigint` on PostgreSQL, `integer` on SQLite); they come back
 * as `number` (SQLite) or `string` (PostgreSQL int8) and are read through `readFen`.
 * Timestamps are ISO-8601 text on both dialects (sortable, no driver-specific Date handling).
 */
import type { Generated } from 'kysely';

/** A money or count column as the driver returns it. */
export type DbBigint = number | string | bigint;

export interface DepartmentTable {
  id: Generated<number>;
  name: string;
  /** `上海市松江区`; '' when the document does not say (so the unique key works on both dialects). */
  district: string;
  created_at: string;
}

export interface DocumentTable {
  id: Generated<number>;
  department_id: number;
  /** `departmentId|year|kind`: the series a new version joins. */
  series_key: string;
  year: number | null;
  kind: string;
  level: string | null;
  version: number;
  /** 1 for the newest version of its series, else 0 (integer on both dialects). */
  is_latest: number;
  sha256: string;
  source_name: string | null;
  source_text: string;
  /** The parsed model: JSON text on SQLite, json on PostgreSQL. */
  model_json: unknown;
  imported_at: string;
  revenue_total_fen: DbBigint | null;
  expenditure_total_fen: DbBigint | null;
  basic_fen: DbBigint | null;
  project_fen: DbBigint | null;
  project_count: number;
  error_count: number;
  warning_count: number;
  info_count: number;
  /** Workflow state (DocumentStatus): 'published' for CLI imports and documents stored before accounts. */
  status: Generated<string>;
  /** 1 for the newest published version of its series (what the public sees), else 0. */
  public_latest: Generated<number>;
  /** Bumped by every workflow change: the optimistic-concurrency token of a document's review. */
  revision: Generated<number>;
}

export interface TableCellTable {
  id: Generated<number>;
  document_id: number;
  table_number: number;
  table_name: string;
  side: string | null;
  row_kind: string;
  code: string | null;
  name: string;
  column_name: string;
  amount_fen: DbBigint;
  raw: string;
  line: number;
}

export interface ProjectTable {
  id: Generated<number>;
  document_id: number;
  /** Position in the document (0-based). */
  position: number;
  name: string;
  amount_fen: DbBigint | null;
  /** The seven parts' texts, JSON object keyed by ProjectPartKey. */
  parts_json: unknown;
  /** Name and every part's text, for substring search. */
  search_text: string;
  line: number;
}

export interface IndicatorTable {
  id: Generated<number>;
  document_id: number;
  project_id: number;
  project_name: string;
  level1: string;
  level2: string;
  level3: string;
  operator: string | null;
  value: string | null;
  unit: string | null;
  /** Qualitative target text. */
  text: string | null;
  /** Display form: `≥90.00(%)`. */
  target: string;
  search_text: string;
  line: number;
}

export interface FindingTable {
  id: Generated<number>;
  document_id: number;
  rule: string;
  severity: string;
  message: string;
  table_number: number | null;
  row_label: string | null;
  column_name: string | null;
  line: number | null;
  project: string | null;
  /** The whole Finding, so the API returns it exactly as the checker made it. */
  finding_json: unknown;
}

export interface DiagnosticTable {
  id: Generated<number>;
  document_id: number;
  code: string;
  severity: string;
  message: string;
  line: number | null;
  diagnostic_json: unknown;
}

/** The original file of a document read from a PDF (see the document-sources migration). */
export interface DocumentSourceTable {
  document_id: number;
  media_type: string;
  /** sha256 of the file's bytes (the document's own sha256 is its text's). */
  sha256: string;
  byte_length: number;
  /** Text line → page and box (`LineOrigin[]`), JSON; null when the file has none. */
  line_map_json: unknown;
  bytes: Uint8Array;
}

/** A draft department-year being authored (see the drafts migration and src/authoring/). */
export interface DraftTable {
  id: Generated<number>;
  department: string;
  district: string;
  year: number;
  level: string;
  /** 'draft' | 'submitted' (the review workflow adds more). */
  status: string;
  /** The latest version's number; a save names the version it started from and gets 409 when it is stale. */
  version: number;
  /** The stored document it was started from, when it was. */
  base_document_id: number | null;
  error_count: number;
  warning_count: number;
  created_at: string;
  updated_at: string;
  /** The latest version's `BudgetDraft` JSON. */
  draft_json: unknown;
  /** The document its latest submission was stored as (in the review workflow), when submitted. */
  document_id: number | null;
}

/** Every saved version of a draft, whole. */
export interface DraftVersionTable {
  draft_id: number;
  version: number;
  saved_at: string;
  error_count: number;
  note: string | null;
  draft_json: unknown;
}

export interface UserTable {
  id: Generated<number>;
  name: string;
  display_name: string;
  role: string;
  departments_json: string;
  password_hash: string;
  disabled: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

export interface ReviewCommentTable {
  id: Generated<number>;
  document_id: number;
  author_id: number | null;
  author_name: string;
  anchor_json: string;
  body: string;
  /** The document's status when the comment was made. */
  status_at: string;
  revision: number;
  created_at: string;
}

/** Append-only (triggers refuse UPDATE and DELETE). */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: number | null;
  document_id: number | null;
  department_id: number | null;
  before_json: string | null;
  after_json: string | null;
}

export interface Database {
  departments: DepartmentTable;
  documents: DocumentTable;
  table_cells: TableCellTable;
  projects: ProjectTable;
  indicators: IndicatorTable;
  findings: FindingTable;
  diagnostics: DiagnosticTable;
  document_sources: DocumentSourceTable;
  drafts: DraftTable;
  draft_versions: DraftVersionTable;
  users: UserTable;
  sessions: SessionTable;
  review_comments: ReviewCommentTable;
  audit_log: AuditLogTable;
}
