/**
 * Reading the nine tables for rules: rows by code or by name, cells by canonical column, the
 * total row, the 类 of tables 1 and 4 by name. Empty cells count as 0 in sums; rows the reader
 * placed by guesswork (ambiguous) are left out of every identity.
 */
import {
  cellFigure,
  codeLevel,
  formatCode,
  functionalClassCodeByName,
  isChildOf,
  tableByNumber,
  type BudgetDisclosure,
  type BudgetTable,
  type MoneyFigure,
  type SourceLocation,
  type TableNumber,
  type TableRow,
} from '#domain/index.ts';
import { rowKey, type TextFacts } from './rule.ts';

export const squashName = (s: string): string =>
  s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').replace(/[“”"]/g, '');

/**
 * A row is left out of identities when the reader could not place all its figures: it says so
 * with a diagnostic on the row, or keeps the figures aside as `unplaced`.
 */
export const isTrusted = (facts: TextFacts, table: TableNumber, row: TableRow): boolean =>
  !facts.ambiguousRows.has(rowKey(table, row.line)) && (row.unplaced?.length ?? 0) === 0;

/**
 * The first-column (合计) figure of a row, placement-independent: the printed cell, or — when the
 * reader placed none of the row's figures — the first figure printed, since 合计 is always the
 * first column. Undefined when some figures are placed but 合计 is not.
 */
export const firstColumnFigure = (t: BudgetTable, row: TableRow): MoneyFigure | undefined => {
  const column = t.columns[0];
  const placed = column !== undefined ? cellFigure(row, column) : undefined;
  if (placed) return placed;
  if (row.cells.some((c) => c.figure)) return undefined;
  return row.unplaced?.[0];
};

/** Is the row's first-column figure known (placed, or recoverable as the first printed figure)? */
export const firstColumnKnown = (t: BudgetTable, row: TableRow): boolean =>
  (row.unplaced?.length ?? 0) === 0 || firstColumnFigure(t, row) !== undefined || row.cells.every((c) => !c.figure);

export const codeRows = (t: BudgetTable): TableRow[] => t.rows.filter((r) => r.code !== undefined && r.kind === 'item');

export const totalRow = (t: BudgetTable, side?: 'revenue' | 'expenditure'): TableRow | undefined =>
  t.rows.find((r) => r.kind === 'total' && (side === undefined || r.side === undefined || r.side === side));

export const rowByCode = (t: BudgetTable, code: string): TableRow | undefined =>
  t.rows.find((r) => r.code !== undefined && formatCode(r.code) === code);

/** The money cell of a row: the named column, or for one-column tables the first column. */
export const cell = (row: TableRow | undefined, column: string): MoneyFigure | undefined => cellFigure(row, column);

/** Location of a cell for findings. */
export const cellLocation = (t: BudgetTable, row: TableRow, column: string): SourceLocation => {
  const fig = cellFigure(row, column);
  return {
    line: fig?.source.line ?? row.line,
    section: 'tables',
    table: t.number,
    row: rowLabel(row),
    column,
  };
};

export const rowLabel = (row: TableRow): string => (row.code ? `${formatCode(row.code)} ${row.name}` : row.name);

/** Children of a code row present in the table. */
export const childrenOf = (t: BudgetTable, parent: TableRow): TableRow[] =>
  parent.code === undefined ? [] : codeRows(t).filter((r) => r.code !== undefined && isChildOf(r.code, parent.code!));

export const classRows = (t: BudgetTable): TableRow[] => codeRows(t).filter((r) => r.code !== undefined && codeLevel(r.code) === 1);

/** Does the table hold any printed non-zero figure? */
export const hasData = (t: BudgetTable): boolean =>
  t.rows.some((r) => r.cells.some((c) => (c.figure?.amount ?? 0) !== 0) || (r.unplaced ?? []).some((f) => f.amount !== 0));

/** The first printed figure of a row (tables 1 and 4 revenue side, one-column rows). */
export const firstFigure = (row: TableRow | undefined): MoneyFigure | undefined => row?.cells.find((c) => c.figure)?.figure;

/** The expenditure 类 rows of table 1 or 4, with their functional code looked up by name. */
export const expenditureClassRows = (t: BudgetTable): { row: TableRow; code: string | undefined }[] =>
  t.rows
    .filter((r) => r.kind === 'item' && r.side === 'expenditure')
    .map((row) => ({ row, code: row.code ? formatCode(row.code) : functionalClassCodeByName(squashName(row.name)) }));

export const revenueRows = (t: BudgetTable): TableRow[] => t.rows.filter((r) => r.kind === 'item' && r.side === 'revenue');

/** Top-level revenue items of table 1 (一、二、三、四、…): not the numbered sub-items of 财政拨款收入. */
export const isTopLevelRevenue = (row: TableRow): boolean => {
  if (row.ordinal !== undefined) return /^[一二三四五六七八九十]+/.test(row.ordinal.trim());
  return /^(财政拨款收入|事业收入|事业单位经营收入|其他收入|上年结转|上年结余)/.test(squashName(row.name));
};

export type FiscalSource = 'general' | 'fund' | 'stateCapital';

/** Which of the three 财政拨款 sources a revenue row is (`1. 一般公共预算资金`, `二、政府性基金`, …). */
export const fiscalSourceOf = (name: string): FiscalSource | undefined => {
  const n = squashName(name);
  if (/一般公共预算/.test(n)) return 'general';
  if (/政府性基金/.test(n)) return 'fund';
  if (/国有资本经营/.test(n)) return 'stateCapital';
  return undefined;
};

export const FISCAL_SOURCE_COLUMN: Readonly<Record<FiscalSource, string>> = {
  general: '一般公共预算',
  fund: '政府性基金预算',
  stateCapital: '国有资本经营预算',
};

export const FISCAL_SOURCE_TABLE: Readonly<Record<FiscalSource, TableNumber>> = { general: 5, fund: 6, stateCapital: 7 };

export const FISCAL_SOURCE_NAME: Readonly<Record<FiscalSource, string>> = {
  general: '一般公共预算',
  fund: '政府性基金预算',
  stateCapital: '国有资本经营预算',
};

export const revenueRowNamed = (t: BudgetTable, re: RegExp): TableRow | undefined =>
  revenueRows(t).find((r) => re.test(squashName(r.name)));

export const table = (doc: BudgetDisclosure, n: TableNumber): BudgetTable | undefined => tableByNumber(doc, n);

/** The amount column of a table 1 row: 预算数, else the first column. */
export const table1Amount = (row: TableRow | undefined): MoneyFigure | undefined =>
  cellFigure(row, '预算数') ?? cellFigure(row, '合计') ?? firstFigure(row);

/** The 合计 column of a table 4 expenditure row (the first expenditure column). */
export const table4Total = (row: TableRow | undefined): MoneyFigure | undefined => cellFigure(row, '合计');

/** The revenue-side amount of a table 4 row. */
export const table4Revenue = (row: TableRow | undefined): MoneyFigure | undefined =>
  cellFigure(row, '预算数') ?? firstFigure(row);

/** Sources of money other than 财政拨款 in table 1 (事业收入, 经营收入, 其他收入, 结转), non-zero. */
export const nonFiscalRevenue = (t1: BudgetTable): TableRow[] =>
  revenueRows(t1).filter(
    (r) => isTopLevelRevenue(r) && !/财政拨款/.test(squashName(r.name)) && (table1Amount(r)?.amount ?? 0) !== 0,
  );
