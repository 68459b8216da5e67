/** Run the CLI as users run it: `node bin/yusuan.js …`, optionally with stdin. */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export const yusuan = (args: readonly string[], input?: string): { status: number | null; stdout: string; stderr: string } => {
  const r = spawnSync(process.execPath, [join(repoRoot, 'bin', 'yusuan.js'), ...args], { cwd: repoRoot, encoding: 'utf8', input, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
};
