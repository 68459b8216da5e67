/**
 * Identities inside one table (domain page §5, first bullet): a row's 合计 and its parts, a
 * parent code and its children, the 合计 row and the 类 rows, table 1's two sides and its
 * 财政拨款 sources, table 9's parts. Exact to the 分; figures as printed.
 */
import { codeLevel, sumFen, ZERO_FEN, type BudgetTable, type TableNumber, type TableRow } from '#domain/index.ts';
import { computedFigure, figureOf, moneyMismatch, partFigures } from './compare.ts';
import type { BudgetContext, FindingDraft, Rule } from './rule.ts';
import {
  cell,
  cellLocation,
  childrenOf,
  firstColumnFigure,
  firstColumnKnown,
  classRows,
  codeRows,
  expenditureClassRows,
  fiscalSourceOf,
  isTopLevelRevenue,
  isTrusted,
  revenueRows,
  rowLabel,
  table,
  table1Amount,
  table4Revenue,
  totalRow,
} from './tables.ts';

/** Tables whose first column is 合计 and whose other columns are its parts. */
const TOTAL_AND_PARTS: ReadonlyArray<{ table: TableNumber; total: string; parts: readonly string[] }> = [
  { table: 2, total: '合计', parts: ['财政拨款收入', '事业收入', '事业单位经营收入', '其他收入'] },
  { table: 3, total: '合计', parts: ['基本支出', '项目支出'] },
  { table: 4, total: '合计', parts: ['一般公共预算', '政府性基金预算', '国有资本经营预算'] },
  { table: 5, total: '合计', parts: ['基本支出', '项目支出'] },
  { table: 6, total: '合计', parts: ['基本支出', '项目支出'] },
  { table: 7, total: '合计', parts: ['基本支出', '项目支出'] },
  { table: 8, total: '合计', parts: ['人员经费', '公用经费'] },
];

const rowTotalEqualsParts = (ctx: BudgetContext): FindingDraft[] => {
  const out: FindingDraft[] = [];
  for (const spec of TOTAL_AND_PARTS) {
    const t = table(ctx.document, spec.table);
    if (!t) continue;
    for (const row of t.rows) {
      if (!isTrusted(ctx, t.number, row)) continue;
      if (t.number === 4 && row.side === 'revenue') continue;
      const total = cell(row, spec.total);
      const parts = spec.parts.map((p) => cell(row, p));
      // A row whose parts are all unprinted says nothing about them (layouts drop empty cells).
      if (!total || parts.every((p) => p === undefined)) continue;
      const sum = sumFen(parts.map((p) => p?.amount ?? ZERO_FEN));
      if (sum === total.amount) continue;
      out.push(
        moneyMismatch({
          message: `表${t.number}「${rowLabel(row)}」行的${spec.total}不等于${spec.parts.join('、')}之和`,
          left: figureOf(`${spec.total}`, total),
          right: computedFigure(`${spec.parts.join('+')}`, sum, cellLocation(t, row, spec.parts[0] ?? spec.total)),
          location: cellLocation(t, row, spec.total),
          extra: partFigures(spec.parts.map((p, i) => ({ label: p, figure: parts[i] }))),
        }),
      );
    }
  }
  return out;
};

/**
 * Rows whose figures the reader could not place: whatever their columns, 合计 is the first
 * column, so the first printed figure is the total and the others are its parts. When they
 * cannot add up under any placement, that is a finding which needs no placement.
 */
const rowFiguresAddUp = (ctx: BudgetContext): FindingDraft[] => {
  const out: FindingDraft[] = [];
  for (const spec of TOTAL_AND_PARTS) {
    const t = table(ctx.document, spec.table);
    if (!t) continue;
    for (const row of t.rows) {
      // Table 4: only the expenditure side has 合计 and parts.
      if (t.number === 4 && row.side !== 'expenditure') continue;
      const unplaced = row.unplaced ?? [];
      if (unplaced.length === 0) continue;
      const placedTotal = cell(row, spec.total);
      const placedParts = spec.parts.map((p) => cell(row, p)).filter((f) => f !== undefined);
      const total = placedTotal ?? unplaced[0]!;
      const parts = [...placedParts, ...unplaced.filter((f) => f !== total)];
      if (parts.length === 0) continue;
      const sum = sumFen(parts.map((f) => f.amount));
      if (sum === total.amount) continue;
      const location = { line: row.line, section: 'tables' as const, table: t.number, row: rowLabel(row) };
      out.push(
        moneyMismatch({
          message: `表${t.number}「${rowLabel(row)}」行印出的数字无论如何排列都不能使${spec.total}等于其余各数之和`,
          left: figureOf(`${spec.total}（首个数字）`, total),
          right: computedFigure('其余数字之和', sum, location),
          location,
          extra: partFigures(parts.map((f) => ({ label: f.source.column ?? '未定列', figure: f }))),
        }),
      );
    }
  }
  return out;
};

