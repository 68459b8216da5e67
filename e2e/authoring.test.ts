/**
 * Authoring in the browser, against the real server and store: start next year's draft from a
 * stored year, type a leaf amount and see the 款, 类 and 合计 and the 编制说明 follow, see a
 * finding appear beside the reason and clear when it is written, paste a block from Excel
 * (a real paste event with a DataTransfer), edit a project's indicators, save, reload, and see the version history and what
 * changed between two versions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCorpus } from '../test/corpus.ts';
import { startHarness } from './harness.ts';
import type { Harness } from './harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  // Last year's disclosure, published (as `yusuan import` stores it).
  const stored = await h.store.importDocument(readCorpus('putuo-2024-wanli-subdistrict-budget'), { sourceName: 'putuo-2024-wanli-subdistrict-budget.txt' });
  expect(stored.created).toBe(true);
});

afterAll(async () => {
  await h?.close();
});

const cell = (label: string) => h.page.getByLabel(label, { exact: true });
const text = async (testId: string): Promise<string> => ((await h.page.getByTestId(testId).textContent()) ?? '').trim();

describe('authoring a draft in the browser', () => {
  it('starts next year’s draft from a stored year', async () => {
    await h.page.goto(`${h.baseUrl}#/drafts`);
    await h.page.getByLabel('已存文件').selectOption({ label: '上海市普陀区人民政府万里街道办事处 2024年' });
    await h.page.getByLabel('方式').selectOption('next-year');
    await h.page.getByRole('button', { name: '开始编制' }).click();
    await h.page.waitForURL(/#\/draft\/\d+$/);
    await h.page.getByTestId('lines-grid').waitFor();
    expect(await text('draft-version')).toContain('第 1 版');
    expect(await h.page.locator('h2', { hasText: '2025年部门预算（草稿）' }).count()).toBe(1);
    // Last year's figures are in 上年; this year's start empty.
    expect(await text('total-all')).toBe('0.00');
  });

  it('typing a leaf updates its 款, 类, the 合计, the derived tables and the 编制说明', async () => {
    const input = cell('201 05 07 基本支出 · 一般公共预算');
    await input.click();
    await input.fill('1234.56');
    await h.page.getByTestId('total-201 05 07').filter({ hasText: '1,234.56' }).waitFor({ timeout: 2000 });
    expect(await text('total-201 05')).toBe('1,234.56');
    expect(await text('total-201')).toBe('1,234.56');
    expect(await text('total-all')).toBe('1,234.56');
    const revenue = h.page.locator('.narrative-paragraph[data-key="revenue"] p');
    expect(await revenue.textContent()).toContain('收入预算0.123456万元');
    expect(await revenue.textContent()).toContain('比2024年预算减少');
    // Typed in 万元 with its unit: 2万 = 20,000.00 元.
    const other = cell('201 29 02 基本支出 · 一般公共预算');
    await other.click();
    await other.fill('2万');
    await h.page.getByTestId('total-201').filter({ hasText: '21,234.56' }).waitFor({ timeout: 2000 });
    // The derived table 3 shows the same figure in its 合计 row.
    expect(await h.page.locator('#t3 tr', { hasText: '合计' }).last().textContent()).toContain('21,234.56');
  });

  it('basic expenditure not yet broken down by economic class is a finding, cleared by typing the breakdown', async () => {
    const balance = h.page.getByTestId('economic-balance');
    expect(await balance.getAttribute('class')).toContain('error');
    expect(await balance.textContent()).toContain('相差');
    const t8Finding = h.page.locator('li.finding[data-rule="cross.table5-basic-equals-table8"]');
    await t8Finding.waitFor({ timeout: 2000 });
    const personnel = cell('301 01 人员经费');
    await personnel.click();
    await personnel.fill('21,234.56');
    await h.page.getByTestId('economic-balance').filter({ hasText: '一致' }).waitFor({ timeout: 2000 });
    await t8Finding.waitFor({ state: 'detached', timeout: 2000 });
  });

  it('a reason left empty is a finding beside it; writing it clears the finding; a template remnant brings one', async () => {
    const reasonFinding = h.page.locator('.narrative-paragraph[data-key="fiscal-reason"] .inline-finding[data-rule="authoring.reason-missing"]');
    await reasonFinding.waitFor();
    const errorsBefore = await text('live-counts');
    const reason = h.page.getByLabel('财政拨款收支变动原因', { exact: true }).first();
    await reason.fill('人员经费增加（减少）');
    await h.page.locator('.narrative-paragraph[data-key="fiscal-reason"] .inline-finding[data-rule="authoring.template-remnant"]').waitFor({ timeout: 2000 });
    expect(await reasonFinding.count()).toBe(0);
    await reason.fill('项目调整，部分支出改由其他渠道安排');
    await h.page.locator('.narrative-paragraph[data-key="fiscal-reason"] .inline-finding').waitFor({ state: 'detached', timeout: 2000 });
    expect(await h.page.locator('.narrative-paragraph[data-key="fiscal-reason"] p').textContent()).toContain('主要原因是项目调整，部分支出改由其他渠道安排。');
    expect(await text('live-counts')).not.toBe(errorsBefore);
  });

  it('pastes a block copied from Excel over the leaf cells', async () => {
    const target = cell('201 32 02 基本支出 · 一般公共预算');
    await target.click();
    await target.evaluate((el) => {
      const dt = new DataTransfer();
      dt.setData('text/plain', '100\t200\r\n300\t400\r\n');
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
    });
    await h.page.getByTestId('total-201 32 02').filter({ hasText: '300.00' }).waitFor({ timeout: 2000 });
    expect(await cell('201 32 02 项目支出 · 一般公共预算').inputValue()).toBe('200.00');
    expect(await text('total-201 33 02')).toBe('700.00');
    expect(await text('total-all')).toBe('22,234.56');
  });

  it('edits a project’s indicators: a target outside the grammar is flagged beside it and clears when fixed', async () => {
    await h.page.getByTestId('projects').getByRole('button', { name: '编辑说明与指标' }).first().click();
    await h.page.getByRole('button', { name: '添加指标' }).click();
    await h.page.getByLabel('指标1 三级指标').fill('巡查次数');
    const target = h.page.getByLabel('指标1 指标值');
    await target.fill('≥90');
    await h.page.getByTestId('indicators').locator('.inline-finding', { hasText: '缺少计量单位' }).waitFor({ timeout: 2000 });
    expect(await target.getAttribute('class')).toContain('invalid');
    await target.fill('≥90%');
    await h.page.getByTestId('indicators').locator('.inline-finding').waitFor({ state: 'detached', timeout: 2000 });
    await h.page.getByLabel('指标1 一级指标').selectOption('满意度指标');
    expect(await h.page.getByLabel('指标1 二级指标').inputValue()).toBe('服务对象满意度指标');
  });

  it('saves, reloads with the saved figures, and shows the version history and what changed', async () => {
    await h.page.getByRole('button', { name: '保存' }).click();
    await h.page.locator('.notice', { hasText: '已保存为第 2 版' }).waitFor();
    await h.page.reload();
    await h.page.getByTestId('lines-grid').waitFor();
    expect(await text('draft-version')).toContain('第 2 版');
    expect(await text('total-all')).toBe('22,234.56');
    expect(await cell('201 05 07 基本支出 · 一般公共预算').inputValue()).toBe('1,234.56');
    const versions = h.page.getByTestId('versions');
    await versions.locator('tr', { hasText: '第 2 版' }).waitFor();
    expect(await versions.locator('tr', { hasText: '第 1 版' }).textContent()).toContain('由2024年文件开始');
    await h.page.getByRole('button', { name: '显示变化' }).click();
    const changes = h.page.getByTestId('changes');
    await changes.waitFor();
    expect(await changes.textContent()).toContain('201 05 07 专项普查活动 · 基本支出 · 一般公共预算');
    expect(await changes.textContent()).toContain('项目调整');
    expect(await changes.textContent()).toContain('绩效指标');
    expect(await h.page.getByTestId('against-prior').textContent()).toContain('201 05 07 专项普查活动');
    await h.screenshot('authoring-draft');
    expect(h.pageErrors).toEqual([]);
  });
});
