import { describe, expect, it } from 'vitest';
import { parseCode, type BudgetDisclosure } from '#domain/index.ts';
import { economicEntry } from '#reference/economic-codes.ts';
import { functionalEntries, functionalEntry, FUNCTIONAL_CATALOGUE } from '#reference/functional-codes.ts';
import { FUNCTIONAL_CLASSES } from '#domain/index.ts';
import { checkDocuments } from './index.ts';
import { buildBudget, mutable, type Mutable } from './testing.ts';
import type { ClassificationCode } from '#domain/index.ts';

const code = (text: string, scheme: 'functional' | 'economic' = 'functional') => parseCode(text, scheme) as Mutable<ClassificationCode>;

const run = (d: BudgetDisclosure) => checkDocuments([{ kind: 'budget-disclosure', document: d, name: 't' }]);

describe('reference catalogues', () => {
  it('know every 类 of the domain list for 2025, with a source', () => {
    for (const c of FUNCTIONAL_CLASSES) {
      const e = functionalEntry(2025, c.code);
      expect(e?.name, c.code).toBe(c.name);
      expect(e?.source).toMatch(/《\d{4}年政府收支分类科目》/);
    }
  });

  it('key names by year: 210 was 医疗卫生与计划生育支出 until 2018', () => {
    expect(functionalEntry(2018, '210')?.name).toBe('医疗卫生与计划生育支出');
    expect(functionalEntry(2019, '210')?.name).toBe('卫生健康支出');
    expect(functionalEntries('210')).toHaveLength(2);
  });

  it('hold the economic 款 the corpus uses', () => {
    for (const code of ['301 08', '301 13', '302 17', '302 31', '303 02', '310 02']) expect(economicEntry(2025, code)).toBeDefined();
  });

  it('have no two entries for one code in force in the same year', () => {
    const seen = new Set<string>();
    for (const e of FUNCTIONAL_CATALOGUE.entries) {
      for (let y = e.from; y <= (e.to ?? 2026); y++) {
        const k = `${e.code}@${y}`;
        expect(seen.has(k), k).toBe(false);
        seen.add(k);
      }
    }
  });
});

describe('classification rules', () => {
  it('find nothing on a consistent document', () => {
    expect(run(buildBudget()).filter((f) => f.rule.startsWith('classification.'))).toEqual([]);
  });

  it('report a 类 code that does not exist (warning) and an unlisted 款 (info)', () => {
    const d = mutable(buildBudget());
    const t3 = d.tables.find((t) => t.number === 3)!;
    t3.rows[0]!.code = code('298');
    t3.rows[1]!.code = code('201 77');
    const hits = run(d as BudgetDisclosure).filter((f) => f.rule === 'classification.unknown-code');
    expect(hits.map((f) => [f.location?.table, f.location?.line, f.severity])).toEqual([
      [3, t3.rows[0]!.line, 'warning'],
      [3, t3.rows[1]!.line, 'info'],
    ]);
  });

  it('report a name that does not match its code, and an outdated name as such', () => {
    const d = mutable(buildBudget());
    const t3 = d.tables.find((t) => t.number === 3)!;
    t3.rows.find((r) => r.name === '住房公积金')!.name = '购房补贴';
    const t1 = d.tables.find((t) => t.number === 1)!;
    t1.rows.find((r) => r.name === '社会保障和就业支出')!.name = '医疗卫生与计划生育支出';
    const hits = run(d as BudgetDisclosure).filter((f) => f.rule === 'classification.name-matches-code');
    expect(hits.map((f) => f.location?.table).sort()).toEqual([1, 3]);
    expect(hits.find((f) => f.location?.table === 1)?.message).toContain('旧名称');
  });

  it('recognise an outdated name on a coded row', () => {
    const d = mutable(buildBudget());
    const t8 = d.tables.find((t) => t.number === 8)!;
    t8.rows[0]!.name = '工资福利';
    const t2 = d.tables.find((t) => t.number === 2)!;
    const r = t2.rows.find((x) => x.name === '社会保障和就业支出')!;
    r.code = code('210');
    r.name = '医疗卫生与计划生育支出';
    const hits = run(d as BudgetDisclosure).filter((f) => f.rule === 'classification.name-matches-code');
    expect(hits.some((f) => f.location?.table === 8)).toBe(true);
    expect(hits.some((f) => f.location?.table === 2 && f.message.includes('旧名称'))).toBe(true);
  });
});
