/**
 * Identities across tables (domain page §5, second bullet). Conditional identities apply only
 * when their condition holds, read from the document itself: table 1's classes equal table 4's
 * only when all money is 财政拨款; table 3 equals table 5 only when all of it is 一般公共预算;
 * a code's 合计 is the same in tables 2 and 3 only when revenue and expenditure totals agree.
 */
import {
  cellFigure,
  formatCode,
  sumFen,
  ZERO_FEN,
  type BudgetDisclosure,
  type BudgetTable,
  type MoneyFigure,
  type TableRow,
} from '#domain/index.ts';
import { computedFigure, figureOf, moneyMismatch } from './compare.ts';
import type { BudgetContext, FindingDraft, Rule } from './rule.ts';
import {
  cell,
  cellLocation,
  classRows,
  codeRows,
  expenditureClassRows,
  FISCAL_SOURCE_COLUMN,
  FISCAL_SOURCE_NAME,
  FISCAL_SOURCE_TABLE,
  hasData,
  isTrusted,
  nonFiscalRevenue,
  revenueRows,
  rowByCode,
  rowLabel,
  table,
  table1Amount,
  table4Revenue,
  table4Total,
  totalRow,
  type FiscalSource,
} from './tables.ts';

const total = (t: BudgetTable | undefined, column: string): MoneyFigure | undefined => cell(t ? totalRow(t) : undefined, column);

const compare = (
  message: string,
  leftLabel: string,
  left: MoneyFigure | undefined,
  rightLabel: string,
  right: MoneyFigure | undefined,
): FindingDraft[] => {
  if (!left || !right || left.amount === right.amount) return [];
  return [moneyMismatch({ message, left: figureOf(leftLabel, left), right: figureOf(rightLabel, right), location: left.source })];
};

const t1RevenueTotal = (doc: BudgetDisclosure): MoneyFigure | undefined => {
  const t1 = table(doc, 1);
  return t1 ? table1Amount(totalRow(t1, 'revenue')) : undefined;
};
const t1ExpenditureTotal = (doc: BudgetDisclosure): MoneyFigure | undefined => {
  const t1 = table(doc, 1);
  const row = t1?.rows.find((r) => r.kind === 'total' && r.side === 'expenditure');
  return table1Amount(row);
};
const t1Fiscal = (doc: BudgetDisclosure): MoneyFigure | undefined => {
  const t1 = table(doc, 1);
  return table1Amount(t1 ? revenueRows(t1).find((r) => /财政拨款收入/.test(r.name)) : undefined);
};
const t4RevenueTotal = (doc: BudgetDisclosure): MoneyFigure | undefined => {
  const t4 = table(doc, 4);
  return table4Revenue(t4?.rows.find((r) => r.kind === 'total' && r.side === 'revenue'));
};
const t4ExpenditureTotalRow = (doc: BudgetDisclosure): TableRow | undefined =>
  table(doc, 4)?.rows.find((r) => r.kind === 'total' && r.side === 'expenditure');

/** All money is 财政拨款: table 1 has no other non-zero revenue. */
export const allFiscal = (doc: BudgetDisclosure): boolean => {
  const t1 = table(doc, 1);
  return t1 !== undefined && nonFiscalRevenue(t1).length === 0;
};

/** All money is 一般公共预算: tables 6 and 7 hold nothing and table 1 has no other revenue. */
export const allGeneralBudget = (doc: BudgetDisclosure): boolean => {
  if (!allFiscal(doc)) return false;
  const t6 = table(doc, 6);
  const t7 = table(doc, 7);
  return (!t6 || !hasData(t6)) && (!t7 || !hasData(t7));
};

