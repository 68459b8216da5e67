/**
 * Hand-built, internally consistent mini documents for rule tests: a one-unit department budget
 * (行政单位, 2025, all money 一般公共预算) and a two-project performance declaration (2024).
 * Every identity of the domain page §5 holds in them; tests mutate one figure and expect one rule.
 * Each figure sits on its own line number so tests can assert locations.
 */
import {
  parseCode,
  parsePercentHundredths,
  parseWanYuan,
  parseYuan,
  TABLE_COLUMNS,
  TABLE_STANDARD_NAMES,
  type BudgetDisclosure,
  type BudgetTable,
  type ChangeDirection,
  type DeclaredProject,
  type Indicator,
  type IndicatorTarget,
  type MoneyFigure,
  type NarrativeAmount,
  type PerformanceDeclaration,
  type ProjectExplanation,
  type SourceLocation,
  type StatedChange,
  type TableNumber,
  type TableRow,
} from '#domain/index.ts';

let nextLine = 1;
const line = (): number => nextLine++;

export const yuanFigure = (raw: string, source: Omit<SourceLocation, 'line'> = {}, at?: number): MoneyFigure => {
  const amount = parseYuan(raw);
  if (amount === undefined) throw new Error(`bad 元 ${raw}`);
  return { amount, raw, unit: '元', source: { line: at ?? line(), ...source } };
};

export const wanFigure = (raw: string, source: Omit<SourceLocation, 'line'> = {}, at?: number): MoneyFigure => {
  const amount = parseWanYuan(raw);
  if (amount === undefined) throw new Error(`bad 万元 ${raw}`);
  return { amount, raw, unit: '万元', source: { line: at ?? line(), ...source } };
};

const change = (direction: ChangeDirection, amountRaw: string | undefined, percentRaw: string | undefined, comparedYear = 2024): StatedChange => {
  const l = line();
  return {
    comparedYear,
    basis: 'budget',
    direction,
    ...(amountRaw !== undefined ? { amount: wanFigure(amountRaw, { section: 'explanation' }, l) } : {}),
    ...(percentRaw !== undefined
      ? { percent: { hundredths: parsePercentHundredths(percentRaw) ?? 0, raw: percentRaw, source: { line: l, section: 'explanation' } } }
      : {}),
    line: l,
  };
};

const narrative = (raw: string, field: string, section: 'explanation' | 'other-information', ch?: StatedChange): NarrativeAmount => ({
  amount: wanFigure(raw, { section, field }),
  ...(ch ? { change: ch } : {}),
});

type RowSpec = readonly [code: string, name: string, ...cells: (string | undefined)[]];

const classificationTable = (n: TableNumber, title: string, specs: readonly RowSpec[], total: readonly (string | undefined)[], scheme: 'functional' | 'economic' = 'functional'): BudgetTable => {
  const columns = TABLE_COLUMNS[n];
  const mkRow = (kind: 'item' | 'total', code: string | undefined, name: string, cells: readonly (string | undefined)[]): TableRow => {
    const l = line();
    const c = code ? parseCode(code, scheme) : undefined;
    return {
      kind,
      ...(c ? { code: c } : {}),
      name,
      cells: columns.map((column, i) => {
        const raw = cells[i];
        return {
          column,
          ...(raw !== undefined ? { figure: yuanFigure(raw, { section: 'tables', table: n, row: code ? `${code} ${name}` : name, column }, l) } : {}),
        };
      }),
      line: l,
    };
  };
  const rows = specs.map(([code, name, ...cells]) => mkRow('item', code, name, cells));
  return {
    number: n,
    standardName: TABLE_STANDARD_NAMES[n],
    title: { text: `2025年${title}`, source: { line: line(), section: 'tables', table: n } },
    year: 2025,
    preparer: '测试局',
    unit: '元',
    columns,
    rows: [...rows, mkRow('total', undefined, '合计', total)],
  };
};

const FUNCTIONAL_3: readonly RowSpec[] = [
  ['201', '一般公共服务支出', '800,000.00', '300,000.00', '500,000.00'],
  ['201 41', '数据事务', '800,000.00', '300,000.00', '500,000.00'],
  ['201 41 01', '行政运行', '300,000.00', '300,000.00', undefined],
  ['201 41 02', '一般行政管理事务', '500,000.00', undefined, '500,000.00'],
  ['208', '社会保障和就业支出', '60,000.00', '60,000.00', undefined],
  ['208 05', '行政事业单位养老支出', '60,000.00', '60,000.00', undefined],
  ['208 05 05', '机关事业单位基本养老保险缴费支出', '40,000.00', '40,000.00', undefined],
  ['208 05 06', '机关事业单位职业年金缴费支出', '20,000.00', '20,000.00', undefined],
  ['221', '住房保障支出', '40,000.00', '40,000.00', undefined],
  ['221 02', '住房改革支出', '40,000.00', '40,000.00', undefined],
  ['221 02 01', '住房公积金', '40,000.00', '40,000.00', undefined],
];

