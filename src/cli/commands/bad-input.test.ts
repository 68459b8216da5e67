/**
 * The CLI against bad input and a hostile environment, run as users run it: every failure ends
 * with one line on stderr (no stack trace) and the documented exit status (docs/cli.md).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { corpusPath } from '../../../test/corpus.ts';
import { repoRoot, yusuan } from '../../../test/spawn-cli.ts';

const noStackTrace = (stderr: string): void => {
  expect(stderr).not.toMatch(/\n\s+at .+\(|node:internal|Error: .*\n\s+at /);
};

describe('yusuan under bad input', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'yusuan-cli-bad-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reports dangling links and link loops in an import directory, imports the rest, exits 1', () => {
    const docs = join(dir, 'docs');
    mkdirSync(docs);
    copyFileSync(corpusPath('songjiang-2025-data-bureau-budget'), join(docs, 'a.txt'));
    symlinkSync(join(dir, 'nowhere.txt'), join(docs, 'dangling.txt'));
    symlinkSync(join(docs, 'loop-b.txt'), join(docs, 'loop-a.txt'));
    symlinkSync(join(docs, 'loop-a.txt'), join(docs, 'loop-b.txt'));
    symlinkSync(docs, join(docs, 'back-up'));
    const r = yusuan(['import', docs, '--sqlite', join(dir, 'db.sqlite')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/dangling\.txt：符号链接指向的文件不存在/);
    expect(r.stdout).toMatch(/loop-a\.txt：符号链接循环/);
    expect(r.stdout).toMatch(/新建 created .* a\.txt/);
    // The link back up the tree is walked once, not forever.
    expect(r.stdout.match(/a\.txt$/gm)).toHaveLength(1);
    noStackTrace(r.stderr);
  });

  it('says in one line that a database cannot be opened (exit 2)', () => {
    copyFileSync(corpusPath('songjiang-2025-data-bureau-budget'), join(dir, 'a.txt'));
    writeFileSync(join(dir, 'file'), 'x');
    for (const args of [
      ['--database-url', 'postgres://postgres@127.0.0.1:1/none'],
      ['--sqlite', '/proc/no-such-dir/x.sqlite'],
      ['--sqlite', join(dir, 'file', 'x.sqlite')],
    ]) {
      const r = yusuan(['import', join(dir, 'a.txt'), ...args]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n').at(-1)).toMatch(/^无法打开数据库 /);
      noStackTrace(r.stderr);
    }
  });

  it('reads every encoding the API reads: the same text in UTF-8 (with or without BOM), UTF-16 and GBK is one document', () => {
    const text = readFileSync(corpusPath('songjiang-2025-data-bureau-budget'), 'utf8');
    const db = join(dir, 'db.sqlite');
    const files: [string, Buffer][] = [
      ['plain.txt', Buffer.from(text, 'utf8')],
      ['bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])],
      ['utf16le-bom.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
      ['utf16be.txt', Buffer.from(text, 'utf16le').swap16()],
      ['gbk.txt', iconv.encode(text, 'gbk')],
    ];
    for (const [name, bytes] of files) writeFileSync(join(dir, name), bytes);
    const first = yusuan(['import', join(dir, 'plain.txt'), '--sqlite', db]);
    expect(first.stdout).toMatch(/^新建 created #1 v1/);
    for (const [name] of files.slice(1)) {
      const again = yusuan(['import', join(dir, name), '--sqlite', db]);
      expect(again.stdout, name).toMatch(/^未变 unchanged #1 v1/);
      expect(yusuan(['parse', join(dir, name)]).stdout, name).toMatch(/上海市松江区数据局/);
    }
  });

  it('refuses a damaged PDF saying what is wrong, and binary files (exit 2)', () => {
    writeFileSync(join(dir, 'a.pdf'), Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1'));
    writeFileSync(join(dir, 'a.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    const pdf = yusuan(['parse', join(dir, 'a.pdf')]);
    expect(pdf.status).toBe(2);
    expect(pdf.stdout + pdf.stderr).toMatch(/PDF 文件不完整/);
    const png = yusuan(['check', join(dir, 'a.png')]);
    expect(png.status).toBe(2);
    expect(png.stderr).toMatch(/二进制/);
    noStackTrace(pdf.stderr + png.stderr);
  });

  it('exits 2 for an unrecognised document in parse and export, as documented', () => {
    writeFileSync(join(dir, 'minutes.txt'), '会议纪要：今天讨论了食堂菜单。\n');
    for (const cmd of ['parse', 'export']) {
      const r = yusuan([cmd, join(dir, 'minutes.txt')]);
      expect(r.status, cmd).toBe(2);
      expect(r.stdout + r.stderr).toMatch(/无法识别文件类型/);
    }
  });

  it('stores nothing from bad files: PDF, binary, unknown text, random bytes (exit 1, one line each)', () => {
    const docs = join(dir, 'bad');
    mkdirSync(docs);
    writeFileSync(join(docs, 'a.txt'), Buffer.from('%PDF-1.7\n%\xe2\xe3\n', 'latin1'));
    writeFileSync(join(docs, 'b.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0, 0x14, 0]));
    writeFileSync(join(docs, 'c.txt'), iconv.encode('会议纪要：今天讨论了食堂菜单。', 'gbk'));
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), (bytes) => {
        writeFileSync(join(docs, `r${bytes.length}-${bytes[0] ?? 0}.txt`), bytes);
      }),
      { numRuns: 20, seed: 9 },
    );
    const db = join(dir, 'db.sqlite');
    const r = yusuan(['import', docs, '--sqlite', db]);
    expect(r.status).toBe(1);
    noStackTrace(r.stderr);
    expect(r.stdout).toMatch(/a\.txt：.*PDF 文件不完整/);
    expect(r.stdout.trim().split('\n').every((l) => /^(失败 failed|未识别 rejected) /.test(l))).toBe(true);
    const stored = new Database(db, { readonly: true });
    try {
      expect(stored.prepare('select count(*) as n from documents').get()).toEqual({ n: 0 });
    } finally {
      stored.close();
    }
  });

  it('answers random bytes on stdin with a documented status and one line, never a stack trace', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 400 }), (bytes) => {
        const r = spawnSync(process.execPath, ['bin/yusuan.js', 'parse', '-'], { cwd: repoRoot, input: Buffer.from(bytes), encoding: 'utf8', timeout: 60_000 });
        expect([1, 2]).toContain(r.status);
        noStackTrace(r.stderr);
      }),
      { numRuns: 8, seed: 7 },
    );
  });

  it('ends quietly when the reader closes the pipe', () => {
    const r = spawnSync('sh', ['-c', `node bin/yusuan.js parse --json ${corpusPath('putuo-2025-wanli-subdistrict-budget')} | head -c 10 >/dev/null; echo "status=\${?}"`], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
  });
});
