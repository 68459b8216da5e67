/** PDFs through the CLI as users run it: `yusuan parse|check|export|import FILE.pdf`, recognised by content. */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, yusuan } from '../../../test/spawn-cli.ts';

const corpus = resolve(repoRoot, '../shared/corpus');
const pdf = join(corpus, 'putuo-2025-wanli-subdistrict-budget.pdf');

/** `yusuan import` on a temp SQLite file, never a PostgreSQL server from the environment. */
const spawnImport = (args: readonly string[]): { status: number | null; stdout: string; stderr: string } => {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'yusuan.js'), 'import', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '' },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe.runIf(existsSync(pdf))('PDF input to the CLI', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'yusuan-cli-pdf-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('parse reads a PDF by its content, whatever its name, with page and box on every figure', () => {
    const renamed = join(dir, 'budget.bin');
    copyFileSync(pdf, renamed);
    const r = yusuan(['parse', '--json', renamed]);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { kind: string; document: { tables: { number: number; rows: { cells: { figure?: { source: { page?: number; bbox?: number[] } } }[] }[] }[] } };
    expect(out.kind).toBe('budget-disclosure');
    const figure = out.document.tables.find((t) => t.number === 2)?.rows[0]?.cells[0]?.figure;
    expect(figure?.source.page).toBe(10);
    expect(figure?.source.bbox).toHaveLength(4);
  });

  it('check and export read it too', () => {
    const check = yusuan(['check', '--format', 'json', pdf]);
    expect([0, 1]).toContain(check.status);
    const findings = (JSON.parse(check.stdout) as { findings: { line?: number; page?: number; bbox?: number[] }[] }).findings;
    expect(findings.length).toBeGreaterThan(0);
    // Every finding located on a line of the PDF says on which page, and where.
    for (const f of findings.filter((x) => x.line !== undefined)) {
      expect(f.page).toBeGreaterThan(0);
      expect(f.bbox).toHaveLength(4);
    }
    const exp = yusuan(['export', pdf, '--format', 'csv', '--what', 'cells']);
    expect(exp.stdout.split(/\r?\n/)[0]).toBe('department,year,table,code,name,column,amount_yuan');
    expect(exp.stdout).toContain('201 05 07');
  });

  it('a truncated PDF gets a clear error and a non-zero exit', () => {
    const cut = join(dir, 'cut.pdf');
    const bytes = readFileSync(pdf);
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const parse = yusuan(['parse', cut]);
    // Unreadable input exits 2, as for any document that cannot be read (docs/cli.md).
    expect(parse.status).toBe(2);
    expect(parse.stdout).toContain('[pdf-truncated]');
    const check = yusuan(['check', cut]);
    expect(check.status).toBe(2);
    expect(check.stderr).toContain('PDF 文件不完整');
  });

  it('import stores a readable PDF and nothing from an unreadable one', () => {
    const db = join(dir, 'db.sqlite');
    const cut = join(dir, 'cut2.pdf');
    const bytes = readFileSync(pdf);
    writeFileSync(cut, bytes.subarray(0, 1000));
    const r = spawnImport([pdf, cut, '--sqlite', db]);
    expect(r.status).not.toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines.some((l) => /created #1 v1 .*万里.* 2025/.test(l))).toBe(true);
    expect(lines.some((l) => l.includes('cut2.pdf') && l.includes('PDF 文件不完整'))).toBe(true);
  });
});
