/** An audit trail as a table: when, who, what, before → after (all text, escaped by React). */
import type { ReactNode } from 'react';
import type { AuditEntry } from './account-api.ts';

const ACTION_LABELS: Readonly<Record<string, string>> = {
  'document.import': '导入/上传',
  'document.transition': '审核流转',
  'comment.add': '审核意见',
  'draft.create': '新建草稿',
  'draft.save': '保存草稿',
  'draft.submit': '提交草稿',
  'draft.reopen': '草稿退回修改',
  'user.create': '新建用户',
  'user.update': '修改用户',
};

const STATUS_WORDS: Readonly<Record<string, string>> = { draft: '草稿', submitted: '已提交', returned: '已退回', approved: '已批准', published: '已发布' };

/** A compact one-line description of a before/after value. */
const describe = (v: unknown): string => {
  if (v === null || v === undefined) return '—';
  if (typeof v !== 'object') return String(v);
  return Object.entries(v as Record<string, unknown>)
    .map(([k, x]) => `${k}: ${typeof x === 'string' && STATUS_WORDS[x] !== undefined && k === 'status' ? STATUS_WORDS[x] : typeof x === 'object' ? JSON.stringify(x) : String(x)}`)
    .join('；');
};

const time = (iso: string): string => iso.replace('T', ' ').slice(0, 19);

export const AuditList = ({ entries }: { readonly entries: readonly AuditEntry[] }): ReactNode =>
  entries.length === 0 ? (
    <p className="muted">暂无记录。</p>
  ) : (
    <table className="audit-table">
      <thead>
        <tr>
          <th>时间（UTC）</th>
          <th>操作人</th>
          <th>操作</th>
          <th>之前</th>
          <th>之后</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.id} data-action={e.action}>
            <td>{time(e.at)}</td>
            <td>{e.actorName}</td>
            <td>{ACTION_LABELS[e.action] ?? e.action}</td>
            <td className="audit-value">{describe(e.before)}</td>
            <td className="audit-value">{describe(e.after)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
