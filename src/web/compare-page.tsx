/**
 * Two documents side by side (two years of one department, or two departments): every table
 * figure with its change and percent, filterable by table, and the projects matched by name.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import { fen, subFen, TABLE_STANDARD_NAMES } from '#domain/index.ts';
import type { TableNumber } from '#domain/index.ts';
import { compareDocuments, listDepartments } from './api.ts';
import type { Comparison, ComparisonRow, DepartmentSummary } from './api.ts';
import { ErrorNotice, Loading } from './common.tsx';
import { signedPercent, signedYuan, wanYuan, wanYuanExact, yuan } from './format.ts';
import { href, navigate } from './router.ts';
import { useAsync } from './use-async.ts';

const sideLabel = (s: Comparison['left']): string => `${s.department}${s.year !== undefined ? ` ${s.year}年` : ''}`;

/** Column headers: the year alone when both sides are the same department. */
const shortLabel = (c: Comparison, side: 'left' | 'right'): string =>
  c.left.department === c.right.department && c[side].year !== undefined ? `${c[side].year}年` : sideLabel(c[side]);

const changeClass = (f: number | undefined): string | undefined =>
  f === undefined || f === 0 ? undefined : f > 0 ? 'up' : 'down';

/** Project change in 分 when both sides have an amount (integer subtraction of 分). */
const projectChange = (l: number | undefined, r: number | undefined): number | undefined =>
  l !== undefined && r !== undefined ? subFen(fen(r), fen(l)) : undefined;

const Picker = ({ left, right }: { readonly left: number | undefined; readonly right: number | undefined }): ReactNode => {
  const state = useAsync((signal) => listDepartments(signal), []);
  const [l, setL] = useState(left !== undefined ? String(left) : '');
  const [r, setR] = useState(right !== undefined ? String(right) : '');
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorNotice message={state.message} />;
  const options = state.data.flatMap((d: DepartmentSummary) =>
    d.years
      .filter((y) => y.kind === 'budget-disclosure')
      .map((y) => ({ value: String(y.documentId), label: `${d.name} ${y.year}年` })),
  );
  return (
    <form
      className="card form-row"
      onSubmit={(e) => {
        e.preventDefault();
        if (l && r) navigate(href.compare(Number(l), Number(r)));
      }}
    >
      <label>
        左（基准）
        <select value={l} onChange={(e) => setL(e.target.value)} name="left">
          <option value="">请选择</option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>{o.label}</option>
          ))}
        </select>
      </label>
      <label>
        右（对比）
        <select value={r} onChange={(e) => setR(e.target.value)} name="right">
          <option value="">请选择</option>
          {/* A document is not compared with itself. */}
          {options
            .filter((o) => o.value !== l)
            .map((o) => (
              <option key={o.value} value={o.value}>{o.label}</option>
            ))}
        </select>
      </label>
      <button type="submit" disabled={!l || !r || l === r}>
        对比
      </button>
    </form>
  );
};

