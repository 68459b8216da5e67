/**
 * One issue shape for readers (diagnostics) and rules (findings): a stable code, a severity,
 * a location and parameters; the Chinese message is rendered from them. Tests assert on codes.
 */
import type { SourceLocation } from './provenance.ts';

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  /** Stable, kebab-case, e.g. `table-missing`, `cell-placement-ambiguous`, `not-a-budget-disclosure`. */
  readonly code: string;
  readonly severity: Severity;
  /** Chinese, for people. */
  readonly message: string;
  readonly location?: SourceLocation;
  readonly params?: Readonly<Record<string, string | number>>;
}

/** Collects diagnostics while a reader runs; readers return them rather than throwing. */
export class DiagnosticSink {
  readonly items: Diagnostic[] = [];
  report(d: Diagnostic): void {
    this.items.push(d);
  }
  error(code: string, message: string, location?: SourceLocation, params?: Diagnostic['params']): void {
    this.items.push({ code, severity: 'error', message, ...(location ? { location } : {}), ...(params ? { params } : {}) });
  }
  warning(code: string, message: string, location?: SourceLocation, params?: Diagnostic['params']): void {
    this.items.push({ code, severity: 'warning', message, ...(location ? { location } : {}), ...(params ? { params } : {}) });
  }
  info(code: string, message: string, location?: SourceLocation, params?: Diagnostic['params']): void {
    this.items.push({ code, severity: 'info', message, ...(location ? { location } : {}), ...(params ? { params } : {}) });
  }
}

export const hasErrors = (ds: readonly Diagnostic[]): boolean => ds.some((d) => d.severity === 'error');

/**
 * Where every line of a document went: into the model (`content`), recognised as page furniture
 * or as the table of contents, blank — or not read at all (`unread`, by line number). Nothing is
 * lost silently: a reader that cannot place a line says so here and in a diagnostic.
 */
export interface LineAccounting {
  readonly total: number;
  readonly blank: number;
  readonly content: number;
  readonly furniture: number;
  readonly contents: number;
  readonly unread: readonly number[];
}

/** The result of every reader: everything understood, plus what was not. */
export interface ParseResult<T> {
  readonly document: T;
  readonly diagnostics: readonly Diagnostic[];
  readonly accounting?: LineAccounting;
}

/** Share of the non-blank lines accounted for (content, furniture or contents), in per mille. */
export const accountedPerMille = (a: LineAccounting): number => {
  const nonBlank = a.total - a.blank;
  return nonBlank === 0 ? 1000 : Math.floor(((nonBlank - a.unread.length) * 1000) / nonBlank);
};
