/**
 * Property: for any draft whose independent breakdowns are complete (table 8 splits the
 * 一般公共预算 basic expenditure, the projects split the project expenditure), the derived
 * document satisfies every identity of the rule catalogue: no error or warning finding from the
 * table, cross-table or narrative rules — every time. And one leaf edit moves the 合计 by exactly
 * the change.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDocuments } from '#checks/index.ts';
import { cellFigure, formatCode, tableByNumber, type BudgetDisclosure, type Fen } from '#domain/index.ts';
import { parseBudgetDisclosure } from '#ingest/budget-disclosure.ts';
import { ALL_KINDS, aggregate, pick } from './aggregate.ts';
import { leafChoices } from './codes.ts';
import { deriveBudgetDisclosure } from './derive.ts';
import { FUNDING_SOURCES, LINE_FIELDS, type BudgetDraft, type EconomicLine, type FunctionalLine, type LineField } from './draft.ts';
import { setLineAmount } from './edit.ts';
import { recompute } from './live.ts';

const YEAR = 2025;
const FUNCTIONAL = leafChoices('functional', YEAR);
const ECONOMIC = leafChoices('economic', YEAR);

/** Split `total` into `n` non-negative parts using the given weights (integer 分). */
const split = (total: number, weights: readonly number[]): number[] => {
  const w = weights.map((x) => x + 1);
  const sum = w.reduce((a, b) => a + b, 0);
  const parts = w.map((x) => Math.floor((total * x) / sum));
  parts[0]! += total - parts.reduce((a, b) => a + b, 0);
  return parts;
};

const amount = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5_000_000_00 }));

const draftArb = fc
  .record({
    lineIdx: fc.uniqueArray(fc.integer({ min: 0, max: FUNCTIONAL.length - 1 }), { minLength: 1, maxLength: 25 }),
    amounts: fc.array(fc.array(amount, { minLength: LINE_FIELDS.length, maxLength: LINE_FIELDS.length }), { minLength: 25, maxLength: 25 }),
    sourcesUsed: fc.subarray([...FUNDING_SOURCES], { minLength: 1 }),
    ecoIdx: fc.uniqueArray(fc.integer({ min: 0, max: ECONOMIC.length - 1 }), { minLength: 1, maxLength: 15 }),
    ecoWeights: fc.array(fc.nat(1000), { minLength: 15, maxLength: 15 }),
    projectWeights: fc.array(fc.nat(1000), { minLength: 0, maxLength: 6 }),
    three: fc.array(fc.integer({ min: 0, max: 1_000_000_00 }), { minLength: 5, maxLength: 5 }),
    prior: fc.option(fc.array(fc.integer({ min: 0, max: 100_000_000_00 }), { minLength: 4, maxLength: 4 }), { nil: undefined }),
    unit: fc.boolean(),
  })
  .map((r): BudgetDraft => {
    // Leaves must not be parents of one another: 项 codes (3 segments) never are.
    const lines: FunctionalLine[] = r.lineIdx.map((i, k) => {
      const choice = FUNCTIONAL[i]!;
      const amounts: Partial<Record<LineField, Fen>> = {};
      LINE_FIELDS.forEach((f, j) => {
        const a = r.amounts[k]?.[j] ?? 0;
        if (a !== 0 && r.sourcesUsed.includes(f.split('.')[1] as (typeof FUNDING_SOURCES)[number])) amounts[f] = a as Fen;
      });
      return { code: choice.code, names: choice.names, amounts, purpose: `${choice.names.at(-1)}相关工作` };
    });
    const base: BudgetDraft = {
      level: r.unit ? 'unit' : 'department',
      year: YEAR,
      district: '上海市测试区',
      department: '上海市测试区测试局',
      lines,
      economic: [],
      classPublic: {},
      threePublic: { abroad: r.three[0]! as Fen, reception: r.three[1]! as Fen, vehiclePurchase: r.three[2]! as Fen, vehicleOperation: r.three[3]! as Fen, operatingCosts: r.three[4]! as Fen },
      procurement: { goods: 100 as Fen, works: 0 as Fen, services: 250 as Fen },
      projects: [],
      reasons: { fiscal: '项目调整', threePublic: '厉行节约', operatingCosts: '人员变动' },
      sections: { duties: '主要职能……', institutions: '本部门下属行政单位1家。', assets: '截至上年末，无车辆。' },
      ...(r.prior
        ? {
            prior: {
              year: YEAR - 1,
              revenueTotal: r.prior[0]! as Fen,
              expenditureTotal: r.prior[0]! as Fen,
              fiscal: (r.prior[1]! + r.prior[2]! + r.prior[3]!) as Fen,
              general: r.prior[1]! as Fen,
              fund: r.prior[2]! as Fen,
              stateCapital: r.prior[3]! as Fen,
              threePublic: { abroad: 1000 as Fen, reception: 0 as Fen, vehiclePurchase: 0 as Fen, vehicleOperation: 5000 as Fen, operatingCosts: 7000 as Fen },
            },
          }
        : {}),
    };
    const agg = aggregate(base);
    const generalBasic = pick(agg.total, ['basic'], ['general']);
    const ecoCodes = r.ecoIdx.map((i) => ECONOMIC[i]!);
    const ecoParts = split(generalBasic, r.ecoWeights.slice(0, ecoCodes.length));
    const economic: EconomicLine[] = ecoCodes.map((c, i) =>
      c.code.startsWith('302') ? { code: c.code, names: c.names, personnel: 0 as Fen, public: ecoParts[i]! as Fen } : { code: c.code, names: c.names, personnel: ecoParts[i]! as Fen, public: 0 as Fen },
    );
    // Unit budgets: table 8's 公用经费 spread over the 类, each at most its basic expenditure.
    const classPublic: Record<string, Fen> = {};
    let remaining = economic.reduce((s, e) => s + e.public, 0);
    for (const c of agg.codes) {
      if (c.level !== 1) continue;
      const take = Math.min(remaining, pick(c.sums, ['basic'], FUNDING_SOURCES));
      classPublic[c.code] = take as Fen;
      remaining -= take;
    }
    const projectTotal = pick(agg.total, ['project'], FUNDING_SOURCES);
    const projects = projectTotal > 0 ? split(projectTotal, r.projectWeights.length ? r.projectWeights : [0]).map((a, i) => ({ name: `测试项目${i + 1}`, amount: a as Fen, parts: { overview: '概述' }, indicators: [] })) : [];
    return { ...base, economic, classPublic, projects };
  });

