/**
 * `npx tsx bench/load.ts [--quick] [--inline] [--pg]`: the server under load, as users run it — `yusuan
 * serve` in its own process (SQLite, the corpus imported) — measured from this process with a
 * hand loop: latency (p50/p95/max) of the department-year page and /api/health, idle, then while
 * several clients upload large documents (≈ 4.5 MB each, every one a new text, so it is really
 * read and checked) as fast as they are answered. The server reads and checks in its worker pool;
 * `--inline` starts it with YUSUAN_WORKERS=0 (on the event loop, as before the pool) for
 * comparison. `--pg` stores in a fresh PostgreSQL database (created and dropped here) instead of
 * SQLite. Prints figures; asserts nothing.
 */
import { spawn } from 'node:child_process';
import pg from 'pg';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { percentile, tempDirRemovedOnExit } from './lib/support.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const inline = args.includes('--inline');
const uploaders = quick ? 2 : 4;
const loadSeconds = quick ? 8 : 30;
const idleRequests = quick ? 50 : 200;

const usePg = args.includes('--pg');
const pgAdminUrl = process.env['YUSUAN_BENCH_PG_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const pgDatabase = `yusuan_bench_load_${process.pid}`;
const admin = async (statement: string): Promise<void> => {
  const c = new pg.Client({ connectionString: pgAdminUrl });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
};
if (usePg) await admin(`create database ${pgDatabase}`);
const databaseUrl = usePg ? new URL(pgDatabase, pgAdminUrl.replace(/[^/]*$/, '')).toString() : '';

const dir = tempDirRemovedOnExit('yusuan-bench-load-');
const server = spawn(process.execPath, ['bin/yusuan.js', 'serve', '--port', '0', '--import', 'corpus', '--sqlite', join(dir, 'load.sqlite'), '--upload-limit-mb', '8'], {
  env: { ...process.env, DATABASE_URL: databaseUrl, YUSUAN_LOG_LEVEL: 'error', ...(inline ? { YUSUAN_WORKERS: '0' } : {}) },
  stdio: ['ignore', 'ignore', 'pipe'],
});
const stopServer = (): void => {
  if (server.exitCode === null) server.kill('SIGTERM');
};
process.once('exit', stopServer);

let serverLog = '';
const base = await new Promise<string>((resolve, reject) => {
  let err = '';
  server.stderr.on('data', (d: Buffer) => {
    err += d.toString();
    serverLog = (serverLog + d.toString()).slice(-4000);
    const m = /服务已启动：(http:\/\/[^\s（]+)/.exec(err);
    if (m?.[1] !== undefined) resolve(m[1]);
  });
  server.once('exit', (code) => reject(new Error(`server exited with ${code}: ${err}`)));
});

const departments = (await (await fetch(`${base}/api/departments`)).json()) as { id: number; years: { year: number }[] }[];
const first = departments.find((d) => d.years.length > 0);
if (first === undefined) throw new Error('no department-year in the corpus');
const page = `/api/departments/${first.id}/years/${first.years[0]?.year}`;

const fmt = (times: readonly number[]): string => {
  const s = [...times].sort((a, b) => a - b);
  return `p50 ${percentile(s, 0.5).toFixed(1)} ms, p95 ${percentile(s, 0.95).toFixed(1)} ms, max ${(s.at(-1) ?? NaN).toFixed(1)} ms (n=${s.length})`;
};

const timeGet = async (path: string): Promise<number> => {
  const t0 = performance.now();
  const res = await fetch(`${base}${path}`);
  await res.arrayBuffer();
  return performance.now() - t0;
};

console.log(`bench/load: yusuan serve on ${usePg ? 'PostgreSQL' : 'SQLite'} (${inline ? 'INLINE: reading on the event loop, YUSUAN_WORKERS=0' : 'worker pool'}); ${uploaders} uploaders for ${loadSeconds} s`);

const idle = { page: [] as number[], health: [] as number[] };
for (let i = 0; i < idleRequests; i++) {
  idle.page.push(await timeGet(page));
  idle.health.push(await timeGet('/api/health'));
}
console.log(`  idle      department-year page: ${fmt(idle.page)}`);
console.log(`  idle      /api/health:          ${fmt(idle.health)}`);

// Large uploads: a corpus disclosure repeated to ≈ 4.5 MB, made unique per upload.
const source = readFileSync(join('corpus', 'songjiang-2025-data-bureau-budget.txt'), 'utf8');
const large = source.repeat(Math.ceil((4.5 * 1024 * 1024) / Buffer.byteLength(source)));
let stop = false;
const outcomes = new Map<number | string, number>();
const uploadTimes: number[] = [];
let n = 0;
const uploader = async (): Promise<void> => {
  while (!stop) {
    const body = `${large}\n# upload ${n++}\n`;
    const t0 = performance.now();
    let status: number | string;
    try {
      const res = await fetch(`${base}/api/documents`, { method: 'POST', headers: { 'content-type': 'text/plain; charset=utf-8' }, body });
      await res.arrayBuffer();
      status = res.status;
    } catch (e) {
      status = `error ${String((e as Error & { cause?: { code?: string } }).cause?.code ?? (e as Error).message)}`;
    }
    uploadTimes.push(performance.now() - t0);
    outcomes.set(status, (outcomes.get(status) ?? 0) + 1);
  }
};
const loaded = { page: [] as number[], health: [] as number[] };
const prober = async (times: number[], path: string): Promise<void> => {
  while (!stop) {
    times.push(await timeGet(path));
    await new Promise((r) => setTimeout(r, 20));
  }
};
const running = [...Array.from({ length: uploaders }, uploader), prober(loaded.page, page), prober(loaded.health, '/api/health')];
await new Promise((r) => setTimeout(r, loadSeconds * 1000));
stop = true;
await Promise.all(running);

console.log(`  uploading department-year page: ${fmt(loaded.page)}`);
console.log(`  uploading /api/health:          ${fmt(loaded.health)}`);
console.log(`  uploads: ${uploadTimes.length} of ${(Buffer.byteLength(large) / 1024 / 1024).toFixed(1)} MB, ${fmt(uploadTimes)}; statuses ${[...outcomes].map(([s, c]) => `${s}×${c}`).join(', ')}`);
if ([...outcomes.keys()].some((k) => typeof k === 'string' || k >= 500)) console.log(`  server log (tail):\n${serverLog}`);
console.log(`  server still running: ${server.exitCode === null}`);
stopServer();
if (usePg) {
  await new Promise((r) => (server.exitCode === null ? server.once('exit', r) : r(undefined)));
  await admin(`drop database if exists ${pgDatabase} with (force)`);
}
