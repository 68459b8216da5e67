/**
 * A draft department-year: every figure held once, at the finest grain the nine tables need.
 * Tables 1–9, the 编制说明's figures and the 三公/机关运行经费 statements are derived from it
 * (`derive.ts`), so parents, totals and cross-table figures cannot disagree.
 *
 * The draft is plain JSON (money as integer 分) so that it is stored per version as one value.
 */
import type { DocumentLevel, Fen } from '#domain/index.ts';

/** Where a figure's money comes from. The first three are 财政拨款 (tables 4–7). */
export type FundingSource = 'general' | 'fund' | 'stateCapital' | 'business' | 'operating' | 'other';
export const FUNDING_SOURCES: readonly FundingSource[] = ['general', 'fund', 'stateCapital', 'business', 'operating', 'other'];
export const FISCAL_SOURCES: readonly FundingSource[] = ['general', 'fund', 'stateCapital'];
export const FUNDING_SOURCE_NAMES: Readonly<Record<FundingSource, string>> = {
  general: '一般公共预算',
  fund: '政府性基金',
  stateCapital: '国有资本经营',
  business: '事业收入',
  operating: '事业单位经营收入',
  other: '其他收入',
};

export type SpendingKind = 'basic' | 'project';
export const SPENDING_KINDS: readonly SpendingKind[] = ['basic', 'project'];

/** One editable amount of a functional line: `basic.general`, `project.fund`, … */
export type LineField = `${SpendingKind}.${FundingSource}`;
export const LINE_FIELDS: readonly LineField[] = SPENDING_KINDS.flatMap((k) => FUNDING_SOURCES.map((s) => `${k}.${s}` as LineField));

/** A functional 项 (or the deepest printed level): the leaf of tables 2, 3, 5, 6, 7. */
export interface FunctionalLine {
  /** `208 05 05`: segments separated by single spaces. */
  readonly code: string;
  /** Names of 类 / 款 / 项 (as many as the code has segments). */
  readonly names: readonly string[];
  readonly amounts: Partial<Record<LineField, Fen>>;
  /** 财政拨款支出主要内容: what the money is mainly for (`主要用于…`). */
  readonly purpose?: string;
  /** Last year's 合计 of this line, shown beside it (a draft started from last year). */
  readonly prior?: Fen;
}

/** A 部门预算支出经济分类 款 (table 8's leaf). */
export interface EconomicLine {
  /** `301 01`. */
  readonly code: string;
  /** Names of 类 / 款. */
  readonly names: readonly string[];
  readonly personnel: Fen;
  readonly public: Fen;
  readonly prior?: Fen;
}

/** Table 9's leaves. */
export interface ThreePublicFigures {
  readonly abroad: Fen;
  readonly reception: Fen;
  readonly vehiclePurchase: Fen;
  readonly vehicleOperation: Fen;
  readonly operatingCosts: Fen;
}
export const THREE_PUBLIC_FIELDS: readonly (keyof ThreePublicFigures)[] = ['abroad', 'reception', 'vehiclePurchase', 'vehicleOperation', 'operatingCosts'];

export interface ProcurementFigures {
  readonly goods: Fen;
  readonly works: Fen;
  readonly services: Fen;
  /** 预留给中小企业的金额, when stated. */
  readonly smeReserved?: Fen;
}

export interface DraftProject {
  readonly name: string;
  readonly amount: Fen;
  /** The seven parts of 项目经费情况说明 as text (key: overview, basis, implementer, plan, period, budget, targets). */
  readonly parts: Readonly<Record<string, string>>;
  readonly indicators: readonly DraftIndicator[];
}

/** One row of a project's 绩效目标 form. The target is checked against its grammar (`≥90%`). */
export interface DraftIndicator {
  readonly level1: string;
  readonly level2: string;
  readonly level3: string;
  readonly target: string;
}

/** Last year's figures the narrative compares against. */
export interface PriorFigures {
  readonly year: number;
  readonly revenueTotal: Fen;
  readonly expenditureTotal: Fen;
  readonly fiscal: Fen;
  readonly general: Fen;
  readonly fund: Fen;
  readonly stateCapital: Fen;
  readonly threePublic?: ThreePublicFigures;
}

/** The officer's own words: the reasons for each change (`主要原因是…`). */
export type ReasonKey = 'fiscal' | 'threePublic' | 'operatingCosts';
export const REASON_KEYS: readonly ReasonKey[] = ['fiscal', 'threePublic', 'operatingCosts'];

export interface DraftSections {
  readonly duties?: string;
  readonly institutions?: string;
  readonly institutionCounts?: readonly { readonly type: string; readonly count: number }[];
  readonly glossary?: string;
  readonly assets?: string;
}

export interface BudgetDraft {
  readonly level: DocumentLevel;
  readonly year: number;
  /** `上海市普陀区`. */
  readonly district: string;
  readonly department: string;
  readonly lines: readonly FunctionalLine[];
  readonly economic: readonly EconomicLine[];
  /**
   * Unit budgets print table 1's expenditure by 类 as 人员经费 / 公用经费 / 项目支出: the 公用经费 of
   * each 类 (人员经费 = 基本支出 − 公用经费). Keyed by 类 code.
   */
  readonly classPublic: Readonly<Record<string, Fen>>;
  readonly threePublic: ThreePublicFigures;
  readonly procurement?: ProcurementFigures;
  readonly projects: readonly DraftProject[];
  /**
   * 绩效目标设置情况 as a carried-over document printed it (its projects need not all be explained
   * in the document). Absent: counted from `projects`.
   */
  readonly performanceSummary?: { readonly projects: number; readonly amount: Fen };
  readonly prior?: PriorFigures;
  readonly reasons: Partial<Record<ReasonKey, string>>;
  readonly sections: DraftSections;
}

export const lineAmount = (line: FunctionalLine, field: LineField): Fen => (line.amounts[field] ?? 0) as Fen;
