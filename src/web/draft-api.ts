/** The web client of the draft routes (src/server/drafts-routes.ts). */
import type { BudgetDraft } from '#authoring/draft.ts';
import type { DraftDetail as StoredDraftDetail, DraftSummary, DraftVersionSummary } from '#store/drafts.ts';
import { jsonRequest as request } from './json-request.ts';

export type { DraftSummary, DraftVersionSummary };

/** A draft as the server answers it: with the review state of its latest submission, when submitted. */
export type DraftDetail = StoredDraftDetail & { readonly review?: { readonly documentId: number; readonly status: string } };

export const listDrafts = (signal?: AbortSignal): Promise<DraftSummary[]> => request('GET', '/drafts', undefined, signal);
export const getDraft = (id: number, signal?: AbortSignal): Promise<DraftDetail> => request('GET', `/drafts/${id}`, undefined, signal);
export const createDraft = (
  body:
    | { from: 'document'; documentId: number; mode: 'next-year' | 'same-year' }
    | { from: 'text'; text: string }
    | { from: 'empty'; level: 'department' | 'unit'; year: number; district: string; department: string },
): Promise<DraftDetail> => request('POST', '/drafts', body);
export const saveDraft = (id: number, draft: BudgetDraft, baseVersion: number, note?: string): Promise<DraftDetail> =>
  request('PUT', `/drafts/${id}`, { baseVersion, draft, ...(note ? { note } : {}) });
export const listDraftVersions = (id: number, signal?: AbortSignal): Promise<DraftVersionSummary[]> => request('GET', `/drafts/${id}/versions`, undefined, signal);
export const getDraftVersion = (id: number, version: number): Promise<{ version: number; draft: BudgetDraft }> => request('GET', `/drafts/${id}/versions/${version}`);
export const submitDraft = (id: number, baseVersion: number): Promise<DraftDetail> => request('POST', `/drafts/${id}/submit`, { baseVersion });
