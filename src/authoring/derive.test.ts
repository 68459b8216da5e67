/**
 * Deriving the nine tables from a draft built from each corpus budget reproduces the printed
 * tables, cell for cell, where the printed arithmetic holds; the derived document passes the
 * rule catalogue's arithmetic; editing one leaf moves every parent, total and cross-table figure.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDocuments } from '#checks/index.ts';
import { cellFigure, formatCode, tableByNumber, type BudgetDisclosure, type BudgetTable, type Finding, type TableNumber, type TableRow } from '#domain/index.ts';
import { parseBudgetDisclosure } from '#ingest/budget-disclosure.ts';
import { budgetCorpusDocuments } from '#ingest/testing/corpus-documents.ts';
import { deriveBudgetDisclosure } from './derive.ts';
import { draftFromDisclosure } from './from-disclosure.ts';
import { setLineAmount } from './edit.ts';
import type { Fen } from '#domain/index.ts';

const corpus = budgetCorpusDocuments(process.cwd()).map((d) => {
  const r = parseBudgetDisclosure(d.text);
  const doc = r.document!;
  const findings = checkDocuments([{ kind: 'budget-disclosure', document: doc, text: d.text, diagnostics: r.diagnostics }]);
  return { name: d.name, doc, findings };
});

/** The tables a printed document gets wrong by its own arithmetic (the checker's error findings on them). */
const inconsistentTables = (findings: readonly Finding[]): Set<number> => {
  const out = new Set<number>();
  for (const f of findings) {
    if (f.severity !== 'error' || !/^(table|cross)/.test(f.rule)) continue;
    if (f.location?.table) out.add(f.location.table);
    for (const fig of f.figures) if (fig.location?.table) out.add(fig.location.table);
  }
  return out;
};

const rowKey = (r: TableRow): string => `${r.side ?? ''}|${r.code ? formatCode(r.code) : r.name.replace(/\s+/g, '')}|${r.kind}`;

/** Every non-zero figure of a table, keyed by row and column (empty and 0 are the same). */
const figures = (t: BudgetTable | undefined): Map<string, number> => {
  const out = new Map<string, number>();
  for (const r of t?.rows ?? []) for (const c of r.cells) if (c.figure && c.figure.amount !== 0) out.set(`${rowKey(r)}|${c.column}`, c.figure.amount);
  return out;
};

const TABLES: readonly TableNumber[] = [1, 2, 3, 4, 5, 6, 7, 8, 9];

describe('deriving the nine tables from a draft of each corpus budget', () => {
  it('covers the corpus budgets, department and unit', () => {
    // The bundled corpus holds 4 department budgets; ../shared/corpus (beside the checkout in CI) adds
    // Putuo's, unit budgets among them.
    const shared = existsSync(resolve(process.cwd(), '../shared/corpus'));
    expect(corpus.length).toBeGreaterThanOrEqual(shared ? 7 : 4);
    if (shared) expect(corpus.some((c) => c.doc.level === 'unit')).toBe(true);
  });

  for (const c of corpus) {
    const bad = inconsistentTables(c.findings);
    it(`${c.name}: reproduces every printed figure of the tables whose arithmetic holds (skipped: ${[...bad].join(',') || 'none'})`, () => {
      const derived = deriveBudgetDisclosure(draftFromDisclosure(c.doc)).document;
      let compared = 0;
      for (const n of TABLES) {
        if (bad.has(n)) continue;
        const printed = figures(tableByNumber(c.doc, n));
        const ours = figures(tableByNumber(derived, n));
        expect(Object.fromEntries(ours), `table ${n}`).toEqual(Object.fromEntries(printed));
        compared += printed.size;
      }
      expect(compared).toBeGreaterThan(50);
    });

    it(`${c.name}: the derived document has no arithmetic finding (tables, cross-table, narrative figures)`, () => {
      const d = deriveBudgetDisclosure(draftFromDisclosure(c.doc));
      const found = checkDocuments([{ kind: 'budget-disclosure', document: d.document, text: d.text }]).filter(
        (f) => f.severity === 'error' && /^(table|cross|narrative)/.test(f.rule),
      );
      expect(found.map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
    });
  }

  it('the one corpus document whose tables do not add up is named, and its consistent tables still match', () => {
    const names = corpus.filter((c) => inconsistentTables(c.findings).size > 0).map((c) => c.name);
    expect(names).toEqual(['putuo-2025-wanli-subdistrict-budget']);
  });
});

const fig = (doc: BudgetDisclosure, n: TableNumber, row: (r: TableRow) => boolean, column: string): number =>
  cellFigure(tableByNumber(doc, n)?.rows.find(row), column)?.amount ?? 0;

describe('editing one leaf', () => {
  const base = corpus.find((c) => c.name === 'songjiang-2025-data-bureau-budget')!;
  const draft = draftFromDisclosure(base.doc);
  const code = (s: string) => (r: TableRow) => r.code !== undefined && formatCode(r.code) === s;
  const named = (s: string, side?: string) => (r: TableRow) => r.name === s && (side === undefined || r.side === side);

  it('moves the 款, the 类, every 合计 and the cross-table figures by exactly the change', () => {
    const before = deriveBudgetDisclosure(draft);
    const leaf = draft.lines.find((l) => l.code === '201 41 01')!;
    const after = deriveBudgetDisclosure(setLineAmount(draft, '201 41 01', 'basic.general', ((leaf.amounts['basic.general'] ?? 0) + 100) as Fen));
    const delta = (n: TableNumber, row: (r: TableRow) => boolean, column: string) => fig(after.document, n, row, column) - fig(before.document, n, row, column);
    for (const n of [2, 3, 5] as const) {
      for (const c of ['201 41 01', '201 41', '201']) expect(delta(n, code(c), '合计'), `table ${n} ${c}`).toBe(100);
      expect(delta(n, (r) => r.kind === 'total', '合计')).toBe(100);
    }
    expect(delta(3, code('201 41 01'), '基本支出')).toBe(100);
    expect(delta(3, code('201 41 02'), '合计')).toBe(0);
    expect(delta(2, code('201'), '财政拨款收入')).toBe(100);
    expect(delta(1, named('一般公共服务支出'), '预算数')).toBe(100);
    expect(delta(1, named('财政拨款收入'), '预算数')).toBe(100);
    expect(delta(1, named('收入总计'), '预算数')).toBe(100);
    expect(delta(4, named('一般公共服务支出'), '一般公共预算')).toBe(100);
    expect(delta(4, named('支出总计'), '合计')).toBe(100);
    expect(delta(6, (r) => r.kind === 'total', '合计')).toBe(0);
    expect(after.document.explanation?.revenueTotal?.amount.amount).toBe((before.document.explanation?.revenueTotal?.amount.amount ?? 0) + 100);
    const item = after.document.explanation?.mainItems.find((m) => m.subjectPath?.[2] === '行政运行');
    expect(item?.amount.amount).toBe(364448631 + 100);
  });
});
