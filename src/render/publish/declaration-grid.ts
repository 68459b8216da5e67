/**
 * A 财政项目支出绩效目标申报表 as a neutral grid (six columns, the finance bureau's form): the
 * project's particulars, its funds in the form's own unit (元 or 万元, figures as printed), its
 * goals, then the indicator table (一级/二级/三级指标 and the target as printed). A 一级 or 二级
 * indicator is written on the first row of its run only, as the form's merged cells print it.
 * Empty cells are kept as cells, so the form's columns survive a text rendering.
 */
import type { MoneyFigure, PerformanceForm } from '#domain/index.ts';
import type { GridCell, GridRow } from './table-grid.ts';

export const FORM_WIDTH = 6;

const t = (text: string | undefined): GridCell => (text === undefined || text === '' ? { kind: 'empty' } : { kind: 'text', text });
const m = (f: MoneyFigure | undefined): GridCell => (f ? { kind: 'amount', text: f.raw, amount: f.amount, unit: f.unit } : { kind: 'empty' });
const row = (...cells: GridCell[]): GridRow => {
  const padded = [...cells];
  while (padded.length < FORM_WIDTH) padded.push({ kind: 'empty' });
  return { cells: padded, total: false };
};

/** The form's money unit: the unit its figures were printed in (元 unless a figure says 万元). */
export const formUnit = (form: PerformanceForm): '元' | '万元' => {
  const f = Object.values(form.funds).find((x): x is MoneyFigure => x !== undefined);
  return f?.unit ?? '元';
};

export const formTitle = (form: PerformanceForm): string => `财政项目支出绩效目标申报表${form.ordinal !== undefined ? ` ${form.ordinal}` : ''}`;

export const formGrid = (form: PerformanceForm): GridRow[] => {
  const f = form.funds;
  const rows: GridRow[] = [
    row(t('项目名称'), t(form.name), t('项目性质'), t(form.nature), t('项目类别'), t(form.category)),
    row(t('主管部门'), t(form.supervisor), t('实施单位'), t(form.implementer)),
    row(t('计划开始日期'), t(form.plannedStart), t('计划完成日期'), t(form.plannedEnd)),
    row(t(`项目资金（${formUnit(form)}）`), t('项目资金总额'), m(f.total), t('年度资金申请总额'), m(f.annualTotal)),
    row(t(''), t('其中：财政资金'), m(f.fiscal), t('其中：当年财政拨款'), m(f.annualFiscal)),
    row(t(''), t(''), t(''), t('上年结转资金'), m(f.carryOver)),
    row(t(''), t('其他资金'), m(f.other), t('其他资金'), m(f.annualOther)),
    row(t('项目绩效目标'), t('项目总目标'), t(''), t('年度总体目标')),
    row(t(''), t(form.overallGoal?.text), t(''), t(form.annualGoal?.text)),
  ];
  return rows;
};

export const indicatorGrid = (form: PerformanceForm): GridRow[] => {
  const rows: GridRow[] = [{ cells: [t(''), t('一级指标'), t('二级指标'), t('三级指标'), t('年度(/项目)指标值')], total: false }];
  let last1 = '';
  let last2 = '';
  form.indicators.forEach((ind, i) => {
    const show1 = ind.level1 !== last1;
    const show2 = show1 || ind.level2 !== last2;
    rows.push({ cells: [t(i === 0 ? '绩效指标' : ''), t(show1 ? ind.level1 : ''), t(show2 ? ind.level2 : ''), t(ind.level3), t(ind.raw)], total: false });
    last1 = ind.level1;
    last2 = ind.level2;
  });
  return rows;
};
