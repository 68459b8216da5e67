/**
 * Projects (domain page §5, fourth bullet): each project's own figures agree (breakdown rows,
 * quantity × unit price, the overview's estimate, the payment schedule), and the projects
 * together equal 项目支出 — an error only when the document lists every project (its count
 * equals the 绩效目标 count), because documents often explain only some projects.
 */
import {
  sumFen,
  type BudgetBreakdownRow,
  type Fen,
  type MoneyFigure,
  type ProjectExplanation,
  type SourceLocation,
} from '#domain/index.ts';
import { agreeBothRounded, agrees, computedFigure, figureOf, halfUnit, moneyMismatch, showFigure } from './compare.ts';
import type { AnyContext, BudgetContext, FindingDraft, Rule } from './rule.ts';
import { cell, table, totalRow } from './tables.ts';

export interface ProjectView {
  readonly explanation: ProjectExplanation | undefined;
  /** The form's annual total (performance declarations). */
  readonly formAmount?: MoneyFigure;
  readonly name: string;
  readonly line: number;
}

export const projectViews = (ctx: AnyContext): ProjectView[] => {
  if (ctx.document.kind === 'budget-disclosure') return ctx.document.projects.map((p) => ({ explanation: p, name: p.name, line: p.line }));
  return ctx.document.projects.map((p) => {
    const amount = p.form?.funds.annualTotal ?? p.form?.funds.total;
    return {
      explanation: p.explanation,
      ...(amount ? { formAmount: amount } : {}),
      name: p.form?.name ?? p.explanation?.name ?? '',
      line: p.explanation?.line ?? p.form?.line ?? 0,
    };
  });
};

const projectLocation = (p: ProjectView, line?: number): SourceLocation => ({ line: line ?? p.line, section: 'projects', project: p.name });

const YEAR_LABEL = /^\s*(\d{4})\s*年/;

const rowYear = (r: BudgetBreakdownRow): number | undefined => {
  const m = YEAR_LABEL.exec(r.item) ?? YEAR_LABEL.exec(r.note ?? '');
  return m ? Number(m[1]) : undefined;
};

/**
 * The breakdown rows that make up this year's money. When every row is labelled by a year
 * (`2022年：412.56万元`, a multi-year plan), only the rows of the budget year count.
 */
const thisYearRows = (rows: readonly BudgetBreakdownRow[], year: number | undefined): BudgetBreakdownRow[] => {
  const withAmount = rows.filter((r) => r.amount !== undefined);
  const years = withAmount.map(rowYear);
  const distinctYears = new Set(years.filter((y) => y !== undefined));
  if (year !== undefined && withAmount.length > 1 && years.every((y) => y !== undefined) && distinctYears.size === withAmount.length) {
    return withAmount.filter((r) => rowYear(r) === year);
  }
  return withAmount;
};

const breakdownEqualsAmount = (ctx: AnyContext): FindingDraft[] => {
  const out: FindingDraft[] = [];
  for (const p of projectViews(ctx)) {
    const e = p.explanation;
    if (!e) continue;
    const rows = thisYearRows(e.breakdown, ctx.year);
    if (rows.length === 0) continue;
    const target = p.formAmount ?? e.annualAmount;
    if (!target) continue;
    const sum = sumFen(rows.map((r) => r.amount!.amount));
    const tol = halfUnit(target) + rows.reduce((s, r) => s + halfUnit(r.amount!), 0);
    if (Math.abs(sum - target.amount) <= tol) continue;
    out.push(
      moneyMismatch({
        message: `项目「${p.name}」年度预算安排所列各笔金额之和与${p.formAmount ? '申报表年度资金申请总额' : '年度预算安排金额'}不一致（${rows.map((r) => `${r.item} ${showFigure(r.amount!)}`).join('；')}）`,
        left: computedFigure('分项金额之和', sum, projectLocation(p, rows[0]!.line)),
        right: figureOf(p.formAmount ? '申报表年度资金申请总额' : '年度预算安排', target),
        location: projectLocation(p, rows[0]!.line),
      }),
    );
  }
  return out;
};

