/**
 * A document read from a PDF is stored with the PDF itself and its line map: the bytes come back
 * unchanged, the stored model's figures and the findings carry page and box, a failed import
 * stores no file, and re-importing the same PDF is a no-op.
 */
import { expect, it } from 'vitest';
import type { CheckSubject } from '#checks/index.ts';
import type { Finding, SourceLocation } from '#domain/index.ts';
import type { LineOrigin } from '#ingest/pdf/index.ts';
import { describeEachDialect } from './testing-databases.ts';
import { parseTestDocument, testDocumentText } from './testing.ts';
import type { BudgetStore } from './store.ts';

/** One finding per project, at the project's explanation line, with one figure located on that line too (no page yet). */
const projectCheck = (subjects: readonly CheckSubject[]): Finding[] =>
  subjects.flatMap((s) =>
    s.document.projects.map((p, i) => ({
      rule: 'test.project',
      severity: 'warning' as const,
      message: `项目 ${'name' in p ? p.name : i}`,
      location: { line: 500 + i * 40 },
      figures: [{ label: '测试', raw: '1', location: { line: 501 + i * 40 } }],
      ...(s.name !== undefined ? { document: s.name } : {}),
    })),
  );

const budgetText = testDocumentText({
  kind: 'budget-disclosure',
  department: '上海市普陀区万里街道办事处',
  district: '上海市普陀区',
  year: 2025,
  rows: [
    { table: 1, name: '收入总计', total: true, side: 'revenue', cells: { 预算数: 1_000_000 } },
    { table: 3, code: '201 03 01', name: '行政运行', cells: { 合计: 1_000_000, 基本支出: 1_000_000 } },
  ],
  projects: [{ name: '社区服务', amountFen: 500_000, overview: '社区服务项目。' }],
});

/** Line n is on page ⌈n / 50⌉, 15 units high, counted down from the top of an A4 page. */
const lineMap: LineOrigin[] = Array.from({ length: 700 }, (_, i) => {
  const top = 800 - (i % 50) * 15;
  return { page: Math.floor(i / 50) + 1, bbox: [40, top - 12, 550, top] };
});
const expectedAt = (line: number): { page: number; bbox: number[] } => {
  const o = lineMap[line - 1]!;
  return { page: o.page, bbox: [...o.bbox] };
};

/** Not a real PDF (the store does not read it): bytes with every value 0–255, NULs included. */
const pdfBytes = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 256 * 4 }, (_, i) => i % 256)), Buffer.from('\n%%EOF\n')]);

const sources = (v: unknown, out: SourceLocation[] = []): SourceLocation[] => {
  if (Array.isArray(v)) for (const x of v) sources(x, out);
  else if (typeof v === 'object' && v !== null) {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'source' && typeof (x as { line?: unknown }).line === 'number') out.push(x as SourceLocation);
      else sources(x, out);
    }
  }
  return out;
};

const count = async (store: BudgetStore, table: 'documents' | 'document_sources'): Promise<number> =>
  Number((await store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

describeEachDialect('document sources', (open) => {
  it('stores the PDF with its document: bytes round-trip, figures and findings carry page and box', async () => {
    const store = await open({ parse: parseTestDocument, check: projectCheck });
    const r = await store.importDocument(budgetText, { sourceName: 'wanli.pdf', source: { bytes: pdfBytes, mediaType: 'application/pdf' }, lineMap });
    expect(r.status).toBe('created');
    const id = r.document!.documentId;

    const file = await store.getSourceFile(id);
    expect(file?.mediaType).toBe('application/pdf');
    expect(Buffer.compare(file!.bytes, pdfBytes)).toBe(0);

    const detail = await store.getDocument(id);
    expect(detail?.source).toEqual({ mediaType: 'application/pdf', byteLength: pdfBytes.length });
    const located = sources(detail?.model);
    expect(located.length).toBeGreaterThan(3);
    for (const s of located) expect(s).toMatchObject(expectedAt(s.line));

    expect(detail?.findings).toHaveLength(1);
    const f = detail!.findings[0]!;
    expect(f.location).toMatchObject({ line: 500, ...expectedAt(500) });
    expect(f.figures[0]?.location).toMatchObject({ line: 501, ...expectedAt(501) });
    // The outcome the importer answers is the stored one.
    expect(r.findings[0]?.location).toEqual(f.location);

    // The same PDF again: nothing written.
    const again = await store.importDocument(budgetText, { source: { bytes: pdfBytes, mediaType: 'application/pdf' }, lineMap });
    expect(again.status).toBe('unchanged');
    expect(await count(store, 'document_sources')).toBe(1);
  });

  it('a document read from text has no source file and no pages', async () => {
    const store = await open({ parse: parseTestDocument, check: projectCheck });
    const r = await store.importDocument(budgetText);
    const id = r.document!.documentId;
    expect(await store.getSourceFile(id)).toBeUndefined();
    const detail = await store.getDocument(id);
    expect(detail?.source).toBeUndefined();
    expect(detail?.findings[0]?.location?.page).toBeUndefined();
    expect(sources(detail?.model).every((s) => s.page === undefined)).toBe(true);
  });

  it('a figure quoted from the prior year\'s document is not placed on this document\'s pages', async () => {
    // One finding on the current document quoting the prior document's first project amount.
    const quotePrior = (subjects: readonly CheckSubject[]): Finding[] => {
      const prior = subjects.find((x) => x.referenceOnly === true);
      const current = subjects.find((x) => x.referenceOnly !== true);
      const project = prior?.document.projects[0];
      const source = project !== undefined && 'annualAmount' in project ? project.annualAmount?.source : undefined;
      if (current === undefined || source === undefined) return [];
      return [
        {
          rule: 'test.cross-year',
          severity: 'info',
          message: '上年对比',
          location: { line: 500 },
          figures: [{ label: '上年', raw: '1', location: source }],
          ...(current.name !== undefined ? { document: current.name } : {}),
        },
      ];
    };
    const store = await open({ parse: parseTestDocument, check: quotePrior });
    const prior = budgetText.replace('"year":2025', '"year":2024');
    expect((await store.importDocument(prior)).status).toBe('created');
    const r = await store.importDocument(budgetText, { source: { bytes: pdfBytes, mediaType: 'application/pdf' }, lineMap });
    const stored = (await store.getDocument(r.document!.documentId))!.findings;
    expect(stored.map((f) => f.rule)).toEqual(['test.cross-year']);
    expect(stored[0]?.location).toMatchObject(expectedAt(500));
    const quoted = stored[0]?.figures[0]?.location;
    expect(quoted?.line).toBe(502);
    expect(quoted).not.toHaveProperty('page');
    expect(quoted).not.toHaveProperty('bbox');
    expect(Object.keys(quoted ?? {}).sort()).toEqual(['line', 'project']);
  });

  it('a failed import stores neither the document nor its PDF', async () => {
    for (const failAt of ['source', 'findings'] as const) {
      let armed = true;
      const store = await open({
        parse: parseTestDocument,
        check: projectCheck,
        onImportStage: (stage) => {
          if (armed && stage === failAt) throw new Error(`injected failure at ${stage}`);
        },
      });
      const options = { source: { bytes: pdfBytes, mediaType: 'application/pdf' }, lineMap };
      await expect(store.importDocument(budgetText, options)).rejects.toThrow(/injected failure/);
      expect(await count(store, 'documents')).toBe(0);
      expect(await count(store, 'document_sources')).toBe(0);
      armed = false;
      expect((await store.importDocument(budgetText, options)).status).toBe('created');
      expect(await count(store, 'document_sources')).toBe(1);
    }
  });
});
