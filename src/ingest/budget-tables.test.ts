import { describe, expect, it } from 'vitest';
import { cellFigure, DiagnosticSink, formatCode, type BudgetTable, type TableRow } from '#domain/index.ts';
import { matchTableTitle, readBudgetTables } from './budget-tables.ts';
import { toLines } from './text.ts';

const read = (text: string, searchBudget?: number): { tables: BudgetTable[]; codes: string[]; sink: DiagnosticSink } => {
  const sink = new DiagnosticSink();
  const tables = readBudgetTables(toLines(text), sink, searchBudget !== undefined ? { searchBudget } : {});
  return { tables, codes: sink.items.map((d) => d.code), sink };
};

const table = (tables: readonly BudgetTable[], n: number): BudgetTable => {
  const t = tables.find((x) => x.number === n);
  if (!t) throw new Error(`table ${n} not read`);
  return t;
};

const row = (t: BudgetTable, label: string, side?: 'revenue' | 'expenditure'): TableRow => {
  const r = t.rows.find((x) => (x.code ? formatCode(x.code) : x.name) === label && (side === undefined || x.side === side));
  if (!r) throw new Error(`row ${label} not in table ${t.number}`);
  return r;
};

/** Column → raw figure of a row's placed cells. */
const placed = (r: TableRow): Record<string, string> =>
  Object.fromEntries(r.cells.filter((c) => c.figure).map((c) => [c.column, c.figure?.raw ?? '']));

const HEADER_3 = ['编制部门：某某局 单位：元', '项  目 支出预算', '功能分类科目编码', '功能分类科目名称 合计 基本支出 项目支出', '类 款 项'];

const table3 = (...rows: string[]): string => ['2025年部门支出预算总表', ...HEADER_3, ...rows].join('\n');

describe('matchTableTitle', () => {
  it.each([
    ['2025年部门财务收支预算总表', 1, 'department', 2025],
    ['2025年部门收入预算总表', 2, 'department', 2025],
    ['2025年单位支出预算总表', 3, 'unit', 2025],
    ['2025年预算单位支出预算总表', 3, 'unit', 2025],
    ['2026年部门财政拨款收支预算总表', 4, 'department', 2026],
    ['5．2024年部门一般公共预算支出功能分类预算表', 5, 'department', 2024],
    ['2025年部门政府性基金预算支出功能分类预算表', 6, 'department', 2025],
    ['2025年单位国有资本经营预算支出功能分类预算表', 7, 'unit', 2025],
    ['2025年部门一般公共预算基本支出部门预算经济分类预算表', 8, 'department', 2025],
    ['部门“三公”经费和机关运行经费预算表', 9, 'department', undefined],
    ['2025年部门“三公”经费和机关运行经费预算表', 9, 'department', 2025],
    ['表一 2025年部门财务收支预算总表', 1, 'department', 2025],
    ['2025年部门收入预算总表（单位：万元）', 2, 'department', 2025],
    // The issuer between year and core, before the year, or both; 表N numbering; 续表 marks.
    ['2025年上海市松江区数据局财务收支预算总表', 1, 'department', 2025],
    ['2025年上海市普陀区万里街道部门收入预算总表', 2, 'department', 2025],
    ['上海市普陀区商务委员会2025年部门支出预算总表', 3, 'department', 2025],
    ['表2 2025年预算单位收入预算总表', 2, 'unit', 2025],
    ['附表8：2025年单位一般公共预算基本支出单位预算经济分类预算表', 8, 'unit', 2025],
    ['2025年部门收入预算总表（续）', 2, 'department', 2025],
    ['上海市松江区数据局部门“三公”经费和机关运行经费预算表', 9, 'department', undefined],
    ['2025年部门收支总表', 1, 'department', 2025],
    ['2025年度部门收入总表', 2, 'department', 2025],
    ['2025年部门一般公共预算支出预算表', 5, 'department', 2025],
    ['2025年部门一般公共预算基本支出预算表', 8, 'department', 2025],
    ['2025年一般公共预算“三公”经费支出预算表', 9, 'department', 2025],
  ] as const)('recognises %s', (text, number, level, year) => {
    expect(matchTableTitle(text)).toEqual({ number, level, ...(year !== undefined ? { year } : {}) });
  });

  it.each([
    '  1. 2024年部门财务收支预算总表   ……………………………………',
    '五、部门预算表',
    '详见2025年部门收入预算总表。',
    '2025年部门预算编制说明',
    '1,234.00 2025年部门收入预算总表',
    '根据2025年部门收入预算总表',
  ])('rejects %s', (text) => {
    expect(matchTableTitle(text)).toBeUndefined();
  });
});

