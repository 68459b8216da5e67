/**
 * A draft through review, in the browser (issue 13: "a returned draft shows its comments beside the
 * cells"): an editor starts a draft of the stored 2025 budget, finishes and submits it; a reviewer
 * comments on a leaf cell of table 5, on the 合计 row and on a line of the text, and returns it; the
 * editor reopens the draft and sees the banner, the cell comment beside that leaf's row in the grid
 * (as text) and the others listed at the top; changes that leaf, saves (reopened), resubmits; the
 * reviewer approves and publishes; the public department-year page shows the new figure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCorpus } from '../test/corpus.ts';
import { startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

let h: Harness;
let departmentId = 0;
let publishedId = 0;
let draftUrl = '';
let firstDocument = 0;
let lineNumber = 0;
let lineText = '';
/** A leaf of the 2025 budget: 城乡社区支出/城乡社区管理事务/一般行政管理事务, 项目支出 17,464,243.00 元 as printed. */
const LEAF = '212 01 02';
const LEAF_CELL = '212 01 02 项目支出 · 一般公共预算';
const COMMENT = '<b>项目支出</b>请按批复数调整';

beforeAll(async () => {
  h = await startHarness({ signedIn: false });
  const stored = await h.store.importDocument(readCorpus('putuo-2025-wanli-subdistrict-budget'), { sourceName: 'putuo-2025-wanli-subdistrict-budget.txt' });
  departmentId = stored.document!.departmentId;
  publishedId = stored.document!.documentId;
  await h.createUser('editor', [departmentId], 'editor-wang');
  await h.createUser('reviewer', 'all', 'reviewer-li');
});
afterAll(async () => {
  await h?.close();
});

const text = async (testId: string): Promise<string> => ((await h.page.getByTestId(testId).textContent()) ?? '').trim();
const openDraft = async (): Promise<void> => {
  await h.page.goto(draftUrl);
  await h.page.getByTestId('lines-grid').waitFor();
};
const reviewPanel = () => h.page.locator('.review-panel');
const press = async (label: string, status: string): Promise<void> => {
  await reviewPanel().getByRole('button', { name: label, exact: true }).click();
  await h.page.locator(`.review-panel[data-status="${status}"]`).waitFor();
};
const publicCell = async (): Promise<string> => {
  const context = await h.browser.newContext({ locale: 'zh-CN' });
  try {
    const p = await context.newPage();
    await p.goto(`${h.baseUrl}#/department/${departmentId}/year/2025`);
    await p.locator('.page.document').waitFor();
    return ((await p.locator(`[id="t5-${LEAF.replace(/ /g, '-')}-项目支出"]`).textContent()) ?? '').trim();
  } finally {
    await context.close();
  }
};

