/**
 * Checking speed: parse and check each corpus document (and a ~100 KB one) a few times and print
 * milliseconds per document for the check alone and for parse + check. Prints; asserts nothing.
 */
import { readFileSync } from 'node:fs';
import { checkDocuments, type CheckSubject } from '#checks/index.ts';
import { parseDocument } from '#ingest/detect.ts';
import { BUDGET_DISCLOSURES, corpusPath, PERFORMANCE_DECLARATIONS } from '../test/corpus.ts';

const subjectOf = (name: string, text: string): CheckSubject | undefined => {
  const parsed = parseDocument(text);
  if (parsed.kind === 'unknown') return undefined;
  return { kind: parsed.kind, document: parsed.document, name, text, diagnostics: parsed.diagnostics } as CheckSubject;
};

const time = (f: () => void, n: number): number => {
  const t0 = performance.now();
  for (let i = 0; i < n; i++) f();
  return (performance.now() - t0) / n;
};

const runs = Number(process.argv[2] ?? '20');
for (const name of [...BUDGET_DISCLOSURES, ...PERFORMANCE_DECLARATIONS]) {
  const text = readFileSync(corpusPath(name), 'utf8');
  const subject = subjectOf(name, text);
  if (!subject) {
    console.log(`${name}: not recognised`);
    continue;
  }
  checkDocuments([subject]); // warm up: first calls compile regexes and JIT the rules
  const check = time(() => checkDocuments([subject]), runs);
  const both = time(() => {
    const s = subjectOf(name, text);
    if (s) checkDocuments([s]);
  }, runs);
  console.log(`${name} (${(Buffer.byteLength(text) / 1024).toFixed(0)} KB): check ${check.toFixed(1)} ms, parse+check ${both.toFixed(1)} ms`);
}
