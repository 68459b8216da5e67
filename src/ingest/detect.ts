/**
 * Recognise a document's kind by its vocabulary and dispatch to the right reader.
 * OWNER: budget reader (in progress).
 */
import type { BudgetDisclosure, Diagnostic, PerformanceDeclaration } from '#domain/index.ts';

export type ParsedDocument =
  | { readonly kind: 'budget-disclosure'; readonly document: BudgetDisclosure; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: 'performance-declaration'; readonly document: PerformanceDeclaration; readonly diagnostics: readonly Diagnostic[] }
  | { readonly kind: 'unknown'; readonly document: undefined; readonly diagnostics: readonly Diagnostic[] };

export type DocumentKindGuess = ParsedDocument['kind'];

export const detectDocumentKind = (_text: string): DocumentKindGuess => 'unknown';

export const parseDocument = (_text: string): ParsedDocument => ({
  kind: 'unknown',
  document: undefined,
  diagnostics: [{ code: 'not-implemented', severity: 'error', message: '读取器尚未实现' }],
});
