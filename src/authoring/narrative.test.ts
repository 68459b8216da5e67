/**
 * The generated 编制说明 carries the same figures as the printed one, for every corpus budget:
 * totals, parts, 财政拨款 by source, every 财政拨款支出主要内容 item (by its 类/款/项 path), 三公 and
 * 机关运行经费, each compared at the precision the document printed it. Where the printed
 * narrative states a change against last year and the corpus holds last year's document, the
 * generated change agrees too. The reasons are the officer's and are not generated.
 */
import { describe, expect, it } from 'vitest';
import { agreesAtPrecision, printedDecimals, type Fen, type MoneyFigure, type NarrativeAmount } from '#domain/index.ts';
import { parseBudgetDisclosure } from '#ingest/budget-disclosure.ts';
import { budgetCorpusDocuments } from '#ingest/testing/corpus-documents.ts';
import { deriveBudgetDisclosure } from './derive.ts';
import { draftFromDisclosure, nextYearDraft } from './from-disclosure.ts';
import { setReason } from './edit.ts';
import { recompute } from './live.ts';

const docs = new Map(budgetCorpusDocuments(process.cwd()).map((d) => [d.name, parseBudgetDisclosure(d.text).document!]));
const PRIOR: Readonly<Record<string, string>> = { 'putuo-2025-wanli-subdistrict-budget': 'putuo-2024-wanli-subdistrict-budget' };

/** A printed 万元 figure agrees with the exact amount at its printed precision (within one unit of its last decimal when it was computed from rounded figures). */
const agrees = (printed: MoneyFigure, exact: Fen, slackUnits = 0): boolean => {
  if (printed.unit === '元') return printed.amount === exact;
  const d = printedDecimals(printed.raw);
  if (agreesAtPrecision(printed.amount, exact, d)) return true;
  return Math.abs(printed.amount - exact) <= slackUnits * 10 ** (6 - d);
};

/**
 * Printed figures the tables cannot give: putuo-2025-wanli's tables do not add up (the checker's
 * table.* errors), so its 编制说明 total and items disagree with any derivation of those tables.
 */
const INCONSISTENT = new Set(['putuo-2025-wanli-subdistrict-budget']);

describe('generated 编制说明 against the printed one', () => {
  for (const [name, doc] of docs) {
    it(`${name}: totals, parts, items, 三公 and 机关运行经费 carry the printed figures`, () => {
      const priorName = PRIOR[name];
      const prior = priorName ? docs.get(priorName) : undefined;
      const derived = deriveBudgetDisclosure(draftFromDisclosure(doc, prior ? { prior } : {})).document;
      const printed = doc.explanation!;
      const ours = derived.explanation!;
      const pairs: [string, NarrativeAmount | undefined, NarrativeAmount | undefined][] = [
        ['收入预算', printed.revenueTotal, ours.revenueTotal],
        ['支出预算', printed.expenditureTotal, ours.expenditureTotal],
        ['财政拨款支出', printed.fiscalExpenditure, ours.fiscalExpenditure],
        ...printed.revenueParts.map((p): [string, NarrativeAmount, NarrativeAmount | undefined] => [p.name, p, ours.revenueParts.find((o) => o.name === p.name.replace(/\s+/g, ''))]),
        ...printed.fiscalExpenditureParts.map((p): [string, NarrativeAmount, NarrativeAmount | undefined] => [p.name, p, ours.fiscalExpenditureParts.find((o) => p.name.includes(o.name.slice(0, 4)))]),
      ];
      let compared = 0;
      const wrong: string[] = [];
      for (const [label, p, o] of pairs) {
        if (!p) continue;
        expect(o, label).toBeDefined();
        compared++;
        if (!INCONSISTENT.has(name) && !agrees(p.amount, o!.amount.amount)) wrong.push(`${label}: printed ${p.amount.raw}, generated ${o!.amount.raw}`);
        if (p.change?.amount && prior) {
          compared++;
          expect(o!.change?.direction, `${label} direction`).toBe(p.change.direction);
          // Documents compute the change from figures rounded to their printed precision: one unit of slack.
          if (!agrees(p.change.amount, o!.change!.amount!.amount, 1)) wrong.push(`${label} change: printed ${p.change.amount.raw}, generated ${o!.change!.amount!.raw}`);
        }
      }
      for (const item of printed.mainItems) {
        // Items name their 科目 by the 类/款/项 path, or by the 项 alone (Songjiang's wording).
        const mine = ours.mainItems.filter((m) =>
          item.subjectPath ? m.subjectPath?.join('/') === item.subjectPath.join('/') : m.subjectPath?.at(-1) === item.subject.replace(/\s+/g, ''),
        );
        if (mine.length === 0) {
          if (!INCONSISTENT.has(name)) wrong.push(`main item ${item.ordinal} ${item.subject} not generated`);
          continue;
        }
        compared++;
        if (!INCONSISTENT.has(name) && !mine.some((m) => agrees(item.amount, m.amount.amount))) wrong.push(`main item ${item.ordinal}: printed ${item.amount.raw}, generated ${mine.map((m) => m.amount.raw).join('/')}`);
      }
      const tp = doc.otherInformation.threePublic;
      const otp = derived.otherInformation.threePublic!;
      for (const key of ['total', 'abroad', 'reception', 'vehicles', 'vehiclePurchase', 'vehicleOperation'] as const) {
        const p = tp?.[key];
        if (!p) continue;
        compared++;
        if (!agrees(p.amount, otp[key]!.amount.amount)) wrong.push(`三公 ${key}: printed ${p.amount.raw}, generated ${otp[key]!.amount.raw}`);
      }
      const oc = doc.otherInformation.operatingCosts?.amount;
      if (oc) {
        compared++;
        if (!agrees(oc, derived.otherInformation.operatingCosts!.amount!.amount)) wrong.push(`机关运行经费: printed ${oc.raw}`);
      }
      expect(wrong).toEqual([]);
      expect(compared).toBeGreaterThan(8);
    });
  }
});

