/**
 * API latency: the department-year page and its neighbours, through `app.inject` and through a
 * real listen on 127.0.0.1 with fetch, on SQLite and PostgreSQL. Prints figures; asserts nothing.
 *
 *   tsx bench/api.ts            full: corpus + 2,000 variant documents in the store, 300 requests per route
 *   tsx bench/api.ts --quick    smoke: corpus + 100 variants, 40 requests per route
 *   options: --variants N, --requests N, --skip-pg, --database-url URL
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '#server/app.ts';
import { openStore } from '#store/store.ts';
import type { BudgetStore } from '#store/store.ts';
import { variantFactory } from '#store/variants.ts';
import { corpusDir } from '../test/corpus.ts';
import { percentile, tempDirRemovedOnExit } from './lib/support.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');

const valueOf = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const variants = Number(valueOf('--variants') ?? (quick ? 100 : 2000));
const requests = Number(valueOf('--requests') ?? (quick ? 40 : 300));
const pgUrl = valueOf('--database-url') ?? process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

const files = readdirSync(corpusDir).filter((f) => f.endsWith('.txt')).sort();
const texts = files.map((f) => readFileSync(join(corpusDir, f), 'utf8'));

const fmt = (times: number[]): string => {
  times.sort((a, b) => a - b);
  return `p50 ${percentile(times, 0.5).toFixed(2)} ms, p95 ${percentile(times, 0.95).toFixed(2)} ms`;
};

const fill = async (store: BudgetStore): Promise<{ page: string; compare?: string; documentId: number }> => {
  const ids: { name: string; documentId: number; departmentId: number; year?: number }[] = [];
  for (const [i, text] of texts.entries()) {
    const o = await store.importDocument(text, { sourceName: files[i] ?? '' });
    if (o.document) ids.push({ name: files[i] ?? '', documentId: o.document.documentId, departmentId: o.document.departmentId, ...(o.document.year !== undefined ? { year: o.document.year } : {}) });
  }
  const factory = variantFactory(texts);
  const variantStore = await openStore({ ...connectionOf(store), parse: factory.parseVariant, log: () => undefined });
  for (let i = 0; i < variants; i++) await variantStore.importDocument(factory.variantText(i));
  await variantStore.optimize();
  await variantStore.close();
  const biggest = ids.find((d) => d.name.includes('administrative-service-center')) ?? ids[0];
  if (biggest === undefined || biggest.year === undefined) throw new Error('no corpus document was stored');
  const p24 = ids.find((d) => d.name.startsWith('putuo-2024'));
  const p25 = ids.find((d) => d.name.startsWith('putuo-2025'));
  return {
    page: `/api/departments/${biggest.departmentId}/years/${biggest.year}`,
    documentId: biggest.documentId,
    ...(p24 && p25 ? { compare: `/api/compare?left=${p24.documentId}&right=${p25.documentId}` } : {}),
  };
};

let connectionOf: (store: BudgetStore) => { sqlitePath?: string; databaseUrl?: string; pgSchema?: string } = () => ({});

const measure = async (app: FastifyInstance, urls: Record<string, string>): Promise<void> => {
  for (const [label, url] of Object.entries(urls)) {
    for (let i = 0; i < 5; i++) await app.inject(url);
    const times: number[] = [];
    let bytes = 0;
    for (let i = 0; i < requests; i++) {
      const t0 = performance.now();
      const res = await app.inject(url);
      times.push(performance.now() - t0);
      bytes = res.body.length;
      if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}`);
    }
    console.log(`  inject ${label}: ${fmt(times)} (${(bytes / 1024).toFixed(0)} KiB)`);
  }
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const page = urls['department-year page'];
  if (page !== undefined) {
    const times: number[] = [];
    for (let i = 0; i < requests; i++) {
      const t0 = performance.now();
      const res = await fetch(`${address}${page}`);
      await res.arrayBuffer();
      times.push(performance.now() - t0);
    }
    console.log(`  HTTP (listen on 127.0.0.1, fetch) department-year page: ${fmt(times)}`);
  }
};

const run = async (label: string, open: () => Promise<BudgetStore>): Promise<void> => {
  console.log(`\n== ${label} ==`);
  const store = await open();
  const t0 = performance.now();
  const { page, compare, documentId } = await fill(store);
  console.log(`  store filled with the corpus and ${variants} variants in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const app = await buildServer({ store });
  try {
    await measure(app, {
      'department-year page': page,
      'document detail': `/api/documents/${documentId}`,
      'departments list': '/api/departments',
      'search 政务 (2 chars)': `/api/search?q=${encodeURIComponent('政务')}`,
      'search 信息化 (3 chars)': `/api/search?q=${encodeURIComponent('信息化')}`,
      ...(compare !== undefined ? { 'compare Putuo 2024/2025': compare } : {}),
    });
  } finally {
    await app.close();
    await store.close();
  }
};

console.log(`bench/api: ${requests} requests per route${quick ? ' (quick)' : ''}`);
const dir = tempDirRemovedOnExit('yusuan-bench-api-');
try {
  const sqlitePath = join(dir, 'api.sqlite');
  connectionOf = () => ({ sqlitePath });
  await run('SQLite', () => openStore({ sqlitePath, log: () => undefined }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

if (!args.includes('--skip-pg')) {
  const schema = `yusuan_bench_api_${process.pid}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  const reachable = await admin.connect().then(
    () => true,
    (e: Error) => {
      console.log(`\n== PostgreSQL: unreachable at ${pgUrl} (${e.message}); skipped ==`);
      return false;
    },
  );
  if (reachable) {
    try {
      connectionOf = () => ({ databaseUrl: pgUrl, pgSchema: schema });
      await run('PostgreSQL', () => openStore({ databaseUrl: pgUrl, pgSchema: schema, log: (l) => console.log(`  ${l}`) }));
    } finally {
      await admin.query(`drop schema if exists "${schema}" cascade`);
      await admin.end();
    }
  }
}
