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
import { deriveBudgetDisclosure } from '#authoring/derive.ts';
import type { Fen } from '#domain/index.ts';
import { parseBudgetDisclosure } from '#ingest/budget-disclosure.ts';
import { budgetCorpusDocuments } from '#ingest/testing/corpus-documents.ts';

const edits = Number(process.argv[2] ?? '400');
const docs = budgetCorpusDocuments(process.cwd());
const drafts = docs.map((d) => ({ name: d.name, draft: draftFromDisclosure(parseBudgetDisclosure(d.text).document!) }));
// "Largest" by what the editor recomputes: the most lines and rows.
const largest = drafts.reduce((a, b) => (b.draft.lines.length + b.draft.economic.length > a.draft.lines.length + a.draft.economic.length ? b : a));

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

let draft = largest.draft;
const lines = draft.lines;
for (let i = 0; i < 30; i++) recompute(draft); // warm up the JIT and the rules' regexes
const total: number[] = [];
const deriveOnly: number[] = [];
for (let i = 0; i < edits; i++) {
  const line = lines[i % lines.length]!;
  const t0 = performance.now();
  draft = setLineAmount(draft, line.code, 'basic.general', (((line.amounts['basic.general'] ?? 0) + i) as Fen));
  const r = recompute(draft);
  const t1 = performance.now();
  total.push(t1 - t0);
  if (r.findings.length < 0) console.log('unreachable');
  const t2 = performance.now();
  deriveBudgetDisclosure(draft);
  deriveOnly.push(performance.now() - t2);
}
const show = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(2)} ms, p95 ${pct(xs, 95).toFixed(2)} ms, max ${Math.max(...xs).toFixed(2)} ms`;
console.log(`largest corpus draft: ${largest.name} (${largest.draft.lines.length} functional lines, ${largest.draft.economic.length} economic lines, ${largest.draft.projects.length} projects)`);
console.log(`edit + derive nine tables + narrative + all checks (${edits} edits): ${show(total)}`);
console.log(`derive only: ${show(deriveOnly)}`);
