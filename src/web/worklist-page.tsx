/** 待办: the unpublished documents of the signed-in user's departments, with their review state. */
import type { ReactNode } from 'react';
import { STATUS_LABELS } from '#domain/workflow.ts';
import { worklist } from './account-api.ts';
import { ErrorNotice, Loading } from './common.tsx';
import { href } from './router.ts';
import { useSession } from './session.ts';
import { useAsync } from './use-async.ts';

export const WorklistPage = (): ReactNode => {
  const session = useSession();
  const state = useAsync((signal) => (session.user === null ? Promise.resolve([]) : worklist(signal)), [session.user?.userId]);
  if (!session.loaded) return <Loading />;
  if (session.user === null) {
    return (
      <div className="notice">
        待办需要登录。<a href={href.login()}>登录</a>
      </div>
    );
  }
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorNotice message={state.message} />;
  return (
    <div className="page">
      <section className="card">
        <h1>待办：未发布的文件</h1>
        {state.data.length === 0 ? <p className="muted">没有未发布的文件。</p> : null}
        <table className="worklist">
          <thead>
            <tr>
              <th>部门</th>
              <th>年度</th>
              <th>版本</th>
              <th>状态</th>
            </tr>
          </thead>
          <tbody>
            {state.data.map((w) => (
              <tr key={w.documentId} data-status={w.status}>
                <td>
                  <a href={href.document(w.documentId)}>{w.department}</a>
                </td>
                <td>{w.year ?? '—'}</td>
                <td>第 {w.version} 版</td>
                <td>
                  <span className={`status status-${w.status}`}>{STATUS_LABELS[w.status]}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
};
