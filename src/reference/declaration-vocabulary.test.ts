import { describe, expect, it } from 'vitest';
import { DECLARATION_TITLES, FORM_LABELS, INDICATOR_HEADERS, isIndicatorTableOpener, normaliseDeclarationText } from './declaration-vocabulary.ts';

describe('the declaration vocabulary', () => {
  const entries = [...DECLARATION_TITLES, ...FORM_LABELS, ...INDICATOR_HEADERS];

  it('writes every entry in the normalised form the readers compare with', () => {
    for (const e of entries) expect(normaliseDeclarationText(e.text)).toBe(e.text);
  });

  it('says where every variant was seen, and lists each once', () => {
    for (const e of entries) expect(e.seen.trim()).not.toBe('');
    expect(new Set(entries.map((e) => e.text)).size).toBe(entries.length);
  });

  it('opens the indicator table at 一级指标 and at its wrapped heads only', () => {
    expect(['一级指标', '一 级 指 标', '一级指', '一级'].map(isIndicatorTableOpener)).toEqual([true, true, true, true]);
    expect(['一', '二级指标', '一级指标值', '标'].map(isIndicatorTableOpener)).toEqual([false, false, false, false]);
  });
});
