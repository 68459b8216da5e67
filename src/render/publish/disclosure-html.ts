/**
 * A budget disclosure rendered as the official document, in the official order: cover (title,
 * 预算主管部门), 目录, 主要职能, 机构设置, 名词解释, 预算编制说明, the nine tables (each on its own
 * landscape page with its title, `编制部门：… 单位：元` line, merged header cells and note),
 * 其他相关情况说明, and one 项目经费情况说明 per project with its seven parts.
 *
 * Everything is printed from the model as the document printed it: narrative paragraphs verbatim,
 * figures by their raw text, in each table's own unit. Nothing is recomputed or repaired — a
 * printed inconsistency is published as it is. Findings can be appended on request.
 */
import { PROJECT_PART_KEYS, PROJECT_PART_TITLES, type BudgetDisclosure, type BudgetTable, type Finding, type TextBlock } from '#domain/index.ts';
import { chineseOrdinal, escapeHtml, htmlPage, paragraphs, partBody } from './html-common.ts';
import { tableGrid, tableMeta, type GridCell, type TableGrid } from './table-grid.ts';
import { findingsAppendix } from './findings-appendix.ts';

export interface PublishHtmlOptions {
  /** Append the findings as 附录 (never used to change a figure). */
  readonly findings?: readonly Finding[];
}

const levelWord = (doc: BudgetDisclosure): string => (doc.level === 'unit' ? '单位' : '部门');

export const documentTitle = (doc: { readonly header: BudgetDisclosure['header'] }, fallback: string): string =>
  doc.header.title?.text ?? `${doc.header.district ?? ''}${doc.header.year !== undefined ? `${doc.header.year}年` : ''}${fallback}`;

/** Text longer than this may wrap inside its cell (a form's goals); shorter text keeps to one line in forms. */
const LONG_TEXT = 24;

const cellHtml = (c: GridCell): string => {
  switch (c.kind) {
    case 'empty':
      return '<td></td>';
    case 'amount':
      return `<td class="amount">${escapeHtml(c.text)}</td>`;
    case 'code':
      return `<td class="code"${c.colspan && c.colspan > 1 ? ` colspan="${c.colspan}"` : ''}>${escapeHtml(c.text)}</td>`;
    case 'text':
      return `<td${c.text.length > LONG_TEXT ? ' class="long"' : ''}${c.colspan && c.colspan > 1 ? ` colspan="${c.colspan}"` : ''}>${escapeHtml(c.text)}</td>`;
  }
};

export const gridHtml = (grid: TableGrid, opts: { readonly caption?: string; readonly className?: string } = {}): string => {
  const head = grid.header
    .map((row) => `<tr>${row.map((c) => `<th${c.colspan > 1 ? ` colspan="${c.colspan}"` : ''}${c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ''}>${escapeHtml(c.text)}</th>`).join('')}</tr>`)
    .join('\n');
  const body = grid.body.map((r) => `<tr${r.total ? ' class="total"' : ''}>${r.cells.map(cellHtml).join('')}</tr>`).join('\n');
  const attrs = `${opts.className ? ` class="${opts.className}"` : ''}${opts.caption ? ` aria-label="${escapeHtml(opts.caption)}"` : ''}`;
  return `<table${attrs}>\n${head !== '' ? `<thead>\n${head}\n</thead>\n` : ''}<tbody>\n${body}\n</tbody>\n</table>`;
};

const tableSection = (doc: BudgetDisclosure, table: BudgetTable): string => {
  const meta = tableMeta(table, doc.level);
  return `<section class="table-page" id="table-${table.number}" data-table="${table.number}">
<h3>${escapeHtml(table.title.text)}</h3>
<p class="table-meta"><span class="preparer">${escapeHtml(meta.preparer)}</span> <span class="unit">${escapeHtml(meta.unit)}</span></p>
${gridHtml(tableGrid(table), { caption: table.title.text })}
${table.note ? `<p class="note">${escapeHtml(table.note.text)}</p>` : ''}
</section>`;
};

const part = (id: string, heading: string, body: string): string =>
  `<section class="part" id="${id}">\n<h2>${escapeHtml(heading)}</h2>\n${body}\n</section>`;

