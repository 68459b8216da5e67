/**
 * Publishing over HTTP: a stored document as the official document (HTML, PDF, XLSX) and as open
 * data (a Fiscal Data Package), and the whole store's open data, streamed.
 *
 *   GET /api/documents/:id/export.html[?findings=1&download=1]  the published page (print-ready)
 *   GET /api/documents/:id/export.pdf[?findings=1]               the same page printed by Chromium
 *   GET /api/documents/:id/export.xlsx                           one sheet per table
 *   GET /api/documents/:id/datapackage.json, …/budget-figures.csv  the document's data package
 *   GET /api/departments/:departmentId/years/:year/published.html|.pdf|.xlsx
 *        stable URLs: always the latest version of that department-year's budget disclosure
 *   GET /api/datapackage.json, /api/budget-figures.csv          every department-year's latest budget
 *
 * PDF: one Chromium shared by the server (a separate process, so printing never blocks the event
 * loop), a time budget per render; no browser → 503 with a Chinese message, over budget → 504.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { BudgetDisclosure, PerformanceDeclaration } from '#domain/index.ts';
import { FDP_CSV_PATH, FDP_HEADER, dataPackageDescriptor, fdpRows } from '#render/publish/fdp.ts';
import { csvField } from '#render/csv.ts';
import { publishedFileStem, renderPublishedHtml } from '#render/publish/index.ts';
import { PdfRenderer, PdfTimeoutError, PdfUnavailableError } from '#render/publish/pdf.ts';
import { renderXlsx } from '#render/publish/xlsx.ts';
import type { BudgetStore, Visibility } from '#store/store.ts';
import type { Access } from './access/install.ts';
import type { DocumentDetail } from './api-contract.ts';
import { ApiHttpError, notFound, validationError } from './errors.ts';
import { departmentYearParams, documentParams } from './schemas.ts';

export const publishQuery = z.object({
  findings: z.enum(['0', '1']).optional().describe('1：附上检查发现作为附录（数字不作修改）'),
  download: z.enum(['0', '1']).optional().describe('1：作为附件下载（HTML）'),
});

const parse = <S extends z.ZodType>(schema: S, value: unknown, where: 'path' | 'query'): z.output<S> => {
  const r = schema.safeParse(value);
  if (!r.success) throw validationError(where, r.error);
  return r.data;
};

/** RFC 5987 file name: ASCII fallback plus the UTF-8 name, so a Chinese name survives every browser. */
export const attachment = (stem: string, ext: string): string => `attachment; filename="yusuan.${ext}"; filename*=UTF-8''${encodeURIComponent(`${stem}.${ext}`)}`;

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Open data and the stable published URLs show what is published, whoever asks. */
const PUBLISHED_ONLY: Visibility = [];

const csvLine = (fields: readonly string[]): string => `${fields.map(csvField).join(',')}\r\n`;

export interface PublishRoutesOptions {
  readonly store: BudgetStore;
  /** Who may read what: a document in scope (or published); the stable URLs and open data show published documents only. */
  readonly access: Pick<Access, 'visibility' | 'requireReadable'>;
  /** The PDF printer (default: one shared Chromium, closed with the server). */
  readonly pdf?: PdfRenderer;
}

