/**
 * How the nine tables are laid out on screen, as pure functions of the model: stable DOM ids
 * for rows and cells (findings scroll to them), the two-sided layout of tables 1 and 4, and the
 * ids a finding's location may point at, most specific first.
 */
import { formatCode, parseCode } from '#domain/index.ts';
import type { BudgetTable, Finding, SourceLocation, TableRow } from '#domain/index.ts';

/** A row's identity inside its table: its code (`208 05 05`) or its name (`合计`). */
export const rowKey = (row: TableRow): string => (row.code ? formatCode(row.code) : row.name);

const idPart = (s: string): string => s.trim().replace(/\s+/g, '-');

export const tableId = (table: number): string => `t${table}`;
/** `t3-208-05-05`. */
export const rowId = (table: number, key: string): string => `t${table}-${idPart(key)}`;
/** `t3-208-05-05-基本支出`. */
export const cellId = (table: number, key: string, column: string): string => `${rowId(table, key)}-${idPart(column)}`;

const ORDINAL_PREFIX = /^(?:[一二三四五六七八九十]+、|\d+[.．、]\s*|（[一二三四五六七八九十]+）)/;

/**
 * The ways a finding may spell a row: `208 05 05`, `2080505`, `212 城乡社区支出` (code and name),
 * `一、财政拨款收入` (with ordinal) or the bare name. Canonical code first.
 */
const rowKeyCandidates = (row: string): string[] => {
  const t = row.trim();
  const out = [t];
  const lead = /^(\d{3}(?:[\s\-.]*\d{2}){0,2})(?:\s+(.+))?$/.exec(t);
  const code = lead?.[1] !== undefined ? (parseCode(lead[1], 'functional') ?? parseCode(lead[1], 'economic')) : undefined;
  if (code) out.unshift(formatCode(code));
  if (lead?.[2] !== undefined) out.push(lead[2].trim());
  const bare = t.replace(ORDINAL_PREFIX, '');
  if (bare !== t) out.push(bare);
  return [...new Set(out)];
};

/** The cell a location names, when it names one (table, row and column). */
export const locationCellId = (loc: SourceLocation): string | undefined => {
  if (loc.table === undefined || loc.row === undefined || loc.column === undefined) return undefined;
  const key = rowKeyCandidates(loc.row)[0];
  return key === undefined ? undefined : cellId(loc.table, key, loc.column);
};

/**
 * Cells that findings point at (their primary location and the figures on either side), with
 * the findings' messages: the tables mark them so a reviewer sees problems in place.
 */
export const flaggedCells = (findings: readonly Finding[]): ReadonlyMap<string, readonly string[]> => {
  const out = new Map<string, string[]>();
  for (const f of findings) {
    const locs = [f.location, ...f.figures.map((x) => x.location)].filter((l): l is SourceLocation => l !== undefined);
    for (const id of new Set(locs.map(locationCellId).filter((x): x is string => x !== undefined))) {
      out.set(id, [...(out.get(id) ?? []), f.message]);
    }
  }
  return out;
};

/** Section anchors of the document page. */
export const SECTION_IDS = {
  header: 'sec-header',
  explanation: 'sec-explanation',
  tables: 'sec-tables',
  otherInformation: 'sec-other-information',
  projects: 'sec-projects',
  findings: 'sec-findings',
  charts: 'sec-charts',
} as const;

export const projectId = (index: number): string => `project-${index + 1}`;

/**
 * DOM ids to try for a finding's location, most specific first: the cell, the row, the table,
 * then the project or section. `projectIndex` maps a project name to its position on the page.
 */
