/**
 * The words the nine tables are recognised by: titles, header vocabulary, row names of the
 * two-sided tables, and the headings that end the tables section. Read by meaning, never by
 * one converter's layout.
 */
import { FUNCTIONAL_CLASSES, type TableNumber } from '#domain/index.ts';
import { LEVEL_WORDS, TABLE_TITLE_VOCABULARY } from '#reference/disclosure-vocabulary.ts';
import { isTocLine, squash } from '../text.ts';

export interface TableTitleMatch {
  readonly number: TableNumber;
  readonly year?: number;
  readonly level: 'department' | 'unit';
}

/** `表1`, `附表1：`, `表一`, `1.`, `5．` in front of a title. */
const TITLE_ORDINAL = /^(?:附?表\s*(?:\d{1,2}|[一二三四五六七八九])(?:-\d{1,2})?[.．、:：\s]?|\d{1,2}[.．、:：\s])/;
/** What may stand between the year and the level word: an issuer's name, never a sentence. */
const ISSUER_RE = /^[^\s，。；：:,、\d]{0,40}$/;
/** Issuers end in an organisation word: a free prefix must look like one. */
const ORGANISATION_END = /(?:局|委|委员会|办公室|办|街道|办事处|镇|乡|中心|院|所|馆|站|队|会|部|处|厅|室|校|园|区|县|市|府|署|社|团|组|队)$/;

/**
 * Is this (normalised) line a table title such as `2025年部门支出预算总表`? Titles are matched by
 * the end of their wording (TABLE_TITLE_VOCABULARY); before it may stand an ordinal (`表2`), an
 * issuer, the year and the level word in any combination the wild has shown
 * (`2025年上海市松江区数据局财务收支预算总表`, `上海市普陀区商务委员会2025年部门收入预算总表`,
 * `2025年预算单位收入预算总表`). Not for table-of-contents lines with leader dots.
 */
export const matchTableTitle = (text: string): TableTitleMatch | undefined => {
  // Cheap tests first: this runs on every line of a document.
  if (text.length > 120 || !text.includes('表') || isTocLine(text)) return undefined;
  // A unit printed on the title line (`…预算总表（单位：元）`) is read by the region, not part of the name.
  let t = squash(text.trim().replace(TITLE_ORDINAL, ''))
    .replace(/[（(]?(?:金额)?单位[:：]万?元[）)]?$/, '')
    .replace(/[（(]续表?\d*[）)]$|续表$/, '');
  if (t.length > 80 || /[。，；]/.test(t)) return undefined;
  // Squashed `表2 2025年…` would read `表22025年…`: numbering stuck to the year is cut here only when a year follows.
  t = t.replace(/^(?:附?表\d{1,2}|\d{1,2})[.．、:：]?(?=\d{4}年)/, '');
  for (const variant of TABLE_TITLE_VOCABULARY) {
    const m = variant.core.exec(t);
    if (!m) continue;
    let prefix = t.slice(0, m.index);
    let level: 'department' | 'unit' | undefined;
    for (const [word, l] of LEVEL_WORDS) {
      if (prefix.endsWith(word)) {
        level = l;
        prefix = prefix.slice(0, -word.length);
        break;
      }
    }
    const y = /(\d{4})年度?/.exec(prefix);
    const year = y?.[1] !== undefined ? Number(y[1]) : undefined;
    const issuer = y ? prefix.slice(0, y.index) + prefix.slice(y.index + y[0].length) : prefix;
    if (!ISSUER_RE.test(issuer)) return undefined;
    // A free prefix is an issuer's name and ends like one (`…数据局`, `…街道`, `上海市普陀区`), never `根据`.
    if (issuer !== '' && !ORGANISATION_END.test(issuer)) return undefined;
    // `部门` is the default level: titles without a level word are department tables.
    return { number: variant.number, level: level ?? 'department', ...(year !== undefined ? { year } : {}) };
  }
  return undefined;
};

/**
 * Can this line be the first half of a title split over two lines (`2025年部门` / `收入预算总表`)?
 * It must carry something of a title's opening — the year, the level word, a 表N number or an
 * issuer — and nothing of a row (figures) or a sentence.
 */
export const isTitleHead = (text: string): boolean => {
  const t = squash(text);
  if (t === '' || t.length > 60 || /[。，；：:]/.test(t) || /\d[\d,]*\.\d{2}/.test(t) || /^\d{3}(?:\s|$)/.test(text.trim())) return false;
  return /\d{4}年/.test(t) || /(?:部门|单位)$/.test(t) || /^附?表\s*[\d一二三四五六七八九]/.test(t) || ORGANISATION_END.test(t);
};

/** Headings of the sections that follow the tables (or precede them when the whole document is given). */
const SECTION_HEADING_RE =
  /^(?:[一二三四五六七八九十]+[、.．]|\d{1,2}[、.．])?(?:其他相关情况说明|名词解释|目录|部门预算表|.{0,40}项目(?:经费)?情况说明|.{0,30}编制说明|.{0,30}主要职能|.{0,30}机构设置|项目概[况述])$/;

