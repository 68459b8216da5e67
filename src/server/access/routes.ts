/**
 * The access table: every API route and the permission it needs. The server refuses to start
 * with an /api route missing from this table (see install.ts), and the authorization-matrix test
 * is generated from it, so a new route cannot be added without deciding who may call it.
 *
 * Permissions (role level, checked before the handler runs):
 *   public     anyone; what is read is filtered by department scope (published, or within scope)
 *   login      anyone; the one state-changing route without a session (JSON only, same origin)
 *   signed-in  any signed-in user; the handler checks the document's department
 *   upload     editors and admins; the handler checks the uploaded document's department
 *   review     any signed-in user; the workflow (src/domain/workflow.ts) decides by role and
 *              state, the handler by department
 *   admin      admins only
 *
 * A new route or entity (e.g. the drafts of the authoring issue) plugs in by adding its rows here,
 * checking its department with `requireDocumentAccess`-style helpers in its handler, and appending
 * audit entries with `appendAudit` (src/store/audit.ts).
 */
export type Permission = 'public' | 'login' | 'signed-in' | 'upload' | 'review' | 'admin';

export interface RouteRule {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  readonly url: string;
  readonly permission: Permission;
  /** What scope the handler enforces, for the docs: 'document' (its department), 'upload', or none. */
  readonly scope?: 'document' | 'upload' | 'self';
}

export const ROUTE_TABLE: readonly RouteRule[] = [
  { method: 'GET', url: '/api/health', permission: 'public' },
  { method: 'GET', url: '/api/openapi.json', permission: 'public' },
  { method: 'GET', url: '/api/departments', permission: 'public' },
  { method: 'GET', url: '/api/departments/:departmentId/years/:year', permission: 'public' },
  { method: 'GET', url: '/api/documents/:documentId', permission: 'public', scope: 'document' },
  { method: 'GET', url: '/api/documents/:documentId/versions', permission: 'public', scope: 'document' },
  { method: 'POST', url: '/api/documents', permission: 'upload', scope: 'upload' },
  { method: 'GET', url: '/api/documents/:documentId/source', permission: 'public', scope: 'document' },
  { method: 'GET', url: '/api/documents/:documentId/export.csv', permission: 'public', scope: 'document' },
  { method: 'GET', url: '/api/documents/:documentId/export.json', permission: 'public', scope: 'document' },
  { method: 'GET', url: '/api/compare', permission: 'public', scope: 'document' },
  { method: 'GET', url: '/api/search', permission: 'public' },
  { method: 'GET', url: '/api/rules', permission: 'public' },
  // Publishing (the official document and open data): stable URLs and open data show published documents only
  { method: 'GET', url: '/api/documents/:documentId/export.html', permission: 'public', scope: 'document' },
  { method: 'GET', url: '/api/documents/:documentId/export.pdf', permission: 'public', scope: 'document' },
  { method: 'GET', url: '/api/documents/:documentId/export.xlsx', permission: 'public', scope: 'document' },
  { method: 'GET', url: '/api/departments/:departmentId/years/:year/published.html', permission: 'public' },
  { method: 'GET', url: '/api/departments/:departmentId/years/:year/published.pdf', permission: 'public' },
  { method: 'GET', url: '/api/departments/:departmentId/years/:year/published.xlsx', permission: 'public' },
  { method: 'GET', url: '/api/documents/:documentId/datapackage.json', permission: 'public', scope: 'document' },
  { method: 'GET', url: '/api/documents/:documentId/budget-figures.csv', permission: 'public', scope: 'document' },
  { method: 'GET', url: '/api/datapackage.json', permission: 'public' },
  { method: 'GET', url: '/api/budget-figures.csv', permission: 'public' },
  // Drafts authored in the browser (src/server/drafts-routes.ts): read within the department's
  // scope, written by its editors (and admins); submitting sends the derived document to review.
  { method: 'GET', url: '/api/drafts', permission: 'signed-in' },
  { method: 'POST', url: '/api/drafts', permission: 'upload', scope: 'upload' },
  { method: 'GET', url: '/api/drafts/:draftId', permission: 'signed-in', scope: 'document' },
  { method: 'PUT', url: '/api/drafts/:draftId', permission: 'upload', scope: 'upload' },
  { method: 'GET', url: '/api/drafts/:draftId/versions', permission: 'signed-in', scope: 'document' },
  { method: 'GET', url: '/api/drafts/:draftId/versions/:version', permission: 'signed-in', scope: 'document' },
  { method: 'GET', url: '/api/drafts/:draftId/export.html', permission: 'signed-in', scope: 'document' },
  { method: 'GET', url: '/api/drafts/:draftId/export.xlsx', permission: 'signed-in', scope: 'document' },
  { method: 'POST', url: '/api/drafts/:draftId/submit', permission: 'upload', scope: 'upload' },
  // Accounts and sessions
  { method: 'POST', url: '/api/auth/login', permission: 'login' },
  { method: 'POST', url: '/api/auth/logout', permission: 'signed-in' },
  { method: 'GET', url: '/api/auth/me', permission: 'public' },
  { method: 'GET', url: '/api/users', permission: 'admin' },
  { method: 'POST', url: '/api/users', permission: 'admin' },
  { method: 'PATCH', url: '/api/users/:userId', permission: 'admin' },
  { method: 'GET', url: '/api/users/:userId/audit', permission: 'admin' },
  // Review workflow and audit trail
  { method: 'GET', url: '/api/worklist', permission: 'signed-in' },
  { method: 'GET', url: '/api/documents/:documentId/workflow', permission: 'signed-in', scope: 'document' },
  { method: 'POST', url: '/api/documents/:documentId/transitions', permission: 'review', scope: 'document' },
  { method: 'POST', url: '/api/documents/:documentId/comments', permission: 'review', scope: 'document' },
  { method: 'GET', url: '/api/documents/:documentId/audit', permission: 'signed-in', scope: 'document' },
];

export const routeKey = (method: string, url: string): string => `${method === 'HEAD' ? 'GET' : method} ${url}`;

const BY_KEY = new Map(ROUTE_TABLE.map((r) => [routeKey(r.method, r.url), r]));

export const ruleFor = (method: string, url: string): RouteRule | undefined => BY_KEY.get(routeKey(method, url));