const twoSided = (n: 1 | 4): BudgetTable => {
  const columns = TABLE_COLUMNS[n];
  const row = (side: 'revenue' | 'expenditure', kind: 'item' | 'total', ordinal: string | undefined, name: string, cells: Record<string, string>): TableRow => {
    const l = line();
    return {
      kind,
      side,
      ...(ordinal ? { ordinal } : {}),
      name,
      cells: Object.entries(cells).map(([column, raw]) => ({
        column,
        figure: yuanFigure(raw, { section: 'tables', table: n, row: name, column }, l),
      })),
      line: l,
    };
  };
  const revCol = '预算数';
  const exp = (c: string): Record<string, string> => (n === 1 ? { 预算数: c } : { 合计: c, 一般公共预算: c });
  const revenue: TableRow[] =
    n === 1
      ? [
          row('revenue', 'item', '一、', '财政拨款收入', { [revCol]: '900,000.00' }),
          row('revenue', 'item', '1.', '一般公共预算资金', { [revCol]: '900,000.00' }),
          { kind: 'item', side: 'revenue', ordinal: '2.', name: '政府性基金', cells: [{ column: revCol }], line: line() },
          { kind: 'item', side: 'revenue', ordinal: '3.', name: '国有资本经营预算', cells: [{ column: revCol }], line: line() },
          { kind: 'item', side: 'revenue', ordinal: '二、', name: '事业收入', cells: [{ column: revCol }], line: line() },
        ]
      : [
          row('revenue', 'item', '一、', '一般公共预算资金', { [revCol]: '900,000.00' }),
          { kind: 'item', side: 'revenue', ordinal: '二、', name: '政府性基金', cells: [{ column: revCol }], line: line() },
        ];
  const expenditure: TableRow[] = [
    row('expenditure', 'item', '一、', '一般公共服务支出', exp('800,000.00')),
    row('expenditure', 'item', '七、', '社会保障和就业支出', exp('60,000.00')),
    row('expenditure', 'item', '十七、', '住房保障支出', exp('40,000.00')),
  ];
  return {
    number: n,
    standardName: TABLE_STANDARD_NAMES[n],
    title: { text: `2025年${TABLE_STANDARD_NAMES[n]}`, source: { line: line(), section: 'tables', table: n } },
    year: 2025,
    unit: '元',
    columns,
    rows: [
      ...revenue,
      ...expenditure,
      row('revenue', 'total', undefined, '收入总计', { [revCol]: '900,000.00' }),
      row('expenditure', 'total', undefined, '支出总计', exp('900,000.00')),
    ],
    ...(n === 1
      ? { note: { text: '注：2025年本部门收入预算90.00万元，支出预算90.00万元。', source: { line: line(), section: 'tables' as const, table: 1 as const } } }
      : {}),
  };
};

const table9 = (): BudgetTable => {
  const l = line();
  const values = ['6,000.00', '0.00', '6,000.00', '0.00', '0.00', '0.00', '40,000.00'];
  return {
    number: 9,
    standardName: TABLE_STANDARD_NAMES[9],
    title: { text: '2025年部门“三公”经费和机关运行经费预算表', source: { line: line(), section: 'tables', table: 9 } },
    year: 2025,
    unit: '元',
    columns: TABLE_COLUMNS[9],
    rows: [
      {
        kind: 'item',
        name: '2025年预算数',
        cells: TABLE_COLUMNS[9].map((column, i) => ({
          column,
          figure: yuanFigure(values[i] ?? '0.00', { section: 'tables', table: 9, row: '预算数', column }, l),
        })),
        line: l,
      },
    ],
  };
};

const emptyFunctional = (n: 6 | 7, what: string): BudgetTable => ({
  ...classificationTable(n, TABLE_STANDARD_NAMES[n], [], []),
  note: { text: `注：测试局2025年度无${what}，故本表无数据。`, source: { line: line(), section: 'tables', table: n } },
});

