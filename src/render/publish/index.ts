/**
 * Publishing: a document of the model rendered as the official document (HTML, PDF through
 * Chromium, XLSX) and as open data (a Fiscal Data Package). Every format prints the model's
 * figures as printed; nothing is recomputed or repaired.
 */
import type { BudgetDisclosure, Finding, PerformanceDeclaration } from '#domain/index.ts';
import { renderDeclarationHtml } from './declaration-html.ts';
import { renderDisclosureHtml } from './disclosure-html.ts';

export type PublishableDocument = BudgetDisclosure | PerformanceDeclaration;

export const PUBLISH_FORMATS = ['html', 'pdf', 'xlsx', 'fdp'] as const;
export type PublishFormat = (typeof PUBLISH_FORMATS)[number];

/** The whole document as one standalone HTML page (print-ready). */
export const renderPublishedHtml = (doc: PublishableDocument, opts: { readonly findings?: readonly Finding[] } = {}): string =>
  doc.kind === 'budget-disclosure' ? renderDisclosureHtml(doc, opts) : renderDeclarationHtml(doc, opts);

/** A file name stem for a document: `上海市松江区数据局-2025-部门预算`. */
export const publishedFileStem = (doc: PublishableDocument): string => {
  const kind = doc.kind === 'budget-disclosure' ? (doc.level === 'unit' ? '单位预算' : '部门预算') : '绩效目标申报表';
  const stem = [doc.header.department ?? '', doc.header.year !== undefined ? String(doc.header.year) : '', kind].filter((s) => s !== '').join('-');
  return stem.replace(/[\\/:*?"<>|\s]+/g, '_');
};