describe('readBudgetTables: single spaces with empty cells dropped', () => {
  it('places sparse-row values by parent sums', () => {
    const { tables, codes } = read(
      table3(
        '201 一般公共服务支出 8,950,796.31 3,644,486.31 5,306,310.00',
        '201 41 数据事务 8,950,796.31 3,644,486.31 5,306,310.00',
        '201 41 01 行政运行 3,644,486.31 3,644,486.31',
        '201 41 02 一般行政管理事务 5,306,310.00 5,306,310.00',
        '合计 8,950,796.31 3,644,486.31 5,306,310.00',
      ),
    );
    const t = table(tables, 3);
    expect(placed(row(t, '201 41 01'))).toEqual({ 合计: '3,644,486.31', 基本支出: '3,644,486.31' });
    expect(placed(row(t, '201 41 02'))).toEqual({ 合计: '5,306,310.00', 项目支出: '5,306,310.00' });
    expect(row(t, '201 41 02').cells.find((c) => c.column === '项目支出')?.placement).toBe('inferred');
    expect(row(t, '201').cells[0]?.placement).toBe('printed');
    expect(codes).not.toContain('cell-placement-ambiguous');
  });

  it('places by the 合计 row when parents do not decide', () => {
    const { tables, codes } = read(
      table3('201 一般公共服务支出 700.00 700.00', '208 社会保障和就业支出 300.00 300.00', '合计 1,000.00 300.00 700.00'),
    );
    const t = table(tables, 3);
    expect(placed(row(t, '201'))).toEqual({ 合计: '700.00', 项目支出: '700.00' });
    expect(placed(row(t, '208'))).toEqual({ 合计: '300.00', 基本支出: '300.00' });
    expect(codes).not.toContain('cell-placement-ambiguous');
  });

  it('reads a 合计 row printed first and a 项 listed directly under its 类', () => {
    const { tables, codes } = read(
      table3('合计 1,000.00 300.00 700.00', '201 一般公共服务支出 700.00 700.00', '201 41 02 一般行政管理事务 700.00 700.00', '208 社会保障和就业支出 300.00 300.00', '208 05 05 机关事业单位基本养老保险缴费支出 300.00 300.00'),
    );
    const t = table(tables, 3);
    expect(t.rows.map((r) => r.kind)).toEqual(['total', 'item', 'item', 'item', 'item']);
    expect(placed(row(t, '201 41 02'))).toEqual({ 合计: '700.00', 项目支出: '700.00' });
    expect(placed(row(t, '208 05 05'))).toEqual({ 合计: '300.00', 基本支出: '300.00' });
    expect(codes).not.toContain('cell-placement-ambiguous');
  });

  it('resolves each set of tables on its own when a document holds two', () => {
    const first = table3('201 一般公共服务支出 500.00 500.00', '合计 500.00 500.00 0.00');
    const second = table3('201 一般公共服务支出 500.00 500.00', '合计 500.00 0.00 500.00');
    const { tables, codes } = read(`${first}\n\n${second}`);
    expect(tables.map((t) => placed(t.rows[0] as TableRow))).toEqual([
      { 合计: '500.00', 基本支出: '500.00' },
      { 合计: '500.00', 项目支出: '500.00' },
    ]);
    expect(codes).not.toContain('cell-placement-ambiguous');
  });

  it('reports cell-placement-ambiguous and leaves the figure unplaced when the arithmetic cannot decide', () => {
    const { tables, sink } = read(
      table3(
        '201 一般公共服务支出 1,000.00 500.00 500.00',
        '201 41 数据事务 1,000.00 500.00 500.00',
        '201 41 01 行政运行 500.00 500.00',
        '201 41 02 一般行政管理事务 500.00 500.00',
        '合计 1,000.00 500.00 500.00',
      ),
    );
    const t = table(tables, 3);
    const r = row(t, '201 41 01');
    expect(placed(r)).toEqual({ 合计: '500.00' });
    expect(r.unplaced?.map((f) => f.raw)).toEqual(['500.00']);
    expect(r.unplaced?.[0]?.source.column).toBeUndefined();
    const ambiguous = sink.items.filter((d) => d.code === 'cell-placement-ambiguous');
    expect(ambiguous.map((d) => d.location?.line)).toEqual([r.line, row(t, '201 41 02').line]);
    expect(ambiguous[0]?.severity).toBe('warning');
  });

  it('reports cell-placement-inconsistent when no arrangement adds up, keeping the figures', () => {
    const { tables, codes } = read(table3('201 一般公共服务支出 500.00 300.00 200.00', '201 41 数据事务 500.00 500.00', '合计 500.00 300.00 200.00'));
    expect(codes).toContain('cell-placement-inconsistent');
    const r = row(table(tables, 3), '201 41');
    expect(placed(r)).toEqual({ 合计: '500.00' });
    expect(r.unplaced?.map((f) => f.raw)).toEqual(['500.00']);
  });

  it('confines a printed slip to its own rows: the rest is still placed', () => {
    const { tables, sink } = read(
      table3(
        '201 一般公共服务支出 500.00 0.00 500.00',
        '201 41 数据事务 500.00 500.00',
        '208 社会保障和就业支出 300.00 100.00 200.00',
        '208 05 行政事业单位养老支出 300.00 300.00',
        '合计 800.00 100.00 700.00',
      ),
    );
    const t = table(tables, 3);
    expect(placed(row(t, '201 41'))).toEqual({ 合计: '500.00', 项目支出: '500.00' });
    expect(row(t, '208 05').unplaced?.map((f) => f.raw)).toEqual(['300.00']);
    expect(sink.items.filter((d) => d.code === 'cell-placement-ambiguous').map((d) => d.location?.row)).toEqual(['208 05']);
    expect(sink.items.some((d) => d.code === 'cell-placement-inconsistent')).toBe(true);
  });

  it('caps the search and says so', () => {
    const rows = Array.from({ length: 12 }, (_, i) => `201 ${String(i + 10)} 事务${i} 100.00 100.00`);
    const { codes } = read(table3('201 一般公共服务支出 1,200.00 600.00 600.00', ...rows, '合计 1,200.00 600.00 600.00'), 3);
    expect(codes).toContain('cell-placement-search-capped');
    expect(codes).toContain('cell-placement-ambiguous');
  });

  it('keeps a figure that does not add up as printed', () => {
    const { tables, codes } = read(
      table3('212 01 城乡社区管理事务 94,995,790 77,381,546 17,614,243', '212 01 01 行政运行 94,995,789 77,381,546 17,614,243', '合计 94,995,790 77,381,546 17,614,243'),
    );
    expect(cellFigure(row(table(tables, 3), '212 01'), '合计')?.amount).toBe(9_499_579_000);
    expect(codes).not.toContain('cell-placement-inconsistent');
  });
});

