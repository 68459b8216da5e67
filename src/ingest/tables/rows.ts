/**
 * Rows from a region's tokens. Three table shapes:
 * - classification tables (2, 3, 5–8): `code name figures…`, then `合计 figures…`;
 * - two-sided tables (1, 4): `ordinal name figures… ordinal name figures…`, totals `收入总计 … 支出总计 …`;
 * - table 9: one row of figures.
 * Works on a token stream rather than on lines, so that a name wrapped over two lines, a row
 * split one cell per line and a header repeated after a page break all read the same.
 */
import {
  parseCode,
  parseWanYuan,
  TABLE_COLUMNS,
  type ClassificationCode,
  type ClassificationScheme,
  type DiagnosticSink,
  type TableNumber,
  type TableSide,
} from '#domain/index.ts';
import { collapseCjkSpaces } from '../text.ts';
import type { ContentLine, Token } from './regions.ts';
import { isKnownTwoSidedName, isStrongHeaderLine, isTotalName, sideOfName, splitOrdinal } from './vocabulary.ts';

export type TableShape = 'classification' | 'two-sided' | 'single-row';

export const tableShape = (n: TableNumber): TableShape => (n === 1 || n === 4 ? 'two-sided' : n === 9 ? 'single-row' : 'classification');

export const codeScheme = (n: TableNumber): ClassificationScheme => (n === 8 ? 'economic' : 'functional');

export interface RawFigure {
  readonly raw: string;
  readonly line: number;
  readonly lineIndex: number;
  readonly cell?: number;
  /** An explicit empty cell (`-`): holds a position, has no value. */
  readonly placeholder: boolean;
  /** Number of cells of its line, when delimited. */
  readonly lineCells?: number;
}

export interface RawRow {
  kind: 'item' | 'total';
  side?: TableSide;
  code?: ClassificationCode;
  ordinal?: string;
  nameParts: string[];
  line: number;
  /** Cell and line of the last name token, to place figures by cell on delimited lines. */
  nameCell?: number;
  nameLineIndex?: number;
  figures: RawFigure[];
  /** Segment position on its line (two-sided tables): 0 = first on the line. */
  segmentOnLine?: number;
  segmentsOnLine?: number;
}

export const rowName = (r: RawRow): string => collapseCjkSpaces(r.nameParts.join(' ')).trim();

const isIntegerText = (s: string): boolean => /^\d+$/.test(s);

/**
 * Does a classification code start at token i? `201 41 01 行政运行`, `301 2 津贴补贴`, `2014101 行政运行`:
 * a 3-, 5- or 7-digit number first on its line, up to two 1–2-digit segments, then a name.
 */
const codeAt = (tokens: readonly Token[], i: number, scheme: ClassificationScheme): { code: ClassificationCode; next: number } | undefined => {
  const t = tokens[i];
  if (!t || !t.lineStart || t.kind !== 'figure' || !/^(?:\d{3}|\d{5}|\d{7})$/.test(t.text)) return undefined;
  const segs = [t.text];
  let j = i + 1;
  const maxSegs = scheme === 'functional' ? 3 : 2;
  if (t.text.length === 3) {
    while (segs.length < maxSegs) {
      const s = tokens[j];
      if (!s || s.kind !== 'figure' || !isIntegerText(s.text) || s.text.length > 2) break;
      // A segment continues the code on the same line, or on the next line in a one-cell-per-line layout.
      if (s.lineIndex !== tokens[j - 1]?.lineIndex && !s.lineStart) break;
      segs.push(s.text);
      j++;
    }
  }
  const after = tokens[j];
  if (!after || after.kind !== 'text' || isTotalName(after.text)) return undefined;
  const code = parseCode(segs.join(' '), scheme);
  return code ? { code, next: j } : undefined;
};

