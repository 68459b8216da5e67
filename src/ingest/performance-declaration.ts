/**
 * The performance-target declaration (绩效目标申报表), domain page §3, in both of the finance
 * bureau's templates (the corpus's, and `财政项目支出绩效目标申报表` with 项目总目标 beside 年度总体目标).
 *
 * Everything is found by meaning, with the vocabulary of `#reference/declaration-vocabulary.ts`:
 *   - titles (one line or split over two, `附件1` marks, every title variant) and forms: a form is
 *     its 项目名称 label with the title, year and unit lines above it, or a title that form labels
 *     follow; the document's title is the one before every project;
 *   - project explanations (shared reader) end where a form starts;
 *   - a form ends at the next form or explanation, at a heading, or at prose after its indicator
 *     table that no indicator row follows (prose inside the table is skipped and reported);
 *   - each form is read as a stream of cells: the labelled fields up to the indicator header, then
 *     the indicator table. Streams, not rows, so tab-separated, space-aligned and one-cell-per-line
 *     text (blank lines between) read the same; amounts in the unit the form prints (元 / 万元);
 *   - header: department and year wherever they stand around the title.
 * Nothing is lost quietly: text outside every form, cells no label takes, indicator tables outside
 * every form, and indicator vocabulary with no indicator read are diagnostics with line numbers.
 * Never throws; foreign text gets `not-a-performance-declaration` and an empty model.
 */
import { DiagnosticSink, at, parseMoney } from '#domain/index.ts';
import type {
  Diagnostic,
  LineAccounting,
  MoneyUnit,
  DeclaredProject,
  DocumentHeader,
  IsoDate,
  MoneyFigure,
  ParseResult,
  PerformanceDeclaration,
  PerformanceDeclarationSummary,
  PerformanceForm,
  PerformanceFunds,
  ProjectExplanation,
  SourceLocation,
} from '#domain/index.ts';
import {
  ATTACHMENT_MARK,
  DECLARATION_TITLES,
  FORM_LABELS_AHEAD,
  FORM_OPENING_WORDS,
  FORM_YEAR,
  FUND_UNIT,
  INDICATOR_VOCABULARY,
  SECTION_HEADING,
  UNIT_LINE,
  isIndicatorTableOpener,
  normaliseDeclarationText,
} from '#reference/declaration-vocabulary.ts';
import { looksLikeValue } from './indicator-target.ts';
import { readProjectExplanations } from './project-explanation.ts';
import { isPageFurniture, splitCells, toLines, type SourceLine } from './text.ts';
import type { Cell } from './performance/breakdown-table.ts';
import { FIELD_LABELS, readFormFields, type FieldKey, type FieldValue } from './performance/form-fields.ts';
import { readIndicatorTable } from './performance/indicator-table.ts';
import { NUM } from './performance/flat-text.ts';

const emptyDeclaration = (): PerformanceDeclaration => ({ kind: 'performance-declaration', header: { line: 0 }, projects: [] });

/** Page numbers and `第 N 页` between a form's pages; a bare number stays unless a form feed marks it (it may be a value). */
const isFormFurniture = (l: SourceLine): boolean =>
  // The raw line too: markdown normalisation reads `- 2 -` as a bullet. A bare number is a page
  // number only beside the form feed that ends a page.
  (isPageFurniture(l.text) || isPageFurniture(l.raw)) && (!/^\d+$/.test(l.text.trim()) || l.raw.includes('\f'));

const cellsOf = (lines: readonly SourceLine[]): Cell[] =>
  lines.flatMap((l) =>
    (isFormFurniture(l) ? [] : splitCells(l.text))
      .filter((c) => c !== '')
      .map((text) => ({ text, line: l.no })),
  );

const squash = (s: string): string => s.replace(/\s+/g, '');

/** Where the indicator table starts: its header (`一级指标`, possibly split as `一级`) or the frame label. */
const indicatorStart = (cells: readonly Cell[]): number => {
  const i = cells.findIndex((c) => isIndicatorTableOpener(c.text));
  if (i >= 0) return i;
  const frame = cells.findIndex((c) => squash(c.text) === '绩效指标');
  return frame >= 0 ? frame : cells.length;
};

