/**
 * Draft routes (issue 12): start a draft (from a stored document, as this year or as next year's;
 * from an uploaded disclosure's text; empty), read it, save it as a new version on top of a base
 * version (409 when stale), list and read versions, submit (422 while error findings exist).
 *
 * Who may do what (see src/server/access/routes.ts): the drafts of a department are read by those
 * whose scope includes it (its editors, reviewers, admins) and written by its editors and admins;
 * a draft of a department nothing has been stored for yet, by admins. Submitting stores the
 * derived disclosure as a document in the `submitted` state, so the review workflow (return with
 * comments / approve / publish) runs on it; a returned (or published) submission reopens the draft
 * on the next save. Every create, save, submit and reopen is in the audit trail.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { BudgetDraft } from '#authoring/draft.ts';
import { LINE_FIELDS, REASON_KEYS } from '#authoring/draft.ts';
import { draftFromDisclosure, emptyDraft, nextYearDraft } from '#authoring/from-disclosure.ts';
import { deriveBudgetDisclosure } from '#authoring/derive.ts';
import { recompute } from '#authoring/live.ts';
import { canUploadFor, inScope, type Principal } from '#domain/access.ts';
import type { BudgetDisclosure } from '#domain/index.ts';
import { parseDocument } from '#ingest/detect.ts';
import { DraftStore, type DraftAuditContext, type DraftDetail, type SaveOutcome, type SubmitOutcome } from '#store/drafts.ts';
import type { BudgetStore } from '#store/store.ts';
import { publishedFileStem, renderPublishedHtml } from '#render/publish/index.ts';
import { renderXlsx } from '#render/publish/xlsx.ts';
import type { Access } from './access/install.ts';
import { ApiHttpError, notFound } from './errors.ts';
import { attachment, publishQuery, XLSX_MEDIA_TYPE } from './publish-routes.ts';

const MAX_TEXT = 200_000;
/** A draft with long project texts, or a disclosure's text to start from, exceeds Fastify's default 1 MB. */
const BODY_LIMIT = 8 * 1024 * 1024;
const fen = z.number().int().min(-9_000_000_000_000_00).max(9_000_000_000_000_00);
const text = (max: number) => z.string().max(max);
const code = z.string().regex(/^\d{3}(?: \d{2}){0,2}$/, '科目编码格式应为“208 05 05”');

export const draftSchema = z.object({
  level: z.enum(['department', 'unit']),
  year: z.number().int().min(1990).max(2100),
  district: text(100),
  department: text(200),
  lines: z
    .array(
      z.object({
        code,
        names: z.array(text(100)).max(3),
        amounts: z.partialRecord(z.enum(LINE_FIELDS as [string, ...string[]]), fen),
        purpose: text(2000).optional(),
        prior: fen.optional(),
      }),
    )
    .max(2000),
  economic: z.array(z.object({ code, names: z.array(text(100)).max(2), personnel: fen, public: fen, prior: fen.optional() })).max(500),
  classPublic: z.record(z.string().regex(/^\d{3}$/), fen),
  threePublic: z.object({ abroad: fen, reception: fen, vehiclePurchase: fen, vehicleOperation: fen, operatingCosts: fen }),
  procurement: z.object({ goods: fen, works: fen, services: fen, smeReserved: fen.optional() }).optional(),
  projects: z
    .array(
      z.object({
        name: text(300),
        amount: fen,
        parts: z.record(z.string().max(40), text(20_000)),
        indicators: z.array(z.object({ level1: text(50), level2: text(50), level3: text(300), target: text(200) })).max(200),
      }),
    )
    .max(500),
  performanceSummary: z.object({ projects: z.number().int().min(0), amount: fen }).optional(),
  prior: z
    .object({
      year: z.number().int(),
      revenueTotal: fen,
      expenditureTotal: fen,
      fiscal: fen,
      general: fen,
      fund: fen,
      stateCapital: fen,
      threePublic: z.object({ abroad: fen, reception: fen, vehiclePurchase: fen, vehicleOperation: fen, operatingCosts: fen }).optional(),
    })
    .optional(),
  reasons: z.partialRecord(z.enum(REASON_KEYS as [string, ...string[]]), text(4000)),
  sections: z.object({
    duties: text(MAX_TEXT).optional(),
    institutions: text(MAX_TEXT).optional(),
    institutionCounts: z.array(z.object({ type: text(50), count: z.number().int().min(0) })).optional(),
    glossary: text(MAX_TEXT).optional(),
    assets: text(MAX_TEXT).optional(),
  }),
});

