/** 用户管理 (admins): the users, a form to add one, disable/enable, and each user's audit trail. */
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { ROLE_LABELS } from '#domain/workflow.ts';
import { createUser, listUsers, updateUser, userAudit } from './account-api.ts';
import type { Role, UserView } from './account-api.ts';
import { listDepartments } from './api.ts';
import { AuditList } from './audit-list.tsx';
import { ErrorNotice, Loading } from './common.tsx';
import { href } from './router.ts';
import { useSession } from './session.ts';
import { errorMessage, useAsync } from './use-async.ts';

const scopeText = (u: UserView, names: ReadonlyMap<number, string>): string =>
  u.departments === 'all' ? '全部部门' : u.departments.map((d) => names.get(d) ?? `部门 ${d}`).join('、');

export const UsersPage = (): ReactNode => {
  const session = useSession();
  const [reload, setReload] = useState(0);
  const users = useAsync((signal) => listUsers(signal), [reload, session.user?.userId]);
  const departments = useAsync((signal) => listDepartments(signal), [session.user?.userId]);
  const [form, setForm] = useState<{ name: string; displayName: string; role: Role; departments: number[]; all: boolean; password: string }>({
    name: '',
    displayName: '',
    role: 'editor',
    departments: [],
    all: false,
    password: '',
  });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>(undefined);

  if (!session.loaded) return <Loading />;
  if (session.user?.role !== 'admin') return <ErrorNotice message="只有管理员可以管理用户。" />;
  if (users.status === 'loading' || departments.status === 'loading') return <Loading />;
  if (users.status === 'error') return <ErrorNotice message={users.message} />;
  const deps = departments.status === 'ready' ? departments.data : [];
  const names = new Map(deps.map((d) => [d.departmentId, d.name]));

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    try {
      const u = await createUser({
        name: form.name,
        ...(form.displayName !== '' ? { displayName: form.displayName } : {}),
        role: form.role,
        departments: form.role === 'reviewer' && form.all ? 'all' : form.departments,
        password: form.password,
      });
      setMessage({ ok: true, text: `已新建用户 ${u.name}` });
      setForm({ ...form, name: '', displayName: '', password: '' });
      setReload((r) => r + 1);
    } catch (x) {
      setMessage({ ok: false, text: errorMessage(x) });
    }
  };

  const toggle = async (u: UserView): Promise<void> => {
    try {
      await updateUser(u.userId, { disabled: !u.disabled });
      setReload((r) => r + 1);
    } catch (x) {
      setMessage({ ok: false, text: errorMessage(x) });
    }
  };

  return (
    <div className="page">
      <section className="card">
        <h1>用户管理</h1>
        <table className="users-table">
          <thead>
            <tr>
              <th>用户名</th>
              <th>显示名</th>
              <th>角色</th>
              <th>负责部门</th>
              <th>状态</th>
              <th>操作</th>
            </tr>
          </thead>
          <tbody>
            {users.data.map((u) => (
              <tr key={u.userId}>
                <td>{u.name}</td>
                <td>{u.displayName}</td>
                <td>{ROLE_LABELS[u.role]}</td>
                <td>{scopeText(u, names)}</td>
                <td>{u.disabled ? '已停用' : '正常'}</td>
                <td>
                  <a href={href.userAudit(u.userId)}>操作记录</a>{' '}
                  {u.userId !== session.user?.userId ? (
                    <button type="button" className="link-button" onClick={() => void toggle(u)}>
                      {u.disabled ? '启用' : '停用'}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card">
        <h2>新建用户</h2>
        <form className="user-form" onSubmit={(e) => void submit(e)}>
          <label>
            用户名
            <input name="new-name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} required />
          </label>
          <label>
            显示名
            <input name="new-display-name" value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} />
          </label>
          <label>
            角色
            <select name="new-role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as Role })}>
              <option value="editor">{ROLE_LABELS.editor}</option>
              <option value="reviewer">{ROLE_LABELS.reviewer}</option>
              <option value="admin">{ROLE_LABELS.admin}</option>
            </select>
          </label>
          {form.role === 'reviewer' ? (
            <label className="inline">
              <input type="checkbox" checked={form.all} onChange={(e) => setForm({ ...form, all: e.target.checked })} /> 全部部门
            </label>
          ) : null}
          {form.role !== 'admin' && !(form.role === 'reviewer' && form.all) ? (
            <label>
              负责部门
              <select
                name="new-departments"
                multiple
                value={form.departments.map(String)}
                onChange={(e) => setForm({ ...form, departments: [...e.target.selectedOptions].map((o) => Number(o.value)) })}
              >
                {deps.map((d) => (
                  <option key={d.departmentId} value={d.departmentId}>
                    {d.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label>
            初始密码（至少 8 个字符）
            <input name="new-password" type="password" autoComplete="new-password" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} required />
          </label>
          <button type="submit">新建</button>
          {message !== undefined ? <p className={message.ok ? 'text-ok' : 'text-error'}>{message.text}</p> : null}
        </form>
      </section>
    </div>
  );
};

export const UserAuditPage = ({ userId }: { readonly userId: number }): ReactNode => {
  const state = useAsync((signal) => userAudit(userId, signal), [userId]);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorNotice message={state.message} />;
  return (
    <div className="page">
      <section className="card">
        <h1>用户 {userId} 的操作记录</h1>
        <p>
          <a href={href.users()}>返回用户管理</a>
        </p>
        <AuditList entries={state.data} />
      </section>
    </div>
  );
};