const blocks = (...bs: (TextBlock | undefined)[]): string => bs.map((b) => paragraphs(b)).filter((s) => s !== '').join('\n');

export const renderDisclosureHtml = (doc: BudgetDisclosure, opts: PublishHtmlOptions = {}): string => {
  const lw = levelWord(doc);
  const dept = doc.header.department ?? '';
  const year = doc.header.year;
  const title = documentTitle(doc, `区级${lw}预算`);
  const issuerLabel = doc.level === 'unit' ? '预算单位' : '预算主管部门';

  // Parts in the official order; each present only when the model has it.
  const parts: { id: string; heading: string; body: string; contents: string[] }[] = [];
  if (doc.duties) parts.push({ id: 'duties', heading: `${dept}主要职能`, body: paragraphs(doc.duties.text), contents: [] });
  if (doc.institutions) parts.push({ id: 'institutions', heading: `${dept}机构设置`, body: paragraphs(doc.institutions.text), contents: [] });
  if (doc.glossary) parts.push({ id: 'glossary', heading: '名词解释', body: paragraphs(doc.glossary), contents: [] });
  if (doc.explanation) parts.push({ id: 'explanation', heading: `${year !== undefined ? `${year}年` : ''}${lw}预算编制说明`, body: paragraphs(doc.explanation.text), contents: [] });
  const tables = [...doc.tables].sort((a, b) => a.number - b.number);
  const oi = doc.otherInformation;
  const other = blocks(oi.threePublic?.text, oi.operatingCosts?.text, oi.procurement?.text, oi.performanceTargets?.text, oi.assets?.text);

  const contentLines: string[] = [];
  let n = 0;
  for (const p of parts) contentLines.push(`<li>${chineseOrdinal(++n)}、${escapeHtml(p.heading)}</li>`);
  if (tables.length > 0) {
    contentLines.push(
      `<li>${chineseOrdinal(++n)}、${lw}预算表<ol>${tables.map((t, i) => `<li>${i + 1}. ${escapeHtml(t.title.text)}</li>`).join('')}</ol></li>`,
    );
  }
  if (other !== '') contentLines.push(`<li>${chineseOrdinal(++n)}、其他相关情况说明</li>`);
  if (doc.projects.length > 0) contentLines.push(`<li>${chineseOrdinal(++n)}、项目经费情况说明</li>`);

  const sections: string[] = [];
  sections.push(`<section class="cover" id="cover">
<h1>${escapeHtml(title)}</h1>
${dept ? `<p class="issuer">${escapeHtml(`${issuerLabel}：${dept}`)}</p>` : ''}
</section>`);
  sections.push(`<nav class="contents" id="contents">\n<h2>目录</h2>\n<ol>\n${contentLines.join('\n')}\n</ol>\n</nav>`);
  for (const p of parts) sections.push(part(p.id, p.heading, p.body));
  if (tables.length > 0) sections.push(`<section class="tables" id="tables">\n<h2>${lw}预算表</h2>\n</section>\n${tables.map((t) => tableSection(doc, t)).join('\n')}`);
  if (other !== '') sections.push(part('other-information', '其他相关情况说明', other));
  if (doc.projects.length > 0) {
    const projects = doc.projects.map((p, i) => {
      const body = PROJECT_PART_KEYS.filter((k) => p.parts[k] !== undefined)
        .map((k, j) => `<h4>${chineseOrdinal(j + 1)}、${escapeHtml(PROJECT_PART_TITLES[k][0] ?? k)}</h4>\n${partBody(p.parts[k])}`)
        .join('\n');
      return `<section class="project" id="project-${i + 1}">\n<h3>${escapeHtml(`${p.name}经费情况说明`)}</h3>\n${body}\n</section>`;
    });
    sections.push(`<section class="projects" id="projects">\n<h2>项目经费情况说明</h2>\n</section>\n${projects.join('\n')}`);
  }
  if (opts.findings) sections.push(findingsAppendix(opts.findings));
  return htmlPage(title, `<article class="disclosure" data-kind="budget-disclosure">\n${sections.join('\n')}\n</article>`);
};