const parentEqualsChildren = (ctx: BudgetContext): FindingDraft[] => {
  const out: FindingDraft[] = [];
  for (const t of ctx.document.tables) {
    if (![2, 3, 5, 6, 7, 8].includes(t.number)) continue;
    for (const parent of codeRows(t)) {
      const children = childrenOf(t, parent);
      if (children.length === 0) continue;
      const allTrusted = isTrusted(ctx, t.number, parent) && children.every((c) => isTrusted(ctx, t.number, c));
      for (const column of t.columns) {
        // The first column (合计) does not depend on placement; the others need every row placed.
        const first = column === t.columns[0];
        if (!allTrusted && !(first && [parent, ...children].every((r) => firstColumnKnown(t, r)))) continue;
        const pick = (r: TableRow) => (first ? firstColumnFigure(t, r) : cell(r, column));
        const p = pick(parent);
        const kids = children.map(pick);
        if (!p && kids.every((k) => !k)) continue;
        const sum = sumFen(kids.map((k) => k?.amount ?? ZERO_FEN));
        const printed = p?.amount ?? ZERO_FEN;
        if (sum === printed) continue;
        const level = parent.code ? (codeLevel(parent.code) === 1 ? '类' : '款') : '';
        const childLevel = level === '类' ? '款' : '项';
        out.push(
          moneyMismatch({
            message: `表${t.number}「${rowLabel(parent)}」（${level}）的「${column}」列不等于其下各${childLevel}之和`,
            left: p ? figureOf(`${level}「${column}」`, p) : computedFigure(`${level}「${column}」（空）`, ZERO_FEN, cellLocation(t, parent, column)),
            right: computedFigure(`各${childLevel}之和（${children.map((c) => rowLabel(c)).join('、')}）`, sum, cellLocation(t, children[0]!, column)),
            location: cellLocation(t, parent, column),
            extra: partFigures(children.map((c, i) => ({ label: rowLabel(c), figure: kids[i] })), 60),
          }),
        );
      }
    }
  }
  return out;
};

/** The 合计 row against the 类 rows, per column; for tables 1 and 4, the totals of each side. */
const totalRowEqualsClasses = (ctx: BudgetContext): FindingDraft[] => {
  const out: FindingDraft[] = [];
  for (const t of ctx.document.tables) {
    if ([2, 3, 5, 6, 7, 8].includes(t.number)) {
      const total = totalRow(t);
      const classes = classRows(t);
      if (!total) continue;
      const allTrusted = isTrusted(ctx, t.number, total) && classes.every((c) => isTrusted(ctx, t.number, c));
      for (const column of t.columns) {
        const first = column === t.columns[0];
        if (!allTrusted && !(first && [total, ...classes].every((r) => firstColumnKnown(t, r)))) continue;
        const pick = (r: TableRow) => (first ? firstColumnFigure(t, r) : cell(r, column));
        const printed = pick(total);
        const kids = classes.map(pick);
        if (!printed && kids.every((k) => !k)) continue;
        const sum = sumFen(kids.map((k) => k?.amount ?? ZERO_FEN));
        if (sum === (printed?.amount ?? ZERO_FEN)) continue;
        out.push(
          moneyMismatch({
            message: `表${t.number}合计行的「${column}」列不等于各类之和`,
            left: printed ? figureOf(`合计「${column}」`, printed) : computedFigure(`合计「${column}」（空）`, ZERO_FEN, cellLocation(t, total, column)),
            right: computedFigure('各类之和', sum, classes[0] ? cellLocation(t, classes[0], column) : undefined),
            location: cellLocation(t, total, column),
            extra: partFigures(classes.map((c, i) => ({ label: rowLabel(c), figure: kids[i] })), 30),
          }),
        );
      }
    }
    if (t.number === 1 || t.number === 4) out.push(...twoSidedTotals(ctx, t));
  }
  return out;
};

