/**
 * Section segmentation of a budget disclosure, by meaning: a heading is recognised by its words
 * (`…主要职能`, `…机构设置`, `名词解释`, `YYYY年部门预算编制说明`, a table title,
 * `其他相关情况说明`, `…项目经费情况说明`), whatever numbering, markdown or spacing surrounds it.
 * A table of contents (`目 录` and leader dots) is set aside, and a heading repeated as page
 * furniture does not open a section twice.
 */
import { matchTableTitle } from '../budget-tables.ts';
import { isPageFurniture, isTocLine, squash, type SourceLine } from '../text.ts';

export type BudgetSectionKind =
  | 'header'
  | 'contents'
  | 'duties'
  | 'institutions'
  | 'glossary'
  | 'explanation'
  | 'tables'
  | 'other-information'
  | 'projects';

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

/** Numbering in front of a heading: `一、`, `1.`, `（一）`, `第一部分`. */
const ORDINAL_PREFIX = /^(?:[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|第[一二三四五六七八九十]{1,3}部分[、:：]?)/;

/** Table titles when the tables reader does not (yet) recognise one: the standard endings. */
const TABLE_TITLE_FALLBACK = /(?:收支预算总表|收入预算总表|支出预算总表|功能分类预算表|经济分类预算表|机关运行经费预算表)$/;

/** Punctuation no heading carries. */
const HEADING_PUNCTUATION = /[。，；;,]/;

const stripHeading = (text: string): string => squash(text).replace(ORDINAL_PREFIX, '').replace(/[:：]$/, '');

/** What section a (normalised) line is the heading of, if any. */
export const classifyHeading = (text: string): BudgetSectionKind | undefined => {
  // Sentence punctuation rules a heading out (checked below on the stripped text, which keeps all
  // of it); testing the line first spares the narrative lines, most of a document, everything else.
  if (text === '' || HEADING_PUNCTUATION.test(text) || isTocLine(text)) return undefined;
  const s = stripHeading(text);
  if (s.length === 0 || s.length > 60) return undefined;
  if (/^目录$/.test(s)) return 'contents';
  if (/(?:主要职能|主要职责|部门职责)$/.test(s)) return 'duties';
  if (/机构设置(?:情况)?$/.test(s)) return 'institutions';
  if (/^名词解释$/.test(s)) return 'glossary';
  if (/^(?:\d{4}年度?)?.{0,30}预算编制说明$/.test(s)) return 'explanation';
  if (/^其他相关情况(?:的)?说明$/.test(s)) return 'other-information';
  if (/项目经费情况说明$/.test(s)) return 'projects';
  if (matchTableTitle(text) !== undefined || (s.length <= 45 && TABLE_TITLE_FALLBACK.test(s))) return 'tables';
  return undefined;
};

/** Kinds whose heading recurs inside the section (each table and each project has one). */
const REPEATING: ReadonlySet<BudgetSectionKind> = new Set(['tables', 'projects']);

/** Split the document's lines into sections. Lines before the first heading form the header. */
export const segmentSections = (lines: readonly SourceLine[]): Segmentation => {
  const bodies = new Map<BudgetSectionKind, { heading: SourceLine[]; lines: SourceLine[] }>();
  const order: BudgetSectionKind[] = [];
  const headingTexts = new Set<string>();
  const open = (kind: BudgetSectionKind, heading: SourceLine[]): { heading: SourceLine[]; lines: SourceLine[] } => {
    const body = { heading, lines: [] as SourceLine[] };
    bodies.set(kind, body);
    order.push(kind);
    return body;
  };
  let current: BudgetSectionKind = 'header';
  let body = open('header', []);
  let inContents = false;
  // Where each kind's heading last occurs: a contents entry is a heading that occurs again later.
  const kinds = lines.map((l) => classifyHeading(l.text));
  // Contents entries may end in a page number (`一、部门主要职能 3`).
  const entries = lines.map((l, i) => (/\s\d{1,3}$/.test(l.text) ? classifyHeading(l.text.replace(/\s+\d{1,3}$/, '')) : kinds[i]));
  const lastOfKind = new Map<BudgetSectionKind, number>();
  entries.forEach((k, i) => {
    if (k !== undefined) lastOfKind.set(k, i);
  });

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === undefined) continue;
    const text = line.text;
    if (inContents) {
      // A table of contents runs while lines carry leader dots (or are blank).
      const entry = entries[i];
      if (text === '' || isTocLine(text) || isPageFurniture(text) || (entry !== undefined && (lastOfKind.get(entry) ?? -1) > i)) {
        body.lines.push(line);
        continue;
      }
      inContents = false;
    }
    let kind = kinds[i];
    let headingLines: SourceLine[] = [line];
    // A heading broken over two short lines: `…（部门）` / `主要职能`.
    const next = lines[i + 1];
    // The first part carries no punctuation and no year, so a title or a `label：value` line is never swallowed.
    if (kind === undefined && next !== undefined && text !== '' && !/[。，；;,：:、]|\d{4}年/.test(text) && squash(text).length <= 30) {
      const joined = classifyHeading(`${text}${next.text}`);
      const alone = kinds[i + 1];
      if (joined !== undefined && joined !== 'tables' && !bodies.has(joined) && (alone === undefined || alone === joined)) {
        kind = joined;
        headingLines = [line, next];
      }
    }
    if (kind === 'contents' && !bodies.has('contents')) {
      current = 'contents';
      body = open('contents', headingLines);
      inContents = true;
      continue;
    }
    if (kind !== undefined && kind !== 'contents' && !bodies.has(kind)) {
      current = kind;
      body = open(kind, REPEATING.has(kind) ? [] : headingLines);
      if (REPEATING.has(kind)) body.lines.push(...headingLines);
      headingTexts.add(squash(headingLines.map((h) => h.text).join('')));
      i += headingLines.length - 1;
      continue;
    }
    if (kind !== undefined && kind === current && REPEATING.has(kind)) {
      body.lines.push(line);
      continue;
    }
    // The same heading printed again at the top of a page: furniture.
    if (kind !== undefined && headingTexts.has(squash(text)) && !REPEATING.has(current)) continue;
    body.lines.push(line);
  }

  const sections = new Map<BudgetSectionKind, Section>();
  for (const [kind, b] of bodies) sections.set(kind, { kind, heading: b.heading, lines: b.lines });
  return { sections, order };
};
