/**
 * Golden files: every cell of every table of the four corpus budget disclosures, plus the
 * diagnostics. Written from the reader's output and reviewed by hand against the source text;
 * `UPDATE_GOLDEN=1 npx vitest run src/ingest/tables/golden.test.ts` rewrites them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DiagnosticSink } from '#domain/index.ts';
import { BUDGET_DISCLOSURES, fixturePath, readCorpus } from '../../../test/corpus.ts';
import { readBudgetTables } from '../budget-tables.ts';
import { toLines } from '../text.ts';

const update = process.env['UPDATE_GOLDEN'] === '1';

const readAsGolden = (name: string): unknown => {
  const sink = new DiagnosticSink();
  const tables = readBudgetTables(toLines(readCorpus(name)), sink);
  const diagnostics = sink.items.map((d) => ({
    code: d.code,
    severity: d.severity,
    ...(d.location ? { location: d.location } : {}),
    ...(d.params ? { params: d.params } : {}),
  }));
  // Through JSON so that the comparison sees exactly what the file holds.
  return JSON.parse(JSON.stringify({ tables, diagnostics })) as unknown;
};

describe('budget tables golden files', () => {
  for (const name of BUDGET_DISCLOSURES) {
    it(`reads ${name} to its reviewed golden`, () => {
      const path = fixturePath('golden', 'tables', `${name}.json`);
      const actual = readAsGolden(name);
      if (update || !existsSync(path)) {
        writeFileSync(path, `${JSON.stringify(actual, null, 1)}\n`);
        if (!update) throw new Error(`golden ${path} was missing and has been written: review it, then rerun`);
      }
      const expected = JSON.parse(readFileSync(path, 'utf8')) as unknown;
      expect(actual).toEqual(expected);
    });
  }
});