/**
 * The last two characters of every heading SECTION_HEADING_RE accepts. This runs on every table
 * line; the ending is a cheap test that spares the regex's `.{0,40}` backtracking on rows.
 */
const SECTION_HEADING_ENDINGS: ReadonlySet<string> = new Set(['说明', '解释', '目录', '算表', '职能', '设置', '概况', '概述']);

export const isSectionHeading = (text: string): boolean => {
  const t = squash(text);
  return t.length <= 50 && SECTION_HEADING_ENDINGS.has(t.slice(-2)) && SECTION_HEADING_RE.test(t);
};

/** A sentence of narrative: the tables section has ended (notes are handled before this). */
export const isNarrativeSentence = (text: string): boolean =>
  // The punctuation first: squashing whitespace never adds or removes it, and most lines have none.
  /[。；]/.test(text) && squash(text).length >= 25;

export const isNoteStart = (text: string): boolean => /^注\s*[:：]/.test(text.trim());

/** `编制部门：上海市松江区数据局 单位：元`. */
export const readPreparer = (text: string): string | undefined => {
  const m = /编制(?:部门|单位)\s*[:：]\s*(.*?)(?:\s+(?:金额)?单位\s*[:：].*)?$/.exec(text);
  const name = m?.[1]?.trim();
  return name ? name : undefined;
};

/** `单位：元`, `单位:万元`, `金额单位：万元` (but not `编制单位：…`). */
export const readUnit = (text: string): '元' | '万元' | undefined => {
  const m = /(?<!编制)单位\s*[:：]\s*(万元|元)/.exec(text);
  return m?.[1] === '万元' ? '万元' : m?.[1] === '元' ? '元' : undefined;
};

/** Column headers and other header words; a repeated header block starts with one of these. */
const STRONG_HEADER_RE =
  /科目编码|科目名称|^类款项?$|^项目|收入预算$|支出预算$|^本年收入|^本年支出|预算数$|^财政拨款收入财政拨款支出|经费预算数/;

/** Is this line (without figures) a header line of a table (possibly repeated after a page break)? */
/** Distinct column names (other than 合计) of each table's column list, built once per list. */
const headerWordsCache = new WeakMap<readonly string[], readonly string[]>();
const headerWords = (columns: readonly string[]): readonly string[] => {
  let words = headerWordsCache.get(columns);
  if (!words) {
    words = [...new Set(columns)].filter((c) => c !== '合计');
    headerWordsCache.set(columns, words);
  }
  return words;
};

export const isStrongHeaderLine = (text: string, columns: readonly string[]): boolean => {
  const t = squash(text);
  if (STRONG_HEADER_RE.test(t)) return true;
  let hits = 0;
  for (const c of headerWords(columns)) if (t.includes(c)) hits++;
  return hits >= 2;
};

/** Total rows. */
export const TOTAL_NAMES: ReadonlySet<string> = new Set(['合计', '总计', '收入总计', '支出总计', '收入合计', '支出合计']);
export const isTotalName = (name: string): boolean => TOTAL_NAMES.has(squash(name));

/** Ordinal at the start of a row name in tables 1 and 4: `一、`, `1.`, `1．`, `（一）`. */
const ORDINAL_RE = /^(?:[一二三四五六七八九十百]+[、.．]|\d{1,2}[.．、](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[）)])/;

export const splitOrdinal = (text: string): { ordinal?: string; rest: string } => {
  const m = ORDINAL_RE.exec(text);
  if (!m) return { rest: text };
  return { ordinal: m[0], rest: text.slice(m[0].length).trim() };
};

/** Which side of table 1 / 4 a row name belongs to, by vocabulary; undefined when it does not say. */
export const sideOfName = (name: string): 'revenue' | 'expenditure' | undefined => {
  const n = squash(name);
  if (n === '收入总计' || n === '收入合计') return 'revenue';
  if (n === '支出总计' || n === '支出合计') return 'expenditure';
  if (/支出|预备费|结转下年|年末结转/.test(n)) return 'expenditure';
  if (/收入|资金$|^政府性基金(?:预算)?$|^国有资本经营预算$|上年结转|弥补|结余/.test(n)) return 'revenue';
  return undefined;
};

const REVENUE_ITEMS: ReadonlySet<string> = new Set([
  '财政拨款收入', '一般公共预算资金', '一般公共预算拨款收入', '政府性基金', '政府性基金收入', '政府性基金预算资金',
  '国有资本经营预算', '国有资本经营预算资金', '国有资本经营预算收入', '事业收入', '事业单位经营收入', '其他收入',
]);
const CLASS_NAMES: ReadonlySet<string> = new Set(FUNCTIONAL_CLASSES.map((c) => c.name));

/** Whole names that start a row of table 1 / 4 even without an ordinal (so they are not a wrapped tail). */
export const isKnownTwoSidedName = (name: string): boolean => {
  const n = squash(name);
  return isTotalName(n) || REVENUE_ITEMS.has(n) || CLASS_NAMES.has(n);
};
