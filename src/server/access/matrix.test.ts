/**
 * The authorization matrix: every route of the access table × every kind of caller (nobody, an
 * editor of the document's department, an editor of another, an all-department reviewer, a
 * reviewer of another department only, an admin) → the status the server must answer, on an
 * unpublished document of department A. The expectations are keyed by the access table's rows,
 * and the test fails when a row has no expectations or an expectation no row, so a new route
 * cannot be added without deciding, here, who may call it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '#store/store.ts';
import type { BudgetStore } from '#store/store.ts';
import { parseTestDocument, testDocumentText } from '#store/testing.ts';
import type { TestDocumentSpec } from '#store/testing.ts';
import type { UploadResult } from '../api-contract.ts';
import { buildServer } from '../app.ts';
import { createTestUser, injectAs, signInAs, TEST_PASSWORD } from '../testing.ts';
import type { SignedIn } from '../testing.ts';
import { ROUTE_TABLE, routeKey } from './routes.ts';

const WHO = ['anonymous', 'editor-own', 'editor-other', 'reviewer', 'reviewer-other', 'admin'] as const;
type Who = (typeof WHO)[number];

const spec = (department: string, year: number, revision = ''): TestDocumentSpec => ({
  kind: 'budget-disclosure',
  department,
  district: '上海市松江区',
  year,
  revision,
  rows: [{ table: 1, name: '收入总计', total: true, side: 'revenue', cells: { 预算数: 100_00 } }],
  projects: [{ name: '政务云服务', amountFen: 50_00 }],
});

interface Fixture {
  readonly draftA: number;
  readonly publishedA: number;
  readonly departmentA: number;
  readonly spareUserId: number;
  readonly spareName: string;
  readonly draftIdA: number;
  /** The draft's latest version, as stored. */
  draftOf(): Promise<{ version: number; draft: unknown }>;
}

type Call = (f: Fixture, n: number, revision: () => Promise<number>) => Promise<InjectOptions>;
const json = (method: 'POST' | 'PATCH', url: string, body: unknown): InjectOptions => ({ method, url, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });

