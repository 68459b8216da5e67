/**
 * Every corpus PDF, read from the PDF itself, against the hand-checked answer keys
 * (`../shared/corpus/keys/*.json`): every keyed table cell is in the right row and column, every
 * blank cell is empty, and every figure's column came from the page (`printed`), never from the
 * tables' arithmetic. The model from the PDF also equals the model from its `pdftotext -layout`
 * text wherever the text reader reads that text.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatCode, type BudgetDisclosure, type TableRow } from '#domain/index.ts';
import { parseDocument } from '../detect.ts';
import { parsePdfDocument, type PdfParseResult } from './index.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const corpus = path.resolve(repoRoot, '../shared/corpus');
const pdfs = existsSync(corpus) ? readdirSync(corpus).filter((f) => f.endsWith('.pdf')).sort() : [];

/**
 * Documents whose tables the text reader cannot yet locate — from their `pdftotext` text just as
 * from the PDF (`table-missing`). Asserted to still fail, so that this list is emptied as soon as
 * the reader learns them. (Empty since the readers find sections and tables by meaning.)
 */
const KNOWN_TEXT_READER_FAILURES = new Set<string>([]);

/**
 * Tables whose figures the PDF rendering cannot yet place by the page, so the text reader places
 * them by arithmetic (correctly, as the key tests show): unit budgets' table 1 splits 预算数 into
 * 合计 / 人员经费 / 公用经费 / 项目支出 under one ruled cell, and the rendering writes those figures
 * into one cell. Asserted to still be so, so the entry goes once the PDF layout splits them.
 */
const KNOWN_INFERRED_TABLES: ReadonlyMap<string, ReadonlySet<number>> = new Map([
  ['putuo-2025-government-office-unit-budget', new Set([1])],
]);

interface KeyRow {
  readonly code: string;
  readonly canonical_code?: string;
  readonly name: string;
  readonly values: Readonly<Record<string, string>>;
  readonly page: number;
}
interface KeyTable {
  readonly number: number;
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly KeyRow[];
}
interface KeySideRow {
  readonly name: string;
  readonly value?: string | null;
  readonly values?: Readonly<Record<string, string>>;
}
interface KeyTwoSided {
  readonly revenue_rows: readonly KeySideRow[];
  readonly expenditure_rows?: readonly KeySideRow[];
  readonly expenditure: Readonly<Record<string, string>>;
  readonly 支出总计: string;
}
interface Key {
  readonly tables: Readonly<Record<string, KeyTable>>;
  readonly t1: KeyTwoSided;
  readonly t4: KeyTwoSided;
  readonly t9: { readonly values: Readonly<Record<string, string>> };
}

/** A printed decimal in 元 (`82096797.42`, `3296600`, `0`) or 万元 (`37.91`) as integer 分, digit by digit — no floats. */
const decimalToFen = (s: string, unit: '元' | '万元' = '元'): number => {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s.trim());
  if (!m) throw new Error(`not a decimal: ${s}`);
  const places = unit === '元' ? 2 : 6;
  const frac = (m[3] ?? '').padEnd(places, '0');
  if (/[1-9]/.test(frac.slice(places))) throw new Error(`finer than 分: ${s}`);
  const fen = BigInt(m[2] ?? '0') * 10n ** BigInt(places) + BigInt(frac.slice(0, places));
  return Number(m[1] === '-' ? -fen : fen);
};

const rowKey = (r: TableRow): string => (r.code ? formatCode(r.code) : r.name);
const keyRowKey = (r: KeyRow): string => (r.code ? (r.canonical_code ?? r.code) : r.name);
/** Codes as printed may drop a leading zero (`301 2`); compare them part by part as numbers. */
const normaliseCode = (c: string): string => c.split(/\s+/).map((p) => String(Number(p))).join(' ');

const results = new Map<string, PdfParseResult>();

