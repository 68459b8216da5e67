/**
 * OpenAPI entries of the publishing routes (publish-routes.ts), spread into ROUTE_DOCS.
 */
import type { RouteDoc } from './openapi.ts';
import { publishQuery } from './publish-routes.ts';
import { departmentYearParams, documentParams } from './schemas.ts';

const error = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } } });
const binary = (mediaType: string, description: string) => ({ description, content: { [mediaType]: { schema: { type: 'string', format: 'binary' } } } });
const html = { description: '正式公开文件（HTML，可打印：表格页为 A4 横向，表头每页重复）', content: { 'text/html': { schema: { type: 'string' } } } };
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const PUBLISH_ROUTE_DOCS: readonly RouteDoc[] = [
  { method: 'get', path: '/api/documents/{documentId}/export.html', summary: '正式公开文件 HTML（按官方顺序与格式，数字按原文）', params: documentParams, query: publishQuery, responses: { '200': html, '404': error('没有该文件') } },
  {
    method: 'get',
    path: '/api/documents/{documentId}/export.pdf',
    summary: '正式公开文件 PDF（由 Chromium 打印同一 HTML）',
    params: documentParams,
    query: publishQuery,
    responses: { '200': binary('application/pdf', 'PDF'), '404': error('没有该文件'), '503': error('服务器上没有可用的 Chromium'), '504': error('生成超时') },
  },
  { method: 'get', path: '/api/documents/{documentId}/export.xlsx', summary: '正式公开表 XLSX（每表一页，官方表头，金额为数字，科目编码为文本）', params: documentParams, responses: { '200': binary(XLSX, 'XLSX'), '404': error('没有该文件') } },
  { method: 'get', path: '/api/departments/{departmentId}/years/{year}/published.html', summary: '部门年度正式公开文件的固定地址（最新已发布版本，HTML）', params: departmentYearParams, query: publishQuery, responses: { '200': html, '404': error('没有该部门或年度') } },
  {
    method: 'get',
    path: '/api/departments/{departmentId}/years/{year}/published.pdf',
    summary: '部门年度正式公开文件的固定地址（最新已发布版本，PDF）',
    params: departmentYearParams,
    query: publishQuery,
    responses: { '200': binary('application/pdf', 'PDF'), '404': error('没有该部门或年度'), '503': error('服务器上没有可用的 Chromium'), '504': error('生成超时') },
  },
  { method: 'get', path: '/api/departments/{departmentId}/years/{year}/published.xlsx', summary: '部门年度正式公开表的固定地址（最新已发布版本，XLSX）', params: departmentYearParams, responses: { '200': binary(XLSX, 'XLSX'), '404': error('没有该部门或年度') } },
  {
    method: 'get',
    path: '/api/documents/{documentId}/datapackage.json',
    summary: '开放数据：该文件的 Fiscal Data Package 描述（Table Schema）；数据见同目录 budget-figures.csv',
    params: documentParams,
    responses: { '200': { description: 'datapackage.json', content: { 'application/json': { schema: { type: 'object' } } } }, '400': error('绩效目标申报表没有表格数据'), '404': error('没有该文件') },
  },
  {
    method: 'get',
    path: '/api/documents/{documentId}/budget-figures.csv',
    summary: '开放数据：该文件每个数字一行（含功能/经济分类各级编码与名称、资金来源、基本/项目、金额元与分）',
    params: documentParams,
    responses: { '200': { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } }, '400': error('绩效目标申报表没有表格数据'), '404': error('没有该文件') },
  },
  { method: 'get', path: '/api/datapackage.json', summary: '开放数据：全部部门年度最新部门预算的 Fiscal Data Package 描述', responses: { '200': { description: 'datapackage.json', content: { 'application/json': { schema: { type: 'object' } } } } } },
  { method: 'get', path: '/api/budget-figures.csv', summary: '开放数据：全部部门年度最新部门预算的数字（流式 CSV）', responses: { '200': { description: 'CSV', content: { 'text/csv': { schema: { type: 'string' } } } } } },
];
