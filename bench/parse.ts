/**
 * Parse throughput and latency: the five corpus documents, through `parseDocument` (detection and
 * the full readers), round-robin until at least 50 MB of text has been read. Prints MB/s,
 * documents/s, per-document latency (mean / p50 / p95) for the ~100 KB document, and peak
 * RSS and heap. No assertions: figures only.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from '../src/ingest/detect.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sharedCorpus = join(root, '..', 'shared', 'corpus');
const corpusDir = (() => {
  try {
    readdirSync(sharedCorpus);
    return sharedCorpus;
  } catch {
    return join(root, 'corpus');
  }
})();

const docs = readdirSync(corpusDir)
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => {
    const text = readFileSync(join(corpusDir, f), 'utf8');
    return { name: f.replace(/\.txt$/, ''), text, bytes: Buffer.byteLength(text, 'utf8') };
  });

const TARGET_BYTES = 50 * 1024 * 1024;
/** The document closest to 100 KB is the one whose latency is reported. */
const reference = docs.reduce((best, d) => (Math.abs(d.bytes - 100_000) < Math.abs(best.bytes - 100_000) ? d : best));

// Warm up the JIT so the figures describe steady state.
for (let i = 0; i < 3; i++) for (const d of docs) parseDocument(d.text);

let peakRss = 0;
let peakHeap = 0;
const sampleMemory = (): void => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
};

const latencies: number[] = [];
let bytes = 0;
let count = 0;
const start = performance.now();
while (bytes < TARGET_BYTES) {
  for (const d of docs) {
    const t0 = performance.now();
    parseDocument(d.text);
    const dt = performance.now() - t0;
    if (d === reference) latencies.push(dt);
    bytes += d.bytes;
    count++;
  }
  sampleMemory();
}
const seconds = (performance.now() - start) / 1000;

latencies.sort((a, b) => a - b);
const pct = (p: number): number => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
const mean = latencies.reduce((a, b) => a + b, 0) / Math.max(latencies.length, 1);
const mb = (n: number): string => (n / 1024 / 1024).toFixed(1);

console.log(`documents: ${docs.map((d) => `${d.name} (${(d.bytes / 1024).toFixed(0)} KB)`).join(', ')}`);
console.log(`read ${mb(bytes)} MB in ${count} documents, ${seconds.toFixed(2)} s`);
console.log(`throughput: ${(bytes / 1024 / 1024 / seconds).toFixed(2)} MB/s, ${(count / seconds).toFixed(1)} documents/s`);
console.log(
  `latency for ${reference.name} (${(reference.bytes / 1024).toFixed(0)} KB), ${latencies.length} runs: ` +
    `mean ${mean.toFixed(2)} ms, p50 ${pct(50).toFixed(2)} ms, p95 ${pct(95).toFixed(2)} ms`,
);
console.log(`peak memory: RSS ${mb(peakRss)} MB, heap used ${mb(peakHeap)} MB`);
