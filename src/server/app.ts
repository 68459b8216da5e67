/**
 * The HTTP server: the JSON API under /api (routes listed in api-contract.ts, documented at
 * /api/openapi.json) and the built web app from dist/web with SPA fallback.
 *
 * `buildServer` returns the Fastify instance without listening, so tests drive it with
 * `app.inject` and the CLI calls `listen`.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import type { z } from 'zod';
import { RULE_CATALOGUE } from '#checks/index.ts';
import { decodeDocumentText, DocumentDecodeError } from '#ingest/decode.ts';
import { isPdf } from '#ingest/pdf/index.ts';
import { DocumentReaderPool } from '#ingest/pdf/worker.ts';
import { exportView } from '#render/export-view.ts';
import { renderCsv } from '#render/csv.ts';
import type { LineOrigin } from '#ingest/pdf/index.ts';
import { StaleVersionError } from '#store/store.ts';
import type { BudgetStore, DocumentSourceFile } from '#store/store.ts';
import { canUploadFor } from '#domain/access.ts';
import { installAccess } from './access/install.ts';
import type { LoginThrottle } from './access/throttle.ts';
import { DocumentBudgetError } from '#store/worker-pool.ts';
import type { DocumentDetail, UploadResult } from './api-contract.ts';
import { compareDocuments } from './compare.ts';
import { registerDraftRoutes } from './drafts-routes.ts';
import { ApiHttpError, notFound, validationError } from './errors.ts';
import { buildOpenApiDocument } from './openapi.ts';
import { registerPublishRoutes } from './publish-routes.ts';
import {
  compareQuery,
  departmentYearParams,
  departmentYearQuery,
  documentParams,
  exportCsvQuery,
  searchQuery,
  uploadQuery,
} from './schemas.ts';

export const DEFAULT_UPLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

/** dist/web beside the package root, where `npm run build:web` puts the web app. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../dist/web', import.meta.url));

export interface ServerOptions {
  readonly store: BudgetStore;
  /** Largest accepted upload, in bytes (default 5 MB). */
  readonly uploadLimitBytes?: number;
  /** The built web app (default dist/web); when it has no index.html, `/` says how to build it. */
  readonly webRoot?: string;
  /** Log requests' failures (default: on, except under a test runner). */
  readonly logger?: boolean;
  /** Whole-request deadline in ms, body included (default 60 s): a stalled upload is cut off. */
  readonly requestTimeoutMs?: number;
  /** bcrypt cost for passwords set through the API (tests pass a small one). */
  readonly bcryptCost?: number;
  /** Where the log goes (default stdout); tests read it. */
  readonly logStream?: { write(line: string): void };
  /** Login rate limit (default: 5 failures per name, 20 per address, per 15 minutes). */
  readonly loginThrottle?: LoginThrottle;
}

/** Under vitest (or NODE_ENV=test) the server is quiet unless a test asks for the log. */
const underTest = (): boolean => process.env['VITEST'] !== undefined || process.env['NODE_ENV'] === 'test';

export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

/**
 * The Content-Security-Policy: the built web app is same-origin scripts and styles; React and
 * ECharts set inline styles (ECharts' tooltips are HTML with style attributes), ECharts may draw
 * images from data:/blob: URLs; nothing may frame the app.
 */
