/**
 * The department budget disclosure (部门预算) and its unit variant (单位预算), as one model.
 * See docs/model.md and the domain page §2. Every figure carries its provenance.
 */
import type { ClassificationCode } from './classification.ts';
import type { CountFigure, IsoDate, MoneyFigure, PercentFigure, TextBlock } from './figures.ts';
import type { MoneyUnit } from './money.ts';
import type { ProjectExplanation } from './project.ts';
import type { TableNumber } from './provenance.ts';

export type DocumentKind = 'budget-disclosure' | 'performance-declaration';
export type DocumentLevel = 'department' | 'unit';
export type DocumentPhase = 'budget' | 'adjusted' | 'final';

export interface DocumentHeader {
  /** The title line as printed: `上海市松江区2025年区级部门预算`. */
  readonly title?: TextBlock;
  /** `上海市松江区`. */
  readonly district?: string;
  readonly year?: number;
  /** `预算主管部门：…` (or the unit's name for a unit budget). */
  readonly department?: string;
  readonly line: number;
}

export interface InstitutionCount {
  /** `行政单位`, `参公单位`, `事业单位`, … as written. */
  readonly type: string;
  readonly count: CountFigure;
}

export interface Institutions {
  readonly text: TextBlock;
  readonly counts: readonly InstitutionCount[];
  /** Names of the budget units when listed. */
  readonly unitNames: readonly string[];
}

export interface Duties {
  readonly text: TextBlock;
  /** `内设…N个科室`. */
  readonly internalOffices?: CountFigure;
}

export type ChangeDirection = '增加' | '减少' | '持平' | '增长' | '下降';

/** A stated change against an earlier year: `比2024年预算增加4,565.466768万元，增长116.13%`. */
export interface StatedChange {
  readonly comparedYear?: number;
  /** What is compared against: last year's 预算 or its 预算执行数. */
  readonly basis: 'budget' | 'execution';
  readonly direction: ChangeDirection;
  readonly amount?: MoneyFigure;
  readonly percent?: PercentFigure;
  /** `增长` / `减少` word attached to the percent, when different from `direction`. */
  readonly percentDirection?: ChangeDirection;
  readonly reason?: TextBlock;
  /** The prior-year figure when the text states it (`2023年当年预算执行数为60.13万元`). */
  readonly priorAmount?: MoneyFigure;
  /**
   * This year's figure as the comparison restates it (`2024年预算安排25.77万元`), when it does;
   * it may differ from the amount stated first — a checker's business, kept as printed.
   */
  readonly currentAmount?: MoneyFigure;
  readonly line: number;
}

/** A narrative amount with an optional stated change. */
export interface NarrativeAmount {
  readonly amount: MoneyFigure;
  readonly change?: StatedChange;
}

/** One `财政拨款支出主要内容` item: `1.“行政运行”科目364.448631万元，主要用于…`. */
export interface MainExpenditureItem {
  readonly ordinal: number;
  /** The 科目 as written inside the quotes. */
  readonly subject: string;
  /** 类/款/项 names when written as `社会保障和就业支出（类）行政事业单位养老支出（款）…（项）`. */
  readonly subjectPath?: readonly string[];
  /** Code when written, e.g. `（210类）`. */
  readonly subjectCode?: string;
  readonly amount: MoneyFigure;
  readonly purpose?: string;
  /** Comparison with last year's execution (later years' wording). */
  readonly change?: StatedChange;
  readonly line: number;
}

/** 编制说明. */
export interface BudgetExplanation {
  readonly text: TextBlock;
  readonly revenueTotal?: NarrativeAmount;
  /** 财政拨款收入, 事业收入, 事业单位经营收入, 其他收入 (keys as written). */
  readonly revenueParts: readonly ({ readonly name: string } & NarrativeAmount)[];
  readonly expenditureTotal?: NarrativeAmount;
  /** 财政拨款支出预算. */
  readonly fiscalExpenditure?: NarrativeAmount;
  /** 一般公共预算拨款支出预算 / 政府性基金拨款支出预算 / 国有资本经营预算拨款支出预算. */
  readonly fiscalExpenditureParts: readonly ({ readonly name: string } & NarrativeAmount)[];
  /** The reason sentence for the change (`…增加的主要原因是…`). */
  readonly changeReason?: TextBlock;
  /** `…为新成立部门，故无上年…数据`. */
  readonly newDepartmentStatement?: TextBlock;
  readonly mainItems: readonly MainExpenditureItem[];
}

