/**
 * Figures as printed: the exact value, the raw text and unit it was read from, and where.
 * The reader keeps every figure as printed; a figure that does not add up is the checker's
 * business, never repaired here.
 */
import type { Fen, MoneyUnit } from './money.ts';
import type { SourceLocation } from './provenance.ts';

export interface MoneyFigure {
  readonly amount: Fen;
  /** The text as printed, e.g. `8,496.652198` or `3,296,600`. */
  readonly raw: string;
  readonly unit: MoneyUnit;
  readonly source: SourceLocation;
}

/** A percentage as printed: `116.13` → hundredths = 11613. Never a float. */
export interface PercentFigure {
  readonly hundredths: number;
  readonly raw: string;
  readonly source: SourceLocation;
}

/** A whole count (`行政单位1家`, `项目15个`, `车辆8辆`). */
export interface CountFigure {
  readonly value: number;
  readonly raw: string;
  readonly source: SourceLocation;
}

/** Narrative text with the line it starts on. */
export interface TextBlock {
  readonly text: string;
  readonly source: SourceLocation;
}

/** An ISO calendar date `YYYY-MM-DD`, or `YYYY-MM` when only the month is stated. */
export type IsoDate = string;

export interface DateRange {
  readonly start: IsoDate;
  readonly end: IsoDate;
  readonly raw: string;
  readonly source: SourceLocation;
}

/**
 * Parse a percentage text (`116.13`, `-5.2`, `100`) into hundredths of a percent, digit by digit.
 * Returns undefined for more than two decimals or non-numbers.
 */
export const parsePercentHundredths = (raw: string): number | undefined => {
  const m = /^([+-]?)(\d+)(?:\.(\d{0,2}))?$/.exec(raw.trim());
  if (!m) return undefined;
  const [, sign, int = '', frac = ''] = m;
  const n = Number(int + frac.padEnd(2, '0'));
  return sign === '-' ? -n : n;
};

export const formatPercent = (hundredths: number): string => {
  const sign = hundredths < 0 ? '-' : '';
  const abs = String(Math.abs(hundredths)).padStart(3, '0');
  return `${sign}${abs.slice(0, -2)}.${abs.slice(-2)}`;
};
