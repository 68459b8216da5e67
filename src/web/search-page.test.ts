import { describe, expect, it } from 'vitest';
import { markMatches, searchParamsFromQuery } from './search-page.tsx';

describe('search query from the URL', () => {
  it('needs a query and keeps only well-formed filters', () => {
    expect(searchParamsFromQuery({})).toBeUndefined();
    expect(searchParamsFromQuery({ q: '  ' })).toBeUndefined();
    expect(searchParamsFromQuery({ q: ' 政务 ', departmentId: '3', year: '2025', minFen: '100000000', maxFen: 'x', kind: 'indicator' })).toEqual({
      q: '政务',
      departmentId: 3,
      year: 2025,
      minFen: 100000000,
      kind: 'indicator',
      limit: 50,
    });
    expect(searchParamsFromQuery({ q: '巡检', kind: 'other', offset: '50' })).toEqual({ q: '巡检', limit: 50, offset: 50 });
  });
});

describe('marking matches in snippets', () => {
  it('marks every occurrence, case-insensitively, keeping the text whole', () => {
    const parts = markMatches('区政务IT运维与政务外网', '政务');
    expect(parts.map((p) => p.text).join('')).toBe('区政务IT运维与政务外网');
    expect(parts.filter((p) => p.match).map((p) => p.text)).toEqual(['政务', '政务']);
    expect(markMatches('WLAN网络', 'wlan')).toEqual([
      { text: 'WLAN', match: true },
      { text: '网络', match: false },
    ]);
    expect(markMatches('无匹配', '')).toEqual([{ text: '无匹配', match: false }]);
  });
});
