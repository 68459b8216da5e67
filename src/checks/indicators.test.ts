import { describe, expect, it } from 'vitest';
import type { PerformanceDeclaration, SourceLocation } from '#domain/index.ts';
import { checkDocuments } from './index.ts';
import { buildDeclaration, locatedAt, mutable, reprint, wanFigure, type Mutable } from './testing.ts';

type Case = { name: string; rule: string; mutate: (d: Mutable<PerformanceDeclaration>) => void; at?: Partial<SourceLocation>; severity?: string };

const run = (d: PerformanceDeclaration) => checkDocuments([{ kind: 'performance-declaration', document: d, name: 'd' }]);
const f0 = (d: Mutable<PerformanceDeclaration>) => d.projects[0]!.form!;
const i0 = (d: Mutable<PerformanceDeclaration>, level3: string) => f0(d).indicators.find((i) => i.level3 === level3)!;

const cases: Case[] = [
  { name: 'fiscal + other off the total', rule: 'indicators.funds-total-equals-parts', mutate: (d) => (f0(d).funds.fiscal = reprint(f0(d).funds.fiscal!, '290,000.00')), at: { project: '机房维保', field: '项目资金总额' } },
  { name: 'carry-over breaks the annual sum', rule: 'indicators.annual-funds-equal-parts', mutate: (d) => (f0(d).funds.carryOver = reprint(f0(d).funds.carryOver!, '1.00')), at: { project: '机房维保', field: '年度资金申请总额' } },
  { name: 'explanation amount off the form', rule: 'indicators.explanation-equals-form', mutate: (d) => (d.projects[0]!.explanation!.annualAmount = reprint(d.projects[0]!.explanation!.annualAmount!, '31.00')), at: { project: '机房维保' } },
  { name: 'count off', rule: 'indicators.summary-equals-projects', mutate: (d) => (d.summary!.projects!.value = 3) },
  { name: 'money off', rule: 'indicators.summary-equals-projects', mutate: (d) => (d.summary!.amount = wanFigure('40.00', { section: 'performance-summary' })) },
  { name: 'end date next year', rule: 'indicators.planned-dates-in-year', mutate: (d) => (f0(d).plannedEnd = '2025-01-31'), severity: 'warning', at: { project: '机房维保', field: '计划完成日期' } },
  { name: 'no 成本指标', rule: 'indicators.all-level1-present', mutate: (d) => void f0(d).indicators.pop(), severity: 'warning' },
  { name: '社会效益 under 产出', rule: 'indicators.level2-under-level1', mutate: (d) => (i0(d, '巡检次数').level2 = '社会效益指标'), severity: 'warning', at: { project: '机房维保' } },
  { name: 'only qualitative 数量指标', rule: 'indicators.quantified-outputs', mutate: (d) => (i0(d, '巡检次数').target = { text: '完成' }), severity: 'warning' },
  { name: '120%', rule: 'indicators.percent-range', mutate: (d) => (i0(d, '验收合格率').target = { operator: '=', value: '120.00', unit: '%' }), at: { project: '机房维保' } },
  { name: '“满意”', rule: 'indicators.satisfaction-quantified', mutate: (d) => (i0(d, '用户满意度').target = { text: '满意' }), severity: 'warning' },
  { name: 'a repeated indicator', rule: 'indicators.duplicate', mutate: (d) => void f0(d).indicators.push({ ...i0(d, '巡检次数'), line: 999 }), severity: 'warning', at: { line: 999 } },
  { name: '“及时”', rule: 'indicators.vague-target', mutate: (d) => (i0(d, '故障响应时间').target = { text: '及时' }), severity: 'warning' },
  { name: 'money as output', rule: 'indicators.input-as-output', mutate: (d) => (i0(d, '巡检次数').target = { operator: '=', value: '139.20', unit: '万元' }), severity: 'warning' },
  {
    name: 'explanation period crossing years',
    rule: 'indicators.period-agrees-with-form',
    mutate: (d) => (d.projects[0]!.explanation!.period = { ...d.projects[0]!.explanation!.period!, start: '2024-08', end: '2025-07', raw: '2024年8月-2025年7月' }),
    severity: 'info',
  },
];

describe('indicator rules', () => {
  it('find nothing on a consistent declaration', () => {
    expect(run(buildDeclaration())).toEqual([]);
  });

  it.each(cases)('$rule fires on $name', ({ rule, mutate, at, severity }) => {
    const d = mutable(buildDeclaration());
    mutate(d);
    const hits = run(d as PerformanceDeclaration).filter((f) => f.rule === rule);
    expect(hits.length).toBeGreaterThan(0);
    if (at) expect(hits.some((f) => locatedAt(f.location, at))).toBe(true);
    expect(hits[0]?.severity).toBe(severity ?? 'error');
  });

  it('reads 万元 estimates at their precision against 元 forms', () => {
    const d = mutable(buildDeclaration());
    d.projects[0]!.explanation!.estimatedAmount = wanFigure('30.0', { section: 'projects' });
    expect(run(d as PerformanceDeclaration)).toEqual([]);
  });
});