describe.skipIf(pdfs.length === 0)('corpus PDFs', () => {
  beforeAll(async () => {
    for (const f of pdfs) results.set(f.replace(/\.pdf$/, ''), await parsePdfDocument(new Uint8Array(readFileSync(path.join(corpus, f)))));
  }, 240_000);

  for (const file of pdfs) {
    const name = file.replace(/\.pdf$/, '');
    const keyPath = path.join(corpus, 'keys', `${name}.json`);

    it(`${name}: read as a budget disclosure, every figure placed by the page`, () => {
      const r = results.get(name);
      expect(r?.kind).toBe('budget-disclosure');
      const codes = r?.diagnostics.map((d) => d.code) ?? [];
      expect(codes).not.toContain('cell-placement-ambiguous');
      const doc = r?.document as BudgetDisclosure;
      for (const t of doc.tables) {
        const inferredKnown = KNOWN_INFERRED_TABLES.get(name)?.has(t.number) ?? false;
        const placements = t.rows.flatMap((row) => row.cells.filter((c) => c.figure).map((c) => c.placement));
        if (inferredKnown) {
          expect(placements, `table ${t.number} is still placed by arithmetic: delete it from KNOWN_INFERRED_TABLES`).toContain('inferred');
          continue;
        }
        for (const row of t.rows) {
          expect(row.unplaced ?? [], `${t.number} ${rowKey(row)}`).toEqual([]);
          for (const c of row.cells) if (c.figure) expect(c.placement, `${t.number} ${rowKey(row)} ${c.column}`).toBe('printed');
        }
      }
    });

    it.runIf(existsSync(keyPath))(`${name}: every keyed table cell is in its row and column`, () => {
      const key = JSON.parse(readFileSync(keyPath, 'utf8')) as Key;
      const r = results.get(name);
      const doc = r?.document as BudgetDisclosure;
      if (KNOWN_TEXT_READER_FAILURES.has(name)) {
        // Still failing in the text reader: remove the name above once this no longer holds.
        expect(r?.diagnostics.some((d) => d.code === 'table-missing')).toBe(true);
        return;
      }
      let checked = 0;
      for (const kt of Object.values(key.tables)) {
        const table = doc.tables.find((t) => t.number === kt.number);
        expect(table, `table ${kt.number}`).toBeDefined();
        if (!table) continue;
        const byKey = new Map<string, TableRow[]>();
        for (const row of table.rows) {
          const k = row.code ? normaliseCode(formatCode(row.code)) : row.name;
          byKey.set(k, [...(byKey.get(k) ?? []), row]);
        }
        const seen = new Map<string, number>();
        for (const kr of kt.rows) {
          const k = kr.code ? normaliseCode(keyRowKey(kr)) : kr.name;
          const nth = seen.get(k) ?? 0;
          seen.set(k, nth + 1);
          const row = byKey.get(k)?.[nth];
          expect(row, `table ${kt.number} row ${k}`).toBeDefined();
          if (!row) continue;
          const printed = Object.fromEntries(row.cells.filter((c) => c.figure).map((c) => [c.column, Number(c.figure?.amount)]));
          const expected = Object.fromEntries(Object.entries(kr.values).map(([col, v]) => [col, decimalToFen(v)]));
          expect(printed, `table ${kt.number} row ${k}`).toEqual(expected);
          checked += Object.keys(expected).length;
          // Every keyed figure knows its page.
          for (const c of row.cells) if (c.figure) expect(c.figure.source.page, `table ${kt.number} row ${k} ${c.column}`).toBe(kr.page);
        }
      }
      expect(checked).toBeGreaterThan(0);
    });

    it.runIf(existsSync(keyPath) && !KNOWN_TEXT_READER_FAILURES.has(name))(`${name}: tables 1, 4 and 9 match the key`, () => {
      const key = JSON.parse(readFileSync(keyPath, 'utf8')) as Key;
      const doc = results.get(name)?.document as BudgetDisclosure;
      const table = (n: number) => doc.tables.find((t) => t.number === n);
      const cellsOf = (row: TableRow | undefined): Record<string, number> =>
        Object.fromEntries((row?.cells ?? []).filter((c) => c.figure).map((c) => [c.column, Number(c.figure?.amount)]));
      const fenOf = (values: Readonly<Record<string, string>>, unit: '元' | '万元' = '元'): Record<string, number> =>
        Object.fromEntries(Object.entries(values).map(([c, v]) => [c, decimalToFen(v, unit)]));
      for (const [n, kt] of [[1, key.t1], [4, key.t4]] as const) {
        const rows = table(n)?.rows ?? [];
        const side = (s: 'revenue' | 'expenditure', nameOf: string) => rows.find((r) => (r.side === s || r.kind === 'total') && r.name === nameOf);
        for (const kr of kt.revenue_rows) {
          const row = side('revenue', kr.name);
          expect(row, `table ${n} ${kr.name}`).toBeDefined();
          expect(Object.values(cellsOf(row)), `table ${n} ${kr.name}`).toEqual(kr.value ? [decimalToFen(kr.value)] : []);
        }
        if (kt.expenditure_rows) {
          for (const kr of kt.expenditure_rows) {
            const row = side('expenditure', kr.name);
            // The model names table 1's total column 预算数 whether or not the side is split (the key says 合计).
            const values = Object.fromEntries(Object.entries(kr.values ?? {}).map(([c, v]) => [n === 1 && c === '合计' ? '预算数' : c, v]));
            expect(cellsOf(row), `table ${n} ${kr.name}`).toEqual(fenOf(values));
          }
        } else {
          for (const [nameOf, v] of Object.entries(kt.expenditure)) {
            expect(Object.values(cellsOf(side('expenditure', nameOf))), `table ${n} ${nameOf}`).toEqual([decimalToFen(v)]);
          }
        }
      }
      expect(table(9)?.unit).toBe('万元');
      expect(cellsOf(table(9)?.rows[0])).toEqual(fenOf(key.t9.values, '万元'));
    });

    it.runIf(existsSync(keyPath))(`${name}: the text rendering puts every keyed figure in its column`, () => {
      // Independent of the text reader: the TAB-separated rows of the rendering, cell by cell.
      const key = JSON.parse(readFileSync(keyPath, 'utf8')) as Key;
      const lines = (results.get(name)?.text ?? '').split('\n').map((l) => l.replace(/\f/g, ''));
      const titles = Object.values(key.tables).map((kt) => ({ kt, at: lines.lastIndexOf(kt.title) }));
      let checked = 0;
      for (const { kt, at } of titles) {
        expect(at, `title ${kt.title}`).toBeGreaterThanOrEqual(0);
        const end = Math.min(...titles.map((t) => t.at).filter((x) => x > at), lines.length);
        // Rows are TAB-separated; a row without any figure (an empty table's 合计) may be a plain line.
        // A column header, its cells kept too (…\t合计\t基本支出\t项目支出), is not a data row.
        const rows = lines
          .slice(at + 1, end)
          .map((l) => (l.includes('\t') ? l.split('\t') : [l.trim()]))
          .map((cells) => (kt.columns.every((c) => cells.includes(c)) ? [] : cells));
        let from = 0;
        for (const kr of kt.rows) {
          const code = kr.code ? normaliseCode(kr.code) : '';
          const i = rows.findIndex((cells, k) => k >= from && (code ? /^\d/.test(cells[0] ?? '') && normaliseCode(cells[0] ?? '') === code : cells.includes(kr.name)));
          expect(i, `${kt.title} row ${kr.code} ${kr.name}`).toBeGreaterThanOrEqual(0);
          from = i + 1;
          const cells = rows[i] ?? [];
          const nameAt = code ? 1 : cells.indexOf(kr.name);
          const figures = cells.slice(nameAt + 1);
          if (cells.length === 1 && Object.keys(kr.values).length === 0) continue;
          expect(figures.length, `${kt.title} row ${kr.code} ${kr.name}: one cell per column`).toBe(kt.columns.length);
          kt.columns.forEach((col, c) => {
            const printed = (figures[c] ?? '').replace(/,/g, '');
            const keyed = kr.values[col];
            expect(printed === '' ? undefined : decimalToFen(printed), `${kt.title} row ${kr.code} ${kr.name} ${col}`).toBe(keyed === undefined ? undefined : decimalToFen(keyed));
            checked++;
          });
        }
      }
      expect(checked).toBeGreaterThan(0);
    });

    it(`${name}: the model equals the model read from its pdftotext text`, () => {
      const txt = path.join(corpus, `${name}.txt`);
      if (!existsSync(txt)) return;
      const fromText = parseDocument(readFileSync(txt, 'utf8'));
      const fromPdf = results.get(name);
      if (fromText.kind !== 'budget-disclosure' || fromPdf?.kind !== 'budget-disclosure') {
        expect(fromPdf?.kind).toBe(fromText.kind);
        return;
      }
      expect(tablesOf(fromPdf.document)).toEqual(tablesOf(fromText.document));
      // Every figure of the model — tables, 编制说明, 其他相关情况说明, projects — in the same place
      // of the model, with the same amount as printed.
      expect(figuresOf(fromPdf.document).length).toBeGreaterThan(0);
      expect(figuresOf(fromPdf.document)).toEqual(figuresOf(fromText.document));
    });
  }
});

/** Tables as amounts, codes, names and columns: no provenance, no placement. */
const tablesOf = (d: BudgetDisclosure): unknown =>
  d.tables.map((t) => ({
    number: t.number,
    title: t.title.text,
    unit: t.unit,
    preparer: t.preparer,
    rows: t.rows.map((r) => ({
      kind: r.kind,
      side: r.side,
      code: r.code ? formatCode(r.code) : undefined,
      name: r.name,
      cells: r.cells.map((c) => [c.column, c.figure ? Number(c.figure.amount) : null]),
    })),
  }));

/** Every figure of a model as `place amount raw`, the place its path in the model (provenance left out). */
const figuresOf = (d: unknown): string[] => {
  const out: string[] = [];
  const walk = (v: unknown, path: string): void => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${path}[${i}]`));
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    if (typeof o['amount'] === 'number' && typeof o['raw'] === 'string') out.push(`${path} ${o['amount']} ${o['raw']}`);
    for (const [k, x] of Object.entries(o)) if (k !== 'source' && k !== 'location') walk(x, `${path}.${k}`);
  };
  walk(d, '');
  return out;
};
