/**
 * At phone width (390 px) the app is usable: the navigation keeps its words on one line, the page
 * does not scroll sideways (wide tables scroll inside themselves). And an upload that read only
 * part of a document says so (部分读取, naming what was not read) instead of a green 完成.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusPath } from '../test/corpus.ts';
import { startHarness } from './harness.ts';
import type { Harness } from './harness.ts';
import { DocumentPage, UploadPage } from './page-models.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  await h.page.setViewportSize({ width: 390, height: 844 });
});

afterAll(async () => {
  await h?.close();
});

/** The page itself never scrolls sideways. */
const expectNoSidewaysScroll = async (where: string): Promise<void> => {
  const { scroll, client } = await h.page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(scroll, where).toBeLessThanOrEqual(client + 1);
};

describe('phone width and partial readings', () => {
  it('says which parts an upload did not read, as a warning', async () => {
    const upload = new UploadPage(h.page, h.baseUrl);
    await upload.open();
    // The header and explanation only: the nine tables are missing.
    const head = readFileSync(corpusPath('songjiang-2025-data-bureau-budget'), 'utf8').split('\n').slice(0, 78).join('\n');
    await upload.drop('explanation-only.txt', head);
    const job = upload.job('explanation-only.txt');
    await expect(job.locator('.job-status').textContent()).resolves.toBe('部分读取');
    await expect(job.locator('.reading').textContent()).resolves.toMatch(/预算表 0\/9/);
    await expect(job.locator('.reading-missing').textContent()).resolves.toContain('表3 部门支出预算总表');
    await h.screenshot('phone-upload-partial');
  });

  it('reads a full upload as 完成, and keeps the navigation on one line per link', async () => {
    const upload = new UploadPage(h.page, h.baseUrl);
    await upload.open();
    await upload.upload([corpusPath('songjiang-2025-administrative-service-center-budget')]);
    const job = upload.job('songjiang-2025-administrative-service-center-budget.txt');
    await expect(job.locator('.job-status').textContent()).resolves.toBe('完成');
    for (const link of await h.page.locator('.mainnav a').all()) {
      const box = await link.boundingBox();
      const lineHeight = await link.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || 20);
      expect(box?.height ?? 0).toBeLessThan(lineHeight * 1.8 + 16);
    }
    await expectNoSidewaysScroll('upload');
  });

  it('shows a department-year without sideways page scroll; its tables scroll inside', async () => {
    await h.page.locator('a.doc-link').first().click();
    const doc = new DocumentPage(h.page);
    await doc.waitLoaded();
    await expectNoSidewaysScroll('department-year');
    const wide = await doc.table(3).evaluate((el) => {
      const t = el.querySelector('table') ?? el;
      return { scroll: t.scrollWidth, client: t.clientWidth, overflow: getComputedStyle(t).overflowX };
    });
    expect(wide.scroll).toBeGreaterThan(wide.client);
    await h.screenshot('phone-department-year');
  });

  it('logged no errors in the page', () => {
    expect(h.pageErrors).toEqual([]);
  });
});
