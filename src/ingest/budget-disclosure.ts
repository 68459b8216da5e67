/**
 * The budget disclosure reader (部门预算 / 单位预算), text → BudgetDisclosure.
 *
 * 1. Normalise lines (text.ts) and segment them into sections by their headings' words.
 * 2. Read the header from the lines before the first section.
 * 3. Join each narrative section's lines (wrapping is arbitrary) and read its figures.
 * 4. Hand the tables section to the tables reader and the projects section to the project reader.
 * 5. Report what is missing as diagnostics with line numbers; never throw on bad input.
 */
import {
  DiagnosticSink,
  type BudgetDisclosure,
  type BudgetTable,
  type DocumentLevel,
  type LineAccounting,
  type ParseResult,
  type ProjectExplanation,
  type SectionKind,
  type TableNumber,
} from '#domain/index.ts';
import { matchTableTitle, readBudgetTables } from './budget-tables.ts';
import { readExplanation } from './narrative/explanation.ts';
import { readDuties, readGlossary, readHeader, readInstitutions } from './narrative/front-matter.ts';
import { joinLines } from './narrative/joined.ts';
import { readOtherInformation } from './narrative/other-information.ts';
import { classifyHeading, segmentSections, type BudgetSectionKind, type Section, type Segmentation } from './narrative/sections.ts';
import { readProjectExplanations } from './project-explanation.ts';
import { isPageFurniture, squash, toLines, type SourceLine } from './text.ts';
import type { NarrativeContext } from './narrative/figures.ts';

const SECTION_NAMES: Readonly<Record<BudgetSectionKind, string>> = {
  header: '标题',
  contents: '目录',
  duties: '主要职能',
  institutions: '机构设置',
  glossary: '名词解释',
  explanation: '预算编制说明',
  tables: '预算表',
  'other-information': '其他相关情况说明',
  projects: '项目经费情况说明',
};

/** Sections every budget disclosure has; a missing one means the document was not read fully. */
const REQUIRED_SECTIONS: readonly BudgetSectionKind[] = [
  'duties',
  'institutions',
  'glossary',
  'explanation',
  'tables',
  'other-information',
];

/** Words only a budget disclosure uses. */
const BUDGET_VOCABULARY = /部门预算|单位预算|预算主管部门|预算编制说明|财务收支预算总表|财政拨款收支预算总表/;

const TABLE_NUMBERS: readonly TableNumber[] = [1, 2, 3, 4, 5, 6, 7, 8, 9];

/** Run another reader; a bug there becomes a diagnostic instead of losing the whole document. */
const guarded = <T>(sink: DiagnosticSink, what: string, line: number, run: () => T, fallback: T): T => {
  try {
    return run();
  } catch (e) {
    sink.error('reader-failed', `读取${what}时出错：${e instanceof Error ? e.message : String(e)}`, { line });
    return fallback;
  }
};

const emptyDocument = (line: number): BudgetDisclosure => ({
  kind: 'budget-disclosure',
  level: 'department',
  phase: 'budget',
  header: { line },
  tables: [],
  otherInformation: {},
  projects: [],
});

/** The readers of the parts this module does not read itself (replaceable in tests). */
export interface PartReaders {
  readonly tables: (lines: readonly SourceLine[], sink: DiagnosticSink, options?: { consumed?: Set<number> }) => BudgetTable[];
  readonly projects: (lines: readonly SourceLine[], sink: DiagnosticSink) => ProjectExplanation[];
}

const STANDARD_READERS: PartReaders = { tables: readBudgetTables, projects: readProjectExplanations };

export const parseBudgetDisclosure = (text: string): ParseResult<BudgetDisclosure> => readBudgetDisclosure(text, STANDARD_READERS);

