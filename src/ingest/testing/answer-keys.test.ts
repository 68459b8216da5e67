/**
 * The comparator itself: small hand-made keys and models, so that a comparator that can never
 * report a mismatch (or reports the wrong one) fails here before anyone trusts its zeros.
 */
import { describe, expect, it } from 'vitest';
import type { BudgetDisclosure, BudgetTable, MoneyFigure, TableNumber, TableRow } from '#domain/index.ts';
import { parseMoney, type MoneyUnit } from '#domain/money.ts';
import { compareWithKey, keyInconsistencies, normaliseKeyCode, parseAnswerKey, type AnswerKey } from './answer-keys.ts';

let nextLine = 100;
const fig = (raw: string, unit: MoneyUnit = '元', line = nextLine++): MoneyFigure => {
  const amount = parseMoney(raw, unit);
  if (amount === undefined) throw new Error(raw);
  return { amount, raw, unit, source: { line } };
};
const row = (code: string, name: string, cells: Record<string, string | undefined>, columns: readonly string[], extra: Partial<TableRow> = {}, unit: MoneyUnit = '元'): TableRow => ({
  kind: code === '' && name === '合计' ? 'total' : 'item',
  ...(code !== '' ? { code: { scheme: 'functional', segments: code.split(' ') } } : {}),
  name,
  cells: columns.map((column) => {
    const raw = cells[column];
    return raw === undefined ? { column } : { column, figure: fig(raw, unit) };
  }),
  line: nextLine++,
  ...extra,
});
const table = (number: TableNumber, columns: readonly string[], rows: TableRow[], unit: MoneyUnit = '元'): BudgetTable => ({
  number,
  standardName: `表${number}`,
  title: { text: `表${number}`, source: { line: 1 } },
  unit,
  columns,
  rows,
});

const T3 = ['合计', '基本支出', '项目支出'] as const;

/** A key with table 3 (two rows), tiny t1/t4/t9, one narrative figure and one item. */
const key = (): AnswerKey =>
  parseAnswerKey({
    kind: 'department',
    year: 2025,
    tables: {
      部门支出预算总表: {
        number: 3,
        unit: '元',
        columns: [...T3],
        rows: [
          { code: '201 03 02', name: '一般行政管理事务', values: { 合计: '46140000.00', 项目支出: '46140000.00' }, page: 9 },
          { code: '', name: '合计', values: { 合计: '46140000.00', 项目支出: '46140000.00' }, page: 9 },
        ],
      },
    },
    t1: {
      unit: '元',
      expenditure_columns: ['预算数'],
      revenue_rows: [{ name: '收入总计', value: '46140000.00' }],
      expenditure_rows: [{ name: '支出总计', values: { 预算数: '46140000.00' } }],
      收入总计: '46140000.00',
      支出总计: '46140000.00',
    },
    t4: { unit: '元', expenditure_columns: ['合计'], revenue_rows: [], expenditure_rows: [] },
    t9: { unit: '万元', values: { 合计: '1.00', 公务接待费: '1.00' }, 合计: '1.00' },
    narrative: {
      revenue_total_wan: '4614',
      expenditure_items: [{ no: 1, subject: '一般行政管理事务', amount_wan: '4614' }],
    },
    projects: [],
  });

const model = (): BudgetDisclosure => ({
  kind: 'budget-disclosure',
  level: 'department',
  phase: 'budget',
  header: { line: 1 },
  tables: [
    table(1, ['预算数'], [
      { ...row('', '收入总计', { 预算数: '46,140,000.00' }, ['预算数']), kind: 'total', side: 'revenue' },
      { ...row('', '支出总计', { 预算数: '46,140,000.00' }, ['预算数']), kind: 'total', side: 'expenditure' },
    ]),
    table(3, T3, [
      row('201 03 02', '一般行政管理事务', { 合计: '46,140,000.00', 项目支出: '46,140,000.00' }, T3),
      row('', '合计', { 合计: '46,140,000.00', 项目支出: '46,140,000.00' }, T3),
    ]),
    table(4, ['预算数', '合计'], []),
    table(9, ['合计', '公务接待费'], [row('', '预算数', { 合计: '1.00', 公务接待费: '1' }, ['合计', '公务接待费'], {}, '万元')], '万元'),
  ],
  explanation: {
    text: { text: '', source: { line: 1 } },
    // 万元 in the key, 元 in the model: equal as 分.
    revenueTotal: { amount: fig('46140000.00', '元', 5) },
    revenueParts: [],
    fiscalExpenditureParts: [],
    mainItems: [{ ordinal: 1, subject: '一般行政管理事务', amount: fig('4,614.00', '万元', 7), line: 7 }],
  },
  otherInformation: {},
  projects: [],
});

const withTable3 = (m: BudgetDisclosure, rows: (rows: readonly TableRow[]) => TableRow[]): BudgetDisclosure => ({
  ...m,
  tables: m.tables.map((t) => (t.number === 3 ? { ...t, rows: rows(t.rows) } : t)),
});

