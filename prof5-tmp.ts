import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { openStore } from '#store/store.ts';
import { variantFactory } from '#store/variants.ts';
import { corpusDir } from './test/corpus.ts';
const texts = readdirSync(corpusDir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(join(corpusDir, f), 'utf8'));
const f = variantFactory(texts);
const store = await openStore({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/test', pgSchema: 'yusuan_prof_tmp', parse: f.parseVariant });
const have = Number((await store.db.selectFrom('documents').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
await Promise.all([0,1,2,3].map(async (w) => { for (let i = have + w; i < 200; i += 4) await store.importDocument(f.variantText(i)); }));
const qs = [
 sql`explain analyze select count(*) from projects p inner join documents d on d.id = p.document_id inner join departments dep on dep.id = d.department_id where d.is_latest = 1 and p.search_text ilike '%信息化%'`,
 sql`explain analyze select count(*) from indicators i inner join projects p on p.id = i.project_id inner join documents d on d.id = i.document_id inner join departments dep on dep.id = d.department_id where d.is_latest = 1 and i.search_text ilike '%信息化%'`,
 sql`explain analyze select p.name from projects p inner join documents d on d.id = p.document_id inner join departments dep on dep.id = d.department_id where d.is_latest = 1 and p.search_text ilike '%信息化%' order by coalesce(d.year,0) desc, p.id limit 20`,
];
for (const q of qs) { const plan = await q.execute(store.db); console.log((plan.rows as any[]).map((r) => r['QUERY PLAN']).join('\n')); console.log('---'); }
await store.close();
