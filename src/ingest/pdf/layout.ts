/**
 * Turn a PDF's pages (text items + ruling lines) into the text the existing readers take, plus a
 * map from every text line back to its page and box.
 *
 * - Lines: items whose baselines lie within a fraction of the font size, in x order; items are
 *   joined into words by the gap between them.
 * - Table rows: inside a ruled table, the band between two horizontal rules that holds figures is
 *   one row (a name wrapped inside its cell stays with its row); its cells are the intervals
 *   between the vertical rules crossing it, written TAB-separated with empty cells kept, so the
 *   tables reader knows every figure's column from the page and never needs arithmetic to place it.
 *   The classification code, printed over 类/款/项 cells, is written as one cell (`201 05 07`).
 * - A band without figures whose text lies in two or more cells (a column header, a declaration
 *   form's particulars and indicator rows) is a row the same way; for such a band, horizontal rules
 *   drawn cell by cell (as a browser prints table borders) are joined end to end to find it.
 * - Everything else (titles, narrative, lines outside ruled bands) is written line by line in reading order.
 * - Page furniture: a page number alone at the top or bottom of a page, and a line repeated in the
 *   same margin on several pages, are dropped; pages are separated by a form feed.
 */
import type { PdfPage, PdfTextItem, Ruling } from './extract.ts';

export type Box = [number, number, number, number];

export interface LineOrigin {
  readonly page: number;
  readonly bbox: Box;
  /** For table rows: each cell's text and box, in the order written. */
  readonly cells?: readonly { readonly text: string; readonly bbox: Box }[];
}

export interface PdfText {
  readonly text: string;
  /** `lines[i]` is where text line i + 1 comes from. */
  readonly lines: readonly LineOrigin[];
  /** Lines dropped as page furniture (page numbers, running headers/footers). */
  readonly furniture: number;
}

interface Line {
  readonly items: PdfTextItem[];
  /** Baseline. */
  y: number;
  size: number;
}

const FIGURE_RE = /^[-−–]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const isFigure = (s: string): boolean => FIGURE_RE.test(s.trim());
const CODE_HEAD_RE = /^\d{3}$/;
const CODE_PART_RE = /^\d{1,2}$/;

const union = (boxes: readonly Box[]): Box => [
  Math.min(...boxes.map((b) => b[0])),
  Math.min(...boxes.map((b) => b[1])),
  Math.max(...boxes.map((b) => b[2])),
  Math.max(...boxes.map((b) => b[3])),
];
const round = (n: number): number => Math.round(n * 100) / 100;
const roundBox = (b: Box): Box => [round(b[0]), round(b[1]), round(b[2]), round(b[3])];

/** Glyph box of an item: from a little below the baseline to a little under the font size above it. */
const itemBox = (it: PdfTextItem): Box => [it.x, it.y - it.size * 0.15, it.x + it.width, it.y + it.size * 0.85];

/** Items into lines: same baseline within a third of the font size, then left to right. */
export const buildLines = (items: readonly PdfTextItem[]): Line[] => {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const lines: Line[] = [];
  for (const it of sorted) {
    const last = lines[lines.length - 1];
    if (last && Math.abs(last.y - it.y) <= 0.3 * Math.max(1, Math.min(last.size, it.size))) {
      last.items.push(it);
      last.size = Math.max(last.size, it.size);
    } else {
      lines.push({ items: [it], y: it.y, size: it.size });
    }
  }
  for (const l of lines) l.items.sort((a, b) => a.x - b.x);
  return lines;
};

const isAsciiWordChar = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9.,%)]/.test(c);

/** Join a line's items: no space where glyphs touch, one space for a word gap, two for a column gap. */
export const joinItems = (items: readonly PdfTextItem[], columnGaps = true): string => {
  let out = '';
  let prev: PdfTextItem | undefined;
  for (const it of items) {
    if (prev) {
      const gap = it.x - (prev.x + prev.width);
      const em = Math.max(1, Math.min(prev.size, it.size));
      // A word that ends with its printed space needs no other.
      if (gap > 1.5 * em && columnGaps) out = `${out.trimEnd()}  `;
      else if (gap > 0.25 * em && !out.endsWith(' ')) out += ' ';
    }
    out += it.str;
    prev = it;
  }
  return out.replace(/\s+$/, '');
};

