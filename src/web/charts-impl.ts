/**
 * ECharts, loaded lazily (dynamic import from charts-panel.tsx) so the first page stays light.
 * Only the chart types used are registered. Values are integer 分; every label is formatted
 * with the domain's string formatters. Labels are drawn on the canvas (text); tooltips are HTML,
 * so custom tooltip formatters escape names, and the default ones (axis tooltips) are ECharts'
 * own, which escape.
 */
import { BarChart, LineChart, PieChart, TreemapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { fen, formatWanYuan } from '#domain/index.ts';
import type { HistoryPoint, TreeNode } from './chart-data.ts';
import { escapeHtml } from './format.ts';

echarts.use([TreemapChart, PieChart, BarChart, LineChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

const PALETTE = ['#1f4e8c', '#c0392b', '#2e7d5b', '#b7791f', '#6b4c9a', '#2c7a9b', '#8c5a3c', '#5c6b7a'];
const FONT = '"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",sans-serif';

/** 分 → `3,686.49万元` for labels and tooltips. */
const wan = (v: unknown): string => (typeof v === 'number' && Number.isSafeInteger(v) ? `${formatWanYuan(fen(v), { decimals: 2, grouped: true })}万元` : '');

export type Dispose = () => void;

const mount = (el: HTMLElement, option: echarts.EChartsCoreOption): Dispose => {
  const chart = echarts.init(el, undefined, { renderer: 'canvas' });
  chart.setOption({ color: PALETTE, textStyle: { fontFamily: FONT }, animation: false, ...option });
  const onResize = (): void => chart.resize();
  window.addEventListener('resize', onResize);
  return () => {
    window.removeEventListener('resize', onResize);
    chart.dispose();
  };
};

/** Expenditure by functional class, drill-down 类 → 款 → 项 by clicking (breadcrumb to go back). */
export const renderTreemap = (el: HTMLElement, tree: readonly TreeNode[]): Dispose =>
  mount(el, {
    tooltip: {
      // ECharts puts a formatter's string into the page as HTML: every name is escaped.
      formatter: (p: { name: string; value: unknown; data?: { code?: string } }) => `${escapeHtml(p.data?.code ?? '')} ${escapeHtml(p.name)}<br/>${wan(p.value)}`,
    },
    series: [
      {
        type: 'treemap',
        name: '全部支出',
        data: tree,
        leafDepth: 1,
        roam: false,
        nodeClick: 'zoomToNode',
        breadcrumb: { show: true, bottom: 4 },
        label: { show: true, formatter: (p: { name: string; value: unknown }) => `${p.name}\n${wan(p.value)}` },
        upperLabel: { show: true, height: 22 },
        levels: [
          { itemStyle: { borderColor: '#fff', borderWidth: 2, gapWidth: 2 } },
          { itemStyle: { borderColor: '#e5e9f0', borderWidth: 1, gapWidth: 1 }, colorSaturation: [0.35, 0.6] },
          { colorSaturation: [0.3, 0.5] },
        ],
      },
    ],
  });

export const renderBasicProject = (el: HTMLElement, basicFen: number, projectFen: number): Dispose =>
  mount(el, {
    tooltip: { trigger: 'item', formatter: (p: { name: string; value: unknown; percent?: number }) => `${escapeHtml(p.name)}：${wan(p.value)}（${p.percent ?? ''}%）` },
    legend: { bottom: 0 },
    series: [
      {
        type: 'pie',
        radius: ['40%', '70%'],
        data: [
          { name: '基本支出', value: basicFen },
          { name: '项目支出', value: projectFen },
        ],
        label: { formatter: (p: { name: string; value: unknown }) => `${p.name}\n${wan(p.value)}` },
      },
    ],
  });

export const renderHistory = (el: HTMLElement, points: readonly HistoryPoint[]): Dispose =>
  mount(el, {
    tooltip: { trigger: 'axis', valueFormatter: wan },
    legend: { bottom: 0 },
    grid: { left: 90, right: 24, top: 24, bottom: 48 },
    xAxis: { type: 'category', data: points.map((p) => `${p.year}年`) },
    yAxis: { type: 'value', axisLabel: { formatter: (v: number) => (Number.isSafeInteger(v) ? `${formatWanYuan(fen(v), { decimals: 0, grouped: true })}万` : '') } },
    series: [
      { name: '基本支出', type: 'bar', stack: 'total', data: points.map((p) => p.basicFen ?? null) },
      { name: '项目支出', type: 'bar', stack: 'total', data: points.map((p) => p.projectFen ?? null) },
      { name: '支出总计', type: 'line', data: points.map((p) => p.expenditureFen ?? null) },
    ],
  });
