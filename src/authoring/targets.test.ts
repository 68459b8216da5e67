import { describe, expect, it } from 'vitest';
import { checkCodeName, leafChoices, namesFor } from './codes.ts';
import { checkTarget } from './targets.ts';
import type { BudgetDraft, DraftIndicator } from './draft.ts';
import { recompute } from './live.ts';
import { nextYearDraft } from './from-disclosure.ts';
import type { Fen } from '#domain/index.ts';

describe('indicator target grammar', () => {
  it.each(['≥90%', '≤20万元', '=12次', '>=95%', '2024年12月31日前', '2025年6月前', '健全', '有效提升'])('accepts %s', (t) => {
    expect(checkTarget(t)).toBeUndefined();
  });
  it.each([
    ['', '为空'],
    ['≥90', '缺少计量单位'],
    ['≥120%', '超过100%'],
    ['≥九成', '运算符'],
    ['2024年底左右', '时限'],
    ['XX完成', '模板'],
  ])('refuses %s (%s)', (t, why) => {
    expect(checkTarget(t)).toContain(why);
  });
});

describe('code pickers from the year’s catalogue', () => {
  it('fills in every level’s name', () => {
    expect(namesFor('functional', 2025, '208 05 05')).toEqual(['社会保障和就业支出', '行政事业单位养老支出', '机关事业单位基本养老保险缴费支出']);
    expect(namesFor('economic', 2025, '302 17')).toEqual(['商品和服务支出', '公务接待费']);
    expect(leafChoices('functional', 2025).every((c) => c.code.split(' ').length === 3 && c.names.length === 3)).toBe(true);
  });
  it('refuses a name that is outdated in the draft’s year, accepts it in its own year', () => {
    const r = checkCodeName('functional', 2025, '210', '医疗卫生与计划生育支出');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.expected).toBe('卫生健康支出');
    expect(checkCodeName('functional', 2018, '210', '医疗卫生与计划生育支出').ok).toBe(true);
  });
});

describe('indicator findings in a draft', () => {
  const base = {
    level: 'department' as const,
    year: 2025,
    district: '上海市测试区',
    department: '测试局',
    lines: [],
    economic: [],
    classPublic: {},
    threePublic: { abroad: 0, reception: 0, vehiclePurchase: 0, vehicleOperation: 0, operatingCosts: 0 },
    reasons: {},
    sections: {},
  } as unknown as BudgetDraft;
  const withIndicators = (indicators: DraftIndicator[]): BudgetDraft => ({ ...base, projects: [{ name: '测试项目', amount: 0 as Fen, parts: {}, indicators }] });
  const indicatorFindings = (d: BudgetDraft) => recompute(d).findings.filter((f) => f.rule === 'authoring.indicator-target');

  it('accepts indicators placed in the taxonomy with targets in the grammar', () => {
    expect(indicatorFindings(withIndicators([
      { level1: '产出指标', level2: '数量指标', level3: '巡检次数', target: '=12次' },
      { level1: '满意度指标', level2: '服务对象满意度指标', level3: '企业满意度', target: '≥90%' },
      { level1: '产出指标', level2: '时效指标', level3: '完成时间', target: '2025年12月31日前' },
    ]))).toEqual([]);
  });
  it('reports a 二级 under the wrong 一级, a missing name and a target outside the grammar, each at its indicator', () => {
    const found = indicatorFindings(withIndicators([
      { level1: '效益指标', level2: '数量指标', level3: '巡检次数', target: '=12次' },
      { level1: '产出指标', level2: '数量指标', level3: '', target: '≥90' },
    ]));
    expect(found.map((f) => f.location?.field)).toEqual(['indicator:0:0', 'indicator:0:1', 'indicator:0:1']);
    expect(found[0]!.message).toContain('不属于一级指标“效益指标”');
    expect(found[2]!.message).toContain('缺少计量单位');
  });
});

describe('code names in a draft', () => {
  const line = (names: string[]) => ({ code: '210 11 01', names, amounts: { 'basic.general': 100 as Fen }, purpose: '行政单位医疗' });
  const draft = (year: number, names: string[]): BudgetDraft =>
    ({
      level: 'department',
      year,
      district: '上海市测试区',
      department: '测试局',
      lines: [line(names)],
      economic: [],
      classPublic: {},
      threePublic: { abroad: 0, reception: 0, vehiclePurchase: 0, vehicleOperation: 0, operatingCosts: 0 },
      projects: [],
      reasons: {},
      sections: {},
    }) as unknown as BudgetDraft;
  const codeNameFindings = (d: BudgetDraft) => recompute(d).findings.filter((f) => f.rule === 'authoring.code-name');

  it('an outdated 类 name is an error finding naming the year’s name; next year’s draft takes the new name', () => {
    const old = draft(2019, ['医疗卫生与计划生育支出', '行政事业单位医疗', '行政单位医疗']);
    const found = codeNameFindings(old);
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('error');
    expect(found[0]!.message).toContain('卫生健康支出');
    expect(codeNameFindings(draft(2018, ['医疗卫生与计划生育支出', '行政事业单位医疗', '行政单位医疗']))).toEqual([]);
    const next = nextYearDraft(draft(2018, ['医疗卫生与计划生育支出', '行政事业单位医疗', '行政单位医疗']));
    expect(next.lines[0]!.names[0]).toBe('卫生健康支出');
    expect(codeNameFindings(next)).toEqual([]);
  });
});
