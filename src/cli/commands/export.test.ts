/** `yusuan export`, run as users run it. Rows asserted here were checked against the source text. */
import { describe, expect, it } from 'vitest';
import { corpusPath } from '../../../test/corpus.ts';
import { yusuan } from '../../../test/spawn-cli.ts';

const rows = (csv: string): string[] => csv.split('\r\n').filter((l) => l !== '');

describe('yusuan export', () => {
  it('exports table cells (default csv/cells) with the admin service center’s 208 05 05 row', () => {
    const r = yusuan(['export', corpusPath('songjiang-2025-administrative-service-center-budget')]);
    expect(r.status).toBe(0);
    const lines = rows(r.stdout);
    expect(lines[0]).toBe('department,year,table,code,name,column,amount_yuan');
    // Source line 180: `208 05 05 机关事业单位基本养老保险缴费支出 1,747,804.00 1,747,804.00`.
    expect(lines).toContain('上海市松江区行政服务中心,2025,部门收入预算总表,208 05 05,机关事业单位基本养老保险缴费支出,合计,1747804.00');
    // Source line 144: `收入总计 84,966,521.98 支出总计 84,966,521.98`.
    expect(lines).toContain('上海市松江区行政服务中心,2025,部门财务收支预算总表,,收入总计,预算数,84966521.98');
    // Source line 451: `合计 17,705,940.98 16,365,586.30 1,340,354.68`.
    expect(lines).toContain('上海市松江区行政服务中心,2025,部门一般公共预算基本支出部门预算经济分类预算表,,合计,公用经费,1340354.68');
  });

  it('exports budget projects with their annual amounts', () => {
    const r = yusuan(['export', corpusPath('songjiang-2025-administrative-service-center-budget'), '--format', 'csv', '--what', 'projects']);
    expect(r.status).toBe(0);
    const lines = rows(r.stdout);
    expect(lines[0]).toBe('department,year,project,amount_yuan');
    expect(lines).toHaveLength(42);
    // Source line 516: `预算安排金额为1298.7708万元`.
    expect(lines).toContain('上海市松江区行政服务中心,2025,非编人员经费项目,12987708.00');
  });

  it('exports a declaration’s indicators and projects', () => {
    const file = corpusPath('songjiang-2024-sci-tech-innovation-center-performance-targets');
    const ind = yusuan(['export', file, '--what', 'indicators']);
    // The declaration reader's own diagnostics decide 0 or 1; never 2 for a readable declaration.
    expect([0, 1]).toContain(ind.status);
    const lines = rows(ind.stdout);
    expect(lines[0]).toBe('department,year,project,level1,level2,level3,operator,value,unit,text,target');
    // Source line 51: `绩效指标	产出指标	数量指标	全年发放工资薪酬	=139.20(万元)`.
    // Operators and targets starting with = are neutralised for spreadsheets (OWASP CSV injection).
    expect(lines).toContain("上海市松江区科技创新服务中心,2024,编外人员工作经费,产出指标,数量指标,全年发放工资薪酬,'=,139.20,万元,,'=139.20(万元)");
    const proj = rows(yusuan(['export', file, '--what', 'projects']).stdout);
    // Source line 43: `项目资金总额	1,443,356.00`.
    expect(proj).toContain('上海市松江区科技创新服务中心,2024,编外人员工作经费,1443356.00');
  });

  it('refuses an export the document kind does not have (exit 2)', () => {
    const r = yusuan(['export', corpusPath('songjiang-2025-data-bureau-budget'), '--what', 'indicators']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
  });
});
