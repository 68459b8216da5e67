/** `yusuan check`, run as users run it: `node bin/yusuan.js check …`. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusPath, readCorpus } from '../../../test/corpus.ts';
import { repoRoot as root, yusuan } from '../../../test/spawn-cli.ts';

interface JsonFinding {
  rule: string;
  severity: string;
  message: string;
  document?: string;
  table?: number;
  row?: string;
  column?: string;
  line?: number;
  project?: string;
  figures: { label: string; amount?: number }[];
}

describe('yusuan check', () => {
  it('prints findings grouped by document and exits 0 without errors', () => {
    const r = yusuan(['check', corpusPath('songjiang-2025-data-bureau-budget'), corpusPath('songjiang-2025-administrative-service-center-budget')]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`== ${corpusPath('songjiang-2025-data-bureau-budget')} ==`);
    expect(r.stdout).toContain('未发现问题。');
    expect(r.stdout).toMatch(/警告（\d+）/);
    expect(r.stdout).toContain('[hygiene.doubled-punctuation] 第 596 行');
  });

  it('prints flattened JSON findings with locations and exits 1 on errors', () => {
    const r = yusuan(['check', '--format', 'json', corpusPath('putuo-2025-wanli-subdistrict-budget'), corpusPath('putuo-2024-wanli-subdistrict-budget')]);
    expect(r.status).toBe(1);
    const out = JSON.parse(r.stdout) as { findings: JsonFinding[] };
    const f = out.findings.find((x) => x.rule === 'table.row-total-equals-parts' && x.table === 3)!;
    expect(f).toMatchObject({ severity: 'error', table: 3, row: '212 01 城乡社区管理事务', column: '合计', line: 414, document: corpusPath('putuo-2025-wanli-subdistrict-budget') });
    expect(f.figures[0]?.amount).toBe(9_499_579_000);
    expect(out.findings.some((x) => x.rule === 'projects.name-present' && x.project === '')).toBe(true);
  });

  it('uses --prior as last year’s document without reporting on it', () => {
    const text = readCorpus('putuo-2025-wanli-subdistrict-budget').replace('比2024年预算增加\n3,355.65万元', '比2024年预算增加\n3,355.68万元');
    const r = yusuan(['check', '--format', 'json', '--prior', corpusPath('putuo-2024-wanli-subdistrict-budget'), '-'], text);
    const out = JSON.parse(r.stdout) as { findings: JsonFinding[] };
    expect(out.findings.filter((x) => x.rule === 'cross-year.prior-figures-equal-prior-document').length).toBeGreaterThan(0);
    expect(out.findings.every((x) => x.document === '-')).toBe(true);
  });

  it('writes a standalone HTML page', () => {
    const r = yusuan(['check', '--format', 'html', corpusPath('songjiang-2024-sci-tech-innovation-center-performance-targets')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^<!doctype html>/);
    expect(r.stdout).toContain('indicators.explanation-equals-form');
    expect(r.stdout).not.toMatch(/<script|src="http/);
  });

  it('exits 2 for an unreadable file, an unrecognised one, or a bad format', () => {
    expect(yusuan(['check', join(root, 'no-such-file.txt')]).status).toBe(2);
    const unknown = yusuan(['check', '-'], '这不是预算文件。\n');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('无法识别');
    expect(yusuan(['check', '--format', 'xml', corpusPath('songjiang-2025-data-bureau-budget')]).status).toBe(2);
  });
});
