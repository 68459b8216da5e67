/**
 * Project search: a query plus filters (department, year, amount range in 万元 converted to 分
 * exactly, kind). The form state lives in the URL, so a search can be linked and reloaded.
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import { listDepartments, searchProjects } from './api.ts';
import type { SearchHit, SearchParams } from './api.ts';
import { ErrorNotice, Loading } from './common.tsx';
import { fenToWanYuanInput, wanYuanExact, wanYuanInputToFen } from './format.ts';
import { href, navigate } from './router.ts';
import { useAsync } from './use-async.ts';

const PAGE_SIZE = 50;

const int = (s: string | undefined): number | undefined => (s !== undefined && /^-?\d+$/.test(s) ? Number(s) : undefined);

/** URL query → API parameters (amounts in the URL are already 分). */
export const searchParamsFromQuery = (q: Readonly<Record<string, string>>): SearchParams | undefined => {
  const text = (q.q ?? '').trim();
  if (text === '') return undefined;
  const departmentId = int(q.departmentId);
  const year = int(q.year);
  const minFen = int(q.minFen);
  const maxFen = int(q.maxFen);
  const offset = int(q.offset);
  const kind = q.kind === 'project' || q.kind === 'indicator' ? q.kind : undefined;
  return {
    q: text,
    ...(departmentId !== undefined ? { departmentId } : {}),
    ...(year !== undefined ? { year } : {}),
    ...(minFen !== undefined ? { minFen } : {}),
    ...(maxFen !== undefined ? { maxFen } : {}),
    ...(kind !== undefined ? { kind } : {}),
    limit: PAGE_SIZE,
    ...(offset !== undefined ? { offset } : {}),
  };
};

const SearchForm = ({ query }: { readonly query: Readonly<Record<string, string>> }): ReactNode => {
  const departments = useAsync((signal) => listDepartments(signal), []);
  const [q, setQ] = useState(query.q ?? '');
  const [departmentId, setDepartmentId] = useState(query.departmentId ?? '');
  const [year, setYear] = useState(query.year ?? '');
  const [kind, setKind] = useState(query.kind ?? '');
  const [minWan, setMinWan] = useState(query.minFen && int(query.minFen) !== undefined ? fenToWanYuanInput(Number(query.minFen)) : '');
  const [maxWan, setMaxWan] = useState(query.maxFen && int(query.maxFen) !== undefined ? fenToWanYuanInput(Number(query.maxFen)) : '');
  const minFen = wanYuanInputToFen(minWan);
  const maxFen = wanYuanInputToFen(maxWan);
  const badMin = minWan.trim() !== '' && minFen === undefined;
  const badMax = maxWan.trim() !== '' && maxFen === undefined;
  const deps = departments.status === 'ready' ? departments.data : [];
  const years = [...new Set(deps.flatMap((d) => d.years.map((y) => y.year)))].toSorted((a, b) => b - a);
  return (
    <form
      className="card search-form"
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        if (badMin || badMax || q.trim() === '') return;
        navigate(href.search({ q: q.trim(), departmentId, year, kind, minFen, maxFen }));
      }}
    >
      <div className="form-row">
        <label className="grow">
          关键词
          <input type="search" name="q" value={q} onChange={(e) => setQ(e.target.value)} placeholder="项目名称、内容或绩效指标，如：政务、巡检" />
        </label>
        <button type="submit" disabled={q.trim() === '' || badMin || badMax}>
          搜索
        </button>
      </div>
      <div className="form-row">
        <label>
          部门
          <select name="departmentId" value={departmentId} onChange={(e) => setDepartmentId(e.target.value)}>
            <option value="">全部部门</option>
            {deps.map((d) => (
              <option key={d.departmentId} value={String(d.departmentId)}>{d.name}</option>
            ))}
          </select>
        </label>
        <label>
          年度
          <select name="year" value={year} onChange={(e) => setYear(e.target.value)}>
            <option value="">全部年度</option>
            {years.map((y) => (
              <option key={y} value={String(y)}>{y}年</option>
            ))}
          </select>
        </label>
        <label>
          类型
          <select name="kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">项目与指标</option>
            <option value="project">仅项目</option>
            <option value="indicator">仅绩效指标</option>
          </select>
        </label>
        <label>
          金额下限（万元）
          <input name="minWan" inputMode="decimal" value={minWan} onChange={(e) => setMinWan(e.target.value)} className={badMin ? 'invalid' : undefined} size={10} />
        </label>
        <label>
          金额上限（万元）
          <input name="maxWan" inputMode="decimal" value={maxWan} onChange={(e) => setMaxWan(e.target.value)} className={badMax ? 'invalid' : undefined} size={10} />
        </label>
      </div>
      {badMin || badMax ? <p className="text-error">金额须为数字，最多六位小数（1 分 = 0.000001 万元）。</p> : null}
    </form>
  );
};

