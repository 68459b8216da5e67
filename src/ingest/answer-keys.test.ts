/**
 * The six Putuo documents against their hand-checked answer keys (`../shared/corpus/keys/`).
 *
 * ┌──────────────────────────────────────────────────────────────────────────────────────────┐
 * │ KNOWN_FAILING lists the documents the reader does NOT yet match. For those, this file     │
 * │ asserts the opposite — that the comparison DOES report mismatches — so the suite is green │
 * │ today and still honest: the day the reader matches one of them, its test fails with       │
 * │ "now matches: delete it from KNOWN_FAILING". Delete entries as the reader improves; never  │
 * │ add one to make a regression pass.                                                        │
 * └──────────────────────────────────────────────────────────────────────────────────────────┘
 *
 * The comparison (src/ingest/testing/answer-keys.ts) shares no code with the reader.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BudgetDisclosure } from '#domain/index.ts';
import { parseBudgetDisclosure } from './budget-disclosure.ts';
import { compareWithKey, describeMismatch, keyInconsistencies, loadAnswerKey } from './testing/answer-keys.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const corpus = resolve(repoRoot, '../shared/corpus');
const keysDir = join(corpus, 'keys');

/** Documents whose key does not match today (the reader finds none of their nine tables, 2026-11-30). */
export const KNOWN_FAILING: ReadonlySet<string> = new Set<string>([]);

const keyNames = existsSync(keysDir)
  ? readdirSync(keysDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => basename(f, '.json'))
      .sort()
  : [];

const parsed = new Map<string, BudgetDisclosure>();
const modelOf = (name: string): BudgetDisclosure => {
  let doc = parsed.get(name);
  if (!doc) {
    doc = parseBudgetDisclosure(readFileSync(join(corpus, `${name}.txt`), 'utf8')).document;
    parsed.set(name, doc);
  }
  return doc;
};

describe.skipIf(keyNames.length === 0)('answer keys', () => {
  it('are six, each beside its text, self-consistent, with all nine tables', () => {
    expect(keyNames).toHaveLength(6);
    for (const name of keyNames) {
      expect(existsSync(join(corpus, `${name}.txt`)), name).toBe(true);
      const key = loadAnswerKey(join(keysDir, `${name}.json`));
      expect(keyInconsistencies(key), name).toEqual([]);
      expect(new Set(Object.values(key.tables).map((t) => t.number)), name).toEqual(new Set([2, 3, 5, 6, 7, 8]));
    }
  });

  it('KNOWN_FAILING names only documents that have a key', () => {
    for (const name of KNOWN_FAILING) expect(keyNames, name).toContain(name);
  });

  for (const name of keyNames) {
    it(`${name}: ${KNOWN_FAILING.has(name) ? 'KNOWN FAILING — still reports mismatches' : 'matches its key (tables 1–9, t1/t4/t9, narrative)'}`, () => {
      const key = loadAnswerKey(join(keysDir, `${name}.json`));
      const r = compareWithKey(key, modelOf(name));
      expect(r.tablesExpected).toBe(9);
      if (KNOWN_FAILING.has(name)) {
        expect(r.mismatches.length, `${name} now matches its key: delete it from KNOWN_FAILING`).toBeGreaterThan(0);
        return;
      }
      expect(r.mismatches.map(describeMismatch)).toEqual([]);
      expect(r.tablesFound).toBe(9);
      expect(r.cellsMatched).toBe(r.cellsExpected);
      expect(r.cellsExpected).toBeGreaterThan(100);
      expect(r.narrativeMatched).toBe(r.narrativeExpected);
      expect(r.narrativeExpected).toBeGreaterThan(20);
    });
  }

  // A zero that cannot be anything else proves nothing: on a document that matches, break one
  // figure of the model and the comparison must name exactly that one.
  const matching = keyNames.find((n) => !KNOWN_FAILING.has(n));
  it.skipIf(matching === undefined)('on a matching document, one altered cell is exactly one mismatch', () => {
    const name = matching ?? '';
    const key = loadAnswerKey(join(keysDir, `${name}.json`));
    const doc = modelOf(name);
    const t3 = doc.tables.find((t) => t.number === 3);
    const victim = t3?.rows.find((r) => r.code && r.cells.some((c) => c.figure));
    if (!t3 || !victim) throw new Error('no table 3 row to alter');
    const cell = victim.cells.find((c) => c.figure);
    if (!cell?.figure) throw new Error('no cell');
    const altered = { ...cell, figure: { ...cell.figure, amount: (cell.figure.amount + 1) as typeof cell.figure.amount } };
    const mutated: BudgetDisclosure = {
      ...doc,
      tables: doc.tables.map((t) => (t !== t3 ? t : { ...t, rows: t.rows.map((r) => (r !== victim ? r : { ...r, cells: r.cells.map((c) => (c === cell ? altered : c)) })) })),
    };
    const r = compareWithKey(key, mutated);
    expect(r.mismatches).toEqual([expect.objectContaining({ kind: 'cell-wrong', table: 3, row: victim.code?.segments.join(' '), column: cell.column })]);
  });
});
