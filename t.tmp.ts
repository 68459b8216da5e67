import { parseDocument } from '#ingest/detect.ts';
import { readCorpus } from './test/corpus.ts';
const text = readCorpus('songjiang-2025-data-bureau-budget').split('\n');
const i = text.findIndex((l, k) => k > 190 && l.startsWith('201 41 01 行政运行'));
console.log(i + 1, text[i]);
text[i] = '201 41 01 行政运行 3,644,486.34 3,644,486.31';
const p = parseDocument(text.join('\n'));
if (p.kind === 'budget-disclosure') {
  const t3 = p.document.tables.find((t) => t.number === 3)!;
  for (const r of t3.rows.slice(0, 4)) console.log(r.name, JSON.stringify(r.cells.map((c) => [c.column, c.figure?.raw, c.placement])), JSON.stringify(r.unplaced?.map((f) => f.raw)));
  console.log(p.diagnostics.map((d) => d.code + ':' + d.location?.table + ':' + d.location?.line + ' ' + d.message).join('\n'));
}
