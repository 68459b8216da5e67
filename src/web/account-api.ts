/**
 * The client of the accounts, review-workflow and audit routes. Writes carry the session's CSRF
 * token; the session cookie itself is HTTP-only (the page never sees it).
 */
import type { AuditEntry, CommentAnchor, SessionInfo, UserView, WorkflowAction, WorkflowState, WorklistItem, DepartmentScope, Role } from '#server/access/contract.ts';
import { jsonRequest as request } from './json-request.ts';

export type { AuditEntry, CommentAnchor, SessionInfo, UserView, WorkflowAction, WorkflowState, WorklistItem, DepartmentScope, Role };

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
