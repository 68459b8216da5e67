/**
 * The access migration keeps what was stored before accounts existed: every document becomes a
 * published document of its department, the newest version of each series the public one.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator } from 'kysely';
import type { Kysely } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { connect } from './dialect.ts';
import { migrations } from './migrations.ts';
import { openStore } from './store.ts';

let dir: string | undefined;
afterEach(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

it('turns documents stored before the access migration into published documents, the newest of each series public', async () => {
  dir = mkdtempSync(join(tmpdir(), 'yusuan-migrate-'));
  const path = join(dir, 'old.sqlite');
  const { db } = connect({ sqlitePath: path });
  const before = Object.fromEntries(Object.entries(migrations('sqlite', () => undefined)).filter(([name]) => name < '2026-11-30T06'));
  const migrator = new Migrator({ db: db as unknown as Kysely<unknown>, provider: { getMigrations: () => Promise.resolve(before) } });
  expect((await migrator.migrateToLatest()).error).toBeUndefined();
  const at = '2026-01-01T00:00:00.000Z';
  const dep = await db.insertInto('departments').values({ name: '上海市松江区数据局', district: '上海市松江区', created_at: at }).returning('id').executeTakeFirstOrThrow();
  const doc = (version: number, latest: number) => ({
    department_id: dep.id,
    series_key: `${dep.id}|2025|budget-disclosure`,
    year: 2025,
    kind: 'budget-disclosure',
    level: null,
    version,
    is_latest: latest,
    sha256: `sha-${version}`,
    source_name: null,
    source_text: '……',
    model_json: '{}',
    imported_at: at,
    revenue_total_fen: 100,
    expenditure_total_fen: 100,
    basic_fen: null,
    project_fen: null,
    project_count: 0,
    error_count: 0,
    warning_count: 0,
    info_count: 0,
  });
  // Kysely's types know the columns added later; the old table has none of them, and needs none.
  const v1 = await db.insertInto('documents').values(doc(1, 0)).returning('id').executeTakeFirstOrThrow();
  const v2 = await db.insertInto('documents').values(doc(2, 1)).returning('id').executeTakeFirstOrThrow();
  await db.destroy();

  const store = await openStore({ sqlitePath: path, log: () => undefined });
  try {
    const rows = await store.db.selectFrom('documents').select(['id', 'status', 'public_latest', 'revision']).orderBy('id').execute();
    expect(rows).toEqual([
      { id: v1.id, status: 'published', public_latest: 0, revision: 0 },
      { id: v2.id, status: 'published', public_latest: 1, revision: 0 },
    ]);
    // The public sees the department, the year (its newest version), and both versions.
    const departments = await store.listDepartments([]);
    expect(departments.map((d) => [d.name, d.years.map((y) => [y.year, y.documentId])])).toEqual([['上海市松江区数据局', [[2025, v2.id]]]]);
    expect((await store.listVersions(v1.id, []))?.map((v) => v.version)).toEqual([1, 2]);
  } finally {
    await store.close();
  }
});
