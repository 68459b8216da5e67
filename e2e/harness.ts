/**
 * The browser-test harness: the real server (buildServer over a fresh temporary SQLite store)
 * listening on a free port, serving the built web app, and a headless Debian Chromium.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { buildServer } from '#server/app.ts';
import { createTestUser, TEST_PASSWORD } from '#server/testing.ts';
import type { DepartmentScope } from '#domain/access.ts';
import type { Role } from '#domain/workflow.ts';
import type { UserView } from '#store/accounts.ts';
import { openStore } from '#store/store.ts';
import type { BudgetStore } from '#store/store.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
export const SCREENSHOT_DIR = join(root, 'test-results', 'e2e');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export interface Harness {
  readonly baseUrl: string;
  readonly browser: Browser;
  readonly page: Page;
  /** Errors the page logged or threw (a test asserts there are none). */
  readonly pageErrors: string[];
  readonly store: BudgetStore;
  /** A user in the store (password TEST_PASSWORD). */
  createUser(role: Role, departments?: DepartmentScope, name?: string): Promise<UserView>;
  /** Sign the page's browser context in as this user (through the login route), or out. */
  signIn(name: string): Promise<void>;
  signOut(): Promise<void>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * `signedIn` (default true): the page starts signed in as an admin (uploads need an account;
 * an admin sees every draft), so scenarios about something else need no login steps.
 */
export const startHarness = async (options: { readonly signedIn?: boolean } = {}): Promise<Harness> => {
  const dir = mkdtempSync(join(tmpdir(), 'yusuan-e2e-'));
  const store = await openStore({ sqlitePath: join(dir, 'e2e.sqlite'), log: () => {} });
  const app = await buildServer({ store, webRoot: join(root, 'dist', 'web'), bcryptCost: 4 });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) pageErrors.push(m.text());
  });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const baseUrl = `http://127.0.0.1:${port}/`;
  const signIn = async (name: string): Promise<void> => {
    await page.context().clearCookies();
    const res = await page.request.post(`${baseUrl}api/auth/login`, { data: { name, password: TEST_PASSWORD } });
    if (!res.ok()) throw new Error(`e2e login failed: ${res.status()} ${await res.text()}`);
    // The app reads who is signed in when it loads: the next page load is a fresh one.
    await page.goto('about:blank');
  };
  if (options.signedIn !== false) {
    const admin = await createTestUser(store, 'admin', 'all', 'e2e-admin');
    await signIn(admin.name);
  }
  return {
    baseUrl,
    browser,
    page,
    pageErrors,
    store,
    createUser: (role, departments, name) => createTestUser(store, role, departments, name),
    signIn,
    async signOut() {
      await page.context().clearCookies();
      await page.goto('about:blank');
    },
    async screenshot(name) {
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    async close() {
      await browser.close().catch(() => {});
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
