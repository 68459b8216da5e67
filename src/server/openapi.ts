/**
 * The OpenAPI 3.1 document for /api: parameters generated from the same zod schemas the
 * routes validate with; response bodies described once here, after api-contract.ts.
 */
import { z } from 'zod';
import {
  compareQuery,
  departmentYearParams,
  departmentYearQuery,
  documentParams,
  exportCsvQuery,
  searchQuery,
  uploadQuery,
} from './schemas.ts';
import { PUBLISH_ROUTE_DOCS } from './publish-openapi.ts';
import { DRAFT_COMPONENTS, DRAFT_ROUTE_DOCS } from './drafts-openapi.ts';
import { ACCESS_ROUTE_DOCS } from './access/openapi-routes.ts';

type JsonSchema = Record<string, unknown>;

export interface RouteDoc {
  readonly method: 'get' | 'post' | 'put' | 'patch';
  /** OpenAPI path template: `/api/documents/{documentId}`. */
  readonly path: string;
  readonly summary: string;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly requestBody?: JsonSchema;
  readonly responses: Readonly<Record<string, { readonly description: string; readonly content?: JsonSchema }>>;
}

const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: JsonSchema): JsonSchema => ({ 'application/json': { schema } });
const error = (description: string) => ({ description, content: json(ref('ApiError')) });

const integer: JsonSchema = { type: 'integer' };
const fen: JsonSchema = { type: 'integer', description: '金额，单位分（整数）' };
const str: JsonSchema = { type: 'string' };
const object = (properties: Record<string, JsonSchema>, required: readonly string[] = []): JsonSchema => ({
  type: 'object',
  properties,
  ...(required.length > 0 ? { required } : {}),
});
const arrayOf = (items: JsonSchema): JsonSchema => ({ type: 'array', items });
const kind: JsonSchema = { type: 'string', enum: ['budget-disclosure', 'performance-declaration'] };

const COMPONENTS: Record<string, JsonSchema> = {
  ApiError: object({ error: str, message: { type: 'string', description: '中文说明' }, statusCode: integer, details: {} }, ['error', 'message', 'statusCode']),
  SourceLocation: object(
    {
      line: { type: 'integer', description: '源文本中的行号（从 1 起）' },
      section: str,
      table: integer,
      row: str,
      column: str,
      project: str,
      field: str,
      page: { type: 'integer', description: '原始 PDF 的页码（从 1 起；仅由 PDF 读取的文件）' },
      bbox: { type: 'array', items: { type: 'number' }, minItems: 4, maxItems: 4, description: '该页上的框 [x0, y0, x1, y1]，PDF 单位，原点为页面显示方向的左下角' },
    },
    ['line'],
  ),
  FindingFigure: object({ label: str, amount: fen, raw: str, unit: str, location: ref('SourceLocation') }, ['label']),
  Finding: object({ rule: str, severity: { enum: ['error', 'warning', 'info'] }, message: str, location: ref('SourceLocation'), figures: arrayOf(ref('FindingFigure')), difference: fen, document: str }, ['rule', 'severity', 'message', 'figures']),
  Diagnostic: object({ code: str, severity: { enum: ['error', 'warning', 'info'] }, message: str, location: ref('SourceLocation'), params: { type: 'object' } }, ['code', 'severity', 'message']),
  FindingCounts: object({ error: integer, warning: integer, info: integer }, ['error', 'warning', 'info']),
  DocumentVersion: object({ documentId: integer, version: integer, sha256: str, importedAt: str, sourceName: str }, ['documentId', 'version', 'sha256', 'importedAt']),
  DepartmentYear: object(
    { year: integer, documentId: integer, kind, version: integer, revenueTotalFen: fen, expenditureTotalFen: fen, basicFen: fen, projectFen: fen, projectCount: integer, findings: ref('FindingCounts') },
    ['year', 'documentId', 'kind', 'version', 'projectCount', 'findings'],
  ),
  DepartmentSummary: object({ departmentId: integer, name: str, district: str, years: arrayOf(ref('DepartmentYear')) }, ['departmentId', 'name', 'years']),
  DocumentDetail: object(
    {
      documentId: integer,
      departmentId: integer,
      department: str,
      district: str,
      year: integer,
      kind,
      version: integer,
      sha256: str,
      importedAt: str,
      sourceName: str,
      model: { type: 'object', description: '解析得到的模型（BudgetDisclosure 或 PerformanceDeclaration）；每个数字的 source 为 SourceLocation（由 PDF 读取时含 page 与 bbox，表格数字为其单元格的框）' },
      source: object({ mediaType: str, byteLength: integer }, ['mediaType', 'byteLength']),
      findings: arrayOf(ref('Finding')),
      diagnostics: arrayOf(ref('Diagnostic')),
      otherYears: arrayOf(object({ year: integer, documentId: integer }, ['year', 'documentId'])),
    },
    ['documentId', 'departmentId', 'department', 'kind', 'version', 'sha256', 'importedAt', 'model', 'findings', 'diagnostics', 'otherYears'],
  ),
  UploadResult: object(
    {
      created: { type: 'boolean', description: '同一文本已存在时为 false' },
      status: { enum: ['created', 'new-version', 'unchanged'], description: '新建、新版本或未变' },
      document: { allOf: [ref('DocumentVersion'), object({ departmentId: integer, department: str, year: integer, kind: str })] },
      findings: arrayOf(ref('Finding')),
      diagnostics: arrayOf(ref('Diagnostic')),
    },
    ['created', 'document', 'findings', 'diagnostics'],
  ),
  ComparisonSide: object({ documentId: integer, department: str, year: integer, revenueTotalFen: fen, expenditureTotalFen: fen }, ['documentId', 'department']),
  ComparisonRow: object(
    { table: integer, tableName: str, key: str, name: str, column: str, leftFen: fen, rightFen: fen, changeFen: fen, changeHundredths: { type: 'integer', description: '变动百分比×100（11613 即 116.13%）' } },
    ['table', 'tableName', 'key', 'name', 'column'],
  ),
  Comparison: object(
    { left: ref('ComparisonSide'), right: ref('ComparisonSide'), rows: arrayOf(ref('ComparisonRow')), projects: arrayOf(object({ name: str, leftFen: fen, rightFen: fen }, ['name'])) },
    ['left', 'right', 'rows', 'projects'],
  ),
  SearchHit: object(
    { kind: { enum: ['project', 'indicator'] }, documentId: integer, departmentId: integer, department: str, year: integer, project: str, amountFen: fen, snippet: str },
    ['kind', 'documentId', 'departmentId', 'department', 'project', 'snippet'],
  ),
  SearchResult: object(
    { total: { type: 'integer', description: '命中数（最多计到 1000）' }, totalCapped: { type: 'boolean', description: '命中超过 1000 条时为 true，请缩小检索范围' }, items: arrayOf(ref('SearchHit')) },
    ['total', 'items'],
  ),
  RuleInfo: object({ id: str, family: str, severity: str, title: str, explanation: str }, ['id', 'family', 'severity', 'title', 'explanation']),
  ...DRAFT_COMPONENTS,
};

