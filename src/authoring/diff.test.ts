import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Fen } from '#domain/index.ts';
import { parseBudgetDisclosure } from '#ingest/budget-disclosure.ts';
import { againstPriorYear, diffDrafts } from './diff.ts';
import { setLineAmount, setProcurement, setReason, setThreePublic } from './edit.ts';
import { draftFromDisclosure, nextYearDraft } from './from-disclosure.ts';

const draft = draftFromDisclosure(parseBudgetDisclosure(readFileSync('corpus/songjiang-2025-data-bureau-budget.txt', 'utf8')).document!);

describe('diffDrafts', () => {
  it('is empty for the same draft and names exactly what an edit changed', () => {
    expect(diffDrafts(draft, draft)).toEqual([]);
    expect(diffDrafts(draft, setProcurement(draft, 'services', 34_00 as Fen))).toEqual([{ label: '政府采购 · 服务', kind: 'amount', before: draft.procurement?.services ?? 0, after: 3400 }]);
    const b = setReason(setThreePublic(setLineAmount(draft, '201 41 01', 'project.general', 5_00 as Fen), 'reception', 12_00 as Fen), 'fiscal', '新增职能');
    expect(diffDrafts(draft, b)).toEqual([
      { label: '201 41 01 行政运行 · 项目支出 · 一般公共预算', kind: 'amount', before: 0, after: 500 },
      { label: '表9 · 公务接待费', kind: 'amount', before: draft.threePublic.reception, after: 1200 },
      { label: '原因 · 财政拨款收支变动', kind: 'text', before: '', after: '新增职能' },
    ]);
  });
  it('against last year: every line of a fresh next-year draft is listed with its 上年 合计', () => {
    const next = nextYearDraft(draft);
    const rows = againstPriorYear(next);
    expect(rows.find((r) => r.code === '201 41 01')).toEqual({ code: '201 41 01', name: '行政运行', prior: 364_448_631, current: 0 });
    expect(againstPriorYear(setLineAmount(next, '201 41 01', 'basic.general', 364_448_631 as Fen)).some((r) => r.code === '201 41 01')).toBe(false);
  });
});
