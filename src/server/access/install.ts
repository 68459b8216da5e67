/**
 * Accounts, sessions, authorization, CSRF and the review routes, installed on the server before
 * its API routes:
 *
 * - every request: the session cookie (HTTP-only, SameSite=Strict) → the principal, or nobody;
 * - every /api route is registered with its row of the access table (routes.ts) — a route
 *   without one refuses to register — and its permission is checked before the handler: 401
 *   (not signed in) / 403 (role) with a Chinese message;
 * - every state-changing request except login carries the session's CSRF token in `x-csrf-token`;
 *   login itself accepts only JSON (a cross-site form cannot send it without a preflight) and the
 *   server's same-origin check (app.ts) applies to it as to every write;
 * - login failures are rate-limited per user name and per client address (429).
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { canReadDocument, draftVisibility, inScope } from '#domain/access.ts';
import type { Principal } from '#domain/access.ts';
import { ROLES, WORKFLOW_ACTIONS } from '#domain/workflow.ts';
import type { CommentAnchor } from '#domain/workflow.ts';
import { AccountError, AccountStore, principalOf, SESSION_LIFETIME_MS } from '#store/accounts.ts';
import type { UserView } from '#store/accounts.ts';
import { listAudit } from '#store/audit.ts';
import type { AuditActor } from '#store/audit.ts';
import { ReviewStore } from '#store/review.ts';
import type { ReviewOutcome } from '#store/review.ts';
import type { BudgetStore, Visibility } from '#store/store.ts';
import { ApiHttpError, notFound, validationError } from '../errors.ts';
import { LoginThrottle } from './throttle.ts';
import { ruleFor } from './routes.ts';
import type { RouteRule } from './routes.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | undefined;
    sessionInfo: { readonly token: string; readonly csrfToken: string } | undefined;
  }
  interface FastifyContextConfig {
    access?: RouteRule;
  }
}

export const SESSION_COOKIE = 'yusuan_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface AccessOptions {
  readonly store: BudgetStore;
  /** bcrypt cost for passwords set through the API (default: 12, or YUSUAN_BCRYPT_COST). */
  readonly bcryptCost?: number;
  readonly loginThrottle?: LoginThrottle;
  /** Mark the session cookie Secure (default: when the request came over HTTPS). */
  readonly secureCookies?: boolean;
}

