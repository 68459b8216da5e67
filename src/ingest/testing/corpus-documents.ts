/**
 * The budget disclosures of the corpus, for the measuring instruments: the bundled `corpus/`
 * budgets plus `../shared/corpus/putuo-*.txt` (resolved from the repository root), one entry per
 * file name (the shared copy wins). Performance-target declarations are not budgets and are left out.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { CorpusDocument } from './metamorphic.ts';

export const budgetCorpusDocuments = (repoRoot: string): CorpusDocument[] => {
  const found = new Map<string, string>();
  const bundled = join(repoRoot, 'corpus');
  if (existsSync(bundled)) {
    for (const f of readdirSync(bundled)) if (/-budget\.txt$/.test(f)) found.set(basename(f, '.txt'), join(bundled, f));
  }
  const shared = resolve(repoRoot, '../shared/corpus');
  if (existsSync(shared)) {
    for (const f of readdirSync(shared)) if (/^putuo-.*\.txt$/.test(f)) found.set(basename(f, '.txt'), join(shared, f));
  }
  return [...found.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, file]) => ({ name, text: readFileSync(file, 'utf8') }));
};
