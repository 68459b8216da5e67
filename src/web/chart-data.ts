/**
 * Chart data as pure functions of the model, in integer 分 (ECharts sums integers exactly;
 * labels are formatted back through the domain's string formatters).
 */
import { cellFigure, formatCode, isChildOf, tableByNumber } from '#domain/index.ts';
import type { BudgetDisclosure, BudgetTable, TableRow } from '#domain/index.ts';
import type { DepartmentYear, DocumentDetail } from './api.ts';

export interface TreeNode {
  readonly name: string;
  /** 分. */
  readonly value: number;
  readonly code: string;
  readonly children?: readonly TreeNode[];
}

const amountOf = (row: TableRow, column: string): number | undefined => cellFigure(row, column)?.amount;

/**
 * 类 → 款 → 项 from a functional-classification table (3, else 5), by code prefix so that
 * row order does not matter. Rows without a 合计 figure or with 0 are left out.
 */
export const functionalTree = (t: BudgetTable | undefined, column = '合计'): TreeNode[] => {
  if (!t) return [];
  const rows = t.rows.filter((r) => r.kind === 'item' && r.code?.scheme === 'functional');
  const build = (parent: TableRow | undefined): TreeNode[] =>
    rows
      .filter((r) => (parent?.code && r.code ? isChildOf(r.code, parent.code) : r.code?.segments.length === 1))
      .flatMap((r) => {
        const value = amountOf(r, column);
        if (value === undefined || value <= 0 || !r.code) return [];
        const children = build(r);
        return [{ name: r.name, value, code: formatCode(r.code), ...(children.length > 0 ? { children } : {}) }];
      });
  return build(undefined);
};

export const expenditureTable = (m: BudgetDisclosure): BudgetTable | undefined => {
  const t3 = tableByNumber(m, 3);
  return t3 && t3.rows.some((r) => r.kind === 'item') ? t3 : tableByNumber(m, 5);
};

export interface DocumentTotals {
  readonly revenueFen?: number;
  readonly expenditureFen?: number;
  readonly basicFen?: number;
  readonly projectFen?: number;
}

/** Totals for the page header: table 3's 合计 row, else table 1's 总计 rows. */
export const documentTotals = (m: BudgetDisclosure): DocumentTotals => {
  const total3 = tableByNumber(m, 3)?.rows.find((r) => r.kind === 'total');
  const t1 = tableByNumber(m, 1);
  const rev = t1?.rows.find((r) => r.kind === 'total' && r.side !== 'expenditure');
  const exp = t1?.rows.find((r) => r.kind === 'total' && r.side === 'expenditure');
  const pick = (...xs: (number | undefined)[]): number | undefined => xs.find((x) => x !== undefined);
  const revenueFen = rev ? pick(amountOf(rev, '预算数'), rev.cells[0]?.figure?.amount) : undefined;
  const expenditureFen = pick(total3 ? amountOf(total3, '合计') : undefined, exp ? pick(amountOf(exp, '预算数'), exp.cells[0]?.figure?.amount) : undefined);
  const basicFen = total3 ? amountOf(total3, '基本支出') : undefined;
  const projectFen = total3 ? amountOf(total3, '项目支出') : undefined;
  return {
    ...(revenueFen !== undefined ? { revenueFen } : {}),
    ...(expenditureFen !== undefined ? { expenditureFen } : {}),
    ...(basicFen !== undefined ? { basicFen } : {}),
    ...(projectFen !== undefined ? { projectFen } : {}),
  };
};

export interface HistoryPoint {
  readonly year: number;
  readonly expenditureFen?: number;
  readonly basicFen?: number;
  readonly projectFen?: number;
}

/** The department's budget years in order, for the history chart (only years with a total). */
export const historyPoints = (years: readonly DepartmentYear[]): HistoryPoint[] =>
  years
    .filter((y) => y.kind === 'budget-disclosure' && y.expenditureTotalFen !== undefined)
    .toSorted((a, b) => a.year - b.year)
    .map((y) => ({
      year: y.year,
      ...(y.expenditureTotalFen !== undefined ? { expenditureFen: y.expenditureTotalFen } : {}),
      ...(y.basicFen !== undefined ? { basicFen: y.basicFen } : {}),
      ...(y.projectFen !== undefined ? { projectFen: y.projectFen } : {}),
    }));

export const isBudget = (d: DocumentDetail): d is DocumentDetail & { readonly model: BudgetDisclosure } =>
  d.model.kind === 'budget-disclosure';
