/**
 * Section segmentation of a budget disclosure, by meaning: a heading is recognised by its words
 * (`…主要职能`, `…机构设置`, `名词解释`, `YYYY年部门预算编制说明`, a table title,
 * `其他相关情况说明`, `…项目经费情况说明`), whatever numbering, markdown or spacing surrounds it.
 * A table of contents (`目 录` and leader dots) is set aside, and a heading repeated as page
 * furniture does not open a section twice.
 */
import { HEADING_ORDINAL, type DisclosureSectionKind, SECTION_VOCABULARY } from '#reference/disclosure-vocabulary.ts';
import { matchTableTitle } from '../budget-tables.ts';
import { isTitleHead } from '../tables/vocabulary.ts';
import { isPageFurniture, isTocLine, squash, type SourceLine } from '../text.ts';

export type BudgetSectionKind = 'header' | DisclosureSectionKind;

export interface Section {
  readonly kind: BudgetSectionKind;
  /** The heading line(s); none for the header. */
  readonly heading: readonly SourceLine[];
  /** Body lines (for tables and projects: every line from the first title on, titles included). */
  readonly lines: readonly SourceLine[];
}

export interface Segmentation {
  readonly sections: ReadonlyMap<BudgetSectionKind, Section>;
  /** Kinds in the order they were found. */
  readonly order: readonly BudgetSectionKind[];
}

/** Punctuation no heading carries. */
const HEADING_PUNCTUATION = /[。，；;,]/;

const stripHeading = (text: string): string => {
  let s = squash(text);
  // Numbering may be doubled (`第一部分 一、…`); markdown bold and brackets are already gone.
  for (let k = 0; k < 2; k++) s = s.replace(HEADING_ORDINAL, '');
  return s.replace(/[:：]$/, '');
};

/**
 * What section a (normalised) line is the heading of, if any. Pure in its text and asked several
 * times per line (contents, segmentation, accounting), so answers are memoised (bounded).
 */
const headingMemo = new Map<string, BudgetSectionKind | null>();
export const classifyHeading = (text: string): BudgetSectionKind | undefined => {
  const known = headingMemo.get(text);
  if (known !== undefined) return known ?? undefined;
  const kind = classifyHeadingUncached(text);
  if (headingMemo.size > 20_000) headingMemo.clear();
  headingMemo.set(text, kind ?? null);
  return kind;
};

const classifyHeadingUncached = (text: string): BudgetSectionKind | undefined => {
  // Sentence punctuation rules a heading out (checked below on the stripped text, which keeps all
  // of it); testing the line first spares the narrative lines, most of a document, everything else.
  if (text === '' || HEADING_PUNCTUATION.test(text) || isTocLine(text)) return undefined;
  if (text.includes('表') && matchTableTitle(text) !== undefined) return 'tables';
  // Every section heading ends in one of a few characters: a cheap test before the patterns.
  if (!/[录能责况置构释明表格项]$/.test(text.replace(/[\s:：]+$/, ''))) return undefined;
  const s = stripHeading(text);
  if (s.length === 0 || s.length > 60) return undefined;
  for (const v of SECTION_VOCABULARY) {
    if (v.exclude?.test(s)) continue;
    if (v.variants.some((variant) => variant.pattern.test(s))) return v.kind;
  }
  return undefined;
};

/**
 * Is the heading candidate at i the tail of a wrapped line rather than a heading? Prose wrapped
 * at a narrow width can leave `预算情况说明` alone on a line after `一、2025年“三公”经费`. The
 * previous line then ends mid-phrase (a CJK character, no sentence end) and, joined with the
 * candidate, no longer reads as the same heading. A document title printed above a heading as
 * page furniture (`…区级部门预算`) is not such a line.
 */
