/**
 * The performance-target declaration (财政支出项目绩效目标申报表), domain page §3.
 *
 * Flow: lines → header (title, declaring unit, district, year) and summary (`编报绩效目标的项目
 * N 个，涉及项目预算资金 X 万元`) → project explanations (shared reader) → each form
 * (`财政项目支出绩效目标申报表 N (YYYY 年度)`) as a stream of cells: the labelled fields up to the
 * indicator header, then the indicator table → each form paired with the explanation before it.
 * Forms are read as cell streams, not rows, so the same form reads the same from tab-separated,
 * space-aligned or one-cell-per-line text. Never throws; foreign text gets
 * `not-a-performance-declaration` and an empty model.
 */
import { DiagnosticSink, at, parseMoney, parseYuan } from '#domain/index.ts';
import type {
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
import { isFormTitle, readProjectExplanations } from './project-explanation.ts';
import { splitCells, toLines, type SourceLine } from './text.ts';
import type { Cell } from './performance/breakdown-table.ts';
import { FIELD_LABELS, readFormFields, type FieldKey, type FieldValue } from './performance/form-fields.ts';
import { readIndicatorTable } from './performance/indicator-table.ts';
import { NUM } from './performance/flat-text.ts';

const emptyDeclaration = (): PerformanceDeclaration => ({ kind: 'performance-declaration', header: { line: 0 }, projects: [] });

const cellsOf = (lines: readonly SourceLine[]): Cell[] =>
  lines.flatMap((l) =>
    splitCells(l.text)
      .filter((c) => c !== '')
      .map((text) => ({ text, line: l.no })),
  );

const squash = (s: string): string => s.replace(/\s+/g, '');

/** Where the indicator table starts: its header (`一级指标`, possibly split as `一级`) or the frame label. */
const indicatorStart = (cells: readonly Cell[]): number => {
  const i = cells.findIndex((c) => /^一级(?:指标)?$/.test(squash(c.text)));
  if (i >= 0) return i;
  const frame = cells.findIndex((c) => squash(c.text) === '绩效指标');
  return frame >= 0 ? frame : cells.length;
};

// ---------------------------------------------------------------- header and summary

const readHeader = (lines: readonly SourceLine[], firstProject: number): DocumentHeader => {
  const titleLine = lines.slice(0, firstProject).find((l) => /绩效目标申报表|绩效目标表/.test(l.text));
  if (!titleLine) return { line: 0 };
  const title = titleLine.text.replace(/\t/g, ' ').trim();
  const flat = squash(title);
  const yearMatch = /(\d{4})年(?:度)?/.exec(flat);
  const unit = yearMatch ? flat.slice(0, yearMatch.index) : undefined;
  const district = unit ? /^(.+?(?:省|市|自治区).*?(?:区|县|市))/.exec(unit)?.[1] : undefined;
  return {
    title: { text: title, source: at(titleLine.no, { section: 'header', field: '标题' }) },
    ...(district ? { district } : {}),
    ...(yearMatch?.[1] ? { year: Number(yearMatch[1]) } : {}),
    ...(unit ? { department: unit } : {}),
    line: titleLine.no,
  };
};

const readSummary = (lines: readonly SourceLine[], firstProject: number): PerformanceDeclarationSummary | undefined => {
  const line = lines.slice(0, firstProject).find((l) => /编报.{0,4}绩效目标的项目/.test(squash(l.text)));
  if (!line) return undefined;
  const flat = squash(line.text);
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
    text: { text: line.text.trim(), source: source('绩效目标设置情况') },
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

const MONEY_FIELDS = ['total', 'fiscal', 'other', 'annualTotal', 'annualFiscal', 'carryOver', 'annualOther'] as const;

const readForm = (lines: readonly SourceLine[], sink: DiagnosticSink, fallbackName: string): PerformanceForm => {
  const head = lines[0];
  const cells = cellsOf(lines);
  const start = indicatorStart(cells);
  // Title cells: the form's title and `(2024 年度)`, however they were split.
  let firstField = 0;
  while (firstField < cells.length && /申报表|^[(（]\d{4}年度[)）]$/.test(squash(cells[firstField]?.text ?? ''))) firstField++;
  const titleText = squash(cells.slice(0, firstField).map((c) => c.text).join(' '));
  const ordinal = /申报表(\d+)/.exec(titleText)?.[1];
  const year = /[(（](\d{4})年度[)）]/.exec(titleText)?.[1];

  const fields = readFormFields(cells.slice(firstField, Math.max(firstField, start)));
  const v = fields.values;
  const name = squash(v.name?.text ?? '') || fallbackName;
  const locate = (line: number, field: string): SourceLocation =>
    at(line, { section: 'performance-form', ...(name ? { project: name } : {}), field });

  for (const c of fields.unplaced) {
    sink.info('form-cell-unplaced', `申报表中的「${c.text.slice(0, 30)}」无法归入任何栏目`, locate(c.line, ''), { text: c.text.slice(0, 60) });
  }
  for (const c of fields.unknownLabels) {
    sink.warning('form-label-unknown', `申报表栏目「${c.text}」无法识别`, locate(c.line, c.text), { label: c.text });
  }

  const money = (key: FieldKey, value: FieldValue | undefined): MoneyFigure | undefined => {
    if (!value) return undefined;
    const raw = squash(value.text);
    const amount = parseYuan(raw);
    if (amount === undefined) {
      sink.warning('form-value-unreadable', `「${FIELD_LABELS[key]}」的金额「${raw}」无法读取`, locate(value.line, FIELD_LABELS[key]), { value: raw });
      return undefined;
    }
    return { amount, raw, unit: '元', source: locate(value.line, FIELD_LABELS[key]) };
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
    ...(ordinal ? { ordinal: Number(ordinal) } : {}),
    ...(year ? { year: Number(year) } : {}),
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

const looksLikeDeclaration = (lines: readonly SourceLine[]): boolean =>
  lines.some((l) => isFormTitle(l)) || lines.some((l) => splitCells(l.text).some((c) => /^一级指标$/.test(squash(c))));

export const parsePerformanceDeclaration = (text: string): ParseResult<PerformanceDeclaration> => {
  const sink = new DiagnosticSink();
  try {
    const lines = toLines(typeof text === 'string' ? text : '');
    if (!looksLikeDeclaration(lines)) {
      sink.error('not-a-performance-declaration', '这不是财政支出项目绩效目标申报表：没有找到申报表或绩效指标表');
      return { document: emptyDeclaration(), diagnostics: sink.items };
    }
    const explanations = readProjectExplanations(lines, sink);
    const formStarts = lines.flatMap((l, i) => (isFormTitle(l) ? [i] : []));
    const explanationStarts = explanations.map((e) => lines.findIndex((l) => l.no === e.line));
    const boundaries = [...formStarts, ...explanationStarts].sort((a, b) => a - b);
    const firstProject = boundaries[0] ?? lines.length;

    const projects: DeclaredProject[] = [];
    const used = new Set<ProjectExplanation>();
    for (const start of formStarts) {
      const end = boundaries.find((b) => b > start) ?? lines.length;
      const headLine = lines[start]?.no ?? 0;
      const explanation = [...explanations].reverse().find((e) => e.line < headLine && !used.has(e));
      const precededByExplanation = explanation && !explanations.some((e) => e.line > explanation.line && e.line < headLine);
      const paired = precededByExplanation ? explanation : undefined;
      if (paired) used.add(paired);
      const form = readForm(lines.slice(start, end), sink, paired?.name ?? '');
      projects.push({ ...(paired ? { explanation: paired } : {}), form });
    }
    for (const e of explanations) if (!used.has(e)) projects.push({ explanation: e });
    projects.sort((a, b) => (a.explanation?.line ?? a.form?.line ?? 0) - (b.explanation?.line ?? b.form?.line ?? 0));

    const summary = readSummary(lines, firstProject);
    const document: PerformanceDeclaration = {
      kind: 'performance-declaration',
      header: readHeader(lines, firstProject),
      ...(summary ? { summary } : {}),
      projects,
    };
    return { document, diagnostics: sink.items };
  } catch (err) {
    // Readers never throw on input; reaching here is a bug, reported rather than lost.
    sink.error('reader-failure', `读取申报表时出错：${err instanceof Error ? err.message : String(err)}`);
    return { document: emptyDeclaration(), diagnostics: sink.items };
  }
};
