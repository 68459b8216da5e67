/**
 * Authoring speed: one leaf edit on a draft of the largest corpus budget, then everything the
 * editor recomputes — the nine tables, the narrative, the whole rule catalogue and the authoring
 * rules (`recompute`). Prints p50/p95/max in milliseconds over many edits; asserts nothing.
 *
 *   npx tsx bench/authoring.ts [edits]
 */
import { draftFromDisclosure } from '#authoring/from-disclosure.ts';
import { setLineAmount } from '#authoring/edit.ts';
import { recompute } from '#authoring/live.ts';
import { leafChoices } from '#authoring/codes.ts';
import { deriveBudgetDisclosure } from '#authoring/derive.ts';
import type { Fen } from '#domain/index.ts';
import type { BudgetDraft } from '#authoring/draft.ts';
import { parseBudgetDisclosure } from '#ingest/budget-disclosure.ts';
import { budgetCorpusDocuments } from '#ingest/testing/corpus-documents.ts';

const edits = Number(process.argv[2] ?? '400');
const docs = budgetCorpusDocuments(process.cwd());
const drafts = docs.map((d) => ({ name: d.name, bytes: d.text.length, draft: draftFromDisclosure(parseBudgetDisclosure(d.text).document!) }));
const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const show = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(2)} ms, p95 ${pct(xs, 95).toFixed(2)} ms, max ${Math.max(...xs).toFixed(2)} ms`;

/** One leaf edit after another on `start`, each followed by everything the editor recomputes. */
const measure = (name: string, start: BudgetDraft): void => {
  let draft = start;
  const lines = draft.lines;
  for (let i = 0; i < 30; i++) recompute(draft); // warm up the JIT and the rules' regexes
  const total: number[] = [];
  const deriveOnly: number[] = [];
  for (let i = 0; i < edits; i++) {
    const line = lines[i % lines.length]!;
    const t0 = performance.now();
    draft = setLineAmount(draft, line.code, 'basic.general', ((line.amounts['basic.general'] ?? 0) + i) as Fen);
    recompute(draft);
    total.push(performance.now() - t0);
    const t2 = performance.now();
    deriveBudgetDisclosure(draft);
    deriveOnly.push(performance.now() - t2);
  }
  console.log(`${name} (${start.lines.length} functional lines, ${start.economic.length} economic lines, ${start.projects.length} projects)`);
  console.log(`  edit + derive nine tables + narrative + all checks (${edits} edits): ${show(total)}`);
  console.log(`  derive only: ${show(deriveOnly)}`);
};

// "Largest" two ways: the most lines and rows to derive, and the longest document (most text to check).
const byRows = drafts.reduce((a, b) => (b.draft.lines.length + b.draft.economic.length > a.draft.lines.length + a.draft.economic.length ? b : a));
const byText = drafts.reduce((a, b) => (b.bytes > a.bytes ? b : a));
measure(`most rows: ${byRows.name}`, byRows.draft);
if (byText.name !== byRows.name) measure(`longest text: ${byText.name}`, byText.draft);

// A department far larger than any in the corpus: every catalogued 项 with money from three sources,
// every economic 款 — how the editor scales.
const allLeaves = leafChoices('functional', 2025);
const big: BudgetDraft = {
  ...byRows.draft,
  lines: allLeaves.map((c, i) => ({
    code: c.code,
    names: c.names,
    amounts: { 'basic.general': (1_000_00 * (i + 1)) as Fen, 'project.general': (500_00 * (i + 1)) as Fen, 'project.fund': (200_00 * i) as Fen, 'basic.business': (30_00 * i) as Fen },
    purpose: `${c.names.at(-1)}相关支出`,
  })),
  economic: leafChoices('economic', 2025).map((c) => ({ code: c.code, names: c.names, personnel: (c.code.startsWith('302') ? 0 : 1_000_00) as Fen, public: (c.code.startsWith('302') ? 1_000_00 : 0) as Fen })),
};
measure(`synthetic: every catalogued 项 (${allLeaves.length}) from three sources`, big);
