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
import { openStore } from '#store/store.ts';

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
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export const startHarness = async (): Promise<Harness> => {
  const dir = mkdtempSync(join(tmpdir(), 'yusuan-e2e-'));
  const store = await openStore({ sqlitePath: join(dir, 'e2e.sqlite'), log: () => {} });
  const app = await buildServer({ store, webRoot: join(root, 'dist', 'web') });
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
  return {
    baseUrl: `http://127.0.0.1:${port}/`,
    browser,
    page,
    pageErrors,
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
