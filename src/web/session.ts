/**
 * Who is signed in, for every component: loaded once from /api/auth/me, changed by login and
 * logout. A tiny external store read with useSyncExternalStore.
 */
import { useSyncExternalStore } from 'react';
import type { UserView } from './account-api.ts';
import { getSession, login as apiLogin, logout as apiLogout } from './account-api.ts';
import { setCsrfToken } from './csrf.ts';

export interface SessionState {
  readonly loaded: boolean;
  readonly user: UserView | null;
}

let state: SessionState = { loaded: false, user: null };
const listeners = new Set<() => void>();
const set = (s: SessionState): void => {
  state = s;
  for (const l of listeners) l();
};

let loading: Promise<void> | undefined;
export const loadSession = (): Promise<void> => {
  loading ??= getSession().then(
    (s) => {
      setCsrfToken(s.csrfToken);
      set({ loaded: true, user: s.user });
    },
    () => set({ loaded: true, user: null }),
  );
  return loading;
};

export const signIn = async (name: string, password: string): Promise<UserView> => {
  const r = await apiLogin(name, password);
  setCsrfToken(r.csrfToken);
  set({ loaded: true, user: r.user });
  return r.user;
};

export const signOut = async (): Promise<void> => {
  try {
    await apiLogout();
  } finally {
    setCsrfToken(undefined);
    set({ loaded: true, user: null });
  }
};

export const useSession = (): SessionState => {
  void loadSession();
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
};
