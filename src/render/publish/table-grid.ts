/**
 * The nine tables as format-neutral grids: the official header rows with their merged cells, and
 * body rows of text, code and amount cells. HTML and XLSX are both written from these grids, so
 * the two formats print the same cells.
 *
 * Layout (the finance bureau's template):
 * - tables 1 and 4 are two-sided: revenue items on the left, expenditure items on the right, paired
 *   line by line, the totals (收入总计 / 支出总计) on the last line;
 * - tables 2, 3, 5, 6, 7 are functional classification tables (`功能分类科目编码` over 类/款/项),
 *   table 8 the economic one (`部门预算经济分类科目编码` over 类/款); a row's code is one text cell
 *   (`201 13 01`, zeros kept) spanning the code columns;
 * - table 9 is one row of figures under `“三公”经费预算数` and `机关运行经费预算数`.
 *
 * Codes and figures are printed as the document printed them (a code's `printed` slip such as
 * `301 2` included; figures by `raw`), in the table's own unit; nothing is
 * recomputed or repaired. Columns are the model's canonical columns.
 */
import { MONEY_GROUP_TITLE, formatCode, type BudgetTable, type Fen, type MoneyFigure, type MoneyUnit, type TableRow } from '#domain/index.ts';

export interface HeaderCell {
  readonly text: string;
  readonly colspan: number;
  readonly rowspan: number;
}

export type GridCell =
  | { readonly kind: 'text'; readonly text: string; readonly colspan?: number }
  | { readonly kind: 'code'; readonly text: string; readonly colspan?: number }
  | { readonly kind: 'amount'; readonly text: string; readonly amount: Fen; readonly unit: MoneyUnit }
  | { readonly kind: 'empty' };

export interface GridRow {
  readonly cells: readonly GridCell[];
  readonly total: boolean;
}

export interface TableGrid {
  /** Header rows; a cell covers `colspan` columns and `rowspan` rows (covered positions are omitted). */
  readonly header: readonly (readonly HeaderCell[])[];
  readonly body: readonly GridRow[];
  /** Number of grid columns. */
  readonly width: number;
}

const h = (text: string, colspan = 1, rowspan = 1): HeaderCell => ({ text, colspan, rowspan });

const amountCell = (f: MoneyFigure | undefined): GridCell =>
  f ? { kind: 'amount', text: f.raw, amount: f.amount, unit: f.unit } : { kind: 'empty' };

/** The cells of a row in the given columns, plus figures the reader could not place (kept, never dropped). */
const figureCells = (row: TableRow | undefined, columns: readonly string[]): GridCell[] => {
  const cells = columns.map((c) => amountCell(row?.cells.find((x) => x.column === c)?.figure));
  for (const f of row?.unplaced ?? []) cells.push(amountCell(f));
  return cells;
};

const rowLabel = (row: TableRow): string => `${row.ordinal ?? ''}${row.name}`;


const sideColumns = (table: BudgetTable, side: 'revenue' | 'expenditure', fallback: readonly string[]): readonly string[] => {
  const row = table.rows.find((r) => r.side === side && r.cells.length > 0);
  return row ? row.cells.map((c) => c.column) : fallback;
};

