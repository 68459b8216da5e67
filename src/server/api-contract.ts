/**
 * The JSON API's response shapes: the one contract between the server and the web client
 * (src/web/api.ts imports these types). Money is integer 分 in fields ending in `Fen`
 * (JSON integers, never floats). Errors are `ApiError` with a status code.
 *
 * Routes (all under /api):
 *   GET  /health                                    → { ok: true }
 *   GET  /openapi.json                              → OpenAPI 3 document
 *   GET  /departments                               → DepartmentSummary[]
 *   GET  /departments/:departmentId/years/:year     → DocumentDetail (latest version of that department-year's budget disclosure)
 *   GET  /documents/:documentId                     → DocumentDetail
 *   GET  /documents/:documentId/versions            → DocumentVersion[]
 *   POST /documents   (body: text/plain document, or multipart field `file`; ?name=) → UploadResult
 *   GET  /documents/:documentId/source           → the stored PDF (application/pdf); 404 for a document imported from text
 *   GET  /documents/:documentId/export.csv?what=cells|projects|indicators → text/csv
 *   GET  /documents/:documentId/export.json         → the parsed model
 *   GET  /documents/:documentId/export.html|.pdf|.xlsx[?findings=1] → the published document (publish-routes.ts)
 *   GET  /departments/:departmentId/years/:year/published.html|.pdf|.xlsx → stable URLs, latest published version
 *   GET  /documents/:documentId/datapackage.json, /budget-figures.csv → open data (Fiscal Data Package)
 *   GET  /datapackage.json, /budget-figures.csv      → the whole store's open data, streamed
 *   GET  /compare?left=:documentId&right=:documentId → Comparison
 *   GET  /search?q=&departmentId=&year=&minFen=&maxFen=&kind=project|indicator&limit=&offset= → SearchResult
 *   GET  /rules                                      → RuleInfo[] (the check catalogue)
 */
import type { Diagnostic, Finding } from '#domain/index.ts';
import type { DocumentVersion } from '#store/types.ts';

// The store answers these shapes and the server hands them on unchanged: one declaration, in the store.
export type { DepartmentSummary, DepartmentYear, DocumentDetail, DocumentVersion, FindingCounts, SearchHit, SearchResult } from '#store/types.ts';

export interface ApiError {
  readonly error: string;
  /** Chinese, a message a person can act on. */
  readonly message: string;
  readonly statusCode: number;
  readonly details?: unknown;
}

export interface UploadResult {
  /** false when the same text was already stored (idempotent re-import). */
  readonly created: boolean;
  /** created: first version; new-version: a changed text for a stored department-year; unchanged: same text already stored. */
  readonly status?: 'created' | 'new-version' | 'unchanged';
  readonly document: DocumentVersion & { readonly departmentId: number; readonly department: string; readonly year?: number; readonly kind: string };
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface ComparisonRow {
  readonly table: number;
  readonly tableName: string;
  /** Classification code (`208 05 05`) or line item name; the row's identity across the two sides. */
  readonly key: string;
  readonly name: string;
  readonly column: string;
  readonly leftFen?: number;
  readonly rightFen?: number;
  /** right − left. */
  readonly changeFen?: number;
  /** Change in hundredths of a percent of left (e.g. 11613 = 116.13%); absent when left is 0 or missing. */
  readonly changeHundredths?: number;
}

export interface ComparisonSide {
  readonly documentId: number;
  readonly department: string;
  readonly year?: number;
  readonly revenueTotalFen?: number;
  readonly expenditureTotalFen?: number;
}

export interface Comparison {
  readonly left: ComparisonSide;
  readonly right: ComparisonSide;
  readonly rows: readonly ComparisonRow[];
  /** Projects matched by name across the two sides. */
  readonly projects: readonly { readonly name: string; readonly leftFen?: number; readonly rightFen?: number }[];
}