export const draftParams = z.object({ draftId: z.coerce.number().int().min(1).max(2_147_483_647).describe('草稿编号') });
export const draftVersionParams = draftParams.extend({ version: z.coerce.number().int().min(1).max(2_147_483_647).describe('版本号') });

export const createDraftBody = z.discriminatedUnion('from', [
  z.object({ from: z.literal('document'), documentId: z.number().int().min(1), mode: z.enum(['next-year', 'same-year']).default('next-year') }),
  z.object({ from: z.literal('text'), text: z.string().min(1).max(5_000_000) }),
  z.object({ from: z.literal('empty'), level: z.enum(['department', 'unit']), year: z.number().int().min(1990).max(2100), district: text(100), department: z.string().min(1).max(200) }),
]);

export const saveDraftBody = z.object({ baseVersion: z.number().int().min(1).optional(), draft: draftSchema, note: text(500).optional() });
export const submitDraftBody = z.object({ baseVersion: z.number().int().min(1).optional() });

const body = <S extends z.ZodType>(schema: S, value: unknown): z.output<S> => {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new ApiHttpError(400, 'invalid-body', `请求内容有误：${issue ? `${issue.path.join('.')} ${issue.message}` : ''}`, { issues: r.error.issues.slice(0, 10) });
  }
  return r.data;
};

const params = <S extends z.ZodType>(schema: S, value: unknown): z.output<S> => {
  const r = schema.safeParse(value);
  if (!r.success) throw new ApiHttpError(400, 'invalid-parameter', '路径参数有误：草稿编号和版本号应为正整数。');
  return r.data;
};

/** The base version: `baseVersion` in the body, or an `If-Match: "N"` header. */
const baseVersionOf = (given: number | undefined, ifMatch: string | string[] | undefined): number => {
  if (given !== undefined) return given;
  const h = Array.isArray(ifMatch) ? ifMatch[0] : ifMatch;
  const m = h ? /^(?:W\/)?"?(\d+)"?$/.exec(h.trim()) : null;
  if (!m) throw new ApiHttpError(428, 'base-version-required', '保存需要说明基于哪个版本（请求体 baseVersion 或 If-Match 头）。');
  return Number(m[1]);
};

const failure = (o: Exclude<SaveOutcome | SubmitOutcome, { ok: true }>, id: number): ApiHttpError => {
  switch (o.reason) {
    case 'not-found':
      return notFound(`没有编号为 ${id} 的草稿。`);
    case 'conflict':
      return new ApiHttpError(409, 'version-conflict', `草稿已被他人保存为第 ${o.currentVersion} 版，请重新载入后再修改。`, { currentVersion: o.currentVersion });
    case 'not-editable':
      return new ApiHttpError(409, 'not-editable', `草稿状态为“${o.status === 'submitted' ? '已提交' : o.status}”，不能再修改。`, { status: o.status });
    case 'has-errors':
      return new ApiHttpError(422, 'draft-has-errors', `草稿还有 ${o.errorCount} 个错误，改正后才能提交。`, { errorCount: o.errorCount });
  }
};

/** A draft of a registered department: within scope; of a new one: admins and all-department reviewers. */
const mayReadDraft = (p: Principal | undefined, departmentId: number | null): boolean =>
  departmentId === null ? p !== undefined && (p.role === 'admin' || p.departments === 'all') : inScope(p, departmentId);

/** Review states in which the submission is back with the department (the draft may change again). */
const REOPENING_STATES: ReadonlySet<string> = new Set(['returned', 'published']);

