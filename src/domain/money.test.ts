import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addFen, agreesAtPrecision, fen, formatWanYuan, formatYuan, formatYuanGrouped, parseWanYuan, parseYuan, sumFen } from './money.ts';

describe('parseYuan', () => {
  it.each([
    ['84,966,521.98', 8_496_652_198],
    ['3,296,600', 329_660_000],
    ['0', 0],
    ['0.00', 0],
    ['1,747,804.00', 174_780_400],
    ['６，０００．００', 600_000],
    ['-1,234.5', -123_450],
    ['1.500', 150],
  ])('reads %s 元 as %i 分', (raw, expected) => {
    expect(parseYuan(raw)).toBe(expected);
  });

  it.each(['', 'abc', '1,23', '1.234', '12,34,567', '1e5', '--1'])('rejects %j', (raw) => {
    expect(parseYuan(raw)).toBeUndefined();
  });
});

describe('parseWanYuan', () => {
  it.each([
    ['8,496.652198', 8_496_652_198],
    ['10.216', 10_216_000],
    ['0.156', 156_000],
    ['2,600.00', 2_600_000_000],
    ['3130.631', 3_130_631_000],
    ['15', 15_000_000],
  ])('reads %s 万元 as %i 分', (raw, expected) => {
    expect(parseWanYuan(raw)).toBe(expected);
  });

  it('rejects a seventh decimal (finer than one 分)', () => {
    expect(parseWanYuan('1.0000001')).toBeUndefined();
  });

  it('agrees with 元 digit by digit for every amount (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_000_000_000_000 }), (n) => {
        const f = fen(n);
        expect(parseYuan(formatYuanGrouped(f))).toBe(n);
        expect(parseWanYuan(formatWanYuan(f, { grouped: true }))).toBe(n);
        expect(parseWanYuan(formatWanYuan(f, { decimals: 6 }))).toBe(n);
      }),
    );
  });
});

describe('formatting', () => {
  it('prints 元 for CSV and official tables', () => {
    expect(formatYuan(fen(174_780_400))).toBe('1747804.00');
    expect(formatYuan(fen(5))).toBe('0.05');
    expect(formatYuan(fen(-5))).toBe('-0.05');
    expect(formatYuanGrouped(fen(8_496_652_198))).toBe('84,966,521.98');
  });

  it('prints 万元 shortest-exact or rounded half-up', () => {
    expect(formatWanYuan(fen(8_496_652_198), { grouped: true })).toBe('8,496.652198');
    expect(formatWanYuan(fen(10_216_000))).toBe('10.216');
    expect(formatWanYuan(fen(15_000_000))).toBe('15.00');
    expect(formatWanYuan(fen(189_767_551_00), { decimals: 2 })).toBe('18976.76');
    expect(formatWanYuan(fen(5_000), { decimals: 2 })).toBe('0.01');
    expect(formatWanYuan(fen(4_999), { decimals: 2 })).toBe('0.00');
  });
});

describe('agreesAtPrecision', () => {
  it('accepts a 万元 figure rounded half-up to its printed decimals', () => {
    // 189,767,551 元 printed as 18,976.76 万元
    expect(agreesAtPrecision(parseWanYuan('18976.76')!, parseYuan('189,767,551')!, 2)).toBe(true);
    expect(agreesAtPrecision(parseWanYuan('18976.75')!, parseYuan('189,767,551')!, 2)).toBe(false);
    expect(agreesAtPrecision(parseWanYuan('0.60')!, parseYuan('6,000.00')!, 2)).toBe(true);
  });
});

describe('sums', () => {
  it('adds exactly and refuses to overflow', () => {
    expect(sumFen([fen(1), fen(2), fen(3)])).toBe(6);
    expect(() => addFen(fen(Number.MAX_SAFE_INTEGER), fen(1))).toThrow(/safe integer/);
  });
});
