import { describe, expect, it } from 'vitest';
import { href, parseRoute } from './router.ts';

describe('hash routes', () => {
  it('parses every page', () => {
    expect(parseRoute('')).toEqual({ page: 'home' });
    expect(parseRoute('#/')).toEqual({ page: 'home' });
    expect(parseRoute('#/department/3/year/2025')).toEqual({ page: 'department-year', departmentId: 3, year: 2025 });
    expect(parseRoute('#/document/12?focus=t3-208-05-05-%E5%9F%BA%E6%9C%AC%E6%94%AF%E5%87%BA')).toEqual({
      page: 'document',
      documentId: 12,
      focus: 't3-208-05-05-基本支出',
    });
    expect(parseRoute('#/compare?left=1&right=2&table=3')).toEqual({ page: 'compare', left: 1, right: 2, table: 3 });
    expect(parseRoute('#/compare')).toEqual({ page: 'compare' });
    expect(parseRoute('#/search?q=%E6%94%BF%E5%8A%A1&year=2025')).toEqual({ page: 'search', query: { q: '政务', year: '2025' } });
    expect(parseRoute('#/upload')).toEqual({ page: 'upload' });
  });

  it('reports unknown paths and malformed ids as not found', () => {
    expect(parseRoute('#/document/abc').page).toBe('not-found');
    expect(parseRoute('#/nowhere').page).toBe('not-found');
  });

  it('formats links that parse back to the same route', () => {
    expect(parseRoute(href.departmentYear(4, 2024, 't1-收入总计-预算数'))).toEqual({
      page: 'department-year',
      departmentId: 4,
      year: 2024,
      focus: 't1-收入总计-预算数',
    });
    expect(parseRoute(href.compare(7, 8))).toEqual({ page: 'compare', left: 7, right: 8 });
    expect(parseRoute(href.search({ q: '巡检', minFen: 100, maxFen: undefined }))).toEqual({ page: 'search', query: { q: '巡检', minFen: '100' } });
  });
});