/** quantity (decimal text) × unit price, exactly, rounded half-up to the 分. */
const times = (price: Fen, quantity: string): Fen | undefined => {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(quantity.replace(/,/g, '').trim());
  if (!m) return undefined;
  const digits = BigInt(`${m[1]}${m[2] ?? ''}`);
  const scale = 10n ** BigInt((m[2] ?? '').length);
  const exact = BigInt(price) * digits;
  const q = (exact * 2n + scale) / (2n * scale);
  const n = Number(q);
  return Number.isSafeInteger(n) ? (n as Fen) : undefined;
};

const quantityTimesPrice = (ctx: AnyContext): FindingDraft[] => {
  const out: FindingDraft[] = [];
  for (const p of projectViews(ctx)) {
    for (const r of p.explanation?.breakdown ?? []) {
      if (!r.quantity || !r.unitPrice || !r.amount) continue;
      const product = times(r.unitPrice.amount, r.quantity);
      if (product === undefined) continue;
      if (agrees(r.amount, product)) continue;
      out.push(
        moneyMismatch({
          message: `项目「${p.name}」分项“${r.item}”的金额不等于数量 × 单价（${r.quantity}${r.quantityUnit ?? ''} × ${showFigure(r.unitPrice)}）`,
          left: figureOf('金额', r.amount),
          right: computedFigure('数量 × 单价', product, projectLocation(p, r.line)),
          location: projectLocation(p, r.line),
        }),
      );
    }
  }
  return out;
};

const estimateEqualsAmount = (ctx: AnyContext): FindingDraft[] => {
  const out: FindingDraft[] = [];
  for (const p of projectViews(ctx)) {
    const e = p.explanation;
    if (!e?.estimatedAmount || !e.annualAmount || e.estimatedAmount === e.annualAmount) continue;
    if (e.estimatedAmount.source.line === e.annualAmount.source.line && e.estimatedAmount.raw === e.annualAmount.raw) continue;
    if (agreeBothRounded(e.estimatedAmount, e.annualAmount)) continue;
    out.push(
      moneyMismatch({
        message: `项目「${p.name}」项目概述中的测算金额与年度预算安排金额不一致`,
        left: figureOf('项目概述测算金额', e.estimatedAmount),
        right: figureOf('年度预算安排金额', e.annualAmount),
        location: { ...e.annualAmount.source, project: p.name },
      }),
    );
  }
  return out;
};

const paymentScheduleAmounts = (ctx: AnyContext): FindingDraft[] => {
  const out: FindingDraft[] = [];
  for (const p of projectViews(ctx)) {
    const e = p.explanation;
    const target = p.formAmount ?? e?.annualAmount;
    const withAmount = (e?.paymentSchedule ?? []).filter((m) => m.amount !== undefined);
    if (!e || !target || withAmount.length < 2) continue;
    const sum = sumFen(withAmount.map((m) => m.amount!.amount));
    const tol = halfUnit(target) + withAmount.reduce((s, m) => s + halfUnit(m.amount!), 0);
    if (Math.abs(sum - target.amount) <= tol) continue;
    out.push(
      moneyMismatch({
        message: `项目「${p.name}」付款安排各笔金额之和与年度预算金额不一致（${withAmount.map((m) => `${m.trigger} ${showFigure(m.amount!)}`).join('；')}）`,
        left: computedFigure('付款安排之和', sum, projectLocation(p, withAmount[0]!.line)),
        right: figureOf(p.formAmount ? '申报表年度资金申请总额' : '年度预算安排', target),
        location: projectLocation(p, withAmount[0]!.line),
      }),
    );
  }
  return out;
};

const paymentSchedulePercents = (ctx: AnyContext): FindingDraft[] => {
  const out: FindingDraft[] = [];
  for (const p of projectViews(ctx)) {
    const ms = (p.explanation?.paymentSchedule ?? []).filter((m) => m.percent !== undefined);
    if (ms.length < 2) continue;
    const sum = ms.reduce((s, m) => s + m.percent!.hundredths, 0);
    // Less than 100% is common (the rest paid next year, or shares of different contracts); more is not.
    if (sum <= 10000) continue;
    out.push({
      message: `项目「${p.name}」付款安排的比例合计为${(sum / 100).toFixed(2)}%，超过100%（${ms.map((m) => `${m.trigger} ${m.percent!.raw}%`).join('；')}）。`,
      location: projectLocation(p, ms[0]!.line),
      figures: ms.map((m) => ({ label: m.trigger, raw: m.percent!.raw, unit: '%' as const, location: projectLocation(p, m.line) })),
    });
  }
  return out;
};