describe('compareWithKey', () => {
  it('finds nothing wrong when key and model agree (万元 4614 = 元 46140000.00)', () => {
    const r = compareWithKey(key(), model());
    expect(r.mismatches.filter((m) => m.kind !== 'table-missing')).toEqual([]);
    // Tables 2, 5–8 are absent from this model and from the key: reported as such.
    expect(r.mismatches.filter((m) => m.kind === 'table-missing').map((m) => m.table)).toEqual([]);
    expect(r.cellsMatched).toBe(r.cellsExpected);
    expect(r.cellsExpected).toBe(2 + 2 + 1 + 1 + 2); // table 3, t1, t9
    expect(r.narrativeMatched).toBe(2);
  });

  it('a mutated figure is exactly one mismatch naming table, row and column', () => {
    const m = withTable3(model(), (rows) => [row('201 03 02', '一般行政管理事务', { 合计: '46,140,000.00', 项目支出: '46,140,000.01' }, T3, { line: 42 }), ...rows.slice(1)]);
    const r = compareWithKey(key(), m);
    expect(r.mismatches).toHaveLength(1);
    expect(r.mismatches[0]).toMatchObject({ kind: 'cell-wrong', table: 3, row: '201 03 02', column: '项目支出', expected: '46140000.00', actual: '46,140,000.01' });
    expect(r.mismatches[0]?.line).toBeGreaterThan(0);
    expect(r.cellsMatched).toBe(r.cellsExpected - 1);
  });

  it('a missing row is reported with its cells counted as expected and unmatched', () => {
    const r = compareWithKey(key(), withTable3(model(), (rows) => rows.slice(1)));
    expect(r.mismatches).toEqual([expect.objectContaining({ kind: 'row-missing', table: 3, row: '201 03 02', page: 9 })]);
    expect(r.cellsExpected - r.cellsMatched).toBe(2);
  });

  it('a figure the key does not have is an extra cell', () => {
    const r = compareWithKey(key(), withTable3(model(), (rows) => [row('201 03 02', '一般行政管理事务', { 合计: '46,140,000.00', 基本支出: '0', 项目支出: '46,140,000.00' }, T3), ...rows.slice(1)]));
    expect(r.extraCells).toBe(1);
    expect(r.mismatches).toEqual([expect.objectContaining({ kind: 'cell-extra', table: 3, row: '201 03 02', column: '基本支出', actual: '0' })]);
  });

  it('a whole row the key does not have is extra, figure by figure; unplaced figures too', () => {
    const m = withTable3(model(), (rows) => [...rows, row('201 03 99', '其他', { 合计: '5.00' }, T3, { unplaced: [fig('5.00')] })]);
    const r = compareWithKey(key(), m);
    expect(r.mismatches.map((x) => x.kind).sort()).toEqual(['cell-extra', 'cell-unplaced']);
    expect(r.extraCells).toBe(2);
  });

  it('a missing table is table-missing and all its cells unmatched', () => {
    const m = { ...model(), tables: model().tables.filter((t) => t.number !== 3) };
    const r = compareWithKey(key(), m);
    expect(r.mismatches).toEqual([expect.objectContaining({ kind: 'table-missing', table: 3 })]);
    expect(r.tablesFound).toBe(3);
    expect(r.cellsExpected - r.cellsMatched).toBe(4);
  });

  it('a wrong narrative figure and a missing one are reported by field', () => {
    const m = model();
    const e = m.explanation;
    if (!e) throw new Error('model');
    const wrong: BudgetDisclosure = { ...m, explanation: { ...e, revenueTotal: { amount: fig('4614.01', '万元', 9) }, mainItems: [] } };
    const r = compareWithKey(key(), wrong);
    expect(r.mismatches).toEqual([
      expect.objectContaining({ kind: 'figure-wrong', field: 'revenue_total_wan', line: 9 }),
      expect.objectContaining({ kind: 'figure-missing', field: 'expenditure_items[1].amount_wan' }),
    ]);
    expect(r.narrativeMatched).toBe(0);
  });

  it('t9 and the two-sided tables compare by their own shapes', () => {
    const m = model();
    const bad: BudgetDisclosure = {
      ...m,
      tables: m.tables.map((t) =>
        t.number === 9 ? { ...t, rows: [row('', '预算数', { 合计: '1.00', 公务接待费: '1.10' }, ['合计', '公务接待费'], {}, '万元')] } : t.number === 1 ? { ...t, rows: t.rows.filter((x) => x.side !== 'expenditure') } : t,
      ),
    };
    const r = compareWithKey(key(), bad);
    expect(r.mismatches).toEqual([
      expect.objectContaining({ kind: 'row-missing', table: 1, side: 'expenditure', row: '支出总计' }),
      expect.objectContaining({ kind: 'cell-wrong', table: 9, column: '公务接待费', expected: '1.00', actual: '1.10' }),
    ]);
  });

  it('keys: printed one-digit 款 codes are padded; a key with a malformed amount is refused', () => {
    expect(normaliseKeyCode('301 2')).toBe('301 02');
    expect(normaliseKeyCode('')).toBe('');
    expect(() => parseAnswerKey({ ...key(), narrative: { revenue_total_wan: '4,614' } })).toThrow();
    expect(keyInconsistencies(key())).toEqual([]);
  });
});
