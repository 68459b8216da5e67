#!/usr/bin/env node
// The CLI runs the compiled JavaScript in dist/ (`npm run build`, run by `npm install`'s
// `prepare` and by `npm start`): no TypeScript is compiled at run time. When dist/ is missing,
// or older than a source file (a checkout edited since the last build), it runs the sources
// through tsx's loader instead, so what runs is always what the sources say.
// YUSUAN_FROM_SOURCE=1 forces the sources.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'cli', 'main.js');
const stamp = join(root, 'dist', 'package.json');

const distIsCurrent = () => {
  if (process.env.YUSUAN_FROM_SOURCE === '1' || !existsSync(built) || !existsSync(stamp)) return false;
  const builtAt = statSync(stamp).mtimeMs;
  const src = join(root, 'src');
  if (!existsSync(src)) return true;
  for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.test.ts')) continue;
    const dir = entry.parentPath ?? entry.path;
    if (dir.includes(`${join('src', 'web')}`)) continue;
    if (statSync(join(dir, entry.name)).mtimeMs > builtAt) return false;
  }
  return true;
};

if (distIsCurrent()) {
  const { runCli } = await import(pathToFileURL(built).href);
  await runCli(process.argv);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { runCli } = await import('../src/cli/main.ts');
  await runCli(process.argv);
}
