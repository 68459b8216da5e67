/**
 * The nine standard tables of a budget disclosure.
 *
 * Flow: find each table's region by its title (tables/regions.ts) → set header lines aside and
 * assemble rows from the token stream (tables/rows.ts) → read each row's figures in the table's
 * unit, with their column when the layout says (every cell printed, or cells delimited) →
 * place the rest by the tables' arithmetic (tables/arithmetic.ts) → build the model, reporting
 * every figure whose column stays undecided as `cell-placement-ambiguous`.
 */
import {
  formatCode,
  parseMoney,
  TABLE_COLUMNS,
  TABLE_STANDARD_NAMES,
  type BudgetTable,
  type DiagnosticSink,
  type MoneyFigure,
  type MoneyUnit,
  type TableCell,
  type TableNumber,
  type TableRow,
} from '#domain/index.ts';
import { squash, type SourceLine } from './text.ts';
import {
  resolvePlacements,
  rowCandidates,
  sideColumns,
  TABLE1_SPLIT_EXPENDITURE,
  type WorkingFigure,
  type WorkingRow,
  type WorkingTable,
} from './tables/arithmetic.ts';
import { findTableRegions, type TableRegion } from './tables/regions.ts';
import { readHeaderColumns, stackedCells } from './tables/header-columns.ts';
import { assembleRows, rowName, splitHeader, type RawRow } from './tables/rows.ts';

export { matchTableTitle, type TableTitleMatch } from './tables/vocabulary.ts';

export interface ReadTablesOptions {
  /**
   * Node budget of the placement search per group of linked rows (reported as
   * `cell-placement-search-capped` when hit). Real tables need a handful of nodes.
   */
  readonly searchBudget?: number;
  /** Filled with every source line the tables took (for the document's line accounting). */
  readonly consumed?: Set<number>;
}

/** Column of each printed figure when the layout says it; undefined when it must be inferred. */
const layoutColumns = (raw: RawRow, n: number): number[] | undefined => {
  const figs = raw.figures;
  if (figs.length === 0) return [];
  const line0 = figs[0]?.lineIndex;
  if (figs.every((f) => f.cell !== undefined && f.lineIndex === line0)) {
    // Delimited cells: a figure's column is its distance from the name's cell (from the line's
    // first cell for a row without a name, as table 9's).
    const offset =
      raw.nameLineIndex === undefined ? 0 : raw.nameLineIndex === line0 && raw.nameCell !== undefined ? raw.nameCell + 1 : undefined;
    if (offset !== undefined) {
      const cols = figs.map((f) => (f.cell ?? 0) - offset);
      const ordered = cols.every((c, i) => c >= 0 && c < n && (i === 0 || c > (cols[i - 1] ?? -1)));
      // Trust cell positions only where the line shows it keeps empty cells (full width, or a gap
      // before or between figures); a converter that tabs between printed cells only says nothing.
      const width = (figs[0]?.lineCells ?? 0) - offset;
      const keepsEmpty = width >= n || cols.some((c, i) => c !== i);
      if (ordered && keepsEmpty) return cols;
    }
  }
  if (figs.length === n) return figs.map((_, i) => i);
  return undefined;
};

const readFigures = (raw: RawRow, n: TableNumber, unit: MoneyUnit, sink: DiagnosticSink): WorkingFigure[] =>
  raw.figures.map((f) => {
    if (f.placeholder) return { raw: f.raw, line: f.line };
    const amount = parseMoney(f.raw, unit);
    if (amount === undefined) {
      sink.warning('table-figure-unreadable', '表格数字无法按单位读取', { line: f.line, section: 'tables', table: n }, { raw: f.raw, unit });
      return { raw: f.raw, line: f.line };
    }
    return { raw: f.raw, line: f.line, amount };
  });

