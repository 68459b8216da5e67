/**
 * Test helpers for publishing round trips: the model without its provenance (line numbers, PDF
 * pages and boxes, and how a cell was placed — a rendering always prints every cell in its column,
 * so a figure the source left for arithmetic placement comes back `printed`), and a readable list of
 * the differences between two models.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const PROVENANCE_KEYS = new Set(['source', 'line', 'page', 'bbox', 'placement']);

export const withoutProvenance = (v: unknown, ignoreSpaces = false): unknown => {
  if (Array.isArray(v)) return v.map((x) => withoutProvenance(x, ignoreSpaces));
  if (v !== null && typeof v === 'object') {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (!PROVENANCE_KEYS.has(k) && x !== undefined) o[k] = withoutProvenance(x, ignoreSpaces);
    return o;
  }
  return ignoreSpaces && typeof v === 'string' ? v.replace(/[ \t\n\u3000]+/g, '') : v;
};

/**
 * Paths where two provenance-free models differ, with both values (at most `limit`). With
 * `ignoreSpaces`, spaces inside strings are not compared: a PDF's text layer has no space
 * characters, only gaps between glyphs, and a gap next to a CJK character or a full-width quote is
 * not reliably a space (`2022 年` ↔ `2022年`); and where a paragraph ends is the reader's guess from
 * how lines wrap on the page (a line ending `；` at the margin), so line breaks inside prose are not
 * compared either. Every figure, code, name and count still is.
 */
export const modelDifferences = (a: unknown, b: unknown, limit = 20, ignoreSpaces = false): string[] => {
  const out: string[] = [];
  const walk = (x: unknown, y: unknown, path: string): void => {
    if (out.length >= limit) return;
    if (JSON.stringify(x) === JSON.stringify(y)) return;
    if (x !== null && y !== null && typeof x === 'object' && typeof y === 'object' && Array.isArray(x) === Array.isArray(y)) {
      const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
      for (const k of keys) walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${path}.${k}`);
      return;
    }
    out.push(`${path}: ${JSON.stringify(x)?.slice(0, 160)} ≠ ${JSON.stringify(y)?.slice(0, 160)}`);
  };
  walk(withoutProvenance(a, ignoreSpaces), withoutProvenance(b, ignoreSpaces), '');
  return out;
};

/** Every text document of the corpus (`../shared/corpus/*.txt`, else the bundled `corpus/`). */
export const corpusTextDocuments = (corpusDir: string): { readonly name: string; readonly text: string }[] =>
  readdirSync(corpusDir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ name: f.replace(/\.txt$/, ''), text: readFileSync(join(corpusDir, f), 'utf8') }));