/** Compare the 类 of two tables, by code: table A (label) against table B. */
const classesAgree = (
  message: string,
  left: { table: BudgetTable; rows: { row: TableRow; code: string | undefined; figure: MoneyFigure | undefined }[] },
  right: BudgetTable,
  rightColumn: string,
  ctx: BudgetContext,
): FindingDraft[] => {
  const out: FindingDraft[] = [];
  const seen = new Set<string>();
  for (const { row, code, figure } of left.rows) {
    if (code) seen.add(code);
    if (!code || !isTrusted(ctx, left.table.number, row)) continue;
    const other = rowByCode(right, code);
    if (other && !isTrusted(ctx, right.number, other)) continue;
    const a = figure?.amount ?? ZERO_FEN;
    const otherFig = cell(other, rightColumn);
    const b = otherFig?.amount ?? ZERO_FEN;
    if (a === b) continue;
    out.push(
      moneyMismatch({
        message: `${message}（${code} ${row.name}）`,
        left: figure ? figureOf(`表${left.table.number}「${row.name}」`, figure) : computedFigure(`表${left.table.number}「${row.name}」（空）`, ZERO_FEN, { line: row.line, table: left.table.number, row: row.name }),
        right: otherFig
          ? figureOf(`表${right.number} ${code}「${rightColumn}」`, otherFig)
          : computedFigure(`表${right.number} ${code}（未列出）`, ZERO_FEN, { line: right.title.source.line, table: right.number }),
        location: figure?.source ?? { line: row.line, section: 'tables', table: left.table.number, row: row.name },
      }),
    );
  }
  // 类 present in the right table but missing on the left.
  for (const r of classRows(right)) {
    const code = r.code ? formatCode(r.code) : undefined;
    const fig = cell(r, rightColumn);
    if (!code || seen.has(code) || !fig || fig.amount === 0 || !isTrusted(ctx, right.number, r)) continue;
    out.push(
      moneyMismatch({
        message: `${message}（${code} ${r.name}：表${left.table.number}未列出）`,
        left: computedFigure(`表${left.table.number}（未列出）`, ZERO_FEN, { line: left.table.title.source.line, table: left.table.number }),
        right: figureOf(`表${right.number} ${code}「${rightColumn}」`, fig),
        location: fig.source,
      }),
    );
  }
  return out;
};

const table1ClassEqualsTable3 = (ctx: BudgetContext): FindingDraft[] => {
  const t1 = table(ctx.document, 1);
  const t3 = table(ctx.document, 3);
  if (!t1 || !t3) return [];
  const rows = expenditureClassRows(t1).map((r) => ({ ...r, figure: table1Amount(r.row) }));
  return classesAgree('表1支出类金额不等于表3同类合计', { table: t1, rows }, t3, '合计', ctx);
};

const table1ClassEqualsTable4 = (ctx: BudgetContext): FindingDraft[] => {
  if (!allFiscal(ctx.document)) return [];
  const t1 = table(ctx.document, 1);
  const t4 = table(ctx.document, 4);
  if (!t1 || !t4) return [];
  const t4ByCode = new Map(expenditureClassRows(t4).map((r) => [r.code, r.row] as const));
  const out: FindingDraft[] = [];
  for (const { row, code } of expenditureClassRows(t1)) {
    if (!code || !isTrusted(ctx, 1, row)) continue;
    const other = t4ByCode.get(code);
    if (other && !isTrusted(ctx, 4, other)) continue;
    const a = table1Amount(row);
    const b = table4Total(other);
    if ((a?.amount ?? 0) === (b?.amount ?? 0)) continue;
    out.push(
      moneyMismatch({
        message: `全部收入均为财政拨款时，表1支出类金额应等于表4同类合计（${code} ${row.name}）`,
        left: a ? figureOf(`表1「${row.name}」`, a) : computedFigure(`表1「${row.name}」（空）`, ZERO_FEN, { line: row.line, table: 1 }),
        right: b ? figureOf(`表4「${row.name}」合计`, b) : computedFigure('表4（空）', ZERO_FEN, { line: other?.line ?? t4.title.source.line, table: 4 }),
        location: a?.source ?? { line: row.line, section: 'tables', table: 1, row: row.name },
      }),
    );
  }
  return out;
};

/** Table 4's 一般公共预算 / 政府性基金预算 / 国有资本经营预算 columns against tables 5 / 6 / 7. */
const table4ColumnEqualsTable = (source: FiscalSource) => (ctx: BudgetContext): FindingDraft[] => {
  const t4 = table(ctx.document, 4);
  const tn = table(ctx.document, FISCAL_SOURCE_TABLE[source]);
  if (!t4 || !tn) return [];
  const column = FISCAL_SOURCE_COLUMN[source];
  const out: FindingDraft[] = [];
  const totalRow4 = t4ExpenditureTotalRow(ctx.document);
  const a = cellFigure(totalRow4, column);
  const b = total(tn, '合计');
  const totalTn = totalRow(tn);
  const placed = (!totalRow4 || isTrusted(ctx, 4, totalRow4)) && (!totalTn || isTrusted(ctx, tn.number, totalTn));
  if (placed && (a?.amount ?? 0) !== (b?.amount ?? 0) && (a || b)) {
    out.push(
      moneyMismatch({
        message: `表4${FISCAL_SOURCE_NAME[source]}支出总计不等于表${tn.number}合计`,
        left: a ? figureOf(`表4支出总计「${column}」`, a) : computedFigure(`表4支出总计「${column}」（空）`, ZERO_FEN, { line: totalRow4?.line ?? t4.title.source.line, table: 4 }),
        right: b ? figureOf(`表${tn.number}合计`, b) : computedFigure(`表${tn.number}合计（空）`, ZERO_FEN, { line: tn.title.source.line, table: tn.number }),
      }),
    );
  }
  const rows = expenditureClassRows(t4).map((r) => ({ ...r, figure: cellFigure(r.row, column) }));
  out.push(...classesAgree(`表4${FISCAL_SOURCE_NAME[source]}列的类金额不等于表${tn.number}同类合计`, { table: t4, rows }, tn, '合计', ctx));
  return out;
};