describe('readBudgetTables: cross-table arithmetic', () => {
  const table1 = (revenueLines: readonly string[]): string =>
    [
      '2025年部门财务收支预算总表',
      '编制部门：某某局 单位：元',
      '本年收入 本年支出',
      '项  目 预算数 项  目 预算数',
      ...revenueLines,
      '收入总计 1,000.00 支出总计 1,000.00',
    ].join('\n');
  const table2 = [
    '2025年部门收入预算总表',
    '编制部门：某某局 单位：元',
    '项  目 收入预算',
    '功能分类科目编码',
    '功能分类科目名称 合计 财政拨款收入 事业收入',
    '事业单位',
    '经营收入',
    '其他收入',
    '类 款 项',
    '201 一般公共服务支出 1,000.00 1,000.00',
    '合计 1,000.00 1,000.00',
  ].join('\n');

  it("puts table 2's figures under 财政拨款收入 when table 1 shows the other sources empty", () => {
    const { tables } = read(
      `${table1(['一、财政拨款收入 1,000.00 一、一般公共服务支出 1,000.00', '1. 一般公共预算资金 1,000.00', '二、事业收入', '三、事业单位经营收入', '四、其他收入'])}\n\n${table2}`,
    );
    expect(placed(row(table(tables, 2), '201'))).toEqual({ 合计: '1,000.00', 财政拨款收入: '1,000.00' });
    expect(placed(row(table(tables, 2), '合计'))).toEqual({ 合计: '1,000.00', 财政拨款收入: '1,000.00' });
  });

  it("puts them under 事业收入 when that is where table 1's money is", () => {
    const { tables } = read(
      `${table1(['一、财政拨款收入 一、一般公共服务支出 1,000.00', '二、事业收入 1,000.00', '三、事业单位经营收入', '四、其他收入'])}\n\n${table2}`,
    );
    expect(placed(row(table(tables, 2), '201'))).toEqual({ 合计: '1,000.00', 事业收入: '1,000.00' });
  });

  it("reads a unit budget's table 1 whose expenditure side is split into 人员经费 / 公用经费 / 项目支出", () => {
    const { tables, codes } = read(
      [
        '2025年单位财务收支预算总表',
        '编制单位：某某中心 单位：元',
        '本年收入 本年支出',
        '项目 预算数 项目 合计 人员经费 公用经费 项目支出',
        '一、财政拨款收入 1,000.00 一、一般公共服务支出 700.00 700.00',
        '二、事业收入 二、社会保障和就业支出 300.00 200.00 100.00',
        '收入总计 1,000.00 支出总计 1,000.00 200.00 100.00 700.00',
      ].join('\n'),
    );
    const t = table(tables, 1);
    expect(t.columns).toEqual(['预算数', '人员经费', '公用经费', '项目支出']);
    expect(t.preparer).toBe('某某中心');
    expect(placed(row(t, '一般公共服务支出'))).toEqual({ 预算数: '700.00', 项目支出: '700.00' });
    expect(placed(row(t, '社会保障和就业支出'))).toEqual({ 预算数: '300.00', 人员经费: '200.00', 公用经费: '100.00' });
    expect(placed(row(t, '财政拨款收入'))).toEqual({ 预算数: '1,000.00' });
    expect(codes).not.toContain('table-row-extra-figures');
  });

  it('reads table 4 by sides, its expenditure columns decided by tables 5, 6 and 7', () => {
    const text = [
      '2025年部门财政拨款收支预算总表',
      '编制部门：某某局 单位：元',
      '财政拨款收入 财政拨款支出',
      '项目 预算数 项  目 合计 一般公共预算',
      '政府性基金',
      '预算',
      '国有资本',
      '经营预算',
      '一、一般公共预算资金 800.00 一、一般公共服务支出 800.00 800.00',
      '二、政府性基金 200.00 二、城乡社区支出 200.00 200.00',
      '三、国有资本经营预算',
      '收入总计 1,000.00 支出总计 1,000.00 800.00 200.00',
      '',
      '2025年部门一般公共预算支出功能分类预算表',
      ...HEADER_3,
      '201 一般公共服务支出 800.00 300.00 500.00',
      '合计 800.00 300.00 500.00',
      '',
      '2025年部门政府性基金预算支出功能分类预算表',
      ...HEADER_3,
      '212 城乡社区支出 200.00 0.00 200.00',
      '合计 200.00 0.00 200.00',
      '',
      '2025年部门国有资本经营预算支出功能分类预算表',
      ...HEADER_3,
      '合计',
      '注：本部门无国有资本经营预算，',
      '故本表无数据。',
    ].join('\n');
    const { tables, codes, sink } = read(text);
    const t4 = table(tables, 4);
    expect(placed(row(t4, '一般公共预算资金', 'revenue'))).toEqual({ 预算数: '800.00' });
    expect(row(t4, '一般公共预算资金', 'revenue').ordinal).toBe('一、');
    expect(placed(row(t4, '一般公共服务支出', 'expenditure'))).toEqual({ 合计: '800.00', 一般公共预算: '800.00' });
    expect(placed(row(t4, '城乡社区支出', 'expenditure'))).toEqual({ 合计: '200.00', 政府性基金预算: '200.00' });
    expect(placed(row(t4, '支出总计', 'expenditure'))).toEqual({ 合计: '1,000.00', 一般公共预算: '800.00', 政府性基金预算: '200.00' });
    expect(row(t4, '收入总计', 'revenue').kind).toBe('total');
    expect(table(tables, 7).note?.text).toBe('注：本部门无国有资本经营预算，故本表无数据。');
    expect(table(tables, 7).rows.map((r) => [r.kind, r.name, r.cells.filter((c) => c.figure).length])).toEqual([['total', '合计', 0]]);
    expect(codes).toContain('cell-placement-cross-table');
    expect(sink.items.filter((d) => d.code === 'cell-placement-ambiguous')).toEqual([]);
  });
});

