/**
 * A format-neutral export view: header + rows of strings, built from the domain model. CSV (and
 * any other flat format) is written from this view, so every format exports the same facts.
 *
 * - cells: one row per non-empty table cell (money in 元 with two decimals);
 * - projects: one row per project with its annual amount (budget) or 项目资金总额 (declaration);
 * - indicators: one row per performance indicator of a declaration.
 */
import {
  TABLE_STANDARD_NAMES,
  formatCode,
  formatTarget,
  formatYuan,
  isQuantified,
  type BudgetDisclosure,
  type MoneyFigure,
  type PerformanceDeclaration,
} from '#domain/index.ts';

export interface ExportView {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export type ExportWhat = 'cells' | 'projects' | 'indicators';

export type ExportSource =
  | { readonly kind: 'budget-disclosure'; readonly document: BudgetDisclosure }
  | { readonly kind: 'performance-declaration'; readonly document: PerformanceDeclaration };

const yuan = (f: MoneyFigure | undefined): string => (f ? formatYuan(f.amount) : '');
const layoutless = (s: string): string => s.replace(/\s+/g, '');

export const CELLS_HEADER = ['department', 'year', 'table', 'code', 'name', 'column', 'amount_yuan'] as const;
export const PROJECTS_HEADER = ['department', 'year', 'project', 'amount_yuan'] as const;
export const INDICATORS_HEADER = [
  'department',
  'year',
  'project',
  'level1',
  'level2',
  'level3',
  'operator',
  'value',
  'unit',
  'text',
  'target',
] as const;

export const budgetCellsView = (doc: BudgetDisclosure): ExportView => {
  const department = doc.header.department ?? '';
  const rows: string[][] = [];
  for (const table of doc.tables) {
    const year = String(doc.header.year ?? table.year ?? '');
    const tableName = TABLE_STANDARD_NAMES[table.number];
    for (const row of table.rows) {
      const code = row.code ? formatCode(row.code) : '';
      for (const cell of row.cells) {
        if (!cell.figure) continue;
        rows.push([department, year, tableName, code, row.name, cell.column, yuan(cell.figure)]);
      }
    }
  }
  return { header: CELLS_HEADER, rows };
};

export const budgetProjectsView = (doc: BudgetDisclosure): ExportView => {
  const department = doc.header.department ?? '';
  const year = String(doc.header.year ?? '');
  return {
    header: PROJECTS_HEADER,
    rows: doc.projects.map((p) => [department, year, p.name, yuan(p.annualAmount)]),
  };
};

export const declarationProjectsView = (doc: PerformanceDeclaration): ExportView => {
  const department = doc.header.department ?? '';
  const rows = doc.projects.map((p) => {
    const year = String(doc.header.year ?? p.form?.year ?? '');
    const name = layoutless(p.form?.name ?? p.explanation?.name ?? '');
    return [department, year, name, yuan(p.form?.funds.total)];
  });
  return { header: PROJECTS_HEADER, rows };
};

export const declarationIndicatorsView = (doc: PerformanceDeclaration): ExportView => {
  const department = doc.header.department ?? '';
  const rows: string[][] = [];
  for (const p of doc.projects) {
    const form = p.form;
    if (!form) continue;
    const year = String(doc.header.year ?? form.year ?? '');
    const project = layoutless(form.name);
    for (const ind of form.indicators) {
      const t = ind.target;
      const [operator, value, unit, text] = isQuantified(t) ? [t.operator, t.value, t.unit, ''] : ['', '', '', t.text];
      rows.push([department, year, project, ind.level1, ind.level2, ind.level3, operator, value, unit, text, formatTarget(t)]);
    }
  }
  return { header: INDICATORS_HEADER, rows };
};

/** The view for a document and a choice of what to export; undefined when that kind has no such rows. */
export const exportView = (source: ExportSource, what: ExportWhat): ExportView | undefined => {
  if (source.kind === 'budget-disclosure') {
    if (what === 'cells') return budgetCellsView(source.document);
    if (what === 'projects') return budgetProjectsView(source.document);
    return undefined;
  }
  if (what === 'projects') return declarationProjectsView(source.document);
  if (what === 'indicators') return declarationIndicatorsView(source.document);
  return undefined;
};
