/**
 * What the store answers. The server hands these shapes on unchanged, so the API contract
 * (src/server/api-contract.ts) re-exports them from here rather than declaring them again.
 */
import type { BudgetDisclosure, Diagnostic, Finding, PerformanceDeclaration } from '#domain/index.ts';

export type StoredKind = 'budget-disclosure' | 'performance-declaration';

export interface FindingCounts {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
}

export interface DocumentVersion {
  readonly documentId: number;
  readonly version: number;
  readonly sha256: string;
  readonly importedAt: string;
  readonly sourceName?: string;
}

export interface DepartmentYear {
  readonly year: number;
  readonly documentId: number;
  readonly kind: StoredKind;
  readonly version: number;
  readonly revenueTotalFen?: number;
  readonly expenditureTotalFen?: number;
  readonly basicFen?: number;
  readonly projectFen?: number;
  readonly projectCount: number;
  readonly findings: FindingCounts;
  /** Review workflow state (issue 13). */
  readonly status?: string;
}

export interface DepartmentSummary {
  readonly departmentId: number;
  readonly name: string;
  readonly district?: string;
  readonly years: readonly DepartmentYear[];
}

export interface DocumentDetail {
  readonly documentId: number;
  readonly departmentId: number;
  readonly department: string;
  readonly district?: string;
  readonly year?: number;
  readonly kind: StoredKind;
  readonly version: number;
  readonly sha256: string;
  readonly importedAt: string;
  readonly sourceName?: string;
  readonly model: BudgetDisclosure | PerformanceDeclaration;
  /** The file the document was read from, when stored (a PDF): GET /api/documents/:id/source. */
  readonly source?: { readonly mediaType: string; readonly byteLength: number };
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
  readonly otherYears: readonly { readonly year: number; readonly documentId: number }[];
  /** Review workflow state (issue 13): published documents are public, the others within scope only. */
  readonly status?: string;
}

/** A stored document's identity, as an upload answers it. */
export interface StoredDocumentRef extends DocumentVersion {
  readonly departmentId: number;
  readonly department: string;
  readonly year?: number;
  readonly kind: StoredKind;
}

/**
 * created: a first version; new-version: a changed text for a department-year already stored;
 * unchanged: the same text was already stored; rejected: not a recognised document, nothing written.
 */
export type ImportStatus = 'created' | 'new-version' | 'unchanged' | 'rejected';

export interface ImportOutcome {
  readonly status: ImportStatus;
  readonly created: boolean;
  readonly document?: StoredDocumentRef;
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
}

export interface SearchQuery {
  /** Substring to find (Chinese works); empty lists everything the filters allow. */
  readonly q: string;
  readonly departmentId?: number;
  readonly year?: number;
  readonly minFen?: number;
  readonly maxFen?: number;
  /** Projects, indicators, or both (projects first). */
  readonly kind?: 'project' | 'indicator';
  readonly limit: number;
  readonly offset: number;
  /** Whose unpublished documents may match (default 'all'; the public: []). */
  readonly visibility?: 'all' | readonly number[];
}

export interface SearchHit {
  readonly kind: 'project' | 'indicator';
  readonly documentId: number;
  readonly departmentId: number;
  readonly department: string;
  readonly year?: number;
  readonly project: string;
  readonly amountFen?: number;
  readonly snippet: string;
}

export interface SearchResult {
  /** Matches, counted up to the store's cap. */
  readonly total: number;
  /** More matches exist than `total` counts: narrow the search. */
  readonly totalCapped?: boolean;
  readonly items: readonly SearchHit[];
}
