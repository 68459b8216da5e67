#!/usr/bin/env node
/**
 * `npm run build`: the CLI and the server as JavaScript in dist/<layer>/ (run by `prepare` and by
 * `npm start`), so `yusuan` starts without compiling TypeScript at run time.
 *
 * This is tsc (the compiler API over tsconfig.build.json), with one diagnostic set aside: TS2877,
 * "this import uses a '.ts' extension … not rewritten because it is not a relative path". The
 * sources import other layers as `#domain/index.ts`; those specifiers are left as they are and
 * dist/package.json (written here) maps them onto the compiled `.js` files, because Node resolves
 * `#…` imports through the nearest package.json. Relative imports are rewritten by tsc.
 * Plain JavaScript so that it runs before anything is built.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Without TypeScript (an install that left out devDependencies) there is nothing to build with:
// say so and leave it to bin/yusuan.js, which then runs the sources through tsx.
const ts = await import('typescript').then(
  (m) => m.default,
  () => undefined,
);
if (ts === undefined) {
  process.stdout.write('dist/: TypeScript is not installed; the CLI will run the sources through tsx.\n');
  process.exit(0);
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
// The layers are the package's `#layer/*` imports: a new layer is built as soon as it is importable.
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const LAYERS = Object.keys(packageJson.imports ?? {})
  .map((k) => /^#([a-z-]+)\/\*$/.exec(k)?.[1])
  .filter((l) => l !== undefined);
const NOT_REWRITTEN_NON_RELATIVE_TS_IMPORT = 2877;

const configPath = join(root, 'tsconfig.build.json');
const read = ts.readConfigFile(configPath, ts.sys.readFile);
if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
const config = ts.parseJsonConfigFileContent(read.config, ts.sys, root, undefined, configPath);

// Stale output of a removed source file must not linger: rebuild the layers from nothing
// (dist/web belongs to Vite and is left alone).
for (const layer of LAYERS) rmSync(join(dist, layer), { recursive: true, force: true });

const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
const emitted = program.emit();
const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics].filter(
  (d) => d.code !== NOT_REWRITTEN_NON_RELATIVE_TS_IMPORT,
);
if (diagnostics.length > 0) {
  const host = { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' };
  process.stderr.write(ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
  process.exit(1);
}

const imports = Object.fromEntries(LAYERS.map((layer) => [`#${layer}/*.ts`, `./${layer}/*.js`]));
mkdirSync(dist, { recursive: true });
writeFileSync(
  join(dist, 'package.json'),
  `${JSON.stringify({ name: 'yusuan-dist', private: true, type: 'module', imports }, null, 2)}\n`,
);
process.stdout.write(`dist/: ${config.fileNames.length} modules compiled (${LAYERS.join(', ')})\n`);