const figureOf = (t: Token): RawFigure => ({
  raw: t.text,
  line: t.line,
  lineIndex: t.lineIndex,
  placeholder: t.kind === 'placeholder',
  ...(t.cell !== undefined ? { cell: t.cell } : {}),
  ...(t.lineCells !== undefined ? { lineCells: t.lineCells } : {}),
});

const lineHasFigures = (l: ContentLine | undefined): boolean => !!l && l.tokens.some((t) => t.kind === 'figure');
const lineAllFigures = (l: ContentLine | undefined): boolean =>
  !!l && l.tokens.length > 0 && l.tokens.every((t) => t.kind !== 'text');

/** A line of header words without figures (a header block, possibly repeated after a page break). */
const isHeaderLine = (number: TableNumber, l: ContentLine): boolean => !lineHasFigures(l) && isStrongHeaderLine(l.text, TABLE_COLUMNS[number]);

/**
 * Is line li the start of a data row (as opposed to header text)? `headerLine`: isHeaderLine of
 * the line, which the caller needs too and computes once.
 */
const isDataStart = (
  shape: TableShape,
  number: TableNumber,
  lines: readonly ContentLine[],
  flat: readonly Token[],
  offsets: readonly number[],
  li: number,
  headerLine: boolean,
): boolean => {
  const l = lines[li];
  const first = l?.tokens[0];
  if (!l || !first) return false;
  // Table 9's row: figures only, or figures after a short label (`预算数 6,000.00 …`).
  if (shape === 'single-row') return lineAllFigures(l) || l.tokens.filter((t) => t.kind === 'figure').length >= 2;
  if (headerLine) return false;
  if (shape === 'classification') {
    if (codeAt(flat, offsets[li] ?? 0, codeScheme(number))) return true;
    if (first.kind === 'text' && isTotalName(first.text)) {
      if (lineHasFigures(l)) return true;
      // A lone `合计` is the (empty) total row when figures, a code row or nothing follows; otherwise a header word.
      const next = lines[li + 1];
      return !next || lineAllFigures(next) || codeAt(flat, offsets[li + 1] ?? 0, codeScheme(number)) !== undefined;
    }
    return false;
  }
  if (first.kind !== 'text') return false;
  const { ordinal, rest } = splitOrdinal(first.text);
  if (ordinal !== undefined) return rest !== '' || l.tokens.length > 1 || (lines[li + 1]?.tokens[0]?.kind === 'text');
  if (isTotalName(first.text) && first.text !== '合计') return true;
  return isKnownTwoSidedName(first.text) && lineHasFigures(l);
};

export interface SplitContent {
  readonly headerTexts: string[];
  /** Source line numbers of the header lines (to read their printed positions). */
  readonly headerLines: number[];
  readonly dataTokens: Token[];
}

/** Header lines before the first row and header blocks repeated after page breaks are set aside. */
export const splitHeader = (number: TableNumber, lines: readonly ContentLine[]): SplitContent => {
  const shape = tableShape(number);
  const flat: Token[] = [];
  const offsets: number[] = [];
  for (const l of lines) {
    offsets.push(flat.length);
    flat.push(...l.tokens);
  }
  const headerTexts: string[] = [];
  const headerLines: number[] = [];
  const dataTokens: Token[] = [];
  let started = false;
  let inRepeatedHeader = false;
  for (let li = 0; li < lines.length; li++) {
    const l = lines[li];
    if (!l) continue;
    // A bare number at a page break (page number or cell): only a classification row's cells can
    // use it, and only the row assembler can tell; elsewhere it is the page number.
    if (l.tokens.length > 0 && l.tokens.every((t) => t.atPageBreak)) {
      if (started && !inRepeatedHeader && shape === 'classification') dataTokens.push(...l.tokens);
      continue;
    }
    const headerLine = isHeaderLine(number, l);
    const start = isDataStart(shape, number, lines, flat, offsets, li, headerLine);
    if (!started) {
      if (!start) {
        headerTexts.push(l.text);
        headerLines.push(l.line);
        continue;
      }
      started = true;
    }
    if (start) inRepeatedHeader = false;
    else if (headerLine) inRepeatedHeader = true;
    if (inRepeatedHeader) {
      headerTexts.push(l.text);
      headerLines.push(l.line);
      continue;
    }
    dataTokens.push(...l.tokens);
  }
  return { headerTexts, headerLines, dataTokens };
};

