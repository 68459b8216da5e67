/**
 * Cut the lines into table regions (title → next title or next section) and sort each region's
 * lines into title, preparer/unit, header, note, page furniture and content; content lines become
 * tokens (figures, text, explicit empty-cell placeholders) that keep their line and, on lines whose
 * cells are delimited (tabs, markdown pipes, HTML cells), their cell index.
 */
import type { DiagnosticSink } from '#domain/index.ts';
import { isPageFurniture, normaliseLine, type SourceLine } from '../text.ts';
import {
  isNarrativeSentence,
  isNoteStart,
  isSectionHeading,
  isTitleHead,
  isTotalName,
  matchTableTitle,
  readPreparer,
  readUnit,
  type TableTitleMatch,
} from './vocabulary.ts';

export type TokenKind = 'figure' | 'text' | 'placeholder';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** Source line number (1-based). */
  readonly line: number;
  /** Index of the content line inside its region. */
  readonly lineIndex: number;
  /** First token of its line. */
  readonly lineStart: boolean;
  /** Cell index on lines whose cells are delimited; absent for space-separated lines. */
  readonly cell?: number;
  /** Number of cells of the token's line, when delimited. */
  readonly lineCells?: number;
  /**
   * A bare number alone on its line at a page break: a page number, or the last (first) cell of a
   * row written one cell per line. The row assembler decides (see assembleClassificationRows).
   */
  readonly atPageBreak?: true;
}

export interface ContentLine {
  readonly line: number;
  readonly text: string;
  readonly tokens: readonly Token[];
}

export interface TableRegion {
  readonly match: TableTitleMatch;
  readonly titleText: string;
  readonly titleLine: number;
  preparer?: string;
  unit?: '元' | '万元';
  readonly content: ContentLine[];
  readonly noteParts: { text: string; line: number }[];
  /** Every source line the region took (title, 编制部门/单位, header, rows, notes, page furniture). */
  readonly lines: number[];
}

/** Number grammar of a printed figure: `84,966,521.98`, `3,296,600`, `0`, `47.91`, `-1,200.00`. */
const FIGURE_RE = /^[-−–]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
/** An explicit empty cell: `-`, `—`, `－`. */
const PLACEHOLDER_RE = /^[-—–－─]{1,2}$/;

export const isFigureText = (s: string): boolean => FIGURE_RE.test(s.replace(/，/g, ','));

const tokenKind = (word: string): TokenKind =>
  isFigureText(word) ? 'figure' : PLACEHOLDER_RE.test(word) ? 'placeholder' : 'text';

/**
 * Cells of a line whose converter delimits them; undefined for space-separated text.
 * Works on the raw line so that leading empty cells keep their position.
 */
export const delimitedCells = (line: SourceLine): string[] | undefined => {
  const raw = line.raw.replace(/\f/g, '');
  if (/<t[dh][\s>]/i.test(raw)) {
    const parts = raw.split(/<t[dh](?:\s[^>]*)?>/i).slice(1);
    return parts.map((p) => normaliseLine(p.replace(/<\/t[dh]>[\s\S]*$/i, '')));
  }
  const trimmed = raw.trim();
  if (trimmed.length > 1 && trimmed.startsWith('|') && trimmed.endsWith('|')) {
    return trimmed.slice(1, -1).split('|').map((c) => normaliseLine(c));
  }
  if (raw.includes('\t')) return raw.split('\t').map((c) => normaliseLine(c));
  return undefined;
};

export const tokenise = (line: SourceLine, lineIndex: number, atPageBreak = false): Token[] => {
  const tokens: Token[] = [];
  const cells = delimitedCells(line);
  const push = (word: string, cell: number | undefined): void => {
    tokens.push({
      kind: tokenKind(word),
      text: word,
      line: line.no,
      lineIndex,
      lineStart: tokens.length === 0,
      ...(atPageBreak ? { atPageBreak: true as const } : {}),
      ...(cell !== undefined ? { cell, lineCells: cells?.length ?? 0 } : {}),
    });
  };
  if (cells) {
    cells.forEach((cell, ci) => {
      for (const w of cell.split(/\s+/)) if (w) push(w, ci);
    });
  } else {
    for (const w of line.text.split(/\s+/)) if (w) push(w, undefined);
  }
  return tokens;
};

