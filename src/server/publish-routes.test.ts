import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { parseDocument } from '#ingest/detect.ts';
import { htmlToText } from '#render/publish/html-text.ts';
import { modelDifferences } from '#render/publish/testing.ts';
import { openStore, type BudgetStore } from '#store/store.ts';
import { readCorpus } from '../../test/corpus.ts';
import type { DocumentDetail } from './api-contract.ts';
import { buildServer } from './app.ts';

describe('publishing routes', () => {
  let dir: string;
  let store: BudgetStore;
  let app: FastifyInstance;
  let budgetId = 0;
  let declarationId = 0;
  let departmentId = 0;
  const savedPath = process.env['CHROMIUM_PATH'];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yusuan-publish-'));
    store = await openStore({ sqlitePath: join(dir, 'p.sqlite'), log: () => undefined });
    const b = await store.importDocument(readCorpus('songjiang-2025-data-bureau-budget'), { sourceName: 'data-bureau.txt' });
    const d = await store.importDocument(readCorpus('songjiang-2024-sci-tech-innovation-center-performance-targets'));
    budgetId = b.document?.documentId ?? 0;
    declarationId = d.document?.documentId ?? 0;
    departmentId = b.document?.departmentId ?? 0;
    // No browser on this "server": the PDF routes must say so (the real print is the browser test's).
    process.env['CHROMIUM_PATH'] = join(dir, 'no-chromium');
    app = await buildServer({ store, webRoot: join(dir, 'no-web') });
  });
  afterAll(async () => {
    if (savedPath === undefined) delete process.env['CHROMIUM_PATH'];
    else process.env['CHROMIUM_PATH'] = savedPath;
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the published HTML of a stored document, which reads back as its model', async () => {
    expect(budgetId).toBeGreaterThan(0);
    const res = await app.inject(`/api/documents/${budgetId}/export.html`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const model = (await app.inject(`/api/documents/${budgetId}`)).json<DocumentDetail>().model;
    const again = parseDocument(htmlToText(res.body));
    expect(modelDifferences(model, again.document)).toEqual([]);
    // The stable URL of the department-year gives the same page; a download names the file.
    const stable = await app.inject(`/api/departments/${departmentId}/years/2025/published.html?download=1`);
    expect(stable.body).toBe(res.body);
    expect(stable.headers['content-disposition']).toContain(encodeURIComponent('上海市松江区数据局-2025-部门预算.html'));
    const withFindings = await app.inject(`/api/documents/${budgetId}/export.html?findings=1`);
    expect(withFindings.body).toContain('附录 检查发现');
  });

  it('serves XLSX with one sheet per table', async () => {
    const res = await app.inject(`/api/departments/${departmentId}/years/2025/published.xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name.split(' ')[0])).toEqual(['表1', '表2', '表3', '表4', '表5', '表6', '表7', '表8', '表9']);
    const decl = await app.inject(`/api/documents/${declarationId}/export.xlsx`);
    expect(decl.statusCode).toBe(200);
  });

  it('serves the data package: descriptor and CSV for a document and for the whole store', async () => {
    const desc = (await app.inject(`/api/documents/${budgetId}/datapackage.json`)).json<{ resources: { path: string; schema: { fields: { name: string }[] } }[] }>();
    const resource = desc.resources[0];
    expect(resource?.path).toBe('budget-figures.csv');
    const csv = await app.inject(`/api/documents/${budgetId}/budget-figures.csv`);
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.trimEnd().split('\r\n');
    expect(lines[0]).toBe(resource?.schema.fields.map((f) => f.name).join(','));
    const all = await app.inject('/api/budget-figures.csv');
    expect(all.statusCode).toBe(200);
    // The store holds one budget, so the whole store's CSV is that document's.
    expect(all.body).toBe(csv.body);
    expect((await app.inject('/api/datapackage.json')).statusCode).toBe(200);
    const declCsv = await app.inject(`/api/documents/${declarationId}/budget-figures.csv`);
    expect(declCsv.statusCode).toBe(400);
  });

  it('answers 503 with a Chinese message when there is no browser to print a PDF, 404 for an unknown document', async () => {
    const res = await app.inject(`/api/documents/${budgetId}/export.pdf`);
    expect(res.statusCode).toBe(503);
    expect(res.json<{ error: string; message: string }>()).toMatchObject({ error: 'pdf-unavailable', message: expect.stringContaining('Chromium') as string });
    expect((await app.inject('/api/documents/99999/export.html')).statusCode).toBe(404);
    expect((await app.inject(`/api/departments/${departmentId}/years/1999/published.html`)).statusCode).toBe(404);
  });
});