export interface Access {
  readonly accounts: AccountStore;
  readonly review: ReviewStore;
  /** Whose unpublished documents the request may see. */
  visibility(req: FastifyRequest): Visibility;
  /** 401 (nobody signed in) or 403 (signed in, not allowed), with the reason in Chinese. */
  deny(req: FastifyRequest, message: string): ApiHttpError;
  /** The document's department and state, when the request may read it; else 404/401/403. */
  requireReadable(req: FastifyRequest, documentId: number): Promise<{ departmentId: number }>;
  actor(req: FastifyRequest): AuditActor;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const readCookie = (header: string | undefined, name: string): string | undefined => {
  if (header === undefined) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
};

const sameToken = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const parseBody = <S extends z.ZodType>(schema: S, value: unknown): z.output<S> => {
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw validationError('body', r.error);
  return r.data;
};

const userParams = z.object({ userId: z.coerce.number().int().min(1).max(2_147_483_647) });
const documentParams = z.object({ documentId: z.coerce.number().int().min(1).max(2_147_483_647) });
const scopeSchema = z.union([z.literal('all'), z.array(z.number().int().min(1)).max(1000)]);
const roleSchema = z.enum(ROLES);
const text = (max: number) => z.string().max(max).refine((s) => !s.includes('\u0000'), { message: '不能含有 NUL 字符' });

const loginBody = z.object({ name: text(200), password: z.string().max(1024) });
const newUserBody = z.object({ name: text(64), displayName: text(100).optional(), role: roleSchema, departments: scopeSchema.default([]), password: z.string().max(1024) });
const userChangeBody = z.object({
  displayName: text(100).optional(),
  role: roleSchema.optional(),
  departments: scopeSchema.optional(),
  disabled: z.boolean().optional(),
  password: z.string().max(1024).optional(),
});
const anchorSchema = z.union([
  z.object({ kind: z.literal('cell'), table: z.number().int().min(1).max(99), row: text(200), column: text(200) }),
  z.object({ kind: z.literal('line'), line: z.number().int().min(1).max(10_000_000), quote: text(500).optional() }),
  z.object({ kind: z.literal('finding'), rule: text(100), index: z.number().int().min(0).max(1_000_000) }),
  z.object({ kind: z.literal('document') }),
]);
const transitionBody = z.object({ action: z.enum(WORKFLOW_ACTIONS), revision: z.number().int().min(0) });
const commentBody = z.object({ anchor: anchorSchema, body: text(5000).refine((s) => s.trim() !== '', { message: '意见不能为空' }), revision: z.number().int().min(0) });

export const installAccess = (app: FastifyInstance, options: AccessOptions): Access => {
  const { store } = options;
  const accounts = new AccountStore(store.db, options.bcryptCost !== undefined ? { bcryptCost: options.bcryptCost } : {});
  const review = new ReviewStore(store.db);
  const throttle = options.loginThrottle ?? new LoginThrottle();

  app.decorateRequest('principal', undefined);
  app.decorateRequest('sessionInfo', undefined);

  // Every /api route has its row; the row travels with the route as its config.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api')) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) {
      const rule = ruleFor(m, route.url);
      if (rule === undefined) throw new Error(`route ${m} ${route.url} has no row in the access table (src/server/access/routes.ts)`);
      route.config = { ...(route.config ?? {}), access: rule };
    }
  });

  const deny = (req: FastifyRequest, message: string): ApiHttpError =>
    req.principal === undefined ? new ApiHttpError(401, 'unauthenticated', `请先登录。${message}`) : new ApiHttpError(403, 'forbidden', message);

  app.addHook('onRequest', async (req) => {
    const token = readCookie(req.headers.cookie, SESSION_COOKIE);
    if (token !== undefined && token !== '') {
      const session = await accounts.findSession(token);
      if (session !== undefined) {
        req.principal = principalOf(session.user);
        req.sessionInfo = { token: session.token, csrfToken: session.csrfToken };
      }
    }
    const rule = req.routeOptions.config.access;
    if (rule === undefined) return;
    const p = req.principal;
    switch (rule.permission) {
      case 'public':
      case 'login':
        break;
      case 'signed-in':
      case 'review':
        if (p === undefined) throw deny(req, '这项操作需要账号。');
        break;
      case 'upload':
        if (p === undefined || (p.role !== 'editor' && p.role !== 'admin')) throw deny(req, '只有部门编辑或管理员可以上传文件。');
        break;
      case 'admin':
        if (p?.role !== 'admin') throw deny(req, '只有管理员可以管理用户和查看用户的操作记录。');
        break;
    }
    if (STATE_CHANGING.has(req.method)) {
      if (rule.permission === 'login') {
        // JSON only: a form on another site cannot post JSON without a CORS preflight.
        if (!(req.headers['content-type'] ?? '').toLowerCase().startsWith('application/json')) {
          throw new ApiHttpError(415, 'unsupported-media-type', '登录请求须为 JSON（application/json）。');
        }
        return;
      }
      const sent = req.headers[CSRF_HEADER];
      if (req.sessionInfo === undefined || typeof sent !== 'string' || !sameToken(sent, req.sessionInfo.csrfToken)) {
        throw new ApiHttpError(403, 'csrf', '缺少或错误的防伪令牌（CSRF）：请刷新页面后重试。');
      }
    }
  });

  const visibility = (req: FastifyRequest): Visibility => draftVisibility(req.principal);
  const actor = (req: FastifyRequest): AuditActor => (req.principal === undefined ? { id: null, name: '匿名' } : { id: req.principal.userId, name: req.principal.name });

  const requireReadable = async (req: FastifyRequest, documentId: number): Promise<{ departmentId: number }> => {
    const doc = await store.documentAccess(documentId);
    if (doc === undefined) throw notFound(`没有编号为 ${documentId} 的文件。`);
    if (!canReadDocument(req.principal, doc)) throw deny(req, `文件 ${documentId} 尚未发布，只有本部门编辑和审核人员可以查看。`);
    return { departmentId: doc.departmentId };
  };

  /** For workflow routes: the document in scope (not merely published). */
  const requireInScope = async (req: FastifyRequest, documentId: number): Promise<void> => {
    const doc = await store.documentAccess(documentId);
    if (doc === undefined) throw notFound(`没有编号为 ${documentId} 的文件。`);
    if (!inScope(req.principal, doc.departmentId)) throw deny(req, '这份文件不属于您负责的部门。');
  };

  const setSessionCookie = (req: FastifyRequest, reply: FastifyReply, value: string, maxAgeSeconds: number): void => {
    // Behind a TLS-terminating proxy the request looks like plain HTTP: YUSUAN_SECURE_COOKIES=1 marks the cookie Secure anyway.
    const secure = options.secureCookies ?? (process.env['YUSUAN_SECURE_COOKIES'] === '1' || req.protocol === 'https');
    reply.header(
      'set-cookie',
      `${SESSION_COOKIE}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure ? '; Secure' : ''}`,
    );
  };

  const accountError = (e: unknown): never => {
    if (e instanceof AccountError) {
      const status = e.code === 'not-found' ? 404 : e.code === 'name-taken' ? 409 : 400;
      throw new ApiHttpError(status, e.code, e.message);
    }
    throw e;
  };

  const publicUser = (u: UserView) => u;

  // ---------------------------------------------------------------------------------------------
  // Sessions

  app.post('/api/auth/login', async (req, reply) => {
    const { name, password } = parseBody(loginBody, req.body);
    const keys = [`name:${name}`, `ip:${req.ip}`];
    const wait = throttle.blockedFor(keys);
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60_000);
      throw new ApiHttpError(429, 'too-many-attempts', `登录失败次数过多，请 ${minutes} 分钟后再试。`, { retryAfterSeconds: Math.ceil(wait / 1000) });
    }
    const user = await accounts.verifyPassword(name, password);
    if (user === undefined) {
      throttle.fail(keys);
      throw new ApiHttpError(401, 'bad-credentials', '用户名或密码不正确。');
    }
    throttle.succeed([`name:${name}`]);
    // A session id the client brought (perhaps planted) is ended, never adopted.
    if (req.sessionInfo !== undefined) await accounts.deleteSession(req.sessionInfo.token);
    const session = await accounts.createSession(user.userId);
    setSessionCookie(req, reply, session.token, Math.floor(SESSION_LIFETIME_MS / 1000));
    return { user: publicUser(user), csrfToken: session.csrfToken };
  });

  app.post('/api/auth/logout', async (req, reply) => {
    if (req.sessionInfo !== undefined) await accounts.deleteSession(req.sessionInfo.token);
    setSessionCookie(req, reply, '', 0);
    return { ok: true };
  });

  app.get('/api/auth/me', async (req) => {
    if (req.principal === undefined || req.sessionInfo === undefined) return { user: null };
    const user = await accounts.getUser(req.principal.userId);
    return { user: user === undefined ? null : publicUser(user), csrfToken: req.sessionInfo.csrfToken };
  });

  // ---------------------------------------------------------------------------------------------
  // Users (admin)

  app.get('/api/users', async () => (await accounts.listUsers()).map(publicUser));

  app.post('/api/users', async (req, reply) => {
    const body = parseBody(newUserBody, req.body);
    const user = await accounts
      .createUser({ name: body.name, role: body.role, departments: body.departments, password: body.password, ...(body.displayName !== undefined ? { displayName: body.displayName } : {}) }, actor(req))
      .catch(accountError);
    return reply.code(201).send(publicUser(user));
  });

  app.patch('/api/users/:userId', async (req) => {
    const { userId } = userParams.parse(req.params);
    const body = parseBody(userChangeBody, req.body);
    const change = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
    return publicUser(await accounts.updateUser(userId, change, actor(req)).catch(accountError));
  });

  app.get('/api/users/:userId/audit', async (req) => {
    const { userId } = userParams.parse(req.params);
    if ((await accounts.getUser(userId)) === undefined) throw notFound(`没有编号为 ${userId} 的用户。`);
    const [byUser, aboutUser] = await Promise.all([listAudit(store.db, { actorId: userId }), listAudit(store.db, { userId })]);
    const seen = new Set<number>();
    return [...byUser, ...aboutUser].filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true))).sort((a, b) => a.id - b.id);
  });

  // ---------------------------------------------------------------------------------------------
  // Workflow

  app.get('/api/worklist', async (req) => review.worklist(visibility(req)));

  app.get('/api/documents/:documentId/workflow', async (req) => {
    const { documentId } = documentParams.parse(req.params);
    await requireInScope(req, documentId);
    const state = await review.state(documentId);
    if (state === undefined) throw notFound(`没有编号为 ${documentId} 的文件。`);
    return state;
  });

  const answer = (outcome: ReviewOutcome, documentId: number) => {
    if (outcome.ok) return outcome.state;
    if (outcome.kind === 'not-found') throw notFound(`没有编号为 ${documentId} 的文件。`);
    if (outcome.kind === 'refused') throw new ApiHttpError(outcome.reason === 'role' ? 403 : 409, outcome.reason === 'role' ? 'forbidden' : 'workflow-conflict', outcome.message);
    throw new ApiHttpError(409, 'stale-revision', '这份文件在您打开之后已被他人修改：请查看对方的修改，刷新后再操作。您的内容未保存，也未覆盖对方的修改。', {
      state: outcome.state,
      changes: outcome.changes,
    });
  };

  app.post('/api/documents/:documentId/transitions', async (req) => {
    const { documentId } = documentParams.parse(req.params);
    const { action, revision } = parseBody(transitionBody, req.body);
    await requireInScope(req, documentId);
    const p = req.principal;
    if (p === undefined) throw deny(req, '');
    return answer(await review.transition(documentId, action, p.role, revision, actor(req)), documentId);
  });

  app.post('/api/documents/:documentId/comments', async (req, reply) => {
    const { documentId } = documentParams.parse(req.params);
    const { anchor: given, body, revision } = parseBody(commentBody, req.body);
    const anchor: CommentAnchor = given.kind === 'line' ? { kind: 'line', line: given.line, ...(given.quote !== undefined ? { quote: given.quote } : {}) } : given;
    await requireInScope(req, documentId);
    const state = answer(await review.addComment(documentId, anchor, body, revision, actor(req)), documentId);
    return reply.code(201).send(state);
  });

  app.get('/api/documents/:documentId/audit', async (req) => {
    const { documentId } = documentParams.parse(req.params);
    await requireInScope(req, documentId);
    return listAudit(store.db, { documentId });
  });

  return { accounts, review, visibility, deny, requireReadable, actor };
};
