/**
 * The rule catalogue and the engine. OWNER: checks (in progress).
 */
import type { BudgetDisclosure, Finding, PerformanceDeclaration, Severity, RuleFamily } from '#domain/index.ts';

export interface RuleInfo {
  readonly id: string;
  readonly family: RuleFamily;
  readonly severity: Severity;
  /** One-line Chinese title. */
  readonly title: string;
  readonly explanation: string;
}

/** One document to check, with an optional name (file path or store id) used in findings. */
export type CheckSubject =
  | { readonly kind: 'budget-disclosure'; readonly document: BudgetDisclosure; readonly name?: string }
  | { readonly kind: 'performance-declaration'; readonly document: PerformanceDeclaration; readonly name?: string };

export const RULE_CATALOGUE: readonly RuleInfo[] = [];

/**
 * Check documents together: each on its own, and consecutive years of the same department
 * against each other (`prior` documents may also be passed in `subjects`).
 */
export const checkDocuments = (_subjects: readonly CheckSubject[]): Finding[] => [];
