/**
 * Metamorphic transforms for budget disclosures: text → text rewrites that keep a document's
 * meaning and change its shape, the way other departments, districts and converters do.
 *
 * They are written independently of the reader (nothing from src/ingest is imported): plain
 * regular expressions on the heading vocabulary below and on number grammar. If a transform and
 * the reader shared a helper, a bug in it would rewrite and read a document the same wrong way
 * and the test would prove nothing.
 *
 * Every transform is pure and total: a document it does not apply to (no contents, no table) comes
 * back unchanged, which the matrix reports as "n/a" rather than as a pass.
 *
 * `projectModel` turns a parsed model into a provenance-free list of facts (`T3|201 03 01|合计=…`)
 * so that two readings of two shapes of one document can be compared exactly.
 */
import type { BudgetDisclosure, MoneyFigure, NarrativeAmount, StatedChange, TableRow } from '#domain/index.ts';

// ---------------------------------------------------------------------------------------------
// Vocabulary (independent of src/reference on purpose: a second, small, explicit list)

/** Table names after the level word (部门 / 单位 / 预算单位), by table number. */
export const TABLE_NAMES: readonly string[] = [
  '财务收支预算总表',
  '收入预算总表',
  '支出预算总表',
  '财政拨款收支预算总表',
  '一般公共预算支出功能分类预算表',
  '政府性基金预算支出功能分类预算表',
  '国有资本经营预算支出功能分类预算表',
  '一般公共预算基本支出部门预算经济分类预算表',
  '“三公”经费和机关运行经费预算表',
];

const NAME_ALTERNATION = TABLE_NAMES.map((n) => n.replace(/[“”]/g, '[“”"]')).join('|');
/** A table title as the body prints it, squashed: optional year, level word, name. */
const TITLE_SQUASHED = new RegExp(`^(\\d{4}年)?(部门|预算单位|单位)(${NAME_ALTERNATION})$`);

/** Section headings by the words they end with (numbering stripped, squashed). */
const SECTION_ENDINGS: ReadonlyArray<{ readonly kind: SectionKey; readonly re: RegExp }> = [
  { kind: 'duties', re: /主要职能$/ },
  { kind: 'institutions', re: /机构设置$/ },
  { kind: 'glossary', re: /^名词解释$/ },
  { kind: 'explanation', re: /预算编制说明$/ },
  { kind: 'tables', re: /^(部门|单位|预算单位)?预算表$/ },
  { kind: 'other', re: /^其[他它]相关情况说明$/ },
  { kind: 'projects', re: /^项目(经费|支出)情况说明$/ },
];
type SectionKey = 'duties' | 'institutions' | 'glossary' | 'explanation' | 'tables' | 'other' | 'projects';

/** Any numbering in front of a heading: `一、`, `第二部分`, `（三）`, `4．`, `1.`. */
const NUMBERING = /^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分|[（(][一二三四五六七八九十]+[）)]|\d+\s*[.．、])\s*/;
const CN_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** Leader dots and an optional page number at the end of a contents line. */
const LEADER = /\s*(?:…{2,}|\.{4,}|·{4,}|—{4,})[…\s.·—]*\d*\s*$/;
/** A money amount or a bare number as a table cell: `12,029,501.84`, `0`, `21.56`. */
const NUMBER_TOKEN = /^-?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const AMOUNT_IN_LINE = /(?:^|\s)-?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d{2}|0)(?=\s|$)/;
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

const squash = (s: string): string => s.replace(/\s+/g, '');
const lines = (text: string): string[] => text.split('\n');
const indentOf = (s: string): string => /^[\s\f]*/.exec(s)?.[0] ?? '';
const stripNumbering = (s: string): string => s.replace(NUMBERING, '');

