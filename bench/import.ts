/**
 * Import and search throughput, on SQLite and PostgreSQL. Prints figures; asserts nothing.
 *
 *   tsx bench/import.ts            full run: 10,000 documents per dialect (a few minutes)
 *   tsx bench/import.ts --quick    smoke run: 300 documents
 *   options: --docs N, --e2e N (documents through the real reader), --skip-pg, --skip-sqlite, --database-url URL
 *
 * Phases per dialect:
 *   1. end-to-end: variants of the corpus texts through parse + check + write;
 *   2. store: N distinct documents (variants of the parsed corpus models: department, year and
 *      amounts changed; distinct texts) through the store's write path alone: the reader's model
 *      reused and the checker left out (phase 1 measures them; `--with-checks` puts it back);
 *   3. search: p50/p95 latency of Chinese substring queries over every stored project
 *      (≥ 100,000 in the full run), with and without filters.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { openStore } from '#store/store.ts';
import type { BudgetStore } from '#store/store.ts';
import type { SearchQuery } from '#store/types.ts';
import { variantFactory } from '#store/variants.ts';
import type { VariantFactory } from '#store/variants.ts';
import { corpusDir } from '../test/corpus.ts';
import { percentile, tempDirRemovedOnExit } from './lib/support.ts';

const args = process.argv.slice(2);
const flag = (name: string): boolean => args.includes(name);
const value = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = flag('--quick');
const withChecks = flag('--with-checks');
const docs = Number(value('--docs') ?? (quick ? 300 : 10_000));
const e2eDocs = Number(value('--e2e') ?? (quick ? 10 : 100));
const pgUrl = value('--database-url') ?? process.env['DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

const ms = (x: number) => `${x.toFixed(2)} ms`;
const rate = (n: number, millis: number) => `${((n * 1000) / millis).toFixed(1)} docs/s`;

const texts = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => readFileSync(join(corpusDir, f), 'utf8'));

/** Import indices [from, to) with `workers` concurrent importers. */
const importRange = async (store: BudgetStore, factory: VariantFactory, from: number, to: number, workers: number): Promise<{ millis: number; created: number }> => {
  let next = from;
  let created = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async () => {
      for (;;) {
        const i = next++;
        if (i >= to) return;
        const outcome = await store.importDocument(factory.variantText(i), { sourceName: `variant-${i}.txt` });
        if (outcome.created) created++;
      }
    }),
  );
  return { millis: performance.now() - t0, created };
};

const projectNames = async (store: BudgetStore): Promise<string[]> =>
  (await store.db.selectFrom('projects').select('name').where('name', '!=', '').limit(2000).execute()).map((r) => r.name);

/** Queries drawn from stored project names: 3–4 character substrings, 2-character ones, and fixed domain words. */
const searchQueries = (names: readonly string[]): { label: string; queries: Omit<SearchQuery, 'limit' | 'offset'>[] }[] => {
  const chars = (s: string) => [...s.replace(/项目$/, '')];
  const substrings = (len: number) =>
    names
      .map((n, i) => {
        const c = chars(n);
        if (c.length < len) return undefined;
        const at = (i * 7) % (c.length - len + 1);
        return c.slice(at, at + len).join('');
      })
      .filter((s): s is string => s !== undefined)
      .slice(0, 40);
  return [
    { label: 'fixed words (政务云, 等保, 运维, 信息化, 数字化)', queries: ['政务云', '等保', '运维', '信息化', '数字化'].map((q) => ({ q })) },
    { label: '3–4 char substrings of project names', queries: [...substrings(3).slice(0, 20), ...substrings(4).slice(0, 20)].map((q) => ({ q })) },
    { label: '2 char substrings (LIKE path on SQLite)', queries: substrings(2).slice(0, 10).map((q) => ({ q })) },
    { label: '3 char + year + amount range filters', queries: substrings(3).slice(0, 20).map((q, i) => ({ q, year: 2018 + (i % 8), minFen: 1_000_000, maxFen: 1_000_000_000 })) },
    { label: 'projects only, 3 char', queries: substrings(3).slice(0, 20).map((q) => ({ q, kind: 'project' as const })) },
  ];
};

