/**
 * The tables' arithmetic, used to place figures when a layout drops empty cells
 * (`201 41 01 行政运行 3,644,486.31 3,644,486.31`: 基本支出 or 项目支出?).
 *
 * Inside a table: a row's 合计 = Σ its parts (this filters each row's candidates), a parent row =
 * Σ its children per column, the 合计 row = Σ top-level rows per column. Across tables (applied
 * only when consistent with the above): table 1's revenue sources give table 2's column totals,
 * tables 5/6/7 give table 4's columns, table 3 and 5 agree when all money is 一般公共预算, table 8's
 * 合计 is table 5's 基本支出, table 9's parts mirror table 8's lines. Printed figures are never changed.
 */
import {
  functionalClassCodeByName,
  formatCode,
  TABLE_COLUMNS,
  type ClassificationCode,
  type Fen,
  type TableNumber,
  type TableSide,
} from '#domain/index.ts';
import { squash } from '../text.ts';
import { orderPreservingPlacements, solvePlacement, type Candidate, type LinearConstraint, type Term } from './placement-solver.ts';

export interface WorkingFigure {
  readonly raw: string;
  readonly line: number;
  /** Undefined for an explicit empty cell (`-`). */
  readonly amount?: Fen;
}

export interface WorkingRow {
  readonly kind: 'item' | 'total';
  readonly side?: TableSide;
  readonly code?: ClassificationCode;
  readonly ordinal?: string;
  readonly name: string;
  readonly line: number;
  /** Columns of this row's side. */
  readonly columns: readonly string[];
  readonly figures: readonly WorkingFigure[];
  /** Figures beyond the row's columns (kept, unplaced). */
  readonly extra: readonly WorkingFigure[];
  /** Positions given by the layout (every cell printed or cells delimited). */
  readonly printed: boolean;
  /** Remaining placements; one when decided. */
  candidates: Candidate[];
  /** Decided only with cross-table relations (reported as info). */
  byCrossTable: boolean;
  /** Its component had no solution or ran out of budget: not searched again. */
  settled?: boolean;
}

export interface WorkingTable {
  readonly number: TableNumber;
  readonly rows: WorkingRow[];
  readonly line: number;
}

/** `total = Σ parts` per row, by column index within the row's side. */
const rowIdentities = (table: TableNumber, side: TableSide | undefined, width: number): ReadonlyArray<readonly [number, readonly number[]]> => {
  if (table === 1 && side === 'expenditure' && width === 4) return [[0, [1, 2, 3]]];
  // Classification tables: 合计 first, then its parts — as many as the header prints.
  if (table === 2 || table === 3 || table === 5 || table === 6 || table === 7 || table === 8) return [[0, Array.from({ length: width - 1 }, (_, i) => i + 1)]];
  if (table === 4 && side === 'expenditure') return [[0, [1, 2, 3]]];
  if (table === 9) return [[0, [1, 2, 3]], [3, [4, 5]]];
  return [];
};

/**
 * Table 1 of a unit budget may split its expenditure side into 合计 / 人员经费 / 公用经费 / 项目支出
 * (the 合计 column keeps the canonical name 预算数).
 */
export const TABLE1_SPLIT_EXPENDITURE: readonly string[] = ['预算数', '人员经费', '公用经费', '项目支出'];

/** Columns of a row's side (`splitTable1`: table 1's expenditure side is split as above). */
export const sideColumns = (table: TableNumber, side: TableSide | undefined, splitTable1 = false): readonly string[] => {
  if (table === 1 && side === 'expenditure' && splitTable1) return TABLE1_SPLIT_EXPENDITURE;
  if (table === 4) return side === 'revenue' ? ['预算数'] : TABLE_COLUMNS[4].slice(1);
  return TABLE_COLUMNS[table];
};

const candidateOf = (columns: readonly number[], figures: readonly WorkingFigure[], n: number): Candidate => {
  const values = new Array<number>(n).fill(0);
  columns.forEach((c, i) => {
    values[c] = figures[i]?.amount ?? 0;
  });
  return { columns, values };
};

/**
 * The candidate placements of a row: the layout's when it says (`known`), else every
 * order-preserving placement that keeps the row's own sums (all of them if none does).
 */
export const rowCandidates = (
  table: TableNumber,
  side: TableSide | undefined,
  n: number,
  figures: readonly WorkingFigure[],
  known: readonly number[] | undefined,
): Candidate[] => {
  if (known) return [candidateOf(known, figures, n)];
  const all = orderPreservingPlacements(figures.length, n).map((cols) => candidateOf(cols, figures, n));
  const ids = rowIdentities(table, side, n);
  const consistent = all.filter((c) => ids.every(([t, parts]) => (c.values[t] ?? 0) === parts.reduce((s, p) => s + (c.values[p] ?? 0), 0)));
  return consistent.length > 0 ? consistent : all;
};