const table3EqualsTable5 = (ctx: BudgetContext): FindingDraft[] => {
  if (!allGeneralBudget(ctx.document)) return [];
  const t3 = table(ctx.document, 3);
  const t5 = table(ctx.document, 5);
  if (!t3 || !t5) return [];
  const out: FindingDraft[] = [];
  const byCode = new Map(codeRows(t5).map((r) => [formatCode(r.code!), r] as const));
  for (const r3 of codeRows(t3)) {
    const code = formatCode(r3.code!);
    const r5 = byCode.get(code);
    if (!isTrusted(ctx, 3, r3) || (r5 && !isTrusted(ctx, 5, r5))) continue;
    for (const column of ['合计', '基本支出', '项目支出']) {
      const a = cell(r3, column);
      const b = cell(r5, column);
      if ((a?.amount ?? 0) === (b?.amount ?? 0)) continue;
      out.push(
        moneyMismatch({
          message: `全部支出均为一般公共预算时，表3与表5同一科目应相同（${rowLabel(r3)}「${column}」）`,
          left: a ? figureOf(`表3「${column}」`, a) : computedFigure(`表3「${column}」（空）`, ZERO_FEN, cellLocation(t3, r3, column)),
          right: b ? figureOf(`表5「${column}」`, b) : computedFigure(r5 ? `表5「${column}」（空）` : '表5（未列出）', ZERO_FEN, r5 ? cellLocation(t5, r5, column) : { line: t5.title.source.line, table: 5 }),
          location: cellLocation(t3, r3, column),
        }),
      );
    }
  }
  out.push(...missingFrom(ctx, t5, t3, '合计', '全部支出均为一般公共预算时，表3与表5同一科目应相同'));
  return out;
};

/** Rows with money in table `from` whose code the table `other` does not list at all. */
const missingFrom = (ctx: BudgetContext, from: BudgetTable, other: BudgetTable, column: string, message: string): FindingDraft[] => {
  const listed = new Set(codeRows(other).map((r) => formatCode(r.code!)));
  return codeRows(from)
    .filter((r) => !listed.has(formatCode(r.code!)) && (cell(r, column)?.amount ?? 0) !== 0 && isTrusted(ctx, from.number, r))
    .map((r) =>
      moneyMismatch({
        message: `${message}（${rowLabel(r)}：表${other.number}未列出）`,
        left: figureOf(`表${from.number}「${column}」`, cell(r, column)!),
        right: computedFigure(`表${other.number}（未列出）`, ZERO_FEN, { line: other.title.source.line, section: 'tables', table: other.number }),
        location: cellLocation(from, r, column),
      }),
    );
};

const table2CodeEqualsTable3 = (ctx: BudgetContext): FindingDraft[] => {
  const t2 = table(ctx.document, 2);
  const t3 = table(ctx.document, 3);
  if (!t2 || !t3) return [];
  // Only when all money is spent in the year: revenue and expenditure totals agree.
  const a = total(t2, '合计');
  const b = total(t3, '合计');
  if (!a || !b || a.amount !== b.amount) return [];
  const out: FindingDraft[] = [];
  const byCode = new Map(codeRows(t3).map((r) => [formatCode(r.code!), r] as const));
  for (const r2 of codeRows(t2)) {
    const code = formatCode(r2.code!);
    const r3 = byCode.get(code);
    if (!isTrusted(ctx, 2, r2) || (r3 && !isTrusted(ctx, 3, r3))) continue;
    const x = cell(r2, '合计');
    const y = cell(r3, '合计');
    if ((x?.amount ?? 0) === (y?.amount ?? 0)) continue;
    out.push(
      moneyMismatch({
        message: `表2与表3同一功能科目的合计不同（${rowLabel(r2)}）`,
        left: x ? figureOf('表2合计', x) : computedFigure('表2合计（空）', ZERO_FEN, cellLocation(t2, r2, '合计')),
        right: y ? figureOf('表3合计', y) : computedFigure(r3 ? '表3合计（空）' : '表3（未列出）', ZERO_FEN, r3 ? cellLocation(t3, r3, '合计') : { line: t3.title.source.line, table: 3 }),
        location: cellLocation(t2, r2, '合计'),
      }),
    );
  }
  out.push(...missingFrom(ctx, t3, t2, '合计', '表2与表3同一功能科目的合计不同'));
  return out;
};

