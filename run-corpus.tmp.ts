import { readFileSync } from 'node:fs';
import { checkDocuments, type CheckSubject } from '#checks/index.ts';
import { parseDocument } from '#ingest/detect.ts';
import { BUDGET_DISCLOSURES, corpusPath, PERFORMANCE_DECLARATIONS } from './test/corpus.ts';
const names = process.argv.slice(2).length ? process.argv.slice(2) : [...BUDGET_DISCLOSURES, ...PERFORMANCE_DECLARATIONS];
const subjects: CheckSubject[] = [];
for (const name of names) {
  const text = readFileSync(corpusPath(name), 'utf8');
  const p = parseDocument(text);
  console.log(name, p.kind, 'diags', p.diagnostics.length, p.diagnostics.slice(0,5).map(d=>d.code+':'+(d.location?.line??'')).join(' '));
  if (p.kind !== 'unknown') subjects.push({ kind: p.kind, document: p.document, name, text, diagnostics: p.diagnostics } as CheckSubject);
}
const f = checkDocuments(subjects);
for (const x of f) console.log(`[${x.document}] ${x.severity} ${x.rule} L${x.location?.line ?? '?'} ${x.location?.table ? 't'+x.location.table : ''} ${x.message}`);