const newRow = (t: Token, kind: 'item' | 'total'): RawRow => ({ kind, nameParts: [], line: t.line, figures: [] });

const addName = (r: RawRow, t: Token, text: string): void => {
  if (text) r.nameParts.push(text);
  r.nameLineIndex = t.lineIndex;
  if (t.cell !== undefined) r.nameCell = t.cell;
  else delete r.nameCell;
};

/**
 * Is a bare number at a page break (token t) the next cell of row r rather than the page number?
 * Only when the row is written one cell per line (each of its figures alone on its own line, as
 * the number is) and the number completes it: with it the row holds exactly as many figures as
 * the table has columns, and the full row keeps its sum (合计, the first column, = Σ the others).
 * A row that is already full, a row printed on one line, or a row with empty cells left out
 * (where a page number added to the parts breaks the sum) leaves it the page number.
 */
const completesCellPerLineRow = (r: RawRow, t: Token, tokens: readonly Token[], columns: number | undefined): boolean => {
  if (columns === undefined || columns < 2 || r.figures.length + 1 !== columns) return false;
  const ownLine = (lineIndex: number): boolean => tokens.filter((x) => x.lineIndex === lineIndex).length === 1;
  const lineIndexes = new Set(r.figures.map((f) => f.lineIndex));
  if (lineIndexes.size !== r.figures.length || !r.figures.every((f) => ownLine(f.lineIndex))) return false;
  // Scaled to 10⁻⁶ so that 元 and 万元 figures alike compare exactly; an empty cell (`-`) is 0.
  const values = [...r.figures.map((f) => (f.placeholder ? 0 : parseWanYuan(f.raw))), parseWanYuan(t.text)];
  if (values.some((v) => v === undefined)) return false;
  const [total = 0, ...parts] = values as number[];
  return total === parts.reduce((s, v) => s + v, 0);
};

export const assembleClassificationRows = (number: TableNumber, tokens: readonly Token[], sink: DiagnosticSink, columns?: number): RawRow[] => {
  const scheme = codeScheme(number);
  const rows: RawRow[] = [];
  let cur: RawRow | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) continue;
    if (t.atPageBreak) {
      if (cur && completesCellPerLineRow(cur, t, tokens, columns)) cur.figures.push(figureOf(t));
      continue;
    }
    const code = codeAt(tokens, i, scheme);
    if (code) {
      cur = newRow(t, 'item');
      cur.code = code.code;
      rows.push(cur);
      i = code.next - 1;
      continue;
    }
    if (t.kind !== 'text') {
      if (cur && (cur.nameParts.length > 0 || cur.kind === 'total')) cur.figures.push(figureOf(t));
      else sink.warning('table-figure-orphan', '表格中的数字不属于任何行', { line: t.line, section: 'tables', table: number }, { raw: t.text });
      continue;
    }
    if (isTotalName(t.text) && (!cur || cur.figures.length > 0 || cur.nameParts.length > 0)) {
      cur = newRow(t, 'total');
      addName(cur, t, t.text);
      rows.push(cur);
      continue;
    }
    if (cur && cur.kind === 'item') {
      // Text before the figures is the name; after them, the wrapped tail of a long name.
      addName(cur, t, t.text);
      continue;
    }
    sink.info('table-text-unrecognised', '表格中的文字未能识别为行', { line: t.line, section: 'tables', table: number }, { text: t.text });
  }
  return rows;
};