describe('readBudgetTables: layouts', () => {
  it('reads tab-separated cells with empty cells kept as printed positions', () => {
    const { tables, codes } = read(table3('201\t一般公共服务支出\t500.00\t\t500.00', '合计\t500.00\t\t500.00'));
    const r = row(table(tables, 3), '201');
    expect(placed(r)).toEqual({ 合计: '500.00', 项目支出: '500.00' });
    expect(r.cells.find((c) => c.column === '项目支出')?.placement).toBe('printed');
    expect(codes).not.toContain('cell-placement-ambiguous');
  });

  it('does not trust tabs that only separate printed cells: places by arithmetic instead', () => {
    const { tables } = read(table3('201\t一般公共服务支出\t500.00\t500.00', '合计\t500.00\t0.00\t500.00'));
    const r = row(table(tables, 3), '201');
    expect(placed(r)).toEqual({ 合计: '500.00', 项目支出: '500.00' });
    expect(r.cells.find((c) => c.column === '项目支出')?.placement).toBe('inferred');
  });

  it('reads a title wrapped over two lines and a preparer line printed above the title', () => {
    const { tables } = read(
      [
        '编制部门：某某局 单位：元',
        '2025年部门一般公共预算基本支出部门预算经济',
        '分类预算表',
        '经济分类科目编码 经济分类科目名称 合计 人员经费 公用经费',
        '301 工资福利支出 100.00 100.00 0.00',
        '合计 100.00 100.00 0.00',
      ].join('\n'),
    );
    const t = table(tables, 8);
    expect(t.title.text).toBe('2025年部门一般公共预算基本支出部门预算经济分类预算表');
    expect(t.preparer).toBe('某某局');
    expect(t.rows).toHaveLength(2);
  });

  it('ignores a table of contents printed without leader dots', () => {
    const { tables } = read(['1. 2025年部门支出预算总表', '2. 2025年部门收入预算总表', '', table3('201 一般公共服务支出 500.00 0.00 500.00')].join('\n'));
    expect(tables.map((t) => [t.number, t.title.source.line])).toEqual([[3, 4]]);
  });

  it('reads a markdown table with a heading title and an HTML table', () => {
    const md = [
      '## 2025年部门支出预算总表',
      '编制部门：某某局 单位：元',
      '| 科目编码 | 科目名称 | 合计 | 基本支出 | 项目支出 |',
      '|---|---|---|---|---|',
      '| 201 | 一般公共服务支出 | 500.00 | | 500.00 |',
      '| | 合计 | 500.00 | | 500.00 |',
    ].join('\n');
    const html = [
      '<p><b>2025年部门支出预算总表</b></p>',
      '<p>编制部门：某某局 单位：元</p>',
      '<tr><th>科目编码</th><th>科目名称</th><th>合计</th><th>基本支出</th><th>项目支出</th></tr>',
      '<tr><td>201</td><td>一般公共服务支出</td><td>500.00</td><td></td><td>500.00</td></tr>',
      '<tr><td></td><td>合计</td><td>500.00</td><td></td><td>500.00</td></tr>',
    ].join('\n');
    for (const text of [md, html]) {
      const { tables } = read(text);
      const t = table(tables, 3);
      expect(t.title.text).toBe('2025年部门支出预算总表');
      expect(placed(row(t, '201'))).toEqual({ 合计: '500.00', 项目支出: '500.00' });
      expect(placed(row(t, '合计'))).toEqual({ 合计: '500.00', 项目支出: '500.00' });
    }
  });

  it('reads columns aligned by runs of spaces, whole 元 and printed zeros', () => {
    const { tables } = read(
      table3('201             一般公共服务支出         2,932,700          0    2,932,700', '                  合计          2,932,700          0    2,932,700'),
    );
    const r = row(table(tables, 3), '201');
    expect(r.cells.map((c) => c.figure?.amount)).toEqual([293_270_000, 0, 293_270_000]);
    expect(r.cells.every((c) => c.placement === 'printed')).toBe(true);
  });

  it('reads a table split over pages with the header repeated, page furniture and wrapped names', () => {
    const { tables, codes } = read(
      table3(
        '208 社会保障和就业支出 300.00 300.00',
        '208 05 机关事业单位基本养老保险',
        '缴费支出 300.00 300.00',
        '\f- 7 -',
        '项目 一般公共预算支出',
        '功能分类科目编码',
        '功能分类科目名称 合计 基本支出 项目支出',
        '类 款 项',
        '210 卫生健康支出 200.00 200.00',
        '210 11 行政事业单位医疗 200.00 200.00',
        '合计 500.00 500.00 0.00',
      ),
    );
    const t = table(tables, 3);
    expect(t.rows.map((r) => (r.code ? formatCode(r.code) : r.name))).toEqual(['208', '208 05', '210', '210 11', '合计']);
    expect(row(t, '208 05').name).toBe('机关事业单位基本养老保险缴费支出');
    expect(placed(row(t, '210 11'))).toEqual({ 合计: '200.00', 基本支出: '200.00' });
    expect(codes).not.toContain('table-text-unrecognised');
  });

  it('ends a note printed above the rows at the first row', () => {
    const { tables } = read(['2025年部门支出预算总表', '编制部门：某某局 单位：元', '注：本表不含上年结转。', '201 一般公共服务支出 500.00 0.00 500.00', '合计 500.00 0.00 500.00'].join('\n'));
    const t = table(tables, 3);
    expect(t.note?.text).toBe('注：本表不含上年结转。');
    expect(t.rows).toHaveLength(2);
  });

  it('continues a table whose title is repeated on the next page', () => {
    const { tables } = read(
      table3(
        '201 一般公共服务支出 300.00 0.00 300.00',
        '\f',
        '2025年部门支出预算总表（续）',
        '编制部门：某某局 单位：元',
        ...HEADER_3.slice(1),
        '208 社会保障和就业支出 200.00 200.00 0.00',
        '合计 500.00 200.00 300.00',
      ),
    );
    expect(tables).toHaveLength(1);
    expect(table(tables, 3).rows.map((r) => (r.code ? formatCode(r.code) : r.name))).toEqual(['201', '208', '合计']);
  });

  it('reads one cell per line', () => {
    const { tables } = read(table3('201', '41', '01', '行政运行', '300.00', '300.00', '201', '一般公共服务支出', '300.00', '300.00', '合计', '300.00', '300.00'));
    const t = table(tables, 3);
    expect(t.rows.map((r) => (r.code ? formatCode(r.code) : r.name))).toEqual(['201 41 01', '201', '合计']);
    expect(row(t, '201 41 01').name).toBe('行政运行');
  });

  it('reads one cell per line across a page break: the page opens with a code, the last cell before it is a bare 0', () => {
    // A bare number at a page break may be the page number; here `\f201` opens a code (`41`, `01`,
    // then a name follow) and the `0` before it completes its row (300.00 = 300.00 + 0).
    const { tables } = read(
      table3('201', '一般公共服务支出', '300.00', '300.00', '0', '\f201', '41', '01', '行政运行', '300.00', '300.00', '0', '合计', '300.00', '300.00', '0'),
    );
    const t = table(tables, 3);
    expect(t.rows.map((r) => (r.code ? formatCode(r.code) : r.name))).toEqual(['201', '201 41 01', '合计']);
    for (const label of ['201', '201 41 01', '合计']) {
      expect(placed(row(t, label)), label).toEqual({ 合计: '300.00', 基本支出: '300.00', 项目支出: '0' });
      expect(row(t, label).unplaced ?? [], label).toEqual([]);
    }
    expect(row(t, '201 41 01').name).toBe('行政运行');
  });

  it('one cell per line: a page number at a page break stays furniture when it would not complete its row', () => {
    const { tables } = read(
      table3(
        // A full row, then the page number: already as many figures as columns.
        '201', '一般公共服务支出', '300.00', '300.00', '0', '12', '\f201', '41', '01', '行政运行', '100.00', '100.00',
        // A row with its empty cell left out, then the page number: 200.00 ≠ 200.00 + 13.
        '201', '41', '02', '一般行政管理事务', '200.00', '200.00', '13', '\f合计', '300.00', '300.00', '0',
      ),
    );
    const t = table(tables, 3);
    expect(t.rows.map((r) => (r.code ? formatCode(r.code) : r.name))).toEqual(['201', '201 41 01', '201 41 02', '合计']);
    expect(placed(row(t, '201'))).toEqual({ 合计: '300.00', 基本支出: '300.00', 项目支出: '0' });
    expect(placed(row(t, '201 41 02'))).toEqual({ 合计: '200.00', 基本支出: '200.00' });
    for (const r of t.rows) expect(r.unplaced ?? [], r.name).toEqual([]);
  });

  it('reads table 8 economic codes, including a 款 printed with one digit', () => {
    const { tables } = read(
      [
        '2025年部门一般公共预算基本支出部门预算经济分类预算表',
        '编制部门：某某局 单位：元',
        '部门预算经济分类科目编码 经济分类科目名称 合计 人员经费 公用经费',
        '类 款',
        '301 工资福利支出 100.00 100.00 0',
        '301   2     津贴补贴 100.00 100.00 0',
        '合计 100.00 100.00 0',
      ].join('\n'),
    );
    const r = table(tables, 8).rows[1];
    expect(r?.code).toEqual({ scheme: 'economic', segments: ['301', '02'], printed: '301 2' });
    expect(r?.cells[1]?.figure?.source).toEqual({ line: 6, section: 'tables', table: 8, row: '301 02', column: '人员经费' });
  });

  it('reads table 9 in 万元 from its own unit line, with a title without year', () => {
    const { tables } = read(
      [
        '部门“三公”经费和机关运行经费预算表',
        '编制部门：某某街道办事处                    单位:万元',
        '                 2024年“三公”经费预算数',
        '                                      2024年机关运行经',
        '                    公务用车购置及运行费',
        '                                        费预算数',
        '   合计           因公出国(境)费       公务接待费',
        '                          小计           购置费        运行费',
        '        47.91              0       1.35        46.56         25         21.56         443.18',
      ].join('\n'),
    );
    const t = table(tables, 9);
    expect(t.unit).toBe('万元');
    expect(t.year).toBe(2024);
    expect(t.preparer).toBe('某某街道办事处');
    expect(t.rows).toHaveLength(1);
    expect(t.rows[0]?.name).toBe('预算数');
    expect(t.rows[0]?.cells.map((c) => c.figure?.amount)).toEqual([47_910_000, 0, 1_350_000, 46_560_000, 25_000_000, 21_560_000, 443_180_000]);
  });

  it('reads table 9 with a row label, in tab-separated cells', () => {
    const { tables } = read(
      ['2025年部门“三公”经费和机关运行经费预算表', '编制部门：某某局\t单位：元', '项目\t合计\t因公出国(境)费\t公务接待费\t小计\t购置费\t运行费\t机关运行经费', '预算数\t6,000.00\t\t6,000.00\t\t\t\t'].join('\n'),
    );
    const r = table(tables, 9).rows[0];
    expect(r?.cells.map((c) => c.figure?.raw ?? '')).toEqual(['6,000.00', '', '6,000.00', '', '', '', '']);
    expect(r?.cells[2]?.placement).toBe('printed');
  });

  it('drops a bare page number before a page break but keeps bare figures elsewhere', () => {
    const { tables, codes } = read(table3('201', '一般公共服务支出', '300', '0', '300', '12', '\f合计', '300', '0', '300'));
    const t = table(tables, 3);
    expect(t.rows.map((r) => r.cells.map((c) => c.figure?.raw ?? ''))).toEqual([
      ['300', '0', '300'],
      ['300', '0', '300'],
    ]);
    expect(codes).not.toContain('table-row-extra-figures');
  });

  it('takes the unit printed on the title line', () => {
    const { tables } = read(['2025年部门支出预算总表（单位：万元）', '功能分类科目名称 合计 基本支出 项目支出', '201 一般公共服务支出 1.5 0 1.5'].join('\n'));
    const t = table(tables, 3);
    expect(t.unit).toBe('万元');
    expect(t.title.text).toBe('2025年部门支出预算总表（单位：万元）');
    expect(t.rows[0]?.cells[0]?.figure?.amount).toBe(1_500_000);
  });

  it('reads table 1 from the whole document: skips the TOC, keeps the note, stops at the next section', () => {
    const doc = [
      '目   录',
      '  1. 2025年部门财务收支预算总表   ……………………………………',
      '2025年部门预算编制说明',
      '本部门收入预算1,000.00元。详见2025年部门财务收支预算总表。',
      '2025年部门财务收支预算总表',
      '编制部门：某某局 单位：元',
      '本年收入 本年支出',
      '项  目 预算数 项  目 预算数',
      '一、财政拨款收入 1,000.00 一、一般公共服务支出 1,000.00',
      '1. 一般公共预算资金 1,000.00 二、国防支出',
      '二、事业收入 公共安全支出',
      '收入总计 1,000.00 支出总计 1,000.00',
      '注：2025年本部门收入预算0.1万元，',
      '比上年持平。',
      '',
      '其他相关情况说明',
      '一、2025年“三公”经费预算情况说明',
      '合计 5.00',
    ].join('\n');
    const { tables, codes } = read(doc);
    expect(tables.map((t) => t.number)).toEqual([1]);
    const t = table(tables, 1);
    expect(t.rows.map((r) => `${r.side ?? ''}:${r.ordinal ?? ''}${r.name}`)).toEqual([
      'revenue:一、财政拨款收入',
      'expenditure:一、一般公共服务支出',
      'revenue:1.一般公共预算资金',
      'expenditure:二、国防支出',
      'revenue:二、事业收入',
      'expenditure:公共安全支出',
      'revenue:收入总计',
      'expenditure:支出总计',
    ]);
    expect(row(t, '收入总计').kind).toBe('total');
    expect(row(t, '国防支出').cells).toEqual([{ column: '预算数' }]);
    expect(t.note?.text).toBe('注：2025年本部门收入预算0.1万元，比上年持平。');
    expect(t.note?.source.line).toBe(13);
    expect(codes.filter((c) => c === 'table-missing')).toHaveLength(8);
  });

  it('never throws on an empty input and reports nothing for a document without tables', () => {
    expect(read('').tables).toEqual([]);
    expect(read('一段正文。\n没有表格。').codes).toEqual([]);
  });
});