export const focusCandidates = (loc: SourceLocation, projectIndex?: (name: string) => number | undefined): string[] => {
  const ids: string[] = [];
  if (loc.table !== undefined) {
    if (loc.row !== undefined) {
      for (const key of rowKeyCandidates(loc.row)) {
        if (loc.column !== undefined) ids.push(cellId(loc.table, key, loc.column));
      }
      for (const key of rowKeyCandidates(loc.row)) ids.push(rowId(loc.table, key));
    }
    ids.push(tableId(loc.table));
  }
  if (loc.project !== undefined && projectIndex) {
    const i = projectIndex(loc.project);
    if (i !== undefined) ids.push(projectId(i));
  }
  switch (loc.section) {
    case 'explanation':
      ids.push(SECTION_IDS.explanation);
      break;
    case 'other-information':
      ids.push(SECTION_IDS.otherInformation);
      break;
    case 'projects':
    case 'performance-form':
    case 'performance-summary':
      ids.push(SECTION_IDS.projects);
      break;
    case 'tables':
      ids.push(SECTION_IDS.tables);
      break;
    case undefined:
      break;
    default:
      ids.push(SECTION_IDS.header);
  }
  return [...new Set(ids)];
};

export { MONEY_GROUP_TITLE } from '#domain/index.ts';

export const isTwoSided = (t: BudgetTable): boolean => t.number === 1 || t.number === 4;

const columnsOfRows = (rows: readonly TableRow[]): string[] | undefined => {
  const widest = rows.reduce<TableRow | undefined>((w, r) => (w === undefined || r.cells.length > w.cells.length ? r : w), undefined);
  return widest && widest.cells.length > 0 ? widest.cells.map((c) => c.column) : undefined;
};

export interface TwoSidedLayout {
  readonly revenueColumns: readonly string[];
  readonly expenditureColumns: readonly string[];
  /** Lines of the table: a revenue row and/or an expenditure row side by side; totals on the last line. */
  readonly lines: readonly { readonly revenue?: TableRow; readonly expenditure?: TableRow }[];
}

/**
 * Tables 1 and 4: revenue on the left, expenditure on the right, item rows paired top-down and
 * the two 总计 rows on the last line, as printed.
 */
export const twoSidedLayout = (t: BudgetTable): TwoSidedLayout => {
  const revenue = t.rows.filter((r) => r.side !== 'expenditure');
  const expenditure = t.rows.filter((r) => r.side === 'expenditure');
  const revenueColumns = columnsOfRows(revenue) ?? ['预算数'];
  const expenditureColumns =
    columnsOfRows(expenditure) ?? (t.number === 4 ? t.columns.filter((c) => c !== '预算数') : ['预算数']);
  const revItems = revenue.filter((r) => r.kind !== 'total');
  const expItems = expenditure.filter((r) => r.kind !== 'total');
  const revTotals = revenue.filter((r) => r.kind === 'total');
  const expTotals = expenditure.filter((r) => r.kind === 'total');
  const pair = <T,>(a: readonly T[], b: readonly T[]): { revenue?: T; expenditure?: T }[] =>
    Array.from({ length: Math.max(a.length, b.length) }, (_, i) => {
      const r = a[i];
      const e = b[i];
      return { ...(r !== undefined ? { revenue: r } : {}), ...(e !== undefined ? { expenditure: e } : {}) };
    });
  return {
    revenueColumns,
    expenditureColumns,
    lines: [...pair(revItems, expItems), ...pair(revTotals, expTotals)] as TwoSidedLayout['lines'],
  };
};

/** Number of code columns (类/款/项 or 类/款) for a classification table. */
export const codeColumnCount = (t: BudgetTable): 2 | 3 => {
  const withCode = t.rows.find((r) => r.code !== undefined);
  if (withCode?.code) return withCode.code.scheme === 'economic' ? 2 : 3;
  return t.number === 8 ? 2 : 3;
};

/** Indentation level of a row: 0 for 类, 1 for 款, 2 for 项; 0 for totals and item rows. */
export const rowLevel = (row: TableRow): number => (row.code ? row.code.segments.length - 1 : 0);

/** Display name with its printed ordinal (`一、财政拨款收入`, `1. 一般公共预算资金`). */
export const displayName = (row: TableRow): string => {
  if (row.ordinal === undefined) return row.name;
  const sep = /[、.．]$/.test(row.ordinal) ? '' : /^\d+$/.test(row.ordinal) ? '. ' : '、';
  return `${row.ordinal}${sep}${row.name}`;
};

/** Sub-item rows of tables 1 and 4 (`1. 一般公共预算资金`) are indented under their `一、` line. */
export const isSubItem = (row: TableRow): boolean => row.ordinal !== undefined && /^\d/.test(row.ordinal);