const project = (name: string, amountRaw: string, breakdown: readonly [string, string, string, string][]): ProjectExplanation => {
  const head = line();
  return {
    name,
    parts: {
      overview: { text: `${name}项目，主要实施内容为……的测试。`, source: { line: line(), section: 'projects', project: name } },
      period: { text: '2025年01月01日至2025年12月31日。', source: { line: line(), section: 'projects', project: name } },
    },
    period: { start: '2025-01-01', end: '2025-12-31', raw: '2025年01月01日至2025年12月31日', source: { line: line(), section: 'projects', project: name } },
    annualAmount: wanFigure(amountRaw, { section: 'projects', project: name, field: '年度预算安排' }),
    paymentSchedule: [],
    breakdown: breakdown.map(([item, quantity, unitPrice, amountRawRow]) => {
      const l = line();
      const price = wanFigure(unitPrice, { section: 'projects', project: name, field: '单价' }, l);
      const amount = wanFigure(amountRawRow, { section: 'projects', project: name, field: '金额' }, l);
      return { item, quantity, quantityUnit: '次', unitPrice: price, amount, line: l };
    }),
    line: head,
  };
};

/** A consistent one-unit department budget for 2025. Each call builds fresh objects. */
export const buildBudget = (): BudgetDisclosure => {
  nextLine = 1;
  const header = { title: { text: '上海市测试区2025年区级部门预算', source: { line: line(), section: 'header' as const } }, district: '上海市测试区', year: 2025, department: '上海市测试区测试局', line: 1 };
  const institutions = {
    text: { text: '本部门中，行政单位1家。', source: { line: line(), section: 'institutions' as const } },
    counts: [{ type: '行政单位', count: { value: 1, raw: '1', source: { line: line(), section: 'institutions' as const } } }],
    unitNames: ['上海市测试区测试局'],
  };
  const explanation = {
    text: { text: '2025年部门预算编制说明', source: { line: line(), section: 'explanation' as const } },
    revenueTotal: narrative('90.00', '收入预算', 'explanation', change('增加', '10.00', '12.50')),
    revenueParts: [
      { name: '财政拨款收入', ...narrative('90.00', '财政拨款收入', 'explanation', change('增加', '10.00', '12.50')) },
      { name: '事业收入', ...narrative('0.00', '事业收入', 'explanation') },
    ],
    expenditureTotal: narrative('90.00', '支出预算', 'explanation'),
    fiscalExpenditure: narrative('90.00', '财政拨款支出预算', 'explanation', change('增加', '10.00', '12.50')),
    fiscalExpenditureParts: [
      { name: '一般公共预算拨款支出预算', ...narrative('90.00', '一般公共预算拨款支出预算', 'explanation') },
      { name: '政府性基金拨款支出预算', ...narrative('0.00', '政府性基金拨款支出预算', 'explanation', change('持平', undefined, undefined)) },
      { name: '国有资本经营预算拨款支出预算', ...narrative('0.00', '国有资本经营预算拨款支出预算', 'explanation') },
    ],
    mainItems: [
      ['行政运行', '30.00'],
      ['一般行政管理事务', '50.00'],
      ['机关事业单位基本养老保险缴费支出', '4.00'],
      ['机关事业单位职业年金缴费支出', '2.00'],
      ['住房公积金', '4.00'],
    ].map(([subject = '', raw = ''], i) => {
      const l = line();
      return { ordinal: i + 1, subject, amount: wanFigure(raw, { section: 'explanation', field: `主要内容${i + 1}` }, l), line: l };
    }),
  };
  const t3 = classificationTable(3, '部门支出预算总表', FUNCTIONAL_3, ['900,000.00', '400,000.00', '500,000.00']);
  const t2 = classificationTable(
    2,
    '部门收入预算总表',
    FUNCTIONAL_3.map(([code, name, total]) => [code, name, total, total] as RowSpec),
    ['900,000.00', '900,000.00'],
  );
  const t5 = classificationTable(5, '部门一般公共预算支出功能分类预算表', FUNCTIONAL_3, ['900,000.00', '400,000.00', '500,000.00']);
  const t8 = classificationTable(
    8,
    '部门一般公共预算基本支出部门预算经济分类预算表',
    [
      ['301', '工资福利支出', '360,000.00', '360,000.00', undefined],
      ['301 01', '基本工资', '260,000.00', '260,000.00', undefined],
      ['301 08', '机关事业单位基本养老保险缴费', '40,000.00', '40,000.00', undefined],
      ['301 09', '职业年金缴费', '20,000.00', '20,000.00', undefined],
      ['301 13', '住房公积金', '40,000.00', '40,000.00', undefined],
      ['302', '商品和服务支出', '40,000.00', undefined, '40,000.00'],
      ['302 01', '办公费', '34,000.00', undefined, '34,000.00'],
      ['302 17', '公务接待费', '6,000.00', undefined, '6,000.00'],
    ],
    ['400,000.00', '360,000.00', '40,000.00'],
    'economic',
  );
  const tables = [
    twoSided(1),
    t2,
    t3,
    twoSided(4),
    t5,
    emptyFunctional(6, '政府性基金收入，也没有使用政府性基金安排的支出'),
    emptyFunctional(7, '国有资本经营预算拨款收入，也没有国有资本经营预算安排的支出'),
    t8,
    table9(),
  ];
  const oi = (field: string) => ({ section: 'other-information' as const, field });
  const otherInformation = {
    threePublic: {
      year: 2025,
      total: { amount: wanFigure('0.60', oi('三公经费.合计')) },
      abroad: { amount: wanFigure('0.00', oi('三公经费.因公出国（境）费')) },
      vehicles: { amount: wanFigure('0.00', oi('三公经费.公务用车购置及运行费')) },
      vehiclePurchase: { amount: wanFigure('0.00', oi('三公经费.公务用车购置费')) },
      vehicleOperation: { amount: wanFigure('0.00', oi('三公经费.公务用车运行费')) },
      reception: { amount: wanFigure('0.60', oi('三公经费.公务接待费')) },
      text: { text: '2025年“三公”经费预算数为0.60万元。', source: { line: line(), section: 'other-information' as const } },
    },
    operatingCosts: { amount: wanFigure('4.00', oi('机关运行经费')), none: false, text: { text: '机关运行经费预算为4.00万元', source: { line: line(), section: 'other-information' as const } } },
    procurement: {
      total: wanFigure('10.00', oi('政府采购.合计')),
      goods: wanFigure('4.00', oi('政府采购.货物')),
      works: wanFigure('0.00', oi('政府采购.工程')),
      services: wanFigure('6.00', oi('政府采购.服务')),
      smeReserved: wanFigure('2.00', oi('政府采购.中小企业')),
      smallMicroReserved: wanFigure('1.00', oi('政府采购.小微企业')),
      text: { text: '2025年本部门政府采购预算10.00万元', source: { line: line(), section: 'other-information' as const } },
    },
    performanceTargets: {
      units: { value: 1, raw: '1', source: { line: line(), section: 'other-information' as const } },
      projects: { value: 2, raw: '2', source: { line: line(), section: 'other-information' as const } },
      amount: wanFigure('50.00', oi('绩效目标.项目预算资金')),
      projectsOver10Million: { value: 0, raw: '0', source: { line: line(), section: 'other-information' as const } },
      text: { text: '编报绩效目标的项目2个，涉及项目预算资金50.00万元', source: { line: line(), section: 'other-information' as const } },
    },
    assets: {
      asOf: '2024-12-31',
      vehiclesByType: [],
      equipment: [],
      plannedVehiclesByType: [],
      plannedEquipment: [],
      statements: [],
      text: { text: '截至2024年12月31日，测试局无车辆。', source: { line: line(), section: 'other-information' as const } },
    },
  };
  const projects = [
    project('测试评审', '30.00', [['评审', '3', '10.00', '30.00']]),
    project('测试运维', '20.00', []),
  ];
  const duties = { text: { text: '测试局主要职能', source: { line: line(), section: 'duties' as const } } };
  return {
    kind: 'budget-disclosure',
    level: 'department',
    phase: 'budget',
    header,
    duties,
    institutions,
    explanation,
    tables,
    otherInformation,
    projects,
  };
};