const toWorkingRow = (
  n: TableNumber,
  raw: RawRow,
  unit: MoneyUnit,
  splitTable1: boolean,
  sink: DiagnosticSink,
  printedColumns: readonly string[] | undefined,
): WorkingRow => {
  const columns = printedColumns ?? sideColumns(n, raw.side, splitTable1);
  const all = readFigures(raw, n, unit, sink);
  const figures = all.slice(0, columns.length);
  const extra = all.slice(columns.length);
  if (extra.length > 0) {
    sink.warning('table-row-extra-figures', '行中数字多于该表的列数', { line: raw.line, section: 'tables', table: n, row: rowLabel(raw) }, { count: all.length, columns: columns.length });
  }
  const trimmed: RawRow = { ...raw, figures: raw.figures.slice(0, columns.length) };
  const known = layoutColumns(trimmed, columns.length);
  return {
    kind: raw.kind,
    ...(raw.side !== undefined ? { side: raw.side } : {}),
    ...(raw.code !== undefined ? { code: raw.code } : {}),
    ...(raw.ordinal !== undefined ? { ordinal: raw.ordinal } : {}),
    name: rowName(raw),
    line: raw.line,
    columns,
    figures,
    extra,
    printed: known !== undefined,
    candidates: rowCandidates(n, raw.side, columns.length, figures, known),
    byCrossTable: false,
  };
};

const rowLabel = (r: { code?: RawRow['code']; nameParts?: string[]; name?: string }): string =>
  r.code ? formatCode(r.code) : (r.name ?? (r.nameParts ?? []).join(''));

const figureOf = (f: WorkingFigure, unit: MoneyUnit, n: TableNumber, row: string, column?: string): MoneyFigure | undefined =>
  f.amount === undefined
    ? undefined
    : { amount: f.amount, raw: f.raw, unit, source: { line: f.line, section: 'tables', table: n, row, ...(column !== undefined ? { column } : {}) } };

const finishRow = (n: TableNumber, r: WorkingRow, unit: MoneyUnit, sink: DiagnosticSink): TableRow => {
  const label = r.code ? formatCode(r.code) : r.name;
  const placedAt = new Map<number, { figure: WorkingFigure; placement: 'printed' | 'inferred' }>();
  const unplaced: MoneyFigure[] = [];
  r.figures.forEach((f, i) => {
    const cols = new Set(r.candidates.map((c) => c.columns[i]));
    const only = cols.size === 1 ? [...cols][0] : undefined;
    if (only !== undefined) {
      placedAt.set(only, { figure: f, placement: r.printed ? 'printed' : 'inferred' });
      return;
    }
    const fig = figureOf(f, unit, n, label);
    if (fig) unplaced.push(fig);
    sink.warning(
      'cell-placement-ambiguous',
      '无法从表格算术确定该数字所在的列',
      { line: f.line, section: 'tables', table: n, row: label },
      { raw: f.raw, columns: [...cols].map((c) => (c === undefined ? '' : (r.columns[c] ?? ''))).join('|') },
    );
  });
  for (const f of r.extra) {
    const fig = figureOf(f, unit, n, label);
    if (fig) unplaced.push(fig);
  }
  const cells: TableCell[] = r.columns.map((column, c) => {
    const p = placedAt.get(c);
    const figure = p ? figureOf(p.figure, unit, n, label, column) : undefined;
    return { column, ...(figure && p ? { figure, placement: p.placement } : {}) };
  });
  return {
    kind: r.kind,
    ...(r.side !== undefined ? { side: r.side } : {}),
    ...(r.code !== undefined ? { code: r.code } : {}),
    ...(r.ordinal !== undefined ? { ordinal: r.ordinal } : {}),
    name: r.name,
    cells,
    ...(unplaced.length > 0 ? { unplaced } : {}),
    line: r.line,
  };
};

const yearOf = (region: TableRegion, headerTexts: readonly string[]): number | undefined => {
  if (region.match.year !== undefined) return region.match.year;
  for (const h of headerTexts) {
    const m = /(\d{4})年/.exec(h);
    if (m?.[1]) return Number(m[1]);
  }
  return undefined;
};

