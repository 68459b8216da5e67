/**
 * The review round in the browser: an editor signs in on the 登录 page, uploads the district's
 * 2025 budget (a draft, not public) and submits it; a reviewer comments on a table cell and
 * returns it; the editor sees the comment beside the cell, uploads the fix and submits again; the
 * reviewer approves and publishes; the public page shows it; the audit trail shows every step.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD } from '#server/testing.ts';
import { corpusPath } from '../test/corpus.ts';
import { startHarness } from './harness.ts';
import type { Harness } from './harness.ts';
import { UploadPage } from './page-models.ts';

let h: Harness;
let departmentId = 0;
let firstId = 0;
let secondId = 0;
const COMMENT = '<img src=x onerror=window.__xss=true>收入总计请与表三核对';
const text2025 = readFileSync(corpusPath('putuo-2025-wanli-subdistrict-budget'), 'utf8');

beforeAll(async () => {
  h = await startHarness({ signedIn: false });
  // Last year's budget, published by the command line: the department exists, and the public sees it.
  const prior = await h.store.importDocument(readFileSync(corpusPath('putuo-2024-wanli-subdistrict-budget'), 'utf8'));
  departmentId = prior.document!.departmentId;
  await h.createUser('editor', [departmentId], 'editor-wang');
  await h.createUser('reviewer', 'all', 'reviewer-li');
});
afterAll(async () => {
  await h?.close();
});

const reviewPanel = (page: Page) => page.locator('.review-panel');
const openDocument = async (id: number): Promise<void> => {
  await h.page.goto(`${h.baseUrl}#/document/${id}`);
  await h.page.locator('.page.document').waitFor();
  await reviewPanel(h.page).waitFor();
};
const press = async (label: string, status: string): Promise<void> => {
  await reviewPanel(h.page).getByRole('button', { name: label, exact: true }).click();
  await h.page.locator(`.review-panel[data-status="${status}"]`).waitFor();
};
const asPublic = async <T>(run: (page: Page) => Promise<T>): Promise<T> => {
  const context = await h.browser.newContext({ locale: 'zh-CN' });
  try {
    return await run(await context.newPage());
  } finally {
    await context.close();
  }
};

describe('review round', () => {
  it('an editor signs in on the 登录 page, uploads a draft the public cannot see, and submits it', async () => {
    await h.page.goto(`${h.baseUrl}#/login`);
    await h.page.locator('input[name=username]').fill('editor-wang');
    await h.page.locator('input[name=password]').fill(TEST_PASSWORD);
    await h.page.getByRole('button', { name: '登录' }).click();
    await h.page.locator('.usermenu .whoami', { hasText: 'editor-wang' }).waitFor();

    const upload = new UploadPage(h.page, h.baseUrl);
    await upload.open();
    await upload.drop('wanli-2025.txt', text2025);
    await h.page.goto(`${h.baseUrl}#/worklist`);
    const row = h.page.locator('.worklist tr[data-status="draft"]');
    await row.waitFor();
    await row.locator('a').click();
    await h.page.locator('.review-panel[data-status="draft"]').waitFor();
    firstId = Number(await h.page.locator('.page.document').getAttribute('data-document-id'));
    expect(firstId).toBeGreaterThan(0);

    const publicView = await asPublic(async (p) => {
      await p.goto(`${h.baseUrl}#/department/${departmentId}/year/2025`);
      await p.locator('.notice.error').waitFor();
      return p.locator('.notice.error').textContent();
    });
    expect(publicView).toMatch(/没有|登录/);

    // An editor may submit, not approve.
    await expect(reviewPanel(h.page).getByRole('button', { name: '批准' }).count()).resolves.toBe(0);
    await press('提交', 'submitted');
  });

  it('a reviewer comments on a table cell and returns the document', async () => {
    await h.signIn('reviewer-li');
    await openDocument(firstId);
    await reviewPanel(h.page).locator('select[name=anchor-kind]').selectOption('cell');
    await reviewPanel(h.page).getByRole('button', { name: '点选单元格' }).click();
    const cell = h.page.locator('section.budget-table[data-table="1"] td.num[data-column]').first();
    await cell.click();
    await expect(reviewPanel(h.page).locator('.picked-cell').textContent()).resolves.toMatch(/^表1「.+」行「.+」列$/);
    await reviewPanel(h.page).locator('textarea[name=comment-body]').fill(COMMENT);
    await reviewPanel(h.page).getByRole('button', { name: '添加意见' }).click();
    await reviewPanel(h.page).locator('.review-comments li').waitFor();
    // And one on a sentence of the explanation, by its line.
    const line = await h.page.locator('.page.document [data-line]').first().getAttribute('data-line');
    await reviewPanel(h.page).locator('select[name=anchor-kind]').selectOption('line');
    await reviewPanel(h.page).locator('input[name=anchor-line]').fill(String(line));
    await reviewPanel(h.page).locator('textarea[name=comment-body]').fill('这句说明与表格数字不一致');
    await reviewPanel(h.page).getByRole('button', { name: '添加意见' }).click();
    await reviewPanel(h.page).locator('.review-comments li').nth(1).waitFor();
    await press('退回', 'returned');
    await h.screenshot('review-returned');
  });

  it('the editor sees the comment beside the cell (as text), uploads the fix and submits it', async () => {
    await h.signIn('editor-wang');
    await openDocument(firstId);
    const beside = h.page.locator('section.budget-table[data-table="1"] td .cell-comment');
    await beside.waitFor();
    await expect(beside.textContent()).resolves.toBe(`reviewer-li：${COMMENT}`);
    await expect(h.page.locator('.cell-comment img, .review-comments img').count()).resolves.toBe(0);
    await expect(h.page.locator('.page.document [data-review-comment]').first().getAttribute('data-review-comment')).resolves.toBe('reviewer-li：这句说明与表格数字不一致');
    await expect(h.page.evaluate(() => (window as unknown as { __xss?: boolean }).__xss)).resolves.toBeUndefined();
    await h.screenshot('review-comment-beside-cell');

    const upload = new UploadPage(h.page, h.baseUrl);
    await upload.open();
    await upload.drop('wanli-2025-fixed.txt', `${text2025}\n`);
    await h.page.goto(`${h.baseUrl}#/worklist`);
    const row = h.page.locator('.worklist tr[data-status="draft"]');
    await row.waitFor();
    await row.locator('a').click();
    await h.page.locator('.review-panel[data-status="draft"]').waitFor();
    secondId = Number(await h.page.locator('.page.document').getAttribute('data-document-id'));
    expect(secondId).not.toBe(firstId);
    await press('提交', 'submitted');
  });

  it('the reviewer approves and publishes; the public page shows it; the audit trail has every step', async () => {
    await h.signIn('reviewer-li');
    await openDocument(secondId);
    await press('批准', 'approved');
    await press('发布', 'published');

    const publicTitle = await asPublic(async (p) => {
      await p.goto(`${h.baseUrl}#/department/${departmentId}/year/2025`);
      await p.locator('.page.document').waitFor();
      return { id: await p.locator('.page.document').getAttribute('data-document-id'), menu: await p.locator('.usermenu').textContent() };
    });
    expect(publicTitle).toEqual({ id: String(secondId), menu: '登录' });

    const actions = async (id: number): Promise<string[]> => {
      await openDocument(id);
      await reviewPanel(h.page).locator('details.audit-trail summary').click();
      return h.page.locator('.audit-table tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].slice(1, 3).map((td) => td.textContent).join(' ')));
    };
    expect(await actions(firstId)).toEqual(['editor-wang 导入/上传', 'editor-wang 审核流转', 'reviewer-li 审核意见', 'reviewer-li 审核意见', 'reviewer-li 审核流转']);
    expect(await actions(secondId)).toEqual(['editor-wang 导入/上传', 'editor-wang 审核流转', 'reviewer-li 审核流转', 'reviewer-li 审核流转']);
    await h.screenshot('review-audit-trail');
    expect(h.pageErrors).toEqual([]);
  });
});
