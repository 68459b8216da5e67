/**
 * Answer-key comparison: a measuring instrument for the budget-disclosure reader.
 *
 * The keys in `../shared/corpus/keys/*.json` were keyed by hand from the PDFs (format in
 * `../shared/corpus/README.md`). This module loads one and compares it with the model the reader
 * returns, figure by figure, in exact 分 (src/domain/money.ts; never floats). It deliberately uses
 * nothing of the reader (no src/ingest/tables, narrative, text.ts): row codes, names and columns
 * are matched with the small, explicit rules below, so a reader bug cannot hide in a shared helper.
 *
 * What is compared:
 * - tables 1–9: found or missing; every key cell (row by code, or by name for rows without a code;
 *   column through COLUMN_ALIASES); every figure the model has that the key does not (an extra
 *   figure, including `unplaced` figures); rows the key lists and the model lacks;
 * - t1 / t4 (two-sided) rows by side and name, t9's single row;
 * - narrative figures that have a home in the model (NARRATIVE_HOMES below), 财政拨款支出主要内容
 *   items by ordinal (amount, 科目 path, prior execution, restated amount, direction, percent);
 * - projects by heading: the annual amount and the breakdown items.
 *
 * Key fields with NO home in the model (not compared; listed so nobody thinks they are):
 * - `narrative.expenditure_items[].matched_code` — the model keeps the 科目 as written
 *   (`subject`, `subjectPath`, `subjectCode` only when a code is printed); the link item → table
 *   row is the checker's business, not a field of the model;
 * - `narrative.revenue_change.vs` / `expenditure_change.vs` beyond year and basis (the model keeps
 *   `comparedYear` and `basis`, both compared; the wording itself is not kept);
 * - `projects[].quarterly_plan_wan` / `amount_wan_derived` (a per-quarter spending plan; the model's
 *   `paymentSchedule` holds percent milestones, and a derived sum is not a printed figure),
 *   `projects[].stated_sum_wan`, `projects[].period` (free text; the model has a parsed DateRange);
 * - `tables.*.footnotes`, `t9.footnotes` (the model has `note` as text — not figures), `t9.header_labels`,
 *   `table_titles[].pages`, rows' `page` (used only to locate mismatches), `anomalies` (checker output,
 *   not reader output), `notes`, `amount_format`, `source`.
 * - unit-budget t1 `expenditure_columns` 人员经费 / 公用经费 / 项目支出: TABLE_COLUMNS[1] has only
 *   `预算数`; they are compared against whatever columns the model's row carries and are reported
 *   as `column-missing` until the model has them (see COLUMN_ALIASES).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type {
  BudgetDisclosure,
  BudgetTable,
  CountFigure,
  MoneyFigure,
  NarrativeAmount,
  PercentFigure,
  StatedChange,
  TableNumber,
  TableRow,
  TableSide,
} from '#domain/index.ts';
import { parseMoney, parseWanYuan, type Fen, type MoneyUnit } from '#domain/money.ts';

// ---------------------------------------------------------------------------------------------
// The key format (validated at load: a malformed key must fail loudly, not compare as "all missing")

const Decimal = z.string().regex(/^-?\d+(?:\.\d+)?$/, 'a decimal string without separators');
const Unit = z.enum(['元', '万元']);

const KeyTableRow = z.looseObject({
  code: z.string(),
  canonical_code: z.string().optional(),
  name: z.string(),
  values: z.record(z.string(), Decimal),
  page: z.number().optional(),
});
const KeyTable = z.looseObject({
  number: z.number().int().min(1).max(9),
  title: z.string().optional(),
  unit: Unit,
  columns: z.array(z.string()),
  rows: z.array(KeyTableRow),
  footnotes: z.array(z.string()).optional(),
});
const KeyRevenueRow = z.looseObject({ label: z.string().optional(), name: z.string(), value: Decimal.nullable() });
const KeyExpenditureRow = z.looseObject({ label: z.string().optional(), name: z.string(), values: z.record(z.string(), Decimal) });
const KeyTwoSided = z.looseObject({
  title: z.string().optional(),
  pages: z.array(z.number()).optional(),
  unit: Unit,
  expenditure_columns: z.array(z.string()),
  revenue_rows: z.array(KeyRevenueRow),
  expenditure_rows: z.array(KeyExpenditureRow),
});
const KeyT9 = z.looseObject({
  title: z.string().optional(),
  pages: z.array(z.number()).optional(),
  unit: Unit,
  values: z.record(z.string(), Decimal),
});
const KeyChange = z.looseObject({
  vs: z.string(),
  direction: z.string(),
  amount_wan: Decimal.optional(),
  pct: z.string().optional(),
});
const KeyItem = z.looseObject({
  no: z.number().int(),
  subject: z.string(),
  path: z.array(z.string()).optional(),
  amount_wan: Decimal,
  prior_execution_wan: Decimal.nullish(),
  planned_wan: Decimal.nullish(),
  change: z.string().nullish(),
  change_pct: z.string().nullish(),
  matched_code: z.string().optional(),
});
const KeyNarrative = z.looseObject({
  revenue_total_wan: Decimal.optional(),
  fiscal_revenue_wan: Decimal.optional(),
  revenue_change: KeyChange.optional(),
  other_revenue_wan: z.record(z.string(), Decimal).optional(),
  expenditure_total_wan: Decimal.optional(),
  fiscal_expenditure_wan: Decimal.optional(),
  expenditure_change: KeyChange.optional(),
  general_budget_expenditure_wan: Decimal.optional(),
  fund_expenditure_wan: Decimal.optional(),
  soe_expenditure_wan: Decimal.optional(),
  change_reason: z.string().optional(),
  three_public_total_wan: Decimal.optional(),
  abroad_wan: Decimal.optional(),
  vehicle_total_wan: Decimal.optional(),
  vehicle_purchase_wan: Decimal.optional(),
  vehicle_running_wan: Decimal.optional(),
  reception_wan: Decimal.optional(),
  operating_cost_wan: Decimal.optional(),
  procurement_total_wan: Decimal.optional(),
  procurement: z.record(z.string(), Decimal).optional(),
  performance_projects: z.number().int().optional(),
  performance_amount_wan: Decimal.optional(),
  performance_units: z.number().int().optional(),
  vehicles: z.looseObject({ as_of: z.string().optional(), held: z.number().int().optional(), to_purchase: z.number().int().optional() }).optional(),
  expenditure_items: z.array(KeyItem).optional(),
});
const KeyProject = z.looseObject({
  name: z.string(),
  heading: z.string(),
  page: z.number().optional(),
  amount_wan: Decimal.nullable().optional(),
  items: z.array(z.looseObject({ name: z.string(), amount_wan: Decimal })).optional(),
});
export const AnswerKeySchema = z.looseObject({
  department: z.string().optional(),
  kind: z.enum(['department', 'unit']),
  year: z.number().int(),
  tables: z.record(z.string(), KeyTable),
  t1: KeyTwoSided,
  t4: KeyTwoSided,
  t9: KeyT9,
  narrative: KeyNarrative,
  projects: z.array(KeyProject),
});
export type AnswerKey = z.infer<typeof AnswerKeySchema>;
export type KeyTableRow = z.infer<typeof KeyTableRow>;

export const parseAnswerKey = (json: unknown): AnswerKey => AnswerKeySchema.parse(json);
export const loadAnswerKey = (file: string): AnswerKey => parseAnswerKey(JSON.parse(readFileSync(file, 'utf8')));

// ---------------------------------------------------------------------------------------------
// Column names: key → model

/**
 * How a key's column name maps to the model's canonical column (TABLE_COLUMNS in the domain).
 * A key column is first looked up as is among the columns the model's row carries; failing that,
 * through this table. Tables 2, 3, 5–8 print the canonical names, so they need no entry.
 * - t1: the unit budget's split expenditure side prints `合计` where the department budget prints
 *   `预算数` (the model's single column); 人员经费 / 公用经费 / 项目支出 have no alias on purpose.
 * - t4: the key writes the header as printed (`政府性基金`), the model adds 预算.
 * - t9: the printed sub-headers under 公务用车购置及运行费, and full-width brackets.
 */
