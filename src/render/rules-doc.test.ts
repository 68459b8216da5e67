import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULE_CATALOGUE } from '#checks/index.ts';
import { renderRulesDoc } from './rules-doc.ts';

describe('docs/rules.md', () => {
  it('is up to date with the rule catalogue (run `npm run docs:rules`)', () => {
    const file = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'docs', 'rules.md');
    expect(readFileSync(file, 'utf8')).toBe(renderRulesDoc());
  });

  it('lists every rule once, with a unique id, a title and an explanation', () => {
    const ids = RULE_CATALOGUE.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULE_CATALOGUE) {
      expect(r.id).toMatch(/^[a-z0-9-]+\.[a-z0-9-]+$/);
      expect(r.title.length).toBeGreaterThan(3);
      expect(r.explanation.length).toBeGreaterThan(20);
      expect(renderRulesDoc()).toContain(`\`${r.id}\``);
    }
  });
});