const benchSearch = async (store: BudgetStore, rounds: number): Promise<void> => {
  const names = await projectNames(store);
  for (const { label, queries } of searchQueries(names)) {
    if (queries.length === 0) continue;
    for (const q of queries.slice(0, 3)) await store.search({ ...q, limit: 20, offset: 0 }); // warm-up
    const times: number[] = [];
    let hits = 0;
    for (let r = 0; r < rounds; r++) {
      for (const q of queries) {
        const t0 = performance.now();
        const res = await store.search({ ...q, limit: 20, offset: 0 });
        times.push(performance.now() - t0);
        hits += res.total;
      }
    }
    times.sort((a, b) => a - b);
    console.log(`    search ${label}: p50 ${ms(percentile(times, 0.5))}, p95 ${ms(percentile(times, 0.95))} (${times.length} queries, mean ${(hits / times.length).toFixed(0)} hits)`);
  }
};

const count = async (store: BudgetStore, table: 'documents' | 'projects' | 'table_cells' | 'indicators'): Promise<number> => {
  const r = await store.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
};

const runDialect = async (label: string, open: (parse?: VariantFactory['parseVariant']) => Promise<BudgetStore>, factory: VariantFactory, workers: number) => {
  console.log(`\n== ${label} ==`);
  {
    const store = await open();
    // End-to-end through the real reader (variants 10,000,000+ so they never collide with phase 2).
    const r = await importRange(store, factory, 10_000_000, 10_000_000 + e2eDocs, workers);
    console.log(`  end-to-end import (parse + check + write), ${e2eDocs} docs: ${rate(e2eDocs, r.millis)} (${ms(r.millis / e2eDocs)} per doc)`);
    await store.close();
  }
  const store = await open(factory.parseVariant);
  try {
    const batch = Math.max(1, Math.floor(docs / 5));
    let total = 0;
    let millis = 0;
    for (let from = 0; from < docs; from += batch) {
      const to = Math.min(docs, from + batch);
      const r = await importRange(store, factory, from, to, workers);
      total += r.created;
      millis += r.millis;
      console.log(`  store import ${to}/${docs}: batch ${rate(to - from, r.millis)}`);
    }
    console.log(`  store import (${withChecks ? 'check + ' : ''}write, model reused), ${total} docs: ${rate(total, millis)} overall`);
    const t0 = performance.now();
    await store.optimize();
    console.log(`  optimize (ANALYZE / pragma optimize): ${ms(performance.now() - t0)}`);
    const again = await importRange(store, factory, 0, Math.min(docs, 200), workers);
    console.log(`  re-import of ${Math.min(docs, 200)} unchanged texts: ${rate(Math.min(docs, 200), again.millis)} (created ${again.created})`);
    console.log(
      `  stored: ${await count(store, 'documents')} documents, ${await count(store, 'projects')} projects, ${await count(store, 'table_cells')} table cells, ${await count(store, 'indicators')} indicators`,
    );
    await benchSearch(store, 2);
  } finally {
    await store.close();
  }
};

/** The store phase measures writing; the checker's cost is in the end-to-end figure. */
const noChecks = withChecks ? {} : { check: () => [] };

const main = async () => {
  const factory = variantFactory(texts);
  console.log(`bench/import: ${factory.baseCount} corpus documents readable as bases; ${docs} store documents, ${e2eDocs} end-to-end per dialect${quick ? ' (quick)' : ''}`);

  if (!flag('--skip-sqlite')) {
    const dir = tempDirRemovedOnExit('yusuan-bench-');
    try {
      const path = join(dir, 'bench.sqlite');
      await runDialect('SQLite (better-sqlite3, WAL)', (parse) => openStore({ sqlitePath: path, log: () => undefined, ...(parse ? { parse, ...noChecks } : {}) }), factory, 1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  if (flag('--skip-pg')) return;
  const schema = `yusuan_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: pgUrl });
  try {
    await admin.connect();
  } catch (e) {
    console.log(`\n== PostgreSQL: unreachable at ${pgUrl} (${(e as Error).message}); skipped ==`);
    return;
  }
  try {
    await runDialect(
      `PostgreSQL (${new URL(pgUrl).host}, pool of 8, 4 concurrent importers)`,
      (parse) => openStore({ databaseUrl: pgUrl, pgSchema: schema, poolSize: 8, log: (l) => console.log(`  ${l}`), ...(parse ? { parse, ...noChecks } : {}) }),
      factory,
      4,
    );
  } finally {
    await admin.query(`drop schema if exists "${schema}" cascade`);
    await admin.end();
  }
};

await main();