const RowsTable = ({ rows, c }: { readonly rows: readonly ComparisonRow[]; readonly c: Comparison }): ReactNode => (
  <div className="table-scroll">
    <table className="grid compare-table">
      <thead>
        <tr>
          <th>表</th>
          <th>编码/项目</th>
          <th>名称</th>
          <th>列</th>
          <th className="num">{shortLabel(c, 'left')}（元）</th>
          <th className="num">{shortLabel(c, 'right')}（元）</th>
          <th className="num">变化额（元）</th>
          <th className="num">变化率</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={`${r.table}-${r.key}-${r.column}-${i}`} className={r.key === '合计' || /总计$/.test(r.key) ? 'total' : undefined}>
            <td className="nowrap">表{r.table}</td>
            <td className="code">{r.key === r.name ? '' : r.key}</td>
            <td>{r.name}</td>
            <td className="nowrap">{r.column}</td>
            <td className="num">{yuan(r.leftFen)}</td>
            <td className="num">{yuan(r.rightFen)}</td>
            <td className={`num ${changeClass(r.changeFen) ?? ''}`}>
              {r.changeFen !== undefined ? signedYuan(r.changeFen) : r.leftFen === undefined ? '新增' : r.rightFen === undefined ? '无' : ''}
            </td>
            <td className={`num ${changeClass(r.changeFen) ?? ''}`}>{signedPercent(r.changeHundredths)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

const ComparisonView = ({ c, table, left, right }: { readonly c: Comparison; readonly table: number | undefined; readonly left: number; readonly right: number }): ReactNode => {
  const [changedOnly, setChangedOnly] = useState(false);
  const tables = [...new Set(c.rows.map((r) => r.table))].toSorted((a, b) => a - b);
  const rows = c.rows.filter((r) => (table === undefined || r.table === table) && (!changedOnly || r.changeFen !== 0));
  const totalChange = projectChange(c.left.expenditureTotalFen, c.right.expenditureTotalFen);
  return (
    <>
      <section className="card">
        <h2>
          {sideLabel(c.left)} ⇄ {sideLabel(c.right)}
        </h2>
        <div className="stats">
          <div className="stat">
            <div className="stat-label">{shortLabel(c, 'left')} 支出总计</div>
            <div className="stat-value">{wanYuan(c.left.expenditureTotalFen)}</div>
          </div>
          <div className="stat">
            <div className="stat-label">{shortLabel(c, 'right')} 支出总计</div>
            <div className="stat-value">{wanYuan(c.right.expenditureTotalFen)}</div>
          </div>
          <div className="stat">
            <div className="stat-label">变化</div>
            <div className={`stat-value ${changeClass(totalChange) ?? ''}`}>{totalChange !== undefined ? `${totalChange > 0 ? '+' : ''}${wanYuan(totalChange)}` : '—'}</div>
          </div>
        </div>
        <div className="doc-links">
          <a href={href.document(c.left.documentId)}>查看 {shortLabel(c, 'left')}</a>
          <a href={href.document(c.right.documentId)}>查看 {shortLabel(c, 'right')}</a>
          <a href={href.compare(right, left, table)}>左右互换</a>
        </div>
      </section>
      <section className="card">
        <div className="form-row">
          <label>
            按表筛选
            <select
              name="table"
              value={table !== undefined ? String(table) : ''}
              onChange={(e) => navigate(href.compare(left, right, e.target.value === '' ? undefined : Number(e.target.value)))}
            >
              <option value="">全部表</option>
              {tables.map((t) => (
                <option key={t} value={String(t)}>
                  表{t} {TABLE_STANDARD_NAMES[t as TableNumber] ?? ''}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={changedOnly} onChange={(e) => setChangedOnly(e.target.checked)} />
            仅显示有变化的行
          </label>
          <span className="muted">共 {rows.length} 行</span>
        </div>
        <RowsTable rows={rows} c={c} />
      </section>
      <section className="card">
        <h2>项目（按名称匹配，{c.projects.length} 个）</h2>
        <table className="grid compact">
          <thead>
            <tr>
              <th>项目名称</th>
              <th className="num">{shortLabel(c, 'left')}</th>
              <th className="num">{shortLabel(c, 'right')}</th>
              <th className="num">变化</th>
            </tr>
          </thead>
          <tbody>
            {c.projects.map((p, i) => {
              const ch = projectChange(p.leftFen, p.rightFen);
              return (
                <tr key={`${p.name}-${i}`}>
                  <td>{p.name}</td>
                  <td className="num">{p.leftFen !== undefined ? wanYuanExact(p.leftFen) : '—'}</td>
                  <td className="num">{p.rightFen !== undefined ? wanYuanExact(p.rightFen) : '—'}</td>
                  <td className={`num ${changeClass(ch) ?? ''}`}>
                    {ch !== undefined ? `${ch > 0 ? '+' : ''}${wanYuanExact(ch)}` : p.leftFen === undefined ? '新增' : '取消'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </>
  );
};

const Loaded = ({ left, right, table }: { readonly left: number; readonly right: number; readonly table: number | undefined }): ReactNode => {
  const state = useAsync((signal) => compareDocuments(left, right, signal), [left, right]);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorNotice message={state.message} />;
  return <ComparisonView c={state.data} table={table} left={left} right={right} />;
};

export const ComparePage = ({ left, right, table }: { readonly left: number | undefined; readonly right: number | undefined; readonly table: number | undefined }): ReactNode => (
  <div className="page compare">
    <div className="page-head">
      <h1>对比视图</h1>
      <p className="muted">选择两份部门预算（同一部门的两个年度，或两个部门）逐项对比。</p>
    </div>
    <Picker key={`${left ?? ''}-${right ?? ''}`} left={left} right={right} />
    {left !== undefined && right !== undefined ? <Loaded left={left} right={right} table={table} /> : null}
  </div>
);
