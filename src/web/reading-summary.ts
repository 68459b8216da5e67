/**
 * What an upload's reader understood and what it did not, in words for the upload page: a
 * disclosure that yielded 0 of 9 tables is a warning, never a plain 完成.
 */
import { TABLE_STANDARD_NAMES } from '#domain/index.ts';
import type { BudgetDisclosure, Diagnostic, PerformanceDeclaration, TableNumber } from '#domain/index.ts';

export interface ReadingSummary {
  /** Everything expected was read and there are no reading errors. */
  readonly complete: boolean;
  /** `预算表 9/9`, `项目 15 个`… */
  readonly read: readonly string[];
  /** `表3 部门支出预算总表`, `编制说明`… */
  readonly missing: readonly string[];
  readonly readingErrors: number;
}

const TABLE_NUMBERS: readonly TableNumber[] = [1, 2, 3, 4, 5, 6, 7, 8, 9];

export const readingSummary = (model: BudgetDisclosure | PerformanceDeclaration, diagnostics: readonly Diagnostic[]): ReadingSummary => {
  const readingErrors = diagnostics.filter((d) => d.severity === 'error').length;
  if (model.kind === 'budget-disclosure') {
    const found = new Set(model.tables.filter((t) => t.rows.length > 0).map((t) => t.number));
    const missing = TABLE_NUMBERS.filter((n) => !found.has(n)).map((n) => `表${n} ${TABLE_STANDARD_NAMES[n]}`);
    if (model.explanation === undefined) missing.push('编制说明');
    const read = [`预算表 ${found.size}/9`, `项目说明 ${model.projects.length} 个`];
    if (model.explanation !== undefined) read.push('编制说明');
    return { complete: missing.length === 0 && readingErrors === 0, read, missing, readingErrors };
  }
  const forms = model.projects.filter((p) => p.form !== undefined).length;
  const indicators = model.projects.reduce((n, p) => n + (p.form?.indicators.length ?? 0), 0);
  const missing: string[] = [];
  if (model.projects.length === 0) missing.push('项目');
  if (forms < model.projects.length) missing.push(`${model.projects.length - forms} 个项目的绩效目标申报表`);
  return {
    complete: missing.length === 0 && readingErrors === 0 && indicators > 0,
    read: [`项目 ${model.projects.length} 个`, `申报表 ${forms} 张`, `绩效指标 ${indicators} 项`],
    missing: indicators === 0 && model.projects.length > 0 ? [...missing, '绩效指标'] : missing,
    readingErrors,
  };
};
