/**
 * Uploading a PDF: read in a worker thread, stored as its text rendering with the PDF itself and its
 * line map (GET /api/documents/:id/source, page and box on findings); an unreadable PDF is refused
 * and nothing stored.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openStore, type BudgetStore } from '#store/store.ts';
import type { SourceLocation } from '#domain/index.ts';
import type { ApiError, DocumentDetail, UploadResult } from './api-contract.ts';
import { buildServer } from './app.ts';
import { signInEveryRequest } from './testing.ts';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../..');
const pdf = resolve(repoRoot, '../shared/corpus/putuo-2025-government-office-budget.pdf');

describe.runIf(existsSync(pdf))('uploading a PDF', () => {
  let dir: string;
  let store: BudgetStore;
  let app: FastifyInstance;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yusuan-api-pdf-'));
    store = await openStore({ sqlitePath: join(dir, 'api.sqlite'), log: () => undefined });
    app = await buildServer({ store, webRoot: join(dir, 'no-web') });
    await signInEveryRequest(app, store);
  });
  afterEach(async () => {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores a published PDF (recognised by content) and refuses a truncated one, storing nothing', async () => {
    const bytes = readFileSync(pdf);
    const cut = await app.inject({ method: 'POST', url: '/api/documents?name=cut.pdf', headers: { 'content-type': 'application/octet-stream' }, payload: bytes.subarray(0, 5000) });
    expect(cut.statusCode).toBe(422);
    expect(cut.json<ApiError>().error).toBe('unreadable-pdf');
    expect((await app.inject('/api/departments')).json()).toEqual([]);

    const ok = await app.inject({ method: 'POST', url: '/api/documents?name=office.pdf', headers: { 'content-type': 'application/pdf' }, payload: bytes });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json<UploadResult>().document).toMatchObject({ kind: 'budget-disclosure', year: 2025, sourceName: 'office.pdf' });
  });

  it('serves the stored PDF, and findings and figures of the department-year carry page and box', async () => {
    const bytes = readFileSync(pdf);
    const ok = await app.inject({ method: 'POST', url: '/api/documents?name=office.pdf', headers: { 'content-type': 'application/pdf' }, payload: bytes });
    expect(ok.statusCode, ok.body).toBe(201);
    const { documentId, departmentId } = ok.json<UploadResult>().document;

    const source = await app.inject(`/api/documents/${documentId}/source`);
    expect(source.statusCode).toBe(200);
    expect(source.headers['content-type']).toBe('application/pdf');
    expect(Buffer.compare(source.rawPayload, bytes)).toBe(0);

    const detail = (await app.inject(`/api/departments/${departmentId}/years/2025`)).json<DocumentDetail>();
    expect(detail.source).toEqual({ mediaType: 'application/pdf', byteLength: bytes.length });
    const onPage = (l: SourceLocation | undefined) => l?.page !== undefined && l.page >= 1 && l.bbox?.length === 4;
    expect(detail.findings.length).toBeGreaterThan(0);
    for (const f of detail.findings) {
      if (f.location) expect(onPage(f.location), JSON.stringify(f)).toBe(true);
      for (const x of f.figures) if (x.location) expect(onPage(x.location), JSON.stringify(x)).toBe(true);
    }
    const model = detail.model;
    if (model.kind !== 'budget-disclosure') throw new Error('expected a budget disclosure');
    const cells = JSON.stringify(model.tables);
    expect(cells).toMatch(/"page":\d+,"bbox":\[/);

    // What the browser's pdf.js needs to draw the page: its worker may run (CSP), CMaps and font data are served.
    expect(String(source.headers['content-security-policy'])).toContain("worker-src 'self' blob:");
    const cmap = await app.inject('/pdfjs/cmaps/UniGB-UCS2-H.bcmap');
    expect(cmap.statusCode).toBe(200);
    expect(cmap.rawPayload.length).toBeGreaterThan(1000);
    expect((await app.inject('/pdfjs/standard_fonts/FoxitSans.pfb')).statusCode).toBe(200);
    for (const url of ['/pdfjs/cmaps/../package.json', '/pdfjs/cmaps/%2e%2e/package.json', '/pdfjs/cmaps/..%2fpackage.json']) {
      expect((await app.inject(url)).body, url).not.toContain('"pdfjs-dist"');
    }

    // Uploading the same PDF again stores nothing new.
    const again = await app.inject({ method: 'POST', url: '/api/documents', headers: { 'content-type': 'application/pdf' }, payload: bytes });
    expect(again.statusCode).toBe(200);
    expect(again.json<UploadResult>().status).toBe('unchanged');
  });

  it('answers 404 with a Chinese message for a document stored from text, and for no document', async () => {
    const text = readFileSync(resolve(repoRoot, 'corpus/putuo-2025-wanli-subdistrict-budget.txt'));
    const up = await app.inject({ method: 'POST', url: '/api/documents?name=wanli.txt', headers: { 'content-type': 'text/plain' }, payload: text });
    expect(up.statusCode, up.body).toBe(201);
    const { documentId } = up.json<UploadResult>().document;
    const none = await app.inject(`/api/documents/${documentId}/source`);
    expect(none.statusCode).toBe(404);
    expect(none.json<ApiError>().message).toMatch(/没有保存原始 PDF/);
    const missing = await app.inject('/api/documents/9999/source');
    expect(missing.statusCode).toBe(404);
    expect(missing.json<ApiError>().message).toMatch(/没有编号为 9999 的文件/);
  });
});
