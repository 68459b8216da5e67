import { readFileSync, writeFileSync } from 'node:fs';
import { parseDocument } from '#ingest/detect.ts';
import { readDocumentBytes } from '#ingest/pdf/index.ts';
import { renderPublishedHtml } from '#render/publish/index.ts';
import { PdfRenderer } from '#render/publish/pdf.ts';
import { modelDifferences } from '#render/publish/testing.ts';
const r = new PdfRenderer();
for (const f of process.argv.slice(2)) {
  const p = parseDocument(readFileSync(f, 'utf8'));
  if (p.kind === 'unknown') continue;
  const t0 = Date.now();
  const pdf = await r.render(renderPublishedHtml(p.document));
  const t1 = Date.now();
  writeFileSync(`/tmp/rt/${f.split('/').pop()}.pdf`, pdf);
  const q: any = await readDocumentBytes(new Uint8Array(pdf)); writeFileSync(`/tmp/rt/${f.split('/').pop()}.pdf.txt`, q.text ?? '');
  const t2 = Date.now();
  const d = q.document ? modelDifferences(p.document, q.document, 15, true) : ['no doc'];
  console.log(f.split('/').pop(), t1 - t0, t2 - t1, pdf.length, d.length, (q.diagnostics ?? []).filter((x: any) => x.severity !== 'info').map((x: any) => x.code + ':' + x.message.slice(0, 60)).slice(0, 6));
  for (const x of d) console.log('   ', x);
}
await r.close();
