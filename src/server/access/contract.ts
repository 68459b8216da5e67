/** Response shapes of the accounts, workflow and audit routes (types only), for the web client. */
export type { UserView } from '#store/accounts.ts';
export type { AuditEntry } from '#store/audit.ts';
export type { ReviewComment, WorkflowState, WorklistItem } from '#store/review.ts';
export type { CommentAnchor, DocumentStatus, Role, WorkflowAction } from '#domain/workflow.ts';
export type { DepartmentScope } from '#domain/access.ts';

import type { UserView } from '#store/accounts.ts';

/** GET /api/auth/me; POST /api/auth/login answers `{ user, csrfToken }`. */
export interface SessionInfo {
  readonly user: UserView | null;
  readonly csrfToken?: string;
}