const isWrappedTail = (lines: readonly SourceLine[], i: number, kind: BudgetSectionKind): boolean => {
  let p = i - 1;
  while (p >= 0 && (lines[p]?.text ?? '') === '') p--;
  const prev = lines[p];
  // A page break separates a heading from what precedes it (blank lines do not: some converters
  // put one between every two lines).
  if (!prev || (lines[i]?.raw ?? '').includes('\f')) return false;
  const t = prev.text;
  // A `label：value` line (`预算主管部门：…`) ends its own phrase.
  if (!/[\u3400-\u9fff“”"’]$/.test(t) || /[：:]/.test(t) || /(?:预算|决算|预算公开|目录)$/.test(squash(t)) || classifyHeading(t) !== undefined) return false;
  return classifyHeading(`${t}${lines[i]?.text ?? ''}`) !== kind;
};

/** Kinds whose heading recurs inside the section (each table and each project has one). */
const REPEATING: ReadonlySet<BudgetSectionKind> = new Set(['tables', 'projects']);

/** A short numbered line without sentence punctuation: a contents entry the vocabulary does not know (`五、部门预算表`). */
const isShortOrdinalLine = (text: string): boolean => {
  const s = squash(text);
  return s.length <= 40 && HEADING_ORDINAL.test(s) && !/[。，；;,：:]/.test(s);
};

/** A trailing page number of a contents entry (`一、部门主要职能 3`, `一、部门主要职能……3`). */
const withoutPageNumber = (text: string): string => (!/\d$/.test(text) ? text : text.replace(/(?:[.．…·—-]{2,}|\s)\s*\d{1,3}$/, '').trim());

/**
 * The lines of the table(s) of contents, found by structure, not by leader dots: a run of entries
 * (headings, numbered short lines, leader-dot lines; blank lines and page numbers between them)
 * that names at least three parts of at least two kinds with no body text between them, or that
 * opens with `目录`. In a document's body every heading is followed by its text, so such a run is
 * a list of parts, never the parts themselves.
 */
/** What part a line names: its section kind, and for a table title its number. */
const keyOf = (text: string): string | undefined => {
  const kind = classifyHeading(text);
  if (kind !== 'tables') return kind;
  const title = matchTableTitle(text);
  return title ? `tables:${title.number}` : kind;
};

export const findContents = (lines: readonly SourceLine[]): Set<number> => {
  const contents = new Set<number>();
  let run: number[] = [];
  const close = (): void => {
    if (run.length === 0) return;
    const entryKinds = run.map((i) => classifyHeading(withoutPageNumber(lines[i]?.text ?? '')));
    const opensWithTitle = entryKinds[0] === 'contents';
    const named = entryKinds.filter((k) => k !== undefined && k !== 'contents');
    const distinct = new Set(named).size;
    const dotted = run.filter((i) => isTocLine(lines[i]?.text ?? '')).length;
    if ((opensWithTitle && run.length >= 2) || (named.length >= 3 && distinct >= 2) || dotted >= 2) {
      // The body's first heading may follow the contents directly: the run's last entry is that
      // heading when its part is not printed again further on.
      const last = run[run.length - 1] ?? 0;
      const key = keyOf(withoutPageNumber(lines[last]?.text ?? ''));
      let later = false;
      if (key !== undefined && !isTocLine(lines[last]?.text ?? '')) {
        for (let j = last + 1; j < lines.length && !later; j++) later = keyOf(lines[j]?.text ?? '') === key;
      }
      for (const i of run) if (i !== last || key === undefined || later || isTocLine(lines[i]?.text ?? '')) contents.add(i);
    }
    run = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i]?.text ?? '';
    if (text === '' || isPageFurniture(text)) continue;
    const entry = withoutPageNumber(text);
    const isEntry =
      isTocLine(text) ||
      classifyHeading(entry) !== undefined ||
      isShortOrdinalLine(entry) ||
      // The tail of a wrapped entry (`…经济分类预算` / `表`): only when it completes a heading.
      (run.length > 0 && squash(entry).length <= 12 && classifyHeading(withoutPageNumber(lines[run[run.length - 1] ?? 0]?.text ?? '') + entry) !== undefined);
    if (isEntry) run.push(i);
    else close();
  }
  close();
  return contents;
};

/**
 * Split the document's lines into sections by their headings' meaning. Lines before the first
 * heading form the header. A section may be printed in several stretches (a heading repeated
 * later reopens its section); a heading repeated at the top of its own section's pages is
 * furniture. Table titles and project headings stay inside their sections' lines.
 */
export const segmentSections = (lines: readonly SourceLine[]): Segmentation => {
  const bodies = new Map<BudgetSectionKind, { heading: SourceLine[]; lines: SourceLine[] }>();
  const order: BudgetSectionKind[] = [];
  const contents = findContents(lines);
  const bodyOf = (kind: BudgetSectionKind, heading: SourceLine[]): { heading: SourceLine[]; lines: SourceLine[] } => {
    let body = bodies.get(kind);
    if (!body) {
      body = { heading, lines: [] };
      bodies.set(kind, body);
      order.push(kind);
    }
    return body;
  };
  let current: BudgetSectionKind = 'header';
  let body = bodyOf('header', []);
  const kinds = lines.map((l, i) => (contents.has(i) ? undefined : classifyHeading(l.text)));

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === undefined) continue;
    if (contents.has(i)) {
      const c = bodyOf('contents', []);
      if (c.heading.length === 0 && c.lines.length === 0 && classifyHeading(line.text) === 'contents') c.heading.push(line);
      else c.lines.push(line);
      continue;
    }
    const text = line.text;
    let kind = kinds[i];
    let headingLines: SourceLine[] = [line];
    // A heading broken over two short lines: `…（部门）` / `主要职能`.
    const next = lines[i + 1];
    // The first part carries no punctuation and no year, so a title or a `label：value` line is never swallowed.
    // (A table title's first half may hold the year: `2025年部门财务收支` / `预算总表`.)
    // Nor does it hold figures: a table's last row is not the start of the heading below it.
    if (kind === undefined && next !== undefined && !contents.has(i + 1) && text !== '' && !/[。，；;,：:、]|\d\.\d{2}(?!\d)|\d,\d{3}/.test(text) && squash(text).length <= 40) {
      const joined = classifyHeading(`${text}${next.text}`);
      const alone = kinds[i + 1];
      // A table title split over two lines joins only when neither half is a title alone.
      const titleSplit = joined === 'tables' && kinds[i - 1] === undefined && (alone === undefined || isTitleHead(text));
      const shortHalf = !/\d{4}年/.test(text) && squash(text).length <= 30;
      if (joined !== undefined && (titleSplit || (joined !== 'tables' && shortHalf && joined !== current && (alone === undefined || alone === joined)))) {
        kind = joined;
        headingLines = [line, next];
      }
    }
    if (kind !== undefined && kind !== 'tables' && current !== 'header' && headingLines.length === 1 && isWrappedTail(lines, i, kind)) kind = undefined;
    if (kind === 'contents') {
      // `目录` printed again as page furniture, away from the contents.
      bodyOf('contents', []).lines.push(line);
      continue;
    }
    if (kind === undefined) {
      body.lines.push(line);
      continue;
    }
    i += headingLines.length - 1;
    if (REPEATING.has(kind)) {
      current = kind;
      body = bodyOf(kind, []);
      body.lines.push(...headingLines);
      continue;
    }
    // The same heading at the top of its own section's next page, or a sub-heading naming the
    // section again (`第一部分 部门概况` / `一、主要职能`): kept with the section's heading.
    if (kind === current) {
      body.heading.push(...headingLines);
      continue;
    }
    current = kind;
    body = bodyOf(kind, headingLines);
  }

  const sections = new Map<BudgetSectionKind, Section>();
  for (const [kind, b] of bodies) sections.set(kind, { kind, heading: b.heading, lines: b.lines });
  return { sections, order };
};