const twoSidedGrid = (table: BudgetTable): TableGrid => {
  const t4 = table.number === 4;
  const revCols = sideColumns(table, 'revenue', ['预算数']);
  const expCols = sideColumns(table, 'expenditure', t4 ? table.columns.filter((c) => c !== '预算数') : ['预算数']);
  const revenue = table.rows.filter((r) => r.side !== 'expenditure');
  const expenditure = table.rows.filter((r) => r.side === 'expenditure');
  // Totals close both sides on one line; items pair up above them.
  const revItems = revenue.filter((r) => r.kind !== 'total');
  const expItems = expenditure.filter((r) => r.kind !== 'total');
  const revTotals = revenue.filter((r) => r.kind === 'total');
  const expTotals = expenditure.filter((r) => r.kind === 'total');
  const pairs: [TableRow | undefined, TableRow | undefined, boolean][] = [];
  for (let i = 0; i < Math.max(revItems.length, expItems.length); i++) pairs.push([revItems[i], expItems[i], false]);
  for (let i = 0; i < Math.max(revTotals.length, expTotals.length); i++) pairs.push([revTotals[i], expTotals[i], true]);
  const revWidth = 1 + revCols.length;
  const expWidth = 1 + expCols.length;
  const header: HeaderCell[][] = [
    [h(t4 ? '财政拨款收入' : '本年收入', revWidth), h(t4 ? '财政拨款支出' : '本年支出', expWidth)],
    [h('项目'), ...revCols.map((c) => h(c)), h('项目'), ...expCols.map((c) => h(c))],
  ];
  const body: GridRow[] = pairs.map(([rev, exp, total]) => {
    const left: GridCell[] = rev ? [{ kind: 'text', text: rowLabel(rev) }, ...figureCells(rev, revCols)] : [{ kind: 'empty' }, ...revCols.map((): GridCell => ({ kind: 'empty' }))];
    const right: GridCell[] = exp ? [{ kind: 'text', text: rowLabel(exp) }, ...figureCells(exp, expCols)] : [{ kind: 'empty' }, ...expCols.map((): GridCell => ({ kind: 'empty' }))];
    // Unplaced figures on the revenue side would shift the expenditure side: keep them after it.
    const revExtra = left.length - revWidth;
    const cells = revExtra > 0 ? [...left.slice(0, revWidth), ...right, ...left.slice(revWidth)] : [...left, ...right];
    return { cells, total };
  });
  return { header, body, width: revWidth + expWidth };
};

const classificationGrid = (table: BudgetTable): TableGrid => {
  const economic = table.number === 8;
  const codeWidth = economic ? 2 : 3;
  const cols = table.columns;
  const header: HeaderCell[][] = [
    [h('项目', codeWidth + 1), h(MONEY_GROUP_TITLE[table.number] ?? '', cols.length)],
    [
      h(economic ? '部门预算经济分类科目编码' : '功能分类科目编码', codeWidth),
      h(economic ? '经济分类科目名称' : '功能分类科目名称', 1, 2),
      ...cols.map((c) => h(c, 1, 2)),
    ],
    (economic ? ['类', '款'] : ['类', '款', '项']).map((t) => h(t)),
  ];
  const body: GridRow[] = table.rows.map((row) => {
    const lead: GridCell[] = row.code
      ? [{ kind: 'code', text: row.code.printed ?? formatCode(row.code), colspan: codeWidth }, { kind: 'text', text: row.name }]
      : [{ kind: 'text', text: row.name, colspan: codeWidth + 1 }];
    return { cells: [...lead, ...figureCells(row, cols)], total: row.kind === 'total' };
  });
  return { header, body, width: codeWidth + 1 + cols.length };
};

const THREE_PUBLIC_STANDARD = ['合计', '因公出国(境)费', '公务接待费', '公务用车购置及运行费小计', '公务用车购置费', '公务用车运行费', '机关运行经费'];

const threePublicGrid = (table: BudgetTable): TableGrid => {
  const cols = table.columns;
  const year = table.year !== undefined ? `${table.year}年` : '';
  const standard = cols.length === THREE_PUBLIC_STANDARD.length && cols.every((c, i) => c === THREE_PUBLIC_STANDARD[i]);
  const header: HeaderCell[][] = standard
    ? [
        [h(`${year}“三公”经费预算数`, 6), h(`${year}机关运行经费预算数`, 1, 3)],
        [h('合计', 1, 2), h('因公出国(境)费', 1, 2), h('公务接待费', 1, 2), h('公务用车购置及运行费', 3)],
        [h('小计'), h('购置费'), h('运行费')],
      ]
    : [cols.map((c) => h(c))];
  const body: GridRow[] = table.rows.map((row) => ({ cells: figureCells(row, cols), total: row.kind === 'total' }));
  return { header, body, width: cols.length };
};

export const tableGrid = (table: BudgetTable): TableGrid => {
  if (table.number === 1 || table.number === 4) return twoSidedGrid(table);
  if (table.number === 9) return threePublicGrid(table);
  return classificationGrid(table);
};

/** The `编制部门：… 单位：元` line's two halves. */
export const tableMeta = (table: BudgetTable, level: 'department' | 'unit'): { readonly preparer: string; readonly unit: string } => ({
  preparer: `${level === 'unit' ? '编制单位' : '编制部门'}：${table.preparer ?? ''}`,
  unit: `单位：${table.unit}`,
});
