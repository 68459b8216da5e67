/**
 * The printed text of a derived document reads back, through the same reader as any published
 * disclosure, to the same nine tables, the same 编制说明 figures and main items, the same 三公,
 * 机关运行经费, 政府采购 and 绩效目标 figures and the same projects — for a draft of every corpus
 * budget, and for next year's draft with reasons written. So a finished draft can be stored and
 * served like any imported document.
 */
import { describe, expect, it } from 'vitest';
import { checkDocuments } from '#checks/index.ts';
import { formatCode, type BudgetDisclosure } from '#domain/index.ts';
import { parseBudgetDisclosure } from '#ingest/budget-disclosure.ts';
import { budgetCorpusDocuments } from '#ingest/testing/corpus-documents.ts';
import { deriveBudgetDisclosure } from './derive.ts';
import type { BudgetDraft } from './draft.ts';
import { setLineAmount, setReason } from './edit.ts';
import { draftFromDisclosure, nextYearDraft } from './from-disclosure.ts';
import type { Fen } from '#domain/index.ts';

const tableFigures = (doc: BudgetDisclosure): string[] =>
  doc.tables.map((t) => `${t.number}:${t.rows.flatMap((r) => r.cells.filter((c) => c.figure && c.figure.amount !== 0).map((c) => `${r.side ?? ''}${r.code ? formatCode(r.code) : r.name}/${c.column}=${c.figure!.amount}`)).join(',')}`);

const narrativeFigures = (doc: BudgetDisclosure) => {
  const e = doc.explanation;
  const o = doc.otherInformation;
  return {
    revenue: e?.revenueTotal?.amount.amount,
    revenueParts: e?.revenueParts.map((p) => [p.name, p.amount.amount, p.change?.direction, p.change?.amount?.amount]),
    expenditure: e?.expenditureTotal?.amount.amount,
    fiscal: [e?.fiscalExpenditure?.amount.amount, e?.fiscalExpenditure?.change?.amount?.amount, e?.fiscalExpenditure?.change?.percent?.hundredths],
    fiscalParts: e?.fiscalExpenditureParts.map((p) => [p.amount.amount, p.change?.direction]),
    mainItems: e?.mainItems.map((m) => [m.subjectPath?.join('/'), m.amount.amount]),
    threePublic: [o.threePublic?.total?.amount.amount, o.threePublic?.reception?.amount.amount, o.threePublic?.vehicleOperation?.amount.amount, o.threePublic?.abroad?.amount.amount],
    operatingCosts: o.operatingCosts?.amount?.amount,
    procurement: [o.procurement?.total?.amount, o.procurement?.goods?.amount, o.procurement?.services?.amount],
    targets: [o.performanceTargets?.projects?.value, o.performanceTargets?.amount?.amount],
    projects: doc.projects.map((p) => [p.name, p.annualAmount?.amount]),
    header: [doc.level, doc.header.year, doc.header.department],
  };
};

const roundTrip = (draft: BudgetDraft): void => {
  const derived = deriveBudgetDisclosure(draft);
  const read = parseBudgetDisclosure(derived.text);
  expect(read.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const back = read.document!;
  expect(tableFigures(back)).toEqual(tableFigures(derived.document));
  expect(narrativeFigures(back)).toEqual(narrativeFigures(derived.document));
  const identities = checkDocuments([{ kind: 'budget-disclosure', document: back, text: derived.text, diagnostics: read.diagnostics }]).filter(
    (f) => f.severity === 'error' && /^(table|cross|narrative)/.test(f.rule),
  );
  expect(identities.map((f) => f.message)).toEqual([]);
};

describe('a derived document’s text reads back to the same document', () => {
  for (const d of budgetCorpusDocuments(process.cwd())) {
    const draft = draftFromDisclosure(parseBudgetDisclosure(d.text).document!);
    it(`${d.name}`, () => roundTrip(draft));
    it(`${d.name}, next year's draft, edited and explained`, () => {
      const next = nextYearDraft(draft);
      const first = next.lines[0]!;
      // Project money: basic expenditure would also need table 8's breakdown, a finding of its own.
      roundTrip(setReason(setLineAmount(next, first.code, 'project.general', 123_456_78 as Fen), 'fiscal', '项目调整'));
    });
  }
});