// ---------------------------------------------------------------------------------------------
// The nine tables

export const TABLE_STANDARD_NAMES: Readonly<Record<TableNumber, string>> = {
  1: '部门财务收支预算总表',
  2: '部门收入预算总表',
  3: '部门支出预算总表',
  4: '部门财政拨款收支预算总表',
  5: '部门一般公共预算支出功能分类预算表',
  6: '部门政府性基金预算支出功能分类预算表',
  7: '部门国有资本经营预算支出功能分类预算表',
  8: '部门一般公共预算基本支出部门预算经济分类预算表',
  9: '部门“三公”经费和机关运行经费预算表',
};

/** Canonical column headers per table (what CSV `column` holds). */
export const TABLE_COLUMNS: Readonly<Record<TableNumber, readonly string[]>> = {
  1: ['预算数'],
  2: ['合计', '财政拨款收入', '事业收入', '事业单位经营收入', '其他收入'],
  3: ['合计', '基本支出', '项目支出'],
  4: ['预算数', '合计', '一般公共预算', '政府性基金预算', '国有资本经营预算'],
  5: ['合计', '基本支出', '项目支出'],
  6: ['合计', '基本支出', '项目支出'],
  7: ['合计', '基本支出', '项目支出'],
  8: ['合计', '人员经费', '公用经费'],
  9: ['合计', '因公出国(境)费', '公务接待费', '公务用车购置及运行费小计', '公务用车购置费', '公务用车运行费', '机关运行经费'],
};

/** The title over the money columns of a classification table, as the official tables print it. */
export const MONEY_GROUP_TITLE: Readonly<Partial<Record<TableNumber, string>>> = {
  2: '收入预算',
  3: '支出预算',
  5: '一般公共预算支出',
  6: '政府性基金预算支出',
  7: '国有资本经营预算支出',
  8: '一般公共预算基本支出',
};

/** Which side of a two-sided table (1 and 4) a row is on. */
export type TableSide = 'revenue' | 'expenditure';

export type RowKind =
  /** A classification row (tables 2, 3, 5–8) or a line item (tables 1, 4). */
  | 'item'
  /** 合计 / 收入总计 / 支出总计. */
  | 'total';

export interface TableCell {
  /** Canonical column header (one of TABLE_COLUMNS[table]). */
  readonly column: string;
  /** The figure, or undefined for an empty cell. A printed `0` is a figure of 0. */
  readonly figure?: MoneyFigure;
  /**
   * How the figure got into this column: `printed` when the layout says so (every cell printed,
   * or cells kept by tabs / table markup), `inferred` when the reader placed it by the tables'
   * arithmetic because the layout dropped empty cells.
   */
  readonly placement?: 'printed' | 'inferred';
}

export interface TableRow {
  readonly kind: RowKind;
  readonly side?: TableSide;
  /** Classification code for classification rows. */
  readonly code?: ClassificationCode;
  /** Ordinal as printed in tables 1 and 4 (`一、`, `1.`), without the name. */
  readonly ordinal?: string;
  /** Name without ordinal: `一般公共服务支出`, `财政拨款收入`, `合计`, `收入总计`. */
  readonly name: string;
  /** One entry per column of this row's side, in column order; empty cells have no figure. */
  readonly cells: readonly TableCell[];
  /**
   * Figures printed on this row whose column neither the layout nor the arithmetic decides
   * (reported as `cell-placement-ambiguous`), or figures beyond the row's columns. Kept so that
   * nothing printed is lost; their `source.column` is absent.
   */
  readonly unplaced?: readonly MoneyFigure[];
  readonly line: number;
}