const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    // pdf.js renders a document's source page with its worker (a same-origin module script).
    workerSrc: ["'self'", 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A browser sends Origin (and Sec-Fetch-Site) with every cross-site POST, and a form or a fetch
 * with `text/plain` needs no preflight: without this check any web page could upload into a local
 * instance. Same-origin requests and non-browser clients (no Origin) pass.
 */
const isCrossSiteWrite = (req: FastifyRequest): boolean => {
  if (!STATE_CHANGING.has(req.method)) return false;
  if (req.headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  if (origin === 'null') return true;
  try {
    const from = new URL(origin);
    // Compare as URLs, so that an explicit default port (`host: localhost:80`) matches.
    return from.host !== new URL(`${from.protocol}//${req.headers.host ?? ''}`).host;
  } catch {
    return true;
  }
};

/** File names for the record: no control characters, at most 255 characters. */
const cleanSourceName = (name: string): string => {
  let out = '';
  for (const ch of name) {
    const c = ch.charCodeAt(0);
    if (c >= 0x20 && c !== 0x7f) out += ch;
  }
  return out.slice(0, 255);
};

const parse = <S extends z.ZodType>(schema: S, value: unknown, where: 'path' | 'query'): z.output<S> => {
  const r = schema.safeParse(value);
  if (!r.success) throw validationError(where, r.error);
  return r.data;
};

const megabytes = (bytes: number): string => {
  const tenths = Math.round((bytes * 10) / (1024 * 1024));
  return `${Math.floor(tenths / 10)}${tenths % 10 === 0 ? '' : `.${tenths % 10}`}`;
};

const NOT_TEXT_MESSAGE = '请上传文本文件（.txt，UTF-8、UTF-16 或 GB18030/GBK 编码）；PDF 可先用 pdftotext -layout 转换为文本。';

/** Upload bytes → text by the decoder the CLI uses too; PDF, binary and undecodable bytes are refused (415). */
export const decodeUpload = (bytes: Buffer): string => {
  try {
    return decodeDocumentText(bytes).text;
  } catch (e) {
    if (e instanceof DocumentDecodeError) throw new ApiHttpError(415, 'unsupported-media-type', e.message);
    throw e;
  }
};

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>yusuan 预算</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto; line-height: 1.6">
<h1>yusuan 预算</h1>
<p>网页应用尚未构建。请在项目目录运行 <code>npm run build:web</code>，然后刷新本页。</p>
<p>接口已可使用：<a href="/api/openapi.json">/api/openapi.json</a>、<a href="/api/departments">/api/departments</a>。</p>
</body></html>
`;

export const buildServer = async (options: ServerOptions): Promise<FastifyInstance> => {
  const { store } = options;
  const uploadLimit = options.uploadLimitBytes ?? DEFAULT_UPLOAD_LIMIT_BYTES;
  const webRoot = resolve(options.webRoot ?? DEFAULT_WEB_ROOT);
  const webBuilt = existsSync(resolve(webRoot, 'index.html'));
  const requestTimeout = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const app = Fastify({
    // Failures are logged (4xx as warn, 5xx as error, below); at the default level `warn` the
    // per-request lines (info) are not, so a busy server's log is its problems. YUSUAN_LOG_LEVEL=info shows them.
    logger: (options.logger ?? !underTest()) ? { level: process.env['YUSUAN_LOG_LEVEL'] ?? 'warn', ...(options.logStream !== undefined ? { stream: options.logStream } : {}) } : false,
    bodyLimit: uploadLimit,
    // Slow or stalled clients: the whole request (headers and body) within requestTimeout; a socket
    // silent for connectionTimeout is closed — longer than a queued upload's reading and checking
    // (each within its budget in the worker pool) can keep a live request silent.
    requestTimeout,
    connectionTimeout: 5 * 60_000,
    // Node checks the deadlines on this interval (default 30 s).
    http: { connectionsCheckingInterval: Math.max(100, Math.min(5_000, Math.floor(requestTimeout / 4))), headersTimeout: Math.min(60_000, requestTimeout) },
    keepAliveTimeout: 10_000,
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    // The app is same-origin only; these defaults would only get in the way of the CSV/JSON downloads.
    crossOriginEmbedderPolicy: false,
  });

  app.addHook('onRequest', async (req) => {
    if (isCrossSiteWrite(req)) {
      throw new ApiHttpError(403, 'cross-site-request', '拒绝来自其他网站的写入请求：请在本站页面上传，或不带 Origin 头从命令行调用接口。');
    }
  });
  // Uploaded PDFs are read in worker threads, so the server stays responsive.
  const pdfReader = new DocumentReaderPool();
  app.addHook('onClose', () => pdfReader.close());

  // Uploads arrive as bytes so non-UTF-8 text is refused rather than silently mangled.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(['text/plain', 'application/octet-stream', 'application/pdf'], { parseAs: 'buffer', bodyLimit: uploadLimit }, (_req, body, done) => done(null, body));
  await app.register(fastifyMultipart, { limits: { fileSize: uploadLimit, files: 1, fields: 10 } });

  app.setErrorHandler((error: FastifyError | ApiHttpError, request, reply) => {
    const where = `${request.method} ${request.url.slice(0, 200)}`;
    if (error instanceof DocumentBudgetError) {
      // Too much work for one document: refused, nothing stored; the server carries on.
      const status = error.budget === 'memory' ? 413 : 422;
      request.log.warn(`${where} → ${status} document-over-budget (${error.budget})`);
      return reply.code(status).send({ error: 'document-over-budget', message: error.message, statusCode: status });
    }
    if (error instanceof ApiHttpError) {
      if (error.statusCode >= 500) request.log.error({ err: error }, `${where} → ${error.statusCode}`);
      else request.log.warn(`${where} → ${error.statusCode} ${error.code}`);
      return reply.code(error.statusCode).send(error.toBody());
    }
    const status = clientErrorStatus(error);
    const body = (code: string, message: string) => ({ error: code, message, statusCode: status });
    if (status !== undefined) request.log.warn(`${where} → ${status} ${error.code ?? ''} ${error.message}`);
    if (status === 413) return reply.code(413).send(body('payload-too-large', `上传内容超过上限 ${megabytes(uploadLimit)} MB，请拆分文件或联系管理员调高上限。`));
    if (status === 415) return reply.code(415).send(body('unsupported-media-type', `不支持的上传类型（${request.headers['content-type'] ?? '未说明'}）。${NOT_TEXT_MESSAGE}`));
    if (status === 408) return reply.code(408).send(body('request-timeout', '请求超时：上传在规定时间内没有传完，请检查网络后重试。'));
    if (status === 400 && isMultipartError(error)) return reply.code(400).send(body('bad-multipart', `上传的表单不完整或格式有误（${error.message}），请重新上传。`));
    if (status !== undefined) return reply.code(status).send(body('bad-request', `请求有误：${error.message}`));
    request.log.error({ err: error }, `${where} → 500`);
    return reply.code(500).send({ error: 'internal-error', message: '服务器内部错误，请稍后重试；如果反复出现，请联系管理员并附上出错时间。', statusCode: 500 });
  });

  // Accounts, sessions, the route access table, CSRF, and the review/audit routes (issue 13).
  const access = installAccess(app, {
    store,
    ...(options.bcryptCost !== undefined ? { bcryptCost: options.bcryptCost } : {}),
    ...(options.loginThrottle !== undefined ? { loginThrottle: options.loginThrottle } : {}),
  });

  // ---------------------------------------------------------------------------------------------
  // API

  /** The document, when the request may read it (published, or within the reader's departments). */
  const documentOr404 = async (req: FastifyRequest, documentId: number): Promise<DocumentDetail> => {
    const detail = await store.getDocument(documentId, access.visibility(req));
    if (detail === undefined) {
      await access.requireReadable(req, documentId);
      throw notFound(`没有编号为 ${documentId} 的文件。请从部门列表或检索结果进入。`);
    }
    return detail;
  };

  app.get('/api/health', () => ({ ok: true }));

  const openApi = buildOpenApiDocument();
  app.get('/api/openapi.json', () => openApi);

  app.get('/api/departments', (req) => store.listDepartments(access.visibility(req)));

  app.get('/api/departments/:departmentId/years/:year', async (req) => {
    const { departmentId, year } = parse(departmentYearParams, req.params, 'path');
    const { kind } = parse(departmentYearQuery, req.query, 'query');
    if (!(await store.departmentExists(departmentId, access.visibility(req)))) throw notFound(`没有编号为 ${departmentId} 的部门。`);
    const documentId = await store.findDepartmentYear(departmentId, year, kind, access.visibility(req));
    if (documentId === undefined) throw notFound(`部门 ${departmentId} 没有 ${year} 年度的${kind === 'performance-declaration' ? '绩效目标申报表' : '文件'}。`);
    return documentOr404(req, documentId);
  });

  app.get('/api/documents/:documentId', async (req) => {
    const { documentId } = parse(documentParams, req.params, 'path');
    return documentOr404(req, documentId);
  });

  app.get('/api/documents/:documentId/versions', async (req) => {
    const { documentId } = parse(documentParams, req.params, 'path');
    const versions = await store.listVersions(documentId, access.visibility(req));
    if (versions === undefined) {
      await access.requireReadable(req, documentId);
      throw notFound(`没有编号为 ${documentId} 的文件。`);
    }
    return versions;
  });

  app.post('/api/documents', async (req, reply) => {
    const { name, baseVersion } = parse(uploadQuery, req.query, 'query');
    const { text, fileName, source, lineMap } = await readUpload(req, uploadLimit, pdfReader);
    if (text.trim() === '') throw new ApiHttpError(400, 'empty-upload', '上传内容为空。请选择部门预算或绩效目标申报表的文本文件（.txt）。');
    const given = name ?? fileName;
    const sourceName = given !== undefined ? cleanSourceName(given) : undefined;
    const refuse = () => access.deny(req, '只能为您负责的部门上传文件；这份文件属于其他部门（或尚未登记的部门，请联系管理员）。');
    let outcome;
    try {
      // An upload is a draft of its department, for review; the uploader must be its editor (or an admin).
      outcome = await store.importDocument(text, {
        ...(sourceName !== undefined ? { sourceName } : {}),
        ...(source !== undefined ? { source } : {}),
        ...(lineMap !== undefined ? { lineMap } : {}),
        status: 'draft',
        actor: access.actor(req),
        authorize: (departmentId) => {
          if (!canUploadFor(req.principal, departmentId)) throw refuse();
        },
        ...(baseVersion !== undefined ? { baseVersion } : {}),
      });
    } catch (e) {
      if (e instanceof StaleVersionError) {
        throw new ApiHttpError(409, 'stale-version', `这个部门年度的文件在您打开之后已由他人保存为第 ${e.current.version} 版：您的文件未保存，也未覆盖对方的版本。请查看第 ${e.current.version} 版后再上传。`, { current: e.current });
      }
      throw e;
    }
    // The same text already stored (by anyone): answer only within scope.
    if (outcome.document !== undefined && !outcome.created && !canUploadFor(req.principal, outcome.document.departmentId)) throw refuse();
    if (outcome.status === 'rejected' || outcome.document === undefined) {
      throw new ApiHttpError(
        422,
        'not-a-budget-document',
        '无法识别为部门预算或绩效目标申报表，未存储。请确认上传的是“××年部门预算”或“财政支出项目绩效目标申报表”的文本。',
        { diagnostics: outcome.diagnostics },
      );
    }
    const result: UploadResult = {
      created: outcome.created,
      status: outcome.status,
      document: outcome.document,
      findings: outcome.findings,
      diagnostics: outcome.diagnostics,
    };
    return reply.code(outcome.created ? 201 : 200).send(result);
  });

  app.get('/api/documents/:documentId/source', async (req, reply) => {
    const { documentId } = parse(documentParams, req.params, 'path');
    await access.requireReadable(req, documentId);
    const file = await store.getSourceFile(documentId);
    if (file === undefined) {
      if (!(await store.documentExists(documentId))) throw notFound(`没有编号为 ${documentId} 的文件。`);
      throw notFound(`文件 ${documentId} 没有保存原始 PDF（由文本导入），无法显示原文页面。`);
    }
    return reply
      .header('content-type', file.mediaType)
      .header('content-disposition', `inline; filename="yusuan-${documentId}.pdf"`)
      .header('cache-control', 'private, max-age=3600')
      .send(file.bytes);
  });

  app.get('/api/documents/:documentId/export.csv', async (req, reply) => {
    const { documentId } = parse(documentParams, req.params, 'path');
    const { what } = parse(exportCsvQuery, req.query, 'query');
    const detail = await documentOr404(req, documentId);
    const view =
      detail.model.kind === 'budget-disclosure'
        ? exportView({ kind: 'budget-disclosure', document: detail.model }, what)
        : exportView({ kind: 'performance-declaration', document: detail.model }, what);
    if (view === undefined) {
      const available = detail.model.kind === 'budget-disclosure' ? 'cells、projects' : 'projects、indicators';
      throw new ApiHttpError(400, 'nothing-to-export', `这类文件没有“${what}”可导出，可选：${available}。`);
    }
    // The BOM makes spreadsheet programs read the Chinese as UTF-8.
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="yusuan-${documentId}-${what}.csv"`)
      .send(`\ufeff${renderCsv(view)}`);
  });

  registerPublishRoutes(app, { store, access });

  app.get('/api/documents/:documentId/export.json', async (req, reply) => {
    const { documentId } = parse(documentParams, req.params, 'path');
    const detail = await documentOr404(req, documentId);
    return reply.header('content-disposition', `attachment; filename="yusuan-${documentId}.json"`).send(detail.model);
  });

  app.get('/api/compare', async (req) => {
    const { left, right } = parse(compareQuery, req.query, 'query');
    if (left === right) throw new ApiHttpError(400, 'not-comparable', '不能把一个文件与它自己对比：请选择另一年度或另一部门的预算。');
    const [l, r] = await Promise.all([documentOr404(req, left), documentOr404(req, right)]);
    // Only like with like: a budget with a budget, a declaration with a declaration.
    if (l.kind !== r.kind) {
      const name = (k: string) => (k === 'budget-disclosure' ? '部门预算' : '绩效目标申报表');
      throw new ApiHttpError(400, 'not-comparable', `${name(l.kind)}与${name(r.kind)}不能对比：请选择同类文件（部门预算与部门预算）。`);
    }
    return compareDocuments(l, r);
  });

  app.get('/api/search', async (req) => {
    const q = parse(searchQuery, req.query, 'query');
    return store.search({
      q: q.q,
      limit: q.limit,
      offset: q.offset,
      ...(q.departmentId !== undefined ? { departmentId: q.departmentId } : {}),
      ...(q.year !== undefined ? { year: q.year } : {}),
      ...(q.minFen !== undefined ? { minFen: q.minFen } : {}),
      ...(q.maxFen !== undefined ? { maxFen: q.maxFen } : {}),
      ...(q.kind !== undefined ? { kind: q.kind } : {}),
      visibility: access.visibility(req),
    });
  });

  app.get('/api/rules', () => RULE_CATALOGUE);

  registerDraftRoutes(app, store, access);

  // ---------------------------------------------------------------------------------------------
  // The web app

  // pdf.js in the browser fetches character maps (Chinese PDFs often name predefined CMaps) and
  // standard font data from here when it draws a document's source page.
  const pdfjsDir = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  for (const dir of ['cmaps', 'standard_fonts']) {
    await app.register(fastifyStatic, { root: resolve(pdfjsDir, dir), prefix: `/pdfjs/${dir}/`, decorateReply: false, index: false });
  }

  if (webBuilt) {
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', index: 'index.html' });
  } else {
    app.get('/', (_req, reply) => reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE));
  }

  app.setNotFoundHandler((req: FastifyRequest, reply: FastifyReply) => {
    const path = req.url.split('?')[0] ?? '';
    if (path === '/api' || path.startsWith('/api/') || req.method !== 'GET') {
      return reply.code(404).send({ error: 'not-found', message: `没有这个接口：${req.method} ${path}。接口列表见 /api/openapi.json。`, statusCode: 404 });
    }
    // Client-side routes of the single-page app.
    if (webBuilt) return reply.type('text/html; charset=utf-8').sendFile('index.html');
    return reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
  });

  return app;
};

