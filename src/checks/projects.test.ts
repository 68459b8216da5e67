import { describe, expect, it } from 'vitest';
import type { BudgetDisclosure, SourceLocation } from '#domain/index.ts';
import { checkDocuments } from './index.ts';
import { buildBudget, locatedAt, mutable, reprint, wanFigure, type Mutable } from './testing.ts';

type Case = { name: string; rule: string; mutate: (d: Mutable<BudgetDisclosure>) => void; at?: Partial<SourceLocation>; severity?: string };

const run = (d: BudgetDisclosure) => checkDocuments([{ kind: 'budget-disclosure', document: d, name: 't' }]);
const p0 = (d: Mutable<BudgetDisclosure>) => d.projects[0]!;

const cases: Case[] = [
  {
    name: 'all projects listed, sum off 项目支出',
    rule: 'projects.sum-equals-project-expenditure',
    mutate: (d) => {
      p0(d).annualAmount = reprint(p0(d).annualAmount!, '31.00');
      p0(d).breakdown[0]!.amount = reprint(p0(d).breakdown[0]!.amount!, '31.00');
      p0(d).breakdown[0]!.quantity = '3.1';
    },
  },
  { name: 'breakdown rows off the annual amount', rule: 'projects.breakdown-equals-amount', mutate: (d) => (p0(d).breakdown[0]!.amount = reprint(p0(d).breakdown[0]!.amount!, '20.00')), at: { project: '测试评审' } },
  { name: 'amount not quantity × price', rule: 'projects.quantity-times-price', mutate: (d) => (p0(d).breakdown[0]!.unitPrice = reprint(p0(d).breakdown[0]!.unitPrice!, '11.00')), at: { project: '测试评审' } },
  { name: 'estimate off the amount', rule: 'projects.estimate-equals-amount', mutate: (d) => (p0(d).estimatedAmount = wanFigure('35.00', { section: 'projects' })), severity: 'warning', at: { project: '测试评审' } },
  {
    name: 'payments off the amount',
    rule: 'projects.payment-schedule-amounts',
    mutate: (d) => {
      p0(d).paymentSchedule = [
        { trigger: '合同签订后', amount: wanFigure('10.00'), line: 900 },
        { trigger: '验收后', amount: wanFigure('10.00'), line: 901 },
      ];
    },
    severity: 'warning',
    at: { project: '测试评审', line: 900 },
  },
  {
    name: 'payment shares above 100%',
    rule: 'projects.payment-schedule-percents',
    mutate: (d) => {
      p0(d).paymentSchedule = [
        { trigger: '合同签订后', percent: { hundredths: 6000, raw: '60', source: { line: 900 } }, line: 900 },
        { trigger: '验收后', percent: { hundredths: 5000, raw: '50', source: { line: 901 } }, line: 901 },
      ];
    },
    severity: 'warning',
  },
  { name: 'period last year', rule: 'projects.period-within-year', mutate: (d) => (p0(d).period = { ...p0(d).period!, start: '2024-01-01', end: '2024-12-31', raw: '2024年' }), severity: 'warning' },
  { name: 'schedule dated last year', rule: 'projects.schedule-year', mutate: (d) => (p0(d).breakdown[0]!.note = '2024年6月前'), severity: 'warning', at: { project: '测试评审' } },
  { name: 'heading without a name', rule: 'projects.name-present', mutate: (d) => (p0(d).name = ''), severity: 'warning' },
  {
    name: 'no amount at all',
    rule: 'projects.amount-stated',
    mutate: (d) => {
      delete (p0(d) as { annualAmount?: unknown }).annualAmount;
      p0(d).breakdown = [];
    },
    severity: 'info',
  },
];

describe('project rules', () => {
  it('find nothing on a consistent document', () => {
    expect(run(buildBudget()).filter((f) => f.rule.startsWith('projects.'))).toEqual([]);
  });

  it.each(cases)('$rule fires on $name', ({ rule, mutate, at, severity }) => {
    const d = mutable(buildBudget());
    mutate(d);
    const hits = run(d as BudgetDisclosure).filter((f) => f.rule === rule);
    expect(hits.length).toBeGreaterThan(0);
    if (at) expect(hits.some((f) => locatedAt(f.location, at))).toBe(true);
    expect(hits[0]?.severity).toBe(severity ?? 'error');
  });

  it('only hints at a sum mismatch when the document lists some of its projects', () => {
    const d = mutable(buildBudget());
    d.projects.pop();
    const f = run(d as BudgetDisclosure).filter((x) => x.rule === 'projects.sum-equals-project-expenditure');
    expect(f.map((x) => x.severity)).toEqual(['info']);
  });

  it('takes only the budget year of a year-by-year plan', () => {
    const d = mutable(buildBudget());
    p0(d).breakdown = [
      { item: '2024年', amount: wanFigure('12.00'), line: 900 },
      { item: '2025年', amount: wanFigure('30.00'), line: 901 },
    ];
    expect(run(d as BudgetDisclosure).filter((f) => f.rule.startsWith('projects.'))).toEqual([]);
  });
});
