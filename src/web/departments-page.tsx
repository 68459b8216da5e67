/**
 * Home: every stored department with its years, totals and finding counts; a department with
 * two or more budget years gets a link to compare its latest two side by side.
 */
import type { ReactNode } from 'react';
import { isDocumentStatus, STATUS_LABELS } from '#domain/workflow.ts';
import { listDepartments } from './api.ts';
import type { DepartmentSummary, DepartmentYear } from './api.ts';
import { ErrorNotice, Loading } from './common.tsx';
import { findingCountsText, wanYuanFigure, yuan } from './format.ts';
import { href } from './router.ts';
import { useAsync } from './use-async.ts';

const KIND_LABEL: Readonly<Record<DepartmentYear['kind'], string>> = {
  'budget-disclosure': '部门预算',
  'performance-declaration': '绩效目标申报',
};

const yearHref = (d: DepartmentSummary, y: DepartmentYear): string =>
  y.kind === 'budget-disclosure' ? href.departmentYear(d.departmentId, y.year) : href.document(y.documentId);

/** The latest two budget years, older first, when there are two. */
export const comparableYears = (d: DepartmentSummary): readonly [DepartmentYear, DepartmentYear] | undefined => {
  const budgets = d.years.filter((y) => y.kind === 'budget-disclosure').toSorted((a, b) => a.year - b.year);
  const right = budgets.at(-1);
  const left = budgets.at(-2);
  return left && right ? [left, right] : undefined;
};

const DepartmentCard = ({ d }: { readonly d: DepartmentSummary }): ReactNode => {
  const pair = comparableYears(d);
  const years = d.years.toSorted((a, b) => b.year - a.year || a.kind.localeCompare(b.kind));
  return (
    <section className="card department" data-department={d.name}>
      <div className="card-head">
        <h2>{d.name}</h2>
        {d.district ? <span className="muted">{d.district}</span> : null}
        {pair ? (
          <a className="button secondary" href={href.compare(pair[0].documentId, pair[1].documentId)}>
            对比 {pair[0].year} 与 {pair[1].year} 年
          </a>
        ) : null}
      </div>
      <table className="grid compact">
        <thead>
          <tr>
            <th>年度</th>
            <th>类型</th>
            <th className="num">收入总计（万元）</th>
            <th className="num">支出总计（万元）</th>
            <th className="num">基本支出（万元）</th>
            <th className="num">项目支出（万元）</th>
            <th className="num">项目数</th>
            <th>审核发现</th>
          </tr>
        </thead>
        <tbody>
          {years.map((y) => (
            <tr key={`${y.year}-${y.kind}-${y.documentId}`}>
              <td>
                <a href={yearHref(d, y)}>{y.year} 年</a>
                {y.version > 1 ? <span className="muted"> · 第{y.version}版</span> : null}
                {y.status !== undefined && y.status !== 'published' && isDocumentStatus(y.status) ? <span className={`status status-${y.status}`}> {STATUS_LABELS[y.status]}</span> : null}
              </td>
              <td>{KIND_LABEL[y.kind]}</td>
              <td className="num" title={yuan(y.revenueTotalFen)}>{wanYuanFigure(y.revenueTotalFen)}</td>
              <td className="num" title={yuan(y.expenditureTotalFen)}>{wanYuanFigure(y.expenditureTotalFen)}</td>
              <td className="num">{wanYuanFigure(y.basicFen)}</td>
              <td className="num">{wanYuanFigure(y.projectFen)}</td>
              <td className="num">{y.projectCount}</td>
              <td>
                <span className={y.findings.error > 0 ? 'text-error' : y.findings.warning > 0 ? 'text-warning' : 'text-ok'}>
                  {findingCountsText(y.findings)}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
};

export const DepartmentsPage = (): ReactNode => {
  const state = useAsync((signal) => listDepartments(signal), []);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorNotice message={state.message} />;
  const departments = state.data.toSorted((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  return (
    <div className="page">
      <div className="page-head">
        <h1>部门列表</h1>
        <p className="muted">
          共 {departments.length} 个部门。<a href={href.upload()}>上传新的预算公开文件</a>
        </p>
      </div>
      {departments.length === 0 ? (
        <div className="notice">尚无数据。请先<a href={href.upload()}>上传</a>部门预算或绩效目标申报文件。</div>
      ) : (
        departments.map((d) => <DepartmentCard key={d.departmentId} d={d} />)
      )}
    </div>
  );
};
