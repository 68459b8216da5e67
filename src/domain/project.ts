/**
 * A project explanation (`<项目名称>项目经费情况说明`), as it appears both inside a budget
 * disclosure and inside a performance-target declaration: one model, one reader.
 */
import type { DateRange, MoneyFigure, PercentFigure, TextBlock } from './figures.ts';

/** The seven standard parts, in order. */
export const PROJECT_PART_KEYS = ['overview', 'basis', 'implementer', 'plan', 'period', 'budget', 'targets'] as const;
export type ProjectPartKey = (typeof PROJECT_PART_KEYS)[number];

/** The headings as documents write them; several spellings per part occur (项目概述 / 项目概况). */
export const PROJECT_PART_TITLES: Readonly<Record<ProjectPartKey, readonly string[]>> = {
  overview: ['项目概述', '项目概况'],
  basis: ['立项依据'],
  implementer: ['实施主体'],
  plan: ['实施方案'],
  period: ['实施周期'],
  budget: ['年度预算安排'],
  targets: ['绩效目标'],
};

/** One payment milestone: `合同签订后…支付30%` → { percent: 30.00, trigger: '合同签订后' }. */
export interface PaymentMilestone {
  readonly percent?: PercentFigure;
  readonly amount?: MoneyFigure;
  /** The event or date that triggers the payment, as written (`合同签订后`, `2025年5月`, `第一季度`). */
  readonly trigger: string;
  readonly line: number;
}

/** One row of a 年度预算安排 breakdown (item, quantity, unit price, amount) or a dated spending plan. */
export interface BudgetBreakdownRow {
  readonly item: string;
  /** Quantity as written (decimal string), when stated. */
  readonly quantity?: string;
  readonly quantityUnit?: string;
  readonly unitPrice?: MoneyFigure;
  readonly amount?: MoneyFigure;
  /** Free text beside the row (a date, a description). */
  readonly note?: string;
  readonly line: number;
}

export interface ProjectExplanation {
  /** The project's name as written in its heading (layout whitespace removed); empty when the heading names none. */
  readonly name: string;
  /** Ordinal in a performance declaration (`项目经费情况说明 3 …`). */
  readonly ordinal?: number;
  readonly parts: Partial<Record<ProjectPartKey, TextBlock>>;
  /** 实施周期 as dates, when they can be read. */
  readonly period?: DateRange;
  /** The annual amount stated in 年度预算安排 (`预算安排金额为140.00万元`) or, failing that, the project overview's estimate. */
  readonly annualAmount?: MoneyFigure;
  /** The overview's estimate (`经测算，预算资金约 144.34 万元`), when stated. */
  readonly estimatedAmount?: MoneyFigure;
  readonly paymentSchedule: readonly PaymentMilestone[];
  readonly breakdown: readonly BudgetBreakdownRow[];
  /** Line of the heading. */
  readonly line: number;
}
