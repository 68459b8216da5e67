import { describe, expect, it } from 'vitest';
import type { BudgetDisclosure, MoneyFigure } from '#domain/index.ts';
import { parseDocument } from '#ingest/detect.ts';
import { budgetCorpusDocuments } from '#ingest/testing/corpus-documents.ts';
import { TRANSFORMS } from '#ingest/testing/metamorphic.ts';
import { corpusDir } from '../../../test/corpus.ts';
import { repoRoot } from '../../../test/spawn-cli.ts';
import { htmlToText } from './html-text.ts';
import { renderPublishedHtml } from './index.ts';
import { corpusTextDocuments, modelDifferences } from './testing.ts';

const corpus = corpusTextDocuments(corpusDir);
const errorCodes = (ds: readonly { severity: string; code: string }[]): string[] => ds.filter((d) => d.severity !== 'info').map((d) => d.code).sort();

describe('published HTML reads back as the same model (parse → render → text → parse)', () => {
  it('covers every text document of the corpus, budgets and declarations', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(5);
    expect(corpus.some((d) => d.name.includes('performance-targets'))).toBe(true);
  });

  it.each(corpus.map((d) => [d.name, d.text] as const))('%s', (_name, text) => {
    const first = parseDocument(text);
    expect(first.kind).not.toBe('unknown');
    if (first.kind === 'unknown') return;
    const html = renderPublishedHtml(first.document);
    const again = parseDocument(htmlToText(html));
    expect(again.kind).toBe(first.kind);
    // Every amount, code, name, narrative figure, project and indicator: the whole model.
    expect(modelDifferences(first.document, again.document)).toEqual([]);
    // The rendering adds no problem the source did not have, and every line of it is read.
    expect(errorCodes(again.diagnostics)).toEqual(errorCodes(first.diagnostics));
    if ('accounting' in again && again.accounting) expect(again.accounting.unread).toEqual([]);
  });
});

describe('published HTML reads back for every shape a corpus budget comes in (the metamorphic transforms)', () => {
  // Other numbering, titles with the issuer's name, `表N` prefixes, split titles and header cells,
  // rewrapped prose, unit wording…: each variant's own model is what must come back.
  it.each(budgetCorpusDocuments(repoRoot).map((d) => [d.name, d.text] as const))('%s', (_name, text) => {
    let cases = 0;
    for (const t of TRANSFORMS) {
      const first = parseDocument(t.transform(text));
      if (first.kind !== 'budget-disclosure') continue;
      cases++;
      const again = parseDocument(htmlToText(renderPublishedHtml(first.document)));
      expect(modelDifferences(first.document, again.document, 5), t.name).toEqual([]);
    }
    expect(cases).toBeGreaterThan(TRANSFORMS.length / 2);
  });
});

describe('the comparison can fail', () => {
  it('a figure changed in the model before rendering comes back changed', () => {
    const doc = corpus.find((d) => d.name === 'songjiang-2025-data-bureau-budget');
    const first = parseDocument(doc?.text ?? '');
    if (first.kind !== 'budget-disclosure') throw new Error('corpus budget expected');
    const t3 = first.document.tables.find((t) => t.number === 3);
    const row = t3?.rows[1];
    const cell = row?.cells[0];
    if (!t3 || !row || !cell?.figure) throw new Error('table 3 cell expected');
    const changed: MoneyFigure = { ...cell.figure, raw: '1,234.56', amount: 123456 as MoneyFigure['amount'] };
    const mutated: BudgetDisclosure = {
      ...first.document,
      tables: first.document.tables.map((t) => (t !== t3 ? t : { ...t, rows: t.rows.map((r) => (r !== row ? r : { ...r, cells: [{ ...cell, figure: changed }, ...r.cells.slice(1)] })) })),
    };
    const again = parseDocument(htmlToText(renderPublishedHtml(mutated)));
    const diffs = modelDifferences(first.document, again.document);
    expect(diffs.some((d) => d.includes('1,234.56'))).toBe(true);
    // …and the rendering prints it as given: an inconsistent table is published as it is.
    expect(modelDifferences(mutated, again.document)).toEqual([]);
  });
});

describe('the published HTML', () => {
  const doc = corpus.find((d) => d.name === 'songjiang-2025-data-bureau-budget');
  const parsed = parseDocument(doc?.text ?? '');
  const html = parsed.kind === 'budget-disclosure' ? renderPublishedHtml(parsed.document) : '';

  it('has the official parts in order, merged header cells and the 编制部门 / 单位 lines', () => {
    const at = (s: string): number => html.indexOf(s);
    expect(at('<h2>目录</h2>')).toBeGreaterThan(0);
    const order = ['主要职能</h2>', '机构设置</h2>', '名词解释</h2>', '预算编制说明</h2>', '部门预算表</h2>', '其他相关情况说明</h2>', '项目经费情况说明</h2>'].map(at);
    expect(order.every((x) => x > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(html).toContain('<th colspan="3">功能分类科目编码</th>');
    expect(html).toContain('<th rowspan="2">功能分类科目名称</th>');
    expect(html).toContain('<span class="preparer">编制部门：上海市松江区数据局</span> <span class="unit">单位：元</span>');
    expect(html).toContain('<td class="code" colspan="3">201 41 01</td><td>行政运行</td><td class="amount">3,644,486.31</td><td class="amount">3,644,486.31</td><td></td>');
    expect(html).toContain('@page table { size: A4 landscape');
    expect(html).toContain('thead { display: table-header-group; }');
  });

  it('escapes markup from the document', () => {
    if (parsed.kind !== 'budget-disclosure') throw new Error('budget expected');
    const evil = { ...parsed.document, header: { ...parsed.document.header, department: '<script>alert(1)</script>' } };
    const out = renderPublishedHtml(evil);
    expect(out).not.toContain('<script>alert(1)');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('appends the findings only on request, figures unchanged', () => {
    if (parsed.kind !== 'budget-disclosure') throw new Error('budget expected');
    const withFindings = renderPublishedHtml(parsed.document, {
      findings: [{ rule: 'table.row-total-equals-parts', severity: 'error', message: '合计不等于各列之和', location: { line: 3, table: 3 }, figures: [] }],
    });
    expect(html).not.toContain('附录');
    expect(withFindings).toContain('附录 检查发现');
    expect(withFindings).toContain('table.row-total-equals-parts');
    expect(withFindings.replace(/<section class="findings-appendix"[\s\S]*?<\/section>\n/, '')).toBe(html);
  });
});

describe('htmlToText', () => {
  it.each([
    ['<p>一</p><p>二</p>', '一\n\n二\n'],
    ['<div>a <b>b</b>\n  c</div><div>d</div>', 'a b c\nd\n'],
    ['<table><tr><td>x</td><td></td><td>1.00</td></tr><tr><th>y</th></tr></table>', 'x\t\t1.00\ny\n'],
    ['<head><style>p{}</style><title>t</title></head><p>&lt;a&gt; &amp; &#x4e00;&#20108;</p>', '<a> & 一二\n'],
    ['a<br>b', 'a\nb\n'],
  ])('%j', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });
});
