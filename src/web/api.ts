/**
 * The one typed client of the JSON API (src/server/api-contract.ts). Every request of the web
 * app goes through here; response types come from the contract, so a server change that breaks
 * the client breaks the typecheck. Money stays integer 分 (`…Fen` fields) all the way to display.
 */
import type {
  ApiError,
  Comparison,
  DepartmentSummary,
  DocumentDetail,
  DocumentVersion,
  SearchResult,
  UploadResult,
} from '#server/api-contract.ts';
import type { Diagnostic } from '#domain/index.ts';
import { csrfToken } from './csrf.ts';

export type {
  ApiError,
  Comparison,
  ComparisonRow,
  DepartmentSummary,
  DepartmentYear,
  DocumentDetail,
  DocumentVersion,
  FindingCounts,
  SearchHit,
  SearchResult,
  UploadResult,
} from '#server/api-contract.ts';
export type { Fen } from '#domain/index.ts';

const API_BASE = '/api';

/** A failed request, carrying the server's Chinese message when it sent one. */
export class ApiRequestError extends Error {
  constructor(
    message: string,
    readonly statusCode: number,
    readonly code?: string,
    /** The server's `details` (e.g. the reader's diagnostics for a rejected upload). */
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }
}

/** Diagnostics the server attached to an error (a rejected upload says why), if any. */
export const errorDiagnostics = (e: unknown): Diagnostic[] => {
  if (!(e instanceof ApiRequestError) || typeof e.details !== 'object' || e.details === null) return [];
  const ds = (e.details as { diagnostics?: unknown }).diagnostics;
  return Array.isArray(ds) ? ds.filter((d): d is Diagnostic => typeof d === 'object' && d !== null && typeof (d as Diagnostic).message === 'string') : [];
};

const isApiError = (x: unknown): x is ApiError =>
  typeof x === 'object' && x !== null && typeof (x as { message?: unknown }).message === 'string';

const errorFromBody = (status: number, body: unknown): ApiRequestError =>
  isApiError(body)
    ? new ApiRequestError(body.message, status, body.error, body.details)
    : new ApiRequestError(`请求失败（HTTP ${status}）`, status);

const parseJsonText = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

const getJson = async <T>(path: string, signal?: AbortSignal): Promise<T> => {
  let res: Response;
  try {
    res = await fetch(`${API_BASE}${path}`, { headers: { accept: 'application/json' }, ...(signal ? { signal } : {}) });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiRequestError('无法连接服务器，请稍后重试', 0);
  }
  const body = parseJsonText(await res.text());
  if (!res.ok) throw errorFromBody(res.status, body);
  return body as T;
};

/** Query string from defined values only (exactOptionalPropertyTypes-friendly). */
export const queryString = (params: Readonly<Record<string, string | number | undefined>>): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s === '' ? '' : `?${s}`;
};

export const listDepartments = (signal?: AbortSignal): Promise<DepartmentSummary[]> =>
  getJson<DepartmentSummary[]>('/departments', signal);

export const getDepartmentYear = (departmentId: number, year: number, signal?: AbortSignal): Promise<DocumentDetail> =>
  getJson<DocumentDetail>(`/departments/${departmentId}/years/${year}`, signal);

export const getDocument = (documentId: number, signal?: AbortSignal): Promise<DocumentDetail> =>
  getJson<DocumentDetail>(`/documents/${documentId}`, signal);

export const getDocumentVersions = (documentId: number, signal?: AbortSignal): Promise<DocumentVersion[]> =>
  getJson<DocumentVersion[]>(`/documents/${documentId}/versions`, signal);

export const compareDocuments = (left: number, right: number, signal?: AbortSignal): Promise<Comparison> =>
  getJson<Comparison>(`/compare${queryString({ left, right })}`, signal);

export interface SearchParams {
  readonly q: string;
  readonly departmentId?: number;
  readonly year?: number;
  readonly minFen?: number;
  readonly maxFen?: number;
  readonly kind?: 'project' | 'indicator';
  readonly limit?: number;
  readonly offset?: number;
}

export const searchProjects = (p: SearchParams, signal?: AbortSignal): Promise<SearchResult> =>
  getJson<SearchResult>(
    `/search${queryString({
      q: p.q,
      departmentId: p.departmentId,
      year: p.year,
      minFen: p.minFen,
      maxFen: p.maxFen,
      kind: p.kind,
      limit: p.limit,
      offset: p.offset,
    })}`,
    signal,
  );

/** The document's stored PDF (documents read from a PDF only). */
export const sourceUrl = (documentId: number): string => `${API_BASE}/documents/${documentId}/source`;

export const exportUrl = (documentId: number, what: 'cells' | 'projects' | 'indicators' | 'json'): string =>
  what === 'json' ? `${API_BASE}/documents/${documentId}/export.json` : `${API_BASE}/documents/${documentId}/export.csv?what=${what}`;

export interface UploadProgress {
  readonly loaded: number;
  readonly total?: number;
}

/**
 * Upload a document as multipart field `file`. XMLHttpRequest rather than fetch because only it
 * reports upload progress.
 */
export const uploadDocument = (
  file: File,
  onProgress: (p: UploadProgress) => void,
): { readonly done: Promise<UploadResult>; readonly abort: () => void } => {
  const xhr = new XMLHttpRequest();
  const done = new Promise<UploadResult>((resolve, reject) => {
    xhr.open('POST', `${API_BASE}/documents${queryString({ name: file.name })}`);
    xhr.setRequestHeader('accept', 'application/json');
    const token = csrfToken();
    if (token !== undefined) xhr.setRequestHeader('x-csrf-token', token);
    xhr.upload.onprogress = (e) => onProgress(e.lengthComputable ? { loaded: e.loaded, total: e.total } : { loaded: e.loaded });
    xhr.onload = () => {
      const body = parseJsonText(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as UploadResult);
      else reject(errorFromBody(xhr.status, body));
    };
    xhr.onerror = () => reject(new ApiRequestError('上传失败：无法连接服务器', 0));
    xhr.onabort = () => reject(new ApiRequestError('上传已取消', 0, 'aborted'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
};
