/** 登录: user name and password; on success back to where the user came from (or the work list). */
import { useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { href, navigate } from './router.ts';
import { signIn, signOut, useSession } from './session.ts';
import { errorMessage } from './use-async.ts';

export const LoginPage = (): ReactNode => {
  const session = useSession();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await signIn(name, password);
      setPassword('');
      navigate(href.worklist());
    } catch (x) {
      setError(errorMessage(x));
    } finally {
      setBusy(false);
    }
  };

  if (session.user !== null) {
    return (
      <div className="page">
        <section className="card">
          <h1>已登录</h1>
          <p>
            您已以 {session.user.displayName}（{session.user.name}）身份登录。<a href={href.worklist()}>查看待办</a>
          </p>
          <button type="button" onClick={() => void signOut()}>
            退出登录
          </button>
        </section>
      </div>
    );
  }
  return (
    <div className="page">
      <section className="card login-card">
        <h1>登录</h1>
        <p className="muted">部门编辑、财政审核人员和管理员登录后可上传、提交和审核文件；公众无需登录即可查阅已发布的文件。</p>
        <form onSubmit={(e) => void submit(e)} className="login-form">
          <label>
            用户名
            <input name="username" autoComplete="username" value={name} onChange={(e) => setName(e.target.value)} required />
          </label>
          <label>
            密码
            <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
          </label>
          <button type="submit" disabled={busy}>
            {busy ? '正在登录…' : '登录'}
          </button>
          {error !== undefined ? (
            <p className="text-error" role="alert">
              {error}
            </p>
          ) : null}
        </form>
      </section>
    </div>
  );
};