/** Read every table found in `lines` (the tables section, or the whole document). */
export const readBudgetTables = (lines: readonly SourceLine[], sink: DiagnosticSink, options: ReadTablesOptions = {}): BudgetTable[] => {
  const regions = findTableRegions(lines, sink);
  for (const r of regions) for (const no of r.lines) options.consumed?.add(no);
  const rawOf = new Map(lines.map((l) => [l.no, l.raw]));
  const parts = regions.map((region) => {
    const n = region.match.number;
    const unit: MoneyUnit = region.unit ?? '元';
    if (region.unit === undefined) sink.info('table-unit-missing', '表格未注明单位，按元读取', { line: region.titleLine, section: 'tables', table: n });
    const { headerTexts, headerLines, dataTokens } = splitHeader(n, region.content);
    const header = squash(headerTexts.join(''));
    const headerRaw = headerLines.map((no) => rawOf.get(no) ?? '');
    // Header cells wrapped over lines (`人员` / `经费`) are put back together by position.
    const headerWords = [header, ...stackedCells(headerRaw)];
    const splitTable1 = n === 1 && headerWords.some((w) => w.includes('人员经费')) && headerWords.some((w) => w.includes('公用经费'));
    // The header decides a classification table's columns when it prints other ones than the standard.
    const printedColumns = readHeaderColumns(n, headerTexts, headerRaw);
    if (printedColumns !== undefined && printedColumns !== TABLE_COLUMNS[n]) {
      sink.info('table-columns-from-header', '表头所列的列与标准格式不同，按表头读取', { line: region.titleLine, section: 'tables', table: n }, { columns: printedColumns.join('、') });
    }
    const rows = assembleRows(n, dataTokens, sink, (printedColumns ?? TABLE_COLUMNS[n]).length).map((r) => toWorkingRow(n, r, unit, splitTable1, sink, printedColumns));
    const working: WorkingTable = { number: n, rows, line: region.titleLine };
    return { region, unit, headerTexts, working, columns: printedColumns ?? (splitTable1 ? TABLE1_SPLIT_EXPENDITURE : TABLE_COLUMNS[n]) };
  });
  // Cross-table values are taken within one set of nine: a document holding several sets (a
  // department's and its units') starts a new set when a table number repeats.
  const groups: Map<TableNumber, WorkingTable>[] = [];
  for (const p of parts) {
    let g = groups[groups.length - 1];
    if (!g || g.has(p.working.number)) {
      g = new Map();
      groups.push(g);
    }
    g.set(p.working.number, p.working);
  }
  for (const group of groups) {
    const report = resolvePlacements(group, options.searchBudget);
    for (const n of report.inconsistent) {
      sink.warning('cell-placement-inconsistent', '表格算术在任何列安排下都不成立，相关数字未能定位', { line: group.get(n)?.line ?? 0, section: 'tables', table: n });
    }
    for (const n of report.capped) {
      sink.warning('cell-placement-search-capped', '列定位搜索超出上限，未定的数字按无法确定处理', { line: group.get(n)?.line ?? 0, section: 'tables', table: n });
    }
  }
  if (parts.length > 0) {
    const found = new Set(parts.map((p) => p.working.number));
    for (const n of [1, 2, 3, 4, 5, 6, 7, 8, 9] as const) {
      if (!found.has(n)) sink.warning('table-missing', `未找到表${n}「${TABLE_STANDARD_NAMES[n]}」`, { line: parts[0]?.region.titleLine ?? 0, section: 'tables', table: n });
    }
  }
  return parts.map(({ region, unit, headerTexts, working, columns }) => {
    const n = region.match.number;
    const byCrossTable = working.rows.filter((r) => r.byCrossTable);
    if (byCrossTable.length > 0) {
      // One note per table: which rows needed another table's figures to be placed.
      sink.info('cell-placement-cross-table', '部分行的数字列位由其他表的数字确定', { line: byCrossTable[0]?.line ?? region.titleLine, section: 'tables', table: n }, {
        rows: byCrossTable.map((r) => (r.code ? formatCode(r.code) : r.name)).join('、'),
        count: byCrossTable.length,
      });
    }
    const year = yearOf(region, headerTexts);
    const note = region.noteParts.length > 0 ? region.noteParts.map((p) => p.text).join('') : undefined;
    return {
      number: n,
      standardName: TABLE_STANDARD_NAMES[n],
      title: { text: region.titleText, source: { line: region.titleLine, section: 'tables', table: n } },
      ...(year !== undefined ? { year } : {}),
      ...(region.preparer !== undefined ? { preparer: region.preparer } : {}),
      unit,
      columns,
      rows: working.rows.map((r) => finishRow(n, r, unit, sink)),
      ...(note !== undefined ? { note: { text: note, source: { line: region.noteParts[0]?.line ?? region.titleLine, section: 'tables', table: n } } } : {}),
    };
  });
};
