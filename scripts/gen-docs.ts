/**
 * Write the generated reference docs: docs/cli.md (from the commander program) and
 * docs/api.md (from the OpenAPI document). `npm run docs` — a test keeps both current.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderApiDoc, renderCliDoc } from './reference-docs.ts';

const docs = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs');
for (const [name, text] of [['cli.md', renderCliDoc()], ['api.md', renderApiDoc()]] as const) {
  writeFileSync(join(docs, name), text);
  console.log(`wrote docs/${name}`);
}
