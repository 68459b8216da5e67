/**
 * Comparisons every family uses: money figures in their own units and in 元, tolerance at the
 * printed precision, percentages from whole numbers, and the Chinese wording of a mismatch.
 */
import {
  agreesAtPrecision,
  formatPercent,
  formatWanYuan,
  formatYuanGrouped,
  printedDecimals,
  subFen,
  sumFen,
  ZERO_FEN,
  type Fen,
  type FindingFigure,
  type MoneyFigure,
  type SourceLocation,
} from '#domain/index.ts';
import type { FindingDraft } from './rule.ts';

/** `8,496.652198万元（84,966,521.98元）` or `84,966,521.98元`. */
export const showMoney = (amount: Fen, raw?: string, unit: '元' | '万元' = '元'): string => {
  const yuan = `${formatYuanGrouped(amount)}元`;
  if (unit === '万元') return `${raw ?? formatWanYuan(amount)}万元（${yuan}）`;
  // `94,995,790` printed without decimals is the same as `94,995,790.00`: say it once.
  if (raw === undefined || raw === formatYuanGrouped(amount) || `${raw}.00` === formatYuanGrouped(amount)) return yuan;
  return `${raw}元（${yuan}）`;
};

export const showFigure = (f: MoneyFigure): string => showMoney(f.amount, f.raw, f.unit);

/** A figure side of a finding, from a printed figure. */
export const figureOf = (label: string, f: MoneyFigure): FindingFigure => ({
  label,
  amount: f.amount,
  raw: f.raw,
  unit: f.unit,
  location: f.source,
});

/** A computed side (a sum, a difference) with the location of what it was computed from. */
export const computedFigure = (label: string, amount: Fen, location?: SourceLocation): FindingFigure => ({
  label,
  amount,
  raw: formatYuanGrouped(amount),
  unit: '元',
  ...(location ? { location } : {}),
});

export const sumFigures = (fs: readonly (MoneyFigure | undefined)[]): Fen =>
  sumFen(fs.map((f) => f?.amount ?? ZERO_FEN));

/** The parts of a sum as figures (for reviewers and for locating a finding), at most `max`. */
export const partFigures = (parts: readonly { readonly label: string; readonly figure: MoneyFigure | undefined }[], max = 12): FindingFigure[] =>
  parts
    .filter((p): p is { label: string; figure: MoneyFigure } => p.figure !== undefined)
    .slice(0, max)
    .map((p) => figureOf(p.label, p.figure));

/** The difference text: `相差 1.00元`. */
export const showDifference = (d: Fen): string => `相差 ${formatYuanGrouped(d)}元`;

/**
 * Does a printed figure agree with an exact amount? Figures printed in 万元 are read at their
 * printed precision (`10.216` agrees with anything that rounds to it); 元 figures must be exact.
 */
export const agrees = (printed: MoneyFigure, exact: Fen): boolean =>
  printed.unit === '万元' ? agreesAtPrecision(printed.amount, exact, printedDecimals(printed.raw)) : printed.amount === exact;

/** Half a unit of the last printed decimal, in 分: the most rounding can have moved a printed figure. */
export const halfUnit = (f: MoneyFigure): number => {
  // A printed zero (`0.00万元`) means nothing was budgeted, not "less than 50元".
  if (f.amount === 0) return 0;
  if (f.unit === '元') {
    const d = printedDecimals(f.raw);
    return d >= 2 ? 0 : 10 ** (2 - d) / 2;
  }
  const d = printedDecimals(f.raw);
  return d >= 6 ? 0 : 10 ** (6 - d) / 2;
};

/** Do two printed figures agree given both may be rounded? */
export const agreeBothRounded = (a: MoneyFigure, b: MoneyFigure): boolean =>
  Math.abs(a.amount - b.amount) <= halfUnit(a) + halfUnit(b);

/**
 * A money mismatch finding: `<left> ≠ <right>`, both sides in their own units and in 元, and the
 * difference left − right.
 */
export const moneyMismatch = (args: {
  readonly message: string;
  readonly left: FindingFigure;
  readonly right: FindingFigure;
  readonly location?: SourceLocation;
  readonly extra?: readonly FindingFigure[];
}): FindingDraft => {
  const l = args.left.amount ?? ZERO_FEN;
  const r = args.right.amount ?? ZERO_FEN;
  const difference = subFen(l, r);
  const location = args.location ?? args.left.location ?? args.right.location;
  return {
    message: `${args.message}：${args.left.label} ${describeSide(args.left)}，${args.right.label} ${describeSide(args.right)}，${showDifference(difference)}。`,
    figures: [args.left, args.right, ...(args.extra ?? [])],
    difference,
    ...(location ? { location } : {}),
  };
};

const describeSide = (f: FindingFigure): string =>
  f.amount === undefined
    ? (f.raw ?? '（空）')
    : f.unit === '万元'
      ? showMoney(f.amount, f.raw, '万元')
      : showMoney(f.amount, f.raw, '元');

/**
 * Percent check with whole numbers only. The stated percent (hundredths) agrees with change / base
 * when it is within ±0.01 of the value computed from the printed figures, or when some pair of
 * true values that round to the printed ones gives it (the printed figures are themselves rounded).
 */
export const percentAgrees = (
  statedHundredths: number,
  change: Fen,
  base: Fen,
  slack: { readonly change: number; readonly base: number } = { change: 0, base: 0 },
): boolean => {
  if (base <= 0) return true; // no base: a percent cannot be checked
  const within = (c: bigint, b: bigint): boolean => {
    // |stated/10000 − c/b| ≤ 0.0001 (±0.01 percentage points)  ⇔  |stated·b − c·10000| ≤ b
    const lhs = BigInt(statedHundredths) * b - c * 10000n;
    return (lhs < 0n ? -lhs : lhs) <= b;
  };
  const c = BigInt(Math.abs(change));
  const b = BigInt(base);
  if (within(c, b)) return true;
  const sc = BigInt(Math.ceil(slack.change));
  const sb = BigInt(Math.ceil(slack.base));
  if (b - sb <= 0n) return true;
  // Range of c/b over the rounding box: [min, max]; the stated percent must fall in it (±0.01).
  const lo = { c: c - sc < 0n ? 0n : c - sc, b: b + sb };
  const hi = { c: c + sc, b: b - sb };
  const s = BigInt(statedHundredths);
  // stated/10000 ≥ lo.c/lo.b − 0.0001  and  stated/10000 ≤ hi.c/hi.b + 0.0001
  const geLo = (s + 1n) * lo.b >= lo.c * 10000n;
  const leHi = (s - 1n) * hi.b <= hi.c * 10000n;
  return geLo && leHi;
};

/** The percent computed from two amounts, as text (`116.13`), rounded half-up, integer arithmetic. */
export const computePercentText = (change: Fen, base: Fen): string => {
  if (base === 0) return '—';
  const num = BigInt(Math.abs(change)) * 20000n + BigInt(base);
  const h = Number(num / (2n * BigInt(base)));
  return formatPercent(h);
};