const indicator = (level1: string, level2: string, level3: string, target: IndicatorTarget): Indicator => ({
  level1,
  level2,
  level3,
  target,
  raw: 'operator' in target ? `${target.operator}${target.value}(${target.unit})` : target.text,
  line: line(),
});

const declared = (ordinal: number, name: string, totalYuan: string, estimateWan: string): DeclaredProject => {
  const head = line();
  const src = (field: string) => ({ section: 'performance-form' as const, project: name, field });
  return {
    explanation: {
      name,
      ordinal,
      parts: {},
      period: { start: '2024-01-01', end: '2024-12-31', raw: '2024 年 1 月 1 日—2024 年 12 月 31 日', source: { line: line(), section: 'projects', project: name } },
      annualAmount: wanFigure(estimateWan, { section: 'projects', project: name, field: '年度预算安排' }),
      estimatedAmount: wanFigure(estimateWan, { section: 'projects', project: name, field: '项目概述' }),
      paymentSchedule: [],
      breakdown: [],
      line: head,
    },
    form: {
      ordinal,
      year: 2024,
      name,
      plannedStart: '2024-01-01',
      plannedEnd: '2024-12-31',
      funds: {
        total: yuanFigure(totalYuan, src('项目资金总额')),
        fiscal: yuanFigure(totalYuan, src('财政资金')),
        annualTotal: yuanFigure(totalYuan, src('年度资金申请总额')),
        annualFiscal: yuanFigure(totalYuan, src('当年财政拨款')),
        carryOver: yuanFigure('0.00', src('上年结转资金')),
        annualOther: yuanFigure('0.00', src('其他资金')),
      },
      indicators: [
        indicator('产出指标', '数量指标', '巡检次数', { operator: '=', value: '12.00', unit: '次' }),
        indicator('产出指标', '质量指标', '验收合格率', { operator: '=', value: '100.00', unit: '%' }),
        indicator('产出指标', '时效指标', '故障响应时间', { operator: '≤', value: '4.00', unit: '小时' }),
        indicator('效益指标', '社会效益指标', '系统运行稳定率', { operator: '≥', value: '95.00', unit: '%' }),
        indicator('满意度指标', '服务对象满意度指标', '用户满意度', { operator: '≥', value: '90.00', unit: '%' }),
        indicator('成本指标', '经济成本指标', '单次巡检成本', { operator: '≤', value: '500.00', unit: '元/次' }),
      ],
      line: line(),
    },
  };
};

