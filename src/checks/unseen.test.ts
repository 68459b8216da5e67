/**
 * The checker on documents the rules were not written against: the four Putuo documents added
 * with hand-checked answer keys (../shared/corpus/keys). Their keys list the slips a reviewer
 * found (`anomalies`); where a key lists none, the document is clean and the checker must raise
 * no error and no warning on it — a false alarm costs a reviewer's trust. Findings must also be
 * the same whichever layout the document arrives in (the metamorphic transforms).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseBudgetDisclosure } from '#ingest/budget-disclosure.ts';
import { budgetCorpusDocuments } from '#ingest/testing/corpus-documents.ts';
import { TRANSFORMS } from '#ingest/testing/metamorphic.ts';
import { checkDocuments } from './index.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const shared = resolve(root, '../shared/corpus');

const NEW_DOCUMENTS = [
  'putuo-2025-government-office-budget',
  'putuo-2025-government-office-unit-budget',
  'putuo-2025-commerce-commission-budget',
  'putuo-2025-commerce-commission-unit-budget',
] as const;

const available = existsSync(join(shared, 'keys'));

const check = (name: string, text: string) => {
  const { document, diagnostics } = parseBudgetDisclosure(text);
  return checkDocuments([{ kind: 'budget-disclosure', document, name, text, diagnostics }]);
};

describe.skipIf(!available)('checking documents the rules were not written against', () => {
  it.each(NEW_DOCUMENTS)('%s: no error, and no warning where the key lists no slip', (name) => {
    const key = JSON.parse(readFileSync(join(shared, 'keys', `${name}.json`), 'utf8')) as { anomalies: unknown[] };
    const findings = check(name, readFileSync(join(shared, `${name}.txt`), 'utf8'));
    expect(findings.filter((f) => f.severity === 'error').map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
    if (key.anomalies.length === 0) expect(findings.filter((f) => f.severity === 'warning').map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
  });

  // The slips the keys list (`anomalies`) are reported: SW-1 / SWU-1 compare 财政拨款收入 with
  // 2024年预算执行数 and the same 财政拨款支出 with 2024年预算.
  it.each(['putuo-2025-commerce-commission-budget', 'putuo-2025-commerce-commission-unit-budget'])('%s: reports the mixed comparison base its key lists', (name) => {
    const findings = check(name, readFileSync(join(shared, `${name}.txt`), 'utf8'));
    expect(findings.filter((f) => f.rule === 'narrative.fiscal-changes-agree')).toHaveLength(1);
  });

  // Rule and severity of every finding (not its line: transforms move lines).
  const signature = (name: string, text: string): string[] =>
    check(name, text)
      .map((f) => `${f.rule}|${f.severity}|${f.location?.table ?? ''}|${f.location?.column ?? ''}`)
      .sort();

  it.each(budgetCorpusDocuments(root).map((d) => d.name))('%s: the same findings in every layout the reader keeps', (name) => {
    const text = budgetCorpusDocuments(root).find((d) => d.name === name)?.text ?? '';
    const base = signature(name, text);
    // Not the two the reader does not yet keep (one cell per line), nor the 部门↔单位 rewording,
    // which changes what the level-wording rule is about.
    for (const t of TRANSFORMS.filter((x) => !['one-cell-per-line', 'level-wording'].includes(x.name))) {
      const changed = t.transform(text);
      if (changed === text) continue;
      expect(signature(name, changed), t.name).toEqual(base);
    }
  });
});