export const COLUMN_ALIASES: Readonly<Partial<Record<TableNumber, Readonly<Record<string, string>>>>> = {
  1: { 合计: '预算数' },
  4: { 政府性基金: '政府性基金预算', 国有资本经营: '国有资本经营预算', 国有资本经营预算资金: '国有资本经营预算' },
  9: { '因公出国（境）费': '因公出国(境)费', 小计: '公务用车购置及运行费小计', 购置费: '公务用车购置费', 运行费: '公务用车运行费' },
};

const resolveColumn = (table: TableNumber, keyColumn: string, modelColumns: readonly string[]): string | undefined => {
  if (modelColumns.includes(keyColumn)) return keyColumn;
  const alias = COLUMN_ALIASES[table]?.[keyColumn];
  return alias !== undefined && modelColumns.includes(alias) ? alias : undefined;
};

// ---------------------------------------------------------------------------------------------
// Results

export type MismatchKind =
  | 'table-missing'
  | 'row-missing'
  | 'column-missing'
  | 'cell-missing'
  | 'cell-wrong'
  | 'cell-extra'
  | 'cell-unplaced'
  | 'figure-missing'
  | 'figure-wrong'
  | 'figure-extra'
  | 'project-missing'
  | 'project-extra'
  | 'key-invalid';

export interface KeyMismatch {
  readonly kind: MismatchKind;
  readonly part: 'table' | 'narrative' | 'project';
  readonly table?: TableNumber;
  readonly side?: TableSide;
  /** Row code (`208 05 05`) or name (`合计`). */
  readonly row?: string;
  readonly column?: string;
  /** Narrative / project field (`three_public_total_wan`, `expenditure_items[3].amount_wan`). */
  readonly field?: string;
  readonly expected?: string;
  readonly actual?: string;
  /** Line in the source text when the model has one for the place. */
  readonly line?: number;
  /** Page in the PDF, from the key. */
  readonly page?: number;
  readonly message: string;
}

