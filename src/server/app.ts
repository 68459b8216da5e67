/**
 * The HTTP server: the JSON API under /api (routes listed in api-contract.ts, documented at
 * /api/openapi.json) and the built web app from dist/web with SPA fallback.
 *
 * `buildServer` returns the Fastify instance without listening, so tests drive it with
 * `app.inject` and the CLI calls `listen`.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import type { z } from 'zod';
import { RULE_CATALOGUE } from '#checks/index.ts';
import { isPdf } from '#ingest/pdf/index.ts';
import { DocumentReaderPool } from '#ingest/pdf/worker.ts';
import { exportView } from '#render/export-view.ts';
import { renderCsv } from '#render/csv.ts';
import type { BudgetStore } from '#store/store.ts';
import type { DocumentDetail, UploadResult } from './api-contract.ts';
import { compareDocuments } from './compare.ts';
import { ApiHttpError, notFound, validationError } from './errors.ts';
import { buildOpenApiDocument } from './openapi.ts';
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
  readonly logger?: boolean;
}

const parse = <S extends z.ZodType>(schema: S, value: unknown, where: 'path' | 'query'): z.output<S> => {
  const r = schema.safeParse(value);
  if (!r.success) throw validationError(where, r.error);
  return r.data;
};

const megabytes = (bytes: number): string => {
  const tenths = Math.round((bytes * 10) / (1024 * 1024));
  return `${Math.floor(tenths / 10)}${tenths % 10 === 0 ? '' : `.${tenths % 10}`}`;
};

const NOT_TEXT_MESSAGE = '只接受 UTF-8 编码的文本文件（.txt）。PDF 请先转换为文本（例如 pdftotext -layout），GBK 编码的文本请先转换为 UTF-8。';

/** Upload bytes → text, refusing what is not UTF-8 text (415). */
export const decodeUpload = (bytes: Buffer): string => {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') throw new ApiHttpError(415, 'unsupported-media-type', `上传的是 PDF 文件。${NOT_TEXT_MESSAGE}`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ApiHttpError(415, 'unsupported-media-type', `上传内容不是 UTF-8 文本。${NOT_TEXT_MESSAGE}`);
  }
  if (text.includes('\u0000')) throw new ApiHttpError(415, 'unsupported-media-type', `上传内容像是二进制文件。${NOT_TEXT_MESSAGE}`);
  return text;
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
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: uploadLimit });
  // Uploaded PDFs are read in worker threads, so the server stays responsive.
  const pdfReader = new DocumentReaderPool();
  app.addHook('onClose', () => pdfReader.close());

  // Uploads arrive as bytes so non-UTF-8 text is refused rather than silently mangled.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(['text/plain', 'application/octet-stream', 'application/pdf'], { parseAs: 'buffer', bodyLimit: uploadLimit }, (_req, body, done) => done(null, body));
  await app.register(fastifyMultipart, { limits: { fileSize: uploadLimit, files: 1, fields: 10 } });

  app.setErrorHandler((error: FastifyError | ApiHttpError, request, reply) => {
    if (error instanceof ApiHttpError) return reply.code(error.statusCode).send(error.toBody());
    const status = error.statusCode ?? 500;
    const body = (code: string, message: string) => ({ error: code, message, statusCode: status });
    if (status === 413) return reply.code(413).send(body('payload-too-large', `上传内容超过上限 ${megabytes(uploadLimit)} MB，请拆分文件或联系管理员调高上限。`));
    if (status === 415) return reply.code(415).send(body('unsupported-media-type', `不支持的上传类型（${request.headers['content-type'] ?? '未说明'}）。${NOT_TEXT_MESSAGE}`));
    if (status >= 400 && status < 500) return reply.code(status).send(body('bad-request', `请求有误：${error.message}`));
    request.log.error(error);
    return reply.code(500).send({ error: 'internal-error', message: '服务器内部错误，请稍后重试；如果反复出现，请联系管理员并附上出错时间。', statusCode: 500 });
  });

  // ---------------------------------------------------------------------------------------------
  // API

  const documentOr404 = async (documentId: number): Promise<DocumentDetail> => {
    const detail = await store.getDocument(documentId);
    if (detail === undefined) throw notFound(`没有编号为 ${documentId} 的文件。请从部门列表或检索结果进入。`);
    return detail;
  };

  app.get('/api/health', () => ({ ok: true }));

  const openApi = buildOpenApiDocument();
  app.get('/api/openapi.json', () => openApi);

  app.get('/api/departments', () => store.listDepartments());

  app.get('/api/departments/:departmentId/years/:year', async (req) => {
    const { departmentId, year } = parse(departmentYearParams, req.params, 'path');
    const { kind } = parse(departmentYearQuery, req.query, 'query');
    if (!(await store.departmentExists(departmentId))) throw notFound(`没有编号为 ${departmentId} 的部门。`);
    const documentId = await store.findDepartmentYear(departmentId, year, kind);
    if (documentId === undefined) throw notFound(`部门 ${departmentId} 没有 ${year} 年度的${kind === 'performance-declaration' ? '绩效目标申报表' : '文件'}。`);
    return documentOr404(documentId);
  });

  app.get('/api/documents/:documentId', async (req) => {
    const { documentId } = parse(documentParams, req.params, 'path');
    return documentOr404(documentId);
  });

  app.get('/api/documents/:documentId/versions', async (req) => {
    const { documentId } = parse(documentParams, req.params, 'path');
    const versions = await store.listVersions(documentId);
    if (versions === undefined) throw notFound(`没有编号为 ${documentId} 的文件。`);
    return versions;
  });

  app.post('/api/documents', async (req, reply) => {
    const { name } = parse(uploadQuery, req.query, 'query');
    const { text, fileName } = await readUpload(req, uploadLimit, pdfReader);
    if (text.trim() === '') throw new ApiHttpError(400, 'empty-upload', '上传内容为空。请选择部门预算或绩效目标申报表的文本文件（.txt）。');
    const sourceName = name ?? fileName;
    const outcome = await store.importDocument(text, sourceName !== undefined ? { sourceName } : {});
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

  app.get('/api/documents/:documentId/export.csv', async (req, reply) => {
    const { documentId } = parse(documentParams, req.params, 'path');
    const { what } = parse(exportCsvQuery, req.query, 'query');
    const detail = await documentOr404(documentId);
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

  app.get('/api/documents/:documentId/export.json', async (req, reply) => {
    const { documentId } = parse(documentParams, req.params, 'path');
    const detail = await documentOr404(documentId);
    return reply.header('content-disposition', `attachment; filename="yusuan-${documentId}.json"`).send(detail.model);
  });

  app.get('/api/compare', async (req) => {
    const { left, right } = parse(compareQuery, req.query, 'query');
    const [l, r] = await Promise.all([documentOr404(left), documentOr404(right)]);
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
    });
  });

  app.get('/api/rules', () => RULE_CATALOGUE);

  // ---------------------------------------------------------------------------------------------
  // The web app

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

/**
 * Upload bytes → text: a PDF (recognised by its `%PDF-` header) is read from its pages in a worker
 * thread and its text rendering is what is stored; a PDF that cannot be read (encrypted, damaged,
 * truncated, a scan) is refused (422) with its diagnostics, and nothing is stored.
 */
const uploadText = async (bytes: Buffer, pdfReader: DocumentReaderPool): Promise<string> => {
  if (!isPdf(bytes)) return decodeUpload(bytes);
  const r = await pdfReader.read(bytes);
  const error = r.diagnostics.find((d) => d.severity === 'error' && d.code.startsWith('pdf-'));
  if (error || r.text === undefined) throw new ApiHttpError(422, 'unreadable-pdf', `${error?.message ?? 'PDF 无法读取。'} 未存储。`, { diagnostics: r.diagnostics });
  return r.text;
};

/** The uploaded text and file name, from a text/plain, octet-stream or PDF body or a multipart `file` field. */
const readUpload = async (req: FastifyRequest, limit: number, pdfReader: DocumentReaderPool): Promise<{ text: string; fileName?: string }> => {
  if (req.isMultipart()) {
    const file = await req.file({ limits: { fileSize: limit, files: 1 } });
    if (file === undefined) throw new ApiHttpError(400, 'missing-file', '表单中没有文件：请用字段名 file 上传文本文件。');
    if (file.fieldname !== 'file') throw new ApiHttpError(400, 'missing-file', `表单字段应为 file（收到 ${file.fieldname}）。`);
    const bytes = await file.toBuffer();
    return { text: await uploadText(bytes, pdfReader), ...(file.filename !== '' ? { fileName: file.filename } : {}) };
  }
  if (Buffer.isBuffer(req.body)) return { text: await uploadText(req.body, pdfReader) };
  throw new ApiHttpError(415, 'unsupported-media-type', `不支持的上传类型（${req.headers['content-type'] ?? '未说明'}）。${NOT_TEXT_MESSAGE}`);
};
