/**
 * Shared pieces of the published HTML: escaping, paragraphs from a text block, Chinese ordinals
 * and the print stylesheet (A4 portrait for prose, A4 landscape for table pages, repeated table
 * headers, page breaks).
 */
import type { TextBlock } from '#domain/index.ts';

export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * A text block as paragraphs: the model keeps a section's text with one `\n` per paragraph (lines
 * wrapped by the page already joined), so each line is one `<p>`, printed verbatim.
 */
export const paragraphs = (block: TextBlock | undefined, cls = ''): string =>
  block === undefined
    ? ''
    : block.text
        .split('\n')
        .filter((p) => p.trim() !== '')
        .map((p) => `<p${cls ? ` class="${cls}"` : ''}>${escapeHtml(p)}</p>`)
        .join('\n');

const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (up to 99: headings and contents). */
export const chineseOrdinal = (n: number): string => {
  if (n < 10) return DIGITS[n] ?? String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : (DIGITS[tens] ?? '')}十${DIGITS[ones] ?? ''}`;
};

/**
 * Print styles: A4 portrait pages for prose; each table on its own A4 landscape page (named page
 * `table`), its header rows repeated on every printed page (`thead` is `table-header-group`), rows
 * not split across pages.
 */
export const PUBLISH_CSS = `
:root { color-scheme: light; }
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", "WenQuanYi Micro Hei", serif; font-size: 11pt; line-height: 1.7; color: #000; background: #fff; margin: 0; }
.disclosure { max-width: 60rem; margin: 0 auto; padding: 1.5rem; }
/* Headings are set by size, not weight: a CJK font without a bold face gets a synthetic bold whose
   glyphs do not all survive into a PDF's text layer (社, 材 went missing), so nothing is bold. */
h1, h2, h3, h4, th, tr.total td { font-weight: normal; }
h1 { font-size: 20pt; text-align: center; margin: 6rem 0 2rem; }
h2 { font-size: 15pt; text-align: center; margin: 1.5rem 0 1rem; }
h3 { font-size: 13pt; text-align: center; margin: 1rem 0 0.5rem; }
h4 { font-size: 11pt; margin: 0.6rem 0 0.2rem; }
p { margin: 0.2rem 0; text-indent: 2em; }
p.issuer, p.table-meta, p.form-title { text-indent: 0; text-align: center; }
p.table-meta { text-align: left; font-size: 10pt; }
p.table-meta .unit { margin-left: 4em; }
p.note { text-indent: 0; font-size: 10pt; }
.contents ol, .contents ul { list-style: none; padding-left: 0; }
.contents li li { padding-left: 2em; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; margin: 0.4rem 0; }
th, td { border: 1px solid #000; padding: 2px 4px; vertical-align: middle; }
th { text-align: center; background: #f2f2f2; }
td.amount { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
/* A visible gap between a code's segments, so that a PDF reader sees 301 and 02 as two words. */
td.code { white-space: nowrap; word-spacing: 0.6em; }
tr.total td { background: #f7f7f7; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
.findings-appendix table { font-size: 9pt; }
/* A form's short cells stay on one line (a name wrapped inside its cell is two words to a PDF reader); long text wraps. */
table.performance-form td, table.indicators td { white-space: nowrap; }
table.performance-form td.long, table.indicators td.long { white-space: normal; }
@page { size: A4 portrait; margin: 18mm 16mm; }
@page table { size: A4 landscape; margin: 12mm 12mm; }
@media print {
  .disclosure { max-width: none; padding: 0; }
  section.cover, nav.contents, section.part { break-after: page; page-break-after: always; }
  section.table-page { page: table; break-before: page; page-break-before: always; }
  section.project { break-before: page; page-break-before: always; }
  /* A form follows its explanation without a page break: a title at the top of every page would be taken for a running header. */
  section.form { break-inside: auto; }
  .no-print { display: none; }
}
`;

export const htmlPage = (title: string, body: string): string => `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="yusuan">
<title>${escapeHtml(title)}</title>
<style>${PUBLISH_CSS}</style>
</head>
<body>
${body}
</body>
</html>
`;

/**
 * A project part's text: paragraphs, and the rows of a table printed inside the part (the reader
 * keeps a 年度预算安排 table's rows as `时间 | 内容 | 金额` lines) as a table again, one cell per
 * column, so the part reads back as the document printed it.
 */
export const partBody = (block: TextBlock | undefined): string => {
  if (block === undefined) return '';
  const out: string[] = [];
  let rows: string[][] = [];
  const flush = (): void => {
    if (rows.length === 0) return;
    out.push(`<table class="breakdown">\n<tbody>\n${rows.map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n')}\n</tbody>\n</table>`);
    rows = [];
  };
  for (const p of block.text.split('\n')) {
    if (p.trim() === '') continue;
    if (p.includes(' | ')) {
      rows.push(p.split(' | '));
      continue;
    }
    flush();
    out.push(`<p>${escapeHtml(p)}</p>`);
  }
  flush();
  return out.join('\n');
};