export const registerPublishRoutes = (app: FastifyInstance, opts: PublishRoutesOptions): void => {
  const { store, access } = opts;
  const pdf = opts.pdf ?? new PdfRenderer();
  if (!opts.pdf) app.addHook('onClose', () => pdf.close());

  const documentOr404 = async (req: FastifyRequest, documentId: number): Promise<DocumentDetail> => {
    await access.requireReadable(req, documentId);
    const detail = await store.getDocument(documentId, access.visibility(req));
    if (detail === undefined) throw notFound(`没有编号为 ${documentId} 的文件。请从部门列表或检索结果进入。`);
    return detail;
  };
  const departmentYearOr404 = async (params: unknown): Promise<DocumentDetail> => {
    const { departmentId, year } = parse(departmentYearParams, params, 'path');
    if (!(await store.departmentExists(departmentId, PUBLISHED_ONLY))) throw notFound(`没有编号为 ${departmentId} 的部门。`);
    const id = await store.findDepartmentYear(departmentId, year, undefined, PUBLISHED_ONLY);
    if (id === undefined) throw notFound(`部门 ${departmentId} 没有 ${year} 年度已发布的文件。`);
    const detail = await store.getDocument(id, PUBLISHED_ONLY);
    if (detail === undefined) throw notFound(`部门 ${departmentId} 没有 ${year} 年度已发布的文件。`);
    return detail;
  };
  const budgetOr400 = (detail: DocumentDetail): BudgetDisclosure => {
    if (detail.model.kind !== 'budget-disclosure') throw new ApiHttpError(400, 'nothing-to-export', '开放数据只导出部门预算的表格数据；绩效目标申报表请下载 XLSX 或 HTML。');
    return detail.model;
  };

  const sendHtml = (reply: FastifyReply, detail: DocumentDetail, query: unknown) => {
    const q = parse(publishQuery, query, 'query');
    const html = renderPublishedHtml(detail.model, q.findings === '1' ? { findings: detail.findings } : {});
    reply.header('content-type', 'text/html; charset=utf-8');
    if (q.download === '1') reply.header('content-disposition', attachment(publishedFileStem(detail.model), 'html'));
    return reply.send(html);
  };
  const sendPdf = async (reply: FastifyReply, detail: DocumentDetail, query: unknown) => {
    const q = parse(publishQuery, query, 'query');
    let bytes: Buffer;
    try {
      bytes = await pdf.render(renderPublishedHtml(detail.model, q.findings === '1' ? { findings: detail.findings } : {}));
    } catch (e) {
      if (e instanceof PdfUnavailableError) throw new ApiHttpError(503, 'pdf-unavailable', e.message);
      if (e instanceof PdfTimeoutError) throw new ApiHttpError(504, 'pdf-timeout', e.message);
      throw e;
    }
    return reply.header('content-type', 'application/pdf').header('content-disposition', attachment(publishedFileStem(detail.model), 'pdf')).send(bytes);
  };
  const sendXlsx = async (reply: FastifyReply, model: BudgetDisclosure | PerformanceDeclaration) =>
    reply.header('content-type', XLSX_MEDIA_TYPE).header('content-disposition', attachment(publishedFileStem(model), 'xlsx')).send(await renderXlsx(model));

  app.get('/api/documents/:documentId/export.html', async (req, reply) => sendHtml(reply, await documentOr404(req, parse(documentParams, req.params, 'path').documentId), req.query));
  app.get('/api/documents/:documentId/export.pdf', async (req, reply) => sendPdf(reply, await documentOr404(req, parse(documentParams, req.params, 'path').documentId), req.query));
  app.get('/api/documents/:documentId/export.xlsx', async (req, reply) => sendXlsx(reply, (await documentOr404(req, parse(documentParams, req.params, 'path').documentId)).model));

  app.get('/api/departments/:departmentId/years/:year/published.html', async (req, reply) => sendHtml(reply, await departmentYearOr404(req.params), req.query));
  app.get('/api/departments/:departmentId/years/:year/published.pdf', async (req, reply) => sendPdf(reply, await departmentYearOr404(req.params), req.query));
  app.get('/api/departments/:departmentId/years/:year/published.xlsx', async (req, reply) => sendXlsx(reply, (await departmentYearOr404(req.params)).model));

  // A document's data package: the descriptor's relative path resolves to the CSV beside it.
  app.get('/api/documents/:documentId/datapackage.json', async (req) => {
    const detail = await documentOr404(req, parse(documentParams, req.params, 'path').documentId);
    budgetOr400(detail);
    return dataPackageDescriptor({ name: `yusuan-document-${detail.documentId}`, title: `${detail.department} ${detail.year ?? ''} 部门预算公开表数据` });
  });
  app.get(`/api/documents/:documentId/${FDP_CSV_PATH}`, async (req, reply) => {
    const detail = await documentOr404(req, parse(documentParams, req.params, 'path').documentId);
    const doc = budgetOr400(detail);
    let csv = csvLine(FDP_HEADER);
    for (const r of fdpRows(doc)) csv += csvLine(r);
    return reply.header('content-type', 'text/csv; charset=utf-8').send(csv);
  });

  // The whole store's open data, streamed one document at a time.
  app.get('/api/datapackage.json', () => dataPackageDescriptor({ name: 'yusuan-budget-figures', title: '全部部门预算公开表数据（各部门年度最新版本）' }));
  app.get(`/api/${FDP_CSV_PATH}`, async (_req, reply) => {
    const departments = await store.listDepartments(PUBLISHED_ONLY);
    async function* chunks(): AsyncGenerator<string> {
      yield csvLine(FDP_HEADER);
      for (const dep of departments) {
        for (const y of dep.years) {
          if (y.kind !== 'budget-disclosure') continue;
          const detail = await store.getDocument(y.documentId, PUBLISHED_ONLY);
          if (detail?.model.kind !== 'budget-disclosure') continue;
          let chunk = '';
          for (const r of fdpRows(detail.model)) chunk += csvLine(r);
          yield chunk;
        }
      }
    }
    return reply.header('content-type', 'text/csv; charset=utf-8').send(Readable.from(chunks()));
  });
};
