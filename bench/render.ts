/**
 * Publishing: milliseconds per corpus document to render the official HTML, the XLSX workbook
 * and the PDF (through the one shared Chromium, warm), p50/p95 over repeats; then the open-data
 * export (Fiscal Data Package CSV, streamed to a file) of 10,000 generated documents — each a
 * corpus budget under another department name and year with its amounts scaled, built one at a
 * time — rows/s, MB and peak RSS. Prints; asserts nothing.
 *
 * Then the same export from a real SQLite store (`yusuan export --all --format fdp`'s path: every
 * department-year's latest budget read back from the store one at a time) over 1,000 stored
 * generated documents, documents/s — storing 10,000 takes minutes of importing (see bench/import.ts).
 *
 *   npx tsx bench/render.ts            # 5 repeats (PDF 3), 10,000 documents, 1,000 stored
 *   npx tsx bench/render.ts --quick    # 2 repeats (PDF 1), 1,000 documents, 100 stored
 */
import { createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { formatYuanGrouped, mulFen, type BudgetDisclosure } from '#domain/index.ts';
import { parseDocument } from '#ingest/detect.ts';
import { FdpCsvWriter } from '#render/publish/fdp.ts';
import { openStore } from '#store/store.ts';
import { storedBudgets } from '#cli/commands/publish.ts';
import { renderPublishedHtml, type PublishableDocument } from '#render/publish/index.ts';
import { PdfRenderer } from '#render/publish/pdf.ts';
import { corpusTextDocuments } from '#render/publish/testing.ts';
import { renderXlsx } from '#render/publish/xlsx.ts';
import { percentile, tempDirRemovedOnExit } from './lib/support.ts';
import { corpusDir } from '../test/corpus.ts';

const quick = process.argv.includes('--quick');
const repeats = quick ? 2 : 5;
const pdfRepeats = quick ? 1 : 3;
const generated = quick ? 1_000 : 10_000;
/** Documents stored in a SQLite store for the store-backed export (each import also runs the checks). */
const stored = quick ? 100 : 1_000;

const docs = corpusTextDocuments(corpusDir).flatMap((d) => {
  const p = parseDocument(d.text);
  return p.kind === 'unknown' ? [] : [{ name: d.name, doc: p.document as PublishableDocument }];
});

const time = async (n: number, f: () => Promise<unknown> | unknown): Promise<number[]> => {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await f();
    ms.push(performance.now() - t);
  }
  return ms.sort((a, b) => a - b);
};
const cell = (xs: number[]): string => `${percentile(xs, 0.5).toFixed(0).padStart(5)} ${percentile(xs, 0.95).toFixed(0).padStart(5)}`;