// ---------------------------------------------------------------- titles and forms, found by vocabulary

const TITLE_RE = new RegExp(
  `^([^。，；：！？]{0,40}?)(${DECLARATION_TITLES.map((t) => t.text).join('|')})(\\d{1,3})?(?:\\((\\d{4})年度?\\))?$`,
);

/** A title's text, normalised, without an attachment mark. */
const titleFlat = (text: string): string => normaliseDeclarationText(text).replace(ATTACHMENT_MARK, '');

interface TitleHit {
  /** Line indices [start, end). */
  readonly start: number;
  readonly end: number;
  /** Text before the title words (department and year, in a document title). */
  readonly prefix: string;
  readonly ordinal?: number;
  readonly year?: number;
}

const matchTitle = (flat: string): RegExpExecArray | null => {
  const m = TITLE_RE.exec(flat);
  // `详见…绩效目标表` refers to a title; it is not one.
  return m && !/^(?:详见|参见|见)/.test(m[1] ?? '') ? m : null;
};

const nextNonEmpty = (lines: readonly SourceLine[], i: number): number => {
  let j = i + 1;
  while (j < lines.length && (lines[j]?.text ?? '') === '') j++;
  return j;
};

/** The title at line i: on one line, or split over two (`财政项目支出绩效` / `目标申报表 1`), with any `附件1` mark. */
const titleAt = (lines: readonly SourceLine[], i: number): TitleHit | undefined => {
  const text = lines[i]?.text ?? '';
  if (text === '' || !/[表目标]/.test(text)) return undefined;
  const hit = (m: RegExpExecArray, end: number): TitleHit => ({
    start: i,
    end,
    prefix: m[1] ?? '',
    ...(m[3] ? { ordinal: Number(m[3]) } : {}),
    ...(m[4] ? { year: Number(m[4]) } : {}),
  });
  const flat = titleFlat(text);
  const one = matchTitle(flat);
  if (one) return hit(one, i + 1);
  if (flat.length > 40 || /[。，；]/.test(flat)) return undefined;
  const j = nextNonEmpty(lines, i);
  const two = matchTitle(flat + normaliseDeclarationText(lines[j]?.text ?? ''));
  // Only when the title's own words start on line i; a line holding only the department and year is the header's business.
  return two && (two[1] ?? '').length < flat.length ? hit(two, j + 1) : undefined;
};

const findTitles = (lines: readonly SourceLine[]): TitleHit[] => {
  const out: TitleHit[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line || !/表/.test(line.text) && !/表/.test(lines[nextNonEmpty(lines, i)]?.text ?? '')) continue;
    const t = titleAt(lines, i);
    if (t) {
      out.push(t);
      i = t.end - 1;
    }
  }
  return out;
};

const firstCellFlat = (line: SourceLine | undefined): string =>
  normaliseDeclarationText(splitCells(line?.text ?? '').find((c) => c !== '') ?? '');


/** Is line i a form's 项目名称 label (whole, or wrapped `项目名` / `称`), with a form's other opening labels after it? */
const nameLabelAt = (lines: readonly SourceLine[], i: number): boolean => {
  // Every spelling of the label holds 名, or is its head `项目` alone: most lines are spared the cell split.
  const text = lines[i]?.text ?? '';
  if (!text.includes('名') && squash(text) !== '项目') return false;
  const first = firstCellFlat(lines[i]);
  // `项目名` / `称` wrapped in its cell: the rest may come lines later, after the row's other cells.
  let whole = first === '项目名称' || first === '项目名';
  if (!whole && first.length >= 2 && '项目名称'.startsWith(first) && first !== '项目名称') {
    whole = first + firstCellFlat(lines[nextNonEmpty(lines, i)]) === '项目名称';
  }
  if (!whole) return false;
  const ahead = lines
    .slice(i, i + 40)
    .map((l) => l.text)
    .join('');
  return FORM_OPENING_WORDS.test(normaliseDeclarationText(ahead));
};