/** The value of a cell when every remaining placement agrees on it. */
export const knownValue = (row: WorkingRow | undefined, column: number): number | undefined => {
  if (!row || row.candidates.length === 0) return undefined;
  const v = row.candidates[0]?.values[column];
  return row.candidates.every((c) => c.values[column] === v) ? v : undefined;
};

const colIndex = (row: WorkingRow, name: string): number => row.columns.indexOf(name);

interface CellHint {
  readonly row: number;
  readonly column: number;
  readonly value: number;
}

// ---------------------------------------------------------------------------------------------
// Lookups in other tables

const byName = (t: WorkingTable | undefined, name: string, side?: TableSide): WorkingRow | undefined =>
  t?.rows.find((r) => squash(r.name) === name && (side === undefined || r.side === side));

const totalRow = (t: WorkingTable | undefined, side?: TableSide): WorkingRow | undefined =>
  t?.rows.find((r) => r.kind === 'total' && (side === undefined || r.side === side));

const codeIndexes = new WeakMap<WorkingTable, Map<string, WorkingRow>>();

/** The first row of a code (indexed once per table: lookups run for every row of another table). */
const byCode = (t: WorkingTable | undefined, code: string): WorkingRow | undefined => {
  if (!t) return undefined;
  let index = codeIndexes.get(t);
  if (!index) {
    index = new Map();
    for (const r of t.rows) if (r.code && !index.has(formatCode(r.code))) index.set(formatCode(r.code), r);
    codeIndexes.set(t, index);
  }
  return index.get(code);
};

/** A 类's 合计 in table t: its row, or 0 when the table lists rows but not this 类 (or is empty). */
const classTotal = (t: WorkingTable | undefined, classCode: string): number | undefined => {
  if (!t) return undefined;
  const row = byCode(t, classCode);
  if (row) return knownValue(row, 0);
  const total = totalRow(t);
  return total ? 0 : undefined;
};

const value = (row: WorkingRow | undefined, column: string): number | undefined => (row ? knownValue(row, colIndex(row, column)) : undefined);

/** Table 1's revenue is all 一般公共预算 (no funds, no 事业/经营/其他): tables 3 and 5 then agree row by row. */
const allGeneralBudget = (t1: WorkingTable | undefined): boolean => {
  if (!t1) return false;
  const total = value(totalRow(t1, 'revenue'), '预算数');
  const general = value(byName(t1, '一般公共预算资金', 'revenue'), '预算数');
  return total !== undefined && total === general;
};

/** Values other tables (and table 4's own revenue side) give for cells of table `n`. */
const crossTableHints = (n: TableNumber, tables: ReadonlyMap<TableNumber, WorkingTable>): CellHint[] => {
  const t = tables.get(n);
  if (!t) return [];
  const hints: CellHint[] = [];
  const hint = (ri: number, column: string, v: number | undefined): void => {
    const row = t.rows[ri];
    if (!row || v === undefined) return;
    const c = colIndex(row, column);
    if (c >= 0) hints.push({ row: ri, column: c, value: v });
  };
  const t1 = tables.get(1);
  const t5 = tables.get(5);
  const t8 = tables.get(8);
  const threeAndFiveAgree = (n === 3 || n === 5) && allGeneralBudget(t1);
  t.rows.forEach((row, ri) => {
    if (n === 2 && row.kind === 'total') {
      hint(ri, '合计', value(totalRow(t1, 'revenue'), '预算数'));
      for (const source of ['财政拨款收入', '事业收入', '事业单位经营收入', '其他收入']) {
        hint(ri, source, value(byName(t1, source, 'revenue'), '预算数'));
      }
    }
    if (threeAndFiveAgree) {
      const other = tables.get(n === 3 ? 5 : 3);
      const twin = row.kind === 'total' ? totalRow(other) : row.code ? byCode(other, formatCode(row.code)) : undefined;
      if (twin) for (const c of row.columns) hint(ri, c, value(twin, c));
    }
    if (n === 5 && row.kind === 'total') hint(ri, '基本支出', value(totalRow(t8), '合计'));
    if (n === 8 && row.kind === 'total') hint(ri, '合计', value(totalRow(t5), '基本支出'));
    if (n === 4 && row.side === 'expenditure') {
      if (row.kind === 'total') {
        hint(ri, '合计', value(totalRow(t, 'revenue'), '预算数'));
        hint(ri, '一般公共预算', value(byName(t, '一般公共预算资金', 'revenue'), '预算数'));
        hint(ri, '政府性基金预算', value(byName(t, '政府性基金', 'revenue'), '预算数'));
        hint(ri, '国有资本经营预算', value(byName(t, '国有资本经营预算', 'revenue'), '预算数'));
        hint(ri, '一般公共预算', value(totalRow(t5), '合计'));
        hint(ri, '政府性基金预算', value(totalRow(tables.get(6)), '合计') ?? (tables.get(6) ? 0 : undefined));
        hint(ri, '国有资本经营预算', value(totalRow(tables.get(7)), '合计') ?? (tables.get(7) ? 0 : undefined));
      } else {
        const cls = functionalClassCodeByName(squash(row.name));
        if (cls) {
          hint(ri, '一般公共预算', classTotal(t5, cls));
          hint(ri, '政府性基金预算', classTotal(tables.get(6), cls));
          hint(ri, '国有资本经营预算', classTotal(tables.get(7), cls));
        }
      }
    }
    if (n === 9) {
      hint(ri, '公务接待费', value(byCode(t8, '302 17'), '合计'));
      hint(ri, '因公出国(境)费', value(byCode(t8, '302 12'), '合计'));
      hint(ri, '公务用车运行费', value(byCode(t8, '302 31'), '合计'));
      hint(ri, '机关运行经费', value(totalRow(t8), '公用经费'));
    }
  });
  return hints;
};

