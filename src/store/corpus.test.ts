/**
 * The store on the real corpus, through the real reader and checker, on both dialects: every
 * recognised document is stored whole (every table figure, project and finding), reads back
 * as the same model, and links to the same department's other years.
 */
import { expect, it } from 'vitest';
import { parseDocument } from '#ingest/detect.ts';
import { BUDGET_DISCLOSURES, PERFORMANCE_DECLARATIONS, readCorpus } from '../../test/corpus.ts';
import { describeEachDialect } from './testing-databases.ts';
import { projectRows, tableCellRows } from './rows.ts';
import type { StoredModel } from './rows.ts';
import { readFen } from './dialect.ts';

describeEachDialect('store on the corpus', (open) => {
  it('stores every recognised corpus document whole and reads back the same model', async () => {
    const store = await open();
    const stored = new Map<string, { documentId: number; departmentId: number; year?: number }>();
    for (const name of [...BUDGET_DISCLOSURES, ...PERFORMANCE_DECLARATIONS]) {
      const text = readCorpus(name);
      const parsed = parseDocument(text);
      if ((BUDGET_DISCLOSURES as readonly string[]).includes(name)) expect(parsed.kind, name).toBe('budget-disclosure');
      const outcome = await store.importDocument(text, { sourceName: `${name}.txt` });
      if (parsed.kind === 'unknown') {
        expect(outcome.status, name).toBe('rejected');
        continue;
      }
      expect(outcome.status, name).toBe('created');
      const id = outcome.document!.documentId;
      stored.set(name, { documentId: id, departmentId: outcome.document!.departmentId, ...(outcome.document!.year !== undefined ? { year: outcome.document!.year } : {}) });
      const model = { kind: parsed.kind, document: parsed.document } as StoredModel;

      // Every printed table figure is a row, and the sum in 分 survives exactly (int8 on PostgreSQL).
      const cells = model.kind === 'budget-disclosure' ? tableCellRows(model.document) : [];
      const dbCells = await store.db.selectFrom('table_cells').select(['amount_fen']).where('document_id', '=', id).execute();
      expect(dbCells.length, name).toBe(cells.length);
      const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
      expect(sum(dbCells.map((c) => readFen(c.amount_fen) ?? 0)), name).toBe(sum(cells.map((c) => c.amountFen)));

      const projects = await store.db.selectFrom('projects').select(['name']).where('document_id', '=', id).orderBy('position').execute();
      expect(projects.map((p) => p.name), name).toEqual(projectRows(model).map((p) => p.name));

      const detail = await store.getDocument(id);
      expect(detail?.model, name).toEqual(JSON.parse(JSON.stringify(parsed.document)));
      expect(detail?.findings, name).toEqual(JSON.parse(JSON.stringify(outcome.findings)));
      expect(detail?.diagnostics, name).toEqual(JSON.parse(JSON.stringify(parsed.diagnostics)));

      // The same text again is not stored twice.
      const again = await store.importDocument(text);
      expect(again.status, name).toBe('unchanged');
      expect(again.document?.documentId, name).toBe(id);
    }

    // The two Putuo years are one department: each links to the other.
    const p2024 = stored.get('putuo-2024-wanli-subdistrict-budget');
    const p2025 = stored.get('putuo-2025-wanli-subdistrict-budget');
    expect(p2024?.departmentId).toBeDefined();
    expect(p2025?.departmentId).toBe(p2024?.departmentId);
    expect((await store.getDocument(p2025!.documentId))?.otherYears).toEqual([{ year: p2024!.year, documentId: p2024!.documentId }]);
    expect(await store.findDepartmentYear(p2024!.departmentId, p2024!.year!)).toBe(p2024!.documentId);

    // Any stored project is found by a 3-character piece of its name (FTS path) and a 2-character one (LIKE path).
    const named = await store.db.selectFrom('projects').select(['name', 'document_id']).where('name', '!=', '').execute();
    expect(named.length).toBeGreaterThan(0);
    for (const p of named.filter((_, i) => i % 5 === 0)) {
      const chars = [...p.name];
      for (const len of [3, 2]) {
        if (chars.length < len) continue;
        const q = chars.slice(chars.length - len - 2 >= 0 ? chars.length - len - 2 : 0).slice(0, len).join('');
        const hits = await store.search({ q, kind: 'project', limit: 200, offset: 0 });
        expect(hits.items.some((h) => h.project === p.name && h.documentId === p.document_id), `${q} in ${p.name}`).toBe(true);
      }
    }
  });
});