interface UploadedDocument {
  readonly text: string;
  readonly fileName?: string;
  /** For a PDF: the file and its line map, stored with the document. */
  readonly source?: DocumentSourceFile;
  readonly lineMap?: readonly LineOrigin[];
}

/**
 * Upload bytes → text: a PDF (recognised by its `%PDF-` header) is read from its pages in a worker
 * thread; its text rendering is read and stored, with the PDF itself and its line map; a PDF that cannot be read (encrypted, damaged,
 * truncated, a scan) is refused (422) with its diagnostics, and nothing is stored.
 */
const uploadText = async (bytes: Buffer, pdfReader: DocumentReaderPool): Promise<UploadedDocument> => {
  if (!isPdf(bytes)) return { text: decodeUpload(bytes) };
  const r = await pdfReader.read(bytes);
  const error = r.diagnostics.find((d) => d.severity === 'error' && d.code.startsWith('pdf-'));
  if (error || r.text === undefined) throw new ApiHttpError(422, 'unreadable-pdf', `${error?.message ?? 'PDF 无法读取。'} 未存储。`, { diagnostics: r.diagnostics });
  return { text: r.text, source: { bytes, mediaType: 'application/pdf' }, ...(r.lines !== undefined ? { lineMap: r.lines } : {}) };
};

