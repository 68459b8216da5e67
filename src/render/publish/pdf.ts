/**
 * PDF of the published HTML, printed by the Chromium the project already drives (playwright-core,
 * Debian's `/usr/bin/chromium` or `CHROMIUM_PATH`). The page CSS decides the paper: A4 portrait
 * for prose, A4 landscape for table pages, header rows repeated on every page.
 *
 * One browser is shared by every render (launched on first use, relaunched if it goes away); each
 * render gets its own page, at most `concurrency` at a time, and a time budget after which the page
 * is closed and the render fails. Chromium is a separate process, so printing never blocks the
 * server's event loop. A missing browser is a `PdfUnavailableError` with a Chinese message.
 */
import { existsSync } from 'node:fs';
import type { Browser, BrowserType } from 'playwright-core';

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';
export const DEFAULT_PDF_TIMEOUT_MS = 60_000;

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];

/** No browser to print with: the caller answers 503 (server) or exits with a clear message (CLI). */
export class PdfUnavailableError extends Error {
  constructor(detail: string) {
    super(`无法生成 PDF：未找到可用的 Chromium 浏览器（${detail}）。请安装 Chromium，或用环境变量 CHROMIUM_PATH 指明其路径；HTML、XLSX 与开放数据仍可下载。`);
    this.name = 'PdfUnavailableError';
  }
}

/** The render took longer than its budget. */
export class PdfTimeoutError extends Error {
  constructor(ms: number) {
    super(`生成 PDF 超时（超过 ${Math.round(ms / 1000)} 秒），请稍后重试。`);
    this.name = 'PdfTimeoutError';
  }
}

export interface PdfRendererOptions {
  /** Chromium executable (default: `CHROMIUM_PATH`, else /usr/bin/chromium). */
  readonly executablePath?: string;
  readonly timeoutMs?: number;
  /** Pages printing at once (default 2: the machine's cores). */
  readonly concurrency?: number;
}

export class PdfRenderer {
  private browser: Promise<Browser> | undefined;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly executablePath: string;
  private readonly timeoutMs: number;
  private readonly concurrency: number;

  constructor(opts: PdfRendererOptions = {}) {
    this.executablePath = opts.executablePath ?? process.env['CHROMIUM_PATH'] ?? DEFAULT_CHROMIUM_PATH;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_PDF_TIMEOUT_MS;
    this.concurrency = Math.max(1, opts.concurrency ?? 2);
  }

  /** Whether a browser executable is there (without launching it). */
  available(): boolean {
    return existsSync(this.executablePath);
  }

  private launch(): Promise<Browser> {
    if (this.browser) return this.browser;
    const launching = (async () => {
      if (!this.available()) throw new PdfUnavailableError(this.executablePath);
      let chromium: BrowserType;
      try {
        ({ chromium } = await import('playwright-core'));
      } catch {
        throw new PdfUnavailableError('未安装 playwright-core');
      }
      try {
        const b = await chromium.launch({ executablePath: this.executablePath, headless: true, args: CHROMIUM_ARGS });
        b.on('disconnected', () => {
          if (this.browser === launching) this.browser = undefined;
        });
        return b;
      } catch (e) {
        throw new PdfUnavailableError(`${this.executablePath} 无法启动：${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
      }
    })();
    this.browser = launching;
    launching.catch(() => {
      if (this.browser === launching) this.browser = undefined;
    });
    return launching;
  }

  private async slot(): Promise<() => void> {
    if (this.active >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    return () => {
      this.active--;
      this.waiting.shift()?.();
    };
  }

  /** Print a standalone HTML page to PDF bytes. */
  async render(html: string): Promise<Buffer> {
    const release = await this.slot();
    try {
      const browser = await this.launch();
      const page = await browser.newPage();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new PdfTimeoutError(this.timeoutMs)), this.timeoutMs);
      });
      try {
        const print = (async () => {
          // The HTML is self-contained (inline CSS, no scripts, no network).
          // The budget is ours (the race below), not playwright's, so one error says what happened.
          await page.setContent(html, { waitUntil: 'load', timeout: 0 });
          return page.pdf({ preferCSSPageSize: true, printBackground: true, format: 'A4' });
        })();
        print.catch(() => {});
        return await Promise.race([print, timeout]);
      } finally {
        clearTimeout(timer);
        await page.close().catch(() => {});
      }
    } finally {
      release();
    }
  }

  async close(): Promise<void> {
    const b = this.browser;
    this.browser = undefined;
    if (b) await (await b.catch(() => undefined))?.close().catch(() => {});
  }
}
