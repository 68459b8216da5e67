/**
 * `npx tsx bench/load.ts [--quick] [--inline]`: the server under load. Latency (p50/p95/max) of
 * the department-year page and /api/health, first idle, then while several clients upload large
 * documents (≈ 4.5 MB each, every one new text so it is really read and checked) as fast as they
 * are answered. Uploads are read and checked in the worker pool; `--inline` runs them on the
 * event loop instead (as before the pool), for comparison. Prints figures; asserts nothing.
 */
import { readFileSync, readdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { buildServer } from '#server/app.ts';
import { importFiles } from '#store/import-files.ts';
import { openStore } from '#store/store.ts';
import { documentWorkerPool } from '#store/worker-pool.ts';
import { percentile, tempDirRemovedOnExit } from './lib/support.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const inline = args.includes('--inline');
const uploaders = quick ? 2 : 4;
const loadSeconds = quick ? 8 : 30;
const idleRequests = quick ? 50 : 200;

const dir = tempDirRemovedOnExit('yusuan-bench-load-');
const pool = inline ? undefined : documentWorkerPool();
const store = await openStore({ sqlitePath: join(dir, 'load.sqlite'), log: () => undefined, ...(pool !== undefined ? { parse: pool.parse, check: pool.check } : {}) });
await importFiles(store, ['corpus'], () => undefined, pool !== undefined ? { readAhead: { parse: pool.parse, count: pool.threads } } : {});
const app = await buildServer({ store, uploadLimitBytes: 8 * 1024 * 1024, logger: false });
await app.listen({ host: '127.0.0.1', port: 0 });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

const departments = (await (await fetch(`${base}/api/departments`)).json()) as { id: number; years: { year: number }[] }[];
const first = departments.find((d) => d.years.length > 0);
if (first === undefined) throw new Error('no department-year in the corpus');
const page = `/api/departments/${first.id}/years/${first.years[0]?.year}`;

const fmt = (times: number[]): string => {
  const s = [...times].sort((a, b) => a - b);
  return `p50 ${percentile(s, 0.5).toFixed(1)} ms, p95 ${percentile(s, 0.95).toFixed(1)} ms, max ${(s.at(-1) ?? NaN).toFixed(1)} ms (n=${s.length})`;
};

const timeGet = async (path: string): Promise<number> => {
  const t0 = performance.now();
  const res = await fetch(`${base}${path}`);
  await res.arrayBuffer();
  return performance.now() - t0;
};

console.log(`bench/load: ${inline ? 'INLINE (uploads on the event loop)' : `worker pool of ${pool?.threads} threads`}; ${uploaders} uploaders for ${loadSeconds} s`);

const idle: Record<string, number[]> = { page: [], health: [] };
for (let i = 0; i < idleRequests; i++) {
  idle['page']?.push(await timeGet(page));
  idle['health']?.push(await timeGet('/api/health'));
}
console.log(`  idle      department-year page: ${fmt(idle['page'] ?? [])}`);
console.log(`  idle      /api/health:          ${fmt(idle['health'] ?? [])}`);

// Large uploads: a corpus disclosure repeated to ≈ 4.5 MB, made unique per upload.
const source = readFileSync(join('corpus', readdirSync('corpus').find((f) => f.includes('data-bureau')) ?? ''), 'utf8');
const large = source.repeat(Math.ceil((4.5 * 1024 * 1024) / Buffer.byteLength(source)));
let stop = false;
const outcomes = new Map<number, number>();
const uploadTimes: number[] = [];
let n = 0;
const uploader = async (): Promise<void> => {
  while (!stop) {
    const body = `${large}\n# upload ${n++}\n`;
    const t0 = performance.now();
    const res = await fetch(`${base}/api/documents`, { method: 'POST', headers: { 'content-type': 'text/plain; charset=utf-8' }, body });
    await res.arrayBuffer();
    uploadTimes.push(performance.now() - t0);
    outcomes.set(res.status, (outcomes.get(res.status) ?? 0) + 1);
  }
};
const loaded: Record<string, number[]> = { page: [], health: [] };
const prober = async (key: string, path: string): Promise<void> => {
  while (!stop) {
    loaded[key]?.push(await timeGet(path));
    await new Promise((r) => setTimeout(r, 20));
  }
};
const rssBefore = process.memoryUsage().rss;
let rssPeak = rssBefore;
const rssTimer = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 200);
const running = [...Array.from({ length: uploaders }, uploader), prober('page', page), prober('health', '/api/health')];
await new Promise((r) => setTimeout(r, loadSeconds * 1000));
stop = true;
await Promise.all(running);
clearInterval(rssTimer);

console.log(`  uploading department-year page: ${fmt(loaded['page'] ?? [])}`);
console.log(`  uploading /api/health:          ${fmt(loaded['health'] ?? [])}`);
console.log(`  uploads: ${uploadTimes.length} of ${(Buffer.byteLength(large) / 1024 / 1024).toFixed(1)} MB, ${fmt(uploadTimes)}; statuses ${[...outcomes].map(([s, c]) => `${s}×${c}`).join(', ')}`);
console.log(`  main-thread RSS peak ${(rssPeak / 1024 / 1024).toFixed(0)} MB (workers' heaps are capped separately)`);

await app.close();
await store.close();
await pool?.close();
