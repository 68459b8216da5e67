import { describe, expect, it } from 'vitest';
import type { BudgetDisclosure, SourceLocation } from '#domain/index.ts';
import { checkDocuments } from './index.ts';
import { buildBudget, locatedAt, mutable, setCell, type Mutable } from './testing.ts';

type Case = { name: string; rule: string; mutate: (d: Mutable<BudgetDisclosure>) => void; at: Partial<SourceLocation>; severity?: string };

const run = (d: BudgetDisclosure) => checkDocuments([{ kind: 'budget-disclosure', document: d, name: 't' }]);

const cases: Case[] = [
  { name: 'table 2 total off table 1', rule: 'cross.table1-total-equals-table2', mutate: (d) => setCell(d, 1, '收入总计', '预算数', '900,000.01'), at: { table: 1 } },
  { name: 'table 2 total off table 3', rule: 'cross.table2-total-equals-table3', mutate: (d) => setCell(d, 3, '合计', '合计', '900,000.02'), at: { table: 2 } },
  { name: 'table 1 expenditure total off table 3', rule: 'cross.table1-expenditure-equals-table3', mutate: (d) => setCell(d, 1, '支出总计', '预算数', '900,000.03'), at: { table: 1 } },
  { name: 'a table 1 class off table 3', rule: 'cross.table1-class-equals-table3', mutate: (d) => setCell(d, 1, '住房保障支出', '预算数', '40,000.01'), at: { table: 1, row: '住房保障支出' } },
  { name: 'table 2 fiscal column off table 1', rule: 'cross.table1-fiscal-equals-table2', mutate: (d) => setCell(d, 2, '合计', '财政拨款收入', '900,000.01'), at: { table: 1 } },
  { name: 'table 4 revenue off table 1 fiscal', rule: 'cross.table1-fiscal-equals-table4', mutate: (d) => setCell(d, 4, '收入总计', '预算数', '900,000.01'), at: { table: 1 } },
  { name: 'a table 4 class off table 1', rule: 'cross.table1-class-equals-table4', mutate: (d) => setCell(d, 4, '住房保障支出', '合计', '40,000.01'), at: { table: 1, row: '住房保障支出' } },
  { name: 'a table 4 general column off table 5', rule: 'cross.table4-general-equals-table5', mutate: (d) => setCell(d, 4, '住房保障支出', '一般公共预算', '40,000.01'), at: { table: 4, row: '住房保障支出' } },
  { name: 'fund column with an empty table 6', rule: 'cross.table4-fund-equals-table6', mutate: (d) => setCell(d, 4, '支出总计', '政府性基金预算', '5.00'), at: { table: 4 } },
  { name: 'state-capital column with an empty table 7', rule: 'cross.table4-state-capital-equals-table7', mutate: (d) => setCell(d, 4, '支出总计', '国有资本经营预算', '5.00'), at: { table: 4 } },
  { name: 'table 5 row off table 3', rule: 'cross.table3-equals-table5', mutate: (d) => setCell(d, 5, '221 02 01', '基本支出', '40,000.01'), at: { table: 3, row: '221 02 01 住房公积金', column: '基本支出' } },
  { name: 'table 2 code off table 3', rule: 'cross.table2-code-equals-table3', mutate: (d) => setCell(d, 2, '221 02 01', '合计', '40,000.01'), at: { table: 2, row: '221 02 01 住房公积金' } },
  { name: 'table 8 total off table 5 basic', rule: 'cross.table5-basic-equals-table8', mutate: (d) => setCell(d, 8, '合计', '合计', '400,000.01'), at: { table: 5 } },
  { name: 'reception off 302 17', rule: 'cross.table9-reception-equals-302-17', mutate: (d) => setCell(d, 8, '302 17', '合计', '6,000.01'), at: { table: 9, column: '公务接待费' }, severity: 'info' },
  { name: 'vehicle operation without 302 31', rule: 'cross.table9-vehicle-operation-equals-302-31', mutate: (d) => setCell(d, 9, '2025年预算数', '公务用车运行费', '100.00'), at: { table: 9, column: '公务用车运行费' }, severity: 'info' },
  { name: 'housing fund off 221 02 01', rule: 'cross.social-insurance-mirror', mutate: (d) => setCell(d, 8, '301 13', '合计', '40,000.01'), at: { table: 8 }, severity: 'info' },
  { name: 'operating costs off 公用经费', rule: 'cross.operating-costs-equals-table8-public', mutate: (d) => setCell(d, 9, '2025年预算数', '机关运行经费', '40,000.01'), at: { table: 9, column: '机关运行经费' }, severity: 'warning' },
];

describe('cross-table rules', () => {
  it('find nothing on a consistent document', () => {
    expect(run(buildBudget()).filter((f) => f.rule.startsWith('cross.'))).toEqual([]);
  });

  it.each(cases)('$rule fires on $name', ({ rule, mutate, at, severity }) => {
    const d = mutable(buildBudget());
    mutate(d);
    const hits = run(d as BudgetDisclosure).filter((f) => f.rule === rule);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.some((f) => locatedAt(f.location, at))).toBe(true);
    expect(hits[0]?.severity).toBe(severity ?? 'error');
  });

  it('does not compare table 1 with table 4 when there is 事业收入', () => {
    const d = mutable(buildBudget());
    setCell(d, 1, '事业收入', '预算数', '1.00');
    setCell(d, 4, '住房保障支出', '合计', '40,000.01');
    expect(run(d as BudgetDisclosure).map((f) => f.rule)).not.toContain('cross.table1-class-equals-table4');
  });

  it('does not compare table 3 with table 5 when table 6 holds fund money', () => {
    const d = mutable(buildBudget());
    const t6 = d.tables.find((t) => t.number === 6)!;
    t6.rows[0]!.cells[0]!.figure = { amount: 100 as never, raw: '1.00', unit: '元', source: { line: 1 } };
    setCell(d, 5, '221 02 01', '基本支出', '40,000.01');
    expect(run(d as BudgetDisclosure).map((f) => f.rule)).not.toContain('cross.table3-equals-table5');
  });

  it('does not compare codes of tables 2 and 3 when revenue is not all spent in the year', () => {
    const d = mutable(buildBudget());
    setCell(d, 2, '合计', '合计', '950,000.00');
    setCell(d, 2, '221 02 01', '合计', '40,000.01');
    expect(run(d as BudgetDisclosure).map((f) => f.rule)).not.toContain('cross.table2-code-equals-table3');
  });

  it('does not ask 机关运行经费 to equal 公用经费 when the department includes 事业 units', () => {
    const d = mutable(buildBudget());
    d.institutions!.counts.push({ type: '事业单位', count: { value: 1, raw: '1', source: { line: 1 } } });
    setCell(d, 9, '2025年预算数', '机关运行经费', '40,000.01');
    expect(run(d as BudgetDisclosure).map((f) => f.rule)).not.toContain('cross.operating-costs-equals-table8-public');
  });
});
