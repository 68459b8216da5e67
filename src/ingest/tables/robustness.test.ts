/**
 * Readers never throw: random text, and corpus table text mutated line by line and character by
 * character, must read to some tables plus diagnostics.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DiagnosticSink } from '#domain/index.ts';
import { BUDGET_DISCLOSURES, readCorpus } from '../../../test/corpus.ts';
import { readBudgetTables } from '../budget-tables.ts';
import { toLines } from '../text.ts';

const VOCABULARY = [
  '2025年部门支出预算总表', '2025年部门财务收支预算总表', '部门“三公”经费和机关运行经费预算表', '编制部门：某局 单位：元', '单位:万元',
  '合计', '收入总计', '支出总计', '一、', '1.', '201', '41', '01', '301 2', '行政运行', '基本支出', '项目支出', '注：', '类 款 项',
  '0', '100.00', '3,644,486.31', '-', '\t', '|', ' ', '  ', '\n', '\f', '<td>', '</td>', '## ', '……', '其他相关情况说明',
];

const read = (text: string): unknown => {
  const sink = new DiagnosticSink();
  const tables = readBudgetTables(toLines(text), sink, { searchBudget: 2_000 });
  expect(Array.isArray(tables)).toBe(true);
  return tables;
};

const tablesSection = (name: string): string[] => {
  const lines = readCorpus(name).split('\n');
  const start = lines.findIndex((l) => /财务收支预算总表\s*$/.test(l) && !l.includes('…'));
  const end = lines.findIndex((l, i) => i > start && l.includes('其他相关情况说明'));
  return lines.slice(Math.max(0, start), end > start ? end : undefined);
};

describe('tables reader robustness', () => {
  it('never throws on random text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => void read(s)), { numRuns: 200 });
  });

  it('never throws on random sequences of table vocabulary', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 200 }), (words) => void read(words.join(''))),
      { numRuns: 200 },
    );
  });

  it('never throws on mutated corpus tables', () => {
    const sections = BUDGET_DISCLOSURES.map(tablesSection);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: sections.length - 1 }),
        fc.array(
          fc.record({
            op: fc.constantFrom('delete', 'duplicate', 'swap', 'garble', 'digits'),
            at: fc.nat(),
            other: fc.nat(),
            text: fc.string({ maxLength: 6 }),
          }),
          { maxLength: 25 },
        ),
        (which, edits) => {
          const lines = [...(sections[which] ?? [])];
          for (const e of edits) {
            if (lines.length === 0) break;
            const i = e.at % lines.length;
            const j = e.other % lines.length;
            const line = lines[i] ?? '';
            if (e.op === 'delete') lines.splice(i, 1);
            else if (e.op === 'duplicate') lines.splice(i, 0, line);
            else if (e.op === 'swap') [lines[i], lines[j]] = [lines[j] ?? '', line];
            else if (e.op === 'garble') lines[i] = line.slice(0, e.other % (line.length + 1)) + e.text + line.slice(e.other % (line.length + 1));
            else lines[i] = line.replace(/\d/g, (d) => String((Number(d) + e.other) % 10));
          }
          read(lines.join('\n'));
        },
      ),
      { numRuns: 150 },
    );
  });
});
