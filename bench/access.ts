/**
 * What accounts cost: bcrypt at the production cost (hash, verify), a login through the API, and
 * the per-request price of a session (cookie → session row → user) and of scope filtering, on
 * SQLite with the corpus stored. Prints figures; asserts nothing.
 *
 *   tsx bench/access.ts [--requests N]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import bcrypt from 'bcryptjs';
import { buildServer } from '#server/app.ts';
import { signInAs } from '#server/testing.ts';
import { DEFAULT_BCRYPT_COST } from '#store/accounts.ts';
import { openStore } from '#store/store.ts';
import { corpusDir } from '../test/corpus.ts';
import { percentile, tempDirRemovedOnExit } from './lib/support.ts';

const args = process.argv.slice(2);
const i = args.indexOf('--requests');
const requests = Number(i >= 0 ? args[i + 1] : 300);

const fmt = (times: number[]): string => {
  times.sort((a, b) => a - b);
  return `p50 ${percentile(times, 0.5).toFixed(2)} ms, p95 ${percentile(times, 0.95).toFixed(2)} ms`;
};

const time = async (n: number, run: () => Promise<unknown>): Promise<number[]> => {
  const out: number[] = [];
  for (let k = 0; k < n; k++) {
    const t = performance.now();
    await run();
    out.push(performance.now() - t);
  }
  return out;
};

const main = async (): Promise<void> => {
  const hash = await bcrypt.hash('benchmark-password', DEFAULT_BCRYPT_COST);
  console.log(`bcrypt cost ${DEFAULT_BCRYPT_COST}: hash ${fmt(await time(5, () => bcrypt.hash('benchmark-password', DEFAULT_BCRYPT_COST)))}; verify ${fmt(await time(5, () => bcrypt.compare('benchmark-password', hash)))}`);

  const dir = tempDirRemovedOnExit('yusuan-bench-access-');
  const store = await openStore({ sqlitePath: join(dir, 'b.sqlite'), log: () => undefined });
  for (const f of readdirSync(corpusDir).filter((x) => x.endsWith('.txt')).sort()) await store.importDocument(readFileSync(join(corpusDir, f), 'utf8'));
  const app = await buildServer({ store, webRoot: join(dir, 'no-web'), bcryptCost: DEFAULT_BCRYPT_COST, logger: false });
  const departmentId = (await store.listDepartments())[0]!.departmentId;
  const t0 = performance.now();
  const editor = await signInAs(app, store, 'editor', [departmentId]);
  console.log(`create user (cost 4) + login through the API (cost 4 hash): ${(performance.now() - t0).toFixed(1)} ms`);
  const login = await time(5, () => app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json', cookie: '' }, payload: JSON.stringify({ name: 'nobody', password: 'benchmark-password' }) }));
  console.log(`failed login, unknown user (a cost-${DEFAULT_BCRYPT_COST} dummy compare): ${fmt(login)}`);
  for (const url of ['/api/health', '/api/departments', '/api/search?q=政务云']) {
    const anon = await time(requests, () => app.inject(url));
    const signed = await time(requests, () => app.inject({ url, headers: editor.headers }));
    console.log(`${url}: anonymous ${fmt(anon)}; signed-in editor (session lookup + scope filter) ${fmt(signed)}`);
  }
  await app.close();
  await store.close();
};

await main();