// ---------------------------------------------------------------------------------------------
// Constraints inside a table

/** Σ coef × cell = 0 over (row, column) cells; decided cells fold into the target. */
const linear = (
  cells: ReadonlyArray<readonly [row: number, column: number, coef: number]>,
  rows: readonly WorkingRow[],
  varOf: ReadonlyMap<number, number>,
): LinearConstraint | undefined => {
  let target = 0;
  const parts = new Map<number, [number, number][]>();
  for (const [ri, c, coef] of cells) {
    const v = varOf.get(ri);
    if (v === undefined) {
      target -= coef * (knownValue(rows[ri], c) ?? 0);
      continue;
    }
    const list = parts.get(v) ?? [];
    list.push([c, coef]);
    parts.set(v, list);
  }
  if (parts.size === 0) return undefined;
  const terms: Term[] = [...parts].map(([variable, p]) => ({ variable, parts: p }));
  return { terms, target };
};

const tableConstraints = (t: WorkingTable, varOf: ReadonlyMap<number, number>): LinearConstraint[] => {
  const out: LinearConstraint[] = [];
  const rows = t.rows;
  const add = (k: LinearConstraint | undefined): void => {
    if (k) out.push(k);
  };
  const sumRule = (parent: number, children: readonly number[]): void => {
    const p = rows[parent];
    if (!p || children.length === 0) return;
    if (![parent, ...children].some((ri) => varOf.has(ri))) return;
    for (let c = 0; c < p.columns.length; c++) {
      add(linear([[parent, c, 1], ...children.map((ch) => [ch, c, -1] as const)], rows, varOf));
    }
  };
  // Each coded row's nearest listed ancestor: documents may skip a level (a 项 listed under its 类).
  const indexByCode = new Map<string, number>();
  rows.forEach((r, i) => {
    if (r.code && !indexByCode.has(formatCode(r.code))) indexByCode.set(formatCode(r.code), i);
  });
  const parentOf = (r: WorkingRow): number | undefined => {
    const segs = r.code?.segments ?? [];
    for (let k = segs.length - 1; k >= 1; k--) {
      const p = indexByCode.get(segs.slice(0, k).join(' '));
      if (p !== undefined) return p;
    }
    return undefined;
  };
  const children = new Map<number, number[]>();
  const top: number[] = [];
  rows.forEach((r, i) => {
    if (!r.code || r.kind !== 'item') return;
    const p = parentOf(r);
    if (p === undefined) top.push(i);
    else {
      const siblings = children.get(p);
      if (siblings) siblings.push(i);
      else children.set(p, [i]);
    }
  });
  for (const [p, ch] of children) sumRule(p, ch);
  for (const side of t.number === 1 || t.number === 4 ? (['expenditure'] as const) : ([undefined] as const)) {
    const total = rows.findIndex((r) => r.kind === 'total' && r.side === side);
    if (total < 0) continue;
    const items =
      side === undefined ? top : rows.map((r, j) => [r, j] as const).filter(([r]) => r.kind === 'item' && r.side === side).map(([, j]) => j);
    sumRule(total, items);
  }
  return out;
};