export const ROUTE_DOCS: readonly RouteDoc[] = [
  { method: 'get', path: '/api/health', summary: '健康检查', responses: { '200': { description: '服务正常', content: json(object({ ok: { type: 'boolean' } }, ['ok'])) } } },
  { method: 'get', path: '/api/openapi.json', summary: '本接口文档（OpenAPI 3.1）', responses: { '200': { description: 'OpenAPI 文档', content: json({ type: 'object' }) } } },
  { method: 'get', path: '/api/departments', summary: '部门列表（含各年度最新文件摘要）', responses: { '200': { description: '部门', content: json(arrayOf(ref('DepartmentSummary'))) } } },
  {
    method: 'get',
    path: '/api/departments/{departmentId}/years/{year}',
    summary: '部门某年度的最新文件（模型、核对结果、诊断、其他年度）',
    params: departmentYearParams,
    query: departmentYearQuery,
    responses: { '200': { description: '文件详情', content: json(ref('DocumentDetail')) }, '400': error('参数有误'), '404': error('没有该部门或该年度的文件') },
  },
  {
    method: 'get',
    path: '/api/documents/{documentId}',
    summary: '文件详情',
    params: documentParams,
    responses: { '200': { description: '文件详情', content: json(ref('DocumentDetail')) }, '400': error('参数有误'), '404': error('没有该文件') },
  },
  {
    method: 'get',
    path: '/api/documents/{documentId}/versions',
    summary: '同一部门、年度、类型的全部版本',
    params: documentParams,
    responses: { '200': { description: '版本（由旧到新）', content: json(arrayOf(ref('DocumentVersion'))) }, '400': error('参数有误'), '404': error('没有该文件') },
  },
  {
    method: 'post',
    path: '/api/documents',
    summary: '上传并导入一份文件（文本或 PDF）：解析、核对、存储（PDF 连同原文件一并保存）',
    query: uploadQuery,
    requestBody: {
      required: true,
      content: {
        'text/plain': { schema: { type: 'string' } },
        'multipart/form-data': { schema: object({ file: { type: 'string', format: 'binary' } }, ['file']) },
        'application/octet-stream': { schema: { type: 'string', format: 'binary' } },
        'application/pdf': { schema: { type: 'string', format: 'binary' } },
      },
    },
    responses: {
      '201': { description: '新文件或新版本已存储', content: json(ref('UploadResult')) },
      '200': { description: '同一文本已存储过（未重复写入）', content: json(ref('UploadResult')) },
      '400': error('上传内容为空、表单不完整或参数有误'),
      '401': error('未登录'),
      '403': error('来自其他网站的写入请求（Origin 与本站不同）、缺少 CSRF 令牌，或文件属于登录用户负责范围以外的部门'),
      '409': error('stale-version：给出的 baseVersion 之后已有他人保存的新版本（details.current），未保存'),
      '408': error('上传在规定时间内没有传完'),
      '413': error('超过上传大小上限，或读取时超过内存上限'),
      '415': error('既不是 PDF 也不是文本（二进制文件；无法识别的编码）。文本接受 UTF-8（可带 BOM）、UTF-16、GB18030/GBK'),
      '422': error('不是可识别的部门预算或绩效目标申报表，或 PDF 无法读取（unreadable-pdf：加密、损坏、不完整、扫描件；details.diagnostics 说明原因），或读取、核对超过时间上限（document-over-budget）'),
    },
  },
  {
    method: 'get',
    path: '/api/documents/{documentId}/source',
    summary: '文件的原始 PDF（由 PDF 导入的文件）；定位中的 page 与 bbox 指向其页面',
    params: documentParams,
    responses: {
      '200': { description: '原始文件', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } },
      '400': error('参数有误'),
      '404': error('没有该文件，或该文件由文本导入、没有原始 PDF'),
    },
  },
  {
    method: 'get',
    path: '/api/documents/{documentId}/export.csv',
    summary: '导出 CSV（表格单元格、项目或绩效指标）',
    params: documentParams,
    query: exportCsvQuery,
    responses: { '200': { description: 'CSV（UTF-8，带 BOM）', content: { 'text/csv': { schema: { type: 'string' } } } }, '400': error('该文件没有这类数据'), '404': error('没有该文件') },
  },
  {
    method: 'get',
    path: '/api/documents/{documentId}/export.json',
    summary: '导出解析得到的模型（JSON）',
    params: documentParams,
    responses: { '200': { description: '模型', content: json({ type: 'object' }) }, '404': error('没有该文件') },
  },
  {
    method: 'get',
    path: '/api/compare',
    summary: '两份文件对比：表格逐格、项目按名称',
    query: compareQuery,
    responses: { '200': { description: '对比', content: json(ref('Comparison')) }, '400': error('参数有误，或两个文件不可对比（同一文件；部门预算与绩效目标申报表）'), '404': error('没有该文件') },
  },
  {
    method: 'get',
    path: '/api/search',
    summary: '检索项目与绩效指标（中文子串）',
    query: searchQuery,
    responses: { '200': { description: '结果', content: json(ref('SearchResult')) }, '400': error('参数有误') },
  },
  { method: 'get', path: '/api/rules', summary: '核对规则目录', responses: { '200': { description: '规则', content: json(arrayOf(ref('RuleInfo'))) } } },
  ...PUBLISH_ROUTE_DOCS,
  ...DRAFT_ROUTE_DOCS,
  ...ACCESS_ROUTE_DOCS,
];

