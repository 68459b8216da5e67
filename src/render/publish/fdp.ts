/**
 * Open data: a Fiscal Data Package (Frictionless `datapackage.json` + one tidy CSV), every figure of
 * the nine tables one row, with its classification spelled out.
 *
 * One row = one printed table cell: fiscal year, department, budget unit, document level and phase,
 * table, row (code / name / kind / side), column, the functional classification (类/款/项 code and
 * name at each level) or the economic one (类/款), the funding source and 基本/项目 where the table
 * says them, and the amount in 元 (exact, two decimals) and in 分 (integer). Names at each level are
 * the document's own (the name printed on that code's row), else the reference catalogue's.
 *
 * Rows are aggregates as printed: a 类 row is the sum of its 款 rows, a total row the sum of the
 * table — consumers filter on `row_kind` and `classification_level` rather than summing all rows.
 *
 * The writer streams: `fdpRows(doc)` yields the rows of one document; `FdpCsvWriter` writes any
 * number of documents' rows to a sink without holding them.
 */
import {
  TABLE_COLUMNS,
  TABLE_STANDARD_NAMES,
  formatCode,
  formatYuan,
  functionalClassCodeByName,
  type BudgetDisclosure,
  type BudgetTable,
  type ClassificationCode,
  type TableRow,
} from '#domain/index.ts';
import { economicEntry } from '#reference/economic-codes.ts';
import { functionalEntry } from '#reference/functional-codes.ts';
import { csvField } from '#render/csv.ts';

export const FDP_RESOURCE_NAME = 'budget-figures';
export const FDP_CSV_PATH = 'budget-figures.csv';

const ALL_COLUMNS = [...new Set(Object.values(TABLE_COLUMNS).flat())];
export const FUNDING_SOURCES = ['财政拨款', '一般公共预算', '政府性基金预算', '国有资本经营预算', '事业收入', '事业单位经营收入', '其他收入'] as const;

export interface FdpField {
  readonly name: string;
  readonly title: string;
  readonly type: 'string' | 'integer' | 'number' | 'year';
  readonly description?: string;
  readonly constraints?: {
    readonly required?: boolean;
    readonly enum?: readonly string[];
    readonly minimum?: number;
    readonly maximum?: number;
    readonly pattern?: string;
  };
}

const f = (name: string, title: string, type: FdpField['type'], constraints?: FdpField['constraints'], description?: string): FdpField => ({
  name,
  title,
  type,
  ...(description ? { description } : {}),
  ...(constraints ? { constraints } : {}),
});

export const FDP_FIELDS: readonly FdpField[] = [
  f('fiscal_year', '预算年度', 'year', { required: true }),
  f('district', '地区', 'string'),
  f('department', '预算主管部门', 'string', { required: true }),
  f('budget_unit', '预算单位', 'string', undefined, '单位预算的编制单位；部门预算为空'),
  f('document_level', '预算层级', 'string', { required: true, enum: ['department', 'unit'] }),
  f('phase', '预算阶段', 'string', { required: true, enum: ['budget', 'adjusted', 'final'] }),
  f('table_number', '表号', 'integer', { required: true, minimum: 1, maximum: 9 }),
  f('table_name', '表名', 'string', { required: true, enum: Object.values(TABLE_STANDARD_NAMES) }),
  f('row_kind', '行类型', 'string', { required: true, enum: ['item', 'total'] }),
  f('side', '收支方', 'string', { enum: ['revenue', 'expenditure'] }, '表1、表4的收入方或支出方'),
  f('row_code', '科目编码', 'string', { pattern: '^\\d{3}(?: \\d{1,2}){0,2}$' }, '按原文印出的科目编码'),
  f('row_name', '科目名称或项目', 'string', { required: true }),
  f('column', '列', 'string', { required: true, enum: ALL_COLUMNS }),
  f('classification_level', '科目级次', 'integer', { minimum: 1, maximum: 3 }, '1 类 / 2 款 / 3 项'),
  f('functional_class_code', '功能分类 类 编码', 'string', { pattern: '^\\d{3}$' }),
  f('functional_class_name', '功能分类 类 名称', 'string'),
  f('functional_item_code', '功能分类 款 编码', 'string', { pattern: '^\\d{3} \\d{2}$' }),
  f('functional_item_name', '功能分类 款 名称', 'string'),
  f('functional_subitem_code', '功能分类 项 编码', 'string', { pattern: '^\\d{3} \\d{2} \\d{2}$' }),
  f('functional_subitem_name', '功能分类 项 名称', 'string'),
  f('economic_class_code', '经济分类 类 编码', 'string', { pattern: '^\\d{3}$' }),
  f('economic_class_name', '经济分类 类 名称', 'string'),
  f('economic_item_code', '经济分类 款 编码', 'string', { pattern: '^\\d{3} \\d{2}$' }),
  f('economic_item_name', '经济分类 款 名称', 'string'),
  f('funding_source', '资金来源', 'string', { enum: [...FUNDING_SOURCES] }),
  f('expenditure_type', '基本/项目', 'string', { enum: ['基本', '项目'] }),
  f('amount_yuan', '金额（元）', 'number', { required: true }, '两位小数，精确'),
  f('amount_fen', '金额（分）', 'integer', { required: true }),
  f('printed', '原文', 'string', { required: true }, '按原文印出的数字'),
  f('printed_unit', '原文单位', 'string', { required: true, enum: ['元', '万元'] }),
];

