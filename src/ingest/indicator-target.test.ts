import { describe, expect, it } from 'vitest';
import { formatTarget } from '#domain/index.ts';
import { looksLikeValue, normaliseTarget } from './indicator-target.ts';

describe('normaliseTarget', () => {
  const quantified: ReadonlyArray<[string, string, string, string]> = [
    // raw, operator, value, unit
    ['≥90.00(%)', '≥', '90.00', '%'],
    ['=12.00(次)', '=', '12.00', '次'],
    ['≤50.00(元/册)', '≤', '50.00', '元/册'],
    ['≤4.00(小时)', '≤', '4.00', '小时'],
    ['=700.00(元/月)', '=', '700.00', '元/月'],
    ['≥101.00(人次/场)', '≥', '101.00', '人次/场'],
    ['$\\geq 85.00\\%$', '≥', '85.00', '%'],
    ['$\\leq 5.00$(次)', '≤', '5.00', '次'],
    ['≥９０．００（％）', '≥', '90.00', '%'],
    ['＝１２．００（次）', '=', '12.00', '次'],
    ['>=90.00(%)', '≥', '90.00', '%'],
    ['=>90.00(%)', '≥', '90.00', '%'],
    ['<=3.00(分钟)', '≤', '3.00', '分钟'],
    ['≧95(%)', '≥', '95', '%'],
    ['≦95(%)', '≤', '95', '%'],
    ['>0(个)', '>', '0', '个'],
    ['<2.5(天)', '<', '2.5', '天'],
    ['≥ 9 0 . 0 0 ( % )', '≥', '90.00', '%'],
    ['<b>≥90.00(%)</b>', '≥', '90.00', '%'],
    ['≥85.00%', '≥', '85.00', '%'],
    ['=1,000.00(元)', '=', '1000.00', '元'],
    ['=12.00', '=', '12.00', ''],
  ];
  it.each(quantified)('reads %s as a quantified target', (raw, operator, value, unit) => {
    expect(normaliseTarget(raw)).toEqual({ operator, value, unit });
  });

  const qualitative: ReadonlyArray<[string, string]> = [
    ['健全', '健全'],
    ['良 好', '良好'],
    ['全年≤5次', '全年≤5次'],
    ['全年 $\\leq$ 5次', '全年≤5次'],
    ['控制于预算内', '控制于预算内'],
    ['2024年10月前', '2024年10月前'],
    ['全年稳定运行率 ≥ 95%', '全年稳定运行率≥95%'],
    ['按计划及时完成', '按计划及时完成'],
    ['', ''],
  ];
  it.each(qualitative)('keeps %s as text %s', (raw, text) => {
    expect(normaliseTarget(raw)).toEqual({ text });
  });

  it('formats back to the printed form', () => {
    expect(formatTarget(normaliseTarget('$\\geq 85.00\\%$'))).toBe('≥85.00(%)');
    expect(formatTarget(normaliseTarget('达 标'))).toBe('达标');
  });
});

describe('looksLikeValue', () => {
  it.each(['≥90.00(%)', '全年≤5次', '全年稳定运行率≥95%', '=2.00(个)'])('%s looks like a value', (c) => {
    expect(looksLikeValue(c)).toBe(true);
  });
  it.each(['用户驻场服务的投诉次数', '健全', '2024年10月前', '完成运维报告数量'])('%s does not', (c) => {
    expect(looksLikeValue(c)).toBe(false);
  });
});
