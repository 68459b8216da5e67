/**
 * A parsed document → the rows the store writes. Pure functions: the model in, plain rows out,
 * so the importer's transaction is only I/O.
 */
import {
  PROJECT_PART_KEYS,
  cellFigure,
  formatCode,
  formatTarget,
  isQuantified,
  sumFen,
  tableByNumber,
} from '#domain/index.ts';
import type {
  BudgetDisclosure,
  Diagnostic,
  Fen,
  Finding,
  PerformanceDeclaration,
  ProjectExplanation,
  TextBlock,
} from '#domain/index.ts';

/** A document the store accepts: a recognised kind with its model. */
export type StoredModel =
  | { readonly kind: 'budget-disclosure'; readonly document: BudgetDisclosure }
  | { readonly kind: 'performance-declaration'; readonly document: PerformanceDeclaration };

export const UNKNOWN_DEPARTMENT = '（未识别部门）';

export interface DepartmentKey {
  readonly name: string;
  readonly district: string;
}

/** Layout whitespace never distinguishes two departments. */
export const departmentKey = (model: StoredModel): DepartmentKey => {
  const name = (model.document.header.department ?? '').replace(/\s+/g, '');
  const district = (model.document.header.district ?? '').replace(/\s+/g, '');
  return { name: name === '' ? UNKNOWN_DEPARTMENT : name, district };
};

export interface CellRow {
  readonly tableNumber: number;
  readonly tableName: string;
  readonly side: string | null;
  readonly rowKind: string;
  readonly code: string | null;
  readonly name: string;
  readonly column: string;
  readonly amountFen: Fen;
  readonly raw: string;
  readonly line: number;
}

/** Every printed figure of the nine tables; empty cells have no row. */
export const tableCellRows = (doc: BudgetDisclosure): CellRow[] =>
  doc.tables.flatMap((table) =>
    table.rows.flatMap((row) =>
      row.cells.flatMap((cell) =>
        cell.figure === undefined
          ? []
          : [
              {
                tableNumber: table.number,
                tableName: table.standardName,
                side: row.side ?? null,
                rowKind: row.kind,
                code: row.code !== undefined ? formatCode(row.code) : null,
                name: row.name,
                column: cell.column,
                amountFen: cell.figure.amount,
                raw: cell.figure.raw,
                line: cell.figure.source.line,
              },
            ],
      ),
    ),
  );

export interface IndicatorRow {
  readonly level1: string;
  readonly level2: string;
  readonly level3: string;
  readonly operator: string | null;
  readonly value: string | null;
  readonly unit: string | null;
  readonly text: string | null;
  readonly target: string;
  /** As printed; the store folds it (foldForSearch) when writing. */
  readonly searchText: string;
  readonly line: number;
}

export interface ProjectRow {
  readonly position: number;
  readonly name: string;
  readonly amountFen?: Fen;
  readonly parts: Readonly<Record<string, string>>;
  readonly searchText: string;
  readonly line: number;
  readonly indicators: readonly IndicatorRow[];
}

const partsOf = (explanation: ProjectExplanation | undefined, extra: Record<string, TextBlock | undefined> = {}): Record<string, string> => {
  const parts: Record<string, string> = {};
  if (explanation !== undefined) {
    for (const key of PROJECT_PART_KEYS) {
      const block = explanation.parts[key];
      if (block !== undefined) parts[key] = block.text;
    }
  }
  for (const [key, block] of Object.entries(extra)) if (block !== undefined) parts[key] = block.text;
  return parts;
};

const searchTextOf = (name: string, parts: Record<string, string>): string => [name, ...Object.values(parts)].join('\n');

