/**
 * This year against last year (domain page §5, last bullet): the prior-year figures a document
 * implies (`比2024年预算增加3,355.65万元` → this − change) equal last year's own document; the
 * comparison year is the year before; projects matched by name do not carry last year's text.
 */
import { formatYuanGrouped, subFen, type BudgetDisclosure, type ChangeDirection, type Fen, type MoneyFigure, type NarrativeAmount, type StatedChange } from '#domain/index.ts';
import { computedFigure, figureOf, halfUnit, moneyMismatch, showFigure } from './compare.ts';
import type { BudgetContext, FindingDraft, PairContext, Rule } from './rule.ts';
import { cell, fiscalSourceOf, squashName, table, table1Amount, totalRow } from './tables.ts';

const SIGN: Readonly<Record<ChangeDirection, -1 | 0 | 1>> = { 增加: 1, 增长: 1, 减少: -1, 下降: -1, 持平: 0 };

interface Keyed {
  readonly key: string;
  readonly label: string;
  readonly amount: MoneyFigure;
  readonly change?: StatedChange;
}

const THREE_PUBLIC: ReadonlyArray<[string, string, string]> = [
  ['total', '“三公”经费', '合计'],
  ['abroad', '因公出国（境）费', '因公出国(境)费'],
  ['vehicles', '公务用车购置及运行费', '公务用车购置及运行费小计'],
  ['vehiclePurchase', '公务用车购置费', '公务用车购置费'],
  ['vehicleOperation', '公务用车运行费', '公务用车运行费'],
  ['reception', '公务接待费', '公务接待费'],
];

/** The narrative amounts of a document that carry (or can be compared with) a year-on-year change. */
export const keyedAmounts = (doc: BudgetDisclosure): Keyed[] => {
  const out: Keyed[] = [];
  const add = (key: string, label: string, na: NarrativeAmount | undefined) => {
    if (na) out.push({ key, label, amount: na.amount, ...(na.change ? { change: na.change } : {}) });
  };
  const e = doc.explanation;
  if (e) {
    add('revenue', '收入预算', e.revenueTotal);
    for (const p of e.revenueParts) add(`revenue:${squashName(p.name)}`, p.name, p);
    add('expenditure', '支出预算', e.expenditureTotal);
    add('fiscal', '财政拨款支出预算', e.fiscalExpenditure);
    for (const p of e.fiscalExpenditureParts) add(`fiscal:${fiscalSourceOf(p.name) ?? squashName(p.name)}`, p.name, p);
  }
  const tp = doc.otherInformation.threePublic;
  if (tp) for (const [k, label] of THREE_PUBLIC) add(`three:${k}`, label, tp[k as keyof typeof tp] as NarrativeAmount | undefined);
  return out;
};

/** The figure last year's document gives for a key: its narrative, else its table. */
const priorFigure = (prior: BudgetDisclosure, key: string): MoneyFigure | undefined => {
  const narrative = keyedAmounts(prior).find((k) => k.key === key)?.amount;
  if (narrative) return narrative;
  const t1 = table(prior, 1);
  if (key === 'revenue') return table1Amount(t1 ? totalRow(t1, 'revenue') : undefined);
  if (key === 'expenditure') return table1Amount(t1?.rows.find((r) => r.kind === 'total' && r.side === 'expenditure'));
  const three = THREE_PUBLIC.find(([k]) => key === `three:${k}`);
  if (three) return cell(table(prior, 9)?.rows[0], three[2]);
  return undefined;
};

const impliedPrior = (k: Keyed): { amount: Fen; slack: number } | undefined => {
  const c = k.change;
  if (!c) return undefined;
  if (c.priorAmount) return { amount: c.priorAmount.amount, slack: halfUnit(c.priorAmount) };
  const sign = SIGN[c.direction];
  if (sign === 0) return { amount: k.amount.amount, slack: halfUnit(k.amount) };
  if (!c.amount) return undefined;
  return { amount: subFen(k.amount.amount, (sign * c.amount.amount) as Fen), slack: halfUnit(k.amount) + halfUnit(c.amount) };
};

const priorFiguresEqualPriorDocument = (ctx: PairContext): FindingDraft[] => {
  const priorYear = ctx.prior.document.header.year;
  const out: FindingDraft[] = [];
  for (const k of keyedAmounts(ctx.current.document)) {
    const c = k.change;
    if (!c || c.basis !== 'budget' || (c.comparedYear !== undefined && priorYear !== undefined && c.comparedYear !== priorYear)) continue;
    const implied = impliedPrior(k);
    const fig = priorFigure(ctx.prior.document, k.key);
    if (!implied || !fig) continue;
    if (Math.abs(implied.amount - fig.amount) <= implied.slack + halfUnit(fig)) continue;
    const how = c.priorAmount
      ? `所述上年数${showFigure(c.priorAmount)}`
      : c.direction === '持平'
        ? `称与上年持平，即上年为${showFigure(k.amount)}`
        : `本年${showFigure(k.amount)}${c.direction}${c.amount ? showFigure(c.amount) : ''}，即上年为${formatYuanGrouped(implied.amount)}元`;
    out.push(
      moneyMismatch({
        message: `${k.label}：${how}，与${priorYear ?? '上'}年文件不一致`,
        left: computedFigure(`本文件推出的${priorYear ?? '上'}年数`, implied.amount, c.amount?.source ?? c.priorAmount?.source ?? k.amount.source),
        right: figureOf(`${priorYear ?? '上'}年文件${k.label}`, fig),
        location: c.amount?.source ?? c.priorAmount?.source ?? k.amount.source,
      }),
    );
  }
  return out;
};

