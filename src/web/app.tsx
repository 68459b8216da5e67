/**
 * The application shell: a header with the main sections and the page for the current hash route.
 */
import type { ReactNode } from 'react';
import { ComparePage } from './compare-page.tsx';
import { DepartmentsPage } from './departments-page.tsx';
import { DocumentPage } from './document-page.tsx';
import { href, useRoute } from './router.ts';
import type { Route } from './router.ts';
import { SearchPage } from './search-page.tsx';
import { UploadPage } from './upload-page.tsx';
import { DraftPage } from './draft-page.tsx';
import { DraftsPage } from './drafts-page.tsx';
import { LoginPage } from './login-page.tsx';
import { UserMenu } from './user-menu.tsx';
import { UserAuditPage, UsersPage } from './users-page.tsx';
import { WorklistPage } from './worklist-page.tsx';

const NAV: readonly { readonly page: Route['page']; readonly label: string; readonly to: string }[] = [
  { page: 'home', label: '部门列表', to: href.home() },
  { page: 'search', label: '项目搜索', to: href.search() },
  { page: 'compare', label: '对比', to: href.compare() },
  { page: 'upload', label: '上传文件', to: href.upload() },
  { page: 'drafts', label: '编制草稿', to: href.drafts() },
];

const pageFor = (route: Route): ReactNode => {
  switch (route.page) {
    case 'home':
      return <DepartmentsPage />;
    case 'department-year':
      return <DocumentPage source={{ departmentId: route.departmentId, year: route.year }} focus={route.focus} />;
    case 'document':
      return <DocumentPage source={{ documentId: route.documentId }} focus={route.focus} />;
    case 'compare':
      return <ComparePage left={route.left} right={route.right} table={route.table} />;
    case 'search':
      return <SearchPage query={route.query} />;
    case 'upload':
      return <UploadPage />;
    case 'drafts':
      return <DraftsPage />;
    case 'draft':
      return <DraftPage draftId={route.draftId} />;
    case 'login':
      return <LoginPage />;
    case 'worklist':
      return <WorklistPage />;
    case 'users':
      return <UsersPage />;
    case 'user-audit':
      return <UserAuditPage userId={route.userId} />;
    case 'not-found':
      return (
        <div className="notice error">
          页面不存在：{route.path}。<a href={href.home()}>返回部门列表</a>
        </div>
      );
  }
};

export const App = (): ReactNode => {
  const route = useRoute();
  const active = route.page === 'department-year' || route.page === 'document' ? 'home' : route.page === 'draft' ? 'drafts' : route.page;
  return (
    <div className="app">
      <header className="masthead">
        <div className="masthead-inner">
          <a className="brand" href={href.home()}>
            <span className="brand-mark">预</span>
            <span>
              <strong>部门预算公开</strong>
              <small>查阅 · 审核 · 对比</small>
            </span>
          </a>
          <nav className="mainnav" aria-label="主导航">
            {NAV.map((n) => (
              <a key={n.page} href={n.to} className={n.page === active ? 'active' : undefined}>
                {n.label}
              </a>
            ))}
          </nav>
          <UserMenu active={active} />
        </div>
      </header>
      <main className="content">{pageFor(route)}</main>
      <footer className="footer">金额以“分”为单位精确存储；表格单位为元，汇总单位为万元。</footer>
    </div>
  );
};