export const isTableTitle = (line: string): boolean => TITLE_SQUASHED.test(squash(line));
/** 1–9 for a table title line, else undefined. */
export const tableNumberOf = (line: string): number | undefined => {
  const m = TITLE_SQUASHED.exec(squash(line));
  if (!m) return undefined;
  const name = (m[3] ?? '').replace(/"/g, '“');
  const i = TABLE_NAMES.findIndex((n) => n.replace(/[“”]/g, '') === name.replace(/[“”"]/g, ''));
  return i < 0 ? undefined : i + 1;
};

// ---------------------------------------------------------------------------------------------
// Structure: contents, section headings, table regions

export interface ContentsBlock {
  /** Index of the `目录` line. */
  readonly start: number;
  /** One past the last entry. */
  readonly end: number;
  readonly entries: readonly number[];
}

const isContentsEntry = (line: string): boolean => {
  const t = line.trim();
  if (t === '' || t.length > 120) return false;
  if (LEADER.test(t) && CJK.test(t)) return true;
  const body = squash(stripNumbering(t.replace(/^[-*]\s+/, '')));
  return NUMBERING.test(t.replace(/^[-*]\s+/, '')) && (TITLE_SQUASHED.test(body) || SECTION_ENDINGS.some((s) => s.re.test(body.replace(/^(部门|单位)/, ''))) || /预算表$/.test(body));
};

/** The table of contents: a `目录` line and the entries after it (blank lines allowed). */
export const findContents = (ls: readonly string[]): ContentsBlock | undefined => {
  const start = ls.findIndex((l, i) => i < 80 && squash(l) === '目录');
  if (start < 0) return undefined;
  const entries: number[] = [];
  let end = start + 1;
  for (let i = start + 1; i < ls.length; i++) {
    const l = ls[i] ?? '';
    if (l.trim() === '') continue;
    if (!isContentsEntry(l)) break;
    entries.push(i);
    end = i + 1;
  }
  return entries.length > 0 ? { start, end, entries } : undefined;
};

export interface Heading {
  readonly index: number;
  readonly kind: SectionKey;
}

/** Section headings in the body (after the contents), in order. A project heading that opens the section counts as its start. */
export const findHeadings = (ls: readonly string[]): Heading[] => {
  const toc = findContents(ls);
  const from = toc ? toc.end : 0;
  const out: Heading[] = [];
  let seenOther = false;
  let seenProjects = false;
  for (let i = from; i < ls.length; i++) {
    const raw = ls[i] ?? '';
    const body = squash(stripNumbering(raw.trim()));
    if (body === '' || body.length > 60 || /[。；：:]/.test(body)) continue;
    const hit = SECTION_ENDINGS.find((s) => s.re.test(body));
    if (hit && !(hit.kind === 'projects' && seenProjects)) {
      out.push({ index: i, kind: hit.kind });
      if (hit.kind === 'other') seenOther = true;
      if (hit.kind === 'projects') seenProjects = true;
      continue;
    }
    // The first `<name>项目经费情况说明` / `<name>经费情况说明` after 其他相关情况说明 opens the projects.
    if (seenOther && !seenProjects && /经费情况说明$/.test(body)) {
      out.push({ index: i, kind: 'projects' });
      seenProjects = true;
    }
  }
  return out;
};

/** Body table titles (after the contents). */
export const findTableTitles = (ls: readonly string[]): number[] => {
  const toc = findContents(ls);
  const from = toc ? toc.end : 0;
  const out: number[] = [];
  for (let i = from; i < ls.length; i++) if (isTableTitle(ls[i] ?? '')) out.push(i);
  return out;
};

/** [title index, end) of each table: to the next title or section heading. */
const tableRegions = (ls: readonly string[]): Array<{ title: number; end: number }> => {
  const titles = findTableTitles(ls);
  const heads = findHeadings(ls).map((h) => h.index);
  return titles.map((t, k) => {
    const next = Math.min(titles[k + 1] ?? ls.length, ...heads.filter((h) => h > t), ls.length);
    return { title: t, end: next };
  });
};

// ---------------------------------------------------------------------------------------------
// Transforms

export type Transform = (text: string) => string;

/** Contents removed: the `目录` line and its entries go; the body is untouched. */
export const contentsRemoved: Transform = (text) => {
  const ls = lines(text);
  const toc = findContents(ls);
  if (!toc) return text;
  return [...ls.slice(0, toc.start), ...ls.slice(toc.end)].join('\n');
};

type ContentsStyle = 'plain' | 'markdown' | 'leader';
const rewriteContents = (style: ContentsStyle): Transform => (text) => {
  const ls = lines(text);
  const toc = findContents(ls);
  if (!toc) return text;
  let page = 3;
  const entries = toc.entries.map((i) => {
    const l = ls[i] ?? '';
    const nested = indentOf(l).replace(/\f/g, '').length > 0 && !/^[一二三四五六七八九十]+、/.test(l.trim());
    const body = l.trim().replace(/^[-*]\s+/, '').replace(LEADER, '').trim();
    page += 1;
    if (style === 'plain') return `${nested ? '  ' : ''}${body}`;
    if (style === 'markdown') return `${nested ? '  - ' : '- '}${body}`;
    return `${nested ? '  ' : ''}${body}${'…'.repeat(Math.max(4, 40 - body.length))}${page}`;
  });
  return [...ls.slice(0, toc.start + 1), ...entries, ...ls.slice(toc.end)].join('\n');
};
/** Contents without leader dots or page numbers (the bare titles). */
export const contentsPlain: Transform = rewriteContents('plain');
/** Contents as markdown `- ` bullets (nested entries indented). */
export const contentsMarkdown: Transform = rewriteContents('markdown');
/** Contents with leader dots and page numbers (`……3`). */
export const contentsLeaderDots: Transform = rewriteContents('leader');

export type NumberingStyle = 'cn' | 'part' | 'none' | 'paren';
const numbered = (style: NumberingStyle, k: number): string => {
  const n = CN_NUMERALS[k] ?? String(k + 1);
  if (style === 'cn') return `${n}、`;
  if (style === 'part') return `第${n}部分 `;
  if (style === 'paren') return `（${n}）`;
  return '';
};
const TOP_NUMBERING = /^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十]+部分|[（(][一二三四五六七八九十]+[）)])\s*/;
/**
 * Section headings renumbered: `一、` / `第一部分` / none / `（一）`, in order of appearance, in
 * the body and in the contents' top-level entries (nested `1.` entries keep theirs). A project
 * heading that opens the project section is left as it is: it names a project.
 */
export const renumberHeadings =
  (style: NumberingStyle): Transform =>
  (text) => {
    const ls = lines(text);
    const heads = findHeadings(ls);
    const toc = findContents(ls);
    let t = 0;
    for (const i of toc?.entries ?? []) {
      const l = ls[i] ?? '';
      const body = l.trim();
      if (!TOP_NUMBERING.test(body)) continue;
      ls[i] = `${indentOf(l)}${numbered(style, t)}${body.replace(TOP_NUMBERING, '')}`;
      t += 1;
    }
    let k = 0;
    for (const h of heads) {
      const l = ls[h.index] ?? '';
      const body = l.trim();
      if (h.kind === 'projects' && !SECTION_ENDINGS.some((s) => s.kind === 'projects' && s.re.test(squash(stripNumbering(body))))) continue;
      ls[h.index] = `${indentOf(l)}${numbered(style, k)}${stripNumbering(body)}`;
      k += 1;
    }
    return ls.join('\n');
  };

/** Cut [a, b) ranges of lines by section: the tables run from the first body title to the next heading. */
const sectionBounds = (ls: readonly string[]): { explanation?: number; tables?: number; other?: number; projects?: number } => {
  const heads = findHeadings(ls);
  const at = (k: SectionKey): number | undefined => heads.find((h) => h.kind === k)?.index;
  const titles = findTableTitles(ls);
  const explanation = at('explanation');
  const tablesHeading = at('tables');
  const firstTitle = titles.find((t) => explanation === undefined || t > explanation);
  const tables = tablesHeading ?? firstTitle;
  const other = at('other');
  const projects = at('projects');
  return {
    ...(explanation !== undefined ? { explanation } : {}),
    ...(tables !== undefined ? { tables } : {}),
    ...(other !== undefined ? { other } : {}),
    ...(projects !== undefined ? { projects } : {}),
  };
};

/** 其他相关情况说明 moved in front of the tables (the section runs from its heading to the next heading). */
export const otherInformationBeforeTables: Transform = (text) => {
  const ls = lines(text);
  const { tables, other, projects } = sectionBounds(ls);
  if (tables === undefined || other === undefined || other < tables) return text;
  const otherEnd = projects !== undefined && projects > other ? projects : ls.length;
  return [...ls.slice(0, tables), ...ls.slice(other, otherEnd), ...ls.slice(tables, other), ...ls.slice(otherEnd)].join('\n');
};

/** 编制说明 moved after the tables. */
export const explanationAfterTables: Transform = (text) => {
  const ls = lines(text);
  const { explanation, tables, other } = sectionBounds(ls);
  if (explanation === undefined || tables === undefined || other === undefined || !(explanation < tables && tables < other)) return text;
  return [...ls.slice(0, explanation), ...ls.slice(tables, other), ...ls.slice(explanation, tables), ...ls.slice(other)].join('\n');
};

const LEVEL_HEADINGS = /(部门|单位)(主要职能|机构设置|预算编制说明|预算表)/;
/**
 * 部门 ↔ 单位 wording in table titles, contents and headings: a department budget's tables become
 * `预算单位…` (table 9 `单位…`), its headings `单位…`; a unit budget's the reverse. The 部门 inside
 * `部门预算经济分类` is the classification's name and stays.
 */
export const levelWordingSwapped: Transform = (text) => {
  const ls = lines(text);
  const titles = ls.map(isTableTitle);
  const anyDept = ls.some((l, i) => titles[i] && /^(\d{4}年)?部门/.test(squash(l)));
  const toUnit = anyDept;
  return ls
    .map((l, i) => {
      const isContents = NUMBERING.test(l.trim()) || LEADER.test(l);
      if (titles[i] || (isContents && new RegExp(NAME_ALTERNATION).test(l))) {
        return l.replace(new RegExp(`(^|[\\s年.．、])(部门|预算单位|单位)(?=\\s*(?:${NAME_ALTERNATION}))`), (_m, pre: string, _w: string, off: number, whole: string) => {
          const rest = whole.slice(off + pre.length + _w.length);
          const nine = /^\s*[“”"]三公/.test(rest);
          return `${pre}${toUnit ? (nine ? '单位' : '预算单位') : '部门'}`;
        });
      }
      const body = squash(stripNumbering(l.trim().replace(LEADER, '')));
      if (body.length <= 40 && LEVEL_HEADINGS.test(body) && !/[。，；]/.test(body)) {
        return l.replace(LEVEL_HEADINGS, (_m, _w: string, rest: string) => `${toUnit ? '单位' : '部门'}${rest}`);
      }
      return l;
    })
    .join('\n');
};

/** The department's name as printed (`预算主管部门：…`, `编制部门：…`, `编制单位：…`). */
export const departmentNameOf = (text: string): string | undefined =>
  /(?:预算主管部门|编制部门|编制单位)\s*[：:]\s*([^\s：:]+)/.exec(text)?.[1];

/** The department's name put into each body table title: `2025年上海市…办公室部门收入预算总表`. */
export const departmentInTitles: Transform = (text) => {
  const name = departmentNameOf(text);
  if (!name) return text;
  const ls = lines(text);
  for (const i of findTableTitles(ls)) {
    const l = ls[i] ?? '';
    ls[i] = l.replace(/(\d{4}年)?(\s*)(部门|预算单位|单位)/, (_m, y: string | undefined, sp: string, w: string) => `${y ?? ''}${sp}${name}${w}`);
  }
  return ls.join('\n');
};

/** `表N ` in front of each body table title. */
export const tableNumberPrefixes: Transform = (text) => {
  const ls = lines(text);
  for (const i of findTableTitles(ls)) {
    const l = ls[i] ?? '';
    const n = tableNumberOf(l);
    if (n !== undefined) ls[i] = `${indentOf(l)}表${n} ${l.trim()}`;
  }
  return ls.join('\n');
};

/** Each body table title split over two lines, in the middle. */
export const titlesSplit: Transform = (text) => {
  const ls = lines(text);
  const titles = new Set(findTableTitles(ls));
  return ls
    .flatMap((l, i) => {
      if (!titles.has(i)) return [l];
      const t = l.trim();
      const cut = Math.ceil(t.length / 2);
      const indent = indentOf(l);
      return [`${indent}${t.slice(0, cut)}`, `${indent.replace(/\f/g, '')}${t.slice(cut)}`];
    })
    .join('\n');
};

/**
 * Header cells split over lines: in each table's header (the lines between the title and the first
 * line with a figure, other than 编制部门 / 单位：元), every word of four or more characters keeps its
 * first half, and its second half goes on a new line below, starting at the word's column (as a
 * wrapped cell prints); the other cells keep their columns.
 */
export const headerCellsSplit: Transform = (text) => {
  const ls = lines(text);
  const inserts = new Map<number, string>();
  for (const { title, end } of tableRegions(ls)) {
    for (let i = title + 1; i < end; i++) {
      const l = ls[i] ?? '';
      if (AMOUNT_IN_LINE.test(l)) break;
      if (l.trim() === '' || /编制|单位[：:]|^\s*注/.test(l)) continue;
      let top = '';
      let below = '';
      let changed = false;
      const re = /(\s*)(\S+)/g;
      let m: RegExpExecArray | null;
      while ((m = re.exec(l)) !== null) {
        const [, sp = '', word = ''] = m;
        top += sp;
        if ([...word].length >= 4 && [...word].every((ch) => CJK.test(ch) || /[（）()“”]/.test(ch))) {
          const chars = [...word];
          const half = Math.ceil(chars.length / 2);
          const head = chars.slice(0, half).join('');
          const tail = chars.slice(half).join('');
          below = below.padEnd(top.length, ' ') + tail;
          // The tail's place stays blank so that the cells after it keep their columns.
          top += head + ' '.repeat(tail.length);
          changed = true;
        } else top += word;
      }
      if (changed) {
        ls[i] = top.trimEnd();
        inserts.set(i, below);
      }
    }
  }
  return ls.flatMap((l, i) => (inserts.has(i) ? [l, inserts.get(i) ?? ''] : [l])).join('\n');
};

const isProse = (l: string): boolean => {
  const t = l.trim();
  if (t.length < 20 || /\S\s{2,}\S/.test(t) || /\t/.test(t)) return false;
  const chars = [...squash(t)];
  const cjk = chars.filter((c) => CJK.test(c) || /[，。、；：“”（）《》]/.test(c)).length;
  return cjk / chars.length >= 0.6 && !isTableTitle(t) && !LEADER.test(t);
};
const breakable = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && CJK.test(a) && CJK.test(b);

/**
 * Narrative prose re-wrapped at another width: a paragraph is a prose line and the prose lines
 * that continue it (no indentation); it is re-cut near `width` characters, only between two CJK
 * characters (never inside a figure, a code or a Latin word).
 */
export const proseRewrapped =
  (width: number): Transform =>
  (text) => {
    const ls = lines(text);
    const out: string[] = [];
    for (let i = 0; i < ls.length; ) {
      const l = ls[i] ?? '';
      if (!isProse(l)) {
        out.push(l);
        i++;
        continue;
      }
      let para = l.trimEnd();
      let j = i + 1;
      while (j < ls.length && isProse(ls[j] ?? '') && indentOf(ls[j] ?? '') === '') {
        para += (ls[j] ?? '').trim();
        j++;
      }
      const indent = indentOf(para);
      const chars = [...para.slice(indent.length)];
      let line = indent;
      let count = 0;
      for (let k = 0; k < chars.length; k++) {
        line += chars[k];
        count++;
        if (count >= width && breakable(chars[k], chars[k + 1])) {
          out.push(line);
          line = '';
          count = 0;
        }
      }
      if (line !== '') out.push(line);
      i = j;
    }
    return out.join('\n');
  };

/** Runs of two or more spaces between cells become one tab (indentation kept). */
export const spacesToTabs: Transform = (text) =>
  lines(text)
    .map((l) => {
      const indent = indentOf(l);
      return indent + l.slice(indent.length).replace(/(\S) {2,}(?=\S)/g, '$1\t');
    })
    .join('\n');

/** Tabs become runs of four spaces. */
export const tabsToSpaces: Transform = (text) => text.replace(/\t/g, '    ');

/** The cells of a table row: runs of 2+ spaces or tabs, then a leading code and each figure apart. */
export const rowCells = (line: string): string[] => {
  const cells: string[] = [];
  for (const chunk of line.trim().split(/\s{2,}|\t/)) {
    let rest = chunk.trim();
    const code = /^(\d{3}(?: \d{1,2}){0,2})(?: (?=\D)|$)/.exec(rest);
    if (code?.[1] !== undefined) {
      cells.push(code[1]);
      rest = rest.slice(code[0].length).trim();
    }
    let words: string[] = [];
    for (const tok of rest.split(' ').filter((t) => t !== '')) {
      if (NUMBER_TOKEN.test(tok)) {
        if (words.length > 0) cells.push(words.join(' '));
        words = [];
        cells.push(tok);
      } else words.push(tok);
    }
    if (words.length > 0) cells.push(words.join(' '));
  }
  return cells;
};

/** Every table row (a line with a figure inside a table) written one cell per line. */
export const oneCellPerLine: Transform = (text) => {
  const ls = lines(text);
  const rows = new Set<number>();
  for (const { title, end } of tableRegions(ls)) for (let i = title + 1; i < end; i++) if (AMOUNT_IN_LINE.test(ls[i] ?? '') && !/编制|单位[：:]|^\s*注/.test(ls[i] ?? '')) rows.add(i);
  return ls.flatMap((l, i) => (rows.has(i) ? [`${/^\f/.test(l) ? '\f' : ''}${rowCells(l)[0] ?? ''}`, ...rowCells(l).slice(1)] : [l])).join('\n');
};

/** A blank line after every line. */
export const blankLinesBetween: Transform = (text) => lines(text).join('\n\n');

/** `附件1 ` in front of the document's title (its first non-blank line). */
export const attachmentPrefix: Transform = (text) => {
  const ls = lines(text);
  const i = ls.findIndex((l) => l.trim() !== '');
  if (i < 0) return text;
  const l = ls[i] ?? '';
  ls[i] = `${indentOf(l)}附件1 ${l.trim()}`;
  return ls.join('\n');
};

/**
 * Page furniture every `every` lines: a centred page number `- N -`, then a form feed; with
 * `repeatTitles`, a page break inside a table repeats that table's title on the new page.
 */
export const pageBreaks =
  (every = 40, repeatTitles = false): Transform =>
  (text) => {
    const ls = lines(text);
    const regions = repeatTitles ? tableRegions(ls) : [];
    const out: string[] = [];
    let page = 1;
    ls.forEach((l, i) => {
      out.push(l);
      if ((i + 1) % every !== 0 || i + 1 >= ls.length) return;
      out.push(`                              - ${page} -`);
      page++;
      const region = regions.find((r) => r.title < i && i + 1 < r.end);
      const title = region ? (ls[region.title] ?? '').replace(/\f/g, '') : undefined;
      if (title !== undefined) out.push(`\f${title}`);
      else ls[i + 1] = `\f${(ls[i + 1] ?? '').replace(/^\f/, '')}`;
    });
    return out.join('\n');
  };

export interface NamedTransform {
  readonly name: string;
  readonly transform: Transform;
}

/** The transforms the metamorphic test and the matrix run, in order. */
export const TRANSFORMS: readonly NamedTransform[] = [
  { name: 'contents-removed', transform: contentsRemoved },
  { name: 'contents-plain', transform: contentsPlain },
  { name: 'contents-markdown', transform: contentsMarkdown },
  { name: 'contents-leader-dots', transform: contentsLeaderDots },
  { name: 'headings-一、', transform: renumberHeadings('cn') },
  { name: 'headings-第一部分', transform: renumberHeadings('part') },
  { name: 'headings-unnumbered', transform: renumberHeadings('none') },
  { name: 'headings-（一）', transform: renumberHeadings('paren') },
  { name: 'other-before-tables', transform: otherInformationBeforeTables },
  { name: 'explanation-after-tables', transform: explanationAfterTables },
  { name: 'level-wording', transform: levelWordingSwapped },
  { name: 'department-in-titles', transform: departmentInTitles },
  { name: 'table-number-prefix', transform: tableNumberPrefixes },
  { name: 'titles-split', transform: titlesSplit },
  { name: 'header-cells-split', transform: headerCellsSplit },
  { name: 'prose-width-37', transform: proseRewrapped(37) },
  { name: 'prose-width-61', transform: proseRewrapped(61) },
  { name: 'spaces-to-tabs', transform: spacesToTabs },
  { name: 'one-cell-per-line', transform: oneCellPerLine },
  { name: 'blank-lines', transform: blankLinesBetween },
  { name: 'attachment-prefix', transform: attachmentPrefix },
  { name: 'page-breaks', transform: pageBreaks(40) },
  { name: 'page-breaks-repeated-titles', transform: pageBreaks(40, true) },
];

// ---------------------------------------------------------------------------------------------
// Projection

const fen = (f: MoneyFigure | undefined): string => (f ? String(f.amount) : '—');
const changeText = (c: StatedChange | undefined): string =>
  c ? `${c.direction} ${c.comparedYear ?? '?'} ${c.basis} ${fen(c.amount)} ${c.percent?.hundredths ?? '—'} prior ${fen(c.priorAmount)} current ${fen(c.currentAmount)}` : '—';
const amountText = (a: NarrativeAmount | undefined): string => (a ? `${fen(a.amount)} | ${changeText(a.change)}` : '—');
const rowKey = (r: TableRow): string => `${r.side ?? ''}|${r.code ? r.code.segments.join(' ') : squash(r.name)}`;

/**
 * The model without provenance: one line per fact, sorted. Tables by number, rows by code or
 * name (repeated keys numbered), cells by column in 分; narrative figures; projects' names and
 * amounts. No line numbers, no source text, no titles or level (transforms change those on purpose).
 */
export const projectModel = (doc: BudgetDisclosure): string[] => {
  const out: string[] = [];
  for (const t of doc.tables) {
    const seen = new Map<string, number>();
    for (const r of t.rows) {
      const base = `T${t.number}|${rowKey(r)}`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      const key = n > 1 ? `${base}#${n}` : base;
      out.push(`${key}|name=${squash(r.name)}|kind=${r.kind}`);
      for (const c of r.cells) if (c.figure) out.push(`${key}|${c.column}=${c.figure.amount}`);
      const unplaced = (r.unplaced ?? []).map((f) => f.amount).sort((a, b) => a - b);
      if (unplaced.length > 0) out.push(`${key}|unplaced=${unplaced.join(',')}`);
    }
  }
  const e = doc.explanation;
  if (e) {
    out.push(`explanation.revenueTotal=${amountText(e.revenueTotal)}`);
    for (const p of e.revenueParts) out.push(`explanation.revenue[${squash(p.name)}]=${amountText(p)}`);
    out.push(`explanation.expenditureTotal=${amountText(e.expenditureTotal)}`);
    out.push(`explanation.fiscalExpenditure=${amountText(e.fiscalExpenditure)}`);
    for (const p of e.fiscalExpenditureParts) out.push(`explanation.fiscal[${squash(p.name)}]=${amountText(p)}`);
    for (const m of e.mainItems) out.push(`explanation.item[${m.ordinal}]=${squash(m.subject)} ${fen(m.amount)} | ${changeText(m.change)}`);
  }
  const o = doc.otherInformation;
  const tp = o.threePublic;
  if (tp) {
    for (const [k, v] of [
      ['total', tp.total],
      ['abroad', tp.abroad],
      ['vehicles', tp.vehicles],
      ['vehiclePurchase', tp.vehiclePurchase],
      ['vehicleOperation', tp.vehicleOperation],
      ['reception', tp.reception],
    ] as const)
      out.push(`threePublic.${k}=${amountText(v)}`);
  }
  if (o.operatingCosts) out.push(`operatingCosts=${fen(o.operatingCosts.amount)} none=${o.operatingCosts.none}`);
  const pr = o.procurement;
  if (pr) out.push(`procurement=${[pr.total, pr.goods, pr.works, pr.services, pr.smeReserved, pr.smallMicroReserved].map(fen).join(' ')}`);
  const pt = o.performanceTargets;
  if (pt) out.push(`performanceTargets=${pt.units?.value ?? '—'} ${pt.projects?.value ?? '—'} ${fen(pt.amount)} ${pt.projectsOver10Million?.value ?? '—'}`);
  const a = o.assets;
  if (a) {
    out.push(`assets=${a.asOf ?? '—'} ${a.vehiclesTotal?.value ?? '—'} planned ${a.plannedVehicles?.value ?? '—'}`);
    for (const v of a.vehiclesByType) out.push(`assets.vehicle[${squash(v.type)}]=${v.count.value}`);
    for (const v of a.plannedVehiclesByType) out.push(`assets.plannedVehicle[${squash(v.type)}]=${v.count.value}`);
  }
  for (const p of doc.projects) {
    out.push(`project[${squash(p.name)}]=${fen(p.annualAmount)} est ${fen(p.estimatedAmount)}`);
    for (const b of p.breakdown) out.push(`project[${squash(p.name)}].breakdown[${squash(b.item)}]=${fen(b.amount)}`);
  }
  return out.sort();
};

/** Facts only in `a` (lost by the transform) and only in `b` (gained). */
export const diffProjections = (a: readonly string[], b: readonly string[]): { lost: string[]; gained: string[] } => {
  const count = (xs: readonly string[]): Map<string, number> => {
    const m = new Map<string, number>();
    for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
    return m;
  };
  const ca = count(a);
  const cb = count(b);
  const lost = [...ca].filter(([x, n]) => (cb.get(x) ?? 0) < n).map(([x]) => x);
  const gained = [...cb].filter(([x, n]) => (ca.get(x) ?? 0) < n).map(([x]) => x);
  return { lost, gained };
};

// ---------------------------------------------------------------------------------------------
// Running the matrix (the reader is passed in: this module never imports it)

export interface CorpusDocument {
  readonly name: string;
  readonly text: string;
}

export type Outcome = 'pass' | 'fail' | 'n/a';

export interface MatrixCell {
  readonly document: string;
  readonly transform: string;
  /** `n/a`: the transform did not change the text (nothing for it to act on). */
  readonly outcome: Outcome;
  readonly lost: readonly string[];
  readonly gained: readonly string[];
}

/** Parse each original once, then each transformed text once, and compare projections. */
export const runMatrix = (
  documents: readonly CorpusDocument[],
  parse: (text: string) => BudgetDisclosure,
  transforms: readonly NamedTransform[] = TRANSFORMS,
): MatrixCell[] => {
  const cells: MatrixCell[] = [];
  for (const d of documents) {
    const base = projectModel(parse(d.text));
    for (const t of transforms) {
      const changed = t.transform(d.text);
      if (changed === d.text) {
        cells.push({ document: d.name, transform: t.name, outcome: 'n/a', lost: [], gained: [] });
        continue;
      }
      const { lost, gained } = diffProjections(base, projectModel(parse(changed)));
      cells.push({ document: d.name, transform: t.name, outcome: lost.length + gained.length === 0 ? 'pass' : 'fail', lost, gained });
    }
  }
  return cells;
};

/** `document × transform` key used by KNOWN_FAILING lists. */
export const cellKey = (document: string, transform: string): string => `${document} × ${transform}`;