const twoSidedTotals = (ctx: BudgetContext, t: BudgetTable): FindingDraft[] => {
  const out: FindingDraft[] = [];
  const expTotal = totalRow(t, 'expenditure');
  const classes = expenditureClassRows(t).map((c) => c.row);
  const columns = t.number === 1 ? ['预算数'] : ['合计', '一般公共预算', '政府性基金预算', '国有资本经营预算'];
  if (expTotal && expTotal.side === 'expenditure' && isTrusted(ctx, t.number, expTotal) && classes.every((c) => isTrusted(ctx, t.number, c))) {
    for (const column of columns) {
      const printed = t.number === 1 ? table1Amount(expTotal) : cell(expTotal, column);
      const kids = classes.map((c) => (t.number === 1 ? table1Amount(c) : cell(c, column)));
      if (!printed && kids.every((k) => !k)) continue;
      const sum = sumFen(kids.map((k) => k?.amount ?? ZERO_FEN));
      if (sum === (printed?.amount ?? ZERO_FEN)) continue;
      out.push(
        moneyMismatch({
          message: `表${t.number}支出总计的「${column}」不等于各类支出之和`,
          left: printed ? figureOf(`支出总计「${column}」`, printed) : computedFigure('支出总计（空）', ZERO_FEN, cellLocation(t, expTotal, column)),
          right: computedFigure('各类支出之和', sum),
          location: cellLocation(t, expTotal, column),
          extra: partFigures(classes.map((c, i) => ({ label: c.name, figure: kids[i] })), 30),
        }),
      );
    }
  }
  const revTotal = totalRow(t, 'revenue');
  if (revTotal && revTotal.side === 'revenue' && isTrusted(ctx, t.number, revTotal)) {
    const items = revenueRows(t).filter((r) => (t.number === 1 ? isTopLevelRevenue(r) : fiscalSourceOf(r.name) !== undefined));
    const amountOf = (r: TableRow) => (t.number === 1 ? table1Amount(r) : table4Revenue(r));
    const printed = amountOf(revTotal);
    const sum = sumFen(items.map((r) => amountOf(r)?.amount ?? ZERO_FEN));
    if (printed && items.length > 0 && sum !== printed.amount) {
      out.push(
        moneyMismatch({
          message: `表${t.number}收入总计不等于各项收入之和`,
          left: figureOf('收入总计', printed),
          right: computedFigure(`各项收入之和（${items.map((r) => r.name).join('、')}）`, sum),
          location: printed.source,
          extra: partFigures(items.map((r) => ({ label: r.name, figure: amountOf(r) }))),
        }),
      );
    }
  }
  return out;
};

const revenueEqualsExpenditure =
  (n: 1 | 4) =>
  (ctx: BudgetContext): FindingDraft[] => {
    const t = table(ctx.document, n);
    if (!t) return [];
    const rev = totalRow(t, 'revenue');
    const exp = totalRow(t, 'expenditure');
    if (!rev || !exp || rev === exp || rev.side !== 'revenue' || exp.side !== 'expenditure') return [];
    const r = n === 1 ? table1Amount(rev) : table4Revenue(rev);
    const e = n === 1 ? table1Amount(exp) : cell(exp, '合计');
    if (!r || !e || r.amount === e.amount) return [];
    return [moneyMismatch({ message: `表${n}收入总计不等于支出总计`, left: figureOf('收入总计', r), right: figureOf('支出总计', e), location: r.source })];
  };

const fiscalEqualsSources = (ctx: BudgetContext): FindingDraft[] => {
  const t = table(ctx.document, 1);
  if (!t) return [];
  const fiscal = revenueRows(t).find((r) => /财政拨款收入/.test(r.name));
  const fiscalFigure = table1Amount(fiscal);
  if (!fiscal || !fiscalFigure || !isTrusted(ctx, 1, fiscal)) return [];
  const sources = revenueRows(t).filter((r) => r !== fiscal && fiscalSourceOf(r.name) !== undefined && !isTopLevelRevenue(r));
  if (sources.length === 0) return [];
  const sum = sumFen(sources.map((r) => table1Amount(r)?.amount ?? ZERO_FEN));
  if (sum === fiscalFigure.amount) return [];
  return [
    moneyMismatch({
      message: '表1财政拨款收入不等于一般公共预算资金、政府性基金、国有资本经营预算之和',
      left: figureOf('财政拨款收入', fiscalFigure),
      right: computedFigure('三项来源之和', sum),
      location: fiscalFigure.source,
      extra: partFigures(sources.map((r) => ({ label: r.name, figure: table1Amount(r) }))),
    }),
  ];
};

const TABLE9_TOTAL_PARTS = ['因公出国(境)费', '公务接待费', '公务用车购置及运行费小计'] as const;
const TABLE9_VEHICLE_PARTS = ['公务用车购置费', '公务用车运行费'] as const;

const table9Sum =
  (totalColumn: string, parts: readonly string[], message: string) =>
  (ctx: BudgetContext): FindingDraft[] => {
    const t = table(ctx.document, 9);
    if (!t) return [];
    const out: FindingDraft[] = [];
    for (const row of t.rows) {
      if (!isTrusted(ctx, 9, row)) continue;
      const total = cell(row, totalColumn);
      const figs = parts.map((p) => cell(row, p));
      if (!total || figs.every((f) => !f)) continue;
      const sum = sumFen(figs.map((f) => f?.amount ?? ZERO_FEN));
      if (sum === total.amount) continue;
      out.push(
        moneyMismatch({
          message,
          left: figureOf(totalColumn, total),
          right: computedFigure(parts.join('+'), sum, cellLocation(t, row, parts[0]!)),
          location: cellLocation(t, row, totalColumn),
          extra: partFigures(parts.map((p, i) => ({ label: p, figure: figs[i] }))),
        }),
      );
    }
    return out;
  };

