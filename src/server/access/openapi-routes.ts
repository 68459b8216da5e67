/** OpenAPI entries of the accounts, workflow and audit routes (issue 13). */
import { z } from 'zod';
import type { RouteDoc } from '../openapi.ts';

const json = (schema: Record<string, unknown>) => ({ 'application/json': { schema } });
const error = (description: string) => ({ description, content: json({ $ref: '#/components/schemas/ApiError' }) });
const anyObject = { type: 'object' };
const documentParams = z.object({ documentId: z.coerce.number().int().min(1).describe('文件编号') });
const userParams = z.object({ userId: z.coerce.number().int().min(1).describe('用户编号') });
const signedIn = { '401': error('未登录'), '403': error('无权操作（角色或部门范围），或缺少 CSRF 令牌') };

export const ACCESS_ROUTE_DOCS: readonly RouteDoc[] = [
  {
    method: 'post',
    path: '/api/auth/login',
    summary: '登录：{name, password}（JSON）→ 设置 HTTP-only 会话 Cookie，返回用户与 csrfToken（此后每个写请求带 x-csrf-token 头）',
    requestBody: { required: true, content: json({ type: 'object', properties: { name: { type: 'string' }, password: { type: 'string' } }, required: ['name', 'password'] }) },
    responses: { '200': { description: '已登录', content: json(anyObject) }, '401': error('用户名或密码不正确'), '415': error('请求不是 JSON'), '429': error('登录失败次数过多') },
  },
  { method: 'post', path: '/api/auth/logout', summary: '退出登录', responses: { '200': { description: '已退出', content: json(anyObject) }, ...signedIn } },
  { method: 'get', path: '/api/auth/me', summary: '当前用户（未登录时 user 为 null）与 csrfToken', responses: { '200': { description: '当前用户', content: json(anyObject) } } },
  { method: 'get', path: '/api/users', summary: '用户列表（管理员）', responses: { '200': { description: '用户', content: json({ type: 'array' }) }, ...signedIn } },
  {
    method: 'post',
    path: '/api/users',
    summary: '新建用户（管理员）：{name, password, role: editor|reviewer|admin, departments: "all" | [部门编号], displayName?}',
    requestBody: { required: true, content: json(anyObject) },
    responses: { '201': { description: '已新建', content: json(anyObject) }, '400': error('用户名、密码、角色或部门有误'), '409': error('用户名已被使用'), ...signedIn },
  },
  {
    method: 'patch',
    path: '/api/users/{userId}',
    summary: '修改用户（管理员）：角色、部门、停用、重设密码；该用户的会话随之结束',
    params: userParams,
    requestBody: { required: true, content: json(anyObject) },
    responses: { '200': { description: '已修改', content: json(anyObject) }, '404': error('没有该用户'), ...signedIn },
  },
  { method: 'get', path: '/api/users/{userId}/audit', summary: '用户的操作记录与其账号的变更（管理员）', params: userParams, responses: { '200': { description: '审计记录', content: json({ type: 'array' }) }, '404': error('没有该用户'), ...signedIn } },
  { method: 'get', path: '/api/worklist', summary: '待办：登录用户负责部门中未发布的文件（每个系列的最新版本）', responses: { '200': { description: '文件', content: json({ type: 'array' }) }, ...signedIn } },
  {
    method: 'get',
    path: '/api/documents/{documentId}/workflow',
    summary: '文件的审核状态、修订号（revision）与审核意见',
    params: documentParams,
    responses: { '200': { description: '审核状态', content: json(anyObject) }, '404': error('没有该文件'), ...signedIn },
  },
  {
    method: 'post',
    path: '/api/documents/{documentId}/transitions',
    summary: '审核流转：{action: submit|return|approve|publish, revision}；revision 过期时 409 并给出他人的修改',
    params: documentParams,
    requestBody: { required: true, content: json(anyObject) },
    responses: { '200': { description: '新状态', content: json(anyObject) }, '404': error('没有该文件'), '409': error('状态不允许该操作，退回时没有审核意见，或 revision 已过期（stale-revision，details.changes）'), ...signedIn },
  },
  {
    method: 'post',
    path: '/api/documents/{documentId}/comments',
    summary: '审核意见：{anchor: {kind: cell, table, row, column} | {kind: line, line, quote?} | {kind: finding, rule, index} | {kind: document}, body, revision}',
    params: documentParams,
    requestBody: { required: true, content: json(anyObject) },
    responses: { '201': { description: '新状态（含意见）', content: json(anyObject) }, '404': error('没有该文件'), '409': error('revision 已过期，或文件已发布'), ...signedIn },
  },
  {
    method: 'get',
    path: '/api/documents/{documentId}/audit',
    summary: '文件的审计记录（导入、流转、意见；谁、何时、之前与之后），只增不改',
    params: documentParams,
    responses: { '200': { description: '审计记录', content: json({ type: 'array' }) }, '404': error('没有该文件'), ...signedIn },
  },
];
