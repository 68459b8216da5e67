/**
 * Robustness: thousands of random mutations of the corpus documents — lines deleted, duplicated,
 * swapped, the text truncated, garbage bytes inserted — never make the reader throw, always give
 * a well-formed result, and damage that removes a section or a key figure is always reported.
 *
 * Most runs read the documents up to their project explanations with the tables and project
 * readers stubbed (other modules, and the bulk of the time), so thousands fit in seconds; a
 * hundred more run the whole reader on whole documents.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '#domain/index.ts';
import { BUDGET_DISCLOSURES, readCorpus } from '../../test/corpus.ts';
import { parseBudgetDisclosure, readBudgetDisclosure, type PartReaders } from './budget-disclosure.ts';

const NO_PARTS: PartReaders = { tables: () => [], projects: () => [] };
const docs = BUDGET_DISCLOSURES.map((name) => readCorpus(name).split('\n'));
/** The documents up to their project explanations: everything the narrative readers read, at a third of the size. */
const fronts = docs.map((lines) => {
  const other = lines.findIndex((l) => l.trim() === '其他相关情况说明');
  const projects = lines.findIndex((l, i) => i > other && /项目经费情况说明\s*$/.test(l));
  return projects > 0 ? lines.slice(0, projects) : lines;
});

type Mutation =
  | { kind: 'delete'; at: number; count: number }
  | { kind: 'duplicate'; at: number; count: number }
  | { kind: 'swap'; a: number; b: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'garbage'; at: number; bytes: number[] };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), count: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('swap' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('garbage' as const), at: fc.nat(), bytes: fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 1, maxLength: 200 }) }),
);

const apply = (lines: readonly string[], ms: readonly Mutation[]): string => {
  let ls = [...lines];
  for (const m of ms) {
    const n = Math.max(ls.length, 1);
    if (m.kind === 'delete') ls.splice(m.at % n, m.count);
    else if (m.kind === 'duplicate') ls.splice(m.at % n, 0, ...ls.slice(m.at % n, (m.at % n) + m.count));
    else if (m.kind === 'swap') {
      const a = m.a % n;
      const b = m.b % n;
      [ls[a], ls[b]] = [ls[b] ?? '', ls[a] ?? ''];
    } else if (m.kind === 'truncate') {
      // Cut anywhere, even inside a line.
      const text = ls.join('\n');
      ls = text.slice(0, m.at % Math.max(text.length, 1)).split('\n');
    } else {
      const text = ls.join('\n');
      const at = m.at % Math.max(text.length, 1);
      ls = (text.slice(0, at) + String.fromCharCode(...m.bytes) + text.slice(at)).split('\n');
    }
  }
  return ls.join('\n');
};

/** Diagnostics a person can act on: a stable code, a severity, a line inside the document. */
const malformed = (ds: readonly Diagnostic[], lineCount: number): Diagnostic[] =>
  ds.filter(
    (d) =>
      !/^[a-z]+(?:-[a-z]+)*$/.test(d.code) ||
      !['error', 'warning', 'info'].includes(d.severity) ||
      (d.location !== undefined && (d.location.line < 0 || d.location.line > lineCount + 1)),
  );

describe('the budget disclosure reader under random damage', () => {
  it('never throws and returns well-formed diagnostics (1,500 mutated documents, narrative readers)', () => {
    fc.assert(
      fc.property(fc.nat(fronts.length - 1), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (d, ms) => {
        const text = apply(fronts[d] ?? [], ms);
        const r = readBudgetDisclosure(text, NO_PARTS);
        expect(r.document.kind).toBe('budget-disclosure');
        expect(malformed(r.diagnostics, text.split(/\r\n|\n|\r/).length)).toEqual([]);
      }),
      { numRuns: 1500 },
    );
  });

  it('never throws with the tables and project readers too (100 mutated documents)', () => {
    fc.assert(
      fc.property(fc.nat(docs.length - 1), fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (d, ms) => {
        const text = apply(docs[d] ?? [], ms);
        const r = parseBudgetDisclosure(text);
        expect(malformed(r.diagnostics, text.split(/\r\n|\n|\r/).length)).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  /** Where the last required section (其他相关情况说明) ends: truncating before it must be reported. */
  const otherInformationLine = (lines: readonly string[]): number => lines.findIndex((l) => l.trim() === '其他相关情况说明');

  it('reports every truncation that cuts off a required section', () => {
    fc.assert(
      fc.property(fc.nat(fronts.length - 1), fc.nat(), (d, at) => {
        const lines = fronts[d] ?? [];
        const cut = at % Math.max(otherInformationLine(lines), 1);
        const r = readBudgetDisclosure(lines.slice(0, cut).join('\n'), NO_PARTS);
        // The section cut off is named: 其他相关情况说明 is always after the cut.
        expect(
          r.diagnostics.some((x) => (x.code === 'section-missing' && x.location?.section === 'other-information') || x.code === 'not-a-budget-disclosure'),
        ).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('reports a key figure whose digits are replaced by garbage', () => {
    const keyFigures = [/收入预算([\d,.]+)万元/, /(?<!拨款)支出预算([\d,.]+)万元/, /”科目([\d,.]+)万元/, /经费预算数为([\d,.]+)万元/, /政府采购预算([\d,.]+)万元/];
    fc.assert(
      fc.property(
        fc.nat(fronts.length - 1),
        fc.nat(keyFigures.length - 1),
        fc.array(fc.integer({ min: 0x21, max: 0xffff }).filter((c) => !(c >= 0x30 && c <= 0x39) && !(c >= 0xff10 && c <= 0xff19)), { minLength: 1, maxLength: 6 }),
        (d, f, garbage) => {
          const text = (fronts[d] ?? []).join('\n');
          const re = keyFigures[f];
          const m = re?.exec(text);
          if (!m || m[1] === undefined) return;
          const digitsAt = m.index + m[0].indexOf(m[1]);
          const damaged = text.slice(0, digitsAt) + String.fromCharCode(...garbage) + text.slice(digitsAt + m[1].length);
          // The damage itself must be reported: a diagnostic the undamaged text does not have, in
          // the section that was damaged (the stubbed readers' table-missing errors do not count).
          const sig = (x: Diagnostic): string => `${x.code}|${x.location?.section ?? ''}|${JSON.stringify(x.params ?? {})}`;
          const before = new Set(readBudgetDisclosure(text, NO_PARTS).diagnostics.map(sig));
          const r = readBudgetDisclosure(damaged, NO_PARTS);
          const fresh = r.diagnostics.filter((x) => !before.has(sig(x)));
          expect(fresh.length, `garbage in ${m[0]}`).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
