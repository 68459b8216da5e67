/** The header's account corner: 登录 for the public; the user's name, 待办, 用户管理 (admins) and 退出 once signed in. */
import type { ReactNode } from 'react';
import { ROLE_LABELS } from '#domain/workflow.ts';
import { href, navigate } from './router.ts';
import { signOut, useSession } from './session.ts';
import './access.css';

export const UserMenu = ({ active }: { readonly active: string }): ReactNode => {
  const session = useSession();
  if (!session.loaded) return <div className="usermenu" />;
  if (session.user === null) {
    return (
      <nav className="usermenu" aria-label="账号">
        <a href={href.login()} className={active === 'login' ? 'active' : undefined}>
          登录
        </a>
      </nav>
    );
  }
  const u = session.user;
  return (
    <nav className="usermenu" aria-label="账号">
      <a href={href.worklist()} className={active === 'worklist' ? 'active' : undefined}>
        待办
      </a>
      {u.role === 'admin' ? (
        <a href={href.users()} className={active === 'users' || active === 'user-audit' ? 'active' : undefined}>
          用户管理
        </a>
      ) : null}
      <span className="whoami" title={ROLE_LABELS[u.role]}>
        {u.displayName}（{ROLE_LABELS[u.role]}）
      </span>
      <button
        type="button"
        className="link-button"
        onClick={() => {
          void signOut().then(() => navigate(href.home()));
        }}
      >
        退出
      </button>
    </nav>
  );
};