export const readBudgetDisclosure = (text: string, readers: PartReaders): ParseResult<BudgetDisclosure> => {
  const sink = new DiagnosticSink();
  const source = typeof text === 'string' ? text : '';
  const lines = toLines(source);
  if (source.trim() === '') {
    sink.error('not-a-budget-disclosure', '文件为空，不是部门预算公开文件 (empty document)', { line: 1 });
    return { document: emptyDocument(1), diagnostics: sink.items };
  }
  // Squashing finds the words printed with spaces inside; a word found as printed needs no squash.
  const opening = source.slice(0, 200_000);
  const isBudget = BUDGET_VOCABULARY.test(opening) || BUDGET_VOCABULARY.test(squash(opening));
  if (!isBudget) {
    sink.error('not-a-budget-disclosure', '未找到部门预算公开文件的特征词语，不是部门预算公开文件 (not a budget disclosure)', { line: 1 });
  }

  const seg = segmentSections(lines);
  const headerReading = readHeader(seg.sections.get('header')?.lines ?? [], lines);
  const titleKey = headerReading.titleKey;
  // The title printed again at the top of each page is furniture, not narrative. (Filtered once
  // per section: both the emptiness check and the section's reader need the body.)
  const bodies = new Map<Section, SourceLine[]>();
  const bodyOf = (s: Section): SourceLine[] => {
    let body = bodies.get(s);
    if (!body) {
      body = s.lines.filter((l) => titleKey === undefined || squash(l.text) !== titleKey);
      bodies.set(s, body);
    }
    return body;
  };
  const narrative = (kind: SectionKind, s: Section): NarrativeContext => ({ joined: joinLines(bodyOf(s)), section: kind, sink });

  const sectionLine = (s: Section): number => s.heading[0]?.no ?? s.lines[0]?.no ?? 1;
  const withSection = <T>(kind: BudgetSectionKind, read: (s: Section) => T): T | undefined => {
    const s = seg.sections.get(kind);
    if (!s) return undefined;
    if (!bodyOf(s).some((l) => l.text !== '')) {
      sink.warning('section-empty', `“${SECTION_NAMES[kind]}”部分没有内容`, { line: sectionLine(s), section: kind as SectionKind });
      return undefined;
    }
    return guarded(sink, SECTION_NAMES[kind], sectionLine(s), () => read(s), undefined);
  };

  const duties = withSection('duties', (s) => readDuties(narrative('duties', s)));
  const institutions = withSection('institutions', (s) => readInstitutions(narrative('institutions', s), headerReading.level ?? 'department'));
  const glossary = withSection('glossary', (s) => readGlossary(narrative('glossary', s)));
  const explanation = withSection('explanation', (s) => readExplanation(narrative('explanation', s)));
  const otherInformation = withSection('other-information', (s) => readOtherInformation(narrative('other-information', s))) ?? {};

  const tablesSection = seg.sections.get('tables');
  const tableLines = new Set<number>();
  const tables: BudgetTable[] = guarded(
    sink,
    SECTION_NAMES.tables,
    tablesSection ? sectionLine(tablesSection) : 1,
    () => readers.tables(tablesSection ? tablesSection.lines : lines, sink, { consumed: tableLines }),
    [],
  );
  const projectsSection = seg.sections.get('projects');
  const projects: ProjectExplanation[] = projectsSection
    ? guarded(sink, SECTION_NAMES.projects, sectionLine(projectsSection), () => readers.projects(projectsSection.lines, sink), [])
    : [];

  if (isBudget) {
    if (headerReading.header.title === undefined) sink.warning('title-missing', '未找到文件标题（如“上海市松江区2025年区级部门预算”）', { line: 1, section: 'header' });
    if (headerReading.header.department === undefined) sink.warning('department-missing', '未找到“预算主管部门：…”', { line: 1, section: 'header' });
    const lastLine = lines.length;
    for (const kind of REQUIRED_SECTIONS) {
      if (!seg.sections.has(kind)) {
        sink.error('section-missing', `缺少“${SECTION_NAMES[kind]}”部分`, { line: lastLine, section: kind as SectionKind }, { section: SECTION_NAMES[kind] });
      }
    }
    // Unit budgets carry no project explanations (their department's disclosure does).
    if (!projectsSection && headerReading.level === 'unit') sink.info('section-missing', `单位预算未包含“${SECTION_NAMES.projects}”部分`, { line: lastLine, section: 'projects' }, { section: SECTION_NAMES.projects });
    else if (!projectsSection) sink.warning('section-missing', `未找到“${SECTION_NAMES.projects}”部分`, { line: lastLine, section: 'projects' }, { section: SECTION_NAMES.projects });
    const found = new Set(tables.map((t) => t.number));
    for (const n of TABLE_NUMBERS) {
      if (!found.has(n)) sink.error('table-missing', `缺少预算表 ${n}`, { line: tablesSection ? sectionLine(tablesSection) : lastLine, section: 'tables', table: n }, { table: n });
    }
  }

  // The title decides the level; without one, the tables' titles (`2025年单位支出预算总表`) do.
  const tableLevels = tables.map((t) => matchTableTitle(t.title.text)?.level);
  const unitTables = tableLevels.filter((l) => l === 'unit').length;
  const level: DocumentLevel = headerReading.level ?? (unitTables > 0 && unitTables * 2 >= tableLevels.length ? 'unit' : 'department');
  const document: BudgetDisclosure = {
    kind: 'budget-disclosure',
    level,
    phase: headerReading.phase,
    header: headerReading.header,
    ...(duties ? { duties } : {}),
    ...(institutions ? { institutions } : {}),
    ...(glossary ? { glossary } : {}),
    ...(explanation ? { explanation } : {}),
    tables,
    otherInformation,
    projects,
  };
  // Lines a reader took but could not understand (reported as such) are unread, not content.
  for (const d of sink.items) if (UNREAD_CODES.has(d.code) && d.location?.line !== undefined) tableLines.delete(d.location.line);
  const accounting = accountLines(lines, seg, {
    read: new Set<BudgetSectionKind>([
      ...(duties ? ['duties' as const] : []),
      ...(institutions ? ['institutions' as const] : []),
      ...(glossary ? ['glossary' as const] : []),
      ...(explanation ? ['explanation' as const] : []),
      ...(withSectionRead(seg, 'other-information') ? ['other-information' as const] : []),
      ...(projects.length > 0 ? ['projects' as const] : []),
    ]),
    tableLines,
    titleKey,
    headerLines: [headerReading.header.title?.source.line, headerReading.header.line].filter((n): n is number => n !== undefined),
  });
  reportUnread(accounting, lines, sink);
  return { document, diagnostics: sink.items, accounting };
};