export interface BudgetTable {
  readonly number: TableNumber;
  /** Standard name (TABLE_STANDARD_NAMES), used in CSV and findings. */
  readonly standardName: string;
  /** Title as printed (`2025年部门支出预算总表`, `2025年单位支出预算总表`). */
  readonly title: TextBlock;
  readonly year?: number;
  /** `编制部门：…` / `编制单位：…`. */
  readonly preparer?: string;
  readonly unit: MoneyUnit;
  /** Canonical columns of this table in order (for two-sided tables: revenue columns then expenditure columns). */
  readonly columns: readonly string[];
  readonly rows: readonly TableRow[];
  /** `注：…` under the table (empty-table statements, table 1's note). */
  readonly note?: TextBlock;
}

// ---------------------------------------------------------------------------------------------
// 其他相关情况说明

export interface ThreePublicExpenses {
  readonly year?: number;
  readonly total?: NarrativeAmount;
  readonly abroad?: NarrativeAmount; // 因公出国（境）费
  readonly vehicles?: NarrativeAmount; // 公务用车购置及运行费
  readonly vehiclePurchase?: NarrativeAmount; // 公务用车购置费
  readonly vehicleOperation?: NarrativeAmount; // 公务用车运行费
  readonly reception?: NarrativeAmount; // 公务接待费
  readonly noPriorYearStatement?: TextBlock;
  readonly text: TextBlock;
}

export interface OperatingCosts {
  readonly amount?: MoneyFigure;
  /** Number of 机关 / 参公 units the statement names, when stated. */
  readonly unitsDescription?: string;
  /** The document says there are none. */
  readonly none: boolean;
  readonly text: TextBlock;
}

export interface Procurement {
  readonly total?: MoneyFigure;
  readonly goods?: MoneyFigure;
  readonly works?: MoneyFigure;
  readonly services?: MoneyFigure;
  readonly smeReserved?: MoneyFigure;
  readonly smallMicroReserved?: MoneyFigure;
  readonly text: TextBlock;
}

export interface PerformanceTargetSummary {
  readonly units?: CountFigure;
  readonly projects?: CountFigure;
  readonly amount?: MoneyFigure;
  readonly projectsOver10Million?: CountFigure;
  readonly text: TextBlock;
}

export interface VehicleCount {
  readonly type: string;
  readonly count: CountFigure;
}

export interface StateAssets {
  readonly asOf?: IsoDate;
  readonly vehiclesTotal?: CountFigure;
  readonly vehiclesByType: readonly VehicleCount[];
  /** Equipment counts as stated (通用设备 ≥ 50万元, 专用设备 ≥ 100万元, 单价100万元以上设备). */
  readonly equipment: readonly { readonly description: string; readonly count: CountFigure }[];
  readonly plannedVehicles?: CountFigure;
  readonly plannedVehiclesByType: readonly VehicleCount[];
  readonly plannedEquipment: readonly { readonly description: string; readonly count: CountFigure }[];
  /** Plain statements (`无车辆保有情况`, `暂无安排购置…计划`). */
  readonly statements: readonly TextBlock[];
  readonly text: TextBlock;
}

export interface OtherInformation {
  readonly threePublic?: ThreePublicExpenses;
  readonly operatingCosts?: OperatingCosts;
  readonly procurement?: Procurement;
  readonly performanceTargets?: PerformanceTargetSummary;
  readonly assets?: StateAssets;
}

// ---------------------------------------------------------------------------------------------

export interface BudgetDisclosure {
  readonly kind: 'budget-disclosure';
  readonly level: DocumentLevel;
  readonly phase: DocumentPhase;
  readonly header: DocumentHeader;
  readonly duties?: Duties;
  readonly institutions?: Institutions;
  readonly glossary?: TextBlock;
  readonly explanation?: BudgetExplanation;
  /** Tables in the order found; normally nine, numbered 1–9. */
  readonly tables: readonly BudgetTable[];
  readonly otherInformation: OtherInformation;
  readonly projects: readonly ProjectExplanation[];
}

export const tableByNumber = (doc: BudgetDisclosure, n: TableNumber): BudgetTable | undefined =>
  doc.tables.find((t) => t.number === n);

/** Cell lookup by row predicate and column. */
export const cellFigure = (row: TableRow | undefined, column: string): MoneyFigure | undefined =>
  row?.cells.find((c) => c.column === column)?.figure;
