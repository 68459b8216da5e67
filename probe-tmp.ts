import { parseDocument } from '#ingest/detect.ts';
import { checkDocuments } from '#checks/index.ts';
import { BUDGET_DISCLOSURES, PERFORMANCE_DECLARATIONS, readCorpus } from './test/corpus.ts';
for (const n of [...BUDGET_DISCLOSURES, ...PERFORMANCE_DECLARATIONS]) {
  const p = parseDocument(readCorpus(n)); if (p.kind === 'unknown') continue;
  const t0 = performance.now();
  for (let i = 0; i < 5; i++) checkDocuments([{ kind: p.kind, document: p.document } as any]);
  const t1 = performance.now();
  for (let i = 0; i < 5; i++) parseDocument(readCorpus(n));
  console.log(n, 'check', ((t1 - t0) / 5).toFixed(0), 'ms', 'parse', ((performance.now() - t1) / 5).toFixed(0), 'ms');
}
