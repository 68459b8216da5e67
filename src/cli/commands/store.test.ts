/**
 * `yusuan import` as a user runs it: the real binary, the real reader, a temp SQLite file.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { corpusPath } from '../../../test/corpus.ts';

const yusuan = (args: readonly string[]) =>
  spawnSync(process.execPath, ['bin/yusuan.js', ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' }, timeout: 120_000 });

describe('yusuan import', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'yusuan-cli-import-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('imports a directory with a line per file, then reports unchanged, and fails on an unrecognised file', () => {
    const docs = join(dir, 'docs');
    const db = join(dir, 'db.sqlite');
    mkdirSync(docs);
    copyFileSync(corpusPath('songjiang-2025-data-bureau-budget'), join(docs, 'data-bureau.txt'));
    copyFileSync(corpusPath('putuo-2024-wanli-subdistrict-budget'), join(docs, 'wanli-2024.txt'));

    const first = yusuan(['import', docs, '--sqlite', db]);
    expect(first.status, first.stderr).toBe(0);
    const lines = first.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => l.startsWith('新建 created'))).toBe(true);

    const again = yusuan(['import', join(docs, 'data-bureau.txt'), '--sqlite', db]);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/^未变 unchanged #1 v1/);

    writeFileSync(join(docs, 'minutes.txt'), '会议纪要：今天讨论了食堂菜单。\n');
    const mixed = yusuan(['import', docs, '--sqlite', db]);
    expect(mixed.status).toBe(1);
    expect(mixed.stdout).toMatch(/未识别 rejected minutes\.txt/);

    expect(yusuan(['import', join(dir, 'nothing-here'), '--sqlite', db]).status).toBe(1);
    expect(yusuan(['import', docs, '--database-url', 'mysql://x']).status).toBe(2);
  });
});