describe('reasons and template remnants in a draft started from last year', () => {
  const next = nextYearDraft(draftFromDisclosure(docs.get('putuo-2025-wanli-subdistrict-budget')!));

  it('starts with last year’s structure, figures in 上年, reasons to write', () => {
    expect(next.year).toBe(2026);
    expect(next.prior?.year).toBe(2025);
    expect(next.lines.length).toBeGreaterThan(20);
    expect(next.lines.every((l) => Object.keys(l.amounts).length === 0 && l.prior !== undefined)).toBe(true);
    expect(next.lines.reduce((s, l) => s + (l.prior ?? 0), 0)).toBe(next.prior?.expenditureTotal);
    const text = deriveBudgetDisclosure(next).text;
    expect(text).toContain('比2025年预算减少');
  });

  it('an empty reason is an error finding; writing it clears the finding; a remnant brings one back', () => {
    const missing = recompute(next).findings.filter((f) => f.rule === 'authoring.reason-missing');
    expect(missing.map((f) => f.location?.field).sort()).toEqual(['reason:fiscal', 'reason:operatingCosts', 'reason:threePublic']);
    const written = setReason(setReason(setReason(next, 'fiscal', '项目调整'), 'threePublic', '厉行节约'), 'operatingCosts', '人员减少');
    expect(recompute(written).findings.filter((f) => f.rule.startsWith('authoring.reason'))).toEqual([]);
    const remnant = recompute(setReason(written, 'fiscal', '人员经费增加（减少）')).findings.filter((f) => f.rule === 'authoring.template-remnant');
    expect(remnant).toHaveLength(1);
    expect(remnant[0]!.message).toContain('增加（减少）');
    expect(recompute(setReason(written, 'fiscal', 'XX项目调整')).findings.some((f) => f.rule === 'authoring.template-remnant')).toBe(true);
    // Other templates' wordings of the same remnants: half-width brackets, the other pair, full-width letters.
    for (const slip of ['支出增长(下降)', '经费减少（增加）', 'ＸＸ项目调整']) {
      expect(recompute(setReason(written, 'fiscal', slip)).findings.filter((f) => f.rule === 'authoring.template-remnant'), slip).toHaveLength(1);
    }
  });

  it('the generated reason sentence carries the officer’s words', () => {
    const text = deriveBudgetDisclosure(setReason(next, 'fiscal', '项目调整')).text;
    expect(text).toMatch(/财政拨款收入支出减少的主要原因是项目调整。/);
  });
});
