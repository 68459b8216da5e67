import { describe, expect, it } from 'vitest';
import { DiagnosticSink, at, formatTarget } from '#domain/index.ts';
import { readIndicatorTable } from './indicator-table.ts';

/** Rows of tab-separated cells → the cell stream the reader sees (empty cells dropped, as converters do). */
const read = (rows: readonly string[]) => {
  const sink = new DiagnosticSink();
  const cells = rows.flatMap((r, i) =>
    r
      .split('\t')
      .filter((c) => c.trim() !== '')
      .map((text) => ({ text, line: i + 1 })),
  );
  const indicators = readIndicatorTable(cells, { sink, locate: (line, field) => at(line, { section: 'performance-form', field }) });
  return { indicators, codes: sink.items.map((d) => d.code), sink };
};
const summary = (r: ReturnType<typeof read>) => r.indicators.map((i) => [i.level1, i.level2, i.level3, formatTarget(i.target)]);

describe('readIndicatorTable', () => {
  it('joins a short fragment to a qualitative target cut short when the name before it is whole, else to the name', () => {
    const r = read([
      '产出指标\t时效指标\t设备故障维修完成及时率\t2024年10月',
      '\t\t\t前',
      '\t\t设施设备应急制度健\t健全',
      '\t\t全性',
      '成本指标\t经济成本指标\t服务费用\t控制于预算',
      '\t\t\t内',
    ]);
    expect(summary(r)).toEqual([
      ['产出指标', '时效指标', '设备故障维修完成及时率', '2024年10月前'],
      ['产出指标', '时效指标', '设施设备应急制度健全性', '健全'],
      ['成本指标', '经济成本指标', '服务费用', '控制于预算内'],
    ]);
  });

  it('carries 一级 and 二级 down and takes a 二级 in the 一级 column at its word', () => {
    const r = read([
      '\t一级指标\t二级指标\t三级指标\t年度(/项目)指标值',
      '绩效指标\t产出指标\t数量指标\t全年发放餐费\t=4.32(万元)',
      '\t\t\t一次性体检费\t=0.81(万元)',
      '\t时效指标\t及时安排体检\t2024年10月前\t',
      '满意度指标\t服务对象满意度指标\t员工满意度\t≥90.00(%)',
    ]);
    expect(summary(r)).toEqual([
      ['产出指标', '数量指标', '全年发放餐费', '=4.32(万元)'],
      ['产出指标', '数量指标', '一次性体检费', '=0.81(万元)'],
      ['产出指标', '时效指标', '及时安排体检', '2024年10月前'],
      ['满意度指标', '服务对象满意度指标', '员工满意度', '≥90.00(%)'],
    ]);
    expect(r.codes).toEqual([]);
  });

  it('rejoins categories split over lines and a 三级 name wrapped onto the next line', () => {
    const r = read([
      '绩\t产\t数量\t设备耗材采购完成率\t=100.00(%)',
      '效 指 标\t出 指 标\t指标\t设备故障维修率\t=100.00(%)',
      '\t可持续影\t\t设施设备应急制度健\t健全',
      '\t\t响指标\t全性\t',
    ]);
    expect(summary(r)).toEqual([
      ['产出指标', '数量指标', '设备耗材采购完成率', '=100.00(%)'],
      ['产出指标', '数量指标', '设备故障维修率', '=100.00(%)'],
      ['效益指标', '可持续影响指标', '设施设备应急制度健全性', '健全'],
    ]);
    expect(r.codes).toEqual(['indicator-fragment-joined']);
  });

  it('re-pairs a value that lands where a name belongs, and says the pairing is ambiguous', () => {
    const r = read([
      '\t\t效益指标\t社会效益指标\t支撑为民服务平台稳定运行',
      '\t用户驻场服务的投诉次数\t\t\t≤5.00(次)',
    ]);
    expect(summary(r)).toEqual([
      ['效益指标', '社会效益指标', '支撑为民服务平台稳定运行', ''],
      ['效益指标', '社会效益指标', '用户驻场服务的投诉次数', '≤5.00(次)'],
    ]);
    expect(r.codes).toEqual(['indicator-value-ambiguous']);
  });

  it('keeps and reports an indicator under a misplaced or unknown category', () => {
    const misplaced = read(['效益指标\t数量指标\t巡检次数\t=12.00(次)']);
    expect(summary(misplaced)).toEqual([['效益指标', '数量指标', '巡检次数', '=12.00(次)']]);
    expect(misplaced.codes).toEqual(['indicator-category-misplaced']);
    const unknown = read(['产出指标\t创新指标\t专利数量\t≥2.00(件)']);
    expect(summary(unknown)).toEqual([['产出指标', '创新指标', '专利数量', '≥2.00(件)']]);
    expect(unknown.codes).toEqual(['indicator-category-unknown']);
  });

  it('reads 成本指标 under 产出指标 as the older placement and as a 一级 when its own 二级 follows', () => {
    const legacy = read(['产出指标\t数量指标\t场次\t=4.00(场)', '\t成本指标\t人均成本\t≤50.00(元/人)']);
    expect(summary(legacy)[1]).toEqual(['产出指标', '成本指标', '人均成本', '≤50.00(元/人)']);
    const current = read(['成本指标\t经济成本指标\t服务费用\t控制于预算内']);
    expect(summary(current)).toEqual([['成本指标', '经济成本指标', '服务费用', '控制于预算内']]);
    expect([...legacy.codes, ...current.codes]).toEqual([]);
  });

  it('reports a name with no value at the end of the table', () => {
    const r = read(['满意度指标\t服务对象满意度指标\t用户满意度']);
    expect(summary(r)).toEqual([['满意度指标', '服务对象满意度指标', '用户满意度', '']]);
    expect(r.codes).toEqual(['indicator-value-missing']);
  });
});
