import { describe, expect, it } from 'vitest';
import { parseYuan } from '#domain/index.ts';
import type { BudgetDisclosure, BudgetTable, TableRow } from '#domain/index.ts';
import { documentTotals, functionalTree, historyPoints } from './chart-data.ts';

const cells = (amounts: Record<string, string>) =>
  Object.entries(amounts).map(([column, raw]) => {
    const amount = parseYuan(raw);
    if (amount === undefined) throw new Error(raw);
    return { column, figure: { amount, raw, unit: '元' as const, source: { line: 1 } } };
  });
const coded = (code: string, name: string, amounts: Record<string, string>): TableRow => ({
  kind: 'item',
  code: { scheme: 'functional', segments: code.split(' ') },
  name,
  cells: cells(amounts),
  line: 1,
});
const t3 = (rows: TableRow[]): BudgetTable => ({
  number: 3,
  standardName: '部门支出预算总表',
  title: { text: '', source: { line: 1 } },
  unit: '元',
  columns: ['合计', '基本支出', '项目支出'],
  rows,
});

describe('functional tree for the treemap', () => {
  it('nests 类 → 款 → 项 by code, whatever the row order, in 分', () => {
    const tree = functionalTree(
      t3([
        coded('201 41 01', '行政运行', { 合计: '3,644,486.31' }),
        coded('201', '一般公共服务支出', { 合计: '8,950,796.31' }),
        coded('201 41', '数据事务', { 合计: '8,950,796.31' }),
        coded('201 41 02', '一般行政管理事务', { 合计: '5,306,310.00' }),
        coded('215', '资源勘探工业信息等支出', { 合计: '26,000,000.00' }),
      ]),
    );
    expect(tree.map((n) => [n.code, n.value])).toEqual([
      ['201', 895079631],
      ['215', 2600000000],
    ]);
    expect(tree[0]?.children?.[0]?.children?.map((n) => [n.name, n.value])).toEqual([
      ['行政运行', 364448631],
      ['一般行政管理事务', 530631000],
    ]);
    expect(tree[1]?.children).toBeUndefined();
  });

  it('leaves out empty and zero rows', () => {
    const tree = functionalTree(t3([coded('201', '一般公共服务支出', {}), coded('208', '社会保障和就业支出', { 合计: '0.00' })]));
    expect(tree).toEqual([]);
  });
});

describe('document totals', () => {
  it('reads 合计/基本支出/项目支出 from table 3 and 收入总计 from table 1', () => {
    const total: TableRow = { kind: 'total', name: '合计', cells: cells({ 合计: '36,864,854.48', 基本支出: '5,558,544.48', 项目支出: '31,306,310.00' }), line: 2 };
    const t1: BudgetTable = {
      ...t3([]),
      number: 1,
      columns: ['预算数'],
      rows: [{ kind: 'total', side: 'revenue', name: '收入总计', cells: cells({ 预算数: '36,864,854.48' }), line: 3 }],
    };
    const model = { kind: 'budget-disclosure', tables: [t1, t3([total])] } as unknown as BudgetDisclosure;
    expect(documentTotals(model)).toEqual({ revenueFen: 3686485448, expenditureFen: 3686485448, basicFen: 555854448, projectFen: 3130631000 });
  });
});

describe('history points', () => {
  it('keeps budget years with a total, oldest first', () => {
    const y = (year: number, kind: 'budget-disclosure' | 'performance-declaration', expenditureTotalFen?: number) => ({
      year,
      documentId: year,
      kind,
      version: 1,
      projectCount: 0,
      findings: { error: 0, warning: 0, info: 0 },
      ...(expenditureTotalFen !== undefined ? { expenditureTotalFen } : {}),
    });
    expect(historyPoints([y(2025, 'budget-disclosure', 200), y(2024, 'budget-disclosure', 100), y(2024, 'performance-declaration', 5), y(2023, 'budget-disclosure')]).map((p) => p.year)).toEqual([2024, 2025]);
  });
});
