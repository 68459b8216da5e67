import { describe, expect, it } from 'vitest';
import type { BudgetDisclosure, SourceLocation } from '#domain/index.ts';
import { checkDocuments } from './index.ts';
import { buildBudget, locatedAt, mutable, setCell, type Mutable } from './testing.ts';

type Case = { name: string; rule: string; mutate: (d: Mutable<BudgetDisclosure>) => void; at: Partial<SourceLocation> };

const run = (d: BudgetDisclosure) => checkDocuments([{ kind: 'budget-disclosure', document: d, name: 't' }]);

const cases: Case[] = [
  { name: 'a 项 total one 分 off its parts', rule: 'table.row-total-equals-parts', mutate: (d) => setCell(d, 3, '201 41 01', '合计', '300,000.01'), at: { table: 3, row: '201 41 01 行政运行', column: '合计' } },
  { name: 'table 8 row total off', rule: 'table.row-total-equals-parts', mutate: (d) => setCell(d, 8, '302 01', '公用经费', '34,000.10'), at: { table: 8, row: '302 01 办公费', column: '合计' } },
  {
    name: 'a 款 that is not the sum of its 项',
    rule: 'table.parent-equals-children',
    mutate: (d) => {
      setCell(d, 3, '201 41', '基本支出', '300,001.00');
      setCell(d, 3, '201 41', '合计', '800,001.00');
    },
    at: { table: 3, row: '201 41 数据事务', column: '基本支出' },
  },
  {
    name: 'the 合计 row off the 类',
    rule: 'table.total-row-equals-classes',
    mutate: (d) => {
      setCell(d, 5, '合计', '基本支出', '400,000.10');
      setCell(d, 5, '合计', '合计', '900,000.10');
    },
    at: { table: 5, row: '合计', column: '基本支出' },
  },
  { name: 'table 1 expenditure total off the classes', rule: 'table.total-row-equals-classes', mutate: (d) => setCell(d, 1, '住房保障支出', '预算数', '40,000.50'), at: { table: 1, row: '支出总计' } },
  { name: 'table 1 unbalanced', rule: 'table1.revenue-equals-expenditure', mutate: (d) => setCell(d, 1, '收入总计', '预算数', '900,000.01'), at: { table: 1, row: '收入总计' } },
  { name: 'table 4 unbalanced', rule: 'table4.revenue-equals-expenditure', mutate: (d) => setCell(d, 4, '收入总计', '预算数', '900,001.00'), at: { table: 4, row: '收入总计' } },
  { name: 'a source off 财政拨款收入', rule: 'table1.fiscal-equals-sources', mutate: (d) => setCell(d, 1, '一般公共预算资金', '预算数', '899,999.99'), at: { table: 1, row: '财政拨款收入' } },
  { name: 'table 9 total off its parts', rule: 'table9.total-equals-parts', mutate: (d) => setCell(d, 9, '2025年预算数', '合计', '6,000.01'), at: { table: 9, column: '合计' } },
  { name: 'table 9 vehicle subtotal off', rule: 'table9.vehicle-subtotal', mutate: (d) => setCell(d, 9, '2025年预算数', '公务用车运行费', '0.01'), at: { table: 9, column: '公务用车购置及运行费小计' } },
];

describe('within-table rules', () => {
  it('find nothing on a consistent document', () => {
    expect(run(buildBudget()).filter((f) => f.rule.startsWith('table'))).toEqual([]);
  });

  it.each(cases)('$rule fires on $name, at the right cell', ({ rule, mutate, at }) => {
    const d = mutable(buildBudget());
    mutate(d);
    const hits = run(d as BudgetDisclosure).filter((f) => f.rule === rule);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.some((f) => locatedAt(f.location, at))).toBe(true);
    expect(hits.every((f) => f.severity === 'error')).toBe(true);
  });

  it('states both sides in 元 and the difference in 分', () => {
    const d = mutable(buildBudget());
    setCell(d, 3, '201 41 01', '合计', '300,000.01');
    const f = run(d as BudgetDisclosure).find((x) => x.rule === 'table.row-total-equals-parts')!;
    expect(f.difference).toBe(1);
    expect(f.figures.slice(0, 2).map((x) => x.amount)).toEqual([30000001, 30000000]);
    expect(f.figures[0]?.location?.line).toBe(f.location?.line);
  });

  it('leaves rows with figures the reader could not place out of the arithmetic', () => {
    const d = mutable(buildBudget());
    setCell(d, 3, '201 41 01', '合计', '300,000.01');
    const row = d.tables.find((t) => t.number === 3)!.rows.find((r) => r.name === '行政运行')!;
    (row as { unplaced?: unknown }).unplaced = [row.cells[0]!.figure];
    const rules = run(d as BudgetDisclosure).map((f) => f.rule);
    expect(rules).not.toContain('table.row-total-equals-parts');
  });

  it('still reports a row whose unplaced figures cannot add up in any placement', () => {
    const d = mutable(buildBudget());
    const row = d.tables.find((t) => t.number === 3)!.rows.find((r) => r.name === '行政运行')!;
    const printed = row.cells.flatMap((c) => (c.figure ? [c.figure] : []));
    (row as { unplaced?: unknown }).unplaced = [{ ...printed[0]!, raw: '300,000.03', amount: 30000003 }, printed[1]];
    for (const c of row.cells) delete (c as { figure?: unknown }).figure;
    const hits = run(d as BudgetDisclosure).filter((f) => f.rule === 'table.row-figures-add-up');
    expect(hits.map((f) => [f.location?.table, f.location?.line, f.difference])).toEqual([[3, row.line, 3]]);
    // Printed as they should be (300,000.00 and 300,000.00), nothing to report.
    (row as { unplaced?: unknown }).unplaced = printed;
    expect(run(d as BudgetDisclosure).map((f) => f.rule)).not.toContain('table.row-figures-add-up');
  });

  it('leaves rows flagged ambiguous by a diagnostic out of the arithmetic', () => {
    const d = mutable(buildBudget());
    setCell(d, 3, '201 41 01', '合计', '300,000.01');
    const row = d.tables.find((t) => t.number === 3)!.rows.find((r) => r.name === '行政运行')!;
    const findings = checkDocuments([
      {
        kind: 'budget-disclosure',
        document: d as BudgetDisclosure,
        diagnostics: [{ code: 'cell-placement-ambiguous', severity: 'warning', message: '', location: { line: row.line, table: 3 } }],
      },
    ]);
    expect(findings.map((f) => f.rule)).not.toContain('table.row-total-equals-parts');
  });
});
