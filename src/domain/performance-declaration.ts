/**
 * The project performance-target declaration (财政支出项目绩效目标申报表), domain page §3.
 */
import type { CountFigure, IsoDate, MoneyFigure, TextBlock } from './figures.ts';
import type { DocumentHeader } from './budget-disclosure.ts';
import type { ProjectExplanation } from './project.ts';

export type TargetOperator = '=' | '≥' | '≤' | '>' | '<';

/** A target value: quantified (`≥90.00(%)`) or a qualitative phrase (`健全`, `全年≤5次`). */
export type IndicatorTarget =
  | { readonly operator: TargetOperator; /** decimal string exactly as written, e.g. `90.00` */ readonly value: string; readonly unit: string }
  | { readonly text: string };

export const isQuantified = (t: IndicatorTarget): t is Extract<IndicatorTarget, { operator: TargetOperator }> =>
  'operator' in t;

/** `≥90.00(%)` or the text with layout whitespace removed. */
export const formatTarget = (t: IndicatorTarget): string =>
  isQuantified(t) ? `${t.operator}${t.value}(${t.unit})` : t.text.replace(/\s+/g, '');

export interface Indicator {
  readonly level1: string; // 一级指标
  readonly level2: string; // 二级指标
  readonly level3: string; // 三级指标
  readonly target: IndicatorTarget;
  /** The target cell as printed, before normalisation. */
  readonly raw: string;
  readonly line: number;
}

/** 项目资金（元）: every funds cell; undefined when the cell is empty. */
export interface PerformanceFunds {
  readonly total?: MoneyFigure; // 项目资金总额
  readonly fiscal?: MoneyFigure; // 其中：财政资金
  readonly other?: MoneyFigure; // 其他资金
  readonly annualTotal?: MoneyFigure; // 年度资金申请总额
  readonly annualFiscal?: MoneyFigure; // 其中：当年财政拨款
  readonly carryOver?: MoneyFigure; // 上年结转资金
  readonly annualOther?: MoneyFigure; // 其他资金 (annual side)
}

export interface PerformanceForm {
  /** `财政项目支出绩效目标申报表 N`. */
  readonly ordinal?: number;
  /** `(2024 年度)`. */
  readonly year?: number;
  readonly name: string; // 项目名称, layout whitespace removed
  readonly nature?: string; // 项目性质
  readonly category?: string; // 项目类别
  readonly supervisor?: string; // 主管部门
  readonly implementer?: string; // 实施单位
  readonly plannedStart?: IsoDate;
  readonly plannedEnd?: IsoDate;
  readonly funds: PerformanceFunds;
  readonly overallGoal?: TextBlock; // 项目总目标
  readonly annualGoal?: TextBlock; // 年度总体目标
  readonly indicators: readonly Indicator[];
  readonly line: number;
}

export interface DeclaredProject {
  readonly explanation?: ProjectExplanation;
  readonly form?: PerformanceForm;
}

export interface PerformanceDeclarationSummary {
  readonly units?: CountFigure;
  readonly projects?: CountFigure;
  readonly amount?: MoneyFigure;
  readonly text: TextBlock;
}

export interface PerformanceDeclaration {
  readonly kind: 'performance-declaration';
  /** Title: `上海市松江区科技创新服务中心 2024 年 财政支出项目绩效目标申报表`; `department` is the declaring unit. */
  readonly header: DocumentHeader;
  readonly summary?: PerformanceDeclarationSummary;
  readonly projects: readonly DeclaredProject[];
}
