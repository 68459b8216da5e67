/**
 * zod schemas for every route's path and query parameters: validation at the edge, and the
 * source of the OpenAPI parameters (openapi.ts).
 */
import { z } from 'zod';

/** True when the text has no control characters (NUL and friends; tab excepted). */
const withoutControlCharacters = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return false;
  }
  return true;
};

/** Free text from a URL: bounded and free of control characters (a NUL breaks both databases). */
const plainText = (max: number) => z.string().trim().max(max).refine(withoutControlCharacters, { message: '不能含有控制字符（如 NUL）' });

const id = (description: string) => z.coerce.number().int().min(1).max(2_147_483_647).describe(description);

export const documentParams = z.object({ documentId: id('文件编号') });

export const departmentYearParams = z.object({
  departmentId: id('部门编号'),
  year: z.coerce.number().int().min(1990).max(2100).describe('预算年度'),
});

export const departmentYearQuery = z.object({
  kind: z.enum(['budget-disclosure', 'performance-declaration']).optional().describe('文件类型；缺省时优先部门预算'),
});

export const uploadQuery = z.object({
  name: plainText(255).optional().describe('文件名（记录用）'),
  baseVersion: z.coerce.number().int().min(0).max(1_000_000).optional().describe('上传者看到的该部门年度最新版本号（0 表示尚无）；已有更新的版本时回答 409，不覆盖'),
});

export const exportCsvQuery = z.object({
  what: z.enum(['cells', 'projects', 'indicators']).default('cells').describe('导出内容：表格单元格、项目或绩效指标'),
});

export const compareQuery = z.object({
  left: id('左侧（较早）文件编号'),
  right: id('右侧（较新）文件编号'),
});

const fenBound = (description: string) => z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional().describe(description);

export const searchQuery = z
  .object({
    q: plainText(100).default('').describe('检索词（子串匹配，中文可用，如 政务云、等保）'),
    departmentId: id('部门编号').optional(),
    year: z.coerce.number().int().min(1990).max(2100).optional().describe('预算年度'),
    minFen: fenBound('项目金额下限（分）'),
    maxFen: fenBound('项目金额上限（分）'),
    kind: z.enum(['project', 'indicator']).optional().describe('只检索项目或只检索绩效指标；缺省两者都查（项目在前）'),
    limit: z.coerce.number().int().min(1).max(200).default(20).describe('每页条数'),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0).describe('起始位置'),
  })
  .refine((v) => v.minFen === undefined || v.maxFen === undefined || v.minFen <= v.maxFen, {
    message: '最小金额不能大于最大金额',
    path: ['minFen'],
  });
