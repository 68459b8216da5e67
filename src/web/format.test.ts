import { describe, expect, it } from 'vitest';
import { escapeHtml, fenToWanYuanInput, moneyInUnit, signedPercent, signedYuan, wanYuan, wanYuanExact, wanYuanFigure, wanYuanInputToFen, yuan } from './format.ts';

describe('money display from integer 分', () => {
  it.each([
    [3686485448, '36,864,854.48'],
    [0, '0.00'],
    [5, '0.05'],
    [-120000, '-1,200.00'],
  ])('shows %i 分 as %s 元 in tables', (f, text) => expect(yuan(f)).toBe(text));

  it('leaves an absent figure blank in tables', () => expect(yuan(undefined)).toBe(''));

  it('shows summaries in 万元 rounded half-up to two decimals', () => {
    expect(wanYuan(3686485448)).toBe('3,686.49 万元');
    expect(wanYuan(3686445000)).toBe('3,686.45 万元');
    expect(wanYuan(3686444999)).toBe('3,686.44 万元');
    expect(wanYuan(3686485448, 6)).toBe('3,686.485448 万元');
  });

  it('shows 万元 columns without the unit and exact 万元 in its shortest form', () => {
    expect(wanYuanFigure(1897675510)).toBe('1,897.68');
    expect(wanYuanFigure(undefined)).toBe('—');
    expect(wanYuanExact(140000000)).toBe('140.00 万元');
    expect(wanYuanExact(6160000)).toBe('6.16 万元');
    expect(wanYuanExact(3686485448)).toBe('3,686.485448 万元');
  });

  it('signs changes', () => {
    expect(signedYuan(179015926)).toBe('+1,790,159.26');
    expect(signedYuan(-100)).toBe('-1.00');
    expect(signedPercent(11613)).toBe('+116.13%');
    expect(signedPercent(-520)).toBe('-5.20%');
    expect(signedPercent(undefined)).toBe('');
  });
});

describe('amount filter input in 万元', () => {
  it.each([
    ['12.5', 12500000],
    ['1,000', 1000000000],
    ['0.000001', 1],
    ['100', 100000000],
  ])('converts %s 万元 to %i 分 exactly', (text, f) => expect(wanYuanInputToFen(text)).toBe(f));

  it.each(['', '  ', 'abc', '1.0000001', '-3'])('rejects %j', (text) => expect(wanYuanInputToFen(text)).toBeUndefined());

  it('round-trips 分 back to the shortest 万元 text', () => {
    for (const f of [1, 125000000, 1000000000, 3686485448]) expect(wanYuanInputToFen(fenToWanYuanInput(f))).toBe(f);
    expect(fenToWanYuanInput(1000000000)).toBe('1000');
    expect(fenToWanYuanInput(12505000)).toBe('12.505');
  });
});

describe('escapeHtml', () => {
  it('turns markup into text and keeps every printed character', () => {
    expect(escapeHtml('一般公共服务支出<img src=x onerror="alert(1)">')).toBe('一般公共服务支出&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(escapeHtml('＜script＞&lt;b&gt;\'')).toBe('＜script＞&amp;lt;b&amp;gt;&#39;');
  });
});

describe('moneyInUnit', () => {
  it('writes 元 with two decimals and 万元 with the document’s decimals', () => {
    expect(moneyInUnit(15436932600, '元')).toBe('154,369,326.00 元');
    expect(moneyInUnit(15436932600, undefined)).toBe('154,369,326.00 元');
    expect(moneyInUnit(1298770800, '万元')).toBe('1,298.7708 万元');
    expect(moneyInUnit(140000000, '万元')).toBe('140.00 万元');
  });
});
