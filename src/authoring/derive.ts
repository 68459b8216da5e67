/**
 * Tables 1–9, the 编制说明 and 其他相关情况说明 derived from a draft — the same `BudgetDisclosure`
 * the reader produces, so the rule catalogue runs on it unchanged — together with the text the
 * document is printed as (every figure's `source.line` is its line in that text). Every parent,
 * 合计 and cross-table figure is a sum of the draft's leaves in integer 分: the identities hold by
 * construction.
 */
import {
  formatYuanGrouped,
  FUNCTIONAL_CLASSES,
  TABLE_COLUMNS,
  TABLE_STANDARD_NAMES,
  ZERO_FEN,
  type BudgetDisclosure,
  type BudgetExplanation,
  type BudgetTable,
  type ClassificationScheme,
  type Fen,
  type MainExpenditureItem,
  type MoneyFigure,
  type NarrativeAmount,
  type OtherInformation,
  type ProjectExplanation,
  type ProjectPartKey,
  PROJECT_PART_KEYS,
  PROJECT_PART_TITLES,
  type SourceLocation,
  type StatedChange,
  type TableCell,
  type TableNumber,
  type TableRow,
  type TableSide,
  type TextBlock,
} from '#domain/index.ts';
import { aggregate, ALL_KINDS, pick, type Aggregate, type CodeSums } from './aggregate.ts';
import type { BudgetDraft, FundingSource } from './draft.ts';
import { FISCAL_SOURCES } from './draft.ts';
import { generateNarrative, mainItemKey, wan, type ComputedChange, type GeneratedNarrative, type NarrativeParagraph } from './narrative.ts';

/** Lines of the printed text, numbered from 1 as they are written. */
class Printer {
  readonly lines: string[] = [];
  write(text: string): number {
    this.lines.push(text);
    return this.lines.length;
  }
  blank(): void {
    this.lines.push('');
  }
}

const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三', '十四', '十五', '十六', '十七', '十八', '十九', '二十', '二十一', '二十二', '二十三', '二十四', '二十五', '二十六', '二十七'];
const ordinal = (i: number): string => `${CHINESE_ORDINALS[i] ?? String(i + 1)}、`;

const yuanFigure = (amount: Fen, source: SourceLocation): MoneyFigure => ({ amount, raw: formatYuanGrouped(amount), unit: '元', source });
const wanFigure = (amount: Fen, source: SourceLocation): MoneyFigure => ({ amount, raw: wan(amount), unit: '万元', source });
const block = (text: string, line: number, section: SourceLocation['section']): TextBlock => ({ text, source: { line, ...(section ? { section } : {}) } });

/** A row's cells: amounts per column; `undefined` leaves a cell empty (printed blank). */
type RowSpec = {
  readonly kind: TableRow['kind'];
  readonly side?: TableSide;
  readonly code?: string;
  readonly scheme?: ClassificationScheme;
  readonly ordinal?: string;
  readonly name: string;
  readonly columns: readonly string[];
  readonly amounts: readonly (Fen | undefined)[];
};

const buildRow = (p: Printer, table: TableNumber, spec: RowSpec): TableRow => {
  const label = spec.code ? `${spec.code}\t${spec.name}` : `${spec.ordinal ?? ''}${spec.name}`;
  const line = p.write([label, ...spec.amounts.map((a) => (a === undefined ? '' : formatYuanGrouped(a)))].join('\t'));
  const rowName = spec.code ? `${spec.code} ${spec.name}` : spec.name;
  const cells: TableCell[] = spec.columns.map((column, i) => {
    const a = spec.amounts[i];
    return a === undefined
      ? { column }
      : { column, figure: yuanFigure(a, { line, section: 'tables', table, row: rowName, column }), placement: 'printed' as const };
  });
  return {
    kind: spec.kind,
    ...(spec.side ? { side: spec.side } : {}),
    ...(spec.code ? { code: { scheme: spec.scheme ?? 'functional', segments: spec.code.split(' ') } } : {}),
    ...(spec.ordinal ? { ordinal: spec.ordinal } : {}),
    name: spec.name,
    cells,
    line,
  };
};

