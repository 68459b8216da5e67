/**
 * Drafts authored in the browser join the review workflow, on SQLite and PostgreSQL: an editor
 * starts next year's draft from a published corpus year, fills it in and submits; the submission
 * is stored as a document under review (not public); the reviewer returns it with a comment on a
 * cell; the editor's next save reopens the draft; resubmitted, approved and published, the public
 * sees the derived figures; the trail records every step. An editor of another department can do
 * none of it; two editors saving the same draft version: one wins, the other gets 409.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterEach, expect, it } from 'vitest';
import type { BudgetDraft } from '#authoring/draft.ts';
import { setLineAmount, setReason } from '#authoring/edit.ts';
import type { Fen } from '#domain/index.ts';
import { corpusPath } from '../../../test/corpus.ts';
import type { DraftDetail } from '#store/drafts.ts';
import { describeEachDialect } from '#store/testing-databases.ts';
import type { DocumentDetail } from '../api-contract.ts';
import { buildServer } from '../app.ts';
import { injectAs, signInAs } from '../testing.ts';

type Review = DraftDetail & { review?: { documentId: number; status: string } };
interface WorkflowState {
  status: string;
  revision: number;
}

/** Every reason and purpose written, so the only findings left are the figures' own. */
const finished = (d: BudgetDraft): BudgetDraft => {
  const reasons = setReason(setReason(setReason(d, 'fiscal', '项目调整'), 'threePublic', '厉行节约'), 'operatingCosts', '人员变动');
  return { ...reasons, lines: reasons.lines.map((l) => ({ ...l, purpose: l.purpose ?? `${l.names.at(-1)}` })) };
};