const pdf = new PdfRenderer();
console.log(`Node ${process.version}; HTML/XLSX ${repeats} repeats, PDF ${pdfRepeats} (Chromium ${pdf.available() ? 'found' : 'missing'})`);
console.log('document                                                     HTML p50 p95   XLSX p50 p95    PDF p50 p95   PDF pages');
const all = { html: [] as number[], xlsx: [] as number[], pdf: [] as number[] };
for (const { name, doc } of docs) {
  renderPublishedHtml(doc);
  await renderXlsx(doc);
  const html = await time(repeats, () => renderPublishedHtml(doc));
  const xlsx = await time(repeats, () => renderXlsx(doc));
  let pdfMs: number[] = [];
  let pages = 0;
  if (pdf.available()) {
    const bytes = await pdf.render(renderPublishedHtml(doc)); // warm
    pages = (bytes.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
    pdfMs = await time(pdfRepeats, () => pdf.render(renderPublishedHtml(doc)));
  }
  all.html.push(...html);
  all.xlsx.push(...xlsx);
  all.pdf.push(...pdfMs);
  console.log(`${name.padEnd(60)} ${cell(html)}     ${cell(xlsx)}     ${pdfMs.length ? cell(pdfMs) : '    -     -'}   ${String(pages).padStart(5)}`);
}
for (const k of ['html', 'xlsx', 'pdf'] as const) all[k].sort((a, b) => a - b);
console.log(`${'all documents'.padEnd(60)} ${cell(all.html)}     ${cell(all.xlsx)}     ${all.pdf.length ? cell(all.pdf) : '    -     -'}`);
await pdf.close();

// ---------------------------------------------------------------------------------------------
// Open data over many documents

const budgets = docs.flatMap((d) => (d.doc.kind === 'budget-disclosure' ? [d.doc] : []));
/** Document i: a corpus budget under another name and year, every amount × (1 + i mod 5), printed anew. */
const variant = (i: number): BudgetDisclosure => {
  const base = budgets[i % budgets.length] as BudgetDisclosure;
  const k = 1 + (i % 5);
  const department = `${base.header.department ?? '部门'}（生成${i}）`;
  return {
    ...base,
    header: { ...base.header, department, year: 2015 + (i % 12) },
    tables: base.tables.map((t) => ({
      ...t,
      preparer: department,
      rows: t.rows.map((r) => ({
        ...r,
        cells: r.cells.map((c) => (c.figure ? { ...c, figure: { ...c.figure, amount: mulFen(c.figure.amount, k), raw: formatYuanGrouped(mulFen(c.figure.amount, k)) } } : c)),
      })),
    })),
  };
};

const dir = tempDirRemovedOnExit('yusuan-fdp-bench-');
const file = join(dir, 'budget-figures.csv');
const stream = createWriteStream(file);
const writer = new FdpCsvWriter(async (chunk) => {
  if (!stream.write(chunk)) await once(stream, 'drain');
});
let peakRss = 0;
const t0 = performance.now();
for (let i = 0; i < generated; i++) {
  await writer.add(variant(i));
  if (i % 500 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
}
await writer.end();
stream.end();
await once(stream, 'finish');
const seconds = (performance.now() - t0) / 1000;
const mb = statSync(file).size / 1024 / 1024;
console.log(
  `FDP export: ${writer.documents} documents, ${writer.rows} rows, ${mb.toFixed(1)} MB in ${seconds.toFixed(2)} s — ${(writer.documents / seconds).toFixed(0)} documents/s, ${(writer.rows / seconds).toFixed(0)} rows/s, peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB`,
);

// From the store: generated documents imported under a reader that returns their model.
const storeDir = tempDirRemovedOnExit('yusuan-fdp-store-');
const store = await openStore({
  sqlitePath: join(storeDir, 'bench.sqlite'),
  log: () => {},
  parse: (text) => ({ kind: 'budget-disclosure', document: variant(Number(text.slice('#variant '.length))), diagnostics: [] }),
  check: () => [],
});
const ti = performance.now();
for (let i = 0; i < stored; i++) await store.importDocument(`#variant ${i}`);
const importSeconds = (performance.now() - ti) / 1000;
const storeFile = join(storeDir, 'budget-figures.csv');
const out = createWriteStream(storeFile);
const fromStore = new FdpCsvWriter(async (chunk) => {
  if (!out.write(chunk)) await once(out, 'drain');
});
const ts = performance.now();
for await (const doc of storedBudgets(store)) await fromStore.add(doc);
await fromStore.end();
out.end();
await once(out, 'finish');
const storeSeconds = (performance.now() - ts) / 1000;
await store.close();
console.log(
  `FDP export from SQLite: ${fromStore.documents} stored documents (imported in ${importSeconds.toFixed(1)} s), ${fromStore.rows} rows, ${(statSync(storeFile).size / 1024 / 1024).toFixed(1)} MB in ${storeSeconds.toFixed(2)} s — ${(fromStore.documents / storeSeconds).toFixed(0)} documents/s, ${(fromStore.rows / storeSeconds).toFixed(0)} rows/s`,
);
