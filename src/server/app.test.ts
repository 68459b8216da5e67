import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openStore } from '#store/store.ts';
import type { BudgetStore } from '#store/store.ts';
import { parseTestDocument, testDocumentText } from '#store/testing.ts';
import type { TestDocumentSpec } from '#store/testing.ts';
import type { ApiError, Comparison, DepartmentSummary, DocumentDetail, DocumentVersion, SearchResult, UploadResult } from './api-contract.ts';
import { buildServer } from './app.ts';
import { signInEveryRequest } from './testing.ts';
import { ROUTE_DOCS } from './openapi.ts';

const budget = (year: number, over: Partial<TestDocumentSpec> = {}): TestDocumentSpec => ({
  kind: 'budget-disclosure',
  department: '上海市普陀区万里街道办事处',
  district: '上海市普陀区',
  year,
  rows: [
    { table: 1, name: '收入总计', total: true, side: 'revenue', cells: { 预算数: year === 2024 ? 100_000_00 : 116_130_00 } },
    { table: 3, code: '201 03 01', name: '行政运行', cells: { 合计: year === 2024 ? 100_000_00 : 116_130_00 } },
    { table: 3, code: '208 05 05', name: '机关事业单位基本养老保险缴费支出', cells: { 合计: 3_000_00 } },
  ],
  projects: [{ name: year === 2024 ? '社区政务云服务' : '社区政务云服务', amountFen: year === 2024 ? 50_000_00 : 40_000_00, overview: '街道政务云与等保测评。' }],
  ...over,
});

const declaration: TestDocumentSpec = {
  kind: 'performance-declaration',
  department: '上海市松江区科技创新服务中心',
  year: 2024,
  projects: [{ name: '科技服务平台维护', amountFen: 15_000_00, indicators: [{ level1: '产出指标', level2: '数量指标', level3: '定期巡检次数', target: '=12.00(次)' }] }],
};

const multipart = (field: string, filename: string, content: Buffer | string, type = 'text/plain') => {
  const boundary = '----yusuan-test-boundary';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
};