export const FDP_HEADER = FDP_FIELDS.map((x) => x.name);

export interface DataPackageOptions {
  readonly name?: string;
  readonly title?: string;
  /** ISO timestamp; omitted when not given so that the descriptor is reproducible. */
  readonly created?: string;
}

/** The `datapackage.json` descriptor: one tabular-data-resource with its Table Schema, and the FDP model (measure, dimensions). */
export const dataPackageDescriptor = (opts: DataPackageOptions = {}): Record<string, unknown> => ({
  profile: 'tabular-data-package',
  name: opts.name ?? 'yusuan-budget-figures',
  title: opts.title ?? '部门预算公开表数据',
  ...(opts.created ? { created: opts.created } : {}),
  licenses: [{ name: 'other-pd', title: '政府信息公开' }],
  sources: [{ title: '部门预算公开文件（由 yusuan 读取）' }],
  resources: [
    {
      profile: 'tabular-data-resource',
      name: FDP_RESOURCE_NAME,
      path: FDP_CSV_PATH,
      format: 'csv',
      mediatype: 'text/csv',
      encoding: 'utf-8',
      dialect: { delimiter: ',', header: true, lineTerminator: '\r\n', doubleQuote: true },
      schema: { fields: FDP_FIELDS, missingValues: [''] },
    },
  ],
  // Fiscal Data Package model: what the amount measures and what classifies it.
  model: {
    measures: { amount: { source: 'amount_yuan', currency: 'CNY', factor: 1 } },
    dimensions: {
      fiscal_period: { dimensionType: 'datetime', attributes: { year: { source: 'fiscal_year' } }, primaryKey: 'year' },
      administrative: {
        dimensionType: 'entity',
        attributes: { department: { source: 'department' }, budget_unit: { source: 'budget_unit' } },
        primaryKey: ['department', 'budget_unit'],
      },
      functional_classification: {
        dimensionType: 'classification',
        classificationType: 'functional',
        attributes: {
          class_code: { source: 'functional_class_code' },
          class_name: { source: 'functional_class_name', labelfor: 'class_code' },
          item_code: { source: 'functional_item_code', parent: 'class_code' },
          item_name: { source: 'functional_item_name', labelfor: 'item_code' },
          subitem_code: { source: 'functional_subitem_code', parent: 'item_code' },
          subitem_name: { source: 'functional_subitem_name', labelfor: 'subitem_code' },
        },
        primaryKey: ['class_code', 'item_code', 'subitem_code'],
      },
      economic_classification: {
        dimensionType: 'classification',
        classificationType: 'economic',
        attributes: {
          class_code: { source: 'economic_class_code' },
          class_name: { source: 'economic_class_name', labelfor: 'class_code' },
          item_code: { source: 'economic_item_code', parent: 'class_code' },
          item_name: { source: 'economic_item_name', labelfor: 'item_code' },
        },
        primaryKey: ['class_code', 'item_code'],
      },
      fund: { dimensionType: 'fact', attributes: { funding_source: { source: 'funding_source' } }, primaryKey: 'funding_source' },
      expenditure_type: { dimensionType: 'fact', attributes: { expenditure_type: { source: 'expenditure_type' } }, primaryKey: 'expenditure_type' },
    },
  },
});

/** A revenue line's funding source by its name (tables 1 and 4). */
const sourceByName = (name: string): string => {
  if (/^财政拨款/.test(name)) return '财政拨款';
  if (/一般公共预算/.test(name)) return '一般公共预算';
  if (/政府性基金/.test(name)) return '政府性基金预算';
  if (/国有资本经营/.test(name)) return '国有资本经营预算';
  if (/^事业单位经营收入/.test(name)) return '事业单位经营收入';
  if (/^事业收入/.test(name)) return '事业收入';
  if (/^其他收入/.test(name)) return '其他收入';
  return '';
};

const isSource = (s: string): boolean => (FUNDING_SOURCES as readonly string[]).includes(s);

/** Funding source of a cell, where the table and column say it (empty: all sources together). */
const fundingSource = (table: BudgetTable, row: TableRow, column: string): string => {
  switch (table.number) {
    case 1:
      return row.side === 'revenue' ? sourceByName(row.name) : '';
    case 2:
      return column === '财政拨款收入' ? '财政拨款' : isSource(column) ? column : '';
    case 4:
      if (row.side === 'revenue') return sourceByName(row.name) || '财政拨款';
      return isSource(column) ? column : '财政拨款';
    case 5:
    case 8:
      return '一般公共预算';
    case 6:
      return '政府性基金预算';
    case 7:
      return '国有资本经营预算';
    case 9:
      // “三公”经费 and 机关运行经费 are what the 财政拨款 pays for (the glossary's definitions).
      return '财政拨款';
    default:
      return '';
  }
};

