/**
 * The review workflow through the API, on SQLite and PostgreSQL: an editor uploads (a draft, not
 * public) and submits; a reviewer comments on a cell and returns it; the editor uploads the fix as a
 * new version and submits it; the reviewer approves and publishes; the public sees it; the audit
 * trail has every step. And concurrent saves: one wins, the other gets 409, nothing is lost.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, expect, it } from 'vitest';
import { parseTestDocument, testDocumentText } from '#store/testing.ts';
import { describeEachDialect } from '#store/testing-databases.ts';
import type { BudgetStore } from '#store/store.ts';
import type { DepartmentSummary, DocumentDetail, UploadResult } from '../api-contract.ts';
import { buildServer } from '../app.ts';
import { injectAs, signInAs } from '../testing.ts';

const budget = (year: number, total: number, revision = '') =>
  testDocumentText({
    kind: 'budget-disclosure',
    department: '上海市松江区数据局',
    district: '上海市松江区',
    year,
    revision,
    rows: [
      { table: 1, name: '收入总计', total: true, side: 'revenue', cells: { 预算数: total } },
      { table: 3, code: '201 03 01', name: '行政运行', cells: { 合计: total } },
    ],
    projects: [{ name: '政务云服务', amountFen: 50_00 }],
  });

interface WorkflowState {
  status: string;
  revision: number;
  comments: { body: string; anchor: unknown; authorName: string }[];
}

describeEachDialect('review workflow', (open) => {
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  const start = async (): Promise<{ store: BudgetStore; app: FastifyInstance; departmentId: number }> => {
    const store = await open({ parse: parseTestDocument });
    app = await buildServer({ store, webRoot: '/nonexistent/no-web', bcryptCost: 4 });
    // Last year's disclosure, published by the command line (as `npm start` imports the corpus).
    const prior = await store.importDocument(budget(2024, 90_00));
    return { store, app, departmentId: prior.document!.departmentId };
  };

  const post = (as: ReturnType<typeof injectAs>, url: string, body: unknown) => as({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });

  it('runs draft → submitted → returned (with a cell comment) → fixed and resubmitted → approved → published, each step by its role', async () => {
    const { store, app, departmentId } = await start();
    const editor = injectAs(app, await signInAs(app, store, 'editor', [departmentId], 'editor-wang'));
    const reviewer = injectAs(app, await signInAs(app, store, 'reviewer', 'all', 'reviewer-li'));
    const anon = injectAs(app, undefined);

    const up = await editor({ method: 'POST', url: '/api/documents', headers: { 'content-type': 'text/plain' }, payload: budget(2025, 100_00) });
    expect(up.statusCode).toBe(201);
    const first = up.json<UploadResult>().document.documentId;
    expect((await anon(`/api/documents/${first}`)).statusCode).toBe(401);
    expect((await anon(`/api/departments`)).json<DepartmentSummary[]>()[0]?.years.map((y) => y.year)).toEqual([2024]);

    let state = (await editor(`/api/documents/${first}/workflow`)).json<WorkflowState>();
    expect(state.status).toBe('draft');
    // A reviewer cannot approve a draft; an editor cannot approve at all.
    expect((await post(reviewer, `/api/documents/${first}/transitions`, { action: 'approve', revision: state.revision })).statusCode).toBe(409);
    expect((await post(editor, `/api/documents/${first}/transitions`, { action: 'approve', revision: state.revision })).statusCode).toBe(403);
    state = (await post(editor, `/api/documents/${first}/transitions`, { action: 'submit', revision: state.revision })).json<WorkflowState>();
    expect(state.status).toBe('submitted');

    // A return must say why.
    const bare = await post(reviewer, `/api/documents/${first}/transitions`, { action: 'return', revision: state.revision });
    expect(bare.statusCode).toBe(409);
    expect(bare.json<{ message: string }>().message).toMatch(/审核意见/);
    const anchor = { kind: 'cell', table: 1, row: '收入总计', column: '预算数' };
    const commented = await post(reviewer, `/api/documents/${first}/comments`, { anchor, body: '收入总计与表三合计不一致，请核对。', revision: state.revision });
    expect(commented.statusCode).toBe(201);
    state = commented.json<WorkflowState>();
    state = (await post(reviewer, `/api/documents/${first}/transitions`, { action: 'return', revision: state.revision })).json<WorkflowState>();
    expect(state.status).toBe('returned');
    // The editor sees the comment, anchored to the cell.
    const seen = (await editor(`/api/documents/${first}/workflow`)).json<WorkflowState>();
    expect(seen.comments).toEqual([expect.objectContaining({ anchor, body: '收入总计与表三合计不一致，请核对。', authorName: 'reviewer-li' })]);

    // The fix: a corrected text as a new version (a new draft), submitted.
    const fix = await editor({ method: 'POST', url: '/api/documents?baseVersion=1', headers: { 'content-type': 'text/plain' }, payload: budget(2025, 100_00, 'fixed') });
    expect(fix.statusCode).toBe(201);
    const second = fix.json<UploadResult>().document.documentId;
    let s2 = (await editor(`/api/documents/${second}/workflow`)).json<WorkflowState>();
    s2 = (await post(editor, `/api/documents/${second}/transitions`, { action: 'submit', revision: s2.revision })).json<WorkflowState>();
    expect((await post(editor, `/api/documents/${second}/transitions`, { action: 'publish', revision: s2.revision })).statusCode).toBe(403);
    s2 = (await post(reviewer, `/api/documents/${second}/transitions`, { action: 'approve', revision: s2.revision })).json<WorkflowState>();
    expect(s2.status).toBe('approved');
    expect((await anon(`/api/documents/${second}`)).statusCode).toBe(401);
    s2 = (await post(reviewer, `/api/documents/${second}/transitions`, { action: 'publish', revision: s2.revision })).json<WorkflowState>();
    expect(s2.status).toBe('published');

    // Public now: the department-year page, the document, search.
    const page = await anon(`/api/departments/${departmentId}/years/2025`);
    expect(page.statusCode).toBe(200);
    expect(page.json<DocumentDetail>().documentId).toBe(second);
    expect((await anon(`/api/documents/${first}`)).statusCode).toBe(401);
    expect((await anon('/api/search?q=政务云&year=2025')).json<{ items: { documentId: number }[] }>().items.map((i) => i.documentId)).toEqual([second]);

    // Every step in the audit trail, with who, before and after.
    const trail = (id: number) => reviewer(`/api/documents/${id}/audit`).then((r) => r.json<{ action: string; actorName: string; before: { status?: string } | null; after: { status?: string; action?: string } }[]>());
    expect((await trail(first)).map((e) => `${e.actorName} ${e.action} ${e.before?.status ?? '-'}→${e.after.status ?? '-'}`)).toEqual([
      'editor-wang document.import -→draft',
      'editor-wang document.transition draft→submitted',
      'reviewer-li comment.add -→submitted',
      'reviewer-li document.transition submitted→returned',
    ]);
    expect((await trail(second)).map((e) => `${e.actorName} ${e.action} ${e.after.action ?? e.after.status}`)).toEqual([
      'editor-wang document.import draft',
      'editor-wang document.transition submit',
      'reviewer-li document.transition approve',
      'reviewer-li document.transition publish',
    ]);
    // Append-only in the database itself, on both dialects.
    await expect(store.db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
    await expect(store.db.updateTable('audit_log').set({ actor_name: 'someone else' }).execute()).rejects.toThrow(/append-only/);
  });

  it('a new draft of a published department-year leaves the public on the published version until it is published', async () => {
    const { store, app, departmentId } = await start();
    const editor = injectAs(app, await signInAs(app, store, 'editor', [departmentId]));
    const anon = injectAs(app, undefined);
    const published = (await anon(`/api/departments/${departmentId}/years/2024`)).json<DocumentDetail>().documentId;
    const draft = (await editor({ method: 'POST', url: '/api/documents?baseVersion=1', headers: { 'content-type': 'text/plain' }, payload: budget(2024, 95_00) })).json<UploadResult>().document;
    expect(draft.version).toBe(2);
    expect((await anon(`/api/departments/${departmentId}/years/2024`)).json<DocumentDetail>().documentId).toBe(published);
    expect((await editor(`/api/departments/${departmentId}/years/2024`)).json<DocumentDetail>().documentId).toBe(draft.documentId);
    expect((await anon(`/api/departments`)).json<DepartmentSummary[]>()[0]?.years.map((y) => [y.year, y.documentId, y.status])).toEqual([[2024, published, 'published']]);
    expect((await anon(`/api/documents/${published}/versions`)).json<{ version: number }[]>().map((v) => v.version)).toEqual([1]);
    expect((await editor(`/api/documents/${published}/versions`)).json<{ version: number }[]>().map((v) => v.version)).toEqual([1, 2]);
    expect((await anon('/api/search?q=政务云')).json<{ items: { documentId: number }[] }>().items.map((i) => i.documentId)).toEqual([published]);
    expect((await editor('/api/search?q=政务云')).json<{ items: { documentId: number }[] }>().items.map((i) => i.documentId)).toEqual([draft.documentId]);
  });

  it('two editors saving at once: one wins, the other gets 409 with what changed, nothing lost', async () => {
    const { store, app, departmentId } = await start();
    const a = injectAs(app, await signInAs(app, store, 'editor', [departmentId], 'editor-a'));
    const b = injectAs(app, await signInAs(app, store, 'editor', [departmentId], 'editor-b'));
    const draft = (await a({ method: 'POST', url: '/api/documents', headers: { 'content-type': 'text/plain' }, payload: budget(2025, 100_00) })).json<UploadResult>().document;
    const revision = (await a(`/api/documents/${draft.documentId}/workflow`)).json<WorkflowState>().revision;

    // Both comment at the revision they saw, at the same moment.
    const [ra, rb] = await Promise.all([
      post(a, `/api/documents/${draft.documentId}/comments`, { anchor: { kind: 'line', line: 3 }, body: 'A 的修改说明', revision }),
      post(b, `/api/documents/${draft.documentId}/comments`, { anchor: { kind: 'line', line: 3 }, body: 'B 的修改说明', revision }),
    ]);
    expect([ra.statusCode, rb.statusCode].sort()).toEqual([201, 409]);
    const [won, lost] = ra.statusCode === 201 ? [ra, rb] : [rb, ra];
    const conflict = lost.json<{ error: string; message: string; details: { state: WorkflowState; changes: { actorName: string; after: { body: string } }[] } }>();
    expect(conflict.error).toBe('stale-revision');
    // What changed: the winner's comment, by the winner; the winner's comment is kept.
    expect(conflict.details.changes.map((c) => c.after.body)).toEqual([won.json<WorkflowState>().comments[0]!.body]);
    expect(conflict.details.state.comments.map((c) => c.body)).toEqual(won.json<WorkflowState>().comments.map((c) => c.body));
    // The loser re-applies on the new revision: both are kept.
    const retry = await post(ra.statusCode === 201 ? b : a, `/api/documents/${draft.documentId}/comments`, { anchor: { kind: 'line', line: 3 }, body: 'again', revision: conflict.details.state.revision });
    expect(retry.statusCode).toBe(201);
    expect(retry.json<WorkflowState>().comments).toHaveLength(2);

    // Two new versions saved over the same version at once: one is stored, the other refused with the current one.
    const [va, vb] = await Promise.all([
      a({ method: 'POST', url: `/api/documents?baseVersion=${draft.version}`, headers: { 'content-type': 'text/plain' }, payload: budget(2025, 100_00, 'from A') }),
      b({ method: 'POST', url: `/api/documents?baseVersion=${draft.version}`, headers: { 'content-type': 'text/plain' }, payload: budget(2025, 100_00, 'from B') }),
    ]);
    expect([va.statusCode, vb.statusCode].sort()).toEqual([201, 409]);
    const stored = (va.statusCode === 201 ? va : vb).json<UploadResult>().document;
    const refused = (va.statusCode === 201 ? vb : va).json<{ error: string; details: { current: { documentId: number; version: number } } }>();
    expect(refused.error).toBe('stale-version');
    expect(refused.details.current).toMatchObject({ documentId: stored.documentId, version: stored.version });
    // The first version and the winner's are stored; the loser's text was not written over them.
    expect((await a(`/api/documents/${stored.documentId}/versions`)).json<{ version: number }[]>().map((v) => v.version)).toEqual([1, 2]);

    // Two submits of the same draft at once: exactly one transition.
    const s = (await a(`/api/documents/${stored.documentId}/workflow`)).json<WorkflowState>();
    const [sa, sb] = await Promise.all([
      post(a, `/api/documents/${stored.documentId}/transitions`, { action: 'submit', revision: s.revision }),
      post(b, `/api/documents/${stored.documentId}/transitions`, { action: 'submit', revision: s.revision }),
    ]);
    expect([sa.statusCode, sb.statusCode].sort()).toEqual([200, 409]);
    const submits = (await a(`/api/documents/${stored.documentId}/audit`)).json<{ action: string }[]>().filter((e) => e.action === 'document.transition');
    expect(submits).toHaveLength(1);
  });
});
