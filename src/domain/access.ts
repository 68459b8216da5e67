/**
 * Who may see and change which department's documents. Pure: a principal (the signed-in user, or
 * nobody) and a department in, a yes or no out. The server's route table (src/server/access)
 * names which of these checks each route needs.
 */
import type { DocumentStatus, Role } from './workflow.ts';

/** Departments a user works on: every one, or a list of department ids. */
export type DepartmentScope = 'all' | readonly number[];

export interface Principal {
  readonly userId: number;
  readonly name: string;
  readonly role: Role;
  readonly departments: DepartmentScope;
}

/** Is the department in the principal's scope? An admin's scope is always all. */
export const inScope = (p: Principal | undefined, departmentId: number): boolean => {
  if (p === undefined) return false;
  if (p.role === 'admin' || p.departments === 'all') return true;
  return p.departments.includes(departmentId);
};

/** Anyone may read a published document; an unpublished one only within scope. */
export const canReadDocument = (p: Principal | undefined, doc: { readonly departmentId: number; readonly status: DocumentStatus }): boolean =>
  doc.status === 'published' || inScope(p, doc.departmentId);

/** Upload (a new draft, or a new version) for a department: its editors, and admins. */
export const canUploadFor = (p: Principal | undefined, departmentId: number | undefined): boolean => {
  if (p === undefined) return false;
  if (p.role === 'admin') return true;
  return p.role === 'editor' && departmentId !== undefined && inScope(p, departmentId);
};

/**
 * What a reader sees of unpublished documents, as the store filters them: the departments whose
 * drafts are visible ('all' for admins and all-department reviewers, [] for the public).
 */
export const draftVisibility = (p: Principal | undefined): DepartmentScope => {
  if (p === undefined) return [];
  if (p.role === 'admin') return 'all';
  return p.departments;
};
