/** `yusuan parse`, run as users run it: `node bin/yusuan.js parse …`. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusPath, readCorpus } from '../../../test/corpus.ts';
import { repoRoot as root, yusuan } from '../../../test/spawn-cli.ts';

describe('yusuan parse', () => {
  it('summarises a clean budget disclosure and exits 0', () => {
    const r = yusuan(['parse', corpusPath('songjiang-2025-administrative-service-center-budget')]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('上海市松江区行政服务中心');
    expect(r.stdout).toContain('84,966,521.98 元 (8,496.652198 万元)');
    expect(r.stdout).toMatch(/表1 部门财务收支预算总表: \d+ 行/);
    expect(r.stdout).toContain('项目 projects: 41');
  });

  it('prints the whole model with money as integer 分 under --json', () => {
    const r = yusuan(['parse', '--json', corpusPath('songjiang-2025-data-bureau-budget')]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { kind: string; document: { explanation: { revenueTotal: { amount: { amount: unknown } } } }; diagnostics: unknown[] };
    expect(out.kind).toBe('budget-disclosure');
    expect(out.document.explanation.revenueTotal.amount.amount).toBe(3_686_485_448);
    expect(Array.isArray(out.diagnostics)).toBe(true);
  });

  it('reads stdin for `-`, lists diagnostics with line numbers and exits 1 on errors', () => {
    const truncated = readCorpus('songjiang-2025-data-bureau-budget').split('\n').slice(0, 60).join('\n');
    const r = yusuan(['parse', '-'], truncated);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('[section-missing]');
    expect(r.stdout).toMatch(/第 \d+ 行\s+\[section-missing\]/);
  });

  it('exits 2 with a clear message when the file cannot be read', () => {
    const r = yusuan(['parse', join(root, 'no-such-file.txt')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/无法读取文件 .*no-such-file\.txt.*ENOENT/);
    expect(r.stdout).toBe('');
  });
});
