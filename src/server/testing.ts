/**
 * Test helpers for the server's accounts: create a user straight in the store (cheap bcrypt cost)
 * and sign in through the real login route, returning the headers a signed-in client sends.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { DepartmentScope } from '#domain/access.ts';
import type { Role } from '#domain/workflow.ts';
import { AccountStore } from '#store/accounts.ts';
import type { UserView } from '#store/accounts.ts';
import { SYSTEM_ACTOR } from '#store/audit.ts';
import type { BudgetStore } from '#store/store.ts';

export const TEST_PASSWORD = 'correct-horse-battery-staple';

/** The session cookie and CSRF header of a signed-in client. */
export interface SignedIn {
  readonly user: UserView;
  readonly headers: { readonly cookie: string; readonly 'x-csrf-token': string };
}

let counter = 0;

export const createTestUser = async (store: BudgetStore, role: Role, departments: DepartmentScope = role === 'editor' ? [] : 'all', name?: string): Promise<UserView> =>
  new AccountStore(store.db, { bcryptCost: 4 }).createUser(
    { name: name ?? `${role}-${process.pid}-${counter++}`, role, departments, password: TEST_PASSWORD },
    SYSTEM_ACTOR,
  );

/** Log in by the API; the session cookie comes back as Set-Cookie. */
export const logIn = async (app: FastifyInstance, name: string, password = TEST_PASSWORD): Promise<LightMyRequestResponse> =>
  app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ name, password }) });

export const sessionCookieOf = (res: LightMyRequestResponse): string => {
  const set = res.headers['set-cookie'];
  const line = (Array.isArray(set) ? set[0] : set) ?? '';
  return line.split(';')[0] ?? '';
};

export const signInAs = async (app: FastifyInstance, store: BudgetStore, role: Role, departments?: DepartmentScope, name?: string): Promise<SignedIn> => {
  const user = await createTestUser(store, role, departments, name);
  const res = await logIn(app, user.name);
  if (res.statusCode !== 200) throw new Error(`test login failed: ${res.statusCode} ${res.body}`);
  return { user, headers: { cookie: sessionCookieOf(res), 'x-csrf-token': res.json<{ csrfToken: string }>().csrfToken } };
};

/** Inject with a signed-in client's headers. */
export const injectAs = (app: FastifyInstance, who: SignedIn | undefined) => {
  const inject = app.inject.bind(app) as (o: InjectOptions) => Promise<LightMyRequestResponse>;
  return (options: InjectOptions | string): Promise<LightMyRequestResponse> => {
    const o: InjectOptions = typeof options === 'string' ? { url: options } : options;
    return inject({ ...o, headers: { ...(who?.headers ?? {}), ...(o.headers ?? {}) } });
  };
};

/**
 * For tests about something else (reading, checking, bad input): every `app.inject` from now on
 * is an admin's. Returns the admin.
 */
export const signInEveryRequest = async (app: FastifyInstance, store: BudgetStore): Promise<SignedIn> => {
  const admin = await signInAs(app, store, 'admin');
  const as = injectAs(app, admin);
  (app as unknown as { inject: typeof as }).inject = as;
  return admin;
};