/** The uploaded text and file name, from a text/plain, octet-stream or PDF body or a multipart `file` field. */
const readUpload = async (req: FastifyRequest, limit: number, pdfReader: DocumentReaderPool): Promise<UploadedDocument> => {
  if (req.isMultipart()) {
    return readMultipartUpload(req, limit, pdfReader);
  }
  if (Buffer.isBuffer(req.body)) return uploadText(req.body, pdfReader);
  throw new ApiHttpError(415, 'unsupported-media-type', `不支持的上传类型（${req.headers['content-type'] ?? '未说明'}）。${NOT_TEXT_MESSAGE}`);
};

/** A multipart form's `file` field; a truncated or malformed form is the client's error (400). */
const readMultipartUpload = async (req: FastifyRequest, limit: number, pdfReader: DocumentReaderPool): Promise<UploadedDocument> => {
  let file;
  let bytes: Buffer;
  try {
    file = await req.file({ limits: { fileSize: limit, files: 1 } });
    if (file === undefined) throw new ApiHttpError(400, 'missing-file', '表单中没有文件：请用字段名 file 上传文本文件。');
    if (file.fieldname !== 'file') throw new ApiHttpError(400, 'missing-file', `表单字段应为 file（收到 ${file.fieldname}）。`);
    bytes = await file.toBuffer();
  } catch (e) {
    if (e instanceof ApiHttpError) throw e;
    const status = clientErrorStatus(e as FastifyError);
    if (status === 413) throw e;
    throw new ApiHttpError(400, 'bad-multipart', `上传的表单不完整或格式有误（${(e as Error).message}），请重新上传。`);
  }
  return { ...(await uploadText(bytes, pdfReader)), ...(file.filename !== '' ? { fileName: file.filename } : {}) };
};

/** The 4xx status a Fastify/plugin error stands for, or undefined for a server fault. */
const clientErrorStatus = (error: FastifyError): number | undefined => {
  const status = error.statusCode;
  if (status !== undefined && status >= 400 && status < 500) return status;
  if (isMultipartError(error)) return 400;
  return undefined;
};

/** busboy/@fastify/multipart's complaints about a malformed or truncated form. */
const isMultipartError = (error: FastifyError): boolean =>
  /^FST_(?:INVALID_MULTIPART|MULTIPART)|^FST_PARTS|^FST_FILES/.test(error.code ?? '') ||
  /multipart|boundary|unexpected end of (?:form|file)|part terminated/i.test(error.message);
