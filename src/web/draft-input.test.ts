import { describe, expect, it } from 'vitest';
import { parseAmountInput, parsePastedBlock } from './draft-input.ts';

describe('amount input', () => {
  it.each([
    ['1,234.56', '元', 123_456],
    ['1234.5', '元', 123_450],
    ['12.5万', '元', 12_500_000],
    ['12.5 万元', '元', 12_500_000],
    ['8,496.652198', '万元', 8_496_652_198],
    ['100元', '万元', 10_000],
    ['', '元', 0],
    ['１２３', '元', 12_300],
  ] as const)('%s in %s → %d 分', (raw, unit, fen) => {
    expect(parseAmountInput(raw, unit)).toEqual({ ok: true, amount: fen });
  });
  it.each([['1.234', '元'], ['1.2345678', '万元'], ['abc', '元'], ['-5', '元']] as const)('refuses %s in %s', (raw, unit) => {
    expect(parseAmountInput(raw, unit).ok).toBe(false);
  });
});

describe('pasted block', () => {
  it('splits Excel rows and cells, keeps empty cells, drops the final line break', () => {
    expect(parsePastedBlock('1\t2\r\n3\t\r\n')).toEqual([['1', '2'], ['3', '']]);
    expect(parsePastedBlock('"1,000.00"')).toEqual([['1,000.00']]);
  });
});