const periodWithinYear = (ctx: AnyContext): FindingDraft[] => {
  const year = ctx.year;
  if (year === undefined) return [];
  const out: FindingDraft[] = [];
  for (const p of projectViews(ctx)) {
    const period = p.explanation?.period;
    if (!period) continue;
    const startYear = Number(period.start.slice(0, 4));
    const endYear = Number(period.end.slice(0, 4));
    if (endYear >= year && startYear <= year) continue;
    out.push({
      message: `项目「${p.name}」的实施周期“${period.raw}”与预算年度${year}年不重叠。`,
      location: { ...period.source, project: p.name },
      figures: [{ label: '实施周期', raw: period.raw, location: period.source }],
    });
  }
  return out;
};

const scheduleYear = (ctx: AnyContext): FindingDraft[] => {
  const year = ctx.year;
  if (year === undefined) return [];
  const out: FindingDraft[] = [];
  for (const p of projectViews(ctx)) {
    const e = p.explanation;
    if (!e) continue;
    const dated = [
      ...e.breakdown.map((r) => ({ text: `${r.item} ${r.note ?? ''}`, line: r.line })),
      ...e.paymentSchedule.map((m) => ({ text: m.trigger, line: m.line })),
    ]
      .map((d) => ({ ...d, years: [...d.text.matchAll(/(\d{4})\s*年/g)].map((m) => Number(m[1])) }))
      .filter((d) => d.years.length > 0);
    if (dated.length === 0 || dated.some((d) => d.years.includes(year) || d.years.some((y) => y > year))) continue;
    out.push({
      message: `项目「${p.name}」的年度安排时间全部早于预算年度${year}年（${dated.map((d) => d.text.trim()).join('；')}），可能沿用了上年内容。`,
      location: projectLocation(p, dated[0]!.line),
      figures: dated.map((d) => ({ label: '安排时间', raw: d.text.trim(), location: projectLocation(p, d.line) })),
    });
  }
  return out;
};

const namePresent = (ctx: AnyContext): FindingDraft[] =>
  projectViews(ctx)
    .filter((p) => p.name.trim() === '')
    .map((p) => ({ message: '项目经费情况说明的标题没有写项目名称。', location: projectLocation(p), figures: [] }));

const annualAmountStated = (ctx: BudgetContext): FindingDraft[] =>
  ctx.document.projects
    .filter((p) => !p.annualAmount && p.breakdown.every((r) => !r.amount))
    .map((p) => ({
      message: `项目「${p.name || '（无名称）'}」的年度预算安排没有写明金额。`,
      location: { line: p.parts.budget?.source.line ?? p.line, section: 'projects' as const, project: p.name },
      figures: [],
    }));

/** The amount a budget-disclosure project contributes: stated, else its breakdown rows. */
const projectAmount = (p: ProjectExplanation, year: number | undefined): Fen | undefined => {
  if (p.annualAmount) return p.annualAmount.amount;
  const rows = thisYearRows(p.breakdown, year);
  return rows.length > 0 ? sumFen(rows.map((r) => r.amount!.amount)) : undefined;
};

const sumEqualsProjectExpenditure = (ctx: BudgetContext): FindingDraft[] => {
  const doc = ctx.document;
  const t3 = table(doc, 3);
  const pe = cell(t3 ? totalRow(t3) : undefined, '项目支出');
  if (!pe || doc.projects.length === 0) return [];
  const amounts = doc.projects.map((p) => projectAmount(p, doc.header.year));
  if (amounts.some((a) => a === undefined)) return [];
  const sum = sumFen(amounts as Fen[]);
  const tol = doc.projects.reduce((s, p) => s + (p.annualAmount ? halfUnit(p.annualAmount) : 0), 0);
  if (Math.abs(sum - pe.amount) <= tol) return [];
  const claimed = doc.otherInformation.performanceTargets?.projects?.value;
  const complete = claimed !== undefined && claimed === doc.projects.length;
  return [
    {
      ...moneyMismatch({
        message: complete
          ? `所列${doc.projects.length}个项目（与绩效目标设置情况所述项目数相同）的年度预算之和不等于表3项目支出合计`
          : `所列${doc.projects.length}个项目的年度预算之和与表3项目支出合计不同（文件${claimed !== undefined ? `称有${claimed}个项目，` : ''}可能只列出部分项目，仅作提示）`,
        left: computedFigure('各项目年度预算之和', sum, doc.projects[0] ? { line: doc.projects[0].line, section: 'projects' } : undefined),
        right: figureOf('表3项目支出合计', pe),
      }),
      ...(complete ? {} : { severity: 'info' as const }),
    },
  ];
};

