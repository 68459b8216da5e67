import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFiles } from './import-files.ts';
import { openStore } from './store.ts';
import type { BudgetStore } from './store.ts';
import { parseTestDocument, testDocumentText } from './testing.ts';

describe('importFiles', () => {
  let dir: string;
  let store: BudgetStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yusuan-import-files-'));
    store = await openStore({ sqlitePath: join(dir, 'db.sqlite'), parse: parseTestDocument, log: () => undefined });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports .txt files of directories, one progress line each, and counts every outcome', async () => {
    const docs = join(dir, 'docs');
    mkdirSync(join(docs, 'nested'), { recursive: true });
    writeFileSync(join(docs, 'a.txt'), testDocumentText({ kind: 'budget-disclosure', department: '甲局', year: 2025 }));
    writeFileSync(join(docs, 'nested', 'b.txt'), testDocumentText({ kind: 'budget-disclosure', department: '甲局', year: 2025, revision: '2' }));
    writeFileSync(join(docs, 'same-as-a.txt'), testDocumentText({ kind: 'budget-disclosure', department: '甲局', year: 2025 }));
    writeFileSync(join(docs, 'minutes.txt'), '会议纪要');
    writeFileSync(join(docs, 'ignored.pdf'), '%PDF-1.7');

    const lines: string[] = [];
    const summary = await importFiles(store, [docs, join(dir, 'missing')], (l) => lines.push(l));
    expect(summary.results.map((r) => r.outcome?.status ?? 'error')).toEqual(['error', 'created', 'rejected', 'new-version', 'unchanged']);
    expect(summary).toMatchObject({ created: 1, newVersions: 1, unchanged: 1, failed: 2 });
    expect(lines).toHaveLength(5);
    expect(lines[1]).toMatch(/created #1 v1 甲局 2025/);
    expect(lines[3]).toMatch(/new-version #2 v2/);
  });
});