/** Split `text` around case-insensitive occurrences of `q`, marking the matches. */
export const markMatches = (text: string, q: string): { readonly text: string; readonly match: boolean }[] => {
  const needle = q.trim().toLowerCase();
  if (needle === '') return [{ text, match: false }];
  const out: { text: string; match: boolean }[] = [];
  const hay = text.toLowerCase();
  let from = 0;
  for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, from)) {
    if (at > from) out.push({ text: text.slice(from, at), match: false });
    out.push({ text: text.slice(at, at + needle.length), match: true });
    from = at + needle.length;
  }
  if (from < text.length) out.push({ text: text.slice(from), match: false });
  return out;
};

const Marked = ({ text, q }: { readonly text: string; readonly q: string }): ReactNode => (
  <>
    {markMatches(text, q).map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
  </>
);

const Hit = ({ h, q }: { readonly h: SearchHit; readonly q: string }): ReactNode => (
  <li className={`hit hit-${h.kind}`}>
    <div className="hit-head">
      <span className={`badge ${h.kind === 'project' ? 'badge-info' : 'badge-indicator'}`}>{h.kind === 'project' ? '项目' : '指标'}</span>
      <a href={href.document(h.documentId, h.project ? `project:${h.project}` : undefined)} className="hit-title">{h.project ? <Marked text={h.project} q={q} /> : '（未命名项目）'}</a>
      {h.amountFen !== undefined ? <span className="hit-amount">{wanYuanExact(h.amountFen)}</span> : null}
    </div>
    <div className="muted">
      {h.department}
      {h.year !== undefined ? ` · ${h.year}年` : ''}
    </div>
    <div className="snippet">
      <Marked text={h.snippet} q={q} />
    </div>
  </li>
);

const Results = ({ params, query }: { readonly params: SearchParams; readonly query: Readonly<Record<string, string>> }): ReactNode => {
  const key = JSON.stringify(params);
  const state = useAsync((signal) => searchProjects(params, signal), [key]);
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorNotice message={state.message} />;
  const { total, items, totalCapped } = state.data;
  const offset = params.offset ?? 0;
  return (
    <section className="card">
      <h2>
        搜索结果：共 {total}{totalCapped === true ? '+' : ''} 条{totalCapped === true ? '（结果过多，请加上部门、年度或金额条件缩小范围）' : ''}{total > items.length ? `（第 ${offset + 1}–${offset + items.length} 条）` : ''}
      </h2>
      {items.length === 0 ? <p className="muted">没有找到匹配的项目或指标。</p> : null}
      <ol className="hits">
        {items.map((h, i) => (
          <Hit key={`${h.documentId}-${h.kind}-${i}`} h={h} q={params.q} />
        ))}
      </ol>
      <div className="form-row">
        {offset > 0 ? <a href={href.search({ ...query, offset: Math.max(0, offset - PAGE_SIZE) })}>上一页</a> : null}
        {offset + items.length < total ? <a href={href.search({ ...query, offset: offset + PAGE_SIZE })}>下一页</a> : null}
      </div>
    </section>
  );
};

export const SearchPage = ({ query }: { readonly query: Readonly<Record<string, string>> }): ReactNode => {
  const params = searchParamsFromQuery(query);
  return (
    <div className="page search">
      <div className="page-head">
        <h1>项目搜索</h1>
        <p className="muted">在已入库的项目说明和绩效目标申报表中搜索。</p>
      </div>
      <SearchForm key={JSON.stringify(query)} query={query} />
      {params ? <Results params={params} query={query} /> : null}
    </div>
  );
};
