/**
 * The client of the accounts, review-workflow and audit routes. Writes carry the session's CSRF
 * token; the session cookie itself is HTTP-only (the page never sees it).
 */
import type { AuditEntry, CommentAnchor, SessionInfo, UserView, WorkflowAction, WorkflowState, WorklistItem, DepartmentScope, Role } from '#server/access/contract.ts';
import { ApiRequestError } from './api.ts';
import { csrfToken } from './csrf.ts';

export type { AuditEntry, CommentAnchor, SessionInfo, UserView, WorkflowAction, WorkflowState, WorklistItem, DepartmentScope, Role };

const request = async <T>(method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown, signal?: AbortSignal): Promise<T> => {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const t = csrfToken();
  if (method !== 'GET' && t !== undefined) headers['x-csrf-token'] = t;
  let res: Response;
  try {
    res = await fetch(`/api${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}), ...(signal ? { signal } : {}) });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiRequestError('无法连接服务器，请稍后重试', 0);
  }
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    parsed = undefined;
  }
  if (!res.ok) {
    const b = parsed as { message?: unknown; error?: unknown; details?: unknown } | undefined;
    throw new ApiRequestError(typeof b?.message === 'string' ? b.message : `请求失败（HTTP ${res.status}）`, res.status, typeof b?.error === 'string' ? b.error : undefined, b?.details);
  }
  return parsed as T;
};

export const getSession = (): Promise<SessionInfo> => request<SessionInfo>('GET', '/auth/me');
export const login = (name: string, password: string): Promise<{ user: UserView; csrfToken: string }> => request('POST', '/auth/login', { name, password });
export const logout = (): Promise<{ ok: boolean }> => request('POST', '/auth/logout');

export const listUsers = (signal?: AbortSignal): Promise<UserView[]> => request('GET', '/users', undefined, signal);
export const createUser = (u: { name: string; displayName?: string; role: Role; departments: DepartmentScope; password: string }): Promise<UserView> => request('POST', '/users', u);
export const updateUser = (userId: number, change: { disabled?: boolean; role?: Role; departments?: DepartmentScope; password?: string }): Promise<UserView> =>
  request('PATCH', `/users/${userId}`, change);
export const userAudit = (userId: number, signal?: AbortSignal): Promise<AuditEntry[]> => request('GET', `/users/${userId}/audit`, undefined, signal);

export const worklist = (signal?: AbortSignal): Promise<WorklistItem[]> => request('GET', '/worklist', undefined, signal);
export const getWorkflow = (documentId: number, signal?: AbortSignal): Promise<WorkflowState> => request('GET', `/documents/${documentId}/workflow`, undefined, signal);
export const transition = (documentId: number, action: WorkflowAction, revision: number): Promise<WorkflowState> => request('POST', `/documents/${documentId}/transitions`, { action, revision });
export const addComment = (documentId: number, anchor: CommentAnchor, body: string, revision: number): Promise<WorkflowState> =>
  request('POST', `/documents/${documentId}/comments`, { anchor, body, revision });
export const documentAudit = (documentId: number, signal?: AbortSignal): Promise<AuditEntry[]> => request('GET', `/documents/${documentId}/audit`, undefined, signal);
