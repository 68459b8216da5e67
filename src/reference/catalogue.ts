/**
 * A classification catalogue keyed by (year, code): each entry is valid for a span of years of
 * the yearly 《政府收支分类科目》 and says which edition it comes from. Names change between
 * years (210 医疗卫生与计划生育支出 → 卫生健康支出), so a code may have several entries.
 */

export interface CodeEntry {
  /** `208 05 05` (functional) or `301 08` (economic): segments separated by single spaces. */
  readonly code: string;
  readonly name: string;
  /** First budget year of the edition that has this name. */
  readonly from: number;
  /** Last budget year with this name (absent: still in force). */
  readonly to?: number;
  /** Where the entry comes from, e.g. 《2025年政府收支分类科目》. */
  readonly source: string;
}

export interface Catalogue {
  readonly entries: readonly CodeEntry[];
  /** Years the catalogue speaks for; outside them a code cannot be judged unknown. */
  readonly firstYear: number;
  readonly lastYear: number;
  /** 类 codes whose 款/项 are listed completely (others list only the common ones). */
  readonly completeClasses: ReadonlySet<string>;
}

export type EntrySpec = readonly [code: string, name: string, from?: number, to?: number];

export const buildEntries = (specs: readonly EntrySpec[], edition: (e: { from: number; to?: number }) => string, defaultFrom: number): CodeEntry[] =>
  specs.map(([code, name, from = defaultFrom, to]) => ({
    code,
    name,
    from,
    ...(to !== undefined ? { to } : {}),
    source: edition({ from, ...(to !== undefined ? { to } : {}) }),
  }));

/** Names compare without layout whitespace, with one kind of brackets and quotes. */
export const normaliseCodeName = (s: string): string =>
  s
    .replace(/\s+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/[“”"]/g, '');

export const entryFor = (cat: Catalogue, year: number, code: string): CodeEntry | undefined =>
  cat.entries.find((e) => e.code === code && e.from <= year && (e.to === undefined || year <= e.to));

export const entriesFor = (cat: Catalogue, code: string): CodeEntry[] => cat.entries.filter((e) => e.code === code);

export const coversYear = (cat: Catalogue, year: number): boolean => year >= cat.firstYear && year <= cat.lastYear;
