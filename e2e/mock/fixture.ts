/**
 * A small, hand-made API fixture for developing the web app before (or without) the server:
 * `YUSUAN_WEB_MOCK=1 npx vite` serves these through vite.config.ts's dev-only mock plugin.
 * Figures are copied from songjiang-2025-data-bureau-budget.txt (a few rows of each table);
 * the second department's two years are invented round figures. Never used by the shipped app
 * nor by the e2e tests, which run the real server.
 */
import { parseYuan, TABLE_COLUMNS, TABLE_STANDARD_NAMES } from '../../src/domain/index.ts';
import type {
  BudgetDisclosure,
  BudgetTable,
  ClassificationScheme,
  Fen,
  Finding,
  PerformanceDeclaration,
  TableNumber,
  TableRow,
  TableSide,
} from '../../src/domain/index.ts';
import type { Comparison, DepartmentSummary, DocumentDetail, SearchResult } from '../../src/server/api-contract.ts';

const money = (raw: string, line: number, table: TableNumber, row: string, column: string) => {
  const amount = parseYuan(raw);
  if (amount === undefined) throw new Error(`fixture: bad amount ${raw}`);
  return { amount, raw, unit: '元' as const, source: { line, section: 'tables' as const, table, row, column } };
};

/** `['201 41 01', '行政运行', '3,644,486.31', '', '3,644,486.31']` → a row; '' is an empty cell. */
const classRow = (table: TableNumber, scheme: ClassificationScheme, line: number, spec: readonly string[]): TableRow => {
  const [code = '', name = '', ...amounts] = spec;
  const total = code === '';
  const key = total ? name : code;
  return {
    kind: total ? 'total' : 'item',
    ...(total ? {} : { code: { scheme, segments: code.split(' ') } }),
    name,
    cells: TABLE_COLUMNS[table].map((column, i) => {
      const raw = amounts[i] ?? '';
      return raw === '' ? { column } : { column, figure: money(raw, line, table, key, column) };
    }),
    line,
  };
};

const sideRow = (table: TableNumber, side: TableSide, line: number, ordinal: string | undefined, name: string, columns: readonly string[], amounts: readonly string[], kind: 'item' | 'total' = 'item'): TableRow => ({
  kind,
  side,
  ...(ordinal !== undefined ? { ordinal } : {}),
  name,
  cells: columns.map((column, i) => {
    const raw = amounts[i] ?? '';
    return raw === '' ? { column } : { column, figure: money(raw, line, table, name, column) };
  }),
  line,
});

const table = (number: TableNumber, year: number, rows: TableRow[], note?: string): BudgetTable => ({
  number,
  standardName: TABLE_STANDARD_NAMES[number],
  title: { text: `${year}年${TABLE_STANDARD_NAMES[number]}`, source: { line: 100 + number } },
  year,
  preparer: '上海市松江区数据局',
  unit: '元',
  columns: TABLE_COLUMNS[number],
  rows,
  ...(note ? { note: { text: note, source: { line: 100 + number } } } : {}),
});

const functional = (n: TableNumber, specs: readonly (readonly string[])[]) =>
  specs.map((s, i) => classRow(n, 'functional', 200 + i, s));

const T3_ROWS = [
  ['201', '一般公共服务支出', '8,950,796.31', '3,644,486.31', '5,306,310.00'],
  ['201 41', '数据事务', '8,950,796.31', '3,644,486.31', '5,306,310.00'],
  ['201 41 01', '行政运行', '3,644,486.31', '3,644,486.31', ''],
  ['201 41 02', '一般行政管理事务', '5,306,310.00', '', '5,306,310.00'],
  ['208', '社会保障和就业支出', '660,812.96', '660,812.96', ''],
  ['208 05', '行政事业单位养老支出', '660,812.96', '660,812.96', ''],
  ['208 05 05', '机关事业单位基本养老保险缴费支出', '440,541.97', '440,541.97', ''],
  ['208 05 06', '机关事业单位职业年金缴费支出', '220,270.99', '220,270.99', ''],
  ['210', '卫生健康支出', '187,838.73', '187,838.73', ''],
  ['210 11', '行政事业单位医疗', '187,838.73', '187,838.73', ''],
  ['210 11 01', '行政单位医疗', '187,838.73', '187,838.73', ''],
  ['215', '资源勘探工业信息等支出', '26,000,000.00', '', '26,000,000.00'],
  ['215 05', '工业和信息产业监管', '26,000,000.00', '', '26,000,000.00'],
  ['215 05 17', '产业发展', '26,000,000.00', '', '26,000,000.00'],
  ['221', '住房保障支出', '1,065,406.48', '1,065,406.48', ''],
  ['221 02', '住房改革支出', '1,065,406.48', '1,065,406.48', ''],
  ['221 02 01', '住房公积金', '465,406.48', '465,406.48', ''],
  ['221 02 03', '购房补贴', '600,000.00', '600,000.00', ''],
  ['', '合计', '36,864,854.48', '5,558,544.48', '31,306,310.00'],
] as const;

