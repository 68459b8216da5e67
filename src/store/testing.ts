/**
 * Small valid models built by hand, for store and server tests and benches that must not depend
 * on the readers. A "test document" is a text whose first line is `#yusuan-test` followed by a
 * JSON spec; `parseTestDocument` turns it into a model (anything else is `unknown`), so distinct
 * specs are distinct texts with distinct sha256, exactly like real uploads.
 */
import { TABLE_COLUMNS, TABLE_STANDARD_NAMES, fen, formatYuan, parseCode } from '#domain/index.ts';
import type {
  BudgetDisclosure,
  BudgetTable,
  Diagnostic,
  Fen,
  MoneyFigure,
  PerformanceDeclaration,
  ProjectExplanation,
  TableNumber,
  TableRow,
  TextBlock,
} from '#domain/index.ts';
import type { ParsedDocument } from '#ingest/detect.ts';

export interface TestProjectSpec {
  readonly name: string;
  readonly amountFen?: number;
  readonly overview?: string;
  readonly indicators?: readonly { readonly level1: string; readonly level2: string; readonly level3: string; readonly target: string }[];
}

export interface TestCellSpec {
  readonly table: TableNumber;
  readonly code?: string;
  readonly name: string;
  readonly total?: boolean;
  readonly side?: 'revenue' | 'expenditure';
  /** Column → 分. */
  readonly cells: Readonly<Record<string, number>>;
}

export interface TestDocumentSpec {
  readonly kind: 'budget-disclosure' | 'performance-declaration';
  readonly department: string;
  readonly district?: string;
  readonly year?: number;
  readonly projects?: readonly TestProjectSpec[];
  readonly rows?: readonly TestCellSpec[];
  /** Anything, to make otherwise equal specs distinct texts (a new version). */
  readonly revision?: string;
}

const MARKER = '#yusuan-test';

export const testDocumentText = (spec: TestDocumentSpec): string => `${MARKER}\n${JSON.stringify(spec)}\n`;

const text = (t: string, line: number): TextBlock => ({ text: t, source: { line } });
const money = (amount: number, line: number, extra: Partial<MoneyFigure['source']> = {}): MoneyFigure => ({
  amount: fen(amount),
  raw: formatYuan(amount as Fen),
  unit: '元',
  source: { line, ...extra },
});

const explanationOf = (p: TestProjectSpec, line: number): ProjectExplanation => ({
  name: p.name,
  parts: p.overview !== undefined ? { overview: text(p.overview, line + 1) } : {},
  ...(p.amountFen !== undefined ? { annualAmount: money(p.amountFen, line + 2, { project: p.name }) } : {}),
  paymentSchedule: [],
  breakdown: [],
  line,
});

const tablesOf = (rows: readonly TestCellSpec[]): BudgetTable[] => {
  const numbers = [...new Set(rows.map((r) => r.table))].sort((a, b) => a - b);
  return numbers.map((n) => ({
    number: n,
    standardName: TABLE_STANDARD_NAMES[n],
    title: text(`2025年${TABLE_STANDARD_NAMES[n]}`, 100 + n * 10),
    unit: '元',
    columns: TABLE_COLUMNS[n],
    rows: rows
      .filter((r) => r.table === n)
      .map((r, i): TableRow => {
        const line = 100 + n * 10 + i + 1;
        const code = r.code !== undefined ? parseCode(r.code, n === 8 ? 'economic' : 'functional') : undefined;
        return {
          kind: r.total === true ? 'total' : 'item',
          ...(r.side !== undefined ? { side: r.side } : {}),
          ...(code !== undefined ? { code } : {}),
          name: r.name,
          cells: Object.entries(r.cells).map(([column, amount]) => ({
            column,
            figure: money(amount, line, { table: n, row: r.code ?? r.name, column }),
          })),
          line,
        };
      }),
  }));
};

export const buildTestModel = (spec: TestDocumentSpec): ParsedDocument => {
  const header = {
    department: spec.department,
    ...(spec.district !== undefined ? { district: spec.district } : {}),
    ...(spec.year !== undefined ? { year: spec.year } : {}),
    line: 1,
  };
  const diagnostics: Diagnostic[] = [{ code: 'test-model', severity: 'info', message: '测试用模型', location: { line: 1 } }];
  if (spec.kind === 'budget-disclosure') {
    const document: BudgetDisclosure = {
      kind: 'budget-disclosure',
      level: 'department',
      phase: 'budget',
      header,
      tables: tablesOf(spec.rows ?? []),
      otherInformation: {},
      projects: (spec.projects ?? []).map((p, i) => explanationOf(p, 500 + i * 10)),
    };
    return { kind: 'budget-disclosure', document, diagnostics };
  }
  const document: PerformanceDeclaration = {
    kind: 'performance-declaration',
    header,
    projects: (spec.projects ?? []).map((p, i) => {
      const line = 500 + i * 40;
      return {
        explanation: explanationOf(p, line),
        form: {
          name: p.name,
          funds: p.amountFen !== undefined ? { total: money(p.amountFen, line + 20, { project: p.name, field: '项目资金总额' }) } : {},
          indicators: (p.indicators ?? []).map((ind, k) => {
            const m = /^(=|≥|≤|>|<)([\d.]+)\((.*)\)$/.exec(ind.target);
            return {
              level1: ind.level1,
              level2: ind.level2,
              level3: ind.level3,
              target: m !== null ? { operator: m[1] as '=', value: m[2] ?? '', unit: m[3] ?? '' } : { text: ind.target },
              raw: ind.target,
              line: line + 25 + k,
            };
          }),
          line: line + 20,
        },
      };
    }),
  };
  return { kind: 'performance-declaration', document, diagnostics };
};

/** The reader for test documents: `#yusuan-test` + JSON spec → model; anything else → unknown. */
export const parseTestDocument = (source: string): ParsedDocument => {
  const [first, ...rest] = source.split('\n');
  if (first?.trim() !== MARKER) {
    return {
      kind: 'unknown',
      document: undefined,
      diagnostics: [{ code: 'not-a-budget-document', severity: 'error', message: '不是可识别的预算文件', location: { line: 1 } }],
    };
  }
  return buildTestModel(JSON.parse(rest.join('\n')) as TestDocumentSpec);
};
