/**
 * Layout invariance: the corpus tables, re-laid out the ways converters print them (single spaces
 * with empty cells dropped, tabs with empty cells kept, runs of spaces, markdown tables, one cell per
 * line; heading
 * markers on titles; long names wrapped; page furniture and repeated headers between rows; header
 * rows split over lines), must read to the same tables.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DiagnosticSink, formatCode, type BudgetTable, type TableRow } from '#domain/index.ts';
import { BUDGET_DISCLOSURES, readCorpus } from '../../../test/corpus.ts';
import { readBudgetTables } from '../budget-tables.ts';
import { toLines } from '../text.ts';

type Layout = 'sparse' | 'tabs' | 'spaced' | 'markdown' | 'cells';
const LAYOUTS: readonly Layout[] = ['sparse', 'tabs', 'spaced', 'markdown', 'cells'];

interface Options {
  readonly layouts: readonly Layout[];
  readonly heading: boolean;
  readonly wrapNames: boolean;
  readonly furniture: boolean;
  readonly splitHeader: boolean;
  readonly seed: number;
}

/** A small deterministic generator so that one fast-check seed gives one rendering. */
const prng = (seed: number): (() => number) => {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
};

const values = (r: TableRow): string[] => r.cells.map((c) => c.figure?.raw ?? '');

const joinCells = (layout: Layout, cells: readonly string[], rand: () => number): string => {
  switch (layout) {
    case 'sparse':
      return cells.filter((c) => c !== '').join(' ');
    case 'spaced':
      return cells
        .filter((c) => c !== '')
        .map((c, i) => (i === 0 ? c : `${' '.repeat(2 + Math.floor(rand() * 6))}${c}`))
        .join('');
    case 'tabs':
      return cells.join('\t');
    case 'markdown':
      return `| ${cells.join(' | ')} |`;
    case 'cells':
      // One cell per line; a code's segments one per line too.
      return cells
        .filter((c) => c !== '')
        .flatMap((c) => (/^\d{3}( \d{2})*$/.test(c) ? c.split(' ') : [c]))
        .join('\n');
  }
};

const headerLines = (t: BudgetTable, layout: Layout, split: boolean): string[] => {
  const y = t.year !== undefined ? `${t.year}年` : '';
  if (layout === 'markdown') {
    const caption = t.number === 9 ? [`${y}“三公”经费预算数`] : [];
    const cols = t.number === 9 ? [...t.columns] : t.number === 1 || t.number === 4 ? ['项目', ...t.columns] : ['科目编码', '科目名称', ...t.columns];
    return [...caption, `| ${cols.join(' | ')} |`, `|${cols.map(() => '---').join('|')}|`];
  }
  if (t.number === 9) {
    return [`${y}“三公”经费预算数`, '合计 因公出国(境)费 公务接待费', '公务用车购置及运行费', '小计 购置费 运行费', `${y}机关运行经`, '费预算数'];
  }
  if (t.number === 1) return ['本年收入 本年支出', '项  目 预算数 项  目 预算数'];
  if (t.number === 4) return ['财政拨款收入 财政拨款支出', '项目 预算数 项  目 合计 一般公共预算', '政府性基金', '预算', '国有资本经营预', '算'];
  const [first = '', ...rest] = t.columns;
  if (layout === 'cells') return ['项  目', '科目编码', '科目名称', ...t.columns, '类', '款', '项'];
  const names = split
    ? [`科目名称 ${first}`, ...rest.flatMap((c) => (c.length > 4 ? [c.slice(0, 4), c.slice(4)] : [c]))]
    : [`科目名称 ${t.columns.join(' ')}`];
  return ['项  目 预算', t.number === 8 ? '经济分类科目编码' : '功能分类科目编码', ...names, t.number === 8 ? '类 款' : '类 款 项'];
};

/**
 * A page break with its page number. Not `\fN` in the one-cell-per-line layout: there a bare
 * figure just before a page break cannot be told from a page number, and the reader keeps figures.
 */
const furnitureLines = (rand: () => number, layout: Layout): string[] => {
  const page = 1 + Math.floor(rand() * 40);
  const r = rand();
  if (r < 0.3) return [`- ${page} -`, '\f'];
  if (r < 0.6 || layout === 'cells') return [`第 ${page} 页`, String(page), '\f'];
  return [`\f${page}`];
};

/** Wrap a long name: its head stays on the row's line, its tail goes before or after the figures. */
const wrapRow = (label: readonly string[], name: string, figures: readonly string[], layout: Layout, rand: () => number): string[] => {
  const cut = Math.max(2, Math.floor(name.length / 2));
  const head = name.slice(0, cut);
  const tail = name.slice(cut);
  if (layout === 'tabs') return [joinCells(layout, [...label, head], rand), joinCells(layout, ['', tail, ...figures], rand)];
  return rand() < 0.5
    ? [joinCells(layout, [...label, head], rand), joinCells(layout, [tail, ...figures], rand)]
    : [joinCells(layout, [...label, head, ...figures], rand), tail];
};

