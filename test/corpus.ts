/**
 * The real documents: `../shared/corpus/` beside the checkout (as CI has it), falling back to
 * the copy bundled in `corpus/`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const shared = join(root, '..', 'shared', 'corpus');
export const corpusDir = existsSync(shared) ? shared : join(root, 'corpus');

export const BUDGET_DISCLOSURES = [
  'songjiang-2025-administrative-service-center-budget',
  'songjiang-2025-data-bureau-budget',
  'putuo-2024-wanli-subdistrict-budget',
  'putuo-2025-wanli-subdistrict-budget',
] as const;
export const PERFORMANCE_DECLARATIONS = ['songjiang-2024-sci-tech-innovation-center-performance-targets'] as const;

export const corpusPath = (name: string): string => join(corpusDir, `${name}.txt`);
export const readCorpus = (name: string): string => readFileSync(corpusPath(name), 'utf8');
export const fixturePath = (...parts: string[]): string => join(root, 'test', 'fixtures', ...parts);