interface FormStart {
  /** First line of the form (its title, year line or unit line when printed). */
  readonly start: number;
  /** The 项目名称 line, or the title's end when the form's fields are missing. */
  readonly anchor: number;
  readonly title?: TitleHit;
}

/** Forms found by their 项目名称 label and, above it, their title (however split or prefixed), year and unit lines. */
const findForms = (lines: readonly SourceLine[], titles: readonly TitleHit[]): FormStart[] => {
  const out: FormStart[] = [];
  const titleEndingAt = new Map(titles.map((t) => [t.end, t] as const));
  for (let i = 0; i < lines.length; i++) {
    if (!nameLabelAt(lines, i)) continue;
    let start = i;
    let title: TitleHit | undefined;
    // Walk back over the lines a form prints above its first label.
    for (let k = i - 1, seen = 0; k >= 0 && seen < 4; k--) {
      const text = lines[k]?.text ?? '';
      if (text === '') continue;
      seen++;
      const hit = titleEndingAt.get(k + 1);
      if (hit) {
        title = hit;
        start = hit.start;
        break;
      }
      const flat = normaliseDeclarationText(text);
      if (FORM_YEAR.test(flat) || UNIT_LINE.test(flat) || /^[(（]\d{4}年度?[)）]单位[：:](?:万元|元)$/.test(flat)) start = k;
      else break;
    }
    out.push({ start, anchor: i, ...(title ? { title } : {}) });
  }
  // A form title whose 项目名称 went unrecognised (`项目` … `名称` wrapped apart, or missing): a form title all the
  // same when it carries an ordinal, or when form labels follow it before any project explanation or other title.
  for (const t of titles) {
    if (out.some((f) => f.title === t)) continue;
    const nextTitle = titles.find((u) => u.start >= t.end)?.start ?? lines.length;
    const ahead: string[] = [];
    for (let i = t.end; i < Math.min(nextTitle, t.end + 60); i++) {
      const text = lines[i]?.text ?? '';
      if (/经费情况说明|编报.{0,4}绩效目标/.test(text)) break;
      ahead.push(text);
    }
    const labelsFollow = FORM_LABELS_AHEAD.test(normaliseDeclarationText(ahead.join('')));
    const next = out.find((f) => f.start >= t.end);
    if ((t.ordinal !== undefined || labelsFollow) && (!next || next.start > t.end)) {
      // The year and unit lines under the title belong to the title.
      let anchor = t.end;
      for (let j = t.end; j < lines.length; j = nextNonEmpty(lines, j)) {
        const flat = normaliseDeclarationText(lines[j]?.text ?? '');
        if (flat === '' || FORM_YEAR.test(flat) || UNIT_LINE.test(flat)) anchor = j + 1;
        else break;
      }
      out.push({ start: t.start, anchor, title: t });
    }
  }
  return out.sort((a, b) => a.start - b.start);
};

type Stop = 'heading' | 'prose' | undefined;

