/** The web client of the draft routes (src/server/drafts-routes.ts). */
import type { BudgetDraft } from '#authoring/draft.ts';
import type { DraftDetail, DraftSummary, DraftVersionSummary } from '#store/drafts.ts';
import { ApiRequestError } from './api.ts';

export type { DraftDetail, DraftSummary, DraftVersionSummary };

const request = async <T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> => {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ...(signal ? { signal } : {}),
    });
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
    const b = parsed as { message?: string; error?: string; details?: unknown } | undefined;
    throw new ApiRequestError(b?.message ?? `请求失败（HTTP ${res.status}）`, res.status, b?.error, b?.details);
  }
  return parsed as T;
};

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
