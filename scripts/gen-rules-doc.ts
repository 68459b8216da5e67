/** Write docs/rules.md from the rule catalogue. */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderRulesDoc } from '#render/rules-doc.ts';

const target = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'rules.md');
writeFileSync(target, renderRulesDoc());
console.log(`wrote ${target}`);