/** A consistent two-project performance declaration for 2024. */
export const buildDeclaration = (): PerformanceDeclaration => {
  nextLine = 1;
  return {
    kind: 'performance-declaration',
    header: { title: { text: '上海市测试中心 2024 年 财政支出项目绩效目标申报表', source: { line: line(), section: 'header' } }, year: 2024, department: '上海市测试中心', line: 1 },
    summary: {
      projects: { value: 2, raw: '2', source: { line: line(), section: 'performance-summary' } },
      amount: wanFigure('39.00', { section: 'performance-summary', field: '项目预算资金' }),
      text: { text: '本单位编报绩效目标的项目 2 个，涉及项目预算资金 39.00 万元。', source: { line: line(), section: 'performance-summary' } },
    },
    projects: [declared(1, '机房维保', '300,000.00', '30.00'), declared(2, '短信平台', '90,000.00', '9.00')],
  };
};

/** Deep clone as a mutable structure, for tests that break one figure. */
export type Mutable<T> = T extends string | number | boolean | bigint
  ? T
  : T extends readonly (infer U)[]
  ? Mutable<U>[]
  : T extends (...args: never[]) => unknown
    ? T
    : T extends object
      ? { -readonly [K in keyof T]: Mutable<T[K]> }
      : T;
export const mutable = <T>(x: T): Mutable<T> => structuredClone(x) as Mutable<T>;

/** Replace a money figure's printed value, keeping its unit and source. */
export const reprint = (f: MoneyFigure, raw: string): MoneyFigure => {
  const amount = f.unit === '元' ? parseYuan(raw) : parseWanYuan(raw);
  if (amount === undefined) throw new Error(`bad figure ${raw}`);
  return { ...f, amount, raw };
};

/** Set a table cell (by row code or name and column) to a printed 元 value, in place. */
export const setCell = (doc: Mutable<BudgetDisclosure>, n: TableNumber, row: string, column: string, raw: string | undefined): void => {
  const t = doc.tables.find((x) => x.number === n);
  const r = t?.rows.find((x) => (x.code ? x.code.segments.join(' ') === row : x.name === row));
  if (!t || !r) throw new Error(`no row ${n}/${row}`);
  let c = r.cells.find((x) => x.column === column);
  if (!c) {
    c = { column };
    r.cells.push(c);
  }
  if (raw === undefined) {
    delete (c as { figure?: unknown }).figure;
    return;
  }
  const amount = parseYuan(raw);
  if (amount === undefined) throw new Error(`bad 元 ${raw}`);
  (c as { figure?: MoneyFigure }).figure = { amount, raw, unit: '元', source: { line: r.line, section: 'tables', table: n, row, column } };
};

/** Source text whose numbered lines hold the given contents (other lines blank), for text rules. */
export const textWithLines = (lines: Readonly<Record<number, string>>, length = 400): string => {
  const out: string[] = [];
  for (let i = 1; i <= length; i++) out.push(lines[i] ?? '');
  return out.join('\n');
};

/** Does a location carry every field of `expected`? */
export const locatedAt = (loc: SourceLocation | undefined, expected: Partial<SourceLocation>): boolean =>
  loc !== undefined && Object.entries(expected).every(([k, v]) => (loc as unknown as Record<string, unknown>)[k] === v);