/** Lines from i on: up to two 1–2-digit code segments, then a name (CJK text), blank lines skipped. */
const codeContinues = (lines: readonly SourceLine[], i: number): boolean => {
  let segments = 0;
  for (let k = i; k < lines.length; k++) {
    const text = lines[k]?.text ?? '';
    if (text === '') continue;
    if (/^\d{1,2}$/.test(text) && segments < 2) {
      segments++;
      continue;
    }
    return /^[\u3400-\u9fff（）()“”、]+$/.test(text);
  }
  return false;
};

/**
 * Page numbers are furniture, but a bare number alone on a line may also be a figure in a
 * one-cell-per-line layout: it may be a page number only at a page break — on the line that holds
 * the form feed, or on the last line before it (pdftotext puts `\f` at the start of the next page).
 * There it is `'bare-number'`: still either, for the row assembler to decide by the row's columns.
 */
const isFurniture = (lines: readonly SourceLine[], i: number): boolean | 'bare-number' => {
  const line = lines[i];
  if (!line) return false;
  // On the raw line too: markdown stripping turns `- 7 -` into `7 -`.
  const raw = line.raw.replace(/\f/g, '').trim();
  const t = isPageFurniture(line.text) ? line.text : raw;
  if (!isPageFurniture(t)) return false;
  if (!/^\d{1,3}$/.test(t.trim())) return true;
  // One cell per line: a 类 code (`210`) may open a page, its 款 and 项 segments (`05`, `01`) and
  // then its name on the next lines.
  if (/^(?:2\d\d|3\d\d|5\d\d)$/.test(t.trim()) && codeContinues(lines, i + 1)) return false;
  return line.raw.includes('\f') || (lines[i + 1]?.raw.startsWith('\f') ?? false) ? 'bare-number' : false;
};

const isPreparerOrUnitLine = (text: string): boolean =>
  (text.includes('编制') && /编制(?:部门|单位)\s*[:：]/.test(text)) ||
  (text.length < 20 && /^(?:金额)?单位\s*[:：]\s*万?元$/.test(text.replace(/\s+/g, '')));

/** A classification row or a line of figures: a note printed above the rows has ended. */
const looksLikeRow = (text: string): boolean => {
  const words = text.split(/\s+/);
  return /^\d{3}$/.test(words[0] ?? '') || words.every((w) => isFigureText(w) || PLACEHOLDER_RE.test(w));
};

/**
 * The title at line i, possibly wrapped over two lines (`2025年部门一般公共预算基本支出部门预算经济` /
 * `分类预算表`).
 */
const titleAt = (lines: readonly SourceLine[], i: number): { match: TableTitleMatch; text: string; extraLines: number } | undefined => {
  const text = lines[i]?.text ?? '';
  const match = matchTableTitle(text);
  if (match) return { match, text, extraLines: 0 };
  const next = lines[i + 1]?.text ?? '';
  // Either half may hold any part of the title (`2025年部门财务收支` / `预算总表`); neither is a sentence.
  if (text === '' || text.length > 60 || next.length > 40 || !next.includes('表') || /[。，；：:]/.test(text) || /\d\.\d{2}$/.test(text)) return undefined;
  // `收入预算总表` may be a title alone; with a title's opening on the line above, the two are one title.
  if (matchTableTitle(next) && !isTitleHead(text)) return undefined;
  const joined = matchTableTitle(text + next);
  return joined ? { match: joined, text: text + next, extraLines: 1 } : undefined;
};

/**
 * Find every table region in `lines`. A region runs from its title to the next title, the next
 * section heading (`其他相关情况说明`, a project explanation, …) or the first narrative sentence.
 */