/** Diagnostics saying a line was taken by a reader but not understood. */
const UNREAD_CODES: ReadonlySet<string> = new Set(['table-text-unrecognised']);

const withSectionRead = (seg: Segmentation, kind: BudgetSectionKind): boolean => (seg.sections.get(kind)?.lines ?? []).some((l) => l.text !== '');

interface AccountingInput {
  /** Narrative sections whose reader ran (their text is kept in the model whole). */
  readonly read: ReadonlySet<BudgetSectionKind>;
  /** Lines the tables reader took. */
  readonly tableLines: ReadonlySet<number>;
  readonly titleKey: string | undefined;
  readonly headerLines: readonly number[];
}

/** Sort every line into content, furniture, contents, blank or unread. */
const accountLines = (lines: readonly SourceLine[], seg: Segmentation, input: AccountingInput): LineAccounting => {
  const status = new Map<number, 'content' | 'furniture' | 'contents'>();
  for (const s of seg.sections.values()) {
    if (s.kind === 'contents') {
      for (const l of [...s.heading, ...s.lines]) status.set(l.no, 'contents');
      continue;
    }
    for (const l of s.heading) status.set(l.no, 'content');
    if (s.kind === 'header') {
      // The title (possibly over two lines) and the 预算主管部门 / 预算单位 line.
      for (const l of s.lines) {
        const t = squash(l.text);
        if (input.headerLines.includes(l.no) || input.headerLines.includes(l.no - 1) || /预算主管部门|主管部门[:：]|预算单位[:：]|编制(?:部门|单位)[:：]/.test(t) || (input.titleKey !== undefined && input.titleKey.includes(t) && t.length >= 4)) {
          status.set(l.no, 'content');
        }
      }
    } else if (s.kind === 'tables') {
      for (const l of s.lines) if (input.tableLines.has(l.no) || classifyHeading(l.text) === 'tables') status.set(l.no, 'content');
    } else if (input.read.has(s.kind)) {
      for (const l of s.lines) status.set(l.no, 'content');
    }
  }
  for (const no of input.tableLines) if (!status.has(no)) status.set(no, 'content');
  let blank = 0;
  const unread: number[] = [];
  const counts = { content: 0, furniture: 0, contents: 0 };
  for (const l of lines) {
    if (l.text === '') {
      blank++;
      continue;
    }
    let st = status.get(l.no);
    // Furniture is short (a page number) or the title again: cheap length tests spare the rest.
    const repeatedTitle = input.titleKey !== undefined && l.text.length >= input.titleKey.length && squash(l.text) === input.titleKey && !input.headerLines.includes(l.no);
    const pageNumber = l.text.length <= 24 && (isPageFurniture(l.text) || isPageFurniture(l.raw.replace(/\f/g, '')));
    if (st !== 'contents' && (pageNumber || repeatedTitle)) st = 'furniture';
    if (st === undefined) unread.push(l.no);
    else counts[st]++;
  }
  return { total: lines.length, blank, ...counts, unread };
};

/** One info diagnostic per run of unread lines, so a reviewer can find what the reader skipped. */
const reportUnread = (a: LineAccounting, lines: readonly SourceLine[], sink: DiagnosticSink): void => {
  if (a.unread.length === 0) return;
  const byNo = new Map(lines.map((l) => [l.no, l]));
  let start: number | undefined;
  let prev = -1;
  const flush = (): void => {
    if (start === undefined) return;
    const first = byNo.get(start)?.text ?? '';
    sink.info('lines-unread', start === prev ? `第 ${start} 行未能读入模型` : `第 ${start}–${prev} 行未能读入模型`, { line: start }, { from: start, to: prev, text: first.slice(0, 40) });
    start = undefined;
  };
  for (const no of a.unread) {
    // Blank lines between unread lines keep a run together.
    const gapBlank = start !== undefined && [...Array(no - prev - 1).keys()].every((k) => (byNo.get(prev + 1 + k)?.text ?? '') === '');
    if (start !== undefined && !gapBlank) flush();
    if (start === undefined) start = no;
    prev = no;
  }
  flush();
};
