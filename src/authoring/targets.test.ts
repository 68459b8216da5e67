import { describe, expect, it } from 'vitest';
import { checkCodeName, leafChoices, namesFor } from './codes.ts';
import { checkTarget } from './targets.ts';

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