export const findTableRegions = (lines: readonly SourceLine[], sink: DiagnosticSink): TableRegion[] => {
  const regions: TableRegion[] = [];
  let cur: TableRegion | undefined;
  let inNote = false;
  // Some documents print `编制部门：… 单位：元` just above the title: keep it for the next title.
  let preparerAbove: { preparer?: string; unit?: '元' | '万元'; line?: number } | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line) continue;
    const text = line.text;
    if (text === '') {
      // A blank line ends a note, unless the note stopped mid-sentence (some converters put a
      // blank line between every two lines).
      const lastNote = cur?.noteParts[cur.noteParts.length - 1]?.text ?? '';
      if (!inNote || /[。；;.]\s*$/.test(lastNote)) inNote = false;
      continue;
    }
    const found = titleAt(lines, i);
    if (found) {
      const { match: title, text: titleText } = found;
      inNote = false;
      i += found.extraLines;
      const above = preparerAbove;
      preparerAbove = undefined;
      // A title repeated after a page break continues the same table (`（续）`, or no total row yet);
      // otherwise the same number starts another set of tables (a unit's after its department's).
      const continued = /续/.test(titleText) || !cur?.content.some((l) => l.tokens[0] !== undefined && isTotalName(l.tokens[0].text));
      // A title repeated before any row (the page broke under 编制部门/单位) is the same table too.
      if (cur && cur.match.number === title.number && cur.noteParts.length === 0 && (cur.content.length === 0 || continued)) {
        for (let k = 0; k <= found.extraLines; k++) cur.lines.push(line.no + k);
        continue;
      }
      cur = {
        match: title,
        titleText,
        titleLine: line.no,
        content: [],
        noteParts: [],
        lines: [...(above?.line !== undefined ? [above.line] : []), ...Array.from({ length: found.extraLines + 1 }, (_, k) => line.no + k)],
        ...(above?.preparer !== undefined ? { preparer: above.preparer } : {}),
        ...(above?.unit !== undefined ? { unit: above.unit } : {}),
      };
      const unitOnTitle = readUnit(titleText);
      if (unitOnTitle !== undefined) cur.unit = unitOnTitle;
      regions.push(cur);
      continue;
    }
    if (isPreparerOrUnitLine(text)) {
      const preparer = readPreparer(text);
      const unit = readUnit(text);
      preparerAbove = { ...(preparer !== undefined ? { preparer } : {}), ...(unit !== undefined ? { unit } : {}), line: line.no };
      if (cur) cur.lines.push(line.no);
      if (cur && preparer !== undefined && cur.preparer === undefined) cur.preparer = preparer;
      if (cur && unit !== undefined && cur.unit === undefined) cur.unit = unit;
      continue;
    }
    preparerAbove = undefined;
    if (!cur) continue;
    if (isSectionHeading(text)) {
      cur = undefined;
      inNote = false;
      continue;
    }
    if (isNoteStart(text)) {
      inNote = true;
      cur.noteParts.push({ text, line: line.no });
      cur.lines.push(line.no);
      continue;
    }
    if (inNote && !looksLikeRow(text)) {
      cur.noteParts.push({ text, line: line.no });
      cur.lines.push(line.no);
      continue;
    }
    inNote = false;
    const furniture = isFurniture(lines, i);
    if (furniture === 'bare-number') {
      // Kept as a marked token: the rows decide whether it is a page number or a cell.
      cur.content.push({ line: line.no, text, tokens: tokenise(line, cur.content.length, true) });
      cur.lines.push(line.no);
      continue;
    }
    if (furniture) {
      cur.lines.push(line.no);
      continue;
    }
    if (isNarrativeSentence(text)) {
      sink.info('tables-section-ended', '表格之后出现正文，表格读取在此结束', { line: line.no, section: 'tables', table: cur.match.number });
      cur = undefined;
      continue;
    }
    const unit = readUnit(text);
    if (unit !== undefined && cur.unit === undefined) cur.unit = unit;
    cur.content.push({ line: line.no, text, tokens: tokenise(line, cur.content.length) });
    cur.lines.push(line.no);
  }
  // A title with nothing under it (a table of contents without leader dots) is not a table.
  return regions.filter((r) => r.content.length > 0 || r.preparer !== undefined || r.unit !== undefined || r.noteParts.length > 0);
};