// ---------------------------------------------------------------------------------------------
// Resolution

export interface ResolveReport {
  /** Tables whose arithmetic admits no placement at all (a printed slip among ambiguous rows). */
  readonly inconsistent: TableNumber[];
  readonly capped: TableNumber[];
}

const undecided = (r: WorkingRow): boolean => r.candidates.length > 1;

const MAX_HINT_TRIALS = 32;

/** Narrow ambiguous rows of table `t` by its arithmetic, then by cross-table values where consistent. */
const resolveTable = (t: WorkingTable, tables: ReadonlyMap<TableNumber, WorkingTable>, budget: number): { inconsistent: boolean; capped: boolean } => {
  const vars = t.rows.map((r, i) => [r, i] as const).filter(([r]) => undecided(r) && !r.settled);
  if (vars.length === 0) return { inconsistent: false, capped: false };
  const varOf = new Map(vars.map(([, ri], v) => [ri, v] as const));
  const hard = tableConstraints(t, varOf);
  const hardSol = solvePlacement({ domains: vars.map(([r]) => r.candidates), constraints: hard }, budget);
  // A component without any placement (a printed slip there) or out of budget keeps its candidates.
  const inconsistent = hardSol.status.some((s) => s === 'unsatisfiable');
  let capped = hardSol.capped;
  vars.forEach(([r], v) => {
    const supported = hardSol.supported[v] ?? [];
    if (hardSol.status[v] === 'solved') r.candidates = supported.map((ci) => r.candidates[ci]).filter((c): c is Candidate => c !== undefined);
    else r.settled = true;
  });
  // Cross-table values can only narrow what the table's own arithmetic allows, where it was solved.
  const open = new Set(vars.filter(([r], v) => undecided(r) && hardSol.status[v] === 'solved').map(([, ri]) => ri));
  if (open.size === 0) return { inconsistent, capped };
  const solved = (v: number): boolean => hardSol.status[v] === 'solved';
  const solvable = hard.filter((k) => k.terms.every((term) => solved(term.variable)));
  const hints: LinearConstraint[] = crossTableHints(t.number, tables).flatMap((h) => {
    const variable = varOf.get(h.row);
    return variable === undefined || !open.has(h.row) ? [] : [{ terms: [{ variable, parts: [[h.column, 1] as const] }], target: h.value }];
  });
  if (hints.length === 0) return { inconsistent, capped };
  const domains = vars.map(([r], v) => (solved(v) ? r.candidates : []));
  const attempt = (constraints: LinearConstraint[]): ReturnType<typeof solvePlacement> | undefined => {
    const s = solvePlacement({ domains, constraints }, budget);
    if (s.capped) capped = true;
    return s.satisfiable && !s.capped ? s : undefined;
  };
  let sol = attempt([...solvable, ...hints]);
  if (!sol) {
    // Keep each cross-table value that the arithmetic (and the values kept so far) allows;
    // at most MAX_HINT_TRIALS one-by-one trials.
    let kept = [...solvable];
    for (const h of hints.slice(0, MAX_HINT_TRIALS)) {
      const trial = attempt([...kept, h]);
      if (trial) {
        kept = [...kept, h];
        sol = trial;
      }
    }
    if (hints.length > MAX_HINT_TRIALS) capped = true;
  }
  if (!sol) return { inconsistent, capped };
  const final = sol;
  vars.forEach(([r], v) => {
    const supported = final.supported[v] ?? [];
    if (!solved(v) || supported.length === 0) return;
    if (supported.length === 1 && undecided(r)) r.byCrossTable = true;
    r.candidates = supported.map((ci) => r.candidates[ci]).filter((c): c is Candidate => c !== undefined);
  });
  return { inconsistent, capped };
};

/** Resolution order: sources of cross-table values first; a second pass uses what the first decided. */
const ORDER: readonly TableNumber[] = [1, 6, 7, 5, 3, 2, 4, 8, 9];

export const resolvePlacements = (tables: ReadonlyMap<TableNumber, WorkingTable>, budget = 2_000): ResolveReport => {
  const inconsistent = new Set<TableNumber>();
  const capped = new Set<TableNumber>();
  for (let pass = 0; pass < 2; pass++) {
    for (const n of ORDER) {
      const t = tables.get(n);
      if (!t || !t.rows.some((r) => undecided(r) && !r.settled)) continue;
      const r = resolveTable(t, tables, budget);
      if (r.inconsistent) inconsistent.add(n);
      if (r.capped) capped.add(n);
    }
  }
  return { inconsistent: [...inconsistent], capped: [...capped] };
};