describe('readBudgetTables: columns from the printed header', () => {
  const HEADER_2_EXTRA = ['编制部门：某某局 单位：元', '项  目 收入预算', '功能分类科目编码', '功能分类科目名称 合计 财政拨款收入 上年结转 事业收入 其他收入', '类 款 项'];

  it('reads a table 2 with a 上年结转 column and without 事业单位经营收入, cells delimited', () => {
    const text = ['2025年部门收入预算总表', ...HEADER_2_EXTRA, '201\t一般公共服务支出\t300.00\t100.00\t200.00\t\t', '合计\t300.00\t100.00\t200.00\t\t'].join('\n');
    const { tables, codes } = read(text);
    const t = table(tables, 2);
    expect(t.columns).toEqual(['合计', '财政拨款收入', '上年结转', '事业收入', '其他收入']);
    expect(placed(row(t, '201'))).toEqual({ 合计: '300.00', 财政拨款收入: '100.00', 上年结转: '200.00' });
    expect(codes).toContain('table-columns-from-header');
    expect(codes).not.toContain('table-row-extra-figures');
  });

  it('refuses to guess when dropped empty cells leave the extra column undecided', () => {
    const text = ['2025年部门收入预算总表', ...HEADER_2_EXTRA, '201 一般公共服务支出 300.00 100.00 200.00', '合计 300.00 100.00 200.00'].join('\n');
    const { tables, codes } = read(text);
    const r = row(table(tables, 2), '201');
    expect(placed(r)).toEqual({ 合计: '300.00' });
    expect(r.unplaced?.map((f) => f.raw)).toEqual(['100.00', '200.00']);
    expect(codes).toContain('cell-placement-ambiguous');
  });

  it('keeps the standard columns when the header prints them, wrapped cells included', () => {
    const text = ['2025年部门收入预算总表', '项  目 收入预算', '功能分类科目编码 事业单位', '功能分类科目名称 合计 财政拨款收入 事业收入 其他收入', '类 款 项 经营收入', '201 一般公共服务支出 5.00 5.00', '合计 5.00 5.00'].join('\n');
    const { tables, codes } = read(text);
    expect(table(tables, 2).columns).toEqual(['合计', '财政拨款收入', '事业收入', '事业单位经营收入', '其他收入']);
    expect(codes).not.toContain('table-columns-from-header');
  });
});