/** [request, expected status per caller]. `n` makes each request's payload distinct. */
const MATRIX: Readonly<Record<string, readonly [Call, Readonly<Record<Who, number>>]>> = {
  'GET /api/health': [async () => ({ url: '/api/health' }), { anonymous: 200, 'editor-own': 200, 'editor-other': 200, reviewer: 200, 'reviewer-other': 200, admin: 200 }],
  'GET /api/openapi.json': [async () => ({ url: '/api/openapi.json' }), { anonymous: 200, 'editor-own': 200, 'editor-other': 200, reviewer: 200, 'reviewer-other': 200, admin: 200 }],
  'GET /api/departments': [async () => ({ url: '/api/departments' }), { anonymous: 200, 'editor-own': 200, 'editor-other': 200, reviewer: 200, 'reviewer-other': 200, admin: 200 }],
  // The draft's department-year: only those who may see the draft find it.
  'GET /api/departments/:departmentId/years/:year': [
    async (f) => ({ url: `/api/departments/${f.departmentA}/years/2025` }),
    { anonymous: 404, 'editor-own': 200, 'editor-other': 404, reviewer: 200, 'reviewer-other': 404, admin: 200 },
  ],
  'GET /api/documents/:documentId': [async (f) => ({ url: `/api/documents/${f.draftA}` }), { anonymous: 401, 'editor-own': 200, 'editor-other': 403, reviewer: 200, 'reviewer-other': 403, admin: 200 }],
  'GET /api/documents/:documentId/versions': [
    async (f) => ({ url: `/api/documents/${f.draftA}/versions` }),
    { anonymous: 401, 'editor-own': 200, 'editor-other': 403, reviewer: 200, 'reviewer-other': 403, admin: 200 },
  ],
  'POST /api/documents': [
    async (_f, n) => ({ method: 'POST', url: '/api/documents', headers: { 'content-type': 'text/plain; charset=utf-8' }, payload: testDocumentText(spec('部门甲', 2026, `m${n}`)) }),
    { anonymous: 401, 'editor-own': 201, 'editor-other': 403, reviewer: 403, 'reviewer-other': 403, admin: 201 },
  ],
  // The draft was uploaded as text: no PDF to serve (404) to those who may read it.
  'GET /api/documents/:documentId/source': [
    async (f) => ({ url: `/api/documents/${f.draftA}/source` }),
    { anonymous: 401, 'editor-own': 404, 'editor-other': 403, reviewer: 404, 'reviewer-other': 403, admin: 404 },
  ],
  'GET /api/documents/:documentId/export.csv': [
    async (f) => ({ url: `/api/documents/${f.draftA}/export.csv?what=cells` }),
    { anonymous: 401, 'editor-own': 200, 'editor-other': 403, reviewer: 200, 'reviewer-other': 403, admin: 200 },
  ],
  'GET /api/documents/:documentId/export.json': [
    async (f) => ({ url: `/api/documents/${f.draftA}/export.json` }),
    { anonymous: 401, 'editor-own': 200, 'editor-other': 403, reviewer: 200, 'reviewer-other': 403, admin: 200 },
  ],
  'GET /api/compare': [
    async (f) => ({ url: `/api/compare?left=${f.publishedA}&right=${f.draftA}` }),
    { anonymous: 401, 'editor-own': 200, 'editor-other': 403, reviewer: 200, 'reviewer-other': 403, admin: 200 },
  ],
  'GET /api/search': [async () => ({ url: '/api/search?q=政务云' }), { anonymous: 200, 'editor-own': 200, 'editor-other': 200, reviewer: 200, 'reviewer-other': 200, admin: 200 }],
  'GET /api/rules': [async () => ({ url: '/api/rules' }), { anonymous: 200, 'editor-own': 200, 'editor-other': 200, reviewer: 200, 'reviewer-other': 200, admin: 200 }],
  // Publishing: a document's renderings follow the document's scope; the stable URLs show only
  // what is published (department A's 2025 is a draft: 404 for everyone), as does the open data.
  'GET /api/documents/:documentId/export.html': [async (f) => ({ url: `/api/documents/${f.draftA}/export.html` }), { anonymous: 401, 'editor-own': 200, 'editor-other': 403, reviewer: 200, 'reviewer-other': 403, admin: 200 }],
  'GET /api/documents/:documentId/export.pdf': [async (f) => ({ url: `/api/documents/${f.draftA}/export.pdf` }), { anonymous: 401, 'editor-own': 200, 'editor-other': 403, reviewer: 200, 'reviewer-other': 403, admin: 200 }],
  'GET /api/documents/:documentId/export.xlsx': [async (f) => ({ url: `/api/documents/${f.draftA}/export.xlsx` }), { anonymous: 401, 'editor-own': 200, 'editor-other': 403, reviewer: 200, 'reviewer-other': 403, admin: 200 }],
  'GET /api/departments/:departmentId/years/:year/published.html': [async (f) => ({ url: `/api/departments/${f.departmentA}/years/2025/published.html` }), { anonymous: 404, 'editor-own': 404, 'editor-other': 404, reviewer: 404, 'reviewer-other': 404, admin: 404 }],
  'GET /api/departments/:departmentId/years/:year/published.pdf': [async (f) => ({ url: `/api/departments/${f.departmentA}/years/2025/published.pdf` }), { anonymous: 404, 'editor-own': 404, 'editor-other': 404, reviewer: 404, 'reviewer-other': 404, admin: 404 }],
  'GET /api/departments/:departmentId/years/:year/published.xlsx': [async (f) => ({ url: `/api/departments/${f.departmentA}/years/2025/published.xlsx` }), { anonymous: 404, 'editor-own': 404, 'editor-other': 404, reviewer: 404, 'reviewer-other': 404, admin: 404 }],
  'GET /api/documents/:documentId/datapackage.json': [async (f) => ({ url: `/api/documents/${f.draftA}/datapackage.json` }), { anonymous: 401, 'editor-own': 200, 'editor-other': 403, reviewer: 200, 'reviewer-other': 403, admin: 200 }],
  'GET /api/documents/:documentId/budget-figures.csv': [async (f) => ({ url: `/api/documents/${f.draftA}/budget-figures.csv` }), { anonymous: 401, 'editor-own': 200, 'editor-other': 403, reviewer: 200, 'reviewer-other': 403, admin: 200 }],
  'GET /api/datapackage.json': [async () => ({ url: '/api/datapackage.json' }), { anonymous: 200, 'editor-own': 200, 'editor-other': 200, reviewer: 200, 'reviewer-other': 200, admin: 200 }],
  'GET /api/budget-figures.csv': [async () => ({ url: '/api/budget-figures.csv' }), { anonymous: 200, 'editor-own': 200, 'editor-other': 200, reviewer: 200, 'reviewer-other': 200, admin: 200 }],
  // Drafts of department A: read within its scope, written by its editors and admins.
  'GET /api/drafts': [async () => ({ url: '/api/drafts' }), { anonymous: 401, 'editor-own': 200, 'editor-other': 200, reviewer: 200, 'reviewer-other': 200, admin: 200 }],
  'POST /api/drafts': [
    async () => json('POST', '/api/drafts', { from: 'empty', level: 'department', year: 2027, district: '上海市松江区', department: '部门甲' }),
    { anonymous: 401, 'editor-own': 201, 'editor-other': 403, reviewer: 403, 'reviewer-other': 403, admin: 201 },
  ],
  'GET /api/drafts/:draftId': [async (f) => ({ url: `/api/drafts/${f.draftIdA}` }), { anonymous: 401, 'editor-own': 200, 'editor-other': 403, reviewer: 200, 'reviewer-other': 403, admin: 200 }],
  'PUT /api/drafts/:draftId': [
    async (f) => {
      const d = await f.draftOf();
      return { ...json('POST', `/api/drafts/${f.draftIdA}`, { baseVersion: d.version, draft: d.draft }), method: 'PUT' };
    },
    { anonymous: 401, 'editor-own': 200, 'editor-other': 403, reviewer: 403, 'reviewer-other': 403, admin: 200 },
  ],
  'GET /api/drafts/:draftId/versions': [async (f) => ({ url: `/api/drafts/${f.draftIdA}/versions` }), { anonymous: 401, 'editor-own': 200, 'editor-other': 403, reviewer: 200, 'reviewer-other': 403, admin: 200 }],
  'GET /api/drafts/:draftId/versions/:version': [async (f) => ({ url: `/api/drafts/${f.draftIdA}/versions/1` }), { anonymous: 401, 'editor-own': 200, 'editor-other': 403, reviewer: 200, 'reviewer-other': 403, admin: 200 }],
  'GET /api/drafts/:draftId/export.html': [async (f) => ({ url: `/api/drafts/${f.draftIdA}/export.html` }), { anonymous: 401, 'editor-own': 200, 'editor-other': 403, reviewer: 200, 'reviewer-other': 403, admin: 200 }],
  'GET /api/drafts/:draftId/export.xlsx': [async (f) => ({ url: `/api/drafts/${f.draftIdA}/export.xlsx` }), { anonymous: 401, 'editor-own': 200, 'editor-other': 403, reviewer: 200, 'reviewer-other': 403, admin: 200 }],
  // An empty draft has error findings (reasons and figures to fill in): submit refused with 422 to those who may submit.
  'POST /api/drafts/:draftId/submit': [
    async (f) => json('POST', `/api/drafts/${f.draftIdA}/submit`, { baseVersion: (await f.draftOf()).version }),
    { anonymous: 401, 'editor-own': 422, 'editor-other': 403, reviewer: 403, 'reviewer-other': 403, admin: 422 },
  ],
  // Anyone may try to log in (as the spare user here; the caller's own session is not sent, so it survives).
  'POST /api/auth/login': [
    async (f) => ({ ...json('POST', '/api/auth/login', { name: f.spareName, password: TEST_PASSWORD }), headers: { 'content-type': 'application/json', cookie: '' } }),
    { anonymous: 200, 'editor-own': 200, 'editor-other': 200, reviewer: 200, 'reviewer-other': 200, admin: 200 },
  ],
  'POST /api/auth/logout': [async () => ({ method: 'POST', url: '/api/auth/logout' }), { anonymous: 401, 'editor-own': 200, 'editor-other': 200, reviewer: 200, 'reviewer-other': 200, admin: 200 }],
  'GET /api/auth/me': [async () => ({ url: '/api/auth/me' }), { anonymous: 200, 'editor-own': 200, 'editor-other': 200, reviewer: 200, 'reviewer-other': 200, admin: 200 }],
  'GET /api/users': [async () => ({ url: '/api/users' }), { anonymous: 401, 'editor-own': 403, 'editor-other': 403, reviewer: 403, 'reviewer-other': 403, admin: 200 }],
  'POST /api/users': [
    async (_f, n) => json('POST', '/api/users', { name: `new-user-${n}`, role: 'reviewer', departments: 'all', password: TEST_PASSWORD }),
    { anonymous: 401, 'editor-own': 403, 'editor-other': 403, reviewer: 403, 'reviewer-other': 403, admin: 201 },
  ],
  'PATCH /api/users/:userId': [
    async (f, n) => json('PATCH', `/api/users/${f.spareUserId}`, { displayName: `改名 ${n}` }),
    { anonymous: 401, 'editor-own': 403, 'editor-other': 403, reviewer: 403, 'reviewer-other': 403, admin: 200 },
  ],
  'GET /api/users/:userId/audit': [
    async (f) => ({ url: `/api/users/${f.spareUserId}/audit` }),
    { anonymous: 401, 'editor-own': 403, 'editor-other': 403, reviewer: 403, 'reviewer-other': 403, admin: 200 },
  ],
  'GET /api/worklist': [async () => ({ url: '/api/worklist' }), { anonymous: 401, 'editor-own': 200, 'editor-other': 200, reviewer: 200, 'reviewer-other': 200, admin: 200 }],
  'GET /api/documents/:documentId/workflow': [
    async (f) => ({ url: `/api/documents/${f.draftA}/workflow` }),
    { anonymous: 401, 'editor-own': 200, 'editor-other': 403, reviewer: 200, 'reviewer-other': 403, admin: 200 },
  ],
  // Approving a draft: an editor may not approve (403), a reviewer in scope may but not a draft (409).
  'POST /api/documents/:documentId/transitions': [
    async (f, _n, revision) => json('POST', `/api/documents/${f.draftA}/transitions`, { action: 'approve', revision: await revision() }),
    { anonymous: 401, 'editor-own': 403, 'editor-other': 403, reviewer: 409, 'reviewer-other': 403, admin: 409 },
  ],
  'POST /api/documents/:documentId/comments': [
    async (f, n, revision) => json('POST', `/api/documents/${f.draftA}/comments`, { anchor: { kind: 'document' }, body: `意见 ${n}`, revision: await revision() }),
    { anonymous: 401, 'editor-own': 201, 'editor-other': 403, reviewer: 201, 'reviewer-other': 403, admin: 201 },
  ],
  'GET /api/documents/:documentId/audit': [
    async (f) => ({ url: `/api/documents/${f.draftA}/audit` }),
    { anonymous: 401, 'editor-own': 200, 'editor-other': 403, reviewer: 200, 'reviewer-other': 403, admin: 200 },
  ],
};

