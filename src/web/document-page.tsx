/**
 * One document: a department-year's budget disclosure (or a performance declaration) with its
 * header and totals, findings, charts, the nine tables, the narrative and the projects.
 * `focus` (a DOM id from the URL) scrolls to and highlights a cell once the page has rendered.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { Finding, SourceLocation } from '#domain/index.ts';
import { exportUrl, getDepartmentYear, getDocument, getDocumentVersions } from './api.ts';
import type { DocumentDetail } from './api.ts';
import { BudgetTableView, FlaggedCells } from './budget-tables.tsx';
import { documentTotals, isBudget } from './chart-data.ts';
import { ChartsPanel } from './charts-panel.tsx';
import { ErrorNotice, Loading, Stat } from './common.tsx';
import { ExplanationSection, OtherInformationSection, projectEntries, ProjectsSection } from './document-sections.tsx';
import type { ProjectEntry } from './document-sections.tsx';
import { FindingsList } from './findings-list.tsx';
import { PublishLinks } from './publish-links.tsx';
import { ShowSourcePage, SourcePageViewer } from './source-page.tsx';
import type { SourcePageRequest } from './source-page.tsx';
import { shortDateTime, wanYuan, wanYuanExact } from './format.ts';
import { href } from './router.ts';
import { flaggedCells, focusCandidates, SECTION_IDS, tableId } from './table-layout.ts';
import { useAsync } from './use-async.ts';
import { ReviewPanel } from './review-panel.tsx';

export type DocumentSource = { readonly documentId: number } | { readonly departmentId: number; readonly year: number };

const FOCUSED = 'focused';

/** Scroll to an element, opening any collapsed <details> around it, and mark it. */
const focusElement = (el: HTMLElement): void => {
  for (let p: HTMLElement | null = el; p; p = p.parentElement) {
    if (p instanceof HTMLDetailsElement) p.open = true;
  }
  for (const old of document.querySelectorAll(`.${FOCUSED}`)) old.classList.remove(FOCUSED);
  el.classList.add(FOCUSED);
  // A cell sits in the middle of the screen; a project or section starts at the top.
  el.scrollIntoView({ block: el instanceof HTMLTableCellElement || el instanceof HTMLTableRowElement ? 'center' : 'start', behavior: 'auto' });
};

/** The element a location points at: the most specific candidate id present on the page. */
/**
 * A narrative finding located by line lands on the item or sentence showing that line: the element
 * of its section whose `data-line`…`data-line-to` span holds the line, else the nearest one above
 * it within a few lines. Undefined when none is near (the section itself is then the target).
 */
const elementForLine = (loc: SourceLocation): HTMLElement | undefined => {
  const sectionId = loc.section === 'explanation' ? SECTION_IDS.explanation : loc.section === 'other-information' ? SECTION_IDS.otherInformation : undefined;
  if (sectionId === undefined || loc.table !== undefined || loc.line <= 0) return undefined;
  let best: { el: HTMLElement; distance: number } | undefined;
  for (const el of document.querySelectorAll<HTMLElement>(`#${sectionId} [data-line]`)) {
    const from = Number(el.dataset['line']);
    const to = Math.max(from, Number(el.dataset['lineTo'] ?? from));
    const distance = loc.line >= from && loc.line <= to ? 0 : loc.line > to ? loc.line - to : Number.POSITIVE_INFINITY;
    if (distance <= 4 && (best === undefined || distance < best.distance)) best = { el, distance };
  }
  return best?.el;
};

const elementFor = (loc: SourceLocation, entries: readonly ProjectEntry[]): HTMLElement | undefined => {
  const byLine = elementForLine(loc);
  if (byLine) return byLine;
  const byName = (name: string): number | undefined => {
    const squeeze = (s: string): string => s.replace(/\s+/g, '');
    const i = entries.findIndex((e) => squeeze(e.name) === squeeze(name));
    return i >= 0 ? i : undefined;
  };
  for (const id of focusCandidates(loc, byName)) {
    // A location with a column but no row (table 9 has one row) names that column's cell.
    if (loc.table !== undefined && id === tableId(loc.table) && loc.column !== undefined && loc.row === undefined) {
      const cell = document.querySelector<HTMLElement>(`#${tableId(loc.table)} td[data-column="${CSS.escape(loc.column)}"]`);
      if (cell) return cell;
    }
    const el = document.getElementById(id);
    if (el) return el;
  }
  return undefined;
};