const renderTable = (t: BudgetTable, o: Options, layout: Layout, rand: () => number): string[] => {
  const out: string[] = [];
  out.push(`${o.heading ? '## ' : ''}${t.title.text}`);
  out.push(`编制部门：${t.preparer ?? ''} 单位：${t.unit}`);
  out.push(...headerLines(t, layout, o.splitHeader));
  if (t.number === 9) {
    for (const r of t.rows) out.push(joinCells(layout, values(r), rand));
  } else if (t.number === 1 || t.number === 4) {
    const label = (r: TableRow): string => `${r.ordinal ?? ''}${r.name}`;
    const revenue = t.rows.filter((r) => r.side === 'revenue' && r.kind === 'item');
    const expenditure = t.rows.filter((r) => r.side === 'expenditure' && r.kind === 'item');
    const width = t.number === 4 ? 4 : 1;
    for (let i = 0; i < Math.max(revenue.length, expenditure.length); i++) {
      const rev = revenue[i];
      const exp = expenditure[i];
      const left = rev ? [label(rev), ...values(rev)] : ['', ''];
      const right = exp ? [label(exp), ...values(exp)] : Array<string>(width + 1).fill('');
      out.push(joinCells(layout, [...left, ...right], rand));
      if (o.furniture && layout !== 'markdown' && rand() < 0.1) out.push(...furnitureLines(rand, layout));
    }
    const totals = t.rows.filter((r) => r.kind === 'total');
    out.push(joinCells(layout, totals.flatMap((r) => [r.name, ...values(r)]), rand));
  } else {
    t.rows.forEach((r, i) => {
      if (o.furniture && i > 0 && rand() < 0.08) {
        out.push(...furnitureLines(rand, layout));
        out.push(...headerLines(t, layout, o.splitHeader));
      }
      // Codes as the document printed them (`301 2`), so the rendering is the same document.
      const label = r.code ? [r.code.printed ?? formatCode(r.code)] : [''];
      const cells = [...label, r.name, ...values(r)];
      if (o.wrapNames && r.code && r.name.length >= 6 && layout !== 'markdown' && layout !== 'cells' && rand() < 0.5) {
        out.push(...wrapRow(label, r.name, values(r), layout, rand));
      } else {
        out.push(joinCells(layout, layout === 'tabs' || layout === 'markdown' ? cells : cells.filter((c) => c !== ''), rand));
      }
    });
  }
  if (t.note) {
    const text = t.note.text;
    // Split the note at a point between two printed characters (the reader joins note lines).
    const cut = [...text].findIndex((ch, i) => i > 4 && ch.trim() !== '' && (text[i - 1] ?? ' ').trim() !== '');
    out.push(...(o.furniture && cut > 0 ? [text.slice(0, cut), text.slice(cut)] : [text]));
  }
  out.push('');
  return out;
};

const render = (tables: readonly BudgetTable[], o: Options): string => {
  const rand = prng(o.seed);
  return tables.flatMap((t, i) => renderTable(t, o, o.layouts[i % o.layouts.length] ?? 'sparse', rand)).join('\n');
};

/** Provenance line numbers and how a cell was placed depend on the layout; everything else must not. */
const comparable = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(comparable);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => k !== 'line' && k !== 'placement')
        .map(([k, v]) => [k, comparable(v)]),
    );
  }
  return value;
};

const readTables = (text: string): BudgetTable[] => readBudgetTables(toLines(text), new DiagnosticSink());

const originals = new Map(BUDGET_DISCLOSURES.map((name) => [name, readTables(readCorpus(name))] as const));

describe('layout invariance of the tables reader', () => {
  it('reads each corpus document the same in every plain layout', () => {
    for (const [name, tables] of originals) {
      for (const layout of LAYOUTS) {
        const text = render(tables, { layouts: [layout], heading: false, wrapNames: false, furniture: false, splitHeader: false, seed: 1 });
        expect(comparable(readTables(text)), `${name} as ${layout}`).toEqual(comparable(tables));
      }
    }
  });

  it('reads re-laid-out corpus tables to identical tables', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...BUDGET_DISCLOSURES),
        fc.array(fc.constantFrom(...LAYOUTS), { minLength: 1, maxLength: 9 }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 1, max: 2 ** 30 }),
        (name, layouts, heading, wrapNames, furniture, splitHeader, seed) => {
          const tables = originals.get(name) ?? [];
          const text = render(tables, { layouts, heading, wrapNames, furniture, splitHeader, seed });
          expect(comparable(readTables(text))).toEqual(comparable(tables));
        },
      ),
      { numRuns: Number(process.env["FC_RUNS"] ?? 60) },
    );
  });
});