describe('authorization matrix', () => {
  let dir: string;
  let store: BudgetStore;
  let app: FastifyInstance;
  let fixture: Fixture;
  const callers = new Map<Who, SignedIn | undefined>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yusuan-matrix-'));
    store = await openStore({ sqlitePath: join(dir, 'm.sqlite'), parse: parseTestDocument, log: () => undefined });
    app = await buildServer({ store, webRoot: join(dir, 'no-web'), bcryptCost: 4 });
    // Published by the command line: department A's 2024 and department B's 2024.
    const pubA = await store.importDocument(testDocumentText(spec('部门甲', 2024)));
    const pubB = await store.importDocument(testDocumentText(spec('部门乙', 2024)));
    const a = pubA.document!.departmentId;
    const b = pubB.document!.departmentId;
    const editorOwn = await signInAs(app, store, 'editor', [a]);
    callers.set('anonymous', undefined);
    callers.set('editor-own', editorOwn);
    callers.set('editor-other', await signInAs(app, store, 'editor', [b]));
    callers.set('reviewer', await signInAs(app, store, 'reviewer', 'all'));
    callers.set('reviewer-other', await signInAs(app, store, 'reviewer', [b]));
    callers.set('admin', await signInAs(app, store, 'admin'));
    const draft = await injectAs(app, editorOwn)({ method: 'POST', url: '/api/documents', headers: { 'content-type': 'text/plain' }, payload: testDocumentText(spec('部门甲', 2025)) });
    expect(draft.statusCode).toBe(201);
    const spare = await createTestUser(store, 'reviewer', 'all');
    const authored = await injectAs(app, editorOwn)(json('POST', '/api/drafts', { from: 'empty', level: 'department', year: 2026, district: '上海市松江区', department: '部门甲' }));
    expect(authored.statusCode).toBe(201);
    const draftIdA = authored.json<{ id: number }>().id;
    const draftOf = async () => {
      const row = await store.db.selectFrom('drafts').select(['version', 'draft_json']).where('id', '=', draftIdA).executeTakeFirstOrThrow();
      return { version: Number(row.version), draft: typeof row.draft_json === 'string' ? JSON.parse(row.draft_json) : row.draft_json };
    };
    fixture = { draftA: draft.json<UploadResult>().document.documentId, publishedA: pubA.document!.documentId, departmentA: a, spareUserId: spare.userId, spareName: spare.name, draftIdA, draftOf };
  });
  afterAll(async () => {
    await app.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has one row of expectations for every route of the access table, and every route of the table is served', () => {
    expect(Object.keys(MATRIX).sort()).toEqual(ROUTE_TABLE.map((r) => routeKey(r.method, r.url)).sort());
    for (const r of ROUTE_TABLE) expect(app.hasRoute({ method: r.method, url: r.url }), `${r.method} ${r.url}`).toBe(true);
  });

  it('refuses to register an /api route that has no row in the access table', async () => {
    const other = await buildServer({ store, webRoot: join(dir, 'no-web'), bcryptCost: 4 });
    try {
      expect(() => other.get('/api/not-in-the-table', () => ({}))).toThrow(/no row in the access table/);
    } finally {
      await other.close();
    }
  });

  it('answers every route × caller with the expected status', async () => {
    const revision = async () => (await store.documentAccess(fixture.draftA))!.revision;
    const got: string[] = [];
    const want: string[] = [];
    let n = 0;
    // Logging out ends the caller's session: those rows go last.
    const keys = Object.keys(MATRIX).sort((x, y) => Number(x === 'POST /api/auth/logout') - Number(y === 'POST /api/auth/logout'));
    for (const key of keys) {
      const [call, expected] = MATRIX[key]!;
      for (const who of WHO) {
        const res = await injectAs(app, callers.get(who))(await call(fixture, n++, revision));
        got.push(`${key} as ${who} → ${res.statusCode}`);
        want.push(`${key} as ${who} → ${expected[who]}`);
        if (res.statusCode === 401 || res.statusCode === 403) {
          // Refusals say why, in Chinese.
          expect(res.json<{ message: string }>().message, `${key} as ${who}`).toMatch(/[\u4e00-\u9fff]/);
        }
      }
    }
    expect(got).toEqual(want);
  });

  it('lets anyone read published documents, and shows the public only published ones', async () => {
    const anon = injectAs(app, undefined);
    expect((await anon(`/api/documents/${fixture.publishedA}`)).statusCode).toBe(200);
    const years = (await anon('/api/departments')).json<{ name: string; years: { year: number }[] }[]>();
    expect(years.find((d) => d.name === '部门甲')?.years.map((y) => y.year)).toEqual([2024]);
    // The search hits the published document only (the drafts have the same project).
    const hits = (await anon('/api/search?q=政务云')).json<{ items: { documentId: number }[] }>();
    expect(hits.items.map((i) => i.documentId)).not.toContain(fixture.draftA);
    expect(hits.items.length).toBe(2);
    // The stable URL of the published year answers; the open data carries published years only.
    expect((await anon(`/api/departments/${fixture.departmentA}/years/2024/published.html`)).statusCode).toBe(200);
    const openData = (await anon('/api/budget-figures.csv')).body;
    expect(openData).toContain('部门甲');
    expect(openData).not.toMatch(/,2025,|,2026,/);
    // (The matrix's callers have logged out: a new editor of department A.)
    const own = injectAs(app, await signInAs(app, store, 'editor', [fixture.departmentA]));
    expect((await own('/api/search?q=政务云')).json<{ items: { documentId: number }[] }>().items.map((i) => i.documentId)).toContain(fixture.draftA);
  });
});