/** Stored versions of this document, loaded when the list is opened. */
const VersionList = ({ documentId }: { readonly documentId: number }): ReactNode => {
  const state = useAsync((signal) => getDocumentVersions(documentId, signal), [documentId]);
  if (state.status === 'loading') return <p className="muted">正在加载…</p>;
  if (state.status === 'error') return <p className="text-error">{state.message}</p>;
  return (
    <ul className="versions">
      {state.data.map((v) => (
        <li key={v.documentId}>
          <a href={href.document(v.documentId)}>第 {v.version} 版</a>
          <span className="muted">
            {' '}
            · 导入于 {shortDateTime(v.importedAt)}
            {v.sourceName ? ` · ${v.sourceName}` : ''} · SHA-256 {v.sha256.slice(0, 12)}…
          </span>
        </li>
      ))}
    </ul>
  );
};

const Versions = ({ documentId }: { readonly documentId: number }): ReactNode => {
  const [open, setOpen] = useState(false);
  return (
    <details className="versions-box" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>版本历史</summary>
      {open ? <VersionList documentId={documentId} /> : null}
    </details>
  );
};

const KIND_TITLE: Readonly<Record<DocumentDetail['kind'], string>> = {
  'budget-disclosure': '部门预算',
  'performance-declaration': '财政支出项目绩效目标申报表',
};

const Header = ({ d }: { readonly d: DocumentDetail }): ReactNode => {
  const totals = isBudget(d) ? documentTotals(d.model) : {};
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of d.findings) counts[f.severity]++;
  const sortedOthers = d.otherYears.toSorted((a, b) => a.year - b.year);
  return (
    <section className="card doc-header" id={SECTION_IDS.header}>
      <div className="doc-title">
        <h1>
          {d.department}
          {d.year !== undefined ? ` ${d.year}年` : ''}
          {KIND_TITLE[d.kind]}
        </h1>
        <p className="muted">
          {d.district ? `${d.district} · ` : ''}第 {d.version} 版 · 导入于 {shortDateTime(d.importedAt)}
          {d.sourceName ? ` · 文件 ${d.sourceName}` : ''}
        </p>
        {d.model.header.title ? <p className="muted">{d.model.header.title.text}</p> : null}
      </div>
      {isBudget(d) ? (
        <div className="stats">
          <Stat label="收入总计">{wanYuan(totals.revenueFen)}</Stat>
          <Stat label="支出总计">{wanYuan(totals.expenditureFen)}</Stat>
          <Stat label="基本支出">{wanYuan(totals.basicFen)}</Stat>
          <Stat label="项目支出">{wanYuan(totals.projectFen)}</Stat>
          <Stat label="审核发现">
            <span className={counts.error > 0 ? 'text-error' : counts.warning > 0 ? 'text-warning' : 'text-ok'}>
              {d.findings.length} 条
            </span>
          </Stat>
        </div>
      ) : null}
      <div className="doc-links">
        {sortedOthers.map((o) => (
          <a key={o.documentId} className="button secondary" href={href.compare(...(o.year < (d.year ?? 0) ? [o.documentId, d.documentId] as const : [d.documentId, o.documentId] as const))}>
            与 {o.year} 年对比
          </a>
        ))}
        {sortedOthers.map((o) => (
          <a key={`y-${o.documentId}`} href={href.departmentYear(d.departmentId, o.year)}>
            查看 {o.year} 年
          </a>
        ))}
        {isBudget(d) ? <a href={exportUrl(d.documentId, 'cells')}>导出表格 CSV</a> : <a href={exportUrl(d.documentId, 'indicators')}>导出指标 CSV</a>}
        <a href={exportUrl(d.documentId, 'projects')}>导出项目 CSV</a>
        <a href={exportUrl(d.documentId, 'json')}>导出 JSON</a>
      </div>
      <PublishLinks d={d} />
      <Versions documentId={d.documentId} />
      <nav className="doc-nav" aria-label="本页目录">
        <a href={`#${SECTION_IDS.findings}`} onClick={jump(SECTION_IDS.findings)}>审核发现</a>
        {isBudget(d) ? (
          <>
            <a href={`#${SECTION_IDS.charts}`} onClick={jump(SECTION_IDS.charts)}>图表</a>
            <a href={`#${SECTION_IDS.tables}`} onClick={jump(SECTION_IDS.tables)}>九张表</a>
            <a href={`#${SECTION_IDS.explanation}`} onClick={jump(SECTION_IDS.explanation)}>编制说明</a>
            <a href={`#${SECTION_IDS.otherInformation}`} onClick={jump(SECTION_IDS.otherInformation)}>其他相关情况</a>
          </>
        ) : null}
        <a href={`#${SECTION_IDS.projects}`} onClick={jump(SECTION_IDS.projects)}>项目</a>
      </nav>
    </section>
  );
};