export const registerDraftRoutes = (app: FastifyInstance, store: BudgetStore, access: Access): void => {
  const drafts = new DraftStore(store.db);
  const auditOf = (req: FastifyRequest, departmentId: number | null): DraftAuditContext => ({ actor: access.actor(req), departmentId });
  const refuseWrite = (req: FastifyRequest) => access.deny(req, '只有本部门的编辑（或管理员）可以编制和修改这个部门的草稿。');

  /** The draft and its department when the caller may read it; 404, or 401/403 with the reason. */
  const readable = async (req: FastifyRequest, id: number): Promise<{ draft: DraftDetail; departmentId: number | null }> => {
    const draft = await drafts.get(id);
    if (!draft) throw notFound(`没有编号为 ${id} 的草稿。`);
    const departmentId = await drafts.departmentIdOf(draft);
    if (!mayReadDraft(req.principal, departmentId)) throw access.deny(req, `草稿 ${id} 属于其他部门，只有该部门的编辑和审核人员可以查看。`);
    return { draft, departmentId };
  };
  const writable = async (req: FastifyRequest, id: number): Promise<{ draft: DraftDetail; departmentId: number | null }> => {
    const r = await readable(req, id);
    if (!canUploadFor(req.principal, r.departmentId ?? undefined)) throw refuseWrite(req);
    return r;
  };
  /** The submission's review state, for the editor (and to decide whether the draft may change). */
  const withReview = async <D extends { readonly documentId?: number }>(d: D): Promise<D & { readonly review?: { readonly documentId: number; readonly status: string } }> => {
    if (d.documentId === undefined) return d;
    const st = await store.documentAccess(d.documentId);
    return st === undefined ? d : { ...d, review: { documentId: d.documentId, status: st.status } };
  };


  /** Store the draft's derived disclosure as a submitted document; answers its id. */
  const submitForReview = async (req: FastifyRequest, d: DraftDetail): Promise<number> => {
    const derived = deriveBudgetDisclosure(d.draft);
    const outcome = await store.importDocument(derived.text, {
      sourceName: `草稿${d.id}-第${d.version}版.txt`,
      status: 'submitted',
      actor: access.actor(req),
      authorize: (departmentId) => {
        if (!canUploadFor(req.principal, departmentId)) throw refuseWrite(req);
      },
    });
    if (outcome.document === undefined) throw new ApiHttpError(422, 'draft-not-readable', '草稿生成的文件无法读回，未能提交审核；请联系管理员。', { diagnostics: outcome.diagnostics });
    const documentId = outcome.document.documentId;
    if (!outcome.created) {
      // The same text was submitted before (resubmitting unchanged after a return): submit it again.
      const st = await store.documentAccess(documentId);
      const p = req.principal;
      if (st !== undefined && p !== undefined && st.status === 'returned') {
        const r = await access.review.transition(documentId, 'submit', p.role, st.revision, access.actor(req));
        if (!r.ok) throw new ApiHttpError(409, 'workflow-conflict', '提交审核未成功：文件的审核状态已被他人改变，请刷新后再试。');
      }
    }
    return documentId;
  };

  app.get('/api/drafts', async (req) => {
    const all = await drafts.listWithDepartments();
    return all.filter((d) => mayReadDraft(req.principal, d.departmentId)).map((d) => d.draft);
  });

  app.post('/api/drafts', { bodyLimit: BODY_LIMIT }, async (req, reply) => {
    const b = body(createDraftBody, req.body);
    let draft: BudgetDraft;
    let baseDocumentId: number | undefined;
    let note: string;
    if (b.from === 'document') {
      await access.requireReadable(req, b.documentId);
      const detail = await store.getDocument(b.documentId, access.visibility(req));
      if (!detail) throw notFound(`没有编号为 ${b.documentId} 的文件。`);
      if (detail.kind !== 'budget-disclosure') throw new ApiHttpError(422, 'not-a-budget', '只能从部门（单位）预算公开文件开始草稿。');
      const doc = detail.model as BudgetDisclosure;
      const priorId = detail.otherYears.find((o) => o.year === (doc.header.year ?? 0) - 1)?.documentId;
      const prior = priorId !== undefined ? await store.getDocument(priorId, access.visibility(req)) : undefined;
      const here = draftFromDisclosure(doc, prior?.kind === 'budget-disclosure' ? { prior: prior.model as BudgetDisclosure } : {});
      draft = b.mode === 'next-year' ? nextYearDraft(here) : here;
      baseDocumentId = b.documentId;
      note = b.mode === 'next-year' ? `由${doc.header.year ?? ''}年文件开始` : `由${doc.header.year ?? ''}年文件导入`;
    } else if (b.from === 'text') {
      const parsed = parseDocument(b.text);
      if (parsed.kind !== 'budget-disclosure') throw new ApiHttpError(422, 'not-a-budget', '上传内容不是可识别的部门（单位）预算公开文件。');
      draft = draftFromDisclosure(parsed.document);
      note = '由上传文件导入';
    } else {
      draft = emptyDraft(b);
      note = '空白模板';
    }
    const departmentId = await drafts.departmentIdOf(draft);
    if (!canUploadFor(req.principal, departmentId ?? undefined)) throw refuseWrite(req);
    const created = await drafts.create(draft, { ...(baseDocumentId !== undefined ? { baseDocumentId } : {}), note, audit: auditOf(req, departmentId) });
    return reply.code(201).header('etag', `"${created.version}"`).send(created);
  });

  app.get('/api/drafts/:draftId', async (req, reply) => {
    const { draftId } = params(draftParams, req.params);
    const { draft: d } = await readable(req, draftId);
    return reply.header('etag', `"${d.version}"`).send(await withReview(d));
  });

  app.put('/api/drafts/:draftId', { bodyLimit: BODY_LIMIT }, async (req, reply) => {
    const { draftId } = params(draftParams, req.params);
    const b = body(saveDraftBody, req.body);
    const base = baseVersionOf(b.baseVersion, req.headers['if-match']);
    const { draft: current, departmentId } = await writable(req, draftId);
    // zod has checked the shape and that every amount is a whole number of 分.
    const next = b.draft as unknown as BudgetDraft;
    const nextDepartmentId = await drafts.departmentIdOf(next);
    if (nextDepartmentId !== departmentId && !canUploadFor(req.principal, nextDepartmentId ?? undefined)) throw refuseWrite(req);
    if (current.status === 'submitted') {
      // Back with the department (returned, or published and now being corrected): editable again.
      const review = (await withReview(current)).review;
      if (review !== undefined && REOPENING_STATES.has(review.status)) await drafts.reopen(draftId, auditOf(req, departmentId), `审核状态：${review.status}`);
    }
    const o = await drafts.save(draftId, next, base, b.note, auditOf(req, nextDepartmentId));
    if (!o.ok) throw failure(o, draftId);
    return reply.header('etag', `"${o.detail.version}"`).send(await withReview(o.detail));
  });

  app.get('/api/drafts/:draftId/versions', async (req) => {
    const { draftId } = params(draftParams, req.params);
    await readable(req, draftId);
    const v = await drafts.versions(draftId);
    if (!v) throw notFound(`没有编号为 ${draftId} 的草稿。`);
    return v;
  });

  app.get('/api/drafts/:draftId/versions/:version', async (req) => {
    const { draftId, version } = params(draftVersionParams, req.params);
    await readable(req, draftId);
    const d = await drafts.version(draftId, version);
    if (!d) throw notFound(`草稿 ${draftId} 没有第 ${version} 版。`);
    return { version, draft: d };
  });

  // The draft as the official document would print it (the same renderers as a stored document).
  app.get('/api/drafts/:draftId/export.html', async (req, reply) => {
    const { draftId } = params(draftParams, req.params);
    const q = publishQuery.safeParse(req.query);
    if (!q.success) throw new ApiHttpError(400, 'invalid-parameter', '查询参数有误：findings 和 download 只能为 0 或 1。');
    const { draft } = await readable(req, draftId);
    const doc = deriveBudgetDisclosure(draft.draft).document;
    const html = renderPublishedHtml(doc, q.data.findings === '1' ? { findings: recompute(draft.draft).findings } : {});
    reply.header('content-type', 'text/html; charset=utf-8');
    if (q.data.download === '1') reply.header('content-disposition', attachment(`${publishedFileStem(doc)}-草稿第${draft.version}版`, 'html'));
    return reply.send(html);
  });
  app.get('/api/drafts/:draftId/export.xlsx', async (req, reply) => {
    const { draftId } = params(draftParams, req.params);
    const { draft } = await readable(req, draftId);
    const doc = deriveBudgetDisclosure(draft.draft).document;
    return reply.header('content-type', XLSX_MEDIA_TYPE).header('content-disposition', attachment(`${publishedFileStem(doc)}-草稿第${draft.version}版`, 'xlsx')).send(await renderXlsx(doc));
  });

  app.post('/api/drafts/:draftId/submit', async (req, reply) => {
    const { draftId } = params(draftParams, req.params);
    const b = body(submitDraftBody, req.body ?? {});
    const base = baseVersionOf(b.baseVersion, req.headers['if-match']);
    const { departmentId } = await writable(req, draftId);
    const audit = auditOf(req, departmentId);
    const o = await drafts.submit(draftId, base, audit);
    if (!o.ok) throw failure(o, draftId);
    // The derived disclosure goes to review as a document of its department (a new version of the
    // department-year when one is stored); should that fail, the draft is editable again.
    let documentId: number;
    try {
      documentId = await submitForReview(req, o.detail);
    } catch (e) {
      await drafts.reopen(draftId, audit, '提交未能存储');
      throw e;
    }
    await drafts.linkDocument(draftId, documentId);
    const detail = await withReview({ ...o.detail, documentId });
    return reply.header('etag', `"${detail.version}"`).send(detail);
  });
};
