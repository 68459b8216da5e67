import { describe, expect, it } from 'vitest';
import type { BudgetDisclosure } from '#domain/index.ts';
import { checkDocuments, pairSubjects, type CheckSubject } from './index.ts';
import { buildBudget, mutable, reprint, type Mutable } from './testing.ts';

/** Last year's document: the same department, 2024, with the totals this year's change implies (80.00万元). */
const priorYear = (): Mutable<BudgetDisclosure> => {
  const d = mutable(buildBudget());
  d.header.year = 2024;
  for (const t of d.tables) t.year = 2024;
  const e = d.explanation!;
  e.revenueTotal!.amount = reprint(e.revenueTotal!.amount, '80.00');
  e.revenueParts[0]!.amount = reprint(e.revenueParts[0]!.amount, '80.00');
  e.fiscalExpenditure!.amount = reprint(e.fiscalExpenditure!.amount, '80.00');
  return d;
};

const pair = (current: BudgetDisclosure, prior: BudgetDisclosure): CheckSubject[] => [
  { kind: 'budget-disclosure', document: current, name: 'now' },
  { kind: 'budget-disclosure', document: prior, name: 'before', referenceOnly: true },
];

const crossYear = (subjects: CheckSubject[]) => checkDocuments(subjects).filter((f) => f.rule.startsWith('cross-year.'));

describe('cross-year rules', () => {
  it('pair documents of one department in consecutive years', () => {
    expect(pairSubjects(pair(buildBudget(), priorYear() as BudgetDisclosure))).toEqual([[0, 1]]);
    const other = priorYear();
    other.header.department = '另一个局';
    expect(pairSubjects(pair(buildBudget(), other as BudgetDisclosure))).toEqual([]);
  });

  it('find nothing when last year agrees', () => {
    expect(crossYear(pair(buildBudget(), priorYear() as BudgetDisclosure))).toEqual([]);
  });

  it('report a prior-year figure this year implies that last year’s document does not have', () => {
    const prior = priorYear();
    prior.explanation!.revenueTotal!.amount = reprint(prior.explanation!.revenueTotal!.amount, '81.00');
    const hits = crossYear(pair(buildBudget(), prior as BudgetDisclosure));
    expect(hits.map((f) => [f.rule, f.document, f.difference])).toEqual([['cross-year.prior-figures-equal-prior-document', 'now', -1_000_000]]);
  });

  it('report nothing on a reference-only document', () => {
    const prior = priorYear();
    prior.tables = [];
    expect(checkDocuments(pair(buildBudget(), prior as BudgetDisclosure)).filter((f) => f.document === 'before')).toEqual([]);
  });

  it('report a comparison year that is not the year before', () => {
    const d = mutable(buildBudget());
    d.explanation!.revenueTotal!.change!.comparedYear = 2023;
    const hits = checkDocuments([{ kind: 'budget-disclosure', document: d as BudgetDisclosure }]).filter((f) => f.rule === 'cross-year.comparison-year-is-prior');
    expect(hits).toHaveLength(1);
    expect(hits[0]?.severity).toBe('warning');
  });

  it('report an explicitly paired prior document that is not last year’s', () => {
    const prior = priorYear();
    prior.header.year = 2022;
    const subjects: CheckSubject[] = [
      { kind: 'budget-disclosure', document: buildBudget(), name: 'now', priorName: 'before' },
      { kind: 'budget-disclosure', document: prior as BudgetDisclosure, name: 'before', referenceOnly: true },
    ];
    expect(crossYear(subjects).map((f) => f.rule)).toContain('cross-year.consecutive-years');
  });

  it('report a project whose yearly plan is last year’s text word for word', () => {
    const current = mutable(buildBudget());
    const prior = priorYear();
    const text = { text: '2024年第一季度支付30%，第四季度支付70%。', source: { line: 500 } };
    current.projects[0]!.parts.budget = text;
    prior.projects[0]!.parts.budget = { ...text };
    expect(crossYear(pair(current as BudgetDisclosure, prior as BudgetDisclosure)).map((f) => [f.rule, f.location?.project])).toEqual([
      ['cross-year.project-text-copied', '测试评审'],
    ]);
  });
});