const t1 = (year: number): BudgetTable => {
  const c = ['预算数'];
  return table(1, year, [
    sideRow(1, 'revenue', 120, '一', '财政拨款收入', c, ['36,864,854.48']),
    sideRow(1, 'revenue', 121, '1', '一般公共预算资金', c, ['36,864,854.48']),
    sideRow(1, 'revenue', 122, '2', '政府性基金', c, []),
    sideRow(1, 'revenue', 123, '3', '国有资本经营预算', c, []),
    sideRow(1, 'revenue', 124, '二', '事业收入', c, []),
    sideRow(1, 'expenditure', 120, '一', '一般公共服务支出', c, ['8,950,796.31']),
    sideRow(1, 'expenditure', 121, '七', '社会保障和就业支出', c, ['660,812.96']),
    sideRow(1, 'expenditure', 122, '八', '卫生健康支出', c, ['187,838.73']),
    sideRow(1, 'expenditure', 123, '十三', '资源勘探工业信息等支出', c, ['26,000,000.00']),
    sideRow(1, 'expenditure', 124, '十七', '住房保障支出', c, ['1,065,406.48']),
    sideRow(1, 'revenue', 130, undefined, '收入总计', c, ['36,864,854.48'], 'total'),
    sideRow(1, 'expenditure', 130, undefined, '支出总计', c, ['36,864,854.48'], 'total'),
  ]);
};

const t4 = (year: number): BudgetTable => {
  const rc = ['预算数'];
  const ec = ['合计', '一般公共预算', '政府性基金预算', '国有资本经营预算'];
  return table(4, year, [
    sideRow(4, 'revenue', 140, '一', '一般公共预算资金', rc, ['36,864,854.48']),
    sideRow(4, 'revenue', 141, '二', '政府性基金', rc, []),
    sideRow(4, 'expenditure', 140, '一', '一般公共服务支出', ec, ['8,950,796.31', '8,950,796.31']),
    sideRow(4, 'expenditure', 141, '十三', '资源勘探工业信息等支出', ec, ['26,000,000.00', '26,000,000.00']),
    sideRow(4, 'revenue', 150, undefined, '收入总计', rc, ['36,864,854.48'], 'total'),
    sideRow(4, 'expenditure', 150, undefined, '支出总计', ec, ['36,864,854.48', '36,864,854.48'], 'total'),
  ]);
};

const t8 = (year: number): BudgetTable =>
  table(8, year, [
    ['301', '工资福利支出', '5,198,650.92', '5,198,650.92', ''],
    ['301 01', '基本工资', '673,096.00', '673,096.00', ''],
    ['302', '商品和服务支出', '336,973.56', '58,175.81', '278,797.75'],
    ['302 17', '公务接待费', '6,000.00', '', '6,000.00'],
    ['', '合计', '5,558,544.48', '5,258,746.73', '299,797.75'],
  ].map((s, i) => classRow(8, 'economic', 380 + i, s)));

const t9 = (year: number): BudgetTable =>
  table(9, year, [classRow(9, 'functional', 430, ['', '', '6,000.00', '0.00', '6,000.00', '0.00', '0.00', '0.00', '299,797.75'])]);

