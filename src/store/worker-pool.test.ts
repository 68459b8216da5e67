import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from '#ingest/detect.ts';
import { checkDocuments } from '#checks/index.ts';
import { corpusPath } from '../../test/corpus.ts';
import { DocumentBudgetError, documentWorkerPool } from './worker-pool.ts';

describe('documentWorkerPool', () => {
  const pool = documentWorkerPool({ threads: 1, timeBudgetMs: 20_000 });
  const tight = documentWorkerPool({ threads: 1, timeBudgetMs: 20_000 });
  afterAll(async () => {
    await pool.close();
    await tight.close();
  });
  const text = readFileSync(corpusPath('putuo-2025-wanli-subdistrict-budget'), 'utf8');

  it('reads and checks in a worker exactly as on the main thread', async () => {
    const here = parseDocument(text);
    const there = await pool.parse(text);
    expect(there).toEqual(here);
    if (here.kind !== 'budget-disclosure') throw new Error('corpus document not recognised');
    const subjects = [{ kind: 'budget-disclosure' as const, document: here.document, name: 'a.txt', text, diagnostics: here.diagnostics }];
    expect(await pool.check(subjects)).toEqual(checkDocuments(subjects));
  });

  it('stops a document over its time budget with a DocumentBudgetError, and carries on', async () => {
    // Reading a disclosure takes tens of milliseconds at least: a 5 ms budget stops it for sure
    // (no timing is asserted, only that an over-budget document is stopped).
    const err = await tight.parse(text.repeat(4), { timeBudgetMs: 5 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DocumentBudgetError);
    expect((err as DocumentBudgetError).budget).toBe('time');
    expect((err as Error).message).toMatch(/超过时间上限/);
    expect((await tight.parse('会议纪要')).kind).toBe('unknown');
  });
});