const expenditureType = (table: BudgetTable, column: string): string => {
  if (column === '基本支出' || column === '人员经费' || column === '公用经费') return '基本';
  if (column === '项目支出') return '项目';
  if (table.number === 8 || column === '机关运行经费') return '基本';
  return '';
};

type Names = ReadonlyMap<string, string>;

/** The document's own names for its codes (the name printed on each code's row), per scheme. */
const printedNames = (doc: BudgetDisclosure): { functional: Names; economic: Names } => {
  const functional = new Map<string, string>();
  const economic = new Map<string, string>();
  for (const t of doc.tables) {
    for (const r of t.rows) {
      if (!r.code) continue;
      const m = r.code.scheme === 'economic' ? economic : functional;
      const key = formatCode(r.code);
      if (!m.has(key)) m.set(key, r.name);
    }
    // Tables 1 and 4 name the 类 without its code.
    if (t.number === 1 || t.number === 4) {
      for (const r of t.rows) {
        const code = r.side === 'expenditure' ? functionalClassCodeByName(r.name) : undefined;
        if (code && !functional.has(code)) functional.set(code, r.name);
      }
    }
  }
  return { functional, economic };
};

const codeLevels = (code: ClassificationCode | undefined, names: Names, lookup: (code: string) => string | undefined, levels: number): string[] => {
  const out: string[] = [];
  for (let i = 1; i <= levels; i++) {
    if (!code || code.segments.length < i) {
      out.push('', '');
      continue;
    }
    const c = code.segments.slice(0, i).join(' ');
    out.push(c, names.get(c) ?? lookup(c) ?? '');
  }
  return out;
};

/** The rows of one document, in table, row and column order. */
export function* fdpRows(doc: BudgetDisclosure): Generator<string[]> {
  const year = doc.header.year;
  const names = printedNames(doc);
  const fy = (y: number | undefined): number => y ?? year ?? 0;
  for (const table of [...doc.tables].sort((a, b) => a.number - b.number)) {
    const tableYear = fy(table.year);
    for (const row of table.rows) {
      let code = row.code;
      // A 类 named in tables 1 and 4 is classified too.
      if (!code && (table.number === 1 || table.number === 4) && row.side === 'expenditure') {
        const c = functionalClassCodeByName(row.name);
        if (c) code = { scheme: 'functional', segments: [c] };
      }
      const functional = code?.scheme === 'functional' ? code : undefined;
      const economic = code?.scheme === 'economic' ? code : undefined;
      const fCols = codeLevels(functional, names.functional, (c) => functionalEntry(tableYear, c)?.name, 3);
      const eCols = codeLevels(economic, names.economic, (c) => economicEntry(tableYear, c)?.name, 2);
      for (const cell of row.cells) {
        const fig = cell.figure;
        if (!fig) continue;
        yield [
          String(tableYear),
          doc.header.district ?? '',
          doc.header.department ?? table.preparer ?? '',
          doc.level === 'unit' ? (table.preparer ?? doc.header.department ?? '') : '',
          doc.level,
          doc.phase,
          String(table.number),
          TABLE_STANDARD_NAMES[table.number],
          row.kind,
          row.side ?? '',
          row.code ? (row.code.printed ?? formatCode(row.code)) : '',
          `${row.ordinal ?? ''}${row.name}`,
          cell.column,
          code ? String(code.segments.length) : '',
          ...fCols,
          ...eCols,
          fundingSource(table, row, cell.column),
          expenditureType(table, cell.column),
          formatYuan(fig.amount),
          String(fig.amount),
          fig.raw,
          fig.unit,
        ];
      }
    }
  }
}

const csvLine = (fields: readonly string[]): string => `${fields.map(csvField).join(',')}\r\n`;

/**
 * Streams documents' rows as the package's CSV: the header first, then each document's rows as
 * they come. `write` may return a promise (a file stream's drain); it is awaited per document.
 */
export class FdpCsvWriter {
  private started = false;
  rows = 0;
  documents = 0;
  constructor(private readonly write: (chunk: string) => void | Promise<void>) {}

  async add(doc: BudgetDisclosure): Promise<void> {
    let chunk = this.started ? '' : csvLine(FDP_HEADER);
    this.started = true;
    for (const r of fdpRows(doc)) {
      chunk += csvLine(r);
      this.rows++;
    }
    this.documents++;
    await this.write(chunk);
  }

  async end(): Promise<void> {
    if (!this.started) {
      this.started = true;
      await this.write(csvLine(FDP_HEADER));
    }
  }
}

/** One document's package in memory: the descriptor and the CSV text. */
export const renderFdp = (doc: BudgetDisclosure, opts: DataPackageOptions = {}): { readonly descriptor: Record<string, unknown>; readonly csv: string } => {
  let csv = csvLine(FDP_HEADER);
  for (const r of fdpRows(doc)) csv += csvLine(r);
  return { descriptor: dataPackageDescriptor(opts), csv };
};
