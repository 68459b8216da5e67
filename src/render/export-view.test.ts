import { describe, expect, it } from 'vitest';
import { fen, type BudgetDisclosure, type MoneyFigure, type PerformanceDeclaration } from '#domain/index.ts';
import { budgetCellsView, budgetProjectsView, declarationIndicatorsView, declarationProjectsView, exportView } from './export-view.ts';

const money = (amount: number, line = 1): MoneyFigure => ({ amount: fen(amount), raw: String(amount), unit: '元', source: { line } });

const budget: BudgetDisclosure = {
  kind: 'budget-disclosure',
  level: 'department',
  phase: 'budget',
  header: { department: '上海市松江区行政服务中心', year: 2025, line: 2 },
  tables: [
    {
      number: 2,
      standardName: '部门收入预算总表',
      title: { text: '2025年部门收入预算总表', source: { line: 153 } },
      year: 2025,
      unit: '元',
      columns: ['合计', '财政拨款收入', '事业收入', '事业单位经营收入', '其他收入'],
      rows: [
        {
          kind: 'item',
          code: { scheme: 'functional', segments: ['208', '05', '05'] },
          name: '机关事业单位基本养老保险缴费支出',
          cells: [
            { column: '合计', figure: money(174_780_400) },
            { column: '财政拨款收入', figure: money(174_780_400) },
            { column: '事业收入' },
          ],
          line: 180,
        },
        { kind: 'total', name: '合计', cells: [{ column: '合计', figure: money(8_496_652_198) }], line: 198 },
      ],
    },
  ],
  otherInformation: {},
  projects: [
    { name: '非编人员经费项目', parts: {}, annualAmount: money(1_298_770_800), paymentSchedule: [], breakdown: [], line: 497 },
    { name: '', parts: {}, paymentSchedule: [], breakdown: [], line: 778 },
  ],
};

describe('budget export views', () => {
  it('has one row per non-empty cell, codes single-spaced, money in 元 with two decimals', () => {
    expect(budgetCellsView(budget).rows).toEqual([
      ['上海市松江区行政服务中心', '2025', '部门收入预算总表', '208 05 05', '机关事业单位基本养老保险缴费支出', '合计', '1747804.00'],
      ['上海市松江区行政服务中心', '2025', '部门收入预算总表', '208 05 05', '机关事业单位基本养老保险缴费支出', '财政拨款收入', '1747804.00'],
      ['上海市松江区行政服务中心', '2025', '部门收入预算总表', '', '合计', '合计', '84966521.98'],
    ]);
  });

  it('lists projects with their annual amount (empty when none is stated)', () => {
    expect(budgetProjectsView(budget).rows).toEqual([
      ['上海市松江区行政服务中心', '2025', '非编人员经费项目', '12987708.00'],
      ['上海市松江区行政服务中心', '2025', '', ''],
    ]);
  });

  it('has no indicators', () => {
    expect(exportView({ kind: 'budget-disclosure', document: budget }, 'indicators')).toBeUndefined();
  });
});

const declaration: PerformanceDeclaration = {
  kind: 'performance-declaration',
  header: { department: '上海市松江区科技创新服务中心', year: 2024, line: 1 },
  projects: [
    {
      form: {
        ordinal: 1,
        year: 2024,
        name: '编外人员 工作经费',
        funds: { total: money(144_340_000) },
        indicators: [
          { level1: '产出指标', level2: '数量指标', level3: '人员数', target: { operator: '=', value: '12.00', unit: '人' }, raw: '=12.00(人)', line: 60 },
          { level1: '效益指标', level2: '社会效益指标', level3: '制度', target: { text: '健 全' }, raw: '健 全', line: 61 },
        ],
        line: 40,
      },
    },
  ],
};

describe('performance declaration export views', () => {
  it('lists each form’s 项目资金总额', () => {
    expect(declarationProjectsView(declaration).rows).toEqual([['上海市松江区科技创新服务中心', '2024', '编外人员工作经费', '1443400.00']]);
  });

  it('lists indicators with operator/value/unit or text, and the formatted target', () => {
    expect(declarationIndicatorsView(declaration).rows).toEqual([
      ['上海市松江区科技创新服务中心', '2024', '编外人员工作经费', '产出指标', '数量指标', '人员数', '=', '12.00', '人', '', '=12.00(人)'],
      ['上海市松江区科技创新服务中心', '2024', '编外人员工作经费', '效益指标', '社会效益指标', '制度', '', '', '', '健 全', '健全'],
    ]);
  });

  it('has no table cells', () => {
    expect(exportView({ kind: 'performance-declaration', document: declaration }, 'cells')).toBeUndefined();
  });
});