export const WITHIN_TABLE_RULES: readonly Rule[] = [
  {
    id: 'table.row-total-equals-parts',
    family: 'within-table',
    severity: 'error',
    on: 'budget',
    title: '行合计等于各组成列之和',
    explanation:
      '表2（合计 = 财政拨款收入 + 事业收入 + 事业单位经营收入 + 其他收入）、表3/5/6/7（合计 = 基本支出 + 项目支出）、表4支出侧（合计 = 一般公共预算 + 政府性基金预算 + 国有资本经营预算）和表8（合计 = 人员经费 + 公用经费）的每一行，合计列必须等于组成列之和，精确到分。组成列全部未印出的行不核对（版式可能省略空单元格）；读取器标记为位置不确定的行不参与核对。',
    check: rowTotalEqualsParts,
  },
  {
    id: 'table.row-figures-add-up',
    family: 'within-table',
    severity: 'error',
    on: 'budget',
    title: '无法定列的行，其数字也必须能相加',
    explanation:
      '版式省略空单元格时，读取器按表格算术确定数字所在的列；确定不了的行（数字未定列）不参与其他核对。但合计总在第一列：行中第一个数字是合计，其余是组成部分，与它们落在哪一列无关。其余数字之和不等于第一个数字时，任何排列都不成立，报告为错误。',
    check: rowFiguresAddUp,
  },
  {
    id: 'table.parent-equals-children',
    family: 'within-table',
    severity: 'error',
    on: 'budget',
    title: '类等于其下各款之和，款等于其下各项之和',
    explanation:
      '在按功能分类（表2、3、5、6、7）或经济分类（表8）列示的表中，每个类的各列金额必须等于表中其下各款之和，每个款必须等于其下各项之和，逐列核对、精确到分。空单元格按0计。一个款与其项相差1元这类情况正是复核人员要找的错误：读取器按印刷值保留，由本规则报告。',
    check: parentEqualsChildren,
  },
  {
    id: 'table.total-row-equals-classes',
    family: 'within-table',
    severity: 'error',
    on: 'budget',
    title: '合计行等于各类之和',
    explanation:
      '表2、3、5–8的合计行逐列等于各类（一级科目）之和；表1、表4的支出总计等于各类支出之和，收入总计等于各项收入（表1：一、二、三、四各项；表4：三项财政拨款来源）之和。精确到分。',
    check: totalRowEqualsClasses,
  },
  {
    id: 'table1.revenue-equals-expenditure',
    family: 'within-table',
    severity: 'error',
    on: 'budget',
    title: '表1收入总计等于支出总计',
    explanation: '部门财务收支预算总表是平衡表：收入总计必须等于支出总计。',
    check: revenueEqualsExpenditure(1),
  },
  {
    id: 'table4.revenue-equals-expenditure',
    family: 'within-table',
    severity: 'error',
    on: 'budget',
    title: '表4收入总计等于支出总计',
    explanation: '部门财政拨款收支预算总表是平衡表：财政拨款收入总计必须等于财政拨款支出总计（合计列）。',
    check: revenueEqualsExpenditure(4),
  },
  {
    id: 'table1.fiscal-equals-sources',
    family: 'within-table',
    severity: 'error',
    on: 'budget',
    title: '表1财政拨款收入等于三项来源之和',
    explanation: '表1中“一、财政拨款收入”必须等于其下“1. 一般公共预算资金”“2. 政府性基金”“3. 国有资本经营预算”之和，空单元格按0计。',
    check: fiscalEqualsSources,
  },
  {
    id: 'table9.total-equals-parts',
    family: 'within-table',
    severity: 'error',
    on: 'budget',
    title: '表9“三公”经费合计等于三项之和',
    explanation: '“三公”经费合计 = 因公出国(境)费 + 公务接待费 + 公务用车购置及运行费（小计）。',
    check: table9Sum('合计', TABLE9_TOTAL_PARTS, '表9“三公”经费合计不等于因公出国(境)费、公务接待费、公务用车购置及运行费之和'),
  },
  {
    id: 'table9.vehicle-subtotal',
    family: 'within-table',
    severity: 'error',
    on: 'budget',
    title: '表9公务用车小计等于购置费与运行费之和',
    explanation: '公务用车购置及运行费的小计 = 公务用车购置费 + 公务用车运行费。',
    check: table9Sum('公务用车购置及运行费小计', TABLE9_VEHICLE_PARTS, '表9公务用车购置及运行费小计不等于购置费与运行费之和'),
  },
];