export const assembleTwoSidedRows = (number: TableNumber, tokens: readonly Token[], sink: DiagnosticSink): RawRow[] => {
  const rows: RawRow[] = [];
  let cur: RawRow | undefined;
  const lineSegments = new Map<number, RawRow[]>();
  const start = (t: Token, kind: 'item' | 'total', ordinal: string | undefined, name: string): void => {
    cur = newRow(t, kind);
    if (ordinal !== undefined) cur.ordinal = ordinal;
    addName(cur, t, name);
    rows.push(cur);
    const segs = lineSegments.get(t.lineIndex) ?? [];
    segs.push(cur);
    lineSegments.set(t.lineIndex, segs);
  };
  for (const t of tokens) {
    if (t.kind !== 'text') {
      if (cur) cur.figures.push(figureOf(t));
      else sink.warning('table-figure-orphan', '表格中的数字不属于任何行', { line: t.line, section: 'tables', table: number }, { raw: t.text });
      continue;
    }
    const { ordinal, rest } = splitOrdinal(t.text);
    if (ordinal !== undefined) {
      start(t, 'item', ordinal, rest);
      continue;
    }
    if (isTotalName(t.text)) {
      start(t, 'total', undefined, t.text);
      continue;
    }
    const c: RawRow | undefined = cur;
    // The name after a lone ordinal (`1.` `一般公共预算资金`).
    if (c && c.nameParts.length === 0 && c.figures.length === 0) {
      addName(c, t, t.text);
      continue;
    }
    // A whole known name starts a row even without an ordinal (`二、政府性基金 国防支出`).
    if (isKnownTwoSidedName(t.text) || !c) {
      start(t, 'item', undefined, t.text);
      continue;
    }
    // More words of a name before its figures (`一、一般 公共服务支出`).
    if (c.figures.length === 0 && c.kind === 'item') {
      addName(c, t, t.text);
      continue;
    }
    // The wrapped tail of a long name: attach it to the latest row of the side its words name.
    const side = sideOfName(t.text);
    const target = [...rows].reverse().find((r) => r.kind === 'item' && (side === undefined || sideOfName(rowName(r)) === side)) ?? c;
    if (target.kind === 'item') target.nameParts.push(t.text);
    else sink.info('table-text-unrecognised', '表格中的文字未能识别为行', { line: t.line, section: 'tables', table: number }, { text: t.text });
  }
  for (const segs of lineSegments.values()) {
    segs.forEach((r, k) => {
      r.segmentOnLine = k;
      r.segmentsOnLine = segs.length;
    });
  }
  for (const r of rows) {
    const bySide = sideOfName(rowName(r));
    // Vocabulary first; otherwise the left segment of a line is revenue and the right expenditure.
    r.side = bySide ?? ((r.segmentsOnLine ?? 1) > 1 && r.segmentOnLine === 0 ? 'revenue' : 'expenditure');
  }
  return rows;
};

export const assembleSingleRow = (tokens: readonly Token[]): RawRow[] => {
  const figures = tokens.filter((t) => t.kind !== 'text');
  const first = figures[0];
  if (!first) return [];
  const row: RawRow = { kind: 'item', nameParts: ['预算数'], line: first.line, figures: figures.map(figureOf) };
  // A printed row label sits in its own cell: figures' columns count from the cell after it.
  const label = tokens.filter((t) => t.kind === 'text' && t.lineIndex === first.lineIndex && t.cell !== undefined && t.cell < (first.cell ?? 0)).pop();
  if (label?.cell !== undefined) {
    row.nameCell = label.cell;
    row.nameLineIndex = label.lineIndex;
  }
  return [row];
};

/** `columns`: how many figure columns the table has (its header's, or the standard ones). */
export const assembleRows = (number: TableNumber, tokens: readonly Token[], sink: DiagnosticSink, columns?: number): RawRow[] => {
  const shape = tableShape(number);
  if (shape === 'classification') return assembleClassificationRows(number, tokens, sink, columns);
  if (shape === 'two-sided') return assembleTwoSidedRows(number, tokens, sink);
  return assembleSingleRow(tokens);
};