export interface TableTally {
  readonly number: TableNumber;
  readonly found: boolean;
  readonly cellsExpected: number;
  readonly cellsMatched: number;
  readonly extraCells: number;
}

export interface KeyComparison {
  /** One per table the key has (all nine for the corpus keys). */
  readonly tables: readonly TableTally[];
  readonly tablesFound: number;
  readonly tablesExpected: number;
  readonly cellsExpected: number;
  readonly cellsMatched: number;
  readonly extraCells: number;
  readonly narrativeExpected: number;
  readonly narrativeMatched: number;
  readonly mismatches: readonly KeyMismatch[];
}

// ---------------------------------------------------------------------------------------------
// Small independent helpers

const squash = (s: string): string => s.replace(/\s+/g, '');
/** Names compared without whitespace and with ASCII/full-width brackets folded. */
const sameName = (a: string, b: string): boolean => foldName(a) === foldName(b);
const foldName = (s: string): string => squash(s).replace(/（/g, '(').replace(/）/g, ')').replace(/[“”"]/g, '');

/** `301 2` → `301 02`: segments as printed, 款/项 zero-padded to two digits. */
export const normaliseKeyCode = (code: string): string =>
  squash(code) === ''
    ? ''
    : code
        .trim()
        .split(/\s+/)
        .map((s, i) => (i === 0 ? s : s.padStart(2, '0')))
        .join(' ');

const modelCode = (row: TableRow): string => (row.code ? row.code.segments.join(' ') : '');

const money = (raw: string, unit: MoneyUnit): Fen => {
  const f = parseMoney(raw, unit);
  if (f === undefined) throw new Error(`answer key: not an amount in ${unit}: ${raw}`);
  return f;
};
const show = (f: MoneyFigure): string => `${f.raw}${f.unit}`;

// ---------------------------------------------------------------------------------------------
// The comparison

class Tally {
  readonly mismatches: KeyMismatch[] = [];
  cellsExpected = 0;
  cellsMatched = 0;
  extraCells = 0;
  narrativeExpected = 0;
  narrativeMatched = 0;
  add(m: KeyMismatch): void {
    this.mismatches.push(m);
  }
}

interface ExpectedCell {
  readonly keyColumn: string;
  readonly raw: string;
}

interface ExpectedRow {
  readonly side?: TableSide;
  /** Normalised code, '' for rows matched by name. */
  readonly code: string;
  readonly name: string;
  readonly unit: MoneyUnit;
  readonly cells: readonly ExpectedCell[];
  readonly page?: number;
}

const rowLabel = (r: { code: string; name: string }): string => (r.code !== '' ? r.code : r.name);

/** Pair key rows with model rows: by code when the key row has one, else by name (and side). */
const pairRows = (expected: readonly ExpectedRow[], model: readonly TableRow[]): Map<ExpectedRow, TableRow | undefined> => {
  const used = new Set<TableRow>();
  const pairs = new Map<ExpectedRow, TableRow | undefined>();
  for (const e of expected) {
    const hit = model.find(
      (r) =>
        !used.has(r) &&
        (e.side === undefined || r.side === undefined || r.side === e.side) &&
        (e.code !== '' ? modelCode(r) === e.code : modelCode(r) === '' && sameName(r.name, e.name)),
    );
    if (hit) used.add(hit);
    pairs.set(e, hit);
  }
  return pairs;
};

const compareTableRows = (
  tally: Tally,
  tableTally: { cellsExpected: number; cellsMatched: number; extraCells: number },
  number: TableNumber,
  expected: readonly ExpectedRow[],
  table: BudgetTable,
): void => {
  const pairs = pairRows(expected, table.rows);
  for (const [e, row] of pairs) {
    const label = rowLabel(e);
    const where = { part: 'table' as const, table: number, ...(e.side ? { side: e.side } : {}), row: label, ...(e.page !== undefined ? { page: e.page } : {}) };
    tableTally.cellsExpected += e.cells.length;
    tally.cellsExpected += e.cells.length;
    if (!row) {
      tally.add({ ...where, kind: 'row-missing', message: `表${number} ${label}${e.name !== label ? ` ${e.name}` : ''}：模型中没有这一行 (row missing; ${e.cells.length} cells)` });
      continue;
    }
    const modelColumns = row.cells.map((c) => c.column);
    const keyed = new Set<string>();
    for (const cell of e.cells) {
      const column = resolveColumn(number, cell.keyColumn, modelColumns);
      if (column === undefined) {
        tally.add({ ...where, kind: 'column-missing', column: cell.keyColumn, expected: cell.raw, line: row.line, message: `表${number} ${label}「${cell.keyColumn}」：模型的这一行没有这一列 (columns: ${modelColumns.join(', ')})` });
        continue;
      }
      keyed.add(column);
      const figure = row.cells.find((c) => c.column === column)?.figure;
      const want = money(cell.raw, e.unit);
      if (!figure) {
        tally.add({ ...where, kind: 'cell-missing', column, expected: cell.raw, line: row.line, message: `表${number} ${label}「${column}」：应为 ${cell.raw}，模型为空` });
      } else if (figure.amount !== want) {
        tally.add({ ...where, kind: 'cell-wrong', column, expected: cell.raw, actual: figure.raw, line: figure.source.line, message: `表${number} ${label}「${column}」：应为 ${cell.raw}，模型为 ${figure.raw}` });
      } else {
        tableTally.cellsMatched++;
        tally.cellsMatched++;
      }
    }
    for (const c of row.cells) {
      if (c.figure && !keyed.has(c.column)) {
        tableTally.extraCells++;
        tally.extraCells++;
        tally.add({ ...where, kind: 'cell-extra', column: c.column, actual: c.figure.raw, line: c.figure.source.line, message: `表${number} ${label}「${c.column}」：答案中为空，模型为 ${c.figure.raw}` });
      }
    }
    for (const f of row.unplaced ?? []) {
      tableTally.extraCells++;
      tally.extraCells++;
      tally.add({ ...where, kind: 'cell-unplaced', actual: f.raw, line: f.source.line, message: `表${number} ${label}：${f.raw} 未放入任何列` });
    }
  }
  // Rows the model has and the key does not: every figure on them is an extra figure.
  const matched = new Set([...pairs.values()].filter((r): r is TableRow => r !== undefined));
  for (const row of table.rows) {
    if (matched.has(row)) continue;
    const figures = [...row.cells.flatMap((c) => (c.figure ? [{ column: c.column, f: c.figure }] : [])), ...(row.unplaced ?? []).map((f) => ({ column: undefined, f }))];
    for (const { column, f } of figures) {
      tableTally.extraCells++;
      tally.extraCells++;
      const label = modelCode(row) || row.name;
      tally.add({
        part: 'table',
        table: number,
        ...(row.side ? { side: row.side } : {}),
        row: label,
        ...(column !== undefined ? { column } : {}),
        kind: column === undefined ? 'cell-unplaced' : 'cell-extra',
        actual: f.raw,
        line: f.source.line,
        message: `表${number} ${label}${column ? `「${column}」` : ''}：答案中没有这一行，模型有 ${f.raw}`,
      });
    }
  }
};

const TABLE_NUMBERS: readonly TableNumber[] = [1, 2, 3, 4, 5, 6, 7, 8, 9];

/** The key's rows for one table, in one shape. */
const expectedRows = (key: AnswerKey, n: TableNumber): { rows: ExpectedRow[]; page?: number } | undefined => {
  if (n === 1 || n === 4) {
    const t = n === 1 ? key.t1 : key.t4;
    const rows: ExpectedRow[] = [
      ...t.revenue_rows.map((r) => ({
        side: 'revenue' as const,
        code: '',
        name: r.name,
        unit: t.unit,
        cells: r.value === null ? [] : [{ keyColumn: '预算数', raw: r.value }],
      })),
      ...t.expenditure_rows.map((r) => ({
        side: 'expenditure' as const,
        code: '',
        name: r.name,
        unit: t.unit,
        cells: Object.entries(r.values).map(([keyColumn, raw]) => ({ keyColumn, raw })),
      })),
    ];
    return { rows, ...(t.pages?.[0] !== undefined ? { page: t.pages[0] } : {}) };
  }
  if (n === 9) {
    const t = key.t9;
    const rows: ExpectedRow[] = [{ code: '', name: '', unit: t.unit, cells: Object.entries(t.values).map(([keyColumn, raw]) => ({ keyColumn, raw })) }];
    return { rows, ...(t.pages?.[0] !== undefined ? { page: t.pages[0] } : {}) };
  }
  const t = Object.values(key.tables).find((x) => x.number === n);
  if (!t) return undefined;
  return {
    rows: t.rows.map((r) => ({
      code: normaliseKeyCode(r.canonical_code ?? r.code),
      name: r.name,
      unit: t.unit,
      cells: Object.entries(r.values).map(([keyColumn, raw]) => ({ keyColumn, raw })),
      ...(r.page !== undefined ? { page: r.page } : {}),
    })),
  };
};

const compareTables = (tally: Tally, key: AnswerKey, doc: BudgetDisclosure): TableTally[] => {
  const out: TableTally[] = [];
  for (const n of TABLE_NUMBERS) {
    const expected = expectedRows(key, n);
    const tables = doc.tables.filter((t) => t.number === n);
    const table = tables[0];
    const t = { cellsExpected: 0, cellsMatched: 0, extraCells: 0 };
    // A key without this table (a partial, hand-made key) expects nothing of it.
    if (!expected) continue;
    if (!table) {
      const cells = expected.rows.reduce((s, r) => s + r.cells.length, 0);
      tally.cellsExpected += cells;
      tally.add({ part: 'table', table: n, kind: 'table-missing', ...(expected.page !== undefined ? { page: expected.page } : {}), message: `表${n}：模型中没有这张表 (${cells} cells)` });
      out.push({ number: n, found: false, cellsExpected: cells, cellsMatched: 0, extraCells: 0 });
      continue;
    }
    if (n === 9) {
      // Table 9 is one row whatever the model names it: pair the key's row with the first row
      // that has a figure (or the first row).
      const row = table.rows.find((r) => r.cells.some((c) => c.figure)) ?? table.rows[0];
      const e = expected.rows[0];
      if (e && row) {
        const named: ExpectedRow = { ...e, name: row.name };
        compareTableRows(tally, t, 9, [named], { ...table, rows: [row, ...table.rows.filter((r) => r !== row)] });
      } else if (e) compareTableRows(tally, t, 9, [e], table);
    } else {
      compareTableRows(tally, t, n, expected.rows, table);
    }
    // A second table with the same number is the same table read twice: all its figures are extra.
    for (const dup of tables.slice(1)) {
      for (const row of dup.rows) {
        for (const c of row.cells) {
          if (!c.figure) continue;
          t.extraCells++;
          tally.extraCells++;
          tally.add({ part: 'table', table: n, kind: 'cell-extra', row: modelCode(row) || row.name, column: c.column, actual: c.figure.raw, line: c.figure.source.line, message: `表${n} 第二次出现（第 ${dup.title.source.line} 行）：${c.figure.raw}` });
        }
      }
    }
    out.push({ number: n, found: true, ...t });
  }
  return out;
};

// ---------------------------------------------------------------------------------------------
// Narrative

/** Where each narrative key field lives in the model (the comparison below follows this list). */
export const NARRATIVE_HOMES: Readonly<Record<string, string>> = {
  revenue_total_wan: 'explanation.revenueTotal.amount',
  fiscal_revenue_wan: 'explanation.revenueParts[财政拨款收入].amount',
  revenue_change: 'explanation.revenueParts[财政拨款收入].change (direction, amount, comparedYear, basis)',
  other_revenue_wan: 'explanation.revenueParts[name].amount',
  expenditure_total_wan: 'explanation.expenditureTotal.amount',
  fiscal_expenditure_wan: 'explanation.fiscalExpenditure.amount',
  expenditure_change: 'explanation.fiscalExpenditure.change',
  general_budget_expenditure_wan: 'explanation.fiscalExpenditureParts[一般公共预算…].amount',
  fund_expenditure_wan: 'explanation.fiscalExpenditureParts[政府性基金…].amount',
  soe_expenditure_wan: 'explanation.fiscalExpenditureParts[国有资本经营…].amount',
  change_reason: 'explanation.changeReason.text (whitespace and final 。 ignored)',
  three_public_total_wan: 'otherInformation.threePublic.total',
  abroad_wan: 'otherInformation.threePublic.abroad',
  vehicle_total_wan: 'otherInformation.threePublic.vehicles',
  vehicle_purchase_wan: 'otherInformation.threePublic.vehiclePurchase',
  vehicle_running_wan: 'otherInformation.threePublic.vehicleOperation',
  reception_wan: 'otherInformation.threePublic.reception',
  operating_cost_wan: 'otherInformation.operatingCosts.amount',
  procurement_total_wan: 'otherInformation.procurement.total',
  procurement: 'otherInformation.procurement.{total,goods,works,services,smeReserved,smallMicroReserved}',
  performance_projects: 'otherInformation.performanceTargets.projects',
  performance_amount_wan: 'otherInformation.performanceTargets.amount',
  performance_units: 'otherInformation.performanceTargets.units',
  vehicles: 'otherInformation.assets.{asOf, vehiclesTotal, plannedVehicles}',
  expenditure_items: 'explanation.mainItems by ordinal (amount, subjectPath, change.priorAmount/currentAmount/direction/percent)',
};

const PROCUREMENT_FIELDS: Readonly<Record<string, 'total' | 'goods' | 'works' | 'services' | 'smeReserved' | 'smallMicroReserved'>> = {
  total_wan: 'total',
  goods_wan: 'goods',
  works_wan: 'works',
  services_wan: 'services',
  sme_reserved_wan: 'smeReserved',
  small_micro_reserved_wan: 'smallMicroReserved',
};

/** `2024年8月31日` → `2024-08-31` (the model's IsoDate). */
const isoDate = (s: string): string | undefined => {
  const m = /^(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?$/.exec(squash(s));
  if (!m) return undefined;
  return [m[1], m[2]?.padStart(2, '0'), m[3]?.padStart(2, '0')].filter((x) => x !== undefined).join('-');
};

/** `57.14%` → 5714 hundredths, digit by digit. */
const percentHundredths = (s: string): number | undefined => {
  const m = /^(\d+)(?:\.(\d{1,2}))?%?$/.exec(squash(s));
  if (!m) return undefined;
  return Number((m[1] ?? '') + (m[2] ?? '').padEnd(2, '0'));
};

class NarrativeComparer {
  constructor(private readonly tally: Tally) {}

  private ok(): void {
    this.tally.narrativeExpected++;
    this.tally.narrativeMatched++;
  }
  private bad(m: Omit<KeyMismatch, 'part'> & { part?: KeyMismatch['part'] }): void {
    this.tally.narrativeExpected++;
    this.tally.add({ part: 'narrative', ...m });
  }

  /** null in the key: the document prints no such figure, so the model must have none. */
  private absent(field: string, actual: { raw: string; source: { line: number } } | undefined): void {
    if (actual) this.tally.add({ part: 'narrative', kind: 'figure-extra', field, actual: actual.raw, line: actual.source.line, message: `${field}：答案中没有，模型为 ${actual.raw}` });
  }

  money(field: string, raw: string | null | undefined, actual: MoneyFigure | undefined, unit: MoneyUnit = '万元'): void {
    if (raw === undefined) return;
    if (raw === null) return this.absent(field, actual);
    const want = money(raw, unit);
    if (!actual) this.bad({ kind: 'figure-missing', field, expected: raw, message: `${field}：应为 ${raw}${unit}，模型没有` });
    else if (actual.amount !== want) this.bad({ kind: 'figure-wrong', field, expected: raw, actual: actual.raw, line: actual.source.line, message: `${field}：应为 ${raw}${unit}，模型为 ${show(actual)}` });
    else this.ok();
  }

  count(field: string, want: number | undefined, actual: CountFigure | undefined): void {
    if (want === undefined) return;
    if (!actual) this.bad({ kind: 'figure-missing', field, expected: String(want), message: `${field}：应为 ${want}，模型没有` });
    else if (actual.value !== want) this.bad({ kind: 'figure-wrong', field, expected: String(want), actual: actual.raw, line: actual.source.line, message: `${field}：应为 ${want}，模型为 ${actual.raw}` });
    else this.ok();
  }

  value(field: string, want: string | undefined, actual: string | undefined, line?: number): void {
    if (want === undefined) return;
    const where = line !== undefined ? { line } : {};
    if (actual === undefined) this.bad({ kind: 'figure-missing', field, expected: want, ...where, message: `${field}：应为 ${want}，模型没有` });
    else if (actual !== want) this.bad({ kind: 'figure-wrong', field, expected: want, actual, ...where, message: `${field}：应为 ${want}，模型为 ${actual}` });
    else this.ok();
  }

  percent(field: string, raw: string | null | undefined, actual: PercentFigure | undefined, line?: number): void {
    if (raw === undefined) return;
    if (raw === null) return this.absent(field, actual);
    const want = percentHundredths(raw);
    if (want === undefined) {
      this.bad({ kind: 'key-invalid', field, expected: raw, message: `${field}：答案中的百分数无法读取 ${raw}` });
      return;
    }
    const where = actual ? { line: actual.source.line } : line !== undefined ? { line } : {};
    if (!actual) this.bad({ kind: 'figure-missing', field, expected: raw, ...where, message: `${field}：应为 ${raw}，模型没有` });
    else if (actual.hundredths !== want) this.bad({ kind: 'figure-wrong', field, expected: raw, actual: `${actual.raw}%`, ...where, message: `${field}：应为 ${raw}，模型为 ${actual.raw}%` });
    else this.ok();
  }

  change(field: string, key: z.infer<typeof KeyChange> | undefined, actual: StatedChange | undefined): void {
    if (!key) return;
    const year = /(\d{4})年/.exec(key.vs)?.[1];
    const basis = /执行/.test(key.vs) ? 'execution' : 'budget';
    if (!actual) {
      this.bad({ kind: 'figure-missing', field, expected: `${key.vs} ${key.direction} ${key.amount_wan ?? ''}`, message: `${field}：应为 比${key.vs}${key.direction}${key.amount_wan ?? ''}，模型没有` });
      return;
    }
    this.value(`${field}.direction`, key.direction, actual.direction, actual.line);
    this.value(`${field}.vs`, `${year ?? '?'} ${basis}`, `${actual.comparedYear ?? '?'} ${actual.basis}`, actual.line);
    this.money(`${field}.amount_wan`, key.amount_wan, actual.amount);
    this.percent(`${field}.pct`, key.pct, actual.percent, actual.line);
  }
}

const part = (parts: readonly ({ readonly name: string } & NarrativeAmount)[] | undefined, pick: (name: string) => boolean): NarrativeAmount | undefined =>
  parts?.find((p) => pick(squash(p.name)));

const compareNarrative = (tally: Tally, key: AnswerKey, doc: BudgetDisclosure): void => {
  const n = key.narrative;
  const c = new NarrativeComparer(tally);
  const e = doc.explanation;
  const fiscalRevenue = part(e?.revenueParts, (s) => s.startsWith('财政拨款'));
  c.money('revenue_total_wan', n.revenue_total_wan, e?.revenueTotal?.amount);
  c.money('fiscal_revenue_wan', n.fiscal_revenue_wan, fiscalRevenue?.amount);
  c.change('revenue_change', n.revenue_change, fiscalRevenue?.change ?? e?.revenueTotal?.change);
  for (const [name, raw] of Object.entries(n.other_revenue_wan ?? {})) {
    c.money(`other_revenue_wan.${name}`, raw, part(e?.revenueParts, (s) => s === squash(name))?.amount);
  }
  c.money('expenditure_total_wan', n.expenditure_total_wan, e?.expenditureTotal?.amount);
  c.money('fiscal_expenditure_wan', n.fiscal_expenditure_wan, e?.fiscalExpenditure?.amount);
  c.change('expenditure_change', n.expenditure_change, e?.fiscalExpenditure?.change ?? e?.expenditureTotal?.change);
  c.money('general_budget_expenditure_wan', n.general_budget_expenditure_wan, part(e?.fiscalExpenditureParts, (s) => s.startsWith('一般公共预算'))?.amount);
  c.money('fund_expenditure_wan', n.fund_expenditure_wan, part(e?.fiscalExpenditureParts, (s) => s.startsWith('政府性基金'))?.amount);
  c.money('soe_expenditure_wan', n.soe_expenditure_wan, part(e?.fiscalExpenditureParts, (s) => s.startsWith('国有资本经营'))?.amount);
  if (n.change_reason !== undefined) {
    const fold = (s: string): string => squash(s).replace(/[。；;]+$/, '');
    const actual = e?.changeReason;
    c.value('change_reason', fold(n.change_reason), actual ? fold(actual.text) : undefined, actual?.source.line);
  }

  const o = doc.otherInformation;
  const tp = o.threePublic;
  c.money('three_public_total_wan', n.three_public_total_wan, tp?.total?.amount);
  c.money('abroad_wan', n.abroad_wan, tp?.abroad?.amount);
  c.money('vehicle_total_wan', n.vehicle_total_wan, tp?.vehicles?.amount);
  c.money('vehicle_purchase_wan', n.vehicle_purchase_wan, tp?.vehiclePurchase?.amount);
  c.money('vehicle_running_wan', n.vehicle_running_wan, tp?.vehicleOperation?.amount);
  c.money('reception_wan', n.reception_wan, tp?.reception?.amount);
  c.money('operating_cost_wan', n.operating_cost_wan, o.operatingCosts?.amount);
  // procurement_total_wan repeats procurement.total_wan; compared once (through `procurement`)
  // unless the key has no `procurement` object.
  if (!n.procurement) c.money('procurement_total_wan', n.procurement_total_wan, o.procurement?.total);
  for (const [k, raw] of Object.entries(n.procurement ?? {})) {
    const home = PROCUREMENT_FIELDS[k];
    if (!home) {
      tally.add({ part: 'narrative', kind: 'key-invalid', field: `procurement.${k}`, message: `procurement.${k}：没有对应的模型字段` });
      continue;
    }
    c.money(`procurement.${k}`, raw, o.procurement?.[home]);
  }
  c.count('performance_projects', n.performance_projects, o.performanceTargets?.projects);
  c.money('performance_amount_wan', n.performance_amount_wan, o.performanceTargets?.amount);
  c.count('performance_units', n.performance_units, o.performanceTargets?.units);
  if (n.vehicles) {
    const a = o.assets;
    if (n.vehicles.as_of !== undefined) c.value('vehicles.as_of', isoDate(n.vehicles.as_of) ?? n.vehicles.as_of, a?.asOf, a?.text.source.line);
    c.count('vehicles.held', n.vehicles.held, a?.vehiclesTotal);
    c.count('vehicles.to_purchase', n.vehicles.to_purchase, a?.plannedVehicles);
  }

  const items = e?.mainItems ?? [];
  const keyed = new Set<number>();
  for (const it of n.expenditure_items ?? []) {
    keyed.add(it.no);
    const f = `expenditure_items[${it.no}]`;
    const m = items.find((x) => x.ordinal === it.no);
    if (!m) {
      c.money(`${f}.amount_wan`, it.amount_wan, undefined);
      continue;
    }
    c.money(`${f}.amount_wan`, it.amount_wan, m.amount);
    if (it.path) {
      const path = m.subjectPath ?? m.subject.split(/[-—－]/);
      c.value(`${f}.path`, it.path.map(foldName).join('/'), path.map(foldName).join('/'), m.line);
    }
    c.money(`${f}.prior_execution_wan`, it.prior_execution_wan, m.change?.priorAmount);
    c.money(`${f}.planned_wan`, it.planned_wan, m.change?.currentAmount);
    if (it.change !== undefined && it.change !== null) c.value(`${f}.change`, it.change, m.change?.direction, m.line);
    c.percent(`${f}.change_pct`, it.change_pct, m.change?.percent, m.line);
  }
  for (const m of items) {
    if (!keyed.has(m.ordinal)) {
      tally.add({ part: 'narrative', kind: 'figure-extra', field: `expenditure_items[${m.ordinal}]`, actual: show(m.amount), line: m.line, message: `财政拨款支出主要内容第 ${m.ordinal} 项（${m.subject} ${show(m.amount)}）：答案中没有` });
    }
  }
};

// ---------------------------------------------------------------------------------------------
// Projects

const compareProjects = (tally: Tally, key: AnswerKey, doc: BudgetDisclosure): void => {
  const c = new NarrativeComparer(tally);
  const used = new Set<number>();
  const headingOf = (name: string): string[] => [`${foldName(name)}项目经费情况说明`, `${foldName(name)}经费情况说明`];
  for (const kp of key.projects) {
    const idx = doc.projects.findIndex(
      (p, i) => !used.has(i) && (sameName(p.name, kp.name) || headingOf(p.name).includes(foldName(kp.heading))),
    );
    const f = `projects[${kp.name}]`;
    if (idx < 0) {
      tally.narrativeExpected++;
      tally.add({ part: 'project', kind: 'project-missing', field: f, ...(kp.page !== undefined ? { page: kp.page } : {}), message: `项目「${kp.name}」（${kp.heading}）：模型中没有` });
      continue;
    }
    used.add(idx);
    const p = doc.projects[idx];
    if (!p) continue;
    tally.narrativeExpected++;
    tally.narrativeMatched++;
    if (kp.amount_wan === null || kp.amount_wan === undefined) {
      if (p.annualAmount) {
        tally.add({ part: 'project', kind: 'figure-extra', field: `${f}.amount_wan`, actual: show(p.annualAmount), line: p.annualAmount.source.line, message: `项目「${kp.name}」：答案中没有年度预算金额，模型为 ${show(p.annualAmount)}` });
      }
    } else c.money(`${f}.amount_wan`, kp.amount_wan, p.annualAmount);
    for (const item of kp.items ?? []) {
      const row = p.breakdown.find((b) => sameName(b.item, item.name) || foldName(b.item).includes(foldName(item.name)));
      c.money(`${f}.items[${item.name}]`, item.amount_wan, row?.amount);
    }
  }
  doc.projects.forEach((p, i) => {
    if (!used.has(i)) tally.add({ part: 'project', kind: 'project-extra', field: `projects[${p.name}]`, line: p.line, message: `项目「${p.name}」：答案中没有` });
  });
};

// ---------------------------------------------------------------------------------------------

/** Compare a key with the reader's model. Pure: no I/O, no reader code. */
export const compareWithKey = (key: AnswerKey, doc: BudgetDisclosure): KeyComparison => {
  const tally = new Tally();
  const tables = compareTables(tally, key, doc);
  compareNarrative(tally, key, doc);
  compareProjects(tally, key, doc);
  return {
    tables,
    tablesFound: tables.filter((t) => t.found).length,
    tablesExpected: tables.length,
    cellsExpected: tally.cellsExpected,
    cellsMatched: tally.cellsMatched,
    extraCells: tally.extraCells,
    narrativeExpected: tally.narrativeExpected,
    narrativeMatched: tally.narrativeMatched,
    mismatches: tally.mismatches,
  };
};

/** One line per mismatch, for test failures and the measuring script. */
export const describeMismatch = (m: KeyMismatch): string =>
  `${m.kind}: ${m.message}${m.line !== undefined ? ` [第 ${m.line} 行]` : ''}${m.page !== undefined ? ` [p.${m.page}]` : ''}`;

/** Self-consistency of a key: its repeated figures (t1/t4 totals, t9 top level) agree with its rows. */
export const keyInconsistencies = (key: AnswerKey): string[] => {
  const out: string[] = [];
  for (const name of ['t1', 't4'] as const) {
    const t = key[name] as Record<string, unknown> & z.infer<typeof KeyTwoSided>;
    const rev = t.revenue_rows.find((r) => r.name === '收入总计')?.value;
    const exp = t.expenditure_rows.find((r) => r.name === '支出总计')?.values;
    if (typeof t['收入总计'] === 'string' && rev !== t['收入总计']) out.push(`${name}.收入总计 ${String(t['收入总计'])} vs row ${rev ?? '—'}`);
    const expTotal = exp ? (exp['预算数'] ?? exp['合计']) : undefined;
    if (typeof t['支出总计'] === 'string' && expTotal !== t['支出总计']) out.push(`${name}.支出总计 ${String(t['支出总计'])} vs row ${expTotal ?? '—'}`);
    // The by-name summaries repeat the rows' figures.
    const revenue = (t['revenue'] ?? {}) as Record<string, unknown>;
    for (const [n, v] of Object.entries(revenue)) {
      const r = t.revenue_rows.find((x) => x.name === n);
      if (r?.value !== v) out.push(`${name}.revenue.${n} ${String(v)} vs row ${r?.value ?? '—'}`);
    }
    const expenditure = (t['expenditure'] ?? {}) as Record<string, unknown>;
    for (const [n, v] of Object.entries(expenditure)) {
      const r = t.expenditure_rows.find((x) => x.name === n)?.values;
      const total = r ? (r['预算数'] ?? r['合计']) : undefined;
      if (total !== v) out.push(`${name}.expenditure.${n} ${String(v)} vs row ${total ?? '—'}`);
    }
  }
  const t9 = key.t9 as Record<string, unknown> & z.infer<typeof KeyT9>;
  for (const [col, raw] of Object.entries(t9.values)) {
    if (t9[col] !== undefined && t9[col] !== raw) out.push(`t9.${col} ${String(t9[col])} vs values ${raw}`);
  }
  // Every amount must read as money in its unit (money() throws otherwise).
  for (const t of Object.values(key.tables)) for (const r of t.rows) for (const raw of Object.values(r.values)) if (parseMoney(raw, t.unit) === undefined) out.push(`${t.number} ${r.code}: ${raw}`);
  if (key.narrative.revenue_total_wan !== undefined && parseWanYuan(key.narrative.revenue_total_wan) === undefined) out.push('revenue_total_wan');
  return out;
};
