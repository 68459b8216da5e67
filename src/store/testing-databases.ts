/**
 * Run one store test suite on both dialects: SQLite (a temp file per test) and PostgreSQL
 * (a fresh schema per test, dropped afterwards). PostgreSQL is expected to be up (CI starts it);
 * when it is unreachable the PostgreSQL tests fail with a message saying so, unless
 * YUSUAN_SKIP_PG=1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe } from 'vitest';
import { openStore } from './store.ts';
import type { BudgetStore, StoreOptions } from './store.ts';
import type { DialectName } from './dialect.ts';

/** Candidate URLs: $YUSUAN_TEST_DATABASE_URL, else the CI database as `postgres`, then as `root`. */
const PG_CANDIDATES = (): string[] => {
  const explicit = process.env['YUSUAN_TEST_DATABASE_URL'];
  if (explicit !== undefined && explicit !== '') return [explicit];
  return ['postgres://postgres@127.0.0.1:5432/test', 'postgres://root@127.0.0.1:5432/test'];
};

let pgProbe: Promise<{ url: string } | { error: string }> | undefined;

/** The first PostgreSQL URL that accepts a connection (probed once per test file). */
export const reachablePostgres = (): Promise<{ url: string } | { error: string }> => {
  pgProbe ??= (async () => {
    const errors: string[] = [];
    for (const url of PG_CANDIDATES()) {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
      try {
        await client.connect();
        await client.query('select 1');
        return { url };
      } catch (e) {
        errors.push(`${url}: ${(e as Error).message}`);
      } finally {
        await client.end().catch(() => undefined);
      }
    }
    return { error: errors.join('; ') };
  })();
  return pgProbe;
};

export const skipPostgres = (): boolean => process.env['YUSUAN_SKIP_PG'] === '1';

let schemaCounter = 0;
export const freshSchemaName = (): string => `yusuan_test_${process.pid}_${Date.now().toString(36)}_${schemaCounter++}`;

export const dropPgSchema = async (url: string, schema: string): Promise<void> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
};

export type OpenTestStore = (options?: Omit<StoreOptions, 'databaseUrl' | 'sqlitePath' | 'pgSchema'>) => Promise<BudgetStore>;

/**
 * `describe` once per dialect; the callback gets `open`, which opens a fresh empty store for the
 * current test (closed and removed after it).
 */
export const describeEachDialect = (name: string, body: (open: OpenTestStore, dialect: DialectName) => void): void => {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const d = dialect === 'postgres' && skipPostgres() ? describe.skip : describe;
    d(`${name} [${dialect}]`, () => {
      const cleanups: (() => Promise<void>)[] = [];
      afterEach(async () => {
        for (const c of cleanups.splice(0).reverse()) await c();
      });
      const open: OpenTestStore = async (options = {}) => {
        if (dialect === 'sqlite') {
          const dir = mkdtempSync(join(tmpdir(), 'yusuan-store-'));
          const store = await openStore({ ...options, sqlitePath: join(dir, 'test.sqlite'), log: options.log ?? (() => undefined) });
          cleanups.push(async () => {
            await store.close();
            rmSync(dir, { recursive: true, force: true });
          });
          return store;
        }
        const probe = await reachablePostgres();
        if ('error' in probe) {
          throw new Error(
            `PostgreSQL 不可达，无法运行 PostgreSQL 存储测试（${probe.error}）。请启动 PostgreSQL（.ci/run 会启动它），或设置 YUSUAN_SKIP_PG=1 跳过。`,
          );
        }
        const schema = freshSchemaName();
        // Registered first, so a store that fails to open still leaves no schema behind.
        cleanups.push(() => dropPgSchema(probe.url, schema));
        const store = await openStore({ ...options, databaseUrl: probe.url, pgSchema: schema, poolSize: 10, log: options.log ?? (() => undefined) });
        cleanups.push(() => store.close());
        return store;
      };
      body(open, dialect);
    });
  }
};
