/**
 * Layout invariance: the same document from another converter — narrative re-wrapped at other
 * widths (even mid-number), markdown headings and bullets, tabs for spaces, HTML tags, full-width
 * digits — must read to the same model (line numbers aside; tables are the tables reader's).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUDGET_DISCLOSURES, readCorpus } from '../../test/corpus.ts';
import { parseBudgetDisclosure } from './budget-disclosure.ts';
import { joinLines } from './narrative/joined.ts';
import { segmentSections, type BudgetSectionKind } from './narrative/sections.ts';
import { isPageFurniture, toLines } from './text.ts';

const NARRATIVE: readonly BudgetSectionKind[] = ['duties', 'institutions', 'glossary', 'explanation', 'other-information'];

/** The model without tables and without line numbers. */
const comparable = (text: string): unknown => {
  const { tables: _tables, ...rest } = parseBudgetDisclosure(text).document;
  return JSON.parse(JSON.stringify(rest, (k, v: unknown) => (k === 'line' ? undefined : v)));
};

interface Layout {
  readonly seed: number;
  readonly minWidth: number;
  readonly maxWidth: number;
  readonly headingMark: '' | '# ' | '## ';
  readonly bullets: boolean;
  readonly tabs: boolean;
  readonly html: boolean;
  readonly fullWidth: boolean;
}

/** A small deterministic generator so a failing case replays from its seed. */
const prng = (seed: number): (() => number) => {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4_294_967_296;
  };
};

const toFullWidth = (s: string): string => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).replace(/%/g, '％');

/** Cut a joined paragraph into lines of random widths; no piece may look like a page number. */
const rewrap = (text: string, layout: Layout, rnd: () => number): string[] => {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    let w = layout.minWidth + Math.floor(rnd() * (layout.maxWidth - layout.minWidth + 1));
    while (i + w < text.length && (isPageFurniture(text.slice(i, i + w)) || text[i + w - 1] === ' ' || text[i + w] === ' ')) w++;
    let piece = text.slice(i, i + w);
    if (i + w < text.length && isPageFurniture(text.slice(i + w))) piece = text.slice(i);
    out.push(piece);
    i += piece.length;
  }
  return out;
};

export const relayout = (source: string, layout: Layout): string => {
  const rnd = prng(layout.seed);
  const lines = toLines(source);
  const seg = segmentSections(lines);
  const rawLines = source.split(/\r\n|\n|\r/);
  const replaced = new Map<number, string[]>();
  const dropped = new Set<number>();
  const headingNos = new Set<number>();
  for (const kind of NARRATIVE) {
    const section = seg.sections.get(kind);
    if (!section) continue;
    for (const h of section.heading) headingNos.add(h.no);
    const body = section.lines;
    if (body.length === 0) continue;
    const joined = joinLines(body).text;
    const first = body[0];
    if (!first) continue;
    for (const l of body) dropped.add(l.no);
    const decorated = rewrap(joined, layout, rnd).map((piece) => {
      let t = layout.fullWidth ? toFullWidth(piece) : piece;
      if (layout.html && rnd() < 0.5) {
        const at = Math.floor(rnd() * t.length);
        t = `<p>${t.slice(0, at)}<b>${t.slice(at)}</b></p>`;
      }
      const indent = layout.tabs ? '\t' : '    ';
      return layout.bullets && rnd() < 0.3 ? `- ${t}` : `${indent}${t}`;
    });
    replaced.set(first.no, decorated);
  }
  const out: string[] = [];
  rawLines.forEach((raw, i) => {
    const no = i + 1;
    const r = replaced.get(no);
    if (r) out.push(...r);
    if (dropped.has(no)) return;
    let t = raw;
    if (headingNos.has(no)) {
      t = `${layout.headingMark}${t.trim()}`;
      if (layout.tabs) t = t.replace(/ {2,}/g, '\t');
    }
    out.push(t);
  });
  return out.join('\n');
};

const layoutArb: fc.Arbitrary<Layout> = fc
  .record({
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    minWidth: fc.integer({ min: 6, max: 40 }),
    span: fc.integer({ min: 0, max: 60 }),
    headingMark: fc.constantFrom('' as const, '# ' as const, '## ' as const),
    bullets: fc.boolean(),
    tabs: fc.boolean(),
    html: fc.boolean(),
    fullWidth: fc.boolean(),
  })
  .map(({ span, ...l }) => ({ ...l, maxWidth: l.minWidth + span }));

describe('layout invariance of the budget disclosure reader', () => {
  const baselines = new Map(BUDGET_DISCLOSURES.map((name) => [name, comparable(readCorpus(name))]));

  it('the relayout really changes the text (guards the property from being vacuous)', () => {
    const text = readCorpus('songjiang-2025-administrative-service-center-budget');
    const moved = relayout(text, { seed: 7, minWidth: 9, maxWidth: 13, headingMark: '## ', bullets: true, tabs: true, html: true, fullWidth: true });
    expect(moved).not.toBe(text);
    expect(moved).toContain('## 名词解释');
    expect(moved).toMatch(/[０-９]/);
    expect(moved).toMatch(/<b>/);
    expect(moved.split('\n').length).toBeGreaterThan(text.split('\n').length);
  });

  it.each(BUDGET_DISCLOSURES)('%s reads to the same model in any narrative layout', (name) => {
    const text = readCorpus(name);
    fc.assert(
      fc.property(layoutArb, (layout) => {
        expect(comparable(relayout(text, layout))).toEqual(baselines.get(name));
      }),
      { numRuns: 12 },
    );
  });
});
