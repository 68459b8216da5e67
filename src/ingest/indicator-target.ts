/**
 * Indicator target values (年度指标值) → `IndicatorTarget`.
 *
 * Quantified targets are an operator, a number and a unit: `≥90.00(%)`, `=12.00(次)`,
 * `≤50.00(元/册)`, and the same after converters have been at them: LaTeX (`$\geq 85.00\%$`),
 * full-width forms (`≥９０．００（％）`), ASCII digraphs (`>=`), `≧`, HTML tags, characters spaced
 * out. Anything else is a qualitative phrase (`健全`, `全年≤5次`, `2024年10月前`) kept as text with
 * layout whitespace removed. The number is kept as the decimal string written (thousands
 * separators dropped), never as a float.
 */
import type { IndicatorTarget, TargetOperator } from '#domain/index.ts';
import { foldFullWidth, stripHtml, stripLatex } from './text.ts';

const OPERATOR_ALIASES: ReadonlyArray<[RegExp, TargetOperator]> = [
  [/^(?:>=|=>|≧|⩾|≥=?)/, '≥'],
  [/^(?:<=|=<|≦|⩽|≤=?)/, '≤'],
  [/^(?:==?)/, '='],
  [/^>/, '>'],
  [/^</, '<'],
];

/** Operator, number, then a unit in brackets (half- or full-width) or written bare (`85.00%`). */
const QUANTIFIED = /^([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?:[(（]([^()（）]*)[)）]|([^\d\s()（）][^()（）]*))?$/;

/** Furniture and layout removed: tags, LaTeX, full-width forms, every whitespace. */
export const cleanTargetText = (raw: string): string =>
  foldFullWidth(stripLatex(stripHtml(raw)))
    .replace(/[－—–−]/g, '-')
    .replace(/\s+/g, '');

export const normaliseTarget = (raw: string): IndicatorTarget => {
  const text = cleanTargetText(raw);
  for (const [re, operator] of OPERATOR_ALIASES) {
    const m = re.exec(text);
    if (!m) continue;
    const q = QUANTIFIED.exec(text.slice(m[0].length));
    if (!q || q[1] === undefined) break;
    const unit = (q[2] ?? q[3] ?? '').trim();
    return { operator, value: q[1].replace(/,/g, ''), unit };
  }
  return { text };
};

/** Does a cell look like a target value rather than a name (an operator next to a number, or a quantified target)? */
export const looksLikeValue = (cell: string): boolean => {
  const t = cleanTargetText(cell);
  if (t === '') return false;
  if ('operator' in normaliseTarget(t)) return true;
  return /(?:[≥≤<>=]|>=|<=)-?\d/.test(t);
};
