import { readFileSync } from 'node:fs';
import { parseDocument } from '#ingest/detect.ts';
import { corpusPath } from './test/corpus.ts';
for (const name of ['putuo-2024-wanli-subdistrict-budget','songjiang-2025-data-bureau-budget']) {
const p = parseDocument(readFileSync(corpusPath(name), 'utf8'));
for (const d of p.diagnostics) console.log(JSON.stringify(d));
if (p.kind==='budget-disclosure') {
  const e = p.document.explanation!;
  console.log(JSON.stringify(e.revenueTotal));
  console.log(JSON.stringify(e.mainItems[0]));
  console.log(JSON.stringify(e.mainItems[30]));
  console.log(JSON.stringify(p.document.otherInformation.threePublic?.total));
  console.log(JSON.stringify(p.document.tables.find(t=>t.number===9)));
  console.log(JSON.stringify(p.document.tables.find(t=>t.number===1)?.rows.slice(0,3)));
}
}