/** Wrapped text inside one cell: lines joined without a space (Chinese), with one between two Latin words. */
const joinWrapped = (parts: readonly string[]): string =>
  parts.reduce((acc, p) => (acc === '' ? p : isAsciiWordChar(acc[acc.length - 1]) && isAsciiWordChar(p[0]) ? `${acc} ${p}` : acc + p), '');

interface Rules {
  readonly h: readonly Ruling[];
  /** `h` with rules meeting end to end joined. */
  readonly hj: readonly Ruling[];
  readonly v: readonly Ruling[];
}

/**
 * Horizontal rules at one height that meet end to end (a browser strokes each cell's border on
 * its own) joined into one rule, so a band is found across a row of separately bordered cells.
 */
const joinHorizontals = (h: readonly Ruling[]): Ruling[] => {
  const sorted = [...h].sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  const out: Ruling[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && Math.abs(last.y0 - r.y0) <= 1 && r.x0 <= last.x1 + 2) {
      out[out.length - 1] = { ...last, x1: Math.max(last.x1, r.x1) };
    } else {
      out.push(r);
    }
  }
  return out;
};

const splitRules = (rulings: readonly Ruling[]): Rules => ({
  h: rulings.filter((r) => r.y0 === r.y1),
  hj: joinHorizontals(rulings.filter((r) => r.y0 === r.y1)),
  v: rulings.filter((r) => r.x0 === r.x1),
});

/** Distinct x positions of the vertical rules crossing height y, left to right. */
const crossingVerticals = (v: readonly Ruling[], y: number): number[] => {
  const xs = v.filter((r) => r.y0 < y && r.y1 > y).map((r) => r.x0).sort((a, b) => a - b);
  const out: number[] = [];
  for (const x of xs) if (out.length === 0 || x - (out[out.length - 1] ?? 0) > 2) out.push(x);
  return out;
};

/** The horizontal rules just above and below height y that span [x0, x1]. */
const band = (h: readonly Ruling[], y: number, x0: number, x1: number): [number, number] | undefined => {
  let top: number | undefined;
  let bottom: number | undefined;
  for (const r of h) {
    if (r.x0 > x0 + 1 || r.x1 < x1 - 1) continue;
    if (r.y0 > y && (top === undefined || r.y0 < top)) top = r.y0;
    if (r.y0 < y && (bottom === undefined || r.y0 > bottom)) bottom = r.y0;
  }
  return top !== undefined && bottom !== undefined ? [bottom, top] : undefined;
};

/** A line's vertical middle (baseline + a third of the font size). */
const midY = (l: Line): number => l.y + l.size * 0.35;

interface Row {
  readonly lines: Line[];
  readonly columns: number[];
}

interface Block {
  /** Top of the block, for reading order. */
  readonly top: number;
  readonly text: string;
  readonly origin: Omit<LineOrigin, 'page'>;
}

/**
 * Leading 类/款/项 cells into one code cell (`201`, `05`, `` → `201 05`), so every classification
 * row reads `code TAB name TAB figures…` whatever the number of code columns.
 */
const mergeCodeCells = (cells: { text: string; bbox: Box | undefined }[]): { text: string; bbox: Box | undefined }[] => {
  if (!CODE_HEAD_RE.test(cells[0]?.text ?? '')) return cells;
  let k = 1;
  while (k < 3 && k < cells.length && (CODE_PART_RE.test(cells[k]?.text ?? '') || cells[k]?.text === '')) {
    // An empty cell right before the figures is a name cell, not a code part.
    if (cells[k]?.text === '' && isFigure(cells[k + 1]?.text ?? '')) break;
    k++;
  }
  const head = cells.slice(0, k);
  const boxes = head.map((c) => c.bbox).filter((b): b is Box => b !== undefined);
  const merged = { text: head.map((c) => c.text).filter((t) => t !== '').join(' '), bbox: boxes.length ? union(boxes) : undefined };
  return [merged, ...cells.slice(k)];
};

const rowBlock = (row: Row): Block => {
  const { columns } = row;
  const cells: { text: string; bbox: Box | undefined }[] = [];
  for (let c = 0; c + 1 < columns.length; c++) {
    const left = columns[c] ?? 0;
    const right = columns[c + 1] ?? 0;
    const parts: string[] = [];
    const boxes: Box[] = [];
    for (const l of row.lines) {
      const inCell = l.items.filter((it) => {
        const cx = it.x + it.width / 2;
        return cx >= left && cx < right;
      });
      if (inCell.length === 0) continue;
      parts.push(joinItems(inCell, false));
      boxes.push(union(inCell.map(itemBox)));
    }
    cells.push({ text: joinWrapped(parts), bbox: boxes.length ? union(boxes) : undefined });
  }
  const merged = mergeCodeCells(cells);
  const all = row.lines.flatMap((l) => l.items.map(itemBox));
  const lineBox = union(all);
  return {
    top: Math.max(...row.lines.map((l) => l.y + l.size)),
    text: merged.map((c) => c.text).join('\t'),
    origin: { bbox: roundBox(lineBox), cells: merged.map((c) => ({ text: c.text, bbox: roundBox(c.bbox ?? lineBox) })) },
  };
};

