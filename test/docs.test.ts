import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderApiDoc, renderCliDoc } from '../scripts/reference-docs.ts';
import { fixturePath } from './corpus.ts';

const docsDir = join(fixturePath(), '..', '..', 'docs');

describe('generated reference docs are current (npm run docs)', () => {
  it('docs/cli.md matches the commander program', () => {
    expect(readFileSync(join(docsDir, 'cli.md'), 'utf8')).toBe(renderCliDoc());
  });
  it('docs/api.md matches the OpenAPI document', () => {
    expect(readFileSync(join(docsDir, 'api.md'), 'utf8')).toBe(renderApiDoc());
  });
});
