/**
 * The draft routes over real corpus documents: start next year's draft from a stored year, save
 * on a base version (409 when stale, 428 without one), versions, submit refused with errors.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { deriveBudgetDisclosure } from '#authoring/derive.ts';
import type { BudgetDraft } from '#authoring/draft.ts';
import { setLineAmount, setReason } from '#authoring/edit.ts';
import { formatCode, type BudgetDisclosure, type Fen } from '#domain/index.ts';
import { parseBudgetDisclosure } from '#ingest/budget-disclosure.ts';
import { htmlToText } from '#render/publish/html-text.ts';
import { openStore, type BudgetStore } from '#store/store.ts';
import type { DraftDetail, DraftVersionSummary } from '#store/drafts.ts';
import { buildServer } from './app.ts';
import { signInEveryRequest } from './testing.ts';

describe('draft routes', () => {
  let dir: string;
  let store: BudgetStore;
  let app: FastifyInstance;
  let documentId: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yusuan-drafts-'));
    store = await openStore({ sqlitePath: join(dir, 'd.sqlite'), log: () => undefined });
    app = await buildServer({ store, webRoot: join(dir, 'no-web'), bcryptCost: 4 });
    await signInEveryRequest(app, store);
    for (const f of ['putuo-2024-wanli-subdistrict-budget.txt', 'putuo-2025-wanli-subdistrict-budget.txt']) {
      const res = await app.inject({ method: 'POST', url: `/api/documents?name=${f}`, headers: { 'content-type': 'text/plain; charset=utf-8' }, payload: readFileSync(join('corpus', f), 'utf8') });
      expect(res.statusCode).toBe(201);
      if (f.includes('2024')) documentId = res.json<{ document: { documentId: number } }>().document.documentId;
    }
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts next year from a stored year, saves versions, refuses a stale base, submits only without errors', async () => {
    const created = await app.inject({ method: 'POST', url: '/api/drafts', payload: { from: 'document', documentId, mode: 'next-year' } });
    expect(created.statusCode).toBe(201);
    const d = created.json<DraftDetail>();
    expect(d).toMatchObject({ year: 2025, version: 1, status: 'draft', baseDocumentId: documentId, department: '上海市普陀区人民政府万里街道办事处' });
    expect(created.headers['etag']).toBe('"1"');
    expect(d.draft.prior?.year).toBe(2024);
    expect(d.draft.lines.every((l) => Object.keys(l.amounts).length === 0)).toBe(true);

    const edited: BudgetDraft = setLineAmount(d.draft, d.draft.lines[0]!.code, 'basic.general', 1_000_00 as Fen);
    const saved = await app.inject({ method: 'PUT', url: `/api/drafts/${d.id}`, payload: { baseVersion: 1, draft: edited } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json<DraftDetail>().version).toBe(2);

    const stale = await app.inject({ method: 'PUT', url: `/api/drafts/${d.id}`, payload: { draft: edited }, headers: { 'if-match': '"1"' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: 'version-conflict', details: { currentVersion: 2 } });
    expect((await app.inject({ method: 'PUT', url: `/api/drafts/${d.id}`, payload: { draft: edited } })).statusCode).toBe(428);
    const crossSite = await app.inject({ method: 'PUT', url: `/api/drafts/${d.id}`, payload: { baseVersion: 2, draft: edited }, headers: { origin: 'https://elsewhere.example' } });
    expect(crossSite.statusCode).toBe(403);
    const bad = await app.inject({ method: 'PUT', url: `/api/drafts/${d.id}`, payload: { baseVersion: 2, draft: { ...edited, lines: [{ ...edited.lines[0], amounts: { 'basic.general': 1.5 } }] } } });
    expect(bad.statusCode).toBe(400);

    const versions = (await app.inject(`/api/drafts/${d.id}/versions`)).json<DraftVersionSummary[]>();
    expect(versions.map((v) => v.version)).toEqual([2, 1]);
    expect(versions[1]?.note).toBe('由2024年文件开始');
    const v1 = (await app.inject(`/api/drafts/${d.id}/versions/1`)).json<{ draft: BudgetDraft }>();
    expect(v1.draft).toEqual(d.draft);

    const refused = await app.inject({ method: 'POST', url: `/api/drafts/${d.id}/submit`, payload: { baseVersion: 2 } });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ error: 'draft-has-errors' });

    const list = (await app.inject('/api/drafts')).json<DraftDetail[]>();
    expect(list.map((x) => x.id)).toContain(d.id);
    expect((await app.inject('/api/drafts/99999')).statusCode).toBe(404);
  });

  it('a draft of a stored year as it is has no errors once its reasons are written, and can be submitted', async () => {
    const created = (await app.inject({ method: 'POST', url: '/api/drafts', payload: { from: 'document', documentId, mode: 'same-year' } })).json<DraftDetail>();
    const draft = setReason(setReason(setReason(created.draft, 'fiscal', '项目调整'), 'threePublic', '厉行节约'), 'operatingCosts', '人员变动');
    const purposes: BudgetDraft = { ...draft, lines: draft.lines.map((l) => ({ ...l, purpose: l.purpose ?? `${l.names.at(-1)}` })) };
    const saved = await app.inject({ method: 'PUT', url: `/api/drafts/${created.id}`, payload: { baseVersion: 1, draft: purposes } });
    expect(saved.json<DraftDetail>().errorCount).toBe(0);
    const submitted = await app.inject({ method: 'POST', url: `/api/drafts/${created.id}/submit`, headers: { 'if-match': '"2"' } });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json<DraftDetail>().status).toBe('submitted');
    expect((await app.inject({ method: 'PUT', url: `/api/drafts/${created.id}`, payload: { baseVersion: 2, draft: purposes } })).statusCode).toBe(409);
  });

  it('renders a saved draft as the official document: its HTML reads back to the derived tables', async () => {
    const created = (await app.inject({ method: 'POST', url: '/api/drafts', payload: { from: 'document', documentId, mode: 'same-year' } })).json<DraftDetail>();
    const edited = setLineAmount(created.draft, created.draft.lines[0]!.code, 'basic.general', 12_345_67 as Fen);
    const saved = (await app.inject({ method: 'PUT', url: `/api/drafts/${created.id}`, payload: { baseVersion: 1, draft: edited } })).json<DraftDetail>();
    const res = await app.inject(`/api/drafts/${created.id}/export.html`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    const figures = (doc: BudgetDisclosure) =>
      doc.tables.flatMap((t) => t.rows.flatMap((r) => r.cells.filter((c) => c.figure).map((c) => `${t.number}/${r.side ?? ''}/${r.code ? formatCode(r.code) : r.name}/${c.column}=${c.figure!.amount}`)));
    const derived = deriveBudgetDisclosure(saved.draft).document;
    const read = parseBudgetDisclosure(htmlToText(res.body)).document;
    expect(figures(read)).toEqual(figures(derived));
    // The edited 项's basic expenditure, as saved, is on the page.
    expect(figures(read)).toContain(`5//${created.draft.lines[0]!.code}/基本支出=${derived.tables.find((t) => t.number === 5)!.rows.find((r) => r.code && formatCode(r.code) === created.draft.lines[0]!.code)!.cells.find((c) => c.column === '基本支出')!.figure!.amount}`);
    const xlsx = await app.inject(`/api/drafts/${created.id}/export.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('starts from an uploaded text and from an empty template', async () => {
    const fromText = await app.inject({ method: 'POST', url: '/api/drafts', payload: { from: 'text', text: readFileSync('corpus/songjiang-2025-data-bureau-budget.txt', 'utf8') } });
    expect(fromText.statusCode).toBe(201);
    // 8 项 carry money; table 5 also prints 208 05 01/02/99 empty, kept as lines to fill in.
    expect(fromText.json<DraftDetail>().draft.lines.filter((l) => Object.keys(l.amounts).length > 0).map((l) => l.code)).toEqual(['201 41 01', '201 41 02', '208 05 05', '208 05 06', '210 11 01', '215 05 17', '221 02 01', '221 02 03']);
    const empty = await app.inject({ method: 'POST', url: '/api/drafts', payload: { from: 'empty', level: 'unit', year: 2026, district: '上海市测试区', department: '测试单位' } });
    expect(empty.json<DraftDetail>()).toMatchObject({ level: 'unit', year: 2026, version: 1 });
    expect((await app.inject({ method: 'POST', url: '/api/drafts', payload: { from: 'text', text: '不是预算' } })).statusCode).toBe(422);
  });
});
