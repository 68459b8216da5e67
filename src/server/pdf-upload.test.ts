/** Uploading a PDF: read in a worker thread, stored as its text rendering; an unreadable PDF is refused and nothing stored. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openStore, type BudgetStore } from '#store/store.ts';
import type { ApiError, UploadResult } from './api-contract.ts';
import { buildServer } from './app.ts';

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
});
