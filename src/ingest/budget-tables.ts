/**
 * The nine standard tables of a budget disclosure. OWNER: tables reader (in progress).
 */
import type { BudgetTable, DiagnosticSink, TableNumber } from '#domain/index.ts';
import type { SourceLine } from './text.ts';

export interface TableTitleMatch {
  readonly number: TableNumber;
  readonly year?: number;
  readonly level: 'department' | 'unit';
}

/** Is this (normalised) line a table title such as `2025年部门支出预算总表`? Not for TOC lines. */
export const matchTableTitle = (_text: string): TableTitleMatch | undefined => undefined;

/** Read every table found in `lines` (the tables section, or the whole document). */
export const readBudgetTables = (_lines: readonly SourceLine[], _sink: DiagnosticSink): BudgetTable[] => [];
