/**
 * The web app end to end, against the real server and store: upload corpus documents through
 * the UI, read a department-year's tables and findings, locate a finding's cell, search
 * projects, compare the Putuo department's two years and see its charts. Screenshots go to
 * test-results/e2e/ for people to look at.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusPath } from '../test/corpus.ts';
import { SCREENSHOT_DIR, startHarness } from './harness.ts';
import type { Harness } from './harness.ts';
import { ComparePage, DepartmentsPage, DocumentPage, SearchPage, UploadPage } from './page-models.ts';

const SONGJIANG_DATA = 'songjiang-2025-data-bureau-budget';
const PUTUO_2024 = 'putuo-2024-wanli-subdistrict-budget';
const PUTUO_2025 = 'putuo-2025-wanli-subdistrict-budget';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.close();
});

describe('the web app', () => {
  it('starts empty and says how to get data in', async () => {
    const home = new DepartmentsPage(h.page, h.baseUrl);
    await home.open();
    await expect(h.page.locator('.notice', { hasText: '尚无数据' }).isVisible()).resolves.toBe(true);
  });

  it('uploads a budget disclosure with progress and links to its department-year', async () => {
    const upload = new UploadPage(h.page, h.baseUrl);
    await upload.open();
    await upload.upload([corpusPath(SONGJIANG_DATA)]);
    const job = upload.job(`${SONGJIANG_DATA}.txt`);
    await expect(job.locator('.job-status').textContent()).resolves.toBe('完成');
    await expect(job.locator('progress').getAttribute('value')).resolves.toBe('100');
    await expect(job.locator('a.doc-link').textContent()).resolves.toContain('上海市松江区数据局');
    await h.screenshot('upload');

    await job.locator('a.doc-link').click();
    const doc = new DocumentPage(h.page);
    await doc.waitLoaded();
    expect(h.page.url()).toMatch(/#\/department\/\d+\/year\/2025$/);
    await expect(doc.title().textContent()).resolves.toContain('上海市松江区数据局 2025年');
  });

  it('shows the nine tables in the official layout with exact figures', async () => {
    const doc = new DocumentPage(h.page);
    await expect(h.page.locator('section.budget-table').count()).resolves.toBe(9);
    // Table 1's 收入总计 and table 3's 208 05 05 row, as printed in the document.
    await expect(doc.table(1).textContent()).resolves.toContain('36,864,854.48');
    await expect(doc.cell('t3-208-05-05-合计').textContent()).resolves.toBe('440,541.97');
    await expect(doc.cell('t3-208-05-05-项目支出').textContent()).resolves.toBe('');
    await expect(doc.cell('t3-合计-基本支出').textContent()).resolves.toBe('5,558,544.48');
    await expect(h.page.locator('#t3 tr.total td.num').first().evaluate((el) => getComputedStyle(el).fontWeight)).resolves.toBe('700');
    await expect(h.page.locator('.stat', { hasText: '支出总计' }).textContent()).resolves.toContain('3,686.49 万元');
    await doc.table(3).scrollIntoViewIfNeeded();
    await doc.table(3).screenshot({ path: join(SCREENSHOT_DIR, 'table-3.png') });
    await h.page.evaluate(() => window.scrollTo(0, 0));
    await h.screenshot('department-year');
  });

  it('draws the charts once ECharts has loaded', async () => {
    const doc = new DocumentPage(h.page);
    await doc.chartCanvases().first().waitFor({ timeout: 20_000 });
    await expect(doc.chartCanvases().count()).resolves.toBeGreaterThanOrEqual(2);
    await h.page.locator('#sec-charts').scrollIntoViewIfNeeded();
    await h.screenshot('charts');
  });

  it('refuses a dropped file that is not a budget document, saying why', async () => {
    const upload = new UploadPage(h.page, h.baseUrl);
    await upload.open();
    await upload.drop('meeting-notes.txt', '会议纪要\n今天讨论了食堂菜单。\n');
    const job = upload.job('meeting-notes.txt');
    await expect(job.locator('.job-status').textContent()).resolves.toBe('失败');
    await expect(job.locator('.job-error').getAttribute('data-error-code')).resolves.toBe('not-a-budget-document');
    await expect(job.locator('.job-error').textContent()).resolves.not.toBe('');
  });

  it('uploads both Putuo years, lists their findings and locates one on the page', async () => {
    const upload = new UploadPage(h.page, h.baseUrl);
    await upload.open();
    await upload.upload([corpusPath(PUTUO_2024), corpusPath(PUTUO_2025)]);
    for (const name of [PUTUO_2024, PUTUO_2025]) {
      await expect(upload.job(`${name}.txt`).locator('.job-status').textContent()).resolves.toBe('完成');
    }
    await h.screenshot('upload-putuo');

    await upload.job(`${PUTUO_2025}.txt`).locator('a.doc-link').click();
    const doc = new DocumentPage(h.page);
    await doc.waitLoaded();
    const count = await doc.findings().count();
    expect(count).toBeGreaterThan(0);
    await h.screenshot('findings');

    // Filtering by severity shows only that severity; 全部 brings the rest back.
    await h.page.locator('#sec-findings button.chip-error').click();
    const shown = await doc.findings().evaluateAll((els) => els.map((el) => el.className));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.every((c) => c.includes('finding-error'))).toBe(true);
    await h.page.locator('#sec-findings button.chip', { hasText: '全部' }).click();
    await expect(doc.findings().count()).resolves.toBe(count);

    // Putuo 2025 prints a 类 one 元 off the sum of its 款: a table finding whose 定位 link
    // scrolls to and highlights the cell, and the URL remembers it.
    const tableFinding = h.page.locator('#sec-findings li.finding[data-rule^="table."]').first();
    await tableFinding.locator('a.locate').click();
    await doc.focused().first().waitFor();
    await expect(doc.focused().first().evaluate((el) => el.tagName)).resolves.toBe('TD');
    await expect(h.page.locator('td.flagged').count()).resolves.toBeGreaterThan(0);
    await expect(doc.focused().count()).resolves.toBe(1);
    // The URL names the highlighted element, so the link can be shared.
    const focusId = new URLSearchParams(h.page.url().split('?')[1] ?? '').get('focus');
    expect(focusId).not.toBeNull();
    await expect(doc.focused().first().getAttribute('id')).resolves.toBe(focusId);
    await expect(doc.focused().first().isVisible()).resolves.toBe(true);
    await h.screenshot('finding-located');

    // The focus survives a reload from the URL.
    await h.page.reload();
    await doc.waitLoaded();
    await doc.focused().first().waitFor();

    // A narrative finding lands on its own item, not on the top of 编制说明: item 21 names a 款/项
    // no table row has (narrative.main-item-subject-found at its line).
    const itemFinding = h.page.locator('#sec-findings li.finding[data-rule="narrative.main-item-subject-found"]').first();
    await itemFinding.locator('a.locate').click();
    await doc.focused().first().waitFor();
    await expect(doc.focused().first().getAttribute('id')).resolves.toBe('main-item-21');
    const box = await doc.focused().first().boundingBox();
    // One table row, not a whole section.
    expect(box?.height ?? 1000).toBeLessThan(200);
    await h.screenshot('narrative-finding-located');
  });

  it('searches projects by name and amount range in 万元', async () => {
    const search = new SearchPage(h.page, h.baseUrl);
    await search.open();
    await search.search('数字化项目管理');
    const hit = search.hits().filter({ hasText: '数字化项目管理' }).first();
    await expect(hit.textContent()).resolves.toContain('上海市松江区数据局');
    await h.screenshot('search');

    // The project is 140.00万元: inside 100–200万元, outside ≥150万元.
    await search.search('数字化项目管理', { minWan: '100', maxWan: '200' });
    await expect(search.hits().filter({ hasText: '数字化项目管理' }).count()).resolves.toBeGreaterThan(0);
    expect(decodeURIComponent(h.page.url())).toContain('minFen=100000000');
    await search.search('数字化项目管理', { minWan: '150' });
    await expect(search.hits().filter({ hasText: '数字化项目管理' }).count()).resolves.toBe(0);

    await search.search('数字化项目管理');
    await search.hits().filter({ hasText: '数字化项目管理' }).first().locator('a.hit-title').click();
    await new DocumentPage(h.page).waitLoaded();
    await expect(h.page.locator('#sec-projects').textContent()).resolves.toContain('数字化项目管理');
  });

  it('compares the two Putuo years side by side with changes', async () => {
    const home = new DepartmentsPage(h.page, h.baseUrl);
    await home.open();
    const putuo = home.department('万里');
    await expect(putuo.locator('tbody tr').count()).resolves.toBe(2);
    const years = await putuo.locator('tbody tr td:first-child a').allTextContents();
    expect(years).toEqual(['2025 年', '2024 年']);
    await h.screenshot('departments');

    await putuo.locator('a.button', { hasText: '对比 2024 与 2025 年' }).click();
    const compare = new ComparePage(h.page);
    await compare.waitLoaded();
    await expect(h.page.locator('.compare h2').first().textContent()).resolves.toMatch(/2024年 ⇄ .*2025年/);
    // At least one figure changed between the two years, with its change and percent shown.
    const changed = h.page.locator('table.compare-table td.num.up, table.compare-table td.num.down');
    await expect(changed.count()).resolves.toBeGreaterThan(0);
    await expect(h.page.locator('table.compare-table td.num', { hasText: '%' }).count()).resolves.toBeGreaterThan(0);

    await compare.filterTable(3);
    await h.page.waitForURL(/table=3/);
    const tables = await h.page.locator('table.compare-table tbody tr td:first-child').allTextContents();
    expect(tables.length).toBeGreaterThan(0);
    expect(new Set(tables)).toEqual(new Set(['表3']));
    await h.screenshot('compare');
  });

  it('logged no errors in the page', () => {
    expect(h.pageErrors).toEqual([]);
  });
});