/** zod object → OpenAPI parameters of one location. */
const parametersOf = (schema: z.ZodType | undefined, location: 'path' | 'query'): JsonSchema[] => {
  if (schema === undefined) return [];
  const js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(js.properties ?? {}).map(([name, s]) => {
    const { description, ...rest } = s;
    return {
      name,
      in: location,
      required: location === 'path' || (js.required ?? []).includes(name) && !('default' in s),
      ...(description !== undefined ? { description } : {}),
      schema: rest,
    };
  });
};

export const buildOpenApiDocument = (): JsonSchema => {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const r of ROUTE_DOCS) {
    const parameters = [...parametersOf(r.params, 'path'), ...parametersOf(r.query, 'query')];
    (paths[r.path] ??= {})[r.method] = {
      summary: r.summary,
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(r.requestBody !== undefined ? { requestBody: r.requestBody } : {}),
      responses: Object.fromEntries(Object.entries(r.responses).map(([status, v]) => [status, { description: v.description, ...(v.content !== undefined ? { content: v.content } : {}) }])),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'yusuan 预算 API',
      version: '0.1.0',
      description: '部门预算公开文件与绩效目标申报表：导入、核对、浏览、检索、对比、导出。金额字段以 Fen 结尾，单位为分（整数）。',
    },
    paths,
    components: { schemas: COMPONENTS },
  };
};
