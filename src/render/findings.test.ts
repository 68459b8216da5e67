import { describe, expect, it } from 'vitest';
import { fen, type Finding } from '#domain/index.ts';
import { flattenFinding, renderFindingsHtml, renderFindingsJson, renderFindingsText, sortFindings } from './findings.ts';

const finding = (over: Partial<Finding> = {}): Finding => ({
  rule: 'table.row-total-equals-parts',
  severity: 'error',
  message: '表3「201 41 01 行政运行」行的合计不等于基本支出、项目支出之和：…相差 0.01元。',
  location: { line: 12, section: 'tables', table: 3, row: '201 41 01 行政运行', column: '合计' },
  figures: [
    { label: '合计', amount: fen(30000001), raw: '300,000.01', unit: '元', location: { line: 12, table: 3, column: '合计' } },
    { label: '基本支出+项目支出', amount: fen(30000000), raw: '300,000.00', unit: '元' },
  ],
  difference: fen(1),
  document: 'a.txt',
  ...over,
});

const hint = finding({ rule: 'hygiene.placeholder', severity: 'warning', message: '第 9 行留有占位符“XXX”：<项目>', location: { line: 9 }, figures: [], document: 'b.txt' });
const note = finding({ rule: 'projects.amount-stated', severity: 'info', message: '项目「」的年度预算安排没有写明金额。', location: { line: 40, section: 'projects', project: '' }, figures: [] });

describe('findings renderers', () => {
  it('flatten a finding with its location at the top level and money in 分', () => {
    expect(flattenFinding(finding())).toMatchObject({
      rule: 'table.row-total-equals-parts',
      family: 'within-table',
      title: '行合计等于各组成列之和',
      severity: 'error',
      document: 'a.txt',
      table: 3,
      row: '201 41 01 行政运行',
      column: '合计',
      line: 12,
      difference: 1,
      figures: [{ label: '合计', amount: 30000001, line: 12, table: 3 }, { label: '基本支出+项目支出', amount: 30000000 }],
    });
    expect(flattenFinding(note)).toMatchObject({ project: '' });
  });

  it('print JSON as { findings: [...] }, sorted by document then severity', () => {
    const out = JSON.parse(renderFindingsJson([note, hint, finding()])) as { findings: { rule: string; document: string }[] };
    // Documents in order of first appearance; within one, errors before warnings before info.
    expect(out.findings.map((f) => [f.document, f.rule])).toEqual([
      ['a.txt', 'table.row-total-equals-parts'],
      ['a.txt', 'projects.amount-stated'],
      ['b.txt', 'hygiene.placeholder'],
    ]);
  });

  it('group text by document, then severity, then family, with counts', () => {
    const text = renderFindingsText([hint, note, finding()], ['a.txt', 'b.txt', 'c.txt']);
    const a = text.indexOf('== a.txt ==');
    const b = text.indexOf('== b.txt ==');
    expect(a).toBeGreaterThanOrEqual(0);
    expect(b).toBeGreaterThan(a);
    expect(text.slice(a, b)).toMatch(/错误 1，警告 0，提示 1[\s\S]*错误（1）[\s\S]*表内[\s\S]*\[table\.row-total-equals-parts\] 表3 201 41 01 行政运行 「合计」列 第 12 行[\s\S]*提示（1）/);
    expect(text).toContain('== c.txt ==\n未发现问题。');
    expect(sortFindings([note, finding()]).map((f) => f.severity)).toEqual(['error', 'info']);
  });

  it('write a standalone, escaped HTML page', () => {
    const html = renderFindingsHtml([finding(), hint], ['a.txt', 'b.txt']);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('&lt;项目&gt;');
    expect(html).not.toContain('<项目>');
    expect(html).not.toMatch(/<script|<link|src=/);
    expect(html).toContain('<tr class="error">');
    expect(html).toContain('表3 201 41 01 行政运行 「合计」列 第 12 行');
  });

  it('escape markup from names, figures and file names everywhere in the HTML page', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const html = renderFindingsHtml(
      [
        finding({
          message: `「${evil}」行的合计不等于各项之和`,
          location: { line: 3, section: 'tables', table: 3, row: `201 ${evil}`, column: `"><script>alert(2)</script>` },
          figures: [{ label: `'${evil}'`, amount: fen(1), raw: evil, unit: '万元' }],
          document: `<script>alert(3)</script>.txt`,
        }),
      ],
      [`<script>alert(3)</script>.txt`],
    );
    expect(html).not.toMatch(/<img|<script|onerror=alert\(1\)>/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});
