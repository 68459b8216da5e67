/**
 * A finding: what a rule reports. Same shape family as a reader diagnostic (code = rule id),
 * plus the figures on both sides and their difference.
 */
import type { Fen, MoneyUnit } from './money.ts';
import type { Severity } from './diagnostics.ts';
import type { SourceLocation } from './provenance.ts';

export type RuleFamily =
  | 'within-table'
  | 'cross-table'
  | 'narrative'
  | 'projects'
  | 'indicators'
  | 'classification'
  | 'hygiene'
  | 'cross-year';

/** One side of a comparison: the figure as printed, in its own unit and in 分. */
export interface FindingFigure {
  /** What this figure is (`表3 合计/基本支出`, `编制说明 收入预算`). */
  readonly label: string;
  readonly amount?: Fen;
  /** As printed (`8,496.652198`), or a computed value's display. */
  readonly raw?: string;
  readonly unit?: MoneyUnit | '%' | '个' | '';
  readonly location?: SourceLocation;
}

export interface Finding {
  /** Stable rule id, e.g. `table.row-total-equals-parts`. */
  readonly rule: string;
  readonly severity: Severity;
  /** Chinese, one or two sentences. */
  readonly message: string;
  /** Primary location (where a reviewer should look first). */
  readonly location?: SourceLocation;
  readonly figures: readonly FindingFigure[];
  /** left − right in 分, for money comparisons. */
  readonly difference?: Fen;
  /** Which document (path or id) when several are checked together. */
  readonly document?: string;
}
