/**
 * Security of accounts and sessions: CSRF, session fixation, the login rate limit, passwords never
 * logged or answered, and hostile text (SQL-like, HTML) stored and answered exactly, inertly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '#store/store.ts';
import type { BudgetStore } from '#store/store.ts';
import { parseTestDocument, testDocumentText } from '#store/testing.ts';
import type { UploadResult } from '../api-contract.ts';
import { buildServer } from '../app.ts';
import { createTestUser, injectAs, logIn, sessionCookieOf, signInAs, TEST_PASSWORD } from '../testing.ts';
import { LoginThrottle } from './throttle.ts';

const budget = (department: string, year: number, revision = '') =>
  testDocumentText({ kind: 'budget-disclosure', department, year, revision, rows: [{ table: 1, name: '收入总计', total: true, side: 'revenue', cells: { 预算数: 100_00 } }] });

describe('account security', () => {
  let dir: string;
  let store: BudgetStore;
  let app: FastifyInstance;
  let log: string;
  let departmentId: number;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yusuan-security-'));
    store = await openStore({ sqlitePath: join(dir, 's.sqlite'), parse: parseTestDocument, log: () => undefined });
    log = '';
    process.env['YUSUAN_LOG_LEVEL'] = 'trace';
    app = await buildServer({ store, webRoot: join(dir, 'no-web'), bcryptCost: 4, logger: true, logStream: { write: (line: string) => void (log += line) }, loginThrottle: new LoginThrottle({ maxFailures: 5 }) });
    delete process.env['YUSUAN_LOG_LEVEL'];
    departmentId = (await store.importDocument(budget('部门甲', 2024))).document!.departmentId;
  });
  afterEach(async () => {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a state-changing request without the session’s CSRF token, or with another’s', async () => {
    const editor = await signInAs(app, store, 'editor', [departmentId]);
    const other = await signInAs(app, store, 'editor', [departmentId]);
    const upload = (headers: Record<string, string>) => app.inject({ method: 'POST', url: '/api/documents', headers: { 'content-type': 'text/plain', ...headers }, payload: budget('部门甲', 2025) });
    const none = await upload({ cookie: editor.headers.cookie });
    expect(none.statusCode).toBe(403);
    expect(none.json()).toMatchObject({ error: 'csrf' });
    expect((await upload({ cookie: editor.headers.cookie, 'x-csrf-token': other.headers['x-csrf-token'] })).statusCode).toBe(403);
    expect((await upload({ cookie: editor.headers.cookie, 'x-csrf-token': 'x' })).statusCode).toBe(403);
    // Nothing was stored by the refused requests.
    expect((await store.listDepartments())[0]?.years.map((y) => y.year)).toEqual([2024]);
    expect((await upload({ ...editor.headers })).statusCode).toBe(201);
    // Logging in is the one write without a session: JSON only (a cross-site form cannot send it).
    const form = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: `name=${editor.user.name}&password=${TEST_PASSWORD}` });
    expect(form.statusCode).toBe(415);
    // And a cross-site origin is refused before anything else.
    const crossSite = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json', origin: 'https://evil.example', host: 'localhost' }, payload: JSON.stringify({ name: editor.user.name, password: TEST_PASSWORD }) });
    expect(crossSite.statusCode).toBe(403);
  });

  it('never adopts a session id the client brings: login issues a new one, and the old one is dead', async () => {
    const user = await createTestUser(store, 'reviewer', 'all');
    const planted = 'yusuan_session=attacker-chosen-value';
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json', cookie: planted }, payload: JSON.stringify({ name: user.name, password: TEST_PASSWORD }) });
    expect(res.statusCode).toBe(200);
    const issued = sessionCookieOf(res);
    expect(issued).toMatch(/^yusuan_session=[\w-]{40,}$/);
    expect(issued).not.toBe(planted);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie: planted } })).json()).toEqual({ user: null });
    // Logging in again from a signed-in client ends the first session.
    const again = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json', cookie: issued }, payload: JSON.stringify({ name: user.name, password: TEST_PASSWORD }) });
    expect(sessionCookieOf(again)).not.toBe(issued);
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie: issued } })).json()).toEqual({ user: null });
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie: sessionCookieOf(again) } })).json<{ user: { name: string } }>().user.name).toBe(user.name);
    // Logout ends the session on the server, not only in the browser.
    const session = sessionCookieOf(again);
    const csrf = (await app.inject({ url: '/api/auth/me', headers: { cookie: session } })).json<{ csrfToken: string }>().csrfToken;
    expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: session, 'x-csrf-token': csrf } })).statusCode).toBe(200);
    expect((await app.inject({ url: '/api/auth/me', headers: { cookie: session } })).json()).toEqual({ user: null });
  });

  it('rate-limits failed logins per user name (429), even with the right password, other names unaffected', async () => {
    const user = await createTestUser(store, 'reviewer', 'all');
    const bystander = await createTestUser(store, 'reviewer', 'all');
    for (let i = 0; i < 5; i++) expect((await logIn(app, user.name, `wrong-password-${i}`)).statusCode).toBe(401);
    const blocked = await logIn(app, user.name);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json<{ message: string }>().message).toMatch(/登录失败次数过多/);
    expect((await logIn(app, bystander.name)).statusCode).toBe(200);
    // An unknown name answers exactly like a wrong password.
    const unknown = await logIn(app, 'nobody-here', 'whatever-password');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual((await logIn(app, bystander.name, 'wrong-password-x')).json());
  });

  it('never logs or answers a password (nor its hash)', async () => {
    const admin = await signInAs(app, store, 'admin');
    const as = injectAs(app, admin);
    const secrets = ['first-Secret-Pw-1', 'second-Secret-Pw-2', 'wrong-Secret-Pw-3', 'x'.repeat(80)];
    const bodies: string[] = [];
    const created = await as({ method: 'POST', url: '/api/users', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'ed1', role: 'reviewer', departments: 'all', password: secrets[0] }) });
    expect(created.statusCode).toBe(201);
    bodies.push(created.body);
    const userId = created.json<{ userId: number }>().userId;
    bodies.push((await as({ method: 'PATCH', url: `/api/users/${userId}`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ password: secrets[1] }) })).body);
    const tooLong = await as({ method: 'PATCH', url: `/api/users/${userId}`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ password: secrets[3] }) });
    expect(tooLong.statusCode).toBe(400);
    bodies.push(tooLong.body);
    bodies.push((await logIn(app, 'ed1', secrets[2])).body);
    const ok = await logIn(app, 'ed1', secrets[1]);
    expect(ok.statusCode).toBe(200);
    bodies.push(ok.body);
    bodies.push((await as('/api/users')).body, (await as(`/api/users/${userId}/audit`)).body, (await as('/api/auth/me')).body);
    const audit = (await as(`/api/users/${userId}/audit`)).json<{ action: string }[]>();
    expect(audit.map((e) => e.action)).toEqual(['user.create', 'user.update']);
    const hash = (await store.db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow()).password_hash;
    expect(log.length).toBeGreaterThan(0);
    for (const s of [...secrets, hash]) {
      expect(log, 'log').not.toContain(s);
      for (const b of bodies) expect(b).not.toContain(s);
    }
    expect(bodies.join('\n')).not.toMatch(/password_?hash|\$2[aby]\$/i);
  });

  it('keeps one enabled admin: the last one cannot be disabled or demoted', async () => {
    const admin = await signInAs(app, store, 'admin');
    const as = injectAs(app, admin);
    const patch = (body: unknown) => as({ method: 'PATCH', url: `/api/users/${admin.user.userId}`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    expect((await patch({ disabled: true })).statusCode).toBe(400);
    expect((await patch({ role: 'reviewer', departments: 'all' })).statusCode).toBe(400);
    const second = await createTestUser(store, 'admin');
    expect((await patch({ role: 'reviewer', departments: 'all' })).statusCode).toBe(200);
    // The change ended the demoted admin's sessions.
    expect((await app.inject({ url: '/api/auth/me', headers: admin.headers })).json()).toEqual({ user: null });
    expect(second.role).toBe('admin');
  });

  it('stores SQL-like and HTML text in every text field exactly, and answers it as JSON data', async () => {
    const nasty = `'); drop table users; -- <script>alert("x")</script><img src=x onerror=alert(1)> " OR 1=1 --`;
    const admin = await signInAs(app, store, 'admin');
    const as = injectAs(app, admin);
    const created = await as({ method: 'POST', url: '/api/users', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ name: 'x-user', displayName: nasty, role: 'editor', departments: [departmentId], password: TEST_PASSWORD }) });
    expect(created.json<{ displayName: string }>().displayName).toBe(nasty);
    // User names are a plain alphabet: hostile ones are refused, not stored.
    expect((await as({ method: 'POST', url: '/api/users', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ name: nasty, role: 'admin', password: TEST_PASSWORD }) })).statusCode).toBe(400);
    // A failed login with a hostile name is just a failed login.
    expect((await logIn(app, nasty, nasty)).statusCode).toBe(401);
    const upload = await as({ method: 'POST', url: `/api/documents?name=${encodeURIComponent(nasty)}`, headers: { 'content-type': 'text/plain' }, payload: budget('部门甲', 2025) });
    expect(upload.statusCode).toBe(201);
    const documentId = upload.json<UploadResult>().document.documentId;
    const revision = (await store.documentAccess(documentId))!.revision;
    const comment = await as({
      method: 'POST',
      url: `/api/documents/${documentId}/comments`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ anchor: { kind: 'cell', table: 1, row: nasty, column: nasty }, body: nasty, revision }),
    });
    expect(comment.statusCode).toBe(201);
    const line = await as({ method: 'POST', url: `/api/documents/${documentId}/comments`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ anchor: { kind: 'line', line: 2, quote: nasty }, body: nasty, revision: revision + 1 }) });
    expect(line.statusCode).toBe(201);
    const state = (await as(`/api/documents/${documentId}/workflow`)).json<{ comments: { body: string; anchor: Record<string, unknown> }[] }>();
    expect(state.comments.map((c) => c.body)).toEqual([nasty, nasty]);
    expect(state.comments[0]?.anchor).toEqual({ kind: 'cell', table: 1, row: nasty, column: nasty });
    expect(state.comments[1]?.anchor).toEqual({ kind: 'line', line: 2, quote: nasty });
    expect((await as(`/api/documents/${documentId}`)).json<{ sourceName: string }>().sourceName).toBe(nasty);
    const audit = await as(`/api/documents/${documentId}/audit`);
    expect(audit.headers['content-type']).toMatch(/^application\/json/);
    expect(audit.json<{ after: { body?: string } }[]>().filter((e) => e.after.body === nasty)).toHaveLength(2);
    // The tables are all still there.
    expect((await as('/api/users')).json<unknown[]>().length).toBe(2);
    // The audit trail is append-only in the database too.
    await expect(store.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(store.db.updateTable('audit_log').set({ actor_name: 'someone else' }).execute()).rejects.toThrow(/append-only/);
  });
});