const comparisonYearIsPrior = (ctx: BudgetContext): FindingDraft[] => {
  const year = ctx.document.header.year;
  if (year === undefined) return [];
  const changes: { label: string; change: StatedChange }[] = [
    ...keyedAmounts(ctx.document).flatMap((k) => (k.change ? [{ label: k.label, change: k.change }] : [])),
    ...(ctx.document.explanation?.mainItems ?? []).flatMap((i) => (i.change ? [{ label: `主要内容${i.ordinal}「${i.subject}」`, change: i.change }] : [])),
  ];
  return changes
    .filter(({ change }) => change.comparedYear !== undefined && change.comparedYear !== year - 1)
    .map(({ label, change }) => ({
      message: `${label}与${change.comparedYear}年比较，而${year}年预算应与上年（${year - 1}年）比较。`,
      location: { line: change.line, section: 'explanation' as const },
      figures: [{ label: '比较年度', raw: String(change.comparedYear), location: { line: change.line } }],
    }));
};

const consecutiveYears = (ctx: PairContext): FindingDraft[] => {
  const a = ctx.current.document.header.year;
  const b = ctx.prior.document.header.year;
  if (a === undefined || b === undefined || b === a - 1) return [];
  return [
    {
      message: `作为上年文件比较的是${b}年文件，本文件是${a}年，不是相邻年度。`,
      location: { line: ctx.current.document.header.line },
      figures: [
        { label: '本文件年度', raw: String(a) },
        { label: '比较文件年度', raw: String(b) },
      ],
    },
  ];
};

/** A project matched by name whose 年度预算安排 text is last year's word for word (years not updated). */
const projectTextCopied = (ctx: PairContext): FindingDraft[] => {
  const priorByName = new Map(ctx.prior.document.projects.filter((p) => p.name.trim() !== '').map((p) => [squashName(p.name), p] as const));
  const out: FindingDraft[] = [];
  for (const p of ctx.current.document.projects) {
    const last = priorByName.get(squashName(p.name));
    const now = p.parts.budget?.text.replace(/\s+/g, '');
    const before = last?.parts.budget?.text.replace(/\s+/g, '');
    if (!last || !now || !before || now !== before || !/\d{4}年/.test(now)) continue;
    out.push({
      message: `项目「${p.name}」的年度预算安排与上年文件逐字相同（含年份），可能未更新。`,
      location: { line: p.parts.budget!.source.line, section: 'projects', project: p.name },
      figures: [{ label: '年度预算安排', raw: now.slice(0, 80), location: p.parts.budget!.source }],
    });
  }
  return out;
};

export const CROSS_YEAR_RULES: readonly Rule[] = [
  {
    id: 'cross-year.prior-figures-equal-prior-document',
    family: 'cross-year',
    severity: 'error',
    on: 'pair',
    title: '本年文件引用的上年数等于上年文件',
    explanation:
      '给定同一部门上一年度的预算公开文件时，本年文件中“比YYYY年预算增加/减少X万元”“与上年持平”所推出的上年数（本年数 ∓ 变动额），必须等于上年文件自己的数字（先取其说明中的数字，无则取表1、表9）。允许所涉各数按印刷精度四舍五入的误差。与预算执行数比较的不在此核对。',
    check: priorFiguresEqualPriorDocument,
  },
  {
    id: 'cross-year.comparison-year-is-prior',
    family: 'cross-year',
    severity: 'warning',
    on: 'budget',
    title: '比较年度是上一年',
    explanation: '本年预算的增减变动应与上一年比较；写成其他年份（如2025年预算“比2023年预算增加”）多半是沿用旧稿。',
    check: comparisonYearIsPrior,
  },
  {
    id: 'cross-year.consecutive-years',
    family: 'cross-year',
    severity: 'warning',
    on: 'pair',
    title: '作为上年比较的文件是上一年度的',
    explanation: '指定或自动匹配的上年文件应恰好是上一年度；不相邻时跨年核对的结论不可靠。',
    check: consecutiveYears,
  },
  {
    id: 'cross-year.project-text-copied',
    family: 'cross-year',
    severity: 'warning',
    on: 'pair',
    title: '按名称对应的项目没有照抄上年的年度安排',
    explanation: '两年中同名项目的“年度预算安排”逐字相同且含有年份时，多半是沿用了上年文本而未更新年份和金额。',
    check: projectTextCopied,
  },
];
