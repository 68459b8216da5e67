/**
 * Narrative text as one string without layout whitespace, with a map back to source lines.
 *
 * Narrative wraps at a fixed width mid-word (`预算安排金` / `额为`), and converters put spaces
 * between digits and characters (`2024 年 1 月`). Joining the pieces without whitespace lets one
 * grammar read every variant; each match is mapped back to the line it starts on.
 */
import { parseMoney, parsePercentHundredths } from '#domain/index.ts';
import type { Fen, MoneyUnit } from '#domain/index.ts';

export interface TextPiece {
  readonly line: number;
  readonly text: string;
}

export interface FlatText {
  readonly text: string;
  /** Line of the piece that holds `offset`. */
  lineAt(offset: number): number;
}

export const flatten = (pieces: readonly TextPiece[]): FlatText => {
  const starts: number[] = [];
  const lines: number[] = [];
  let text = '';
  for (const p of pieces) {
    const t = p.text.replace(/\s+/g, '');
    if (t === '') continue;
    starts.push(text.length);
    lines.push(p.line);
    text += t;
  }
  return {
    text,
    lineAt(offset: number): number {
      let lo = 0;
      let hi = starts.length - 1;
      let found = 0;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if ((starts[mid] ?? 0) <= offset) {
          found = mid;
          lo = mid + 1;
        } else hi = mid - 1;
      }
      return lines[found] ?? pieces[0]?.line ?? 0;
    },
  };
};

/** A decimal number as narratives print it: `1,443,356.00`, `86.80`, `11900`. */
export const NUM = '(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?';

export interface MoneyMatch {
  readonly start: number;
  readonly end: number;
  readonly raw: string;
  readonly unit: MoneyUnit;
  readonly amount: Fen;
}

export interface PercentMatch {
  readonly start: number;
  readonly end: number;
  readonly raw: string;
  readonly hundredths: number;
}

/** `万` alone counts as 万元 only where the phrase ends (`86.80 万，由于…`), not in `1万次`. */
const MONEY_RE = new RegExp(`(?<![\\d.,])(${NUM})(万元|元(?!/)|万(?=[，,。；;、）)]|$))`, 'g');
const PERCENT_RE = new RegExp(`(?<![\\d.,])(\\d+(?:\\.\\d+)?)%`, 'g');

export const unitOf = (written: string): MoneyUnit => (written.startsWith('万') ? '万元' : '元');

export const findMoney = (text: string, from = 0, to = text.length): MoneyMatch[] => {
  const out: MoneyMatch[] = [];
  const re = new RegExp(MONEY_RE.source, 'g');
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    const raw = m[1] ?? '';
    const unit = unitOf(m[2] ?? '元');
    const amount = parseMoney(raw, unit);
    if (amount !== undefined) out.push({ start: m.index, end: m.index + m[0].length, raw, unit, amount });
  }
  return out;
};

export const findPercents = (text: string, from = 0, to = text.length): PercentMatch[] => {
  const out: PercentMatch[] = [];
  const re = new RegExp(PERCENT_RE.source, 'g');
  re.lastIndex = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    const raw = m[1] ?? '';
    const hundredths = parsePercentHundredths(raw);
    if (hundredths !== undefined) out.push({ start: m.index, end: m.index + m[0].length, raw, hundredths });
  }
  return out;
};

/**
 * Split [from, to) at any of `separators` (a class of single characters, such as `/[，,]/`),
 * returning [start, end) spans (separators excluded).
 */
export const spans = (text: string, separators: RegExp, from = 0, to = text.length): Array<[number, number]> => {
  const out: Array<[number, number]> = [];
  // Jump from separator to separator with one global search instead of testing every character.
  const re = new RegExp(separators.source, separators.flags.replace('g', '') + 'g');
  re.lastIndex = from;
  let start = from;
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    if (m.index > start) out.push([start, m.index]);
    start = m.index + 1;
  }
  if (to > start) out.push([start, to]);
  return out;
};