/** Table 8 line against a table 5 line (basic expenditure), as a hint. */
const SOCIAL_INSURANCE_MIRRORS: ReadonlyArray<{ economic: string; functional: readonly string[]; what: string }> = [
  { economic: '301 08', functional: ['208 05 05'], what: '机关事业单位基本养老保险缴费' },
  { economic: '301 09', functional: ['208 05 06'], what: '职业年金缴费' },
  { economic: '301 10', functional: ['210 11'], what: '职工基本医疗保险缴费' },
  { economic: '301 13', functional: ['221 02 01'], what: '住房公积金' },
];

const socialInsuranceMirror = (ctx: BudgetContext): FindingDraft[] => {
  const t8 = table(ctx.document, 8);
  const t5 = table(ctx.document, 5) ?? table(ctx.document, 3);
  if (!t8 || !t5) return [];
  const out: FindingDraft[] = [];
  for (const m of SOCIAL_INSURANCE_MIRRORS) {
    const r8 = rowByCode(t8, m.economic);
    const a = cell(r8, '合计');
    const rows5 = m.functional.map((c) => rowByCode(t5, c)).filter((r): r is TableRow => r !== undefined);
    if (!a || rows5.length === 0 || !r8 || !isTrusted(ctx, 8, r8) || rows5.some((r) => !isTrusted(ctx, t5.number, r))) continue;
    // Table 8 is basic expenditure: compare with the 基本支出 column, or 合计 when no split is printed.
    const figs = rows5.map((r) => cell(r, '基本支出') ?? cell(r, '合计'));
    const b = sumFen(figs.map((f) => f?.amount ?? ZERO_FEN));
    if (a.amount === b) continue;
    out.push(
      moneyMismatch({
        message: `表8 ${m.economic} ${m.what}与表${t5.number} ${m.functional.join('、')} 基本支出通常相等，此处不同（提示，非强制）`,
        left: figureOf(`表8 ${m.economic}`, a),
        right: computedFigure(`表${t5.number} ${m.functional.join('+')} 基本支出`, b, figs[0]?.source),
        location: a.source,
      }),
    );
  }
  return out;
};

const table9Vs302 = (column: string, code: string, what: string) => (ctx: BudgetContext): FindingDraft[] => {
  const t8 = table(ctx.document, 8);
  const t9 = table(ctx.document, 9);
  if (!t8 || !t9) return [];
  const r9 = t9.rows[0];
  const a = cell(r9, column);
  const r8 = rowByCode(t8, code);
  const b = cell(r8, '合计');
  if (!a || !r9 || !isTrusted(ctx, 9, r9) || (r8 && !isTrusted(ctx, 8, r8))) return [];
  if (a.amount === (b?.amount ?? 0)) return [];
  return [
    moneyMismatch({
      message: `表9${what}与表8 ${code} 通常相等，此处不同（提示，非强制）`,
      left: figureOf(`表9「${column}」`, a),
      right: b ? figureOf(`表8 ${code}`, b) : computedFigure(`表8 ${code}（未列出）`, ZERO_FEN, { line: t8.title.source.line, table: 8 }),
      location: a.source,
    }),
  ];
};

