/**
 * What a rule is: catalogue data (id, family, severity, title, explanation) plus a small pure
 * function over one document (or a prior/current pair) that returns finding drafts. The engine
 * fills in the rule id, severity and document name; it never branches on a particular rule.
 */
import type {
  BudgetDisclosure,
  Diagnostic,
  Finding,
  PerformanceDeclaration,
  RuleFamily,
  Severity,
  TableNumber,
} from '#domain/index.ts';
import { toLines, type SourceLine } from '#ingest/text.ts';

export interface RuleInfo {
  readonly id: string;
  readonly family: RuleFamily;
  /** The severity findings get unless a draft says otherwise (conditional identities may soften it). */
  readonly severity: Severity;
  /** One-line Chinese title. */
  readonly title: string;
  /** A paragraph: what must hold, when it applies, what a finding means. */
  readonly explanation: string;
}

/** A finding without what the engine fills in. A draft may soften (never raise) the rule's severity. */
export type FindingDraft = Omit<Finding, 'rule' | 'severity' | 'document'> & { readonly severity?: Severity };

/** Facts shared by the rules of one document: its text lines and the placements the reader was unsure of. */
export interface TextFacts {
  /** Source lines (empty when the text was not given). */
  readonly lines: readonly SourceLine[];
  /** `table:line` keys of rows whose cell placement the reader flagged as ambiguous. */
  readonly ambiguousRows: ReadonlySet<string>;
}

export interface BudgetContext extends TextFacts {
  readonly document: BudgetDisclosure;
}

export interface DeclarationContext extends TextFacts {
  readonly document: PerformanceDeclaration;
}

/** Any document: for rules on its text or on what both kinds share (project explanations). */
export interface AnyContext extends TextFacts {
  readonly kind: 'budget-disclosure' | 'performance-declaration';
  /** The budget year (header year). */
  readonly year: number | undefined;
  readonly document: BudgetDisclosure | PerformanceDeclaration;
}

export interface PairContext {
  readonly current: BudgetContext;
  readonly prior: BudgetContext;
}

export type Rule =
  | (RuleInfo & { readonly on: 'budget'; readonly check: (ctx: BudgetContext) => readonly FindingDraft[] })
  | (RuleInfo & { readonly on: 'declaration'; readonly check: (ctx: DeclarationContext) => readonly FindingDraft[] })
  | (RuleInfo & { readonly on: 'any'; readonly check: (ctx: AnyContext) => readonly FindingDraft[] })
  | (RuleInfo & { readonly on: 'pair'; readonly check: (ctx: PairContext) => readonly FindingDraft[] });

export const rowKey = (table: TableNumber, line: number): string => `${table}:${line}`;

/** Diagnostics whose code says a placement was guessed or ambiguous mark their row as untrusted. */
export const ambiguousRowsOf = (diagnostics: readonly Diagnostic[] | undefined): Set<string> => {
  const keys = new Set<string>();
  for (const d of diagnostics ?? []) {
    if (!/ambiguous|uncertain|guess/i.test(d.code)) continue;
    const loc = d.location;
    if (loc?.table !== undefined) keys.add(rowKey(loc.table, loc.line));
  }
  return keys;
};

export const textFacts = (text: string | undefined, diagnostics: readonly Diagnostic[] | undefined): TextFacts => ({
  lines: text === undefined ? [] : toLines(text),
  ambiguousRows: ambiguousRowsOf(diagnostics),
});

/** Test helper and for callers with no text: facts with nothing in them. */
export const noFacts: TextFacts = { lines: [], ambiguousRows: new Set() };
