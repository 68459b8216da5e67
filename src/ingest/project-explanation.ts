/**
 * Project explanations (`…项目经费情况说明`), shared by the budget disclosure and the
 * performance declaration readers.
 *
 * Flow: find project headings (`<名称>项目经费情况说明`, `项目经费情况说明 3 <名称>`, or a bare
 * `项目经费情况说明` that names nothing) → cut each project's lines up to the next heading or the
 * performance form that follows it → split them into the seven parts by their titles (any
 * numbering, any heading depth) → read the figures of each part by grammar.
 *
 * Names: the name is the heading's text before `经费情况说明`, so `数字化项目管理项目经费情况说明`
 * names `数字化项目管理项目` — the way the document itself refers to the project in its
 * overview (`数字化项目管理项目，主要实施内容为…`). A declaration heading names the project after
 * its ordinal (`项目经费情况说明 1 编外人员工作经费` → `编外人员工作经费`). A heading wrapped onto
 * the next line keeps its continuation. Layout whitespace is removed. `projectNameKey` gives a
 * form for matching names across documents (trailing `项目` and brackets' width ignored).
 */
import { at } from '#domain/index.ts';
import type { DiagnosticSink, ProjectExplanation, ProjectPartKey, SectionKind, SourceLocation, TextBlock } from '#domain/index.ts';
import { PROJECT_PART_KEYS, PROJECT_PART_TITLES } from '#domain/index.ts';
import { ATTACHMENT_MARK, DECLARATION_TITLES, normaliseDeclarationText } from '#reference/declaration-vocabulary.ts';
import { isPageFurniture, isTocLine, splitCells, type SourceLine } from './text.ts';
import { readBreakdownTable, type BreakdownTable, type Cell } from './performance/breakdown-table.ts';
import {
  readAnnualStatement,
  readEstimate,
  readNarrativeBreakdown,
  readPaymentMilestones,
  readPeriod,
  type Locate,
} from './performance/explanation-figures.ts';
import { flatten } from './performance/flat-text.ts';

export interface ProjectExplanationOptions {
  /** Section for provenance: `projects` (default). */
  readonly section?: SectionKind;
  /**
   * Line indices where something else begins (a performance form found by its labels, whose
   * title may be split, prefixed or missing): an explanation ends there too.
   */
  readonly ends?: ReadonlySet<number>;
}

const NUMBERED_HEADING = /^(?:[一二三四五六七八九十]+[、.．]\s*)?项目经费情况说明\s*(?:(\d+)(?!\d)\s*)?(.*)$/;
const NAMED_HEADING = /^(.+?)\s*经费情况说明$/;

interface Heading {
  readonly index: number;
  readonly name: string;
  readonly ordinal?: number;
}

/** Project name with layout whitespace removed. */
const cleanName = (s: string): string => s.replace(/\s+/g, '');

/** For matching one project's name across documents: whitespace, bracket width and a trailing `项目` ignored. */
export const projectNameKey = (name: string): string =>
  cleanName(name).replace(/（/g, '(').replace(/）/g, ')').replace(/项目$/, '');

/** Section numbering in front of a heading (`第六部分`, `（六）`, `六、`) is not part of a project's name. */
const SECTION_ORDINAL = /^(?:第[一二三四五六七八九十\d]{1,3}(?:部分|章|节)[、:：.．]?|[（(][一二三四五六七八九十]{1,3}[）)])\s*/;

const parseHeading = (line: SourceLine, index: number): Heading | undefined => {
  const t = line.text.trim().replace(SECTION_ORDINAL, '');
  // Both heading forms spell out `经费情况说明`: the substring test spares every other line the regexes.
  if (!t.includes('经费情况说明') || t.includes('\t') || t.length > 80 || isTocLine(t) || /[。，；]/.test(t)) return undefined;
  const numbered = NUMBERED_HEADING.exec(t);
  if (numbered) {
    const ordinal = numbered[1] !== undefined ? Number(numbered[1]) : undefined;
    // `项目经费情况说明 1--东西部扶贫帮困` (other template): the separator after the ordinal is not the name.
    const name = cleanName(numbered[2] ?? '').replace(/^[-—–_－:：.．、·]+/, '');
    return { index, name, ...(ordinal !== undefined ? { ordinal } : {}) };
  }
  const named = NAMED_HEADING.exec(t);
  // `详见…项目经费情况说明` refers to a heading; it is not one.
  if (named && named[1] !== undefined && !/[《》“”]$/.test(named[1]) && !/^(?:详见|参见|见)/.test(named[1])) {
    return { index, name: cleanName(named[1]) };
  }
  return undefined;
};