const plainBlock = (l: Line): Block => ({
  top: l.y + l.size,
  text: joinItems(l.items),
  origin: { bbox: roundBox(union(l.items.map(itemBox))) },
});

/**
 * A ruled band without figures (a form's particulars, an indicator row) is a row of cells when its
 * text falls in at least two of the cells between the vertical rules crossing it.
 */
const textRow = (row: Row): boolean => {
  const { columns } = row;
  let filled = 0;
  for (let c = 0; c + 1 < columns.length; c++) {
    const left = columns[c] ?? 0;
    const right = columns[c + 1] ?? 0;
    if (row.lines.some((l) => l.items.some((it) => it.str.trim() !== '' && it.x + it.width / 2 >= left && it.x + it.width / 2 < right))) filled++;
  }
  return filled >= 2;
};

/** The blocks of one page in reading order. */
export const pageBlocks = (page: PdfPage, carry: UnruledColumns = { header: undefined }): Block[] => {
  const lines = buildLines(page.items);
  const rules = splitRules(page.rulings);
  const blocks: Block[] = [];
  // Lines of a ruled table that carry figures, grouped by the band of rules around them.
  const rows = new Map<string, Row>();
  const rowOf = new Map<Line, Row>();
  for (const l of lines) {
    const hasFigure = l.items.some((it) => isFigure(it.str));
    const y = midY(l);
    const columns = crossingVerticals(rules.v, y);
    const x0 = l.items[0]?.x ?? 0;
    const last = l.items[l.items.length - 1];
    const x1 = last ? last.x + last.width : x0;
    if (columns.length < 2 || x0 < (columns[0] ?? 0) - 1 || x1 > (columns[columns.length - 1] ?? 0) + 1) continue;
    // A line without figures may also lie between rules drawn cell by cell (joined end to end).
    const b =
      band(rules.h, y, columns[0] ?? 0, columns[columns.length - 1] ?? 0) ??
      band(rules.h, y, x0, x1) ??
      (hasFigure ? undefined : band(rules.hj, y, columns[0] ?? 0, columns[columns.length - 1] ?? 0));
    if (!b) {
      if (hasFigure) {
        const row: Row = { lines: [l], columns };
        rowOf.set(l, row);
      }
      continue;
    }
    const key = `${b[0].toFixed(1)}:${b[1].toFixed(1)}`;
    const row = rows.get(key) ?? { lines: [], columns };
    row.lines.push(l);
    rows.set(key, row);
    rowOf.set(l, row);
  }
  // A band is one row only when it holds exactly one line of figures; otherwise (a table ruled by
  // columns only) each line of figures is a row of its own and the other lines stay plain.
  for (const row of rows.values()) {
    const figureLines = row.lines.filter((l) => l.items.some((it) => isFigure(it.str)));
    if (figureLines.length === 1 || (figureLines.length === 0 && textRow(row))) continue;
    for (const l of row.lines) {
      if (figureLines.includes(l)) rowOf.set(l, { lines: [l], columns: row.columns });
      else rowOf.delete(l);
    }
  }
  const unruled = unruledRows(lines.filter((l) => !rowOf.has(l)), carry);
  const done = new Set<Row>();
  for (const l of lines) {
    const row = rowOf.get(l);
    if (!row) {
      const cells = unruled.get(l);
      blocks.push(cells ? unruledBlock(l, cells) : plainBlock(l));
      continue;
    }
    if (done.has(row)) continue;
    done.add(row);
    // A band without any figure is a row only when its text lies in separate cells (textRow).
    if (!row.lines.some((x) => x.items.some((it) => isFigure(it.str))) && !textRow(row)) {
      for (const x of row.lines) blocks.push(plainBlock(x));
      continue;
    }
    blocks.push(rowBlock(row));
  }
  return blocks;
};

// ---------------------------------------------------------------------------------------------
// Tables without ruling lines: columns from the header's words, figures placed by position.

