/**
 * API errors: one JSON shape (`ApiError`) with a stable `error` code and a Chinese message a
 * person can act on. Validation failures name the parameter and what it must be.
 */
import type { z } from 'zod';
import type { ApiError } from './api-contract.ts';

export class ApiHttpError extends Error {
  readonly statusCode: number;
  readonly code: string;
  readonly details?: unknown;

  constructor(statusCode: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiHttpError';
    this.statusCode = statusCode;
    this.code = code;
    if (details !== undefined) this.details = details;
  }

  toBody(): ApiError {
    return {
      error: this.code,
      message: this.message,
      statusCode: this.statusCode,
      ...(this.details !== undefined ? { details: this.details } : {}),
    };
  }
}

/** Chinese names of parameters, for messages. */
const PARAMETER_LABELS: Readonly<Record<string, string>> = {
  documentId: '文件编号',
  departmentId: '部门编号',
  year: '年度',
  left: '左侧文件编号',
  right: '右侧文件编号',
  q: '检索词',
  minFen: '最小金额（分）',
  maxFen: '最大金额（分）',
  kind: '类型',
  limit: '每页条数',
  offset: '起始位置',
  what: '导出内容',
  name: '文件名',
};

const describeIssue = (issue: z.core.$ZodIssue): string => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.expected === 'number' || issue.expected === 'int' ? '应为整数' : `类型不对（应为 ${issue.expected}）`;
    case 'too_small':
      return issue.origin === 'string' ? `至少 ${String(issue.minimum)} 个字符` : `不能小于 ${String(issue.minimum)}`;
    case 'too_big':
      return issue.origin === 'string' ? `不能超过 ${String(issue.maximum)} 个字符` : `不能大于 ${String(issue.maximum)}`;
    case 'invalid_value':
      return `只能是 ${issue.values.map(String).join('、')} 之一`;
    case 'invalid_format':
      return `格式不对（${issue.format}）`;
    case 'custom':
      return issue.message;
    default:
      return '取值无效';
  }
};

/** A failed zod parse → 400 with every problem named. */
export const validationError = (where: 'path' | 'query' | 'body', error: z.ZodError): ApiHttpError => {
  const problems = error.issues.map((issue) => {
    const key = issue.path.map(String).join('.');
    const label = PARAMETER_LABELS[key];
    return { parameter: key, message: `参数「${key}」${label !== undefined ? `（${label}）` : ''}${describeIssue(issue)}` };
  });
  const place = where === 'path' ? '路径' : where === 'query' ? '查询' : '请求体';
  return new ApiHttpError(400, 'invalid-parameter', `${place}参数有误：${problems.map((p) => p.message).join('；')}`, { problems });
};

export const notFound = (what: string): ApiHttpError => new ApiHttpError(404, 'not-found', what);
