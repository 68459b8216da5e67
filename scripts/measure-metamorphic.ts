/**
 * The metamorphic matrix: every budget document of the corpus × every meaning-preserving
 * transform (src/ingest/testing/metamorphic.ts); does the reader's model stay the same?
 * `npx tsx scripts/measure-metamorphic.ts [--verbose]` prints the matrix (✓ pass, ✗ fail,
 * · the transform had nothing to act on) and, with --verbose, the first facts lost and gained.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBudgetDisclosure } from '#ingest/budget-disclosure.ts';
import { budgetCorpusDocuments } from '#ingest/testing/corpus-documents.ts';
import { TRANSFORMS, runMatrix } from '#ingest/testing/metamorphic.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const verbose = process.argv.includes('--verbose');
const docs = budgetCorpusDocuments(repoRoot);
const started = performance.now();
const cells = runMatrix(docs, (t) => parseBudgetDisclosure(t).document);
const ms = performance.now() - started;

const short = (name: string): string => name.replace(/-budget$/, '').replace(/^(putuo|songjiang)-/, '');
const width = Math.max(...docs.map((d) => short(d.name).length));
console.log(`${''.padEnd(width)}  ${TRANSFORMS.map((_, i) => String(i + 1).padStart(2)).join(' ')}   pass/applicable`);
for (const d of docs) {
  const row = cells.filter((c) => c.document === d.name);
  const marks = row.map((c) => (c.outcome === 'pass' ? ' ✓' : c.outcome === 'fail' ? ' ✗' : ' ·')).join(' ');
  const applicable = row.filter((c) => c.outcome !== 'n/a');
  console.log(`${short(d.name).padEnd(width)}  ${marks}   ${applicable.filter((c) => c.outcome === 'pass').length}/${applicable.length}`);
}
console.log('');
TRANSFORMS.forEach((t, i) => {
  const col = cells.filter((c) => c.transform === t.name && c.outcome !== 'n/a');
  console.log(`${String(i + 1).padStart(2)} ${t.name.padEnd(28)} ${col.filter((c) => c.outcome === 'pass').length}/${col.length}`);
});
const applicable = cells.filter((c) => c.outcome !== 'n/a');
console.log(
  `TOTAL ${docs.length} documents × ${TRANSFORMS.length} transforms: ${applicable.filter((c) => c.outcome === 'pass').length}/${applicable.length} applicable combinations keep the model ` +
    `(${cells.length - applicable.length} n/a), ${Math.round(ms)} ms`,
);
if (verbose) {
  for (const c of cells.filter((x) => x.outcome === 'fail')) {
    console.log(`\n✗ ${c.document} × ${c.transform}: ${c.lost.length} facts lost, ${c.gained.length} gained`);
    for (const x of c.lost.slice(0, 4)) console.log(`    - ${x}`);
    for (const x of c.gained.slice(0, 4)) console.log(`    + ${x}`);
  }
}
