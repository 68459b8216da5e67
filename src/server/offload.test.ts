/**
 * Uploads are read and checked in worker threads: the server answers /api/health while a large
 * upload is processed, and a document over its time budget is refused (422) with nothing stored.
 * (Order of answers is asserted, never timings.)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { openStore, type BudgetStore } from '#store/store.ts';
import { documentWorkerPool, type DocumentWorkerPool } from '#store/worker-pool.ts';
import { corpusPath } from '../../test/corpus.ts';
import type { ApiError } from './api-contract.ts';
import { buildServer } from './app.ts';
import { signInEveryRequest } from './testing.ts';

describe('uploads off the event loop', () => {
  let dir: string;
  let pool: DocumentWorkerPool;
  let store: BudgetStore;
  let app: FastifyInstance;
  const start = async (timeBudgetMs: number): Promise<void> => {
    dir = mkdtempSync(join(tmpdir(), 'yusuan-offload-'));
    pool = documentWorkerPool({ threads: 1, timeBudgetMs });
    store = await openStore({ sqlitePath: join(dir, 'db.sqlite'), parse: pool.parse, check: pool.check, log: () => undefined });
    app = await buildServer({ store, webRoot: join(dir, 'no-web'), uploadLimitBytes: 32 * 1024 * 1024 });
    await signInEveryRequest(app, store);
  };
  afterEach(async () => {
    await app.close();
    await store.close();
    await pool.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const text = readFileSync(corpusPath('songjiang-2025-data-bureau-budget'), 'utf8');
  const post = (payload: string) => app.inject({ method: 'POST', url: '/api/documents', headers: { 'content-type': 'text/plain' }, payload });

  it('answers health while a large upload is being read', async () => {
    await start(120_000);
    const order: string[] = [];
    const upload = post(text.repeat(8)).then((r) => {
      order.push('upload');
      return r;
    });
    await new Promise((r) => setTimeout(r, 50));
    const health = await app.inject('/api/health');
    order.push('health');
    expect(health.statusCode).toBe(200);
    const res = await upload;
    expect(res.statusCode).toBeLessThan(500);
    expect(order).toEqual(['health', 'upload']);
  });

  it('refuses a document over its time budget with 422, stores nothing, keeps serving', async () => {
    // A 5 ms budget: reading a disclosure takes longer than that for sure.
    await start(5);
    const res = await post(text.repeat(4));
    expect(res.statusCode).toBe(422);
    expect(res.json<ApiError>()).toMatchObject({ error: 'document-over-budget' });
    expect(res.json<ApiError>().message).toMatch(/超过时间上限/);
    expect((await app.inject('/api/departments')).json()).toEqual([]);
    expect((await app.inject('/api/health')).statusCode).toBe(200);
  });
});
