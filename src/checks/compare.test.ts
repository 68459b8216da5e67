import { describe, expect, it } from 'vitest';
import { fen, parseWanYuan, parseYuan, type MoneyFigure } from '#domain/index.ts';
import { agreeBothRounded, agrees, computePercentText, halfUnit, percentAgrees, showMoney } from './compare.ts';

const wan = (raw: string): MoneyFigure => ({ amount: parseWanYuan(raw)!, raw, unit: '万元', source: { line: 1 } });
const yuan = (raw: string): MoneyFigure => ({ amount: parseYuan(raw)!, raw, unit: '元', source: { line: 1 } });

describe('comparisons', () => {
  it.each([
    ['8,496.652198', '84,966,521.98', true],
    ['10.216', '102,160.00', true],
    ['15621.11', '156,211,123', true], // 15621.1123 rounds to 15621.11
    ['15621.12', '156,211,123', false],
    ['0.60', '6,000.00', true],
    ['0.6', '6,500.00', false], // 0.65 rounds half-up to 0.7
  ])('万元 %s agrees with %s元: %s', (w, y, ok) => {
    expect(agrees(wan(w), parseYuan(y)!)).toBe(ok);
  });

  it('reads 元 figures exactly', () => {
    expect(agrees(yuan('6,000.00'), fen(600000))).toBe(true);
    expect(agrees(yuan('6,000.00'), fen(600001))).toBe(false);
  });

  it('knows how far rounding can move a printed figure, and that a printed zero is zero', () => {
    expect(halfUnit(wan('25.77'))).toBe(5000); // 0.005万元 = 50元
    expect(halfUnit(wan('8,496.652198'))).toBe(0);
    expect(halfUnit(wan('0.00'))).toBe(0);
    expect(halfUnit(yuan('3,296,600'))).toBe(50);
    expect(agreeBothRounded(wan('350.35'), wan('350.3499'))).toBe(true);
    expect(agreeBothRounded(wan('350.35'), wan('352.67'))).toBe(false);
  });

  it.each([
    // stated, change, base, slack → agrees
    [11613, '4,565.466768', '3,931.18543', true], // 116.13%
    [11614, '4,565.466768', '3,931.18543', true], // within ±0.01
    [11616, '4,565.466768', '3,931.18543', false],
    [5714, '34.36', '60.13', true], // 25.77 vs 60.13: −57.14%
    [5814, '34.36', '60.13', false],
  ])('percent %i%% of change %s over %s: %s', (stated, change, base, ok) => {
    expect(percentAgrees(stated, parseWanYuan(change)!, parseWanYuan(base)!)).toBe(ok);
  });

  it('allows for rounding of the amounts a percent was computed from', () => {
    // 0.39 over 0.31 printed: 25.81%; the true figures may have been 0.3149 and 0.3851.
    const change = parseWanYuan('0.08')!;
    const base = parseWanYuan('0.31')!;
    expect(percentAgrees(2229, change, base)).toBe(false);
    expect(percentAgrees(2229, change, base, { change: 10000, base: 5000 })).toBe(true);
    expect(percentAgrees(9000, change, base, { change: 10000, base: 5000 })).toBe(false);
  });

  it('does not judge a percent over a zero base', () => {
    expect(percentAgrees(10000, parseWanYuan('25.00')!, fen(0))).toBe(true);
  });

  it('computes percents with integer arithmetic, half-up', () => {
    expect(computePercentText(parseWanYuan('4,565.466768')!, parseWanYuan('3,931.18543')!)).toBe('116.13');
    expect(computePercentText(fen(1), fen(8))).toBe('12.50');
  });

  it('shows money in its own unit and in 元', () => {
    expect(showMoney(parseWanYuan('8,496.652198')!, '8,496.652198', '万元')).toBe('8,496.652198万元（84,966,521.98元）');
    expect(showMoney(parseYuan('94,995,790')!, '94,995,790')).toBe('94,995,790.00元');
  });
});