interface TableFrame {
  readonly number: TableNumber;
  readonly columns: readonly string[];
  readonly rows: readonly RowSpec[];
  readonly note?: string;
}

const LEVEL_PREFIX = { department: '部门', unit: '单位' } as const;

const buildTable = (p: Printer, draft: BudgetDraft, frame: TableFrame): BudgetTable => {
  const standard = TABLE_STANDARD_NAMES[frame.number];
  const titleText = `${draft.year}年${draft.level === 'unit' ? standard.replace(/^部门/, '单位') : standard}`;
  p.blank();
  const titleLine = p.write(titleText);
  const preparer = draft.department;
  p.write(`编制${LEVEL_PREFIX[draft.level]}：${preparer}\t单位：元`);
  p.write(['项目', ...frame.columns].join('\t'));
  const rows = frame.rows.map((r) => buildRow(p, frame.number, r));
  let note: TextBlock | undefined;
  if (frame.note) note = block(frame.note, p.write(frame.note), 'tables');
  return {
    number: frame.number,
    standardName: standard,
    title: { text: titleText, source: { line: titleLine, section: 'tables', table: frame.number } },
    year: draft.year,
    preparer,
    unit: '元',
    columns: frame.columns,
    rows,
    ...(note ? { note } : {}),
  };
};

const nz = (f: Fen): Fen | undefined => (f === 0 ? undefined : f);
const classCodes = (agg: Aggregate): CodeSums[] => agg.codes.filter((c) => c.level === 1);
const className = (c: CodeSums): string => c.name || FUNCTIONAL_CLASSES.find((k) => k.code === c.code)?.name || c.code;

/** Tables 5, 6, 7: one source's rows (codes with money from it). */
const sourceTable = (agg: Aggregate, n: 5 | 6 | 7, source: FundingSource, emptyNote: string): TableFrame => {
  const columns = TABLE_COLUMNS[n];
  const rows: RowSpec[] = [];
  for (const c of agg.codes) {
    const basic = pick(c.sums, ['basic'], [source]);
    const project = pick(c.sums, ['project'], [source]);
    if (basic === 0 && project === 0) continue;
    rows.push({ kind: 'item', code: c.code, name: c.name, columns, amounts: [(basic + project) as Fen, nz(basic), nz(project)] });
  }
  const basic = pick(agg.total, ['basic'], [source]);
  const project = pick(agg.total, ['project'], [source]);
  const empty = rows.length === 0;
  rows.push({ kind: 'total', name: '合计', columns, amounts: empty ? [undefined, undefined, undefined] : [(basic + project) as Fen, nz(basic), nz(project)] });
  return { number: n, columns, rows, ...(empty ? { note: emptyNote } : {}) };
};

const statedChange = (c: ComputedChange | undefined, line: number, section: SourceLocation['section'], field: string): StatedChange | undefined => {
  if (!c) return undefined;
  const source = { line, ...(section ? { section } : {}), field };
  return {
    comparedYear: c.comparedYear,
    basis: 'budget',
    direction: c.direction,
    ...(c.direction !== '持平' ? { amount: wanFigure(c.amount, source) } : {}),
    ...(c.percentHundredths !== undefined && c.direction !== '持平'
      ? { percent: { hundredths: c.percentHundredths, raw: `${Math.floor(c.percentHundredths / 100)}.${String(c.percentHundredths % 100).padStart(2, '0')}`, source } }
      : {}),
    line,
  };
};

const narrativeAmount = (amount: Fen, line: number, section: SourceLocation['section'], field: string, change?: ComputedChange): NarrativeAmount => {
  const sc = statedChange(change, line, section, field);
  return { amount: wanFigure(amount, { line, ...(section ? { section } : {}), field }), ...(sc ? { change: sc } : {}) };
};

