/**
 * Live checks on drafts of the corpus budgets: as imported, no draft has an error finding (the
 * printed tables' slips are gone once the figures are held once); the unit budgets' split of
 * basic expenditure into 人员经费 / 公用经费 is checked against table 8 and each 类.
 */
import { describe, expect, it } from 'vitest';
import type { Fen } from '#domain/index.ts';
import { parseBudgetDisclosure } from '#ingest/budget-disclosure.ts';
import { budgetCorpusDocuments } from '#ingest/testing/corpus-documents.ts';
import { setClassPublic } from './edit.ts';
import { draftFromDisclosure } from './from-disclosure.ts';
import { recompute } from './live.ts';

const drafts = budgetCorpusDocuments(process.cwd()).map((d) => ({ name: d.name, draft: draftFromDisclosure(parseBudgetDisclosure(d.text).document!) }));

describe('live checks on corpus drafts', () => {
  it.each(drafts.map((d) => [d.name, d.draft] as const))('%s: no error finding as imported', (_name, draft) => {
    expect(recompute(draft).findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
  });

  // A unit budget is in ../shared/corpus (beside the checkout in CI), not in the bundled corpus.
  const unitDraft = drafts.find((d) => d.name === 'putuo-2025-government-office-unit-budget')?.draft;
  it.skipIf(unitDraft === undefined)('a unit budget’s 公用经费 beyond a 类’s basic expenditure, or off table 8’s, is an error', () => {
    const unit = unitDraft!;
    expect(unit.level).toBe('unit');
    const pub = unit.classPublic['208']!;
    const moved = setClassPublic(unit, '208', (pub + 1) as Fen);
    const found = recompute(moved).findings.filter((f) => f.rule === 'authoring.class-public');
    expect(found.map((f) => f.message)).toEqual(['表1各类公用经费合计与表8公用经费合计不一致（相差 0.01 元）。']);
    const tooMuch = recompute(setClassPublic(unit, '210', 999_999_999_99 as Fen)).findings.filter((f) => f.rule === 'authoring.class-public');
    expect(tooMuch.some((f) => f.message.includes('210 卫生健康支出的公用经费大于其基本支出'))).toBe(true);
  });
});