describe('a draft through review', () => {
  it('the editor starts a draft of the stored year, finishes it, saves and submits it', async () => {
    expect(await publicCell()).toMatch(/^17,464,243\.00|^1,746\.4243/);
    await h.signIn('editor-wang');
    await h.page.goto(`${h.baseUrl}#/drafts`);
    await h.page.getByLabel('已存文件').selectOption({ label: '上海市普陀区人民政府万里街道办事处 2025年' });
    await h.page.getByLabel('方式').selectOption('same-year');
    await h.page.getByRole('button', { name: '开始编制' }).click();
    await h.page.waitForURL(/#\/draft\/\d+$/);
    draftUrl = h.page.url();
    await h.page.getByTestId('lines-grid').waitFor();
    // Not submitted yet: no review section.
    expect(await h.page.getByTestId('draft-review').count()).toBe(0);
    // Finish it: every reason and main purpose left empty is written (as the officer would).
    for (const reason of await h.page.locator('.narrative-paragraph textarea').all()) if ((await reason.inputValue()) === '') await reason.fill('项目调整');
    for (const purpose of await h.page.locator('input.purpose').all()) if ((await purpose.inputValue()) === '') await purpose.fill('主要用于日常工作');
    await h.page.getByTestId('live-counts').filter({ hasText: '错误 0' }).waitFor({ timeout: 3000 });
    await h.page.getByLabel('212 01 02 主要用途').fill('主要用于社区管理事务');
    await h.page.getByRole('button', { name: '保存' }).click();
    await h.page.locator('.notice', { hasText: '已保存为第 2 版' }).waitFor();
    await h.page.getByRole('button', { name: '提交', exact: true }).click();
    await h.page.locator('.notice', { hasText: '已提交审核' }).waitFor();
    await expect(text('draft-review-banner')).resolves.toContain('已提交待审');
    const link = await h.page.getByTestId('draft-review-link').getAttribute('href');
    firstDocument = Number(/#\/document\/(\d+)/.exec(link ?? '')?.[1]);
    expect(firstDocument).toBeGreaterThan(publishedId);
    // Under review the grid cannot change.
    expect(await h.page.getByLabel(LEAF_CELL, { exact: true }).isDisabled()).toBe(true);
  });

  it('the reviewer comments on a leaf cell of table 5, on its 合计 row and on a line, and returns it', async () => {
    await h.signIn('reviewer-li');
    await h.page.goto(`${h.baseUrl}#/worklist`);
    await h.page.locator(`.worklist tr[data-status="submitted"] a[href$="/document/${firstDocument}"]`).click();
    await h.page.locator('.review-panel[data-status="submitted"]').waitFor();
    const comment = async (pick: () => Promise<void>, body: string): Promise<void> => {
      await pick();
      await reviewPanel().locator('textarea[name=comment-body]').fill(body);
      const before = await reviewPanel().locator('.review-comments li').count();
      await reviewPanel().getByRole('button', { name: '添加意见' }).click();
      await reviewPanel().locator('.review-comments li').nth(before).waitFor();
    };
    const pickCell = (id: string) => async (): Promise<void> => {
      await reviewPanel().locator('select[name=anchor-kind]').selectOption('cell');
      await reviewPanel().getByRole('button', { name: '点选单元格' }).click();
      await h.page.locator(`[id="${id}"]`).click();
    };
    await comment(pickCell(`t5-${LEAF.replace(/ /g, '-')}-项目支出`), COMMENT);
    await expect(reviewPanel().locator('.review-comments li').first().textContent()).resolves.toContain(`表5「${LEAF.replace(/ /g, '-')}」行「项目支出」列`); // the row as the cell's id spells it
    await comment(pickCell('t5-合计-合计'), '合计随之调整');
    // A sentence of the text, by its line: the anchor quotes what the page shows there.
    const sentence = h.page.locator('.page.document [data-line]').first();
    lineNumber = Number(await sentence.getAttribute('data-line'));
    lineText = await sentence.evaluate((el) => {
      const copy = el.cloneNode(true) as HTMLElement;
      for (const c of copy.querySelectorAll('.cell-comment')) c.remove();
      return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
    });
    expect(lineText.length).toBeGreaterThan(5);
    await comment(async () => {
      await reviewPanel().locator('select[name=anchor-kind]').selectOption('line');
      await reviewPanel().locator('input[name=anchor-line]').fill(String(lineNumber));
    }, '这句说明请核对');
    await press('退回', 'returned');
  });

  it('the editor sees the banner, the cell comment beside the leaf’s row and the others at the top; fixes, saves (reopened) and resubmits', async () => {
    await h.signIn('editor-wang');
    await openDraft();
    await h.page.getByTestId('draft-review').locator('h2', { hasText: '审核意见（3）' }).waitFor();
    await expect(text('draft-review-banner')).resolves.toBe('审核已退回：请按意见修改后保存并重新提交');
    // Beside the leaf's row, as text (the markup in the comment is not markup).
    const beside = h.page.locator(`[data-testid="lines-grid"] tr[data-code="${LEAF}"] .draft-review-note`);
    await expect(beside.textContent()).resolves.toBe(`「项目支出」reviewer-li：${COMMENT}`);
    await expect(h.page.locator('[data-testid="lines-grid"] .draft-review-note').count()).resolves.toBe(1);
    await expect(h.page.locator('.draft-review-note b, [data-testid="draft-review"] b').count()).resolves.toBe(0);
    // The 合计 row and the line are listed at the top, with where they point.
    const listed = await h.page.getByTestId('draft-review-list').locator('li').allTextContents();
    expect(listed).toHaveLength(2);
    expect(listed[0]).toContain('表5「合计」行「合计」列合计随之调整');
    expect(listed[1]).toContain(`第 ${lineNumber} 行「${lineText.length > 60 ? `${lineText.slice(0, 60)}…` : lineText}」这句说明请核对`);
    await beside.scrollIntoViewIfNeeded();
    await h.screenshot('draft-review-returned');

    const cell = h.page.getByLabel(LEAF_CELL, { exact: true });
    expect(await cell.isDisabled()).toBe(false);
    await cell.click();
    await cell.fill('17464343');
    await h.page.getByTestId(`total-${LEAF}`).filter({ hasText: '17,464,343.00' }).waitFor({ timeout: 2000 });
    await h.page.getByTestId('live-counts').filter({ hasText: '错误 0' }).waitFor({ timeout: 3000 });
    await h.page.getByRole('button', { name: '保存' }).click();
    await h.page.locator('.notice', { hasText: '已保存为第 3 版' }).waitFor();
    await expect(text('draft-version')).resolves.toContain('编辑中');
    await expect(text('draft-review-banner')).resolves.toContain('草稿已重新打开');
    await h.page.getByRole('button', { name: '提交', exact: true }).click();
    await h.page.locator('.notice', { hasText: '已提交审核' }).waitFor();
    await h.page.getByTestId('draft-review-banner').filter({ hasText: '已提交待审' }).waitFor();
  });

  it('the reviewer approves and publishes; the public page shows the new figure', async () => {
    await h.signIn('reviewer-li');
    await h.page.goto(`${h.baseUrl}#/worklist`);
    const row = h.page.locator('.worklist tr[data-status="submitted"]');
    await row.waitFor();
    await expect(row.count()).resolves.toBe(1);
    await row.locator('a').click();
    await h.page.locator('.review-panel[data-status="submitted"]').waitFor();
    expect(Number(await h.page.locator('.page.document').getAttribute('data-document-id'))).not.toBe(firstDocument);
    await press('批准', 'approved');
    await press('发布', 'published');
    await h.signOut();
    expect(await publicCell()).toMatch(/^17,464,343\.00|^1,746\.4343/);

    // The editor's draft says so.
    await h.signIn('editor-wang');
    await openDraft();
    await h.page.getByTestId('draft-review-banner').filter({ hasText: '已发布' }).waitFor();
    expect(h.pageErrors).toEqual([]);
  });
});
