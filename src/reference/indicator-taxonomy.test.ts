import { describe, expect, it } from 'vitest';
import { INDICATOR_TAXONOMY, INDICATOR_TAXONOMY_SOURCE, belongsTo, isLegacyPlacement, isLevel1Name, isLevel2Name, level1Of } from './indicator-taxonomy.ts';

describe('indicator taxonomy', () => {
  it('names its source and the four 一级 categories', () => {
    expect(INDICATOR_TAXONOMY_SOURCE).toBe('财预〔2021〕101号');
    expect(INDICATOR_TAXONOMY.map((c) => c.name)).toEqual(['产出指标', '效益指标', '满意度指标', '成本指标']);
  });

  it.each([
    ['数量指标', '产出指标'],
    ['时效指标', '产出指标'],
    ['可持续影响指标', '效益指标'],
    ['服务对象满意度指标', '满意度指标'],
    ['经济成本指标', '成本指标'],
    ['生态环境成本指标', '成本指标'],
  ])('%s belongs to %s', (level2, level1) => {
    expect(level1Of(level2)).toBe(level1);
    expect(belongsTo(level1, level2)).toBe(true);
  });

  it('accepts the older placement of 成本指标 under 产出指标', () => {
    expect(isLegacyPlacement('产出指标', '成本指标')).toBe(true);
    expect(belongsTo('产出指标', '成本指标')).toBe(true);
    expect(isLevel1Name('成本指标')).toBe(true);
  });

  it('rejects misplacements and unknown names, ignoring layout spaces', () => {
    expect(belongsTo('效益指标', '数量指标')).toBe(false);
    expect(level1Of('创新指标')).toBeUndefined();
    expect(isLevel2Name('社会效益 指标')).toBe(true);
    expect(isLevel1Name('满 意 度 指 标')).toBe(true);
  });
});
