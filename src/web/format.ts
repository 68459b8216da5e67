/**
 * Display helpers for the web client. Money arrives from the API as integer 分 and is only ever
 * turned into text by the domain's string formatters (no floating point on the way).
 */
import { fen, formatPercent, formatWanYuan, formatYuanGrouped, parseWanYuan } from '#domain/index.ts';
import type { Fen, FindingCounts } from './api.ts';

/** Table cell: `36,864,854.48`; blank for an absent figure. */
export const yuan = (f: number | undefined): string => (f === undefined ? '' : formatYuanGrouped(fen(f)));

/** Summary figure: `3,686.49 万元` (two decimals, grouped, rounded half-up by integer arithmetic). */
export const wanYuan = (f: number | undefined, decimals = 2): string =>
  f === undefined ? '—' : `${formatWanYuan(fen(f), { decimals, grouped: true })} 万元`;

/** A 万元 figure without its unit, for table columns headed （万元）: `3,686.49`, `—` when absent. */
export const wanYuanFigure = (f: number | undefined): string =>
  f === undefined ? '—' : formatWanYuan(fen(f), { decimals: 2, grouped: true });

/** Exact 万元, shortest form with at least two decimals: `140.00 万元`, `6.16 万元`, `3,686.485448 万元`. */
export const wanYuanExact = (f: number | undefined): string =>
  f === undefined ? '—' : `${formatWanYuan(fen(f), { grouped: true })} 万元`;

/**
 * One format per unit, everywhere on a page: 元 with two decimals (`154,369,326.00 元`), 万元 with
 * the document's decimals, at least two (`1,298.7708 万元`). For figures that know their unit.
 */
export const moneyInUnit = (f: number, unit: string | undefined): string =>
  unit === '万元' ? `${formatWanYuan(fen(f), { grouped: true })} 万元` : `${formatYuanGrouped(fen(f))} 元`;

/** A change with its sign: `+1,234.56`. */
export const signedYuan = (f: number | undefined): string =>
  f === undefined ? '' : `${f > 0 ? '+' : ''}${formatYuanGrouped(fen(f))}`;

/** Hundredths of a percent → `+116.13%`. */
export const signedPercent = (hundredths: number | undefined): string =>
  hundredths === undefined ? '' : `${hundredths > 0 ? '+' : ''}${formatPercent(hundredths)}%`;

/**
 * A 万元 amount typed by a user (`12.5`, `1,000`) → 分, exactly (digit by digit), or undefined
 * when empty or not a number. Used for the search's amount range.
 */
export const wanYuanInputToFen = (text: string): Fen | undefined => {
  const t = text.trim();
  if (t === '') return undefined;
  const f = parseWanYuan(t);
  return f === undefined || f < 0 ? undefined : f;
};

/** A 分 amount → the text a user would type in 万元 (shortest exact form). */
export const fenToWanYuanInput = (f: number): string => formatWanYuan(fen(f)).replace(/\.?0+$/, '');

export const findingCountsText = (c: FindingCounts): string => {
  const parts: string[] = [];
  if (c.error > 0) parts.push(`错误 ${c.error}`);
  if (c.warning > 0) parts.push(`警告 ${c.warning}`);
  if (c.info > 0) parts.push(`提示 ${c.info}`);
  return parts.length === 0 ? '无问题' : parts.join(' · ');
};

export const SEVERITY_LABEL: Readonly<Record<'error' | 'warning' | 'info', string>> = {
  error: '错误',
  warning: '警告',
  info: '提示',
};

/** `2026-11-24T08:11:27.000Z` → `2026-11-24 08:11` (UTC, as stored). */
export const shortDateTime = (iso: string): string => iso.replace('T', ' ').slice(0, 16);

/**
 * Text for an HTML string sink (ECharts' HTML tooltips): names keep their printed characters,
 * shown as text — `<img onerror=…>` or `＜script＞` in a row name never becomes markup.
 */
export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