/** The header columns of the unruled table being read, carried to the next page (a table whose header is not repeated). */
export interface UnruledColumns {
  header: readonly number[] | undefined;
}

interface SplitLine {
  readonly code: PdfTextItem[];
  readonly name: PdfTextItem[];
  readonly figures: PdfTextItem[];
}

const CODE_ITEM_RE = /^\d{3}(?:\s+\d{1,2}){0,2}$/;

/**
 * A line as code / name / figures: leading classification code parts, then text, then only
 * figures. Undefined when text follows a figure (a two-sided table, a sentence) or there is no figure.
 */
const splitLine = (l: Line): SplitLine | undefined => {
  const items = l.items;
  let i = 0;
  const code: PdfTextItem[] = [];
  if (CODE_ITEM_RE.test(items[0]?.str.trim() ?? '')) {
    code.push(items[0] as PdfTextItem);
    i = 1;
    while (i < items.length && code.length < 3 && CODE_PART_RE.test(items[i]?.str.trim() ?? '')) code.push(items[i++] as PdfTextItem);
  }
  const name: PdfTextItem[] = [];
  while (i < items.length && !isFigure(items[i]?.str ?? '')) name.push(items[i++] as PdfTextItem);
  const figures = items.slice(i);
  if (figures.length === 0 || figures.some((it) => !isFigure(it.str))) return undefined;
  if (code.length > 0 && name.length === 0) return undefined;
  // A figure alone on its line (a page number, a wrapped cell) says nothing about columns.
  if (code.length === 0 && name.length === 0 && figures.length < 2) return undefined;
  return { code, name, figures };
};

/** A line of an unruled table: its parts, the table's column centres, whether the table has a code column. */
type UnruledRow = SplitLine & { readonly columns: readonly number[]; readonly codes: boolean };

const centre = (it: PdfTextItem): number => it.x + it.width / 2;

/** Header words right of the names, merged where they overlap (a header wrapped over lines), as column centres. */
const headerColumns = (header: readonly Line[], nameRight: number): number[] => {
  const spans = header
    .flatMap((l) => l.items)
    .filter((it) => centre(it) > nameRight)
    .map((it) => [it.x, it.x + it.width, it.size] as const)
    .sort((a, b) => a[0] - b[0]);
  const groups: [number, number][] = [];
  for (const [x0, x1, size] of spans) {
    const last = groups[groups.length - 1];
    if (last && x0 <= last[1] + size * 0.5) last[1] = Math.max(last[1], x1);
    else groups.push([x0, x1]);
  }
  return groups.map(([a, b]) => (a + b) / 2);
};

/**
 * Rows of an unruled table: each line of figures gets one cell per header column (found on this
 * page, or carried from the page before), its figures placed by position. Only when the placement
 * is unambiguous: every figure falls in its own column and each column's figures share a right
 * edge (right-aligned). Otherwise the lines stay plain and the reader places figures itself.
 */
const unruledRows = (lines: readonly Line[], carry: UnruledColumns): Map<Line, UnruledRow> => {
  const out = new Map<Line, UnruledRow>();
  const split = lines.map((l) => ({ line: l, s: splitLine(l) }));
  const figureLines = split.filter((x): x is { line: Line; s: SplitLine } => x.s !== undefined);
  if (figureLines.length < 2) {
    carry.header = undefined;
    return out;
  }
  const nameRight = Math.max(...figureLines.flatMap(({ s }) => [...s.code, ...s.name].map((it) => it.x + it.width)), -Infinity);
  // Header: the lines right above the first line of figures, close together, in the rows' font
  // size, without figures; a `label：value` line (编制部门：…, 单位：元) is above the header.
  const first = lines.indexOf(figureLines[0]?.line as Line);
  const size = figureLines[0]?.line.size ?? 0;
  const header: Line[] = [];
  for (let k = first - 1; k >= 0 && header.length < 6; k--) {
    const l = lines[k] as Line;
    const below = header[header.length - 1] ?? lines[first];
    if (!below || l.y - below.y > 3 * Math.max(l.size, below.size) || Math.abs(l.size - size) > size * 0.25) break;
    if (l.items.some((it) => isFigure(it.str) || /[:：]/.test(it.str))) break;
    header.push(l);
  }
  const found = headerColumns(header, nameRight);
  const columns = found.length > 0 ? found : carry.header;
  if (!columns || columns.length === 0) return out;
  const bounds = columns.map((c, i) => [i === 0 ? nameRight : ((columns[i - 1] ?? 0) + c) / 2, i === columns.length - 1 ? Infinity : (c + (columns[i + 1] ?? 0)) / 2] as const);
  const columnOf = (it: PdfTextItem): number => bounds.findIndex(([a, b]) => centre(it) >= a && centre(it) < b);
  const rightEdges = columns.map(() => [] as number[]);
  for (const { s } of figureLines) {
    const cols = s.figures.map(columnOf);
    if (cols.some((c, i) => c < 0 || (i > 0 && c <= (cols[i - 1] ?? -1)))) return out;
    s.figures.forEach((it, i) => rightEdges[cols[i] ?? 0]?.push(it.x + it.width));
  }
  const em = Math.max(...figureLines.map(({ line }) => line.size));
  if (rightEdges.some((r) => r.length > 0 && Math.max(...r) - Math.min(...r) > em)) return out;
  carry.header = columns;
  const codes = figureLines.some(({ s }) => s.code.length > 0);
  for (const { line, s } of figureLines) out.set(line, { ...s, columns, codes });
  return out;
};