const PART_HEADING = new RegExp(
  `^(?:第?[一二三四五六七八九十]+\\s*[、.．]|[（(][一二三四五六七八九十]+[）)]|\\d+\\s*[、.．)）])?\\s*(${PROJECT_PART_KEYS.flatMap((k) => PROJECT_PART_TITLES[k]).join('|')})\\s*(?:[:：]\\s*(.*))?$`,
);

const partKeyOf = (title: string): ProjectPartKey | undefined =>
  PROJECT_PART_KEYS.find((k) => PROJECT_PART_TITLES[k].includes(title));

/** A performance form's title ends the explanation before it. */
export const isFormTitle = (line: SourceLine): boolean => {
  // Runs on every line of a project's block: a line without `表` cannot hold the title's `申报表`.
  if (!line.text.includes('表')) return false;
  const first = splitCells(line.text).find((c) => c !== '') ?? '';
  const flat = normaliseDeclarationText(first).replace(ATTACHMENT_MARK, '');
  return DECLARATION_TITLES.some((t) => flat.startsWith(t.text));
};

const cellsOf = (line: SourceLine): Cell[] =>
  splitCells(line.text)
    .filter((c) => c !== '')
    .map((text) => ({ text, line: line.no }));

const SENTENCE_END = /[。！？；;:：]$/;
const LIST_START = /^(?:\d+[)）.、．]|[（(][\d一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[、是]|第[一二三四五六七八九十\d]+[年步阶]|[-•·])/;
const CJK_END = /[\u3400-\u9fff（）“”、，]$/;
const CJK_START = /^[\u3400-\u9fff（）“”、，。]/;

/**
 * Join cells into prose: wrapped lines run on; sentences, list items and short numbered
 * sub-headings (`1. 机房管理服务`) start a new line; a table's cells are laid out as rows.
 */
export const joinProse = (cells: readonly Cell[], tables: BreakdownTable['tables'] = []): string => {
  // Collected as pieces, remembering the last character written: testing the end of a string
  // grown by `+=` would flatten it at every cell, quadratic in the part's length.
  const pieces: string[] = [];
  let end = '';
  const write = (s: string): void => {
    if (s === '') return;
    pieces.push(s);
    end = s[s.length - 1] ?? '';
  };
  let previous = '';
  for (let i = 0; i < cells.length; i++) {
    const table = tables.find((t) => t.start === i);
    if (table) {
      const rows: string[] = [];
      for (let r = table.start; r < table.end; r += table.width) {
        rows.push(cells.slice(r, r + table.width).map((c) => c.text.trim()).join(' | '));
      }
      write(`${pieces.length === 0 ? '' : '\n'}${rows.join('\n')}`);
      previous = '。';
      i = table.end - 1;
      continue;
    }
    const t = cells[i]?.text.trim() ?? '';
    if (t === '') continue;
    const subHeading = LIST_START.test(previous) && previous.length <= 20;
    if (pieces.length === 0) write(t);
    else if (SENTENCE_END.test(end) || LIST_START.test(t) || subHeading || previous === '。') write(`\n${t}`);
    else if (CJK_END.test(end) || CJK_START.test(t)) write(t);
    else write(` ${t}`);
    previous = t;
  }
  return pieces.join('');
};

interface Part {
  readonly key: ProjectPartKey;
  readonly title: string;
  readonly headingLine: number;
  readonly cells: Cell[];
}

/** Read every project explanation in `lines` (the projects section of a budget disclosure, or a whole document). */
export const readProjectExplanations = (
  lines: readonly SourceLine[],
  sink: DiagnosticSink,
  options: ProjectExplanationOptions = {},
): ProjectExplanation[] => {
  const headings: Heading[] = [];
  lines.forEach((l, i) => {
    const h = parseHeading(l, i);
    if (h) headings.push(h);
  });
  const out: ProjectExplanation[] = [];
  headings.forEach((h, k) => {
    const next = headings[k + 1]?.index ?? lines.length;
    let end = next;
    for (let i = h.index + 1; i < next; i++) {
      const l = lines[i];
      if ((l && isFormTitle(l)) || options.ends?.has(i)) {
        end = i;
        break;
      }
    }
    const explanation = readOne(lines.slice(h.index, end), h, sink, options);
    if (explanation) out.push(explanation);
  });
  return out;
};

const readOne = (
  block: readonly SourceLine[],
  heading: Heading,
  sink: DiagnosticSink,
  options: ProjectExplanationOptions,
): ProjectExplanation | undefined => {
  const head = block[0];
  if (!head) return undefined;
  const parts: Part[] = [];
  const seen = new Set<ProjectPartKey>();
  const nameContinuation: string[] = [];
  for (const line of block.slice(1)) {
    const t = line.text.trim();
    if (t === '' || isPageFurniture(t)) continue;
    const m = t.includes('\t') ? null : PART_HEADING.exec(t);
    const key = m?.[1] !== undefined ? partKeyOf(m[1]) : undefined;
    if (m && key && !seen.has(key)) {
      seen.add(key);
      const inline = (m[2] ?? '').trim();
      parts.push({ key, title: m[1] ?? '', headingLine: line.no, cells: inline ? [{ text: inline, line: line.no }] : [] });
      continue;
    }
    const current = parts[parts.length - 1];
    if (current) current.cells.push(...cellsOf(line));
    else if (heading.name !== '' && t.length <= 40 && !/[。，]/.test(t)) nameContinuation.push(t);
  }
  // A bare `项目经费情况说明` followed by named project headings is the section's own heading.
  if (parts.length === 0 && heading.name === '') return undefined;

  const name = cleanName(heading.name + nameContinuation.join(''));
  const section: SectionKind = options.section ?? 'projects';
  const locate: Locate = (line, field) => at(line, { section, ...(name ? { project: name } : {}), field });
  const headLocation: SourceLocation = locate(head.no, '项目名称');
  if (name === '') sink.info('project-name-missing', '项目经费情况说明未写明项目名称', headLocation);

  const partCells = (key: ProjectPartKey): Cell[] => parts.find((p) => p.key === key)?.cells ?? [];
  const budgetCells = partCells('budget');
  const table = readBreakdownTable(budgetCells, (line) => locate(line, '年度预算安排'));
  const textParts: Partial<Record<ProjectPartKey, TextBlock>> = {};
  for (const p of parts) {
    const first = p.cells[0]?.line ?? p.headingLine;
    textParts[p.key] = { text: joinProse(p.cells, p.key === 'budget' ? table.tables : []), source: locate(first, p.title) };
  }
  for (const key of PROJECT_PART_KEYS) {
    if (!seen.has(key)) sink.info('project-part-missing', `项目「${name}」缺少「${PROJECT_PART_TITLES[key][0] ?? key}」部分`, headLocation, { part: key });
  }
  const flatOf = (cells: readonly Cell[]) => flatten(cells.map((c) => ({ line: c.line, text: c.text })));

  const periodPart = parts.find((p) => p.key === 'period');
  const period = periodPart ? readPeriod(flatOf(periodPart.cells), locate) : undefined;
  if (periodPart && !period) {
    sink.info('project-period-unreadable', `项目「${name}」的实施周期无法读成日期`, locate(periodPart.headingLine, '实施周期'), {
      text: joinProse(periodPart.cells).slice(0, 60),
    });
  }

  const overview = flatOf(partCells('overview'));
  const estimate = readEstimate(overview, locate);

  const narrativeCells = budgetCells.filter((_c, i) => !table.used.has(i));
  const budgetFlat = flatOf(narrativeCells);
  const annual = readAnnualStatement(budgetFlat, locate);
  const breakdown = [
    ...table.rows,
    ...readNarrativeBreakdown(budgetFlat, locate, annual ? [[annual.start, annual.end]] : []),
  ].sort((a, b) => a.line - b.line);

  const paymentSchedule = [
    ...readPaymentMilestones(flatOf(partCells('plan')), locate),
    ...(['overview', 'period', 'budget'] as const).flatMap((k) =>
      readPaymentMilestones(k === 'budget' ? budgetFlat : flatOf(partCells(k)), locate, true),
    ),
  ];

  const annualAmount = annual?.figure ?? estimate?.figure;
  if (!annualAmount) sink.info('project-amount-missing', `项目「${name}」未写明年度预算金额`, headLocation);

  return {
    name,
    ...(heading.ordinal !== undefined ? { ordinal: heading.ordinal } : {}),
    parts: textParts,
    ...(period ? { period } : {}),
    ...(annualAmount ? { annualAmount } : {}),
    ...(estimate ? { estimatedAmount: estimate.figure } : {}),
    paymentSchedule,
    breakdown,
    line: head.no,
  };
};
