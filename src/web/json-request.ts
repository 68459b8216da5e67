/**
 * JSON requests to the API for the pages that write (accounts, review, drafts): a write carries the
 * signed-in session's CSRF token; a refusal becomes an ApiRequestError with the server's Chinese
 * message.
 */
import { ApiRequestError } from './api.ts';
import { csrfToken } from './csrf.ts';

export type JsonMethod = 'GET' | 'POST' | 'PUT' | 'PATCH';

export const jsonRequest = async <T>(method: JsonMethod, path: string, body?: unknown, signal?: AbortSignal): Promise<T> => {
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
