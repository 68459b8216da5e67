/**
 * A document whose names carry markup — `＜img onerror＞` in full-width brackets, `&lt;script&gt;`
 * entities, both of which the reader turns into `<…>` characters — runs no script on any page,
 * chart tooltips included, and its names are shown with their printed characters as text.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusPath } from '../test/corpus.ts';
import { startHarness } from './harness.ts';
import type { Harness } from './harness.ts';
import { DocumentPage, SearchPage } from './page-models.ts';

const ROW_MARKUP = '＜img src=x onerror=window.__xss=true＞&lt;script&gt;window.__xss=true&lt;/script&gt;';
const PROJECT_MARKUP = '＜img src=y onerror=window.__xss=true＞';
// On the treemap's top level (类), where its tooltip shows it.
const CLASS_MARKUP = '＜img src=x onerror=window.__xss=true＞';

const hostileText = (): string =>
  readFileSync(corpusPath('songjiang-2025-data-bureau-budget'), 'utf8')
    .replaceAll('行政运行', `行政运行${ROW_MARKUP}`)
    .replaceAll('数字化项目管理项目', `数字化${PROJECT_MARKUP}项目管理项目`)
    .replaceAll('一般公共服务支出', `一般公共服务支出${CLASS_MARKUP}`);

let h: Harness;
const dialogs: string[] = [];

beforeAll(async () => {
  h = await startHarness();
  h.page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
});

afterAll(async () => {
  await h?.close();
});

/** No script ran, and no element came out of a name. */
const expectNoInjection = async (where: string): Promise<void> => {
  await expect(h.page.evaluate(() => (window as unknown as { __xss?: boolean }).__xss), where).resolves.toBeUndefined();
  await expect(h.page.locator('img[src="x"], img[src="y"], script:not([src])').count(), where).resolves.toBe(0);
  expect(dialogs, where).toEqual([]);
};

describe('names carrying markup', () => {
  let documentUrl = '';

  it('upload as data', async () => {
    await h.page.goto(h.baseUrl);
    const status = await h.page.evaluate(async (text) => {
      // Signed in (the harness's admin): a write carries the session's CSRF token.
      const { csrfToken } = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const res = await fetch('/api/documents', { method: 'POST', headers: { 'content-type': 'text/plain; charset=utf-8', 'x-csrf-token': csrfToken }, body: text });
      return res.status;
    }, hostileText());
    expect(status).toBe(201);
  });

  it('are text on the home page', async () => {
    await h.page.goto(h.baseUrl);
    await h.page.locator('a', { hasText: '2025' }).first().waitFor();
    await expectNoInjection('home');
  });

  it('are text in the department-year tables, with their printed characters', async () => {
    await h.page.locator('a', { hasText: '2025' }).first().click();
    const doc = new DocumentPage(h.page);
    await doc.waitLoaded();
    documentUrl = h.page.url();
    await expect(h.page.locator('body').textContent()).resolves.toContain('行政运行<img src=x onerror=window.__xss=true><script>');
    await expectNoInjection('department-year');
  });

  it('are text in the chart tooltips', async () => {
    const doc = new DocumentPage(h.page);
    await doc.chartCanvases().first().waitFor({ timeout: 20_000 });
    const canvases = await doc.chartCanvases().all();
    let tooltips = 0;
    for (const canvas of canvases) {
      await canvas.scrollIntoViewIfNeeded();
      const box = await canvas.boundingBox();
      if (box === null) continue;
      // Sweep the chart so every treemap block and pie sector shows its tooltip once.
      for (let x = 0.05; x < 1; x += 0.075) {
        for (let y = 0.05; y < 1; y += 0.15) {
          await h.page.mouse.move(box.x + box.width * x, box.y + box.height * y);
          const shown = await h.page.evaluate(() => [...document.querySelectorAll('div')].filter((d) => d.textContent?.includes('onerror=window.__xss') && getComputedStyle(d).position === 'absolute').length);
          tooltips += shown > 0 ? 1 : 0;
          await expectNoInjection(`chart at ${x.toFixed(2)},${y.toFixed(2)}`);
        }
      }
    }
    // The sweep did show a tooltip naming the hostile row (so the check above saw it).
    expect(tooltips).toBeGreaterThan(0);
  });

  it('are text in search results and the comparison', async () => {
    const search = new SearchPage(h.page, h.baseUrl);
    await search.open();
    await search.search('项目管理项目');
    // (Project names lose their spaces in the reader: `<imgsrc=y…>`.)
    await expect(search.hits().filter({ hasText: /img\s?src=y/ }).count()).resolves.toBeGreaterThan(0);
    await expectNoInjection('search');
    await h.page.goto(documentUrl.replace(/#.*$/, '#/compare'));
    await h.page.waitForLoadState('networkidle');
    await expectNoInjection('compare');
  });

  it('logged no errors in the page (CSP included)', () => {
    expect(h.pageErrors).toEqual([]);
  });
});
