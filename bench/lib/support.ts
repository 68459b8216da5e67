/**
 * Shared by the benchmarks (a folder of its own so `bench/run.ts`, which runs every
 * `bench/*.ts`, does not run it as a benchmark).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A temp directory removed at the end, also when the run is interrupted (Ctrl+C, kill). */
export const tempDirRemovedOnExit = (prefix: string): string => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', remove);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  return dir;
};

/** Nearest-rank percentile of an ascending list (p in 0…1). */
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))] ?? NaN;