const unruledBlock = (l: Line, row: UnruledRow): Block => {
  const bounds = row.columns.map((c, i) => [i === 0 ? -Infinity : ((row.columns[i - 1] ?? 0) + c) / 2, i === row.columns.length - 1 ? Infinity : (c + (row.columns[i + 1] ?? 0)) / 2] as const);
  const lineBox = union(l.items.map(itemBox));
  const cell = (items: readonly PdfTextItem[]): { text: string; bbox: Box } => ({
    text: items === row.code ? items.map((it) => it.str.trim()).join(' ') : joinItems(items, false),
    bbox: roundBox(items.length ? union(items.map(itemBox)) : lineBox),
  });
  const figureCells = bounds.map(([a, b]) => cell(row.figures.filter((it) => centre(it) >= a && centre(it) < b)));
  const cells = [...(row.codes ? [cell(row.code)] : []), cell(row.name), ...figureCells];
  return { top: l.y + l.size, text: cells.map((c) => c.text).join('\t'), origin: { bbox: roundBox(lineBox), cells } };
};

const PAGE_NUMBER_RE = /^(?:[-—–]\s*\d{1,4}\s*[-—–]|第\s*\d{1,4}\s*页(?:\s*[,，]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}|\d{1,4}\s*\/\s*\d{1,4})$/;
/** Running headers and footers live in this share of the page's height at its top and bottom. */
const MARGIN = 0.1;

const inMargin = (page: PdfPage, b: Box): boolean => {
  const [, y0, , y1] = page.view;
  const h = y1 - y0;
  return b[1] > y1 - h * MARGIN || b[3] < y0 + h * MARGIN;
};

/** Render pages to text and its line map. */
export const layoutPages = (pages: readonly PdfPage[]): PdfText => {
  const carry: UnruledColumns = { header: undefined };
  const perPage = pages.map((p) => ({ page: p, blocks: pageBlocks(p, carry) }));
  // Lines repeated in the same margin position on several pages (running headers/footers).
  const seen = new Map<string, number>();
  for (const { page, blocks } of perPage) {
    for (const b of blocks) {
      if (!inMargin(page, b.origin.bbox) || b.origin.cells) continue;
      const key = `${b.text.replace(/\d+/g, '#')}@${Math.round(b.origin.bbox[1] / 4)}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
  }
  const out: string[] = [];
  const lines: LineOrigin[] = [];
  let furniture = 0;
  perPage.forEach(({ page, blocks }, i) => {
    let first = true;
    blocks.forEach((b, k) => {
      const edge = k === 0 || k === blocks.length - 1;
      const margin = !b.origin.cells && inMargin(page, b.origin.bbox);
      const repeated = margin && (seen.get(`${b.text.replace(/\d+/g, '#')}@${Math.round(b.origin.bbox[1] / 4)}`) ?? 0) >= 3;
      if (margin && ((edge && PAGE_NUMBER_RE.test(b.text.trim())) || repeated)) {
        furniture++;
        return;
      }
      out.push(first && i > 0 ? `\f${b.text}` : b.text);
      lines.push({ page: page.number, ...b.origin });
      first = false;
    });
    if (first && i > 0) {
      // A page without text still breaks the page.
      out.push('\f');
      lines.push({ page: page.number, bbox: [...page.view] as Box });
    }
  });
  return { text: out.join('\n'), lines, furniture };
};
