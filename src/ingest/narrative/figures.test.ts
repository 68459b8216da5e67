import { describe, expect, it } from 'vitest';
import { moneyAt, readChangeAt } from './figures.ts';
import { narrativeOf } from './testing.ts';

/** Read the change stated right after `AMOUNT` in a sentence. */
const changeAfter = (sentence: string) => {
  const ctx = narrativeOf(sentence.replace('AMOUNT', ''));
  const at = sentence.indexOf('AMOUNT');
  return { read: readChangeAt(ctx, at, { field: 'f' }), sink: ctx.sink };
};

describe('readChangeAt', () => {
  it('reads an amount and a percent against last year’s budget (corpus wording)', () => {
    const { read } = changeAfter('财政拨款收入8,496.652198万元AMOUNT，比2024年预算增加4,565.466768万元，增长116.13%；事业收入');
    expect(read?.change).toMatchObject({
      comparedYear: 2024,
      basis: 'budget',
      direction: '增加',
      amount: { amount: 4_565_466_768, unit: '万元', raw: '4,565.466768' },
      percent: { hundredths: 11613, raw: '116.13' },
      percentDirection: '增长',
    });
  });

  it.each([
    ['与2024年预算持平', '持平'],
    ['比2024年预算持平', '持平'],
    ['较上年减少', '减少'],
  ])('reads a bare direction: %s', (words, direction) => {
    const { read } = changeAfter(`政府性基金拨款支出预算0.00万元AMOUNT，${words}；`);
    expect(read?.change.direction).toBe(direction);
    expect(read?.change.amount).toBeUndefined();
  });

  it('keeps the year absent when the text says 上年', () => {
    const { read } = changeAfter('收入预算8,496.652198万元AMOUNT，比上年增加4,565.466768万元，增长116.13%，主要原因是机构改革。');
    expect(read?.change.comparedYear).toBeUndefined();
    expect(read?.change.reason?.text).toBe('机构改革');
  });

  it('reads a comparison with last year’s execution as a percent (2024 Putuo, 2026 wording)', () => {
    const { read } = changeAfter('2026年预算安排25.77万元AMOUNT，比2025年预算执行数增加57.14%。主要原因是：项目调整。');
    expect(read?.change).toMatchObject({ comparedYear: 2025, basis: 'execution', direction: '增加', percent: { hundredths: 5714 } });
    expect(read?.change.amount).toBeUndefined();
    expect(read?.change.reason?.text).toBe('项目调整');
  });

  it('reads a change after a full stop (`公务接待费1.35万元。比2024年预算持平`)', () => {
    const { read } = changeAfter('公务接待费1.35万元AMOUNT。比2024年预算持平，主要原因是公务接待费保持不变。');
    expect(read?.change).toMatchObject({ direction: '持平', reason: { text: '公务接待费保持不变' } });
  });

  it('reads whole-万元 amounts and amounts in 元', () => {
    expect(changeAfter('37.91万元AMOUNT，比2024年预算减少10万元。').read?.change.amount?.amount).toBe(10_000_000);
    expect(changeAfter('X万元AMOUNT，比2024年预算减少1,000.50元。').read?.change.amount).toMatchObject({ amount: 100050, unit: '元' });
  });

  it.each([
    ['公务接待费1.2万元AMOUNT，同比下降20%。', '下降', undefined, 2000],
    ['公务接待费1.2万元AMOUNT，较上年度减少0.3万元，下降20%。', '减少', 300_000, 2000],
    ['收入预算100万元AMOUNT，与上年相比增加10万元，增长11.11%。', '增加', 1_000_000_0, 1111],
  ])('reads other districts’ wording: %s', (sentence, direction, amount, percent) => {
    const c = changeAfter(sentence).read?.change;
    expect(c?.direction).toBe(direction);
    expect(c?.amount?.amount).toBe(amount);
    expect(c?.percent?.hundredths).toBe(percent);
  });

  it('finds nothing when no comparison follows', () => {
    expect(changeAfter('事业收入0.00万元AMOUNT；事业单位经营收入0.00万元').read).toBeUndefined();
  });

  it('reports an unreadable percent instead of guessing', () => {
    const { read, sink } = changeAfter('1万元AMOUNT，比2024年预算增加1万元，增长1.234%');
    expect(read?.change.percent).toBeUndefined();
    expect(sink.items.map((d) => d.code)).toEqual(['figure-unreadable']);
  });
});

describe('moneyAt', () => {
  it('respects the unit written', () => {
    const ctx = narrativeOf('x');
    expect(moneyAt(ctx, '0.00', '元', 0)?.unit).toBe('元');
    expect(moneyAt(ctx, '8,496.652198', '万元', 0)?.amount).toBe(8_496_652_198);
  });
  it('reports figures with more precision than 分', () => {
    const ctx = narrativeOf('x');
    expect(moneyAt(ctx, '1.2345678', '万元', 0)).toBeUndefined();
    expect(ctx.sink.items[0]?.code).toBe('figure-unreadable');
  });
});
