/**
 * Code pickers: the classification catalogue of the draft's year, with every level's name filled
 * in. A name that is not the catalogue's name for that year (an outdated one such as
 * 医疗卫生与计划生育支出 in 2025) is refused with the name in force.
 */
import { FUNCTIONAL_CATALOGUE } from '#reference/functional-codes.ts';
import { ECONOMIC_CATALOGUE } from '#reference/economic-codes.ts';
import { entryFor, normaliseCodeName, type Catalogue } from '#reference/catalogue.ts';

export interface CodeChoice {
  readonly code: string;
  /** Names of every level, 类 first. */
  readonly names: readonly string[];
}

const catalogueOf = (scheme: 'functional' | 'economic'): Catalogue => (scheme === 'functional' ? FUNCTIONAL_CATALOGUE : ECONOMIC_CATALOGUE);

/** Names of a code and its parents in `year`'s catalogue; undefined when some level is not listed. */
export const namesFor = (scheme: 'functional' | 'economic', year: number, code: string): string[] | undefined => {
  const cat = catalogueOf(scheme);
  const segs = code.split(' ');
  const names: string[] = [];
  for (let i = 1; i <= segs.length; i++) {
    const e = entryFor(cat, year, segs.slice(0, i).join(' '));
    if (!e) return undefined;
    names.push(e.name);
  }
  return names;
};

/** The leaves one can add: functional 项 (3 segments) or economic 款 (2 segments) in force in `year`. */
export const leafChoices = (scheme: 'functional' | 'economic', year: number): CodeChoice[] => {
  const depth = scheme === 'functional' ? 3 : 2;
  const out: CodeChoice[] = [];
  const seen = new Set<string>();
  for (const e of catalogueOf(scheme).entries) {
    if (e.code.split(' ').length !== depth || seen.has(e.code)) continue;
    if (e.from > year || (e.to !== undefined && year > e.to)) continue;
    const names = namesFor(scheme, year, e.code);
    if (!names) continue;
    seen.add(e.code);
    out.push({ code: e.code, names });
  }
  return out.sort((a, b) => (a.code < b.code ? -1 : 1));
};

export type NameCheck = { readonly ok: true } | { readonly ok: false; readonly expected?: string; readonly message: string };

/** Is `name` the catalogue's name for `code` in `year`? Codes the catalogue does not list pass (it lists the common ones only). */
export const checkCodeName = (scheme: 'functional' | 'economic', year: number, code: string, name: string): NameCheck => {
  const e = entryFor(catalogueOf(scheme), year, code);
  if (!e) return { ok: true };
  if (normaliseCodeName(e.name) === normaliseCodeName(name)) return { ok: true };
  return { ok: false, expected: e.name, message: `${code} 在${year}年的科目名称是“${e.name}”，不是“${name}”` };
};
