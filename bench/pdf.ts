/**
 * Reading PDFs: for every corpus PDF, milliseconds from the PDF's bytes to findings (pdf.js
 * extraction, text rendering, reader, checks) as p50/p95 over repeats, split into extraction and
 * the rest; pages/s; then a batch of PDFs read in the main thread and through the worker-thread
 * pool (documents/s); peak memory. Prints; asserts nothing.
 *
 *   npx tsx bench/pdf.ts            # 10 repeats per PDF, a batch of 200
 *   npx tsx bench/pdf.ts --quick    # 3 repeats, a batch of 24
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkDocuments, type CheckSubject } from '#checks/index.ts';
import { extractPdf } from '#ingest/pdf/extract.ts';
import { parsePdfDocument, parsePdfPages, readDocumentBytes } from '#ingest/pdf/index.ts';
import { DocumentReaderPool } from '#ingest/pdf/worker.ts';
import { percentile } from './lib/support.ts';

const quick = process.argv.includes('--quick');
const repeats = quick ? 3 : 10;
const batchSize = quick ? 24 : 200;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const corpus = path.resolve(root, '../shared/corpus');
const files = existsSync(corpus) ? readdirSync(corpus).filter((f) => f.endsWith('.pdf')).sort() : [];
if (files.length === 0) {
  console.log(`no PDFs in ${corpus}`);
  process.exit(0);
}

/** Bytes to findings, timing each stage: pdf.js extraction, text rendering + reader, checks. */
const toFindings = async (bytes: Uint8Array): Promise<{ pages: number; findings: number; ms: [number, number, number] }> => {
  const t0 = performance.now();
  const x = await extractPdf(bytes);
  const t1 = performance.now();
  if (!x.ok) return { pages: 0, findings: 0, ms: [t1 - t0, 0, 0] };
  const r = parsePdfPages(x.pages);
  const t2 = performance.now();
  let findings = 0;
  if (r.kind !== 'unknown') {
    const subject = { kind: r.kind, document: r.document, name: 'bench', text: r.text ?? '', diagnostics: r.diagnostics } as CheckSubject;
    findings = checkDocuments([subject]).length;
  }
  return { pages: r.pageCount, findings, ms: [t1 - t0, t2 - t1, performance.now() - t2] };
};

const fmt = (n: number): string => n.toFixed(0).padStart(5);
let peakHeap = 0;
const sampleMemory = (): void => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
};

console.log(`pdf.js ${(await import('pdfjs-dist/legacy/build/pdf.mjs')).version}, Node ${process.version}, ${availableParallelism()} cores, ${repeats} repeats`);
console.log('document                                         pages  p50 ms  p95 ms  extract p50  read p50  check p50  pages/s  findings');
const allP50: number[] = [];
for (const f of files) {
  const bytes = new Uint8Array(readFileSync(path.join(corpus, f)));
  await toFindings(bytes); // warm up: JIT, font and CMap caches
  const total: number[] = [];
  const stages: [number[], number[], number[]] = [[], [], []];
  let pages = 0;
  let findings = 0;
  for (let i = 0; i < repeats; i++) {
    const r = await toFindings(bytes);
    total.push(r.ms[0] + r.ms[1] + r.ms[2]);
    r.ms.forEach((ms, k) => stages[k]?.push(ms));
    pages = r.pages;
    findings = r.findings;
    sampleMemory();
  }
  total.sort((a, b) => a - b);
  for (const s of stages) s.sort((a, b) => a - b);
  const p50 = percentile(total, 0.5);
  allP50.push(p50);
  console.log(
    `${f.replace(/\.pdf$/, '').padEnd(48)} ${String(pages).padStart(5)}  ${fmt(p50)}   ${fmt(percentile(total, 0.95))}   ${fmt(percentile(stages[0], 0.5))}        ${fmt(percentile(stages[1], 0.5))}     ${fmt(percentile(stages[2], 0.5))}    ${(pages / (p50 / 1000)).toFixed(0).padStart(5)}    ${findings}`,
  );
}

// A batch: the corpus PDFs cycled to batchSize documents.
const batch = Array.from({ length: batchSize }, (_, i) => new Uint8Array(readFileSync(path.join(corpus, files[i % files.length] ?? ''))));
const pagesIn = async (): Promise<number> => {
  let n = 0;
  for (const f of files) n += (await parsePdfDocument(new Uint8Array(readFileSync(path.join(corpus, f))))).pageCount;
  return n;
};
const pagesPerCycle = await pagesIn();
const batchPages = (pagesPerCycle / files.length) * batchSize;

let t0 = performance.now();
for (const b of batch) {
  await readDocumentBytes(b);
  sampleMemory();
}
const mainSeconds = (performance.now() - t0) / 1000;
// Peak resident memory before any worker thread starts (workers share the process's RSS).
const mainRssMb = process.resourceUsage().maxRSS / 1024;
console.log(`\nbatch of ${batchSize} PDFs, main thread: ${(batchSize / mainSeconds).toFixed(1)} documents/s (${(batchPages / mainSeconds).toFixed(0)} pages/s)`);

for (const size of [...new Set([1, 2, availableParallelism()])]) {
  const pool = new DocumentReaderPool(size);
  await Promise.all(Array.from({ length: size }, () => pool.read(batch[0] ?? new Uint8Array()))); // start the workers
  t0 = performance.now();
  await Promise.all(batch.map((b) => pool.read(b)));
  const s = (performance.now() - t0) / 1000;
  await pool.close();
  console.log(`batch of ${batchSize} PDFs, ${size} worker thread${size > 1 ? 's' : ''}: ${(batchSize / s).toFixed(1)} documents/s (${(batchPages / s).toFixed(0)} pages/s)`);
}

const mean = allP50.reduce((a, b) => a + b, 0) / allP50.length;
console.log(`\nmean p50 per PDF, bytes to findings: ${mean.toFixed(0)} ms`);
console.log(`peak memory: main thread only rss ${mainRssMb.toFixed(0)} MB (heap ${(peakHeap / 2 ** 20).toFixed(0)} MB); with the worker pools ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
