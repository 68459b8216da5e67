import { describe, expect, it } from 'vitest';
import { percentHundredths } from './compare.ts';

describe('percentHundredths', () => {
  it('rounds half away from zero, in integers', () => {
    // A change of 4,565.466768万元 on a base of 3,931.185430万元: 116.134…% → 116.13%.
    expect(percentHundredths(456_546_676_8, 393_118_543_0)).toBe(11613);
    expect(percentHundredths(1, 8)).toBe(1250);
    expect(percentHundredths(1, 20_000)).toBe(1); // 0.005% → 0.01%
    expect(percentHundredths(-1, 20_000)).toBe(-1);
    expect(percentHundredths(1, 20_001)).toBe(0);
    expect(percentHundredths(-50, 100)).toBe(-5000);
    expect(percentHundredths(5, 0)).toBeUndefined();
  });
});