const IDENTITY = /^(table|table1|table4|table9|cross|narrative)\./;

describe('derived documents satisfy the rule catalogue by construction', () => {
  it('no error or warning from the table, cross-table and narrative rules, over random drafts', () => {
    fc.assert(
      fc.property(draftArb, (draft) => {
        const d = deriveBudgetDisclosure(draft);
        const bad = checkDocuments([{ kind: 'budget-disclosure', document: d.document, text: d.text }]).filter((f) => f.severity !== 'info' && IDENTITY.test(f.rule));
        expect(bad.map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('a complete random draft has no error finding at all (it could be submitted)', () => {
    fc.assert(
      fc.property(draftArb, (draft) => {
        const errors = recompute(draft).findings.filter((f) => f.severity === 'error');
        expect(errors.map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });

  it('one leaf edit moves table 3 合计, table 1 收入总计 and the 编制说明 by exactly the change', () => {
    fc.assert(
      fc.property(draftArb, fc.nat(24), fc.constantFrom(...LINE_FIELDS), fc.integer({ min: 0, max: 1_000_000_00 }), (draft, k, field, value) => {
        const line = draft.lines[k % draft.lines.length]!;
        const before = deriveBudgetDisclosure(draft).document;
        const after = deriveBudgetDisclosure(setLineAmount(draft, line.code, field, value as Fen)).document;
        const delta = value - (line.amounts[field] ?? 0);
        const t3 = (doc: typeof before) => cellFigure(tableByNumber(doc, 3)?.rows.find((r) => r.kind === 'total'), '合计')?.amount ?? 0;
        const t1 = (doc: typeof before) => cellFigure(tableByNumber(doc, 1)?.rows.find((r) => r.name === '收入总计'), '预算数')?.amount ?? 0;
        expect(t3(after) - t3(before)).toBe(delta);
        expect(t1(after) - t1(before)).toBe(delta);
        expect((after.explanation?.expenditureTotal?.amount.amount ?? 0) - (before.explanation?.expenditureTotal?.amount.amount ?? 0)).toBe(delta);
        expect(pick(aggregate(setLineAmount(draft, line.code, field, value as Fen)).total, ALL_KINDS, FUNDING_SOURCES) - pick(aggregate(draft).total, ALL_KINDS, FUNDING_SOURCES)).toBe(delta);
      }),
      { numRuns: 40 },
    );
  });

  it('the printed text of a random draft reads back to the same nine tables', () => {
    fc.assert(
      fc.property(draftArb, (draft) => {
        const d = deriveBudgetDisclosure(draft);
        const back = parseBudgetDisclosure(d.text).document!;
        expect(tableFigures(back)).toEqual(tableFigures(d.document));
      }),
      { numRuns: 15 },
    );
  });
});

const tableFigures = (doc: BudgetDisclosure): string[] =>
  doc.tables.map((t) => `${t.number}:${t.rows.flatMap((r) => r.cells.filter((c) => c.figure && c.figure.amount !== 0).map((c) => `${r.side ?? ''}${r.code ? formatCode(r.code) : r.name}/${c.column}=${c.figure!.amount}`)).join(',')}`);
