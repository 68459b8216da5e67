/**
 * The API against bad and hostile input, on SQLite and PostgreSQL: every failure is a JSON error
 * with a Chinese message and a 4xx status, nothing is stored, and the server still answers.
 */
import { readFileSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import iconv from 'iconv-lite';
import { afterEach, expect, it } from 'vitest';
import { describeEachDialect } from '#store/testing-databases.ts';
import type { BudgetStore } from '#store/store.ts';
import { corpusPath } from '../../test/corpus.ts';
import type { ApiError, UploadResult } from './api-contract.ts';
import { buildServer } from './app.ts';
import { signInEveryRequest } from './testing.ts';
import type { SignedIn } from './testing.ts';

type Inject = InjectOptions;

const HAN = /[\u4e00-\u9fff]/;

describeEachDialect('API under bad input', (open) => {
  let app: FastifyInstance | undefined;
  let store: BudgetStore;
  let admin: SignedIn;

  const start = async (requestTimeoutMs?: number): Promise<FastifyInstance> => {
    store = await open();
    app = await buildServer({ store, webRoot: join('/nonexistent', 'no-web'), uploadLimitBytes: 64 * 1024, ...(requestTimeoutMs !== undefined ? { requestTimeoutMs } : {}) });
    admin = await signInEveryRequest(app, store);
    return app;
  };
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  /** A 4xx JSON error with a Chinese message, nothing stored, health still answering. */
  const expectRefused = async (a: FastifyInstance, request: Inject, status?: number): Promise<ApiError> => {
    const res = await a.inject(request);
    const what = JSON.stringify(request).slice(0, 200);
    expect(res.statusCode, what).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, what).toBeLessThan(500);
    if (status !== undefined) expect(res.statusCode, what).toBe(status);
    expect(res.headers['content-type'], what).toMatch(/application\/json/);
    const body = res.json<ApiError>();
    expect(body.message, what).toMatch(HAN);
    expect((await a.inject('/api/departments')).json(), what).toEqual([]);
    expect((await a.inject('/api/health')).statusCode).toBe(200);
    return body;
  };

  const text = (payload: string | Buffer, headers: Record<string, string> = {}): Inject => ({
    method: 'POST',
    url: '/api/documents',
    headers: { 'content-type': 'text/plain', ...headers },
    payload,
  });

  it('answers bad queries with 400, NUL included', async () => {
    const a = await start();
    for (const url of ['/api/search?q=%00abc', '/api/search?q=%00', '/api/search?q=a%01b', '/api/documents/abc', '/api/compare?left=1', '/api/search?limit=-1', '/api/documents?name=%00']) {
      await expectRefused(a, { method: url.startsWith('/api/documents?') ? 'POST' : 'GET', url, headers: { 'content-type': 'text/plain' }, payload: 'x' });
    }
  });

  it('refuses malformed multipart bodies with 400', async () => {
    const a = await start();
    const boundary = '----yusuan';
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n`;
    await expectRefused(a, { method: 'POST', url: '/api/documents', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: `${head}部门预算 表1` }, 400);
    await expectRefused(a, { method: 'POST', url: '/api/documents', headers: { 'content-type': 'multipart/form-data' }, payload: `${head}x\r\n--${boundary}--\r\n` });
    await expectRefused(a, { method: 'POST', url: '/api/documents', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: '' });
  });

  it('refuses damaged PDFs (422, saying what is wrong), binaries and undecodable bytes (415) and documents of no known kind (422)', async () => {
    const a = await start();
    const pdf = await expectRefused(a, text(Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1'), { 'content-type': 'application/octet-stream' }), 422);
    expect(pdf.message).toMatch(/PDF 文件不完整/);
    await expectRefused(a, text(Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 3])), 415);
    await expectRefused(a, text(iconv.encode('会议纪要：今天讨论了食堂菜单。', 'gbk')), 422);
    await expectRefused(a, text('一般公共服务支出＜img src=x onerror=alert(1)＞ &lt;script&gt;'), 422);
    await expectRefused(a, text('   '), 400);
    await expectRefused(a, text('x'.repeat(70 * 1024)), 413);
  });

  it('refuses cross-site writes (a text/plain POST needs no preflight) but serves same-site ones', async () => {
    const a = await start();
    const body = await expectRefused(a, text('部门预算', { origin: 'https://evil.example' }), 403);
    expect(body.error).toBe('cross-site-request');
    await expectRefused(a, text('部门预算', { 'sec-fetch-site': 'cross-site' }), 403);
    await expectRefused(a, text('部门预算', { origin: 'null' }), 403);
    const sameSite = await a.inject(text('会议纪要', { origin: 'http://localhost:80', host: 'localhost:80' }));
    expect(sameSite.statusCode).toBe(422);
  });

  it('cuts off a stalled upload instead of holding its socket forever', async () => {
    const a = await start(400);
    await a.listen({ port: 0, host: '127.0.0.1' });
    const { port } = a.server.address() as AddressInfo;
    const answer = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(`POST /api/documents HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: text/plain\r\nCookie: ${admin.headers.cookie}\r\nX-CSRF-Token: ${admin.headers['x-csrf-token']}\r\nContent-Length: 10000\r\n\r\n部门预算`);
      });
      let got = '';
      socket.on('data', (d: Buffer) => (got += d.toString()));
      socket.on('close', () => resolve(got));
      socket.on('error', () => resolve(got));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect((await a.inject('/api/health')).statusCode).toBe(200);
  });

  it('sends security headers', async () => {
    const a = await start();
    const res = await a.inject('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(String(res.headers['content-security-policy'])).toMatch(/frame-ancestors 'none'/);
    expect(String(res.headers['content-security-policy'])).toMatch(/script-src 'self'/);
  });

  it('gives the same document for the same bytes as the CLI reads them (BOM, UTF-16, GBK)', async () => {
    const a = await start();
    const source = readFileSync(corpusPath('songjiang-2025-data-bureau-budget'), 'utf8');
    const first = await a.inject(text(source));
    expect(first.statusCode).toBe(201);
    const id = first.json<UploadResult>().document.documentId;
    for (const bytes of [
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(source)]),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(source, 'utf16le')]),
      iconv.encode(source, 'gb18030'),
    ]) {
      const again = await a.inject(text(bytes, { 'content-type': 'application/octet-stream' }));
      expect(again.statusCode).toBe(200);
      expect(again.json<UploadResult>()).toMatchObject({ status: 'unchanged', document: { documentId: id, version: 1 } });
    }
  });

  it('compares only like with like, never a document with itself', async () => {
    const a = await start();
    const budget = await a.inject(text(readFileSync(corpusPath('songjiang-2025-data-bureau-budget'), 'utf8')));
    const id = budget.json<UploadResult>().document.documentId;
    const self = await a.inject(`/api/compare?left=${id}&right=${id}`);
    expect(self.statusCode).toBe(400);
    expect(self.json<ApiError>()).toMatchObject({ error: 'not-comparable' });
    const declaration = await a.inject(text(readFileSync(corpusPath('songjiang-2024-sci-tech-innovation-center-performance-targets'), 'utf8')));
    const other = declaration.json<UploadResult>().document.documentId;
    const mixed = await a.inject(`/api/compare?left=${id}&right=${other}`);
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json<ApiError>().message).toMatch(/不能对比/);
  });

  it('answers random bytes with a 4xx and stores nothing', async () => {
    const a = await start();
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 2000 }), fc.constantFrom('text/plain', 'application/octet-stream'), async (bytes, type) => {
        await expectRefused(a, text(Buffer.from(bytes), { 'content-type': type }));
      }),
      { numRuns: 60 },
    );
  });
});
