/**
 * A performance-target declaration rendered as published: title, 绩效目标设置情况, then per project
 * its 项目经费情况说明 (seven parts) and its 财政项目支出绩效目标申报表 (the form and the
 * indicator table), everything printed from the model as the document printed it.
 */
import { PROJECT_PART_KEYS, PROJECT_PART_TITLES, type Finding, type PerformanceDeclaration, type ProjectExplanation } from '#domain/index.ts';
import { FORM_WIDTH, formGrid, formTitle, indicatorGrid } from './declaration-grid.ts';
import { documentTitle, gridHtml } from './disclosure-html.ts';
import { findingsAppendix } from './findings-appendix.ts';
import { chineseOrdinal, escapeHtml, htmlPage, paragraphs, partBody } from './html-common.ts';
import type { GridRow } from './table-grid.ts';

const bodyTable = (rows: readonly GridRow[], className: string): string => gridHtml({ header: [], body: rows, width: FORM_WIDTH }, { className });

const explanationHtml = (e: ProjectExplanation): string => {
  const heading = `项目经费情况说明${e.ordinal !== undefined ? ` ${e.ordinal}` : ''} ${e.name}`;
  const parts = PROJECT_PART_KEYS.filter((k) => e.parts[k] !== undefined)
    .map((k, j) => `<h4>${chineseOrdinal(j + 1)}、${escapeHtml(PROJECT_PART_TITLES[k][0] ?? k)}</h4>\n${partBody(e.parts[k])}`)
    .join('\n');
  return `<h3>${escapeHtml(heading)}</h3>\n${parts}`;
};

export const renderDeclarationHtml = (doc: PerformanceDeclaration, opts: { readonly findings?: readonly Finding[] } = {}): string => {
  const title = documentTitle(doc, '财政支出项目绩效目标申报表');
  const sections: string[] = [`<section class="cover" id="cover">\n<h1>${escapeHtml(title)}</h1>\n</section>`];
  if (doc.summary) sections.push(`<section class="part" id="summary">\n<h2>绩效目标设置情况</h2>\n${paragraphs(doc.summary.text)}\n</section>`);
  doc.projects.forEach((p, i) => {
    const parts: string[] = [];
    if (p.explanation) parts.push(explanationHtml(p.explanation));
    if (p.form) {
      const year = p.form.year !== undefined ? `<p class="form-title">(${p.form.year}年度)</p>` : '';
      parts.push(`<section class="form" data-form="${i + 1}">
<p class="form-title">${escapeHtml(formTitle(p.form))}</p>
${year}
${bodyTable(formGrid(p.form), 'performance-form')}
${bodyTable(indicatorGrid(p.form), 'indicators')}
</section>`);
    }
    sections.push(`<section class="project" id="project-${i + 1}">\n${parts.join('\n')}\n</section>`);
  });
  if (opts.findings) sections.push(findingsAppendix(opts.findings));
  return htmlPage(title, `<article class="disclosure" data-kind="performance-declaration">\n${sections.join('\n')}\n</article>`);
};
