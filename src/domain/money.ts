/**
 * Money is integer 分 (1/100 元), branded so that a plain number cannot pass for it.
 *
 * A `Fen` is only ever made by parsing digits as strings (元 with up to two decimals,
 * 万元 with up to six) or by adding/subtracting other `Fen`s; there is no floating point
 * anywhere on the way. Sums are checked against Number.MAX_SAFE_INTEGER (≈ 90万亿元),
 * far beyond any department budget.
 */

declare const fenBrand: unique symbol;
export type Fen = number & { readonly [fenBrand]: true };

/** The unit a figure is printed in. */
export type MoneyUnit = '元' | '万元';

export class MoneyOverflowError extends Error {
  constructor(what: string) {
    super(`money out of safe integer range: ${what}`);
    this.name = 'MoneyOverflowError';
  }
}

const checked = (n: number, what: string): Fen => {
  if (!Number.isSafeInteger(n)) throw new MoneyOverflowError(what);
  return n as Fen;
};

/** Trusted constructor for values that already are whole 分 (e.g. read back from the store). */
export const fen = (n: number | bigint): Fen => checked(Number(n), String(n));

export const ZERO_FEN: Fen = 0 as Fen;

export const addFen = (a: Fen, b: Fen): Fen => checked(a + b, `${a} + ${b}`);
export const subFen = (a: Fen, b: Fen): Fen => checked(a - b, `${a} - ${b}`);
export const negFen = (a: Fen): Fen => (a === 0 ? ZERO_FEN : (-a as Fen));
export const sumFen = (xs: Iterable<Fen>): Fen => {
  let s = 0;
  for (const x of xs) {
    s += x;
    if (!Number.isSafeInteger(s)) throw new MoneyOverflowError('sum');
  }
  return s as Fen;
};
/** Multiply by a whole number (e.g. a quantity). */
export const mulFen = (a: Fen, k: number): Fen => {
  if (!Number.isInteger(k)) throw new RangeError(`mulFen by non-integer ${k}`);
  return checked(a * k, `${a} × ${k}`);
};

/** Number grammar: optional sign, digits with optional thousands separators, optional decimals. */
const NUMBER_RE = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d*))?$/;

/** Normalise the number text as printed: full-width digits, separators and stray spaces. */
export const normaliseNumberText = (raw: string): string =>
  raw
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[，､]/g, ',')
    .replace(/[．]/g, '.')
    .replace(/[－—–−]/g, '-')
    .replace(/\s+/g, '');

/**
 * Parse a decimal string scaled to an integer number of `scaleDigits` decimals, digit by digit.
 * Returns undefined when the text is not a number or carries more decimals than the scale holds.
 */
const parseScaled = (raw: string, scaleDigits: number): number | undefined => {
  const m = NUMBER_RE.exec(normaliseNumberText(raw));
  if (!m) return undefined;
  const [, sign, intPart = '', frac = ''] = m;
  if (frac.length > scaleDigits) {
    // Extra trailing zeros are harmless ("1.500" 元); anything else would need rounding.
    if (!/^0*$/.test(frac.slice(scaleDigits))) return undefined;
  }
  const digits = intPart.replace(/,/g, '') + frac.slice(0, scaleDigits).padEnd(scaleDigits, '0');
  const n = Number(digits.replace(/^0+(?=\d)/, ''));
  if (!Number.isSafeInteger(n)) return undefined;
  return sign === '-' ? -n : n;
};

/** `84,966,521.98` (元) → 8,496,652,198 分. */
export const parseYuan = (raw: string): Fen | undefined => {
  const n = parseScaled(raw, 2);
  return n === undefined ? undefined : (n as Fen);
};

/** `8,496.652198` (万元) → 8,496,652,198 分: one 分 is 0.000001 万元. */
export const parseWanYuan = (raw: string): Fen | undefined => {
  const n = parseScaled(raw, 6);
  return n === undefined ? undefined : (n as Fen);
};

export const parseMoney = (raw: string, unit: MoneyUnit): Fen | undefined =>
  unit === '元' ? parseYuan(raw) : parseWanYuan(raw);

const splitFen = (f: Fen, decimals: number): { sign: string; int: string; frac: string } => {
  const sign = f < 0 ? '-' : '';
  const digits = String(Math.abs(f)).padStart(decimals + 1, '0');
  return { sign, int: digits.slice(0, digits.length - decimals), frac: digits.slice(digits.length - decimals) };
};

const group = (int: string): string => int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** 8,496,652,198 分 → `84966521.98` (CSV, analysts). */
export const formatYuan = (f: Fen): string => {
  const { sign, int, frac } = splitFen(f, 2);
  return `${sign}${int}.${frac}`;
};

/** 8,496,652,198 分 → `84,966,521.98` (official tables). */
export const formatYuanGrouped = (f: Fen): string => {
  const { sign, int, frac } = splitFen(f, 2);
  return `${sign}${group(int)}.${frac}`;
};

/**
 * 分 → 万元 text. With `decimals` omitted, prints the shortest exact form (at least two decimals),
 * as the narrative does: 8,496,652,198 分 → `8,496.652198`; 102,160 00 分 → `10.216`.
 */
export const formatWanYuan = (f: Fen, opts: { decimals?: number; grouped?: boolean } = {}): string => {
  const { sign, int, frac } = splitFen(f, 6);
  let shown: string;
  if (opts.decimals === undefined) {
    shown = frac.replace(/0+$/, '');
    if (shown.length < 2) shown = shown.padEnd(2, '0');
  } else {
    const d = opts.decimals;
    if (d >= 6) shown = frac.padEnd(d, '0');
    else {
      const r = String(roundToScale(Math.abs(f), 10 ** (6 - d)) / 10 ** (6 - d)).padStart(d + 1, '0');
      const i = r.slice(0, r.length - d);
      const fr = r.slice(r.length - d);
      return `${sign}${opts.grouped ? group(i) : i}${d > 0 ? `.${fr}` : ''}`;
    }
  }
  return `${sign}${opts.grouped ? group(int) : int}.${shown}`;
};

/** Number of decimals a 万元 figure was printed with (`10.216` → 3): its precision. */
export const printedDecimals = (raw: string): number => {
  const m = /\.(\d+)/.exec(normaliseNumberText(raw));
  return m?.[1]?.length ?? 0;
};

/** Round a non-negative integer half-up to a multiple of `scale`, with integer operations only. */
const roundToScale = (abs: number, scale: number): number => {
  const rem = abs % scale;
  const down = abs - rem;
  return rem * 2 >= scale ? down + scale : down;
};

/**
 * Does a figure printed in 万元 with `decimals` decimals agree with an exact amount?
 * The printed figure is read as the exact amount rounded half-up to that many decimals.
 */
export const agreesAtPrecision = (printed: Fen, exact: Fen, decimals: number): boolean => {
  if (decimals >= 6) return printed === exact;
  const rounded = roundToScale(Math.abs(exact), 10 ** (6 - decimals));
  return printed === (exact < 0 ? -rounded : rounded);
};