describe('API server', () => {
  let dir: string;
  let store: BudgetStore;
  let app: FastifyInstance;

  const open = async (options: { uploadLimitBytes?: number; webRoot?: string } = {}) => {
    store = await openStore({ sqlitePath: join(dir, 'api.sqlite'), parse: parseTestDocument, log: () => undefined });
    app = await buildServer({ store, webRoot: options.webRoot ?? join(dir, 'no-web'), ...(options.uploadLimitBytes !== undefined ? { uploadLimitBytes: options.uploadLimitBytes } : {}) });
    await signInEveryRequest(app, store);
  };
  const upload = (spec: TestDocumentSpec, name?: string) =>
    app.inject({ method: 'POST', url: `/api/documents${name !== undefined ? `?name=${encodeURIComponent(name)}` : ''}`, headers: { 'content-type': 'text/plain; charset=utf-8' }, payload: testDocumentText(spec) });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'yusuan-api-'));
  });
  afterEach(async () => {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('documents every route in OpenAPI, and every documented route exists', async () => {
    await open();
    const res = await app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>> }>();
    expect(doc.openapi).toMatch(/^3\./);
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual(ROUTE_DOCS.map((r) => `${r.method.toUpperCase()} ${r.path}`).sort());
    for (const r of ROUTE_DOCS) {
      expect(app.hasRoute({ method: r.method.toUpperCase() as 'GET', url: r.path.replace(/\{(\w+)\}/g, ':$1') }), r.path).toBe(true);
    }
    expect(doc.paths['/api/search']?.['get']?.parameters?.map((p) => p.name)).toEqual(['q', 'departmentId', 'year', 'minFen', 'maxFen', 'kind', 'limit', 'offset']);
    expect((await app.inject('/api/health')).json()).toEqual({ ok: true });
    expect(Array.isArray((await app.inject('/api/rules')).json())).toBe(true);
  });

  it('uploads text and multipart, idempotently, and lists departments and versions', async () => {
    await open();
    const first = await upload(budget(2025), 'wanli-2025.txt');
    expect(first.statusCode).toBe(201);
    const created = first.json<UploadResult>();
    expect(created).toMatchObject({ created: true, document: { version: 1, year: 2025, sourceName: 'wanli-2025.txt', kind: 'budget-disclosure' } });

    const again = await upload(budget(2025));
    expect(again.statusCode).toBe(200);
    expect(again.json<UploadResult>()).toMatchObject({ created: false, document: { documentId: created.document.documentId } });

    const viaForm = await app.inject({ method: 'POST', url: '/api/documents', ...multipart('file', 'targets.txt', testDocumentText(declaration)) });
    expect(viaForm.statusCode).toBe(201);
    expect(viaForm.json<UploadResult>().document).toMatchObject({ sourceName: 'targets.txt', kind: 'performance-declaration' });

    const v2 = await upload(budget(2025, { revision: 'corrected' }));
    expect(v2.json<UploadResult>()).toMatchObject({ status: 'new-version', document: { version: 2 } });
    expect(again.json<UploadResult>().status).toBe('unchanged');
    const versions = (await app.inject(`/api/documents/${created.document.documentId}/versions`)).json<DocumentVersion[]>();
    expect(versions.map((v) => v.version)).toEqual([1, 2]);

    const departments = (await app.inject('/api/departments')).json<DepartmentSummary[]>();
    expect(departments.map((d) => d.name).sort()).toEqual(['上海市普陀区万里街道办事处', '上海市松江区科技创新服务中心']);
    const wanli = departments.find((d) => d.name === '上海市普陀区万里街道办事处');
    expect(wanli?.years).toEqual([expect.objectContaining({ year: 2025, version: 2, revenueTotalFen: 116_130_00, projectCount: 1 })]);
  });

  it('answers department-year detail, document detail and 404s', async () => {
    await open();
    const y2024 = (await upload(budget(2024))).json<UploadResult>();
    const y2025 = (await upload(budget(2025))).json<UploadResult>();
    const departmentId = y2025.document.departmentId;

    const detail = await app.inject(`/api/departments/${departmentId}/years/2025`);
    expect(detail.statusCode).toBe(200);
    const body = detail.json<DocumentDetail>();
    expect(body).toMatchObject({ documentId: y2025.document.documentId, department: '上海市普陀区万里街道办事处', district: '上海市普陀区', year: 2025 });
    expect(body.model.kind).toBe('budget-disclosure');
    expect(body.diagnostics.map((d) => d.code)).toEqual(['test-model']);
    expect(body.otherYears).toEqual([{ year: 2024, documentId: y2024.document.documentId }]);

    expect((await app.inject(`/api/documents/${y2024.document.documentId}`)).json<DocumentDetail>().year).toBe(2024);
    const missingYear = await app.inject(`/api/departments/${departmentId}/years/2019`);
    expect(missingYear.statusCode).toBe(404);
    expect(missingYear.json<ApiError>().error).toBe('not-found');
    expect((await app.inject(`/api/departments/9999/years/2025`)).statusCode).toBe(404);
    expect((await app.inject('/api/documents/9999')).statusCode).toBe(404);
    expect((await app.inject('/api/documents/9999/versions')).statusCode).toBe(404);
    const unknownRoute = await app.inject('/api/nothing-here');
    expect(unknownRoute.statusCode).toBe(404);
    expect(unknownRoute.json<ApiError>().message).toContain('/api/openapi.json');
  });

  it('refuses bad parameters with 400 and a message naming them', async () => {
    await open();
    const bad = await app.inject('/api/documents/abc');
    expect(bad.statusCode).toBe(400);
    const err = bad.json<ApiError>();
    expect(err.error).toBe('invalid-parameter');
    expect(err.message).toContain('documentId');
    expect(err.message).toMatch(/[\u4e00-\u9fff]/);
    for (const url of [
      '/api/departments/1/years/20x5',
      '/api/search?limit=0',
      '/api/search?limit=abc',
      '/api/search?kind=budget',
      '/api/search?minFen=100&maxFen=5',
      '/api/search?minFen=1.5',
      `/api/search?q=${'长'.repeat(101)}`,
      '/api/compare?left=1',
      '/api/documents/1/export.csv?what=everything',
    ]) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json<ApiError>().error, url).toBe('invalid-parameter');
    }
  });

  it('caps upload size (413) and refuses non-text uploads (415), empty ones (400) and unrecognised documents (422)', async () => {
    await open({ uploadLimitBytes: 2048 });
    const big = await app.inject({ method: 'POST', url: '/api/documents', headers: { 'content-type': 'text/plain' }, payload: '预'.repeat(1000) });
    expect(big.statusCode).toBe(413);
    expect(big.json<ApiError>().error).toBe('payload-too-large');
    const bigForm = await app.inject({ method: 'POST', url: '/api/documents', ...multipart('file', 'big.txt', '预'.repeat(1000)) });
    expect(bigForm.statusCode).toBe(413);

    // A PDF that cannot be read (here: truncated) is refused with its diagnostics, nothing stored.
    const pdf = await app.inject({ method: 'POST', url: '/api/documents', ...multipart('file', 'a.pdf', Buffer.from('%PDF-1.7\n%\xe2\xe3', 'latin1'), 'application/pdf') });
    expect(pdf.statusCode).toBe(422);
    expect(pdf.json<ApiError>().error).toBe('unreadable-pdf');
    const pdfBody = await app.inject({ method: 'POST', url: '/api/documents', headers: { 'content-type': 'application/pdf' }, payload: Buffer.from('%PDF-1.7') });
    expect(pdfBody.statusCode).toBe(422);
    // GBK bytes are decoded (预算 alone is no budget document: 422, not 415).
    const gbk = await app.inject({ method: 'POST', url: '/api/documents', headers: { 'content-type': 'text/plain' }, payload: Buffer.from([0xd4, 0xa4, 0xcb, 0xe3]) });
    expect(gbk.statusCode).toBe(422);
    const binary = await app.inject({ method: 'POST', url: '/api/documents', headers: { 'content-type': 'application/octet-stream' }, payload: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48]) });
    expect(binary.statusCode).toBe(415);
    const json = await app.inject({ method: 'POST', url: '/api/documents', headers: { 'content-type': 'application/json' }, payload: '{"a":1}' });
    expect(json.statusCode).toBe(415);

    const empty = await app.inject({ method: 'POST', url: '/api/documents', headers: { 'content-type': 'text/plain' }, payload: '  \n' });
    expect(empty.statusCode).toBe(400);
    const wrongField = await app.inject({ method: 'POST', url: '/api/documents', ...multipart('document', 'a.txt', 'x') });
    expect(wrongField.statusCode).toBe(400);

    const notBudget = await app.inject({ method: 'POST', url: '/api/documents', headers: { 'content-type': 'text/plain' }, payload: '会议纪要\n今天天气很好。' });
    expect(notBudget.statusCode).toBe(422);
    const body = notBudget.json<ApiError & { details: { diagnostics: { code: string }[] } }>();
    expect(body.error).toBe('not-a-budget-document');
    expect(body.details.diagnostics.map((d) => d.code)).toEqual(['not-a-budget-document']);
    expect((await app.inject('/api/departments')).json()).toEqual([]);
  });

  it('compares two years cell by cell and project by project', async () => {
    await open();
    const left = (await upload(budget(2024))).json<UploadResult>();
    const right = (await upload(budget(2025))).json<UploadResult>();
    const res = await app.inject(`/api/compare?left=${left.document.documentId}&right=${right.document.documentId}`);
    expect(res.statusCode).toBe(200);
    const cmp = res.json<Comparison>();
    expect(cmp.left).toMatchObject({ year: 2024, revenueTotalFen: 100_000_00 });
    expect(cmp.right).toMatchObject({ year: 2025, revenueTotalFen: 116_130_00 });
    expect(cmp.rows.find((r) => r.key === '201 03 01')).toEqual({
      table: 3,
      tableName: '部门支出预算总表',
      key: '201 03 01',
      name: '行政运行',
      column: '合计',
      leftFen: 100_000_00,
      rightFen: 116_130_00,
      changeFen: 16_130_00,
      changeHundredths: 1613,
    });
    expect(cmp.rows.find((r) => r.key === '208 05 05')).toMatchObject({ changeFen: 0, changeHundredths: 0 });
    expect(cmp.projects).toEqual([{ name: '社区政务云服务', leftFen: 50_000_00, rightFen: 40_000_00 }]);
    expect((await app.inject(`/api/compare?left=${left.document.documentId}&right=9999`)).statusCode).toBe(404);
  });

  it('searches and exports', async () => {
    await open();
    const b = (await upload(budget(2025))).json<UploadResult>();
    const d = (await upload(declaration)).json<UploadResult>();

    const hits = (await app.inject(`/api/search?q=${encodeURIComponent('政务云')}`)).json<SearchResult>();
    expect(hits.total).toBe(1);
    expect(hits.items[0]).toMatchObject({ kind: 'project', project: '社区政务云服务', amountFen: 40_000_00, documentId: b.document.documentId });
    const indicators = (await app.inject(`/api/search?q=${encodeURIComponent('巡检')}&kind=indicator`)).json<SearchResult>();
    expect(indicators.items.map((h) => h.snippet)).toEqual(['产出指标/数量指标/定期巡检次数 =12.00(次)']);
    expect((await app.inject(`/api/search?q=${encodeURIComponent('政务云')}&year=2024`)).json<SearchResult>().total).toBe(0);

    const cells = await app.inject(`/api/documents/${b.document.documentId}/export.csv?what=cells`);
    expect(cells.statusCode).toBe(200);
    expect(cells.headers['content-type']).toContain('text/csv');
    expect(cells.body).toContain('201 03 01,行政运行,合计,116130.00');
    const indicatorCsv = await app.inject(`/api/documents/${d.document.documentId}/export.csv?what=indicators`);
    // The operator `=` would start a formula in a spreadsheet: neutralised (OWASP), shown as = in Excel.
    expect(indicatorCsv.body).toContain("定期巡检次数,'=,12.00,次");
    expect((await app.inject(`/api/documents/${b.document.documentId}/export.csv?what=indicators`)).statusCode).toBe(400);
    const json = await app.inject(`/api/documents/${b.document.documentId}/export.json`);
    expect(json.json<{ kind: string; header: { year: number } }>()).toMatchObject({ kind: 'budget-disclosure', header: { year: 2025 } });
    expect((await app.inject('/api/documents/9999/export.json')).statusCode).toBe(404);
  });

  it('serves the built web app with SPA fallback, or says how to build it', async () => {
    await open();
    const notBuilt = await app.inject('/');
    expect(notBuilt.statusCode).toBe(200);
    expect(notBuilt.body).toContain('npm run build:web');
    await app.close();
    await store.close();

    const web = join(dir, 'web');
    rmSync(web, { recursive: true, force: true });
    await import('node:fs').then((fs) => fs.mkdirSync(join(web, 'assets'), { recursive: true }));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>yusuan-spa</title>');
    writeFileSync(join(web, 'assets', 'app.js'), 'console.log(1)');
    await open({ webRoot: web });
    expect((await app.inject('/')).body).toContain('yusuan-spa');
    expect((await app.inject('/assets/app.js')).body).toBe('console.log(1)');
    const deep = await app.inject('/departments/3/years/2025');
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('yusuan-spa');
    expect((await app.inject('/api/unknown')).statusCode).toBe(404);
  });
});