/** 机关运行经费 is the 公用经费 of 行政 and 参公 units: it equals table 8's 公用经费 when no other unit is included. */
const operatingCostsEqualsPublicFunds = (ctx: BudgetContext): FindingDraft[] => {
  const counts = ctx.document.institutions?.counts ?? [];
  if (counts.length === 0 || counts.some((c) => !/行政|参公|参照/.test(c.type) && c.count.value > 0)) return [];
  const t8 = table(ctx.document, 8);
  const t9 = table(ctx.document, 9);
  const a = cell(t9?.rows[0], '机关运行经费');
  const b = total(t8, '公用经费');
  if (!a || !b || a.amount === b.amount) return [];
  return [
    moneyMismatch({
      message: '本部门只含行政（参公）单位，表9机关运行经费应等于表8公用经费合计',
      left: figureOf('表9机关运行经费', a),
      right: figureOf('表8公用经费合计', b),
      location: a.source,
    }),
  ];
};

const table5BasicEqualsTable8 = (ctx: BudgetContext): FindingDraft[] =>
  compare('表5基本支出合计不等于表8合计', '表5基本支出合计', total(table(ctx.document, 5), '基本支出'), '表8合计', total(table(ctx.document, 8), '合计'));

export const CROSS_TABLE_RULES: readonly Rule[] = [
  {
    id: 'cross.table1-total-equals-table2',
    family: 'cross-table',
    severity: 'error',
    on: 'budget',
    title: '表1收入总计等于表2合计',
    explanation: '部门财务收支预算总表的收入总计必须等于部门收入预算总表合计行的合计列。',
    check: (ctx) => compare('表1收入总计不等于表2合计', '表1收入总计', t1RevenueTotal(ctx.document), '表2合计', total(table(ctx.document, 2), '合计')),
  },
  {
    id: 'cross.table2-total-equals-table3',
    family: 'cross-table',
    severity: 'error',
    on: 'budget',
    title: '表2合计等于表3合计',
    explanation: '收入预算总表的合计必须等于支出预算总表的合计（本年收支平衡）。',
    check: (ctx) => compare('表2合计不等于表3合计', '表2合计', total(table(ctx.document, 2), '合计'), '表3合计', total(table(ctx.document, 3), '合计')),
  },
  {
    id: 'cross.table1-expenditure-equals-table3',
    family: 'cross-table',
    severity: 'error',
    on: 'budget',
    title: '表1支出总计等于表3合计',
    explanation: '部门财务收支预算总表的支出总计必须等于部门支出预算总表合计行的合计列。',
    check: (ctx) => compare('表1支出总计不等于表3合计', '表1支出总计', t1ExpenditureTotal(ctx.document), '表3合计', total(table(ctx.document, 3), '合计')),
  },
  {
    id: 'cross.table1-class-equals-table3',
    family: 'cross-table',
    severity: 'error',
    on: 'budget',
    title: '表1各类支出等于表3同类合计',
    explanation: '表1右侧每个支出类（按名称对应功能分类类级编码）必须等于表3该类的合计；表3有金额而表1未列出的类同样报告。',
    check: table1ClassEqualsTable3,
  },
  {
    id: 'cross.table1-fiscal-equals-table2',
    family: 'cross-table',
    severity: 'error',
    on: 'budget',
    title: '表1财政拨款收入等于表2财政拨款收入列合计',
    explanation: '表1“财政拨款收入”必须等于表2合计行的“财政拨款收入”列。',
    check: (ctx) => compare('表1财政拨款收入不等于表2财政拨款收入合计', '表1财政拨款收入', t1Fiscal(ctx.document), '表2财政拨款收入合计', total(table(ctx.document, 2), '财政拨款收入')),
  },
  {
    id: 'cross.table1-fiscal-equals-table4',
    family: 'cross-table',
    severity: 'error',
    on: 'budget',
    title: '表1财政拨款收入等于表4收入总计',
    explanation: '表1“财政拨款收入”必须等于部门财政拨款收支预算总表（表4）的收入总计。',
    check: (ctx) => compare('表1财政拨款收入不等于表4收入总计', '表1财政拨款收入', t1Fiscal(ctx.document), '表4收入总计', t4RevenueTotal(ctx.document)),
  },
  {
    id: 'cross.table1-class-equals-table4',
    family: 'cross-table',
    severity: 'error',
    on: 'budget',
    title: '全部为财政拨款时，表1各类支出等于表4同类合计',
    explanation: '仅当表1中事业收入、事业单位经营收入、其他收入等均为0（全部收入为财政拨款）时适用：此时表1每个支出类应等于表4该类的合计。有其他收入的单位不适用，不会误报。',
    check: table1ClassEqualsTable4,
  },
  {
    id: 'cross.table4-general-equals-table5',
    family: 'cross-table',
    severity: 'error',
    on: 'budget',
    title: '表4一般公共预算列等于表5',
    explanation: '表4支出侧“一般公共预算”列的总计和各类金额，必须等于表5（一般公共预算支出功能分类预算表）的合计和同类合计。',
    check: table4ColumnEqualsTable('general'),
  },
  {
    id: 'cross.table4-fund-equals-table6',
    family: 'cross-table',
    severity: 'error',
    on: 'budget',
    title: '表4政府性基金预算列等于表6',
    explanation: '表4支出侧“政府性基金预算”列的总计和各类金额，必须等于表6的合计和同类合计（两者均为空时一致）。',
    check: table4ColumnEqualsTable('fund'),
  },
  {
    id: 'cross.table4-state-capital-equals-table7',
    family: 'cross-table',
    severity: 'error',
    on: 'budget',
    title: '表4国有资本经营预算列等于表7',
    explanation: '表4支出侧“国有资本经营预算”列的总计和各类金额，必须等于表7的合计和同类合计（两者均为空时一致）。',
    check: table4ColumnEqualsTable('stateCapital'),
  },
  {
    id: 'cross.table3-equals-table5',
    family: 'cross-table',
    severity: 'error',
    on: 'budget',
    title: '全部为一般公共预算时，表3与表5逐行相同',
    explanation: '仅当全部收入为财政拨款且表6、表7无数据（全部支出为一般公共预算）时适用：此时表3与表5每个科目的合计、基本支出、项目支出应逐一相同。',
    check: table3EqualsTable5,
  },
  {
    id: 'cross.table2-code-equals-table3',
    family: 'cross-table',
    severity: 'error',
    on: 'budget',
    title: '收支平衡时，同一功能科目在表2、表3的合计相同',
    explanation: '仅当表2合计等于表3合计（当年收入全部当年支出）时适用：同一功能分类科目在收入预算总表与支出预算总表中的合计应相同。',
    check: table2CodeEqualsTable3,
  },
  {
    id: 'cross.table5-basic-equals-table8',
    family: 'cross-table',
    severity: 'error',
    on: 'budget',
    title: '表5基本支出合计等于表8合计',
    explanation: '表8是一般公共预算基本支出的经济分类，其合计必须等于表5合计行的基本支出。',
    check: table5BasicEqualsTable8,
  },
  {
    id: 'cross.table9-reception-equals-302-17',
    family: 'cross-table',
    // A hint, not a law: project expenditure may carry reception costs too (Putuo 政府办公室 2025
    // prints 28.50万 against 302 17 of 18.50万, and is clean).
    severity: 'info',
    on: 'budget',
    title: '表9公务接待费通常等于表8 302 17 公务接待费',
    explanation: '“三公”经费中的公务接待费一般全部来自基本支出，因此通常等于表8经济分类 302 17 公务接待费。项目支出中也可能安排接待费，所以这是提示而非定律。',
    check: table9Vs302('公务接待费', '302 17', '公务接待费'),
  },
  {
    id: 'cross.table9-vehicle-operation-equals-302-31',
    family: 'cross-table',
    severity: 'info',
    on: 'budget',
    title: '表9公务用车运行费通常等于表8 302 31 公务用车运行维护费',
    explanation: '公务用车运行费通常在基本支出中以 302 31 公务用车运行维护费列支；不同时提示复核，不是错误。',
    check: table9Vs302('公务用车运行费', '302 31', '公务用车运行费'),
  },
  {
    id: 'cross.social-insurance-mirror',
    family: 'cross-table',
    severity: 'info',
    on: 'budget',
    title: '社会保险缴费的经济分类与功能分类相互对应',
    explanation:
      '表8的 301 08（基本养老保险缴费）、301 09（职业年金缴费）、301 10（职工基本医疗保险缴费）、301 13（住房公积金）通常分别等于表5中 208 05 05、208 05 06、210 11、221 02 01 的基本支出。这是强提示而非定律（例如医疗缴费可能另有列支），不同时作为提示报告。',
    check: socialInsuranceMirror,
  },
  {
    id: 'cross.operating-costs-equals-table8-public',
    family: 'cross-table',
    severity: 'warning',
    on: 'budget',
    title: '只含行政（参公）单位时，机关运行经费等于表8公用经费',
    explanation: '机关运行经费是行政单位和参公单位的日常公用经费。当机构设置只列行政或参公单位时，表9机关运行经费应等于表8公用经费合计；含事业单位的部门不适用。',
    check: operatingCostsEqualsPublicFunds,
  },
];
