/**
 * Page objects for the browser tests: each wraps one page of the web app in the words a user
 * would use (upload these files, open this department-year, search for this), so the test reads
 * like the scenario and selectors live in one place.
 */
import type { Locator, Page } from 'playwright-core';

const UPLOAD_TIMEOUT = 90_000;

export class DepartmentsPage {
  constructor(private readonly page: Page, private readonly baseUrl: string) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.baseUrl}#/`);
    await this.page.locator('.page h1', { hasText: '部门列表' }).waitFor();
  }

  /** The card of the department whose name contains `name`. */
  department(name: string): Locator {
    return this.page.locator('section.department').filter({ has: this.page.locator('h2', { hasText: name }) });
  }
}

export class UploadPage {
  constructor(private readonly page: Page, private readonly baseUrl: string) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.baseUrl}#/upload`);
    await this.page.locator('.dropzone').waitFor();
  }

  /** Choose files in the picker and wait until every one of them has finished (or failed). */
  async upload(paths: readonly string[]): Promise<void> {
    await this.page.locator('input[type=file]').setInputFiles([...paths]);
    const names = paths.map((p) => p.split('/').at(-1) ?? p);
    for (const name of names) {
      await this.job(name).locator('.job-status', { hasText: /^(?:完成|失败|部分读取)$/ }).waitFor({ timeout: UPLOAD_TIMEOUT });
    }
  }

  /** Drop a file made of `text` on the drop zone, as a drag & drop from the desktop would. */
  async drop(fileName: string, text: string): Promise<void> {
    const dataTransfer = await this.page.evaluateHandle(
      ([name, body]) => {
        const dt = new DataTransfer();
        dt.items.add(new File([body], name, { type: 'text/plain' }));
        return dt;
      },
      [fileName, text] as const,
    );
    await this.page.dispatchEvent('.dropzone', 'drop', { dataTransfer });
    await this.job(fileName).locator('.job-status', { hasText: /^(?:完成|失败|部分读取)$/ }).waitFor({ timeout: UPLOAD_TIMEOUT });
  }

  job(fileName: string): Locator {
    return this.page.locator(`li.job[data-file="${fileName}"]`);
  }
}

export class DocumentPage {
  constructor(private readonly page: Page) {}

  async waitLoaded(): Promise<void> {
    await this.page.locator('.page.document').waitFor();
  }

  title(): Locator {
    return this.page.locator('.doc-header h1');
  }

  table(n: number): Locator {
    return this.page.locator(`#t${n}`);
  }

  /** A cell by its stable id (`t3-208-05-05-基本支出`). */
  cell(id: string): Locator {
    return this.page.locator(`[id="${id}"]`);
  }

  findings(): Locator {
    return this.page.locator('#sec-findings li.finding');
  }

  focused(): Locator {
    return this.page.locator('.focused');
  }

  chartCanvases(): Locator {
    return this.page.locator('#sec-charts canvas');
  }
}

export class SearchPage {
  constructor(private readonly page: Page, private readonly baseUrl: string) {}

  async open(): Promise<void> {
    await this.page.goto(`${this.baseUrl}#/search`);
    await this.page.locator('form[role=search]').waitFor();
  }

  async search(q: string, range: { minWan?: string; maxWan?: string } = {}): Promise<void> {
    await this.page.locator('input[name=q]').fill(q);
    await this.page.locator('input[name=minWan]').fill(range.minWan ?? '');
    await this.page.locator('input[name=maxWan]').fill(range.maxWan ?? '');
    await this.page.locator('form[role=search] button[type=submit]').click();
    await this.page.locator('.card h2', { hasText: '搜索结果' }).waitFor();
  }

  hits(): Locator {
    return this.page.locator('li.hit');
  }
}

export class ComparePage {
  constructor(private readonly page: Page) {}

  async waitLoaded(): Promise<void> {
    await this.page.locator('table.compare-table').waitFor();
  }

  rows(): Locator {
    return this.page.locator('table.compare-table tbody tr');
  }

  async filterTable(n: number): Promise<void> {
    await this.page.locator('select[name=table]').selectOption(String(n));
  }
}

/** The viewer of a PDF's source page (「查看原文第N页」). */
export class SourcePageViewer {
  constructor(private readonly page: Page) {}

  dialog(): Locator {
    return this.page.locator('.source-dialog');
  }

  /** Wait until page `n` is drawn (or fail with the viewer's message). */
  async waitDrawn(n: number): Promise<void> {
    await this.page.locator(`.source-page[data-page="${n}"][data-state="ready"], .source-page[data-state="error"]`).waitFor({ timeout: 30_000 });
    const state = await this.page.locator('.source-page').getAttribute('data-state');
    if (state !== 'ready') throw new Error(`source page not drawn: ${(await this.dialog().textContent()) ?? ''}`);
  }

  canvas(): Locator {
    return this.page.locator('.source-page canvas');
  }

  outlines(): Locator {
    return this.page.locator('.source-page .source-outline');
  }

  async close(): Promise<void> {
    await this.dialog().locator('button', { hasText: '关闭' }).click();
  }
}
