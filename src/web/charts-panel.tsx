/**
 * The charts of a department-year: expenditure by functional class (treemap, drill-down
 * 类→款→项), 基本支出 vs 项目支出, and the department's history across stored years.
 * ECharts is imported only when this panel mounts.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { BudgetDisclosure } from '#domain/index.ts';
import { listDepartments } from './api.ts';
import type * as ChartsImpl from './charts-impl.ts';
import { documentTotals, expenditureTable, functionalTree, historyPoints } from './chart-data.ts';
import type { HistoryPoint } from './chart-data.ts';
import { errorMessage } from './use-async.ts';
import { SECTION_IDS } from './table-layout.ts';

type ChartsModule = typeof ChartsImpl;

const useCharts = (): { readonly mod?: ChartsModule; readonly error?: string } => {
  const [state, setState] = useState<{ mod?: ChartsModule; error?: string }>({});
  useEffect(() => {
    let live = true;
    import('./charts-impl.ts').then(
      (mod) => live && setState({ mod }),
      (e: unknown) => live && setState({ error: `图表组件加载失败：${errorMessage(e)}` }),
    );
    return () => {
      live = false;
    };
  }, []);
  return state;
};

const Chart = ({ draw, label }: { readonly draw: ((el: HTMLElement) => () => void) | undefined; readonly label: string }): ReactNode => {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || !draw) return undefined;
    return draw(el);
  }, [draw]);
  return <div className="chart" ref={ref} role="img" aria-label={label} />;
};

export const ChartsPanel = ({ model, departmentId }: { readonly model: BudgetDisclosure; readonly departmentId: number }): ReactNode => {
  const { mod, error } = useCharts();
  const [history, setHistory] = useState<HistoryPoint[]>([]);
  useEffect(() => {
    const ctrl = new AbortController();
    listDepartments(ctrl.signal).then(
      (ds) => setHistory(historyPoints(ds.find((d) => d.departmentId === departmentId)?.years ?? [])),
      () => setHistory([]),
    );
    return () => ctrl.abort();
  }, [departmentId]);

  const tree = useMemo(() => functionalTree(expenditureTable(model)), [model]);
  const totals = documentTotals(model);
  const basic = totals.basicFen;
  const project = totals.projectFen;

  const [draws, setDraws] = useState<{
    tree?: (el: HTMLElement) => () => void;
    split?: (el: HTMLElement) => () => void;
    history?: (el: HTMLElement) => () => void;
  }>({});
  useEffect(() => {
    if (!mod) return;
    setDraws({
      ...(tree.length > 0 ? { tree: (el: HTMLElement) => mod.renderTreemap(el, tree) } : {}),
      ...(basic !== undefined && project !== undefined ? { split: (el: HTMLElement) => mod.renderBasicProject(el, basic, project) } : {}),
      ...(history.length > 0 ? { history: (el: HTMLElement) => mod.renderHistory(el, history) } : {}),
    });
  }, [mod, tree, basic, project, history]);

  return (
    <section className="card" id={SECTION_IDS.charts}>
      <h2>图表</h2>
      {error ? <p className="notice error">{error}</p> : null}
      {!mod && !error ? <p className="muted">正在加载图表…</p> : null}
      <div className="chart-grid">
        <figure className="chart-box wide">
          <figcaption>按功能分类的支出（点击下钻：类 → 款 → 项）</figcaption>
          {tree.length > 0 ? <Chart draw={draws.tree} label="按功能分类的支出" /> : <p className="muted">表3无功能分类数据。</p>}
        </figure>
        <figure className="chart-box">
          <figcaption>基本支出与项目支出</figcaption>
          {basic !== undefined && project !== undefined ? <Chart draw={draws.split} label="基本支出与项目支出" /> : <p className="muted">表3无合计行。</p>}
        </figure>
        <figure className="chart-box">
          <figcaption>历年支出（已入库年度）</figcaption>
          {history.length > 0 ? <Chart draw={draws.history} label="历年支出" /> : <p className="muted">仅有一个年度的数据。</p>}
        </figure>
      </div>
    </section>
  );
};