/** After a form's indicator table, what stops it: a heading or another title, or a paragraph of prose. */
const stopAt = (lines: readonly SourceLine[], i: number): Stop => {
  const line = lines[i];
  if (!line || line.text === '') return undefined;
  if (/^\s*#{1,6}\s/.test(line.raw)) return 'heading';
  const cells = splitCells(line.text).filter((c) => c !== '');
  if (cells.length !== 1) return undefined;
  const flat = squash(line.text);
  if (SECTION_HEADING.test(flat)) return 'heading';
  if (titleAt(lines, i)) return 'heading';
  return (flat.length >= 20 && /[。；]/.test(flat)) || flat.length >= 40 ? 'prose' : undefined;
};


/** A line that holds an indicator table's vocabulary or a target value. */
const indicatorLike = (line: SourceLine | undefined): boolean =>
  line !== undefined && (INDICATOR_VOCABULARY.test(squash(line.text)) || splitCells(line.text).some((c) => c !== '' && looksLikeValue(c)));

interface FormExtent {
  readonly end: number;
  /** Prose lines inside the indicator table (indicator rows follow them): skipped and reported, not read as indicators. */
  readonly skipped: readonly number[];
}

/**
 * Where a form ends: the next form or explanation, a heading, or a paragraph of prose after its
 * indicator table that no indicator row follows.
 */
const formExtent = (lines: readonly SourceLine[], form: FormStart, limit: number): FormExtent => {
  let opener = -1;
  for (let i = form.anchor; i < limit && opener < 0; i++) {
    if (splitCells(lines[i]?.text ?? '').some((c) => isIndicatorTableOpener(c))) opener = i;
  }
  if (opener < 0) return { end: limit, skipped: [] };
  const skipped: number[] = [];
  for (let i = opener + 1; i < limit; i++) {
    const stop = stopAt(lines, i);
    if (stop === 'heading') return { end: i, skipped };
    if (stop !== 'prose') continue;
    let rowsFollow = false;
    for (let j = i + 1; j < limit && !rowsFollow; j++) {
      if (stopAt(lines, j) === 'heading') break;
      rowsFollow = indicatorLike(lines[j]);
    }
    if (!rowsFollow) return { end: i, skipped };
    skipped.push(i);
  }
  return { end: limit, skipped };
};

// ---------------------------------------------------------------- header and summary

const DEPARTMENT_YEAR = /^(.{2,40}?)(\d{4})年度?$/;

/** Pieces of one heading printed over lines: CJK runs on, anything else gets a space. */
const joinHeading = (parts: readonly string[]): string =>
  parts.reduce((a, b) => (a === '' ? b : /[\u3400-\u9fff]$/.test(a) && /^[\u3400-\u9fff]/.test(b) ? a + b : `${a} ${b}`), '');

/**
 * The document's title and the declaring unit and year: in the title line itself
 * (`上海市松江区科技创新服务中心 2024 年 财政支出项目绩效目标申报表`), or on the lines around it
 * (`上海市松江区人民政府办公室 2024 年` over `财政项目支出绩效目标申报表`, the unit's name wrapped).
 */
const readHeader = (lines: readonly SourceLine[], title: TitleHit | undefined): DocumentHeader => {
  if (!title) return { line: 0 };
  const own = lines.slice(title.start, title.end).map((l) => l.text.replace(/\t/g, ' ').trim().replace(ATTACHMENT_MARK, ''));
  const parts = own.filter((t) => t !== '');
  let line = lines[title.start]?.no ?? 0;
  if (!/\d{4}年/.test(title.prefix)) {
    // Department and year around the title: up to three short lines above it, or one below.
    const above: string[] = [];
    for (let k = title.start - 1, seen = 0; k >= 0 && seen < 3; k--) {
      const text = lines[k]?.text ?? '';
      if (text === '') continue;
      seen++;
      const flat = squash(text);
      if (flat.replace(ATTACHMENT_MARK, '') === '' || flat.length > 40 || /[。，；：:]/.test(flat)) break;
      above.unshift(text.replace(ATTACHMENT_MARK, '').trim());
      line = lines[k]?.no ?? line;
    }
    const belowAt = nextNonEmpty(lines, title.end - 1);
    const below = lines[belowAt]?.text ?? '';
    if (above.length > 0 && /\d{4}\s*年/.test(above.join(''))) parts.unshift(...above);
    else if (DEPARTMENT_YEAR.test(squash(below))) parts.push(below.trim());
  }
  const text = joinHeading(parts);
  // The title's own words removed, what is left is `<department><year>年`, whichever side of the title it was printed.
  const titleWords = DECLARATION_TITLES.find((t) => squash(text).includes(t.text))?.text ?? '';
  const flat = squash(text).replace(titleWords, '');
  const yearMatch = /(\d{4})年(?:度)?/.exec(flat);
  const unit = yearMatch ? flat.slice(0, yearMatch.index) : undefined;
  const department = unit !== '' ? unit : undefined;
  const district = department ? /^(.+?(?:省|市|自治区).*?(?:区|县|市))/.exec(department)?.[1] : undefined;
  return {
    title: { text, source: at(line, { section: 'header', field: '标题' }) },
    ...(district ? { district } : {}),
    ...(yearMatch?.[1] ? { year: Number(yearMatch[1]) } : {}),
    ...(department ? { department } : {}),
    line,
  };
};

const readSummary = (lines: readonly SourceLine[], firstProject: number): PerformanceDeclarationSummary | undefined => {
  // The sentence may wrap over lines (one cell per line): read on until it ends, up to three lines.
  let found: { line: SourceLine; pieces: SourceLine[] } | undefined;
  for (let i = 0; i < firstProject && !found; i++) {
    const line = lines[i];
    if (!line || line.text === '' || !/编|报|绩/.test(line.text)) continue;
    const pieces = [line];
    for (let k = i; pieces.length < 3 && !/[。；]$/.test(squash(pieces[pieces.length - 1]?.text ?? '')); ) {
      k = nextNonEmpty(lines, k);
      const next = lines[k];
      if (!next || k >= firstProject) break;
      pieces.push(next);
    }
    const m = /编报.{0,4}绩效目标的项目/.exec(pieces.map((p) => squash(p.text)).join(''));
    if (m && m.index < squash(line.text).length) found = { line, pieces };
  }
  if (!found) return undefined;
  const { line, pieces } = found;
  const flat = pieces.map((p) => squash(p.text)).join('');
  const source = (field: string): SourceLocation => at(line.no, { section: 'performance-summary', field });
  const units = /(\d+)个预算单位/.exec(flat);
  const projects = /绩效目标的项目(\d+)个/.exec(flat);
  const amount = new RegExp(`项目预算资金(${NUM})(万元|元)`).exec(flat);
  const money: MoneyFigure | undefined = (() => {
    if (!amount?.[1] || !amount[2]) return undefined;
    const unit = amount[2] === '元' ? '元' : '万元';
    const fen = parseMoney(amount[1], unit);
    return fen === undefined ? undefined : { amount: fen, raw: amount[1], unit, source: source('项目预算资金') };
  })();
  return {
    ...(units?.[1] ? { units: { value: Number(units[1]), raw: units[1], source: source('预算单位数') } } : {}),
    ...(projects?.[1] ? { projects: { value: Number(projects[1]), raw: projects[1], source: source('项目数') } } : {}),
    ...(money ? { amount: money } : {}),
    text: { text: joinHeading(pieces.map((p) => p.text.trim())), source: source('绩效目标设置情况') },
  };
};

// ---------------------------------------------------------------- forms

const toIsoDate = (text: string): IsoDate | undefined => {
  const m = /^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?$/.exec(squash(text));
  if (!m || !m[1] || !m[2] || !m[3]) return undefined;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
};

/** The unit the form prints its amounts in: `项目资金（万元）`, `项目资金 (元)`, `单位：万元`, however wrapped. */
const formUnit = (cells: readonly Cell[]): MoneyUnit | undefined => {
  for (const c of cells) {
    const m = FUND_UNIT.exec(normaliseDeclarationText(c.text));
    const u = m?.[1] ?? m?.[2];
    if (u === '万元' || u === '元') return u;
  }
  return undefined;
};

/**
 * A 项目名称 wrapped in its cell (`东西部扶贫` … `帮困`) leaves its tail among the cells no label took:
 * when the explanation before the form names the project, tails that complete the name are the name's.
 */
const completeName = (name: string, unplaced: readonly Cell[], explained: string): { name: string; rest: readonly Cell[] } => {
  if (name === '') return { name: explained, rest: unplaced };
  if (explained === '' || name === explained || !explained.startsWith(name)) return { name, rest: unplaced };
  let joined = name;
  const used: Cell[] = [];
  for (const c of unplaced) {
    const next = joined + squash(c.text);
    if (!explained.startsWith(next)) continue;
    joined = next;
    used.push(c);
    if (joined === explained) return { name: joined, rest: unplaced.filter((u) => !used.includes(u)) };
  }
  return { name, rest: unplaced };
};

const MONEY_FIELDS = ['total', 'fiscal', 'other', 'annualTotal', 'annualFiscal', 'carryOver', 'annualOther'] as const;

const readForm = (lines: readonly SourceLine[], form: FormStart, sink: DiagnosticSink, fallbackName: string): PerformanceForm => {
  const head = lines[0];
  const fieldOffset = form.anchor - form.start;
  // Title, `(2024 年度)` and unit lines above the first label, however they were split.
  const headerCells = cellsOf(lines.slice(0, fieldOffset));
  const headerFlat = normaliseDeclarationText(headerCells.map((c) => c.text).join(''));
  const ordinal = form.title?.ordinal;
  const printedYear = /\((\d{4})年度?\)/.exec(headerFlat)?.[1];
  const year = form.title?.year ?? (printedYear !== undefined ? Number(printedYear) : undefined);
  const cells = cellsOf(lines.slice(fieldOffset));
  const start = indicatorStart(cells);

  const fields = readFormFields(cells.slice(0, start));
  const v = fields.values;
  const { name, rest } = completeName(squash(v.name?.text ?? ''), fields.unplaced, fallbackName);
  const locate = (line: number, field: string): SourceLocation =>
    at(line, { section: 'performance-form', ...(name ? { project: name } : {}), field });

  for (const c of rest) {
    // A cell of the form that no label takes is text lost from the model: a warning, with its line.
    sink.warning('form-cell-unplaced', `申报表中的「${c.text.slice(0, 30)}」无法归入任何栏目`, locate(c.line, ''), { text: c.text.slice(0, 60) });
  }
  for (const c of fields.unknownLabels) {
    sink.warning('form-label-unknown', `申报表栏目「${c.text}」无法识别`, locate(c.line, c.text), { label: c.text });
  }

  const unit = formUnit([...headerCells, ...cells.slice(0, start)]);
  if (!unit && MONEY_FIELDS.some((k) => v[k])) {
    sink.info('form-unit-missing', `申报表「${name}」未写明金额单位，按元读取`, locate(head?.no ?? 0, '项目资金'));
  }
  const money = (key: FieldKey, value: FieldValue | undefined): MoneyFigure | undefined => {
    if (!value) return undefined;
    const raw = squash(value.text);
    const amount = parseMoney(raw, unit ?? '元');
    if (amount === undefined) {
      sink.warning('form-value-unreadable', `「${FIELD_LABELS[key]}」的金额「${raw}」无法读取`, locate(value.line, FIELD_LABELS[key]), { value: raw });
      return undefined;
    }
    return { amount, raw, unit: unit ?? '元', source: locate(value.line, FIELD_LABELS[key]) };
  };
  const funds: Record<string, MoneyFigure> = {};
  for (const key of MONEY_FIELDS) {
    const m = money(key, v[key]);
    if (m) funds[key] = m;
  }
  const date = (key: 'plannedStart' | 'plannedEnd'): IsoDate | undefined => {
    const value = v[key];
    if (!value) return undefined;
    const iso = toIsoDate(value.text);
    if (!iso) sink.warning('form-value-unreadable', `「${FIELD_LABELS[key]}」的日期「${value.text}」无法读取`, locate(value.line, FIELD_LABELS[key]), { value: value.text });
    return iso;
  };
  const plannedStart = date('plannedStart');
  const plannedEnd = date('plannedEnd');
  const text = (key: FieldKey): string | undefined => (v[key] ? squash(v[key].text) : undefined);
  const block = (key: 'overallGoal' | 'annualGoal') =>
    v[key] ? { text: v[key].text.trim(), source: locate(v[key].line, FIELD_LABELS[key]) } : undefined;
  const overallGoal = block('overallGoal');
  const annualGoal = block('annualGoal');

  const indicators = readIndicatorTable(cells.slice(start), { locate, sink });
  if (start >= cells.length) sink.warning('indicator-table-missing', `申报表「${name}」没有绩效指标表`, locate(head?.no ?? 0, '绩效指标'));

  const nature = text('nature');
  const category = text('category');
  const supervisor = text('supervisor');
  const implementer = text('implementer');
  return {
    ...(ordinal !== undefined ? { ordinal } : {}),
    ...(year !== undefined ? { year } : {}),
    name,
    ...(nature ? { nature } : {}),
    ...(category ? { category } : {}),
    ...(supervisor ? { supervisor } : {}),
    ...(implementer ? { implementer } : {}),
    ...(plannedStart ? { plannedStart } : {}),
    ...(plannedEnd ? { plannedEnd } : {}),
    funds: funds as PerformanceFunds,
    ...(overallGoal ? { overallGoal } : {}),
    ...(annualGoal ? { annualGoal } : {}),
    indicators,
    line: head?.no ?? 0,
  };
};

// ---------------------------------------------------------------- document

/** The document read as one string without layout whitespace: wrapped vocabulary (`一级指` / `标`) reads whole. */
const hasIndicatorVocabulary = (lines: readonly SourceLine[]): boolean => INDICATOR_VOCABULARY.test(squash(lines.map((l) => l.text).join('')));

export const parsePerformanceDeclaration = (text: string): ParseResult<PerformanceDeclaration> => {
  const sink = new DiagnosticSink();
  try {
    const lines = toLines(typeof text === 'string' ? text : '');
    const titles = findTitles(lines);
    const forms = findForms(lines, titles);
    // Only needed when nothing else says this is a declaration, or when no indicator was read.
    let indicatorWords: boolean | undefined;
    const hasIndicatorWords = (): boolean => (indicatorWords ??= hasIndicatorVocabulary(lines));
    if (titles.length === 0 && forms.length === 0 && !hasIndicatorWords()) {
      sink.error('not-a-performance-declaration', '这不是财政支出项目绩效目标申报表：没有找到申报表或绩效指标表');
      return { document: emptyDeclaration(), diagnostics: sink.items };
    }
    const formStarts = forms.map((f) => f.start);
    const explanations = readProjectExplanations(lines, sink, { ends: new Set(formStarts) });
    const explanationStarts = explanations.map((e) => lines.findIndex((l) => l.no === e.line));
    const boundaries = [...new Set([...formStarts, ...explanationStarts])].sort((a, b) => a - b);
    const firstProject = boundaries[0] ?? lines.length;

    const projects: DeclaredProject[] = [];
    const used = new Set<ProjectExplanation>();
    let indicatorCount = 0;
    const formRanges: Array<readonly [number, number]> = [];
    for (const f of forms) {
      const limit = boundaries.find((b) => b > f.start) ?? lines.length;
      const { end, skipped } = formExtent(lines, f, limit);
      formRanges.push([f.start, end]);
      const headLine = lines[f.start]?.no ?? 0;
      const explanation = [...explanations].reverse().find((e) => e.line < headLine && !used.has(e));
      const precededByExplanation = explanation && !explanations.some((e) => e.line > explanation.line && e.line < headLine);
      const paired = precededByExplanation ? explanation : undefined;
      if (paired) used.add(paired);
      for (const k of skipped) {
        const l = lines[k];
        if (l) sink.warning('form-line-unread', `申报表中第 ${l.no} 行的文字不是绩效指标，未读入：「${squash(l.text).slice(0, 30)}」`, at(l.no, { section: 'performance-form', field: '绩效指标' }), { text: squash(l.text).slice(0, 60) });
      }
      const skippedIdx = new Set(skipped);
      const formLines = lines.slice(f.start, end).filter((_l, k) => !skippedIdx.has(f.start + k));
      const form = readForm(formLines, f, sink, paired?.name ?? '');
      indicatorCount += form.indicators.length;
      projects.push({ ...(paired ? { explanation: paired } : {}), form });
      reportOutside(lines, end, limit, sink);
    }
    for (const e of explanations) if (!used.has(e)) projects.push({ explanation: e });
    projects.sort((a, b) => (a.explanation?.line ?? a.form?.line ?? 0) - (b.explanation?.line ?? b.form?.line ?? 0));

    // An indicator table that no form holds (its form's title and labels unrecognised) is lost text: say where.
    lines.forEach((l, i) => {
      if (!l.text.includes('一') || formRanges.some(([a, b]) => i >= a && i < b)) return;
      if (!splitCells(l.text).some((c) => isIndicatorTableOpener(c))) return;
      sink.error('indicator-table-outside-form', `第 ${l.no} 行的绩效指标表不属于任何可识别的申报表，未读入`, at(l.no, { section: 'performance-form', field: '一级指标' }));
    });
    if (indicatorCount === 0 && hasIndicatorWords()) {
      // Indicator vocabulary and no indicator read: never a quiet zero.
      const where = lines.find((l) => INDICATOR_VOCABULARY.test(squash(l.text)))?.no ?? 1;
      sink.error(
        'declaration-forms-unread',
        forms.length === 0
          ? '文件含有绩效指标表的词语（一级指标、产出指标等），但没有读出任何申报表'
          : `读出 ${forms.length} 张申报表，但没有读出任何绩效指标`,
        at(where, { section: 'performance-form', field: '绩效指标' }),
        { forms: forms.length },
      );
    }

    // The document's title is the one before every project; with no explanations, the first form may share it
    // (a declaration of one form: the title with the unit and year, then 项目名称).
    const firstFormTitle = forms[0]?.title;
    const docTitle =
      titles.find((t) => t.start < firstProject && !forms.some((f) => f.title === t)) ??
      (firstFormTitle && firstFormTitle.ordinal === undefined && explanations.length === 0 ? firstFormTitle : undefined);
    const summary = readSummary(lines, firstProject);
    const document: PerformanceDeclaration = {
      kind: 'performance-declaration',
      header: readHeader(lines, docTitle),
      ...(summary ? { summary } : {}),
      projects,
    };
    return { document, diagnostics: sink.items, accounting: accountDeclarationLines(lines, sink.items) };
  } catch (err) {
    // Readers never throw on input; reaching here is a bug, reported rather than lost.
    sink.error('reader-failure', `读取申报表时出错：${err instanceof Error ? err.message : String(err)}`);
    return { document: emptyDeclaration(), diagnostics: sink.items };
  }
};

/**
 * Where the lines went. The declaration reader reads a document as project explanations and
 * forms and reports every line it leaves out (`declaration-text-unread`, `form-line-unread`,
 * `form-cell-unplaced`); the lines those name are the unread ones, page numbers are furniture,
 * and the rest is in the model.
 */
const accountDeclarationLines = (lines: readonly SourceLine[], diagnostics: readonly Diagnostic[]): LineAccounting => {
  const unread = new Set<number>();
  for (const d of diagnostics) {
    if (d.code === 'declaration-text-unread') {
      for (const n of String(d.params?.['lines'] ?? '').split(',')) if (/^\d+$/.test(n)) unread.add(Number(n));
    } else if ((d.code === 'form-line-unread' || d.code === 'form-cell-unplaced') && d.location?.line !== undefined) unread.add(d.location.line);
  }
  let blank = 0;
  let furniture = 0;
  for (const l of lines) {
    if (l.text === '') blank++;
    else if (!unread.has(l.no) && (isPageFurniture(l.text) || isPageFurniture(l.raw.replace(/\f/g, '')))) furniture++;
  }
  const sorted = [...unread].sort((a, b) => a - b);
  return { total: lines.length, blank, content: lines.length - blank - furniture - sorted.length, furniture, contents: 0, unread: sorted };
};

/** Text after a form's end and before the next project (prose after the last form, a note): kept out of the form, and said so. */
const reportOutside = (lines: readonly SourceLine[], from: number, to: number, sink: DiagnosticSink): void => {
  const unread = lines.slice(from, to).filter((l) => l.text !== '' && !isPageFurniture(l.text));
  const first = unread[0];
  if (!first) return;
  // Indicator words or target values in it: the form may have been cut short, which is worth a warning.
  const report = unread.some(indicatorLike) ? sink.warning.bind(sink) : sink.info.bind(sink);
  report('declaration-text-unread', `第 ${first.no}–${unread[unread.length - 1]?.no ?? first.no} 行的文字不属于任何申报表或项目说明，未读入`, at(first.no, { section: 'performance-form' }), {
    lines: unread.map((l) => l.no).join(','),
    text: squash(first.text).slice(0, 40),
  });
};
