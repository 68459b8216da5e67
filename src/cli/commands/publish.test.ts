/** `yusuan export --format html|xlsx|pdf|fdp`, run as users run it. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDocument } from '#ingest/detect.ts';
import { htmlToText } from '#render/publish/html-text.ts';
import { modelDifferences } from '#render/publish/testing.ts';
import { corpusPath, readCorpus } from '../../../test/corpus.ts';
import { yusuan } from '../../../test/spawn-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'yusuan-cli-publish-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = corpusPath('songjiang-2025-data-bureau-budget');

describe('yusuan export (publishing formats)', () => {
  it('writes the published HTML to stdout, which reads back as the document', () => {
    const r = yusuan(['export', file, '--format', 'html']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^<!DOCTYPE html>/);
    expect(modelDifferences(parseDocument(readCorpus('songjiang-2025-data-bureau-budget')).document, parseDocument(htmlToText(r.stdout)).document)).toEqual([]);
  });

  it('writes XLSX and a data package to --out', () => {
    const xlsx = join(dir, 'd.xlsx');
    expect(yusuan(['export', file, '--format', 'xlsx', '--out', xlsx]).status).toBe(0);
    expect(readFileSync(xlsx).subarray(0, 2).toString('latin1')).toBe('PK');
    const pkg = join(dir, 'pkg');
    const r = yusuan(['export', file, '--format', 'fdp', '--out', pkg]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('197 行');
    const descriptor = JSON.parse(readFileSync(join(pkg, 'datapackage.json'), 'utf8')) as { resources: { path: string }[] };
    expect(existsSync(join(pkg, descriptor.resources[0]?.path ?? 'missing'))).toBe(true);
    // 197 figures + the header.
    expect(readFileSync(join(pkg, 'budget-figures.csv'), 'utf8').trimEnd().split('\r\n')).toHaveLength(198);
  });

  it('says in Chinese that there is no browser for a PDF, exit 3; fdp of a declaration and a missing --out are usage errors', () => {
    const saved = process.env['CHROMIUM_PATH'];
    process.env['CHROMIUM_PATH'] = join(dir, 'no-such-chromium');
    try {
      const r = yusuan(['export', file, '--format', 'pdf', '--out', join(dir, 'd.pdf')]);
      expect(r.status).toBe(3);
      expect(r.stderr).toContain('未找到可用的 Chromium');
    } finally {
      if (saved === undefined) delete process.env['CHROMIUM_PATH'];
      else process.env['CHROMIUM_PATH'] = saved;
    }
    expect(yusuan(['export', corpusPath('songjiang-2024-sci-tech-innovation-center-performance-targets'), '--format', 'fdp', '--out', join(dir, 'x')]).status).toBe(2);
    expect(yusuan(['export', file, '--format', 'fdp']).status).toBe(2);
    expect(yusuan(['export', '--format', 'html']).status).toBe(2);
  });

  it('exports a stored document by --document and the whole store by --all', () => {
    const db = join(dir, 'store.sqlite');
    expect(yusuan(['import', file, '--sqlite', db]).status).toBe(0);
    const fromStore = yusuan(['export', '--document', '1', '--format', 'html', '--sqlite', db]);
    expect(fromStore.status).toBe(0);
    expect(fromStore.stdout).toBe(yusuan(['export', file, '--format', 'html']).stdout);
    const all = join(dir, 'all');
    expect(yusuan(['export', '--all', '--format', 'fdp', '--out', all, '--sqlite', db]).status).toBe(0);
    expect(readFileSync(join(all, 'budget-figures.csv'), 'utf8')).toBe(readFileSync(join(dir, 'pkg', 'budget-figures.csv'), 'utf8'));
    expect(yusuan(['export', '--document', '99', '--format', 'html', '--sqlite', db]).status).toBe(2);
  });
});