export const PROJECT_RULES: readonly Rule[] = [
  {
    id: 'projects.sum-equals-project-expenditure',
    family: 'projects',
    severity: 'error',
    on: 'budget',
    title: '全部项目之和等于项目支出',
    explanation:
      '各项目说明的年度预算金额之和应等于表3项目支出合计。文件常常只说明部分项目：只有当所列项目数等于“绩效目标设置情况”所述项目数（文件表明已列全）时才作为错误，否则只作提示。',
    check: sumEqualsProjectExpenditure,
  },
  {
    id: 'projects.breakdown-equals-amount',
    family: 'projects',
    severity: 'error',
    on: 'any',
    title: '年度预算安排的分项之和等于项目金额',
    explanation:
      '年度预算安排列出分项或分期金额（明细表、用款计划、“其中…”）时，其和应等于项目年度金额；在绩效目标申报表中与申报表“年度资金申请总额”比较。各行按年份列示的多年计划只取预算年度那一行。',
    check: breakdownEqualsAmount,
  },
  {
    id: 'projects.quantity-times-price',
    family: 'projects',
    severity: 'error',
    on: 'any',
    title: '分项金额等于数量乘单价',
    explanation: '明细表同时给出数量、单价和金额时，金额必须等于数量 × 单价（整数运算，舍入到分）。',
    check: quantityTimesPrice,
  },
  {
    id: 'projects.estimate-equals-amount',
    family: 'projects',
    severity: 'warning',
    on: 'any',
    title: '项目概述的测算金额等于年度预算安排',
    explanation: '项目概述中“经测算，预算资金约X万元”与年度预算安排写明的金额应一致（允许各自的四舍五入）。',
    check: estimateEqualsAmount,
  },
  {
    id: 'projects.payment-schedule-amounts',
    family: 'projects',
    severity: 'warning',
    on: 'any',
    title: '付款安排各笔金额之和等于项目金额',
    explanation: '实施方案写明两笔以上付款金额时，其和应等于项目年度金额。',
    check: paymentScheduleAmounts,
  },
  {
    id: 'projects.payment-schedule-percents',
    family: 'projects',
    severity: 'warning',
    on: 'any',
    title: '付款比例合计不超过100%',
    explanation:
      '实施方案按比例分期付款（如“合同签订后支付30%…验收后支付剩余的30%”）时，各期比例之和不能超过100%。少于100%常见（跨年度项目的余款次年支付，或比例针对不同合同），不报告。',
    check: paymentSchedulePercents,
  },
  {
    id: 'projects.period-within-year',
    family: 'projects',
    severity: 'warning',
    on: 'any',
    title: '实施周期与预算年度重叠',
    explanation: '项目的实施周期应覆盖预算年度的至少一部分；整段早于或晚于预算年度通常是沿用了旧文本。跨年度项目不报告。',
    check: periodWithinYear,
  },
  {
    id: 'projects.schedule-year',
    family: 'projects',
    severity: 'warning',
    on: 'any',
    title: '年度安排的时间落在预算年度',
    explanation: '年度预算安排或付款安排中写明的时间（如“2023年6月前”）全部早于预算年度时，多半沿用了上年内容。',
    check: scheduleYear,
  },
  {
    id: 'projects.name-present',
    family: 'projects',
    severity: 'warning',
    on: 'any',
    title: '项目说明写明项目名称',
    explanation: '每篇“××项目经费情况说明”的标题应写明项目名称；只写“项目经费情况说明”无法与项目和绩效目标对应。',
    check: namePresent,
  },
  {
    id: 'projects.amount-stated',
    family: 'projects',
    severity: 'info',
    on: 'budget',
    title: '项目说明写明年度预算金额',
    explanation: '年度预算安排应写明本年预算金额（“预算安排金额为N万元”）；只有季度用款计划等而无金额时提示。',
    check: annualAmountStated,
  },
];