/** In-page anchors must not replace the hash route. */
const jump =
  (id: string) =>
  (e: { preventDefault: () => void }): void => {
    e.preventDefault();
    document.getElementById(id)?.scrollIntoView({ block: 'start' });
  };

const DocumentView = ({ d, focus, focusHref }: { readonly d: DocumentDetail; readonly focus: string | undefined; readonly focusHref: (id: string) => string }): ReactNode => {
  const entries = projectEntries(d.model.projects);
  const flagged = useMemo(() => flaggedCells(d.findings), [d]);
  // Documents read from a PDF keep it: findings, tables and cells open their page.
  const [sourcePage, setSourcePage] = useState<SourcePageRequest | undefined>(undefined);
  const showSource = d.source !== undefined ? setSourcePage : undefined;
  const closeSource = useCallback(() => setSourcePage(undefined), []);

  const locate = useCallback(
    (f: Finding): void => {
      if (!f.location) return;
      const el = elementFor(f.location, entries);
      if (!el) return;
      focusElement(el);
      if (el.id) window.history.replaceState(null, '', focusHref(el.id));
    },
    [entries, focusHref],
  );

  useEffect(() => {
    const previous = document.title;
    document.title = `${d.department}${d.year !== undefined ? ` ${d.year}年` : ''}${KIND_TITLE[d.kind]} · 部门预算公开`;
    return () => {
      document.title = previous;
    };
  }, [d]);

  useEffect(() => {
    if (!focus) return;
    // `project:<name>` (from search results) names a project; anything else is a DOM id.
    const el = focus.startsWith('project:') ? elementFor({ line: 0, project: focus.slice('project:'.length) }, entries) : document.getElementById(focus);
    if (el) focusElement(el);
    // `entries` derive from `d`, which stands for them in the dependencies.
  }, [focus, d]);

  return (
    <ShowSourcePage.Provider value={showSource}>
      <div className="page document" data-document-id={d.documentId}>
        <Header d={d} />
        <ReviewPanel documentId={d.documentId} findings={d.findings} />
        <FindingsList findings={d.findings} diagnostics={d.diagnostics} onLocate={locate} />
        {isBudget(d) ? (
          <>
            <ChartsPanel model={d.model} departmentId={d.departmentId} />
            <section className="card" id={SECTION_IDS.tables}>
              <h2>部门预算表（{d.model.tables.length} 张）</h2>
              {d.model.tables.length === 0 ? <p className="muted">未读取到预算表。</p> : null}
              <FlaggedCells.Provider value={flagged}>
                {d.model.tables.map((t) => (
                  <BudgetTableView key={`${t.number}-${t.title.source.line}`} t={t} />
                ))}
              </FlaggedCells.Provider>
            </section>
            <ExplanationSection e={d.model.explanation} />
            <OtherInformationSection o={d.model.otherInformation} />
          </>
        ) : d.model.kind === 'performance-declaration' && d.model.summary ? (
          <section className="card">
            <h2>申报概况</h2>
            <p>
              编报绩效目标的项目 {d.model.summary.projects?.value ?? '—'} 个
              {d.model.summary.amount ? `，涉及项目预算资金 ${wanYuanExact(d.model.summary.amount.amount)}` : ''}。
            </p>
            <p className="muted">{d.model.summary.text.text}</p>
          </section>
        ) : null}
        <ProjectsSection entries={entries} />
        {sourcePage !== undefined ? <SourcePageViewer documentId={d.documentId} request={sourcePage} onClose={closeSource} /> : null}
      </div>
    </ShowSourcePage.Provider>
  );
};

export const DocumentPage = ({ source, focus }: { readonly source: DocumentSource; readonly focus: string | undefined }): ReactNode => {
  const key = 'documentId' in source ? `d${source.documentId}` : `y${source.departmentId}-${source.year}`;
  const state = useAsync(
    (signal) => ('documentId' in source ? getDocument(source.documentId, signal) : getDepartmentYear(source.departmentId, source.year, signal)),
    [key],
  );
  const focusHref = useCallback(
    (id: string): string => ('documentId' in source ? href.document(source.documentId, id) : href.departmentYear(source.departmentId, source.year, id)),
    [key],
  );
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'error') return <ErrorNotice message={state.message} />;
  return <DocumentView d={state.data} focus={focus} focusHref={focusHref} />;
};
