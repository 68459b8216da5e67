/**
 * Two documents side by side: table cells matched by table + side + (code, else name) + column,
 * with the change and its percent in hundredths (integer arithmetic, rounded half away from
 * zero); projects matched by name (layout whitespace ignored).
 */
import { TABLE_STANDARD_NAMES, formatCode } from '#domain/index.ts';
import type { BudgetDisclosure, PerformanceDeclaration, TableNumber } from '#domain/index.ts';
import { documentFigures, projectRows } from '#store/rows.ts';
import type { StoredModel } from '#store/rows.ts';
import type { Comparison, ComparisonRow, ComparisonSide, DocumentDetail } from './api-contract.ts';

/** change / base in hundredths of a percent, rounded half away from zero; undefined when base is 0. */
export const percentHundredths = (change: number, base: number): number | undefined => {
  if (base === 0) return undefined;
  const n = BigInt(change) * 10_000n;
  const d = BigInt(base);
  let q = n / d;
  const r = n % d;
  const abs = (x: bigint) => (x < 0n ? -x : x);
  if (2n * abs(r) >= abs(d)) q += (n < 0n) !== (d < 0n) ? -1n : 1n;
  return Number(q);
};

const modelOf = (model: BudgetDisclosure | PerformanceDeclaration): StoredModel =>
  model.kind === 'budget-disclosure' ? { kind: model.kind, document: model } : { kind: model.kind, document: model };

interface CellEntry {
  readonly table: number;
  readonly key: string;
  readonly name: string;
  readonly column: string;
  readonly amount: number;
}

/** Cells keyed for matching; a repeated row identity within one table is told apart by its occurrence. */
const cellEntries = (model: StoredModel): Map<string, CellEntry> => {
  const out = new Map<string, CellEntry>();
  if (model.kind !== 'budget-disclosure') return out;
  for (const table of model.document.tables) {
    const seen = new Map<string, number>();
    for (const row of table.rows) {
      const key = row.code !== undefined ? formatCode(row.code) : row.name.replace(/\s+/g, '');
      const identity = `${table.number}|${row.side ?? ''}|${key}`;
      const occurrence = (seen.get(identity) ?? 0) + 1;
      seen.set(identity, occurrence);
      for (const cell of row.cells) {
        if (cell.figure === undefined) continue;
        out.set(`${identity}|${occurrence}|${cell.column}`, { table: table.number, key, name: row.name, column: cell.column, amount: cell.figure.amount });
      }
    }
  }
  return out;
};

const sideOf = (d: DocumentDetail): ComparisonSide => {
  const model = modelOf(d.model);
  const figures = documentFigures(model, projectRows(model));
  return {
    documentId: d.documentId,
    department: d.department,
    ...(d.year !== undefined ? { year: d.year } : {}),
    ...(figures.revenueTotal !== undefined ? { revenueTotalFen: figures.revenueTotal } : {}),
    ...(figures.expenditureTotal !== undefined ? { expenditureTotalFen: figures.expenditureTotal } : {}),
  };
};

export const compareDocuments = (left: DocumentDetail, right: DocumentDetail): Comparison => {
  const l = cellEntries(modelOf(left.model));
  const r = cellEntries(modelOf(right.model));
  const keys = [...l.keys(), ...[...r.keys()].filter((k) => !l.has(k))];
  const rows: ComparisonRow[] = keys.map((k) => {
    const a = l.get(k);
    const b = r.get(k);
    const entry = (a ?? b) as CellEntry;
    const change = a !== undefined && b !== undefined ? b.amount - a.amount : undefined;
    const pct = change !== undefined && a !== undefined ? percentHundredths(change, a.amount) : undefined;
    return {
      table: entry.table,
      tableName: TABLE_STANDARD_NAMES[entry.table as TableNumber],
      key: entry.key,
      name: entry.name,
      column: entry.column,
      ...(a !== undefined ? { leftFen: a.amount } : {}),
      ...(b !== undefined ? { rightFen: b.amount } : {}),
      ...(change !== undefined ? { changeFen: change } : {}),
      ...(pct !== undefined ? { changeHundredths: pct } : {}),
    };
  });
  // Stable: table order, then left's row order, right-only rows after them.
  rows.sort((x, y) => x.table - y.table);

  const projectsOf = (d: DocumentDetail) => projectRows(modelOf(d.model));
  const leftProjects = new Map<string, number | undefined>();
  for (const p of projectsOf(left)) if (!leftProjects.has(p.name.replace(/\s+/g, ''))) leftProjects.set(p.name.replace(/\s+/g, ''), p.amountFen);
  const rightProjects = new Map<string, number | undefined>();
  for (const p of projectsOf(right)) if (!rightProjects.has(p.name.replace(/\s+/g, ''))) rightProjects.set(p.name.replace(/\s+/g, ''), p.amountFen);
  const names = [...leftProjects.keys(), ...[...rightProjects.keys()].filter((n) => !leftProjects.has(n))];
  const projects = names.map((name) => {
    const a = leftProjects.get(name);
    const b = rightProjects.get(name);
    return { name, ...(a !== undefined ? { leftFen: a } : {}), ...(b !== undefined ? { rightFen: b } : {}) };
  });
  return { left: sideOf(left), right: sideOf(right), rows, projects };
};
