import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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

  it('imports .txt and .pdf files of directories, one progress line each, and counts every outcome', async () => {
    const docs = join(dir, 'docs');
    mkdirSync(join(docs, 'nested'), { recursive: true });
    writeFileSync(join(docs, 'a.txt'), testDocumentText({ kind: 'budget-disclosure', department: '甲局', year: 2025 }));
    writeFileSync(join(docs, 'nested', 'b.txt'), testDocumentText({ kind: 'budget-disclosure', department: '甲局', year: 2025, revision: '2' }));
    writeFileSync(join(docs, 'same-as-a.txt'), testDocumentText({ kind: 'budget-disclosure', department: '甲局', year: 2025 }));
    writeFileSync(join(docs, 'minutes.txt'), '会议纪要');
    writeFileSync(join(docs, 'broken.pdf'), '%PDF-1.7');
    writeFileSync(join(docs, 'notes.md'), '不是文档');

    const lines: string[] = [];
    const summary = await importFiles(store, [docs, join(dir, 'missing')], (l) => lines.push(l));
    // Sorted paths: the missing one, a.txt, broken.pdf (a truncated PDF: its error, nothing stored),
    // minutes.txt, nested/b.txt, same-as-a.txt; notes.md is no document file and is not taken.
    expect(summary.results.map((r) => r.outcome?.status ?? 'error')).toEqual(['error', 'created', 'error', 'rejected', 'new-version', 'unchanged']);
    expect(summary).toMatchObject({ created: 1, newVersions: 1, unchanged: 1, failed: 3 });
    expect(lines).toHaveLength(6);
    expect(lines[1]).toMatch(/created #1 v1 甲局 2025/);
    expect(lines[2]).toMatch(/broken\.pdf/);
    expect(lines[4]).toMatch(/new-version #2 v2/);
  });
});

const corpusPdf = resolve(fileURLToPath(import.meta.url), '../../../../shared/corpus/putuo-2025-wanli-subdistrict-budget.pdf');

describe.runIf(existsSync(corpusPdf))('importFiles with a PDF', () => {
  it('stores the PDF with its document; its findings carry page and box; importing it again is a no-op', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yusuan-import-pdf-'));
    const store = await openStore({ sqlitePath: join(dir, 'db.sqlite'), log: () => undefined });
    try {
      const first = await importFiles(store, [corpusPdf]);
      const outcome = first.results[0]?.outcome;
      expect(outcome?.status).toBe('created');
      const id = outcome!.document!.documentId;
      expect(Buffer.compare((await store.getSourceFile(id))!.bytes, readFileSync(corpusPdf))).toBe(0);
      const detail = await store.getDocument(id);
      expect(detail!.findings.length).toBeGreaterThan(0);
      expect(detail!.findings.filter((f) => f.location !== undefined).every((f) => (f.location?.page ?? 0) >= 1 && f.location?.bbox?.length === 4)).toBe(true);
      const again = await importFiles(store, [corpusPdf]);
      expect(again.unchanged).toBe(1);
      const n = await store.db.selectFrom('document_sources').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(1);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
