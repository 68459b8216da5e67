/**
 * Where a figure or a finding comes from. Lines are 1-based line numbers in the source text
 * as given to the reader (before any normalisation), so a reviewer can jump straight there.
 */

/** The sections of a budget disclosure and of a performance declaration. */
export type SectionKind =
  | 'header'
  | 'contents'
  | 'duties'
  | 'institutions'
  | 'glossary'
  | 'explanation'
  | 'tables'
  | 'other-information'
  | 'projects'
  | 'performance-summary'
  | 'performance-form';

/** Standard table number 1–9 (see docs/model.md and the domain page §2.6). */
export type TableNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

export interface SourceLocation {
  /** 1-based line number in the source text. */
  readonly line: number;
  readonly section?: SectionKind;
  readonly table?: TableNumber;
  /** The row as a reviewer names it: a classification code (`208 05 05`) or a line item name (`合计`). */
  readonly row?: string;
  /** The column header (`合计`, `基本支出`, `预算数`, …). */
  readonly column?: string;
  /** The project's name as written, for project and performance-form figures. */
  readonly project?: string;
  /** A field name inside a section (e.g. `项目资金总额`, `三公经费.公务接待费`). */
  readonly field?: string;
  /** 1-based page of the PDF the figure was read from (documents read from a PDF only). */
  readonly page?: number;
  /** Box on that page in PDF units, origin bottom-left of the page as displayed (its /Rotate applied): [x0, y0, x1, y1]. */
  readonly bbox?: number[];
}

export const at = (line: number, rest: Omit<SourceLocation, 'line'> = {}): SourceLocation => ({ line, ...rest });

/** Human-readable location: `表3 208 05 05 / 基本支出, 第 123 行`. */
export const describeLocation = (loc: SourceLocation): string => {
  const parts: string[] = [];
  if (loc.project) parts.push(`项目「${loc.project}」`);
  if (loc.table) parts.push(`表${loc.table}`);
  if (loc.row) parts.push(loc.row);
  if (loc.column) parts.push(`「${loc.column}」列`);
  if (loc.field) parts.push(loc.field);
  parts.push(`第 ${loc.line} 行`);
  return parts.join(' ');
};
