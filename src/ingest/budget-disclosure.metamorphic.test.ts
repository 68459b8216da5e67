/**
 * Metamorphic tests: every budget document of the corpus, rewritten by every meaning-preserving
 * transform (src/ingest/testing/metamorphic.ts), must read to the same model — the same tables,
 * rows, cells (exact 分), narrative figures and projects, whatever the shape.
 *
 * ┌──────────────────────────────────────────────────────────────────────────────────────────┐
 * │ KNOWN_FAILING lists the document × transform combinations whose model changes TODAY.      │
 * │ For those this file asserts the opposite — that the model DOES change — so the suite is   │
 * │ green and still honest: when the reader learns a layout, the combination's test fails with │
 * │ "now keeps the model: delete it from KNOWN_FAILING". Delete entries as the reader improves; │
 * │ never add one to make a regression pass. `npx tsx scripts/measure-metamorphic.ts --verbose`│
 * │ prints the matrix and what each failing combination loses and gains.                      │
 * └──────────────────────────────────────────────────────────────────────────────────────────┘
 *
 * Each original is parsed once; each transformed text once. A transform that finds nothing to
 * act on (e.g. contents on a document without contents) returns the text unchanged and is skipped.
 * Note: on documents where the reader finds no table today (see answer-keys.test.ts), a pass says
 * only that the narrative survived the transform.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBudgetDisclosure } from './budget-disclosure.ts';
import { budgetCorpusDocuments } from './testing/corpus-documents.ts';
import { TRANSFORMS, cellKey, diffProjections, projectModel } from './testing/metamorphic.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Combinations whose model changes today (measured 2026-11-30; see the box above). */
export const KNOWN_FAILING: ReadonlySet<string> = new Set(
  (
    [
      // Empty since one-cell-per-line on the Putuo budgets was fixed (a code or a last cell at a page break).
    ] as ReadonlyArray<readonly [string, string]>
  ).map(([d, t]) => cellKey(d, t)),
);

const documents = budgetCorpusDocuments(repoRoot);

describe('metamorphic: the model does not depend on the layout', () => {
  it('has the corpus budgets and knows every KNOWN_FAILING name', () => {
    expect(documents.length).toBeGreaterThanOrEqual(4);
    const names = new Set(documents.flatMap((d) => TRANSFORMS.map((t) => cellKey(d.name, t.name))));
    // Entries for documents absent from this checkout (no ../shared) are allowed; misspelt transforms are not.
    for (const k of KNOWN_FAILING) expect(TRANSFORMS.some((t) => k.endsWith(` × ${t.name}`)), k).toBe(true);
    expect(names.size).toBe(documents.length * TRANSFORMS.length);
  });

  for (const doc of documents) {
    describe(doc.name, () => {
      let base: string[] | undefined;
      const original = (): string[] => (base ??= projectModel(parseBudgetDisclosure(doc.text).document));
      for (const t of TRANSFORMS) {
        const key = cellKey(doc.name, t.name);
        const changed = t.transform(doc.text);
        it.skipIf(changed === doc.text)(`${t.name}${KNOWN_FAILING.has(key) ? ' (KNOWN FAILING: model still changes)' : ''}`, () => {
          const { lost, gained } = diffProjections(original(), projectModel(parseBudgetDisclosure(changed).document));
          if (KNOWN_FAILING.has(key)) {
            expect(lost.length + gained.length, `${key} now keeps the model: delete it from KNOWN_FAILING`).toBeGreaterThan(0);
            return;
          }
          expect({ lost: lost.slice(0, 10), gained: gained.slice(0, 10) }, `${key}: ${lost.length} facts lost, ${gained.length} gained`).toEqual({ lost: [], gained: [] });
        });
      }
    });
  }
});
