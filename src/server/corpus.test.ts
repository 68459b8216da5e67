/**
 * The API on real corpus documents, through the real reader and checker (SQLite).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { checkDocuments } from '#checks/index.ts';
import { parseDocument } from '#ingest/detect.ts';
import { openStore } from '#store/store.ts';
import type { BudgetStore } from '#store/store.ts';
import { readCorpus } from '../../test/corpus.ts';
import type { Comparison, DocumentDetail, UploadResult } from './api-contract.ts';
import { buildServer } from './app.ts';
import { signInEveryRequest } from './testing.ts';
import { percentHundredths } from './compare.ts';

const upload = (app: FastifyInstance, name: string) => {
  const boundary = '----yusuan-corpus';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}.txt"\r\nContent-Type: text/plain\r\n\r\n`),
    Buffer.from(readCorpus(name), 'utf8'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return app.inject({ method: 'POST', url: '/api/documents', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
};

describe('API on corpus documents', () => {
  let dir: string;
  let store: BudgetStore;
  let app: FastifyInstance;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yusuan-api-corpus-'));
    store = await openStore({ sqlitePath: join(dir, 'api.sqlite'), log: () => undefined });
    app = await buildServer({ store, webRoot: join(dir, 'no-web') });
    await signInEveryRequest(app, store);
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers an uploaded budget disclosure with its findings, then serves its department-year', async () => {
    const name = 'songjiang-2025-data-bureau-budget';
    const parsed = parseDocument(readCorpus(name));
    if (parsed.kind !== 'budget-disclosure') throw new Error(`reader did not recognise ${name}`);
    const expectedFindings = checkDocuments([{ kind: parsed.kind, document: parsed.document, name: `${name}.txt` }]);

    const res = await upload(app, name);
    expect(res.statusCode).toBe(201);
    const body = res.json<UploadResult>();
    expect(body.created).toBe(true);
    expect(body.document).toMatchObject({ kind: 'budget-disclosure', department: parsed.document.header.department, year: parsed.document.header.year, sourceName: `${name}.txt` });
    expect(body.findings.map((f) => f.rule)).toEqual(expectedFindings.map((f) => f.rule));
    expect(body.diagnostics.map((d) => d.code)).toEqual(parsed.diagnostics.map((d) => d.code));

    const page = await app.inject(`/api/departments/${body.document.departmentId}/years/${parsed.document.header.year}`);
    expect(page.statusCode).toBe(200);
    const detail = page.json<DocumentDetail>();
    expect(detail.documentId).toBe(body.document.documentId);
    expect(detail.model.kind === 'budget-disclosure' && detail.model.tables.length).toBe(parsed.document.tables.length);
    expect(detail.findings.map((f) => f.rule)).toEqual(expectedFindings.map((f) => f.rule));

    const csv = await app.inject(`/api/documents/${body.document.documentId}/export.csv?what=cells`);
    expect(csv.statusCode).toBe(200);
    const cellCount = parsed.document.tables.reduce((n, t) => n + t.rows.reduce((m, r) => m + r.cells.filter((c) => c.figure !== undefined).length, 0), 0);
    expect(csv.body.trimEnd().split('\r\n')).toHaveLength(cellCount + 1);

    expect((await upload(app, name)).statusCode).toBe(200);
  });

  it('compares the two Putuo years with exact changes', async () => {
    const left = (await upload(app, 'putuo-2024-wanli-subdistrict-budget')).json<UploadResult>();
    const right = (await upload(app, 'putuo-2025-wanli-subdistrict-budget')).json<UploadResult>();
    expect(right.document.departmentId).toBe(left.document.departmentId);
    const cmp = (await app.inject(`/api/compare?left=${left.document.documentId}&right=${right.document.documentId}`)).json<Comparison>();
    const matched = cmp.rows.filter((r) => r.leftFen !== undefined && r.rightFen !== undefined);
    expect(matched.length).toBeGreaterThan(0);
    for (const r of matched) {
      expect(r.changeFen).toBe(r.rightFen! - r.leftFen!);
      expect(r.changeHundredths).toBe(percentHundredths(r.changeFen!, r.leftFen!));
    }
    expect(cmp.left.year).toBe(2024);
    expect(cmp.right.year).toBe(2025);
  });
});