const FINDINGS: Finding[] = [
  {
    rule: 'table.row-total-equals-parts',
    severity: 'error',
    message: '表3「208 05 05」行合计与基本支出、项目支出之和不符。',
    location: { line: 203, section: 'tables', table: 3, row: '208 05 05', column: '基本支出' },
    figures: [{ label: '合计', amount: 44054197 as Fen, raw: '440,541.97', unit: '元' }],
    difference: 100 as Fen,
  },
  {
    rule: 'narrative.main-item-equals-table',
    severity: 'warning',
    message: '编制说明第2项金额与表5不一致。',
    location: { line: 60, section: 'explanation' },
    figures: [],
  },
];

const disclosure = (year: number, scale: (raw: string) => string): BudgetDisclosure => ({
  kind: 'budget-disclosure',
  level: 'department',
  phase: 'budget',
  header: { district: '上海市松江区', year, department: '上海市松江区数据局', line: 2, title: { text: `上海市松江区${year}年区级部门预算`, source: { line: 2 } } },
  explanation: {
    text: { text: `${year}年，上海市松江区数据局收入预算3,686.485448万元，其中：财政拨款收入3,686.485448万元。`, source: { line: 40 } },
    revenueParts: [],
    fiscalExpenditureParts: [],
    mainItems: [
      { ordinal: 1, subject: '行政运行', amount: { amount: 364448631 as Fen, raw: '364.448631', unit: '万元', source: { line: 48 } }, purpose: '主要用于部门在职职工工资福利支出', line: 48 },
      { ordinal: 2, subject: '一般行政管理事务', amount: { amount: 530631000 as Fen, raw: '530.631', unit: '万元', source: { line: 50 } }, purpose: '主要用于部门业务活动费用支出', line: 50 },
    ],
  },
  tables: [t1(year), table(2, year, functional(2, T3_ROWS.map((r) => [r[0], r[1], scale(r[2]), scale(r[2])]))), table(3, year, functional(3, T3_ROWS.map((r) => r.map(scale)))), t4(year), table(5, year, functional(5, T3_ROWS.map((r) => r.map(scale)))), table(6, year, [classRow(6, 'functional', 300, ['', '合计'])], '注：本部门无政府性基金收入，也没有使用政府性基金安排的支出，故本表无数据。'), table(7, year, [classRow(7, 'functional', 310, ['', '合计'])]), t8(year), t9(year)],
  otherInformation: {
    threePublic: { text: { text: `${year}年“三公”经费预算数为0.60万元。`, source: { line: 440 } } },
    operatingCosts: { none: false, text: { text: '机关运行经费预算为29.979775万元。', source: { line: 450 } } },
  },
  projects: [
    {
      name: '数字化项目管理',
      parts: { overview: { text: '数字化项目管理项目，主要实施内容为对全区的数字化新建及运维项目进行评审。', source: { line: 480 } } },
      annualAmount: { amount: 140000000 as Fen, raw: '140.00', unit: '万元', source: { line: 500 } },
      paymentSchedule: [],
      breakdown: [],
      line: 478,
    },
  ],
});

/** Scale a printed amount by a whole-number percentage with string arithmetic (dev data only). */
const scaled = (pct: bigint) => (raw: string): string => {
  if (!/^[\d,]+\.\d\d$/.test(raw)) return raw;
  const f = BigInt(raw.replace(/[,.]/g, '')) * pct / 100n;
  const s = f.toString().padStart(3, '0');
  return `${s.slice(0, -2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${s.slice(-2)}`;
};

const detail = (documentId: number, departmentId: number, year: number, model: BudgetDisclosure, otherYears: DocumentDetail['otherYears']): DocumentDetail => ({
  documentId,
  departmentId,
  department: model.header.department ?? '',
  district: '上海市松江区',
  year,
  kind: 'budget-disclosure',
  version: 1,
  sha256: '0'.repeat(64),
  importedAt: '2026-11-24T08:00:00.000Z',
  sourceName: `mock-${year}.txt`,
  model,
  findings: FINDINGS,
  diagnostics: [],
  otherYears,
});

