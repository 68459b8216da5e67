import { describe, expect, it } from 'vitest';
import type { BudgetTable, ClassificationScheme, TableRow } from '#domain/index.ts';
import { cellId, codeColumnCount, displayName, flaggedCells, focusCandidates, rowKey, twoSidedLayout } from './table-layout.ts';

const row = (name: string, extra: Partial<TableRow> = {}): TableRow => ({ kind: 'item', name, cells: [], line: 1, ...extra });
const coded = (code: string, name: string, scheme: ClassificationScheme = 'functional'): TableRow =>
  row(name, { code: { scheme, segments: code.split(' ') } });
const table = (number: BudgetTable['number'], rows: TableRow[], columns: string[] = ['合计']): BudgetTable => ({
  number,
  standardName: '',
  title: { text: '', source: { line: 1 } },
  unit: '元',
  columns,
  rows,
});

describe('stable DOM ids', () => {
  it('names a cell by table, code and column', () => {
    expect(cellId(3, rowKey(coded('208 05 05', '机关事业单位基本养老保险缴费支出')), '基本支出')).toBe('t3-208-05-05-基本支出');
    expect(cellId(1, rowKey(row('收入总计', { kind: 'total' })), '预算数')).toBe('t1-收入总计-预算数');
  });
});

describe('finding locations → ids to try', () => {
  it('tries the cell, then the row, then the table, then the section', () => {
    expect(focusCandidates({ line: 9, section: 'tables', table: 3, row: '208 05 05', column: '基本支出' })).toEqual([
      't3-208-05-05-基本支出',
      't3-208-05-05',
      't3',
      'sec-tables',
    ]);
  });

  it('accepts codes written without spaces and names with their ordinal', () => {
    expect(focusCandidates({ line: 9, table: 3, row: '2080505', column: '合计' })[0]).toBe('t3-208-05-05-合计');
    const ids = focusCandidates({ line: 9, table: 1, row: '一、财政拨款收入', column: '预算数' });
    expect(ids).toContain('t1-一、财政拨款收入-预算数');
    expect(ids).toContain('t1-财政拨款收入-预算数');
  });

  it('reads a row written as code and name', () => {
    const ids = focusCandidates({ line: 274, table: 2, row: '212 城乡社区支出', column: '合计' });
    expect(ids[0]).toBe('t2-212-合计');
    expect(ids).toContain('t2-212');
    expect(ids).toContain('t2-城乡社区支出-合计');
  });

  it('points project findings at their project', () => {
    const ids = focusCandidates({ line: 500, section: 'projects', project: '数字化项目管理' }, (n) => (n === '数字化项目管理' ? 2 : undefined));
    expect(ids).toEqual(['project-3', 'sec-projects']);
  });
});

describe('cells flagged by findings', () => {
  it('marks the primary cell and the cells of the figures compared, once per finding', () => {
    const flags = flaggedCells([
      {
        rule: 'cross-table.t5-basic-equals-t8-total',
        severity: 'error',
        message: '表5基本支出合计与表8合计不符',
        location: { line: 10, table: 5, row: '合计', column: '基本支出' },
        figures: [
          { label: '表5', location: { line: 10, table: 5, row: '合计', column: '基本支出' } },
          { label: '表8', location: { line: 20, table: 8, row: '合计', column: '合计' } },
        ],
      },
      { rule: 'narrative.x', severity: 'warning', message: '说明', location: { line: 3, section: 'explanation' }, figures: [] },
    ]);
    expect([...flags.keys()]).toEqual(['t5-合计-基本支出', 't8-合计-合计']);
    expect(flags.get('t5-合计-基本支出')).toEqual(['表5基本支出合计与表8合计不符']);
  });
});

describe('table layouts', () => {
  it('pairs the two sides of table 1 and puts both totals on the last line', () => {
    const c = (_: string) => [{ column: '预算数' }];
    const t = table(1, [
      row('财政拨款收入', { side: 'revenue', ordinal: '一', cells: c('a') }),
      row('一般公共服务支出', { side: 'expenditure', ordinal: '一', cells: c('b') }),
      row('社会保障和就业支出', { side: 'expenditure', ordinal: '七', cells: c('c') }),
      row('收入总计', { side: 'revenue', kind: 'total', cells: c('d') }),
      row('支出总计', { side: 'expenditure', kind: 'total', cells: c('e') }),
    ]);
    const l = twoSidedLayout(t);
    expect(l.lines.map((x) => [x.revenue?.name, x.expenditure?.name])).toEqual([
      ['财政拨款收入', '一般公共服务支出'],
      [undefined, '社会保障和就业支出'],
      ['收入总计', '支出总计'],
    ]);
    expect(l.revenueColumns).toEqual(['预算数']);
  });

  it('takes table 4 expenditure columns from its rows', () => {
    const cols = ['合计', '一般公共预算', '政府性基金预算', '国有资本经营预算'];
    const t = table(4, [row('一般公共预算资金', { side: 'revenue', cells: [{ column: '预算数' }] }), row('教育支出', { side: 'expenditure', cells: cols.map((column) => ({ column })) })], ['预算数', ...cols]);
    expect(twoSidedLayout(t).expenditureColumns).toEqual(cols);
  });

  it('uses 类/款 code columns for the economic table and 类/款/项 otherwise', () => {
    expect(codeColumnCount(table(8, [coded('301 01', '基本工资', 'economic')]))).toBe(2);
    expect(codeColumnCount(table(3, [coded('201', '一般公共服务支出')]))).toBe(3);
    expect(codeColumnCount(table(8, []))).toBe(2);
  });

  it('prints ordinals the way the tables do', () => {
    expect(displayName(row('财政拨款收入', { ordinal: '一' }))).toBe('一、财政拨款收入');
    expect(displayName(row('一般公共预算资金', { ordinal: '1' }))).toBe('1. 一般公共预算资金');
    expect(displayName(row('合计'))).toBe('合计');
  });
});