export interface DerivedDocument {
  readonly document: BudgetDisclosure;
  /** The document as printed text (TAB-separated tables); `source.line` numbers point into it. */
  readonly text: string;
  readonly narrative: GeneratedNarrative;
  /** Line of each generated paragraph, by paragraph key (for placing findings beside a sentence). */
  readonly paragraphLines: Readonly<Record<string, number>>;
}

export const deriveBudgetDisclosure = (draft: BudgetDraft): DerivedDocument => {
  const agg = aggregate(draft);
  const narrative = generateNarrative(draft, agg);
  const p = new Printer();
  const paragraphLines: Record<string, number> = {};
  const levelWord = draft.level === 'unit' ? '单位' : '部门';
  const titleText = `${draft.district}${draft.year}年区级${levelWord}预算`;
  const headerLine = p.write(titleText);
  p.write(`${draft.level === 'unit' ? '预算单位' : '预算主管部门'}：${draft.department}`);

  const s = draft.sections;
  p.blank();
  p.write(`一、${levelWord}主要职能`);
  const duties = s.duties !== undefined ? { text: block(s.duties, p.write(s.duties), 'duties') } : undefined;
  p.write(`二、${levelWord}机构设置`);
  const institutions =
    s.institutions !== undefined
      ? (() => {
          const line = p.write(s.institutions);
          return {
            text: block(s.institutions, line, 'institutions'),
            counts: (s.institutionCounts ?? []).map((c) => ({ type: c.type, count: { value: c.count, raw: String(c.count), source: { line, section: 'institutions' as const } } })),
            unitNames: [],
          };
        })()
      : undefined;
  if (s.glossary !== undefined) {
    p.write('三、名词解释');
    p.write(s.glossary);
  }

  // 编制说明
  p.blank();
  p.write(`${draft.year}年${levelWord}预算编制说明`);
  const para = (x: NarrativeParagraph): number => {
    const line = p.write(x.text);
    paragraphLines[x.key] = line;
    return line;
  };
  const f = narrative.figures;
  const ch = narrative.changes;
  let explanationStart = 0;
  let revenueLine = 0;
  let expenditureLine = 0;
  let partsLine = 0;
  let reason: TextBlock | undefined;
  let newDepartment: TextBlock | undefined;
  const mainItems: MainExpenditureItem[] = [];
  const texts: string[] = [];
  for (const x of narrative.explanation) {
    const line = para(x);
    texts.push(x.text);
    if (explanationStart === 0) explanationStart = line;
    if (x.key === 'revenue') revenueLine = line;
    else if (x.key === 'expenditure') expenditureLine = line;
    else if (x.key === 'fiscal-parts') partsLine = line;
    else if (x.key === 'fiscal-reason') reason = block(x.text, line, 'explanation');
    else if (x.key === 'new-department') newDepartment = block(x.text, line, 'explanation');
    else if (x.key.startsWith('main-item:')) {
      const m = narrative.mainItems.find((i) => mainItemKey(i.line.code, i.source) === x.key);
      if (m) {
        const kinds = ['类', '款', '项'];
        mainItems.push({
          ordinal: m.ordinal,
          subject: m.path.map((n, i) => `${n}（${kinds[i] ?? ''}）`).join(''),
          subjectPath: m.path,
          amount: wanFigure(m.amount, { line, section: 'explanation', field: `主要内容${m.ordinal}` }),
          ...(m.line.purpose ? { purpose: m.line.purpose } : {}),
          line,
        });
      }
    }
  }
  const E = 'explanation' as const;
  const explanation: BudgetExplanation = {
    text: block(texts.join('\n'), explanationStart, E),
    revenueTotal: narrativeAmount(f.revenueTotal, revenueLine, E, '收入预算'),
    revenueParts: [
      { name: '财政拨款收入', ...narrativeAmount(f.fiscal, revenueLine, E, '财政拨款收入', ch?.fiscal) },
      { name: '事业收入', ...narrativeAmount(f.business, revenueLine, E, '事业收入') },
      { name: '事业单位经营收入', ...narrativeAmount(f.operating, revenueLine, E, '事业单位经营收入') },
      { name: '其他收入', ...narrativeAmount(f.other, revenueLine, E, '其他收入') },
    ],
    expenditureTotal: narrativeAmount(f.expenditureTotal, expenditureLine, E, '支出预算'),
    fiscalExpenditure: narrativeAmount(f.fiscal, expenditureLine, E, '财政拨款支出预算', ch?.fiscal),
    fiscalExpenditureParts: [
      { name: '一般公共预算拨款支出预算', ...narrativeAmount(f.general, partsLine, E, '一般公共预算拨款支出预算', ch?.general) },
      { name: '政府性基金拨款支出预算', ...narrativeAmount(f.fund, partsLine, E, '政府性基金拨款支出预算', ch?.fund) },
      { name: '国有资本经营预算拨款支出预算', ...narrativeAmount(f.stateCapital, partsLine, E, '国有资本经营预算拨款支出预算', ch?.stateCapital) },
    ],
    ...(reason ? { changeReason: reason } : {}),
    ...(newDepartment ? { newDepartmentStatement: newDepartment } : {}),
    mainItems,
  };

  // The nine tables.
  p.blank();
  p.write(`${levelWord}预算公开表`);
  const tables: BudgetTable[] = [];
  const classes = classCodes(agg);
  const total = pick(agg.total, ALL_KINDS, ['general', 'fund', 'stateCapital', 'business', 'operating', 'other']);
  const unit = draft.level === 'unit';
  {
    // Table 1: revenue by source beside expenditure by 类.
    const revCols = ['预算数'];
    const expCols = unit ? TABLE_COLUMNS_UNIT_1 : ['预算数'];
    const rev: RowSpec[] = [
      { kind: 'item', side: 'revenue', ordinal: '一、', name: '财政拨款收入', columns: revCols, amounts: [nz(f.fiscal)] },
      { kind: 'item', side: 'revenue', ordinal: '1.', name: '一般公共预算资金', columns: revCols, amounts: [nz(f.general)] },
      { kind: 'item', side: 'revenue', ordinal: '2.', name: '政府性基金', columns: revCols, amounts: [nz(f.fund)] },
      { kind: 'item', side: 'revenue', ordinal: '3.', name: '国有资本经营预算', columns: revCols, amounts: [nz(f.stateCapital)] },
      { kind: 'item', side: 'revenue', ordinal: '二、', name: '事业收入', columns: revCols, amounts: [nz(f.business)] },
      { kind: 'item', side: 'revenue', ordinal: '三、', name: '事业单位经营收入', columns: revCols, amounts: [nz(f.operating)] },
      { kind: 'item', side: 'revenue', ordinal: '四、', name: '其他收入', columns: revCols, amounts: [nz(f.other)] },
    ];
    let personnelTotal = ZERO_FEN;
    let publicTotal = ZERO_FEN;
    const exp: RowSpec[] = classes.map((c, i) => {
      const all = pick(c.sums, ALL_KINDS, ALL_SOURCES_LIST);
      if (!unit) return { kind: 'item', side: 'expenditure', ordinal: ordinal(i), name: className(c), columns: expCols, amounts: [all] };
      const basic = pick(c.sums, ['basic'], ALL_SOURCES_LIST);
      const pub = (draft.classPublic[c.code] ?? ZERO_FEN) as Fen;
      const personnel = (basic - pub) as Fen;
      personnelTotal = (personnelTotal + personnel) as Fen;
      publicTotal = (publicTotal + pub) as Fen;
      return { kind: 'item', side: 'expenditure', ordinal: ordinal(i), name: className(c), columns: expCols, amounts: [all, nz(personnel), nz(pub), nz(pick(c.sums, ['project'], ALL_SOURCES_LIST))] };
    });
    const rows: RowSpec[] = [];
    for (let i = 0; i < Math.max(rev.length, exp.length); i++) {
      if (rev[i]) rows.push(rev[i]!);
      if (exp[i]) rows.push(exp[i]!);
    }
    rows.push({ kind: 'total', side: 'revenue', name: '收入总计', columns: revCols, amounts: [total] });
    rows.push({
      kind: 'total',
      side: 'expenditure',
      name: '支出总计',
      columns: expCols,
      amounts: unit ? [total, nz(personnelTotal), nz(publicTotal), nz(pick(agg.total, ['project'], ALL_SOURCES_LIST))] : [total],
    });
    tables.push(buildTable(p, draft, { number: 1, columns: unit ? TABLE_COLUMNS_UNIT_1 : TABLE_COLUMNS[1], rows }));
  }
  {
    const columns = TABLE_COLUMNS[2];
    const amountsOf = (sums: CodeSums['sums']): (Fen | undefined)[] => [
      pick(sums, ALL_KINDS, ALL_SOURCES_LIST),
      nz(pick(sums, ALL_KINDS, FISCAL_SOURCES)),
      nz(pick(sums, ALL_KINDS, ['business'])),
      nz(pick(sums, ALL_KINDS, ['operating'])),
      nz(pick(sums, ALL_KINDS, ['other'])),
    ];
    const rows: RowSpec[] = agg.codes.map((c) => ({ kind: 'item', code: c.code, name: c.name, columns, amounts: amountsOf(c.sums) }));
    rows.push({ kind: 'total', name: '合计', columns, amounts: amountsOf(agg.total) });
    tables.push(buildTable(p, draft, { number: 2, columns, rows }));
  }
  {
    const columns = TABLE_COLUMNS[3];
    const amountsOf = (sums: CodeSums['sums']): (Fen | undefined)[] => [
      pick(sums, ALL_KINDS, ALL_SOURCES_LIST),
      nz(pick(sums, ['basic'], ALL_SOURCES_LIST)),
      nz(pick(sums, ['project'], ALL_SOURCES_LIST)),
    ];
    const rows: RowSpec[] = agg.codes.map((c) => ({ kind: 'item', code: c.code, name: c.name, columns, amounts: amountsOf(c.sums) }));
    rows.push({ kind: 'total', name: '合计', columns, amounts: amountsOf(agg.total) });
    tables.push(buildTable(p, draft, { number: 3, columns, rows }));
  }
  {
    // Table 4: 财政拨款 revenue by source beside expenditure by 类 and source.
    const revCols = ['预算数'];
    const expCols = ['合计', '一般公共预算', '政府性基金预算', '国有资本经营预算'];
    const rev: RowSpec[] = [
      { kind: 'item', side: 'revenue', ordinal: '一、', name: '一般公共预算资金', columns: revCols, amounts: [nz(f.general)] },
      { kind: 'item', side: 'revenue', ordinal: '二、', name: '政府性基金', columns: revCols, amounts: [nz(f.fund)] },
      { kind: 'item', side: 'revenue', ordinal: '三、', name: '国有资本经营预算', columns: revCols, amounts: [nz(f.stateCapital)] },
    ];
    const exp: RowSpec[] = classes
      .filter((c) => pick(c.sums, ALL_KINDS, FISCAL_SOURCES) !== 0)
      .map((c, i) => ({
        kind: 'item',
        side: 'expenditure',
        ordinal: ordinal(i),
        name: className(c),
        columns: expCols,
        amounts: [
          pick(c.sums, ALL_KINDS, FISCAL_SOURCES),
          nz(pick(c.sums, ALL_KINDS, ['general'])),
          nz(pick(c.sums, ALL_KINDS, ['fund'])),
          nz(pick(c.sums, ALL_KINDS, ['stateCapital'])),
        ],
      }));
    const rows: RowSpec[] = [];
    for (let i = 0; i < Math.max(rev.length, exp.length); i++) {
      if (rev[i]) rows.push(rev[i]!);
      if (exp[i]) rows.push(exp[i]!);
    }
    rows.push({ kind: 'total', side: 'revenue', name: '收入总计', columns: revCols, amounts: [f.fiscal] });
    rows.push({ kind: 'total', side: 'expenditure', name: '支出总计', columns: expCols, amounts: [f.fiscal, nz(f.general), nz(f.fund), nz(f.stateCapital)] });
    tables.push(buildTable(p, draft, { number: 4, columns: TABLE_COLUMNS[4], rows }));
  }
  tables.push(buildTable(p, draft, sourceTable(agg, 5, 'general', `注：本${levelWord}无一般公共预算拨款安排的支出，故本表无数据。`)));
  tables.push(buildTable(p, draft, sourceTable(agg, 6, 'fund', `注：本${levelWord}无政府性基金预算拨款安排的支出，故本表无数据。`)));
  tables.push(buildTable(p, draft, sourceTable(agg, 7, 'stateCapital', `注：本${levelWord}无国有资本经营预算拨款安排的支出，故本表无数据。`)));
  {
    const columns = TABLE_COLUMNS[8];
    const rows: RowSpec[] = agg.economic.map((e) => ({
      kind: 'item',
      code: e.code,
      scheme: 'economic',
      name: e.name,
      columns,
      amounts: [(e.personnel + e.public) as Fen, nz(e.personnel), nz(e.public)],
    }));
    const et = agg.economicTotal;
    rows.push({ kind: 'total', name: '合计', columns, amounts: [(et.personnel + et.public) as Fen, nz(et.personnel), nz(et.public)] });
    tables.push(buildTable(p, draft, { number: 8, columns, rows }));
  }
  const tp = narrative.threePublic;
  {
    const t = draft.threePublic;
    const columns = TABLE_COLUMNS[9];
    tables.push(
      buildTable(p, draft, {
        number: 9,
        columns,
        rows: [{ kind: 'item', name: '预算数', columns, amounts: [tp.total, t.abroad, t.reception, tp.vehicles, t.vehiclePurchase, t.vehicleOperation, t.operatingCosts] }],
      }),
    );
  }

  // 其他相关情况说明
  p.blank();
  p.write('其他相关情况说明');
  const O = 'other-information' as const;
  const otherInformation: { -readonly [K in keyof OtherInformation]: OtherInformation[K] } = {};
  const tc = tp.changes;
  const OTHER_HEADINGS: Readonly<Record<string, string>> = {
    'three-public': `一、${draft.year}年“三公”经费预算情况说明`,
    'operating-costs': '二、机关运行经费预算',
    procurement: '三、政府采购预算情况',
    'performance-targets': '四、绩效目标设置情况',
  };
  for (const x of narrative.other) {
    const heading = OTHER_HEADINGS[x.key];
    if (heading) p.write(heading);
    const line = para(x);
    const t = draft.threePublic;
    if (x.key === 'three-public') {
      otherInformation.threePublic = {
        year: draft.year,
        total: narrativeAmount(tp.total, line, O, '三公经费.合计', tc?.total),
        abroad: narrativeAmount(t.abroad, line, O, '三公经费.因公出国（境）费', tc?.abroad),
        reception: narrativeAmount(t.reception, line, O, '三公经费.公务接待费', tc?.reception),
        vehicles: narrativeAmount(tp.vehicles, line, O, '三公经费.公务用车购置及运行费', tc?.vehicles),
        vehiclePurchase: narrativeAmount(t.vehiclePurchase, line, O, '三公经费.公务用车购置费', tc?.vehiclePurchase),
        vehicleOperation: narrativeAmount(t.vehicleOperation, line, O, '三公经费.公务用车运行费', tc?.vehicleOperation),
        text: block(x.text, line, O),
      };
    } else if (x.key === 'operating-costs') {
      otherInformation.operatingCosts = { amount: wanFigure(t.operatingCosts, { line, section: O, field: '机关运行经费' }), none: false, text: block(x.text, line, O) };
    } else if (x.key === 'procurement' && draft.procurement) {
      const pr = draft.procurement;
      const src = (field: string): SourceLocation => ({ line, section: O, field });
      otherInformation.procurement = {
        total: wanFigure(narrative.procurementTotal ?? ZERO_FEN, src('政府采购.合计')),
        goods: wanFigure(pr.goods, src('政府采购.货物')),
        works: wanFigure(pr.works, src('政府采购.工程')),
        services: wanFigure(pr.services, src('政府采购.服务')),
        text: block(x.text, line, O),
      };
    } else if (x.key === 'performance-targets') {
      otherInformation.performanceTargets = {
        projects: { value: narrative.performanceSummary.projects, raw: String(narrative.performanceSummary.projects), source: { line, section: O } },
        amount: wanFigure(narrative.performanceSummary.amount, { line, section: O, field: '绩效目标.项目资金' }),
        text: block(x.text, line, O),
      };
    }
  }
  if (s.assets !== undefined) {
    p.write('五、国有资产占有使用情况');
    const line = p.write(s.assets);
    otherInformation.assets = { vehiclesByType: [], equipment: [], plannedVehiclesByType: [], plannedEquipment: [], statements: [], text: block(s.assets, line, O) };
  }

  // Projects.
  const projects: ProjectExplanation[] = [];
  for (const project of draft.projects) {
    p.blank();
    const line = p.write(project.name === '' ? '项目经费情况说明' : `${project.name}经费情况说明`);
    const parts: Partial<Record<ProjectPartKey, TextBlock>> = {};
    let amountLine = line;
    PROJECT_PART_KEYS.forEach((key, i) => {
      // 年度预算安排 is generated from the project's amount, so it cannot disagree with it.
      const text = key === 'budget' ? `${draft.year}年，预算安排金额为${wan(project.amount)}万元。` : (project.parts[key] ?? '').trim();
      if (text === '') return;
      p.write(`${CHINESE_ORDINALS[i]}、${PROJECT_PART_TITLES[key][0]}`);
      const at = p.write(text);
      if (key === 'budget') amountLine = at;
      parts[key] = block(text, at, 'projects');
    });
    projects.push({
      name: project.name,
      parts,
      annualAmount: wanFigure(project.amount, { line: amountLine, section: 'projects', project: project.name, field: '年度预算安排' }),
      paymentSchedule: [],
      breakdown: [],
      line,
    });
  }

  const document: BudgetDisclosure = {
    kind: 'budget-disclosure',
    level: draft.level,
    phase: 'budget',
    header: { title: { text: titleText, source: { line: headerLine, section: 'header' } }, district: draft.district, year: draft.year, department: draft.department, line: headerLine },
    ...(duties ? { duties } : {}),
    ...(institutions ? { institutions } : {}),
    ...(s.glossary !== undefined ? { glossary: block(s.glossary, headerLine, 'glossary') } : {}),
    explanation,
    tables,
    otherInformation,
    projects,
  };
  return { document, text: p.lines.join('\n') + '\n', narrative, paragraphLines };
};

const ALL_SOURCES_LIST: readonly FundingSource[] = ['general', 'fund', 'stateCapital', 'business', 'operating', 'other'];
/** Unit budgets print table 1's expenditure as 预算数 / 人员经费 / 公用经费 / 项目支出. */
export const TABLE_COLUMNS_UNIT_1: readonly string[] = ['预算数', '人员经费', '公用经费', '项目支出'];

export { aggregate };