export const projectRows = (model: StoredModel): ProjectRow[] => {
  if (model.kind === 'budget-disclosure') {
    return model.document.projects.map((p, position) => {
      const parts = partsOf(p);
      return {
        position,
        name: p.name,
        ...(p.annualAmount !== undefined ? { amountFen: p.annualAmount.amount } : {}),
        parts,
        searchText: searchTextOf(p.name, parts),
        line: p.line,
        indicators: [],
      };
    });
  }
  return model.document.projects.map((p, position) => {
    const name = p.form?.name || p.explanation?.name || `项目${position + 1}`;
    const funds = p.form?.funds;
    const amount = funds?.annualTotal ?? funds?.total ?? p.explanation?.annualAmount;
    const parts = partsOf(p.explanation, { overallGoal: p.form?.overallGoal, annualGoal: p.form?.annualGoal });
    const indicators: IndicatorRow[] = (p.form?.indicators ?? []).map((i) => {
      const target = formatTarget(i.target);
      const q = isQuantified(i.target) ? i.target : undefined;
      return {
        level1: i.level1,
        level2: i.level2,
        level3: i.level3,
        operator: q?.operator ?? null,
        value: q?.value ?? null,
        unit: q?.unit ?? null,
        text: q === undefined && 'text' in i.target ? i.target.text : null,
        target,
        searchText: `${i.level1}/${i.level2}/${i.level3} ${target}`,
        line: i.line,
      };
    });
    return {
      position,
      name,
      ...(amount !== undefined ? { amountFen: amount.amount } : {}),
      parts,
      searchText: searchTextOf(name, parts),
      line: p.form?.line ?? p.explanation?.line ?? 0,
      indicators,
    };
  });
};

/** The headline figures shown in lists, taken from the tables (the narrative as a fallback). */
export interface DocumentFigures {
  readonly revenueTotal?: Fen;
  readonly expenditureTotal?: Fen;
  readonly basic?: Fen;
  readonly project?: Fen;
}

export const documentFigures = (model: StoredModel, projects: readonly ProjectRow[]): DocumentFigures => {
  if (model.kind === 'performance-declaration') {
    const amounts = projects.flatMap((p) => (p.amountFen !== undefined ? [p.amountFen] : []));
    return amounts.length > 0 ? { project: sumFen(amounts) } : {};
  }
  const doc = model.document;
  const t1 = tableByNumber(doc, 1);
  const t3 = tableByNumber(doc, 3);
  const t1Total = (word: string) => cellFigure(t1?.rows.find((r) => r.kind === 'total' && r.name.includes(word)), '预算数')?.amount;
  const t3Total = t3?.rows.find((r) => r.kind === 'total');
  const revenueTotal = t1Total('收入') ?? doc.explanation?.revenueTotal?.amount.amount;
  const expenditureTotal = t1Total('支出') ?? doc.explanation?.expenditureTotal?.amount.amount;
  const basic = cellFigure(t3Total, '基本支出')?.amount;
  const project = cellFigure(t3Total, '项目支出')?.amount;
  return {
    ...(revenueTotal !== undefined ? { revenueTotal } : {}),
    ...(expenditureTotal !== undefined ? { expenditureTotal } : {}),
    ...(basic !== undefined ? { basic } : {}),
    ...(project !== undefined ? { project } : {}),
  };
};

export interface SeverityCounts {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
}

export const countSeverities = (items: readonly { readonly severity: string }[]): SeverityCounts => ({
  error: items.filter((f) => f.severity === 'error').length,
  warning: items.filter((f) => f.severity === 'warning').length,
  info: items.filter((f) => f.severity === 'info').length,
});

export const findingColumns = (f: Finding) => ({
  rule: f.rule,
  severity: f.severity,
  message: f.message,
  table_number: f.location?.table ?? null,
  row_label: f.location?.row ?? null,
  column_name: f.location?.column ?? null,
  line: f.location?.line ?? null,
  project: f.location?.project ?? null,
});

export const diagnosticColumns = (d: Diagnostic) => ({
  code: d.code,
  severity: d.severity,
  message: d.message,
  line: d.location?.line ?? null,
});
