/**
 * Measure the budget-disclosure reader against the hand-checked answer keys
 * (`../shared/corpus/keys/*.json`): `npx tsx scripts/measure-keys.ts [--show N]`.
 * Prints per document tables found, cells matched, extra cells, narrative figures matched and the
 * first N mismatches with line numbers; then a total line.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBudgetDisclosure } from '#ingest/budget-disclosure.ts';
import { compareWithKey, describeMismatch, loadAnswerKey } from '#ingest/testing/answer-keys.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = resolve(repoRoot, '../shared/corpus');
const keysDir = join(corpus, 'keys');
const showArg = process.argv.indexOf('--show');
const show = showArg >= 0 ? Number(process.argv[showArg + 1] ?? 10) : 10;

if (!existsSync(keysDir)) {
  console.error(`no answer keys at ${keysDir}`);
  process.exit(2);
}
const total = { docs: 0, tables: 0, tablesOf: 0, cells: 0, cellsOf: 0, extra: 0, narrative: 0, narrativeOf: 0, mismatches: 0 };
for (const file of readdirSync(keysDir).filter((f) => f.endsWith('.json')).sort()) {
  const name = basename(file, '.json');
  const key = loadAnswerKey(join(keysDir, file));
  const { document } = parseBudgetDisclosure(readFileSync(join(corpus, `${name}.txt`), 'utf8'));
  const r = compareWithKey(key, document);
  total.docs++;
  total.tables += r.tablesFound;
  total.tablesOf += r.tablesExpected;
  total.cells += r.cellsMatched;
  total.cellsOf += r.cellsExpected;
  total.extra += r.extraCells;
  total.narrative += r.narrativeMatched;
  total.narrativeOf += r.narrativeExpected;
  total.mismatches += r.mismatches.length;
  console.log(
    `${name}: tables ${r.tablesFound}/${r.tablesExpected}, cells ${r.cellsMatched}/${r.cellsExpected}, extra cells ${r.extraCells}, ` +
      `narrative ${r.narrativeMatched}/${r.narrativeExpected}, mismatches ${r.mismatches.length}`,
  );
  for (const m of r.mismatches.slice(0, show)) console.log(`    ${describeMismatch(m)}`);
  if (r.mismatches.length > show) console.log(`    … ${r.mismatches.length - show} more`);
}
console.log(
  `TOTAL ${total.docs} documents: tables ${total.tables}/${total.tablesOf}, cells ${total.cells}/${total.cellsOf}, extra cells ${total.extra}, ` +
    `narrative ${total.narrative}/${total.narrativeOf}, mismatches ${total.mismatches}`,
);
