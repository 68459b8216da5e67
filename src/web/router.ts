/**
 * Hash routing without a router package: `#/path?query`. Pure parse/format functions plus one
 * hook that re-renders on `hashchange`.
 */
import { useEffect, useState } from 'react';

export type Route =
  | { readonly page: 'home' }
  | { readonly page: 'department-year'; readonly departmentId: number; readonly year: number; readonly focus?: string }
  | { readonly page: 'document'; readonly documentId: number; readonly focus?: string }
  | { readonly page: 'compare'; readonly left?: number; readonly right?: number; readonly table?: number }
  | { readonly page: 'search'; readonly query: Readonly<Record<string, string>> }
  | { readonly page: 'upload' }
  | { readonly page: 'drafts' }
  | { readonly page: 'draft'; readonly draftId: number }
  | { readonly page: 'login' }
  | { readonly page: 'worklist' }
  | { readonly page: 'users' }
  | { readonly page: 'user-audit'; readonly userId: number }
  | { readonly page: 'not-found'; readonly path: string };

const positiveInt = (s: string | null | undefined): number | undefined =>
  s !== null && s !== undefined && /^\d+$/.test(s) ? Number(s) : undefined;

const withFocus = (q: URLSearchParams): { focus?: string } => {
  const f = q.get('focus');
  return f ? { focus: f } : {};
};

export const parseRoute = (hash: string): Route => {
  const h = hash.replace(/^#/, '');
  const qi = h.indexOf('?');
  const path = (qi >= 0 ? h.slice(0, qi) : h).replace(/\/+$/, '') || '/';
  const q = new URLSearchParams(qi >= 0 ? h.slice(qi + 1) : '');
  const seg = path.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));

  if (seg.length === 0) return { page: 'home' };
  if (seg[0] === 'department' && seg[2] === 'year' && seg.length === 4) {
    const departmentId = positiveInt(seg[1]);
    const year = positiveInt(seg[3]);
    if (departmentId !== undefined && year !== undefined) return { page: 'department-year', departmentId, year, ...withFocus(q) };
  }
  if (seg[0] === 'document' && seg.length === 2) {
    const documentId = positiveInt(seg[1]);
    if (documentId !== undefined) return { page: 'document', documentId, ...withFocus(q) };
  }
  if (seg[0] === 'compare' && seg.length === 1) {
    const left = positiveInt(q.get('left'));
    const right = positiveInt(q.get('right'));
    const table = positiveInt(q.get('table'));
    return {
      page: 'compare',
      ...(left !== undefined ? { left } : {}),
      ...(right !== undefined ? { right } : {}),
      ...(table !== undefined ? { table } : {}),
    };
  }
  if (seg[0] === 'search' && seg.length === 1) return { page: 'search', query: Object.fromEntries(q.entries()) };
  if (seg[0] === 'upload' && seg.length === 1) return { page: 'upload' };
  if (seg[0] === 'drafts' && seg.length === 1) return { page: 'drafts' };
  if (seg[0] === 'draft' && seg.length === 2 && positiveInt(seg[1]) !== undefined) return { page: 'draft', draftId: positiveInt(seg[1])! };
  if (seg[0] === 'login' && seg.length === 1) return { page: 'login' };
  if (seg[0] === 'worklist' && seg.length === 1) return { page: 'worklist' };
  if (seg[0] === 'users' && seg.length === 1) return { page: 'users' };
  if (seg[0] === 'users' && seg[2] === 'audit' && seg.length === 3) {
    const userId = positiveInt(seg[1]);
    if (userId !== undefined) return { page: 'user-audit', userId };
  }
  return { page: 'not-found', path };
};

const withQuery = (path: string, params: Readonly<Record<string, string | number | undefined>>): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s === '' ? `#${path}` : `#${path}?${s}`;
};

/** Links, as `href` values. */
export const href = {
  home: (): string => '#/',
  departmentYear: (departmentId: number, year: number, focus?: string): string =>
    withQuery(`/department/${departmentId}/year/${year}`, { focus }),
  document: (documentId: number, focus?: string): string => withQuery(`/document/${documentId}`, { focus }),
  compare: (left?: number, right?: number, table?: number): string => withQuery('/compare', { left, right, table }),
  search: (params: Readonly<Record<string, string | number | undefined>> = {}): string => withQuery('/search', params),
  upload: (): string => '#/upload',
  drafts: (): string => '#/drafts',
  draft: (draftId: number): string => `#/draft/${draftId}`,
  login: (): string => '#/login',
  worklist: (): string => '#/worklist',
  users: (): string => '#/users',
  userAudit: (userId: number): string => `#/users/${userId}/audit`,
};

export const useRoute = (): Route => {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = (): void => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
};

export const navigate = (to: string): void => {
  window.location.hash = to.replace(/^#/, '');
};
