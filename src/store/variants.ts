/**
 * Many distinct documents from a few real ones, for benchmarks: each variant renames the
 * department, moves the year and scales every amount, so its text and its model are both new.
 *
 * Two ways to use a variant:
 *   - `variantText(i)` alone, through the real reader (end-to-end: parse + check + write);
 *   - `variantText(i)` with `parseVariant` as the store's reader, which builds the variant's model
 *     from the base model without parsing again (measures the store, not the reader, and keeps
 *     memory flat: nothing is held per variant).
 */
import { parseDocument } from '#ingest/detect.ts';
import type { ParsedDocument } from '#ingest/detect.ts';

interface Base {
  readonly text: string;
  readonly department: string;
  readonly year: number;
  readonly modelJson: string;
  readonly kind: 'budget-disclosure' | 'performance-declaration';
  readonly diagnostics: ParsedDocument['diagnostics'];
}

export interface VariantFactory {
  readonly baseCount: number;
  /** Department-year of variant i: distinct for i < departments × years. */
  readonly describe: (i: number) => { department: string; year: number; scalePercent: number };
  readonly variantText: (i: number) => string;
  readonly parseVariant: (text: string) => ParsedDocument;
}

const TAG = /<!-- yusuan variant (\d+) -->\s*$/;

/** Scale every money figure (an object with amount, raw and unit) by percent/100, in whole 分. */
const scaleAmounts = (node: unknown, percent: number): void => {
  if (Array.isArray(node)) {
    for (const x of node) scaleAmounts(x, percent);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const o = node as Record<string, unknown>;
  if (typeof o['amount'] === 'number' && typeof o['raw'] === 'string' && typeof o['unit'] === 'string') {
    // Integer arithmetic: amount × percent stays far inside the safe range for budget figures.
    o['amount'] = Math.trunc((o['amount'] * percent) / 100);
  }
  for (const v of Object.values(o)) scaleAmounts(v, percent);
};

export const variantFactory = (texts: readonly string[], departmentsPerBase = 1250, years = 8): VariantFactory => {
  const bases: Base[] = [];
  for (const text of texts) {
    const parsed = parseDocument(text);
    if (parsed.kind === 'unknown') continue;
    const department = parsed.document.header.department;
    const year = parsed.document.header.year;
    if (department === undefined || year === undefined) continue;
    bases.push({ text, department, year, modelJson: JSON.stringify(parsed.document), kind: parsed.kind, diagnostics: parsed.diagnostics });
  }
  if (bases.length === 0) throw new Error('no base document could be read');

  const pick = (i: number) => {
    const base = bases[i % bases.length] as Base;
    const serial = Math.floor(i / bases.length);
    const department = `${base.department}${(serial % departmentsPerBase) + 1}所`;
    const year = 2018 + (Math.floor(serial / departmentsPerBase) % years);
    const scalePercent = 80 + (i % 41);
    return { base, department, year, scalePercent };
  };

  const variantText = (i: number): string => {
    const { base, department, year } = pick(i);
    const text = base.text.split(base.department).join(department).split(`${base.year}年`).join(`${year}年`);
    return `${text}\n<!-- yusuan variant ${i} -->\n`;
  };

  const parseVariant = (text: string): ParsedDocument => {
    const m = TAG.exec(text.slice(-64));
    if (m === null) return parseDocument(text);
    const { base, department, year, scalePercent } = pick(Number(m[1]));
    const model = JSON.parse(base.modelJson) as { header: { department?: string; year?: number } };
    model.header.department = department;
    model.header.year = year;
    scaleAmounts(model, scalePercent);
    return { kind: base.kind, document: model, diagnostics: base.diagnostics } as ParsedDocument;
  };

  return {
    baseCount: bases.length,
    describe: (i) => {
      const { department, year, scalePercent } = pick(i);
      return { department, year, scalePercent };
    },
    variantText,
    parseVariant,
  };
};