describeEachDialect('drafts in the review workflow', (open) => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('submit → returned with a cell comment → saved (reopened) and resubmitted → approved → published; scope and concurrency enforced', async () => {
    const store = await open({});
    app = await buildServer({ store, webRoot: '/nonexistent/no-web', bcryptCost: 4 });
    // Last year's disclosure, published by the command line (as `npm start` imports the corpus).
    const stored = await store.importDocument(readFileSync(corpusPath('putuo-2025-wanli-subdistrict-budget'), 'utf8'));
    const { departmentId, documentId: published } = stored.document!;
    const other = await store.importDocument(readFileSync(corpusPath('songjiang-2025-data-bureau-budget'), 'utf8'));
    const editor = injectAs(app, await signInAs(app, store, 'editor', [departmentId], 'editor-wang'));
    const editor2 = injectAs(app, await signInAs(app, store, 'editor', [departmentId], 'editor-zhao'));
    const outsider = injectAs(app, await signInAs(app, store, 'editor', [other.document!.departmentId], 'editor-other'));
    const reviewer = injectAs(app, await signInAs(app, store, 'reviewer', 'all', 'reviewer-li'));
    const anon = injectAs(app, undefined);
    const send = (as: ReturnType<typeof injectAs>, method: 'POST' | 'PUT', url: string, body: unknown) =>
      as({ method, url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });

    // The same year as it is (its figures kept), finished: no error findings.
    expect((await send(outsider, 'POST', '/api/drafts', { from: 'document', documentId: published, mode: 'same-year' })).statusCode).toBe(403);
    const created = await send(editor, 'POST', '/api/drafts', { from: 'document', documentId: published, mode: 'same-year' });
    expect(created.statusCode).toBe(201);
    const d = created.json<DraftDetail>();
    expect((await outsider(`/api/drafts/${d.id}`)).statusCode).toBe(403);
    expect((await outsider('/api/drafts')).json<DraftDetail[]>()).toEqual([]);
    expect((await anon(`/api/drafts/${d.id}`)).statusCode).toBe(401);
    expect((await reviewer(`/api/drafts/${d.id}`)).statusCode).toBe(200);

    // Two editors save on the same base: one wins, the other is told, and loses nothing on the server.
    const mine = finished(d.draft);
    const theirs = setLineAmount(mine, mine.lines[0]!.code, 'basic.general', 1_00 as Fen);
    const [a, b] = await Promise.all([send(editor, 'PUT', `/api/drafts/${d.id}`, { baseVersion: 1, draft: mine }), send(editor2, 'PUT', `/api/drafts/${d.id}`, { baseVersion: 1, draft: theirs })]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? a : b;
    expect((a.statusCode === 409 ? a : b).json()).toMatchObject({ error: 'version-conflict', details: { currentVersion: 2 } });
    // The editor whose save was refused reloads and saves the finished draft on top.
    const v3 = await send(editor, 'PUT', `/api/drafts/${d.id}`, { baseVersion: winner.json<DraftDetail>().version, draft: mine });
    expect(v3.statusCode).toBe(200);
    expect(v3.json<DraftDetail>()).toMatchObject({ version: 3, errorCount: 0 });

    expect((await send(outsider, 'POST', `/api/drafts/${d.id}/submit`, { baseVersion: 3 })).statusCode).toBe(403);
    expect((await send(reviewer, 'POST', `/api/drafts/${d.id}/submit`, { baseVersion: 3 })).statusCode).toBe(403);
    const submitted = await send(editor, 'POST', `/api/drafts/${d.id}/submit`, { baseVersion: 3 });
    expect(submitted.statusCode).toBe(200);
    const review = submitted.json<Review>().review!;
    expect(review.status).toBe('submitted');
    // Under review: a new version of the department-year, seen by the reviewer, not by the public.
    const underReview = (await reviewer(`/api/documents/${review.documentId}`)).json<DocumentDetail>();
    expect(underReview).toMatchObject({ departmentId, year: 2025, version: 2 });
    expect((await anon(`/api/documents/${review.documentId}`)).statusCode).toBe(401);
    expect((await anon(`/api/departments/${departmentId}/years/2025`)).json<DocumentDetail>().documentId).toBe(published);
    // While under review the draft cannot change.
    expect((await send(editor, 'PUT', `/api/drafts/${d.id}`, { baseVersion: 3, draft: mine })).statusCode).toBe(409);

    // The reviewer returns it with a comment on a cell.
    let st = (await reviewer(`/api/documents/${review.documentId}/workflow`)).json<WorkflowState>();
    const anchor = { kind: 'cell', table: 3, row: '合计', column: '合计' };
    st = (await send(reviewer, 'POST', `/api/documents/${review.documentId}/comments`, { anchor, body: '请核对合计。', revision: st.revision })).json<WorkflowState>();
    st = (await send(reviewer, 'POST', `/api/documents/${review.documentId}/transitions`, { action: 'return', revision: st.revision })).json<WorkflowState>();
    expect(st.status).toBe('returned');
    expect((await editor(`/api/drafts/${d.id}`)).json<Review>().review).toEqual({ documentId: review.documentId, status: 'returned' });

    // The editor's next save reopens the draft; resubmitted, it is a new version under review.
    const line = mine.lines.find((l) => Object.keys(l.amounts).length > 0)!;
    const field = Object.keys(line.amounts)[0] as keyof typeof line.amounts;
    const fixed = setLineAmount(mine, line.code, field, ((line.amounts[field] ?? 0) + 1_00) as Fen);
    const v4 = await send(editor, 'PUT', `/api/drafts/${d.id}`, { baseVersion: 3, draft: fixed });
    expect(v4.statusCode).toBe(200);
    expect(v4.json<DraftDetail>()).toMatchObject({ status: 'draft', version: 4, errorCount: 0 });
    const again = (await send(editor, 'POST', `/api/drafts/${d.id}/submit`, { baseVersion: 4 })).json<Review>().review!;
    expect(again.documentId).not.toBe(review.documentId);
    st = (await reviewer(`/api/documents/${again.documentId}/workflow`)).json<WorkflowState>();
    expect(st.status).toBe('submitted');
    st = (await send(reviewer, 'POST', `/api/documents/${again.documentId}/transitions`, { action: 'approve', revision: st.revision })).json<WorkflowState>();
    st = (await send(reviewer, 'POST', `/api/documents/${again.documentId}/transitions`, { action: 'publish', revision: st.revision })).json<WorkflowState>();
    expect(st.status).toBe('published');

    // Public: the department-year now shows the draft's figures (the changed 项 one 元 more, its parents too).
    const page = (await anon(`/api/departments/${departmentId}/years/2025`)).json<DocumentDetail>();
    expect(page.documentId).toBe(again.documentId);
    const before = (await store.getDocument(published))!.model;
    const total = (m: typeof page.model) => (m.kind === 'budget-disclosure' ? m.tables.find((t) => t.number === 3)?.rows.find((r) => r.kind === 'total')?.cells[0]?.figure?.amount : undefined);
    expect(total(page.model)).toBe((total(before) ?? 0) + 1_00);

    // The trail: the draft's steps and the documents' review steps, each with who.
    const draftTrail = await store.db.selectFrom('audit_log').select(['actor_name', 'action']).where('entity_type', '=', 'draft').where('entity_id', '=', d.id).orderBy('id').execute();
    expect(draftTrail.map((e) => `${e.actor_name} ${e.action}`)).toEqual([
      'editor-wang draft.create',
      `${a.statusCode === 200 ? 'editor-wang' : 'editor-zhao'} draft.save`,
      'editor-wang draft.save',
      'editor-wang draft.submit',
      'editor-wang draft.reopen',
      'editor-wang draft.save',
      'editor-wang draft.submit',
    ]);
    const docTrail = (await reviewer(`/api/documents/${again.documentId}/audit`)).json<{ action: string; actorName: string }[]>();
    expect(docTrail.map((e) => `${e.actorName} ${e.action}`)).toEqual(['editor-wang document.import', 'reviewer-li document.transition', 'reviewer-li document.transition']);
  });
});
