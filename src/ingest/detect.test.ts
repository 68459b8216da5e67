import { describe, expect, it } from 'vitest';
import { BUDGET_DISCLOSURES, PERFORMANCE_DECLARATIONS, readCorpus } from '../../test/corpus.ts';
import { detectDocumentKind, parseDocument } from './detect.ts';

describe('detectDocumentKind', () => {
  it.each(BUDGET_DISCLOSURES)('%s is a budget disclosure', (name) => {
    expect(detectDocumentKind(readCorpus(name))).toBe('budget-disclosure');
  });
  it.each(PERFORMANCE_DECLARATIONS)('%s is a performance declaration', (name) => {
    expect(detectDocumentKind(readCorpus(name))).toBe('performance-declaration');
  });
  it.each([
    ['a unit budget’s opening', '北京市海淀区2026年单位预算\n预算单位：某中心\n2026年单位预算编制说明'],
    ['only table titles', '2025年部门财务收支预算总表\n2025年部门收入预算总表\n2025年部门支出预算总表'],
  ])('recognises %s as a budget disclosure', (_what, text) => {
    expect(detectDocumentKind(text)).toBe('budget-disclosure');
  });
  it.each([
    ['renamed 项目支出绩效目标表, headers wrapped 一级指 / 标', '项目支出绩效目标表\n项目名称\t培训经费\n一级指\t二级指\t三级指\n标\t标\t标'],
    ['the other template’s title, one cell per line', '附件1\n\n财政项目支出绩效目标申报表\n\n项目名称\n\n培训经费\n\n项目资金总额\n\n1.00'],
  ])('recognises a declaration: %s', (_what, text) => {
    expect(detectDocumentKind(text)).toBe('performance-declaration');
  });
  it('recognises a declaration by its form vocabulary', () => {
    expect(detectDocumentKind('财政项目支出绩效目标申报表 1\n一级指标 二级指标 三级指标 指标值')).toBe('performance-declaration');
  });
  it.each([
    ['empty', ''],
    ['a novel', '那是最好的时代，也是最坏的时代。'.repeat(100)],
    ['a passing mention', '我们讨论了部门预算的问题。'],
  ])('%s is unknown', (_what, text) => {
    expect(detectDocumentKind(text)).toBe('unknown');
  });
});

describe('parseDocument', () => {
  it('dispatches a budget disclosure to its reader', () => {
    const r = parseDocument(readCorpus('songjiang-2025-data-bureau-budget'));
    expect(r.kind).toBe('budget-disclosure');
    if (r.kind === 'budget-disclosure') expect(r.document.header.department).toBe('上海市松江区数据局');
  });

  it('dispatches a performance declaration to its reader', () => {
    const r = parseDocument(readCorpus(PERFORMANCE_DECLARATIONS[0]));
    expect(r.kind).toBe('performance-declaration');
  });

  it.each([
    ['empty text', ''],
    ['binary garbage', '\u0000\u0001\u0002\ufffd\ufffd'.repeat(500)],
    ['a novel', '第一章 他走进了房间。\n'.repeat(50)],
  ])('%s → unrecognised-document error at line 1', (_what, text) => {
    const r = parseDocument(text);
    expect(r.kind).toBe('unknown');
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'unrecognised-document', severity: 'error', location: { line: 1 } })]);
  });
});