const declaration: PerformanceDeclaration = {
  kind: 'performance-declaration',
  header: { district: '上海市松江区', year: 2024, department: '上海市松江区科技创新服务中心', line: 1 },
  summary: { projects: { value: 1, raw: '1', source: { line: 3 } }, amount: { amount: 1500000 as Fen, raw: '1.50', unit: '万元', source: { line: 3 } }, text: { text: '编报绩效目标的项目 1 个，涉及项目预算资金 1.50 万元。', source: { line: 3 } } },
  projects: [
    {
      form: {
        ordinal: 1,
        year: 2024,
        name: '科技企业服务',
        nature: '经常性项目',
        supervisor: '上海市松江区科学技术委员会',
        implementer: '上海市松江区科技创新服务中心',
        plannedStart: '2024-01-01',
        plannedEnd: '2024-12-31',
        funds: { total: { amount: 1500000 as Fen, raw: '15,000.00', unit: '元', source: { line: 20 } }, fiscal: { amount: 1500000 as Fen, raw: '15,000.00', unit: '元', source: { line: 20 } } },
        annualGoal: { text: '完成全年科技企业服务。', source: { line: 22 } },
        indicators: [
          { level1: '产出指标', level2: '数量指标', level3: '定期巡检次数', target: { operator: '=', value: '12.00', unit: '次' }, raw: '=12.00(次)', line: 30 },
          { level1: '产出指标', level2: '数量指标', level3: '服务企业数', target: { operator: '≥', value: '50.00', unit: '家' }, raw: '≥50.00(家)', line: 31 },
          { level1: '产出指标', level2: '质量指标', level3: '服务完成率', target: { operator: '≥', value: '90.00', unit: '%' }, raw: '≥90.00(%)', line: 32 },
          { level1: '满意度指标', level2: '服务对象满意度指标', level3: '企业满意度', target: { text: '较高' }, raw: '较高', line: 33 },
        ],
        line: 18,
      },
    },
  ],
};

export const MOCK_DOCUMENTS: readonly DocumentDetail[] = [
  detail(1, 1, 2025, disclosure(2025, (r) => r), [{ year: 2024, documentId: 2 }]),
  detail(2, 1, 2024, disclosure(2024, scaled(80n)), [{ year: 2025, documentId: 1 }]),
  { ...detail(3, 2, 2024, disclosure(2024, (r) => r), []), kind: 'performance-declaration', department: '上海市松江区科技创新服务中心', model: declaration, findings: [] },
];

export const MOCK_DEPARTMENTS: readonly DepartmentSummary[] = [
  {
    departmentId: 1,
    name: '上海市松江区数据局',
    district: '上海市松江区',
    years: [
      { year: 2024, documentId: 2, kind: 'budget-disclosure', version: 1, expenditureTotalFen: 2949188358, revenueTotalFen: 2949188358, basicFen: 444683558, projectFen: 2504504800, projectCount: 1, findings: { error: 1, warning: 1, info: 0 } },
      { year: 2025, documentId: 1, kind: 'budget-disclosure', version: 1, expenditureTotalFen: 3686485448, revenueTotalFen: 3686485448, basicFen: 555854448, projectFen: 3130631000, projectCount: 1, findings: { error: 1, warning: 1, info: 0 } },
    ],
  },
];

export const MOCK_SEARCH: SearchResult = {
  total: 1,
  items: [{ kind: 'project', documentId: 1, departmentId: 1, department: '上海市松江区数据局', year: 2025, project: '数字化项目管理', amountFen: 140000000, snippet: '数字化项目管理项目，主要实施内容为…' }],
};

export const MOCK_COMPARISON: Comparison = {
  left: { documentId: 2, department: '上海市松江区数据局', year: 2024, expenditureTotalFen: 2949188358 },
  right: { documentId: 1, department: '上海市松江区数据局', year: 2025, expenditureTotalFen: 3686485448 },
  rows: [
    { table: 3, tableName: '部门支出预算总表', key: '201', name: '一般公共服务支出', column: '合计', leftFen: 716063705, rightFen: 895079631, changeFen: 179015926, changeHundredths: 2500 },
    { table: 3, tableName: '部门支出预算总表', key: '合计', name: '合计', column: '合计', leftFen: 2949188358, rightFen: 3686485448, changeFen: 737297090, changeHundredths: 2500 },
    { table: 8, tableName: '部门一般公共预算基本支出部门预算经济分类预算表', key: '301', name: '工资福利支出', column: '合计', rightFen: 519865092 },
  ],
  projects: [{ name: '数字化项目管理', leftFen: 112000000, rightFen: 140000000 }],
};
