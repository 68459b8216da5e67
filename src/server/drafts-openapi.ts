/** OpenAPI entries for the draft routes (drafts-routes.ts); openapi.ts lists them with the others. */
import { z } from 'zod';
import type { RouteDoc } from './openapi.ts';
import { publishQuery } from './publish-routes.ts';
import { createDraftBody, draftParams, draftSchema, draftVersionParams, saveDraftBody, submitDraftBody } from './drafts-routes.ts';

type JsonSchema = Record<string, unknown>;
const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonSchema): JsonSchema => ({ 'application/json': { schema } });
const error = (description: string) => ({ description, content: json(ref('ApiError')) });
const toSchema = (s: z.ZodType): JsonSchema => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return rest;
};
const integer: JsonSchema = { type: 'integer' };
const str: JsonSchema = { type: 'string' };

const summaryProps: Record<string, JsonSchema> = {
  id: integer,
  department: str,
  district: str,
  year: integer,
  level: { enum: ['department', 'unit'] },
  status: { type: 'string', description: "'draft' 编辑中 | 'submitted' 已提交审核（审核状态见 review；退回或发布后，再次保存即重新打开）" },
  version: { type: 'integer', description: '最新版本号；保存时以 baseVersion（或 If-Match）说明基于哪一版，过期时 409' },
  baseDocumentId: integer,
  documentId: { type: 'integer', description: '最近一次提交存为的文件（审核流程在该文件上进行）' },
  errorCount: integer,
  warningCount: integer,
  createdAt: str,
  updatedAt: str,
};
const summaryRequired = ['id', 'department', 'district', 'year', 'level', 'status', 'version', 'errorCount', 'warningCount', 'createdAt', 'updatedAt'];

export const DRAFT_COMPONENTS: Record<string, JsonSchema> = {
  BudgetDraft: { ...toSchema(draftSchema), description: '草稿：每个数字只存一次（末级科目 × 基本/项目 × 资金来源，金额为分），九张表与编制说明由其推导' },
  DraftSummary: { type: 'object', properties: summaryProps, required: summaryRequired },
  DraftDetail: {
    type: 'object',
    properties: {
      ...summaryProps,
      draft: ref('BudgetDraft'),
      review: { type: 'object', description: '提交后的审核状态', properties: { documentId: integer, status: { enum: ['draft', 'submitted', 'returned', 'approved', 'published'] } }, required: ['documentId', 'status'] },
    },
    required: [...summaryRequired, 'draft'],
  },
  DraftVersion: { type: 'object', properties: { version: integer, savedAt: str, errorCount: integer, note: str }, required: ['version', 'savedAt', 'errorCount'] },
};

export const DRAFT_ROUTE_DOCS: readonly RouteDoc[] = [
  { method: 'get', path: '/api/drafts', summary: '草稿列表', responses: { '200': { description: '草稿（最近修改在前）', content: json({ type: 'array', items: ref('DraftSummary') }) } } },
  {
    method: 'post',
    path: '/api/drafts',
    summary: '新建草稿：由已存文件开始下一年（数字移入上年）或导入本年、由上传的预算公开文本导入、或空白模板',
    requestBody: { required: true, content: json(toSchema(createDraftBody)) },
    responses: {
      '201': { description: '已创建（第 1 版）', content: json(ref('DraftDetail')) },
      '400': error('请求内容有误'),
      '403': error('来自其他网站的写入请求'),
      '404': error('没有该文件'),
      '422': error('不是部门（单位）预算公开文件'),
    },
  },
  {
    method: 'get',
    path: '/api/drafts/{draftId}',
    summary: '一份草稿（ETag 为版本号）',
    params: draftParams,
    responses: { '200': { description: '草稿', content: json(ref('DraftDetail')) }, '400': error('草稿编号有误'), '404': error('没有该草稿') },
  },
  {
    method: 'put',
    path: '/api/drafts/{draftId}',
    summary: '保存草稿为新版本（基于 baseVersion 或 If-Match；他人已保存时 409）',
    params: draftParams,
    requestBody: { required: true, content: json(toSchema(saveDraftBody)) },
    responses: {
      '200': { description: '已保存为新版本', content: json(ref('DraftDetail')) },
      '400': error('草稿内容有误'),
      '403': error('来自其他网站的写入请求'),
      '404': error('没有该草稿'),
      '409': error('版本冲突（version-conflict，details.currentVersion）或草稿已提交（not-editable）'),
      '428': error('未说明基于哪个版本'),
    },
  },
  {
    method: 'get',
    path: '/api/drafts/{draftId}/export.html',
    summary: '草稿按正式公开文件排版（HTML，与已存文件同一渲染）',
    params: draftParams,
    query: publishQuery,
    responses: { '200': { description: '正式公开文件格式的草稿', content: { 'text/html': { schema: str } } }, '404': error('没有该草稿') },
  },
  {
    method: 'get',
    path: '/api/drafts/{draftId}/export.xlsx',
    summary: '草稿的九张表（XLSX，官方表头）',
    params: draftParams,
    responses: { '200': { description: 'XLSX', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: str } } }, '404': error('没有该草稿') },
  },
  {
    method: 'get',
    path: '/api/drafts/{draftId}/versions',
    summary: '草稿的全部版本（最新在前）',
    params: draftParams,
    responses: { '200': { description: '版本', content: json({ type: 'array', items: ref('DraftVersion') }) }, '404': error('没有该草稿') },
  },
  {
    method: 'get',
    path: '/api/drafts/{draftId}/versions/{version}',
    summary: '草稿某一版本的全文',
    params: draftVersionParams,
    responses: { '200': { description: '该版本', content: json({ type: 'object', properties: { version: integer, draft: ref('BudgetDraft') }, required: ['version', 'draft'] }) }, '404': error('没有该版本') },
  },
  {
    method: 'post',
    path: '/api/drafts/{draftId}/submit',
    summary: '提交草稿（有错误时拒绝）',
    params: draftParams,
    requestBody: { required: false, content: json(toSchema(submitDraftBody)) },
    responses: {
      '200': { description: '已提交', content: json(ref('DraftDetail')) },
      '403': error('来自其他网站的写入请求'),
      '404': error('没有该草稿'),
      '409': error('版本冲突或已提交'),
      '422': error('草稿仍有错误（draft-has-errors，details.errorCount）'),
    },
  },
];
