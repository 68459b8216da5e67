/**
 * What reviewers flag beyond arithmetic (domain page §5, last paragraphs): placeholders left in,
 * doubled punctuation, unfinished sentences, statements dated in the wrong year, empty tables
 * without (or with the wrong) note, missing tables and sections, unit/department wording.
 * Text rules read the source lines; a table of contents (leader dots) is never flagged.
 */
import { tableByNumber, type BudgetDisclosure, type PerformanceDeclaration, type SectionKind, type TableNumber } from '#domain/index.ts';
import { classifyHeading } from '#ingest/narrative/sections.ts';
import { isTocLine, type SourceLine } from '#ingest/text.ts';
import type { AnyContext, BudgetContext, FindingDraft, Rule } from './rule.ts';
import { hasData } from './tables.ts';

const PLACEHOLDER = /(?<![A-Za-z])(?:X{2,}|x{3,}|×{2,})(?![A-Za-z])|\*{2,}|待填写|待补充|（?此处填写）?|……/g;

const lineFinding = (l: SourceLine, message: string, raw: string, section?: SectionKind): FindingDraft => ({
  message,
  location: { line: l.no, ...(section ? { section } : {}) },
  figures: [{ label: '原文', raw, location: { line: l.no } }],
});

/** Section anchors of a document (first line of each section), computed once per document. */
const anchorCache = new WeakMap<object, readonly [number, SectionKind][]>();
const sectionAnchors = (doc: BudgetDisclosure): readonly [number, SectionKind][] => {
  const cached = anchorCache.get(doc);
  if (cached) return cached;
  const anchors: [number, SectionKind][] = [];
  if (doc.explanation) anchors.push([doc.explanation.text.source.line, 'explanation']);
  const firstTable = Math.min(...doc.tables.map((t) => t.title.source.line));
  if (Number.isFinite(firstTable)) anchors.push([firstTable, 'tables']);
  const oi = Object.values(doc.otherInformation)
    .map((x) => (x as { text?: { source: { line: number } } } | undefined)?.text?.source.line)
    .filter((x): x is number => x !== undefined);
  if (oi.length > 0) anchors.push([Math.min(...oi) - 1, 'other-information']);
  const firstProject = Math.min(...doc.projects.map((p) => p.line));
  if (Number.isFinite(firstProject)) anchors.push([firstProject, 'projects']);
  anchors.sort((a, b) => a[0] - b[0]);
  anchorCache.set(doc, anchors);
  return anchors;
};

/** Section of a line, from the model's anchors (budget disclosures only). */
const sectionAt = (doc: BudgetDisclosure | PerformanceDeclaration, line: number): SectionKind | undefined => {
  if (doc.kind !== 'budget-disclosure') return undefined;
  let current: SectionKind | undefined;
  for (const [start, kind] of sectionAnchors(doc)) if (line >= start) current = kind;
  return current;
};

/**
 * The document's text as it reads, not as it wraps: lines joined without their layout whitespace,
 * a blank line or a contents line as a paragraph break. Text rules match on this flow, so a phrase
 * broken across two lines (`主要原因是` / `。`, `2024年本部` / `门…`) is still one phrase; each
 * match is reported at the line where it starts.
 */
interface Flow {
  readonly text: string;
  readonly starts: readonly number[];
  readonly lines: readonly SourceLine[];
}
const flowCache = new WeakMap<readonly SourceLine[], Flow>();
const flowOf = (lines: readonly SourceLine[]): Flow => {
  const cached = flowCache.get(lines);
  if (cached) return cached;
  const pieces: string[] = [];
  const starts: number[] = [];
  const kept: SourceLine[] = [];
  let length = 0;
  for (const l of lines) {
    const t = l.text.replace(/\s+/g, '');
    // A blank line breaks the flow only after a sentence or a heading has ended: some converters
    // put one between every two lines of a paragraph.
    const last = pieces[pieces.length - 1] ?? '';
    if ((t === '' && /[。！？；：:;!?”）)]$|^[^，。；]{1,30}$/.test(last)) || (t !== '' && isTocLine(l.text))) {
      if (last !== '\n') {
        pieces.push('\n');
        length += 1;
      }
      continue;
    }
    if (t === '') continue;
    starts.push(length);
    kept.push(l);
    pieces.push(t);
    length += t.length;
  }
  const flow = { text: pieces.join(''), starts, lines: kept };
  flowCache.set(lines, flow);
  return flow;
};
const lineAt = (flow: Flow, offset: number): SourceLine => {
  let lo = 0;
  let hi = flow.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((flow.starts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return flow.lines[lo] ?? { no: 1, raw: '', text: '' };
};
const excerpt = (flow: Flow, at: number, length: number): string => flow.text.slice(Math.max(0, at - 20), at + length + 4).replace(/\n/g, ' ');

const placeholders = (ctx: AnyContext): FindingDraft[] => {
  // On the flow, so a placeholder counts once however the text wraps; reported at its line.
  const flow = flowOf(ctx.lines);
  const out: FindingDraft[] = [];
  for (const m of flow.text.matchAll(PLACEHOLDER)) {
    if (m[0].length === 0 || m[0] === '（' || m[0] === '）') continue;
    const l = lineAt(flow, m.index);
    if (/^[.…·—\s]+$/.test(l.text)) continue;
    out.push(lineFinding(l, `第 ${l.no} 行留有占位符“${m[0]}”：${excerpt(flow, m.index, m[0].length)}`, m[0], sectionAt(ctx.document, l.no)));
  }
  return out;
};

const doubledPunctuation = (ctx: AnyContext): FindingDraft[] => {
  const flow = flowOf(ctx.lines);
  const out: FindingDraft[] = [];
  const seen = new Set<number>();
  for (const m of flow.text.matchAll(/([。，、；：！？])\1|[。；][，。]|，[。；]/g)) {
    const l = lineAt(flow, m.index);
    if (seen.has(l.no)) continue;
    seen.add(l.no);
    out.push(lineFinding(l, `第 ${l.no} 行标点重复“${m[0]}”：…${excerpt(flow, m.index, m[0].length)}`, m[0], sectionAt(ctx.document, l.no)));
  }
  return out;
};

/** Replacement characters and private-use code points: text the converter could not decode. */
const GARBLED = /[\uFFFD\uE000-\uF8FF]|锟斤拷|烫烫|屯屯/;

const garbledCharacters = (ctx: AnyContext): FindingDraft[] =>
  ctx.lines
    .filter((l) => GARBLED.test(l.raw))
    .map((l) => lineFinding(l, `第 ${l.no} 行有乱码：${l.text.trim().slice(0, 60)}`, l.text.trim(), sectionAt(ctx.document, l.no)));

const UNFINISHED = /(原因是|原因为|主要用于|主要包括|具体包括|具体如下)[：:]?\s*[。；]|(?:为|安排|预算|计)\s*万元/;

const unfinishedSentences = (ctx: AnyContext): FindingDraft[] => {
  const flow = flowOf(ctx.lines);
  const out: FindingDraft[] = [];
  for (const m of flow.text.matchAll(new RegExp(UNFINISHED.source, 'g'))) {
    const l = lineAt(flow, m.index);
    out.push(lineFinding(l, `第 ${l.no} 行句子不完整“${m[0]}”：${excerpt(flow, m.index, m[0].length)}`, m[0], sectionAt(ctx.document, l.no)));
  }
  return out;
};

/**
 * Wording a template leaves for the author to choose (`比上年增加（减少）`, `增长（下降）`,
 * `（增加/减少）`): the choice was never made.
 */
const TEMPLATE_REMNANT = /(?:增加|增长|上升)[（(](?:减少|下降|降低)[）)]|(?:减少|下降)[（(](?:增加|增长)[）)]|[（(](?:增加|增长)[/／、或](?:减少|下降)[）)]|增加\/减少|[（(]持平[）)]/g;

const templateRemnants = (ctx: AnyContext): FindingDraft[] => {
  const flow = flowOf(ctx.lines);
  return [...flow.text.matchAll(TEMPLATE_REMNANT)].map((m) => {
    const l = lineAt(flow, m.index);
    return lineFinding(l, `第 ${l.no} 行留有模板用语“${m[0]}”，未选定增减方向：${excerpt(flow, m.index, m[0].length)}`, m[0], sectionAt(ctx.document, l.no));
  });
};

/**
 * Quotation marks that do not pair within a paragraph: a “ never closed or a ” never opened.
 * A quotation may run over several sentences (a cited document), so pairing is by paragraph.
 */
const strayQuotes = (ctx: AnyContext): FindingDraft[] => {
  const flow = flowOf(ctx.lines);
  const out: FindingDraft[] = [];
  let start = 0;
  for (const paragraph of flow.text.split(/(?<=\n)/)) {
    const open: number[] = [];
    const stray: number[] = [];
    for (let i = 0; i < paragraph.length; i++) {
      const c = paragraph[i];
      if (c === '“') open.push(i);
      else if (c === '”') {
        if (open.length > 0) open.pop();
        else stray.push(i);
      }
    }
    for (const at of [...stray, ...open].sort((a, b) => a - b)) {
      const l = lineAt(flow, start + at);
      out.push(lineFinding(l, `第 ${l.no} 行引号不成对：${excerpt(flow, start + at, 1)}`, paragraph.slice(Math.max(0, at - 10), at + 10), sectionAt(ctx.document, l.no)));
    }
    start += paragraph.length;
  }
  return out;
};

/** Statements that must be dated in the budget year: `2024年本部门政府采购预算…` in a 2025 document. */
const BUDGET_YEAR_STATEMENT = /(\d{4})\s*年\s*(?:本部门|本单位|“三公”经费预算|部门预算安排|机关运行经费)/g;

const budgetYearStatements = (ctx: AnyContext): FindingDraft[] => {
  const year = ctx.year;
  if (year === undefined) return [];
  const doc = ctx.document;
  const out: FindingDraft[] = [];
  const flow = flowOf(ctx.lines);
  for (const m of flow.text.matchAll(BUDGET_YEAR_STATEMENT)) {
    const l = lineAt(flow, m.index);
    const section = sectionAt(doc, l.no);
    const y = Number(m[1]);
    if ((section !== 'other-information' && section !== 'explanation') || y === year) continue;
    out.push(lineFinding(l, `第 ${l.no} 行“${m[0]}”写的是${y}年，本文件是${year}年预算。`, m[0], section));
  }
  if (doc.kind === 'budget-disclosure') {
    for (const t of doc.tables) {
      if (t.year === undefined || t.year === year) continue;
      out.push({
        message: `表${t.number}标题“${t.title.text}”的年度${t.year}与文件年度${year}不符。`,
        location: t.title.source,
        figures: [{ label: '表标题', raw: t.title.text, location: t.title.source }],
      });
    }
  } else {
    for (const p of doc.projects) {
      if (!p.form?.year || p.form.year === year) continue;
      out.push({
        message: `申报表「${p.form.name}」标注的年度${p.form.year}与文件年度${year}不符。`,
        location: { line: p.form.line, section: 'performance-form', project: p.form.name },
        figures: [],
      });
    }
  }
  return out;
};

const CITATION_CONTEXT = /[〔【[（(]\s*$|^[^\s]{0,3}[号〕】\]]/;

/** Other years in 编制说明 and 其他相关情况说明: a hint, since documents cite plans and dates. */
const strayYears = (ctx: AnyContext): FindingDraft[] => {
  const year = ctx.year;
  if (year === undefined || ctx.document.kind !== 'budget-disclosure') return [];
  const out: FindingDraft[] = [];
  for (const l of ctx.lines) {
    const section = sectionAt(ctx.document, l.no);
    if (section !== 'other-information' && section !== 'explanation') continue;
    const text = l.text.replace(/\s+/g, '');
    for (const m of text.matchAll(/(\d{4})年/g)) {
      const y = Number(m[1]);
      if (y === year || y === year - 1 || y < 1949 || y > year + 10) continue;
      const before = text.slice(Math.max(0, m.index - 4), m.index);
      const after = text.slice(m.index + m[0].length, m.index + m[0].length + 4);
      if (/截至|截止|至$|—$|-$/.test(before) || CITATION_CONTEXT.test(before) || CITATION_CONTEXT.test(after)) continue;
      out.push(lineFinding(l, `第 ${l.no} 行出现${y}年，既不是预算年度${year}年也不是上年，请核对。`, m[0], section));
    }
  }
  return out;
};

const EMPTY_NOTE = /无数据|空表|无.{0,20}(?:收入|支出|预算|经费)/;
const TABLE_SUBJECT: Partial<Record<TableNumber, { own: RegExp; others: RegExp }>> = {
  6: { own: /政府性基金/, others: /国有资本经营/ },
  7: { own: /国有资本经营/, others: /政府性基金/ },
  9: { own: /三公|机关运行/, others: /政府性基金|国有资本经营/ },
};

const emptyTableNotes = (ctx: BudgetContext): FindingDraft[] => {
  const out: FindingDraft[] = [];
  for (const n of [6, 7, 9] as const) {
    const t = tableByNumber(ctx.document, n);
    if (!t) continue;
    const note = t.note?.text.replace(/\s+/g, '') ?? '';
    const subject = TABLE_SUBJECT[n]!;
    const loc = t.note?.source ?? t.title.source;
    if (hasData(t)) {
      if (note !== '' && /故本表无数据|本表为空表|故本表为空/.test(note)) {
        out.push({ message: `表${n}有数据，但表下注释称本表为空：“${note.slice(0, 50)}”。`, location: loc, figures: [{ label: '注释', raw: note, location: loc }] });
      }
      continue;
    }
    if (note === '' || !EMPTY_NOTE.test(note)) {
      out.push({ message: `表${n}（${t.standardName}）没有数据，也没有说明原因的注释（如“…故本表无数据”）。`, location: t.title.source, figures: [] });
      continue;
    }
    if (subject.others.test(note) && !subject.own.test(note)) {
      out.push({ message: `表${n}的注释说的是另一张表的内容：“${note.slice(0, 50)}”。`, location: loc, figures: [{ label: '注释', raw: note, location: loc }] });
    }
  }
  return out;
};

const missingTables = (ctx: BudgetContext): FindingDraft[] => {
  const present = new Set(ctx.document.tables.map((t) => t.number));
  const missing = ([1, 2, 3, 4, 5, 6, 7, 8, 9] as const).filter((n) => !present.has(n));
  if (missing.length === 0) return [];
  return [
    {
      message: `缺少${missing.map((n) => `表${n}`).join('、')}（部门预算公开应包括九张表）。`,
      location: { line: ctx.document.header.line, section: 'tables' },
      figures: [],
    },
  ];
};

const missingSections = (ctx: AnyContext): FindingDraft[] => {
  const doc = ctx.document;
  const missing: string[] = [];
  if (doc.kind === 'budget-disclosure') {
    if (!doc.duties) missing.push('主要职能');
    if (!doc.institutions) missing.push('机构设置');
    if (!doc.explanation) missing.push('编制说明');
    if (Object.values(doc.otherInformation).every((x) => x === undefined)) missing.push('其他相关情况说明');
    else {
      const oi = doc.otherInformation;
      if (!oi.threePublic) missing.push('其他相关情况说明·“三公”经费');
      if (!oi.operatingCosts) missing.push('其他相关情况说明·机关运行经费');
      if (!oi.procurement) missing.push('其他相关情况说明·政府采购');
      if (!oi.performanceTargets) missing.push('其他相关情况说明·绩效目标设置情况');
      if (!oi.assets) missing.push('其他相关情况说明·国有资产占有使用情况');
    }
  } else {
    if (!doc.summary) missing.push('绩效目标设置情况（项目数与资金）');
    doc.projects.forEach((p, i) => {
      if (!p.form) missing.push(`第${i + 1}个项目的绩效目标申报表`);
      if (!p.explanation) missing.push(`第${i + 1}个项目的经费情况说明`);
    });
  }
  if (missing.length === 0) return [];
  return [{ message: `缺少以下部分：${missing.join('、')}。`, location: { line: doc.header.line }, figures: [] }];
};

const levelWording = (ctx: BudgetContext): FindingDraft[] => {
  const doc = ctx.document;
  const out: FindingDraft[] = [];
  // `部门预算经济分类` names the classification (部门预算支出经济分类科目), not the level: unit
  // budgets print it too (Putuo 2025 unit budgets, table 8).
  const wrong = doc.level === 'unit' ? /部门(?!预算主管|(?:预算)?(?:支出)?经济分类)/ : /(?<!编制|预算)单位(?:财务|收入|支出|财政|一般|政府|国有|预算编制|预算表|主要职能|机构设置)/;
  // Section headings in the body say the level too (`2025年部门预算编制说明` in a unit budget).
  const headings = ctx.lines
    .filter((l) => !isTocLine(l.text) && l.text.length <= 60 && classifyHeading(l.text) !== undefined && classifyHeading(l.text) !== 'tables')
    .map((l) => ({ text: l.text, source: { line: l.no } }));
  const titles = [doc.header.title, ...doc.tables.map((t) => t.title), ...headings].filter((t) => t !== undefined);
  for (const t of titles) {
    const text = t.text.replace(/\s+/g, '');
    if (!wrong.test(text)) continue;
    out.push({
      message: `${doc.level === 'unit' ? '单位预算' : '部门预算'}中的标题“${text}”写成了${doc.level === 'unit' ? '“部门”' : '“单位”'}。`,
      location: t.source,
      figures: [{ label: '标题', raw: text, location: t.source }],
    });
  }
  return out;
};

/** `301 2 津贴补贴`: a 款 or 项 printed with one digit instead of two. */
const codeFormat = (ctx: BudgetContext): FindingDraft[] =>
  ctx.document.tables.flatMap((t) =>
    t.rows
      .filter((r) => r.code?.printed !== undefined)
      .map((r) => {
        const location = { line: r.line, section: 'tables' as const, table: t.number, row: r.code?.segments.join(' ') ?? r.name };
        return {
          message: `表${t.number}科目编码“${r.code?.printed ?? ''}”（${r.name}）的款/项应为两位数字，即“${r.code?.segments.join(' ') ?? ''}”。`,
          location,
          figures: [{ label: '科目编码', raw: r.code?.printed ?? '', location }],
        };
      }),
  );

export const HYGIENE_RULES: readonly Rule[] = [
  {
    id: 'hygiene.code-format',
    family: 'hygiene',
    severity: 'warning',
    on: 'budget',
    title: '科目编码按两位书写款、项',
    explanation: '功能分类的款、项和经济分类的款都是两位数字（301 02 津贴补贴）；写成一位（301 2）是录入或排版错误，也会使按编码检索失败。',
    check: codeFormat,
  },
  {
    id: 'hygiene.placeholder',
    family: 'hygiene',
    severity: 'warning',
    on: 'any',
    title: '没有遗留占位符',
    explanation: '正文、表格和项目说明中不应留有“XX”“XXX”“***”“待填写”“……”等占位符。目录的引导点不算。',
    check: placeholders,
  },
  {
    id: 'hygiene.doubled-punctuation',
    family: 'hygiene',
    severity: 'warning',
    on: 'any',
    title: '标点不重复',
    explanation: '“。。”“，，”“。，”等重复或相连的句读标点是编辑遗留。',
    check: doubledPunctuation,
  },
  {
    id: 'hygiene.garbled-characters',
    family: 'hygiene',
    severity: 'warning',
    on: 'any',
    title: '没有乱码',
    explanation: '替换字符（�）、私用区字符或“锟斤拷”之类的乱码说明转换或编码出了问题，相关文字和数字需要人工核对。',
    check: garbledCharacters,
  },
  {
    id: 'hygiene.unfinished-sentence',
    family: 'hygiene',
    severity: 'warning',
    on: 'any',
    title: '句子完整',
    explanation: '“主要原因是。”“主要用于。”或“预算为万元”这类缺了内容或数字的句子是未填完的模板。',
    check: unfinishedSentences,
  },
  {
    id: 'hygiene.template-remnant',
    family: 'hygiene',
    severity: 'warning',
    on: 'any',
    title: '没有遗留模板用语',
    explanation: '模板中供选择的“增加（减少）”“增长（下降）”“（增加/减少）”等应改为实际的方向；原样保留说明没有按本年数据改写。',
    check: templateRemnants,
  },
  {
    id: 'hygiene.stray-quote',
    family: 'hygiene',
    severity: 'warning',
    on: 'any',
    title: '引号成对',
    explanation: '一句话中的“与”应成对出现；多出或缺少一个，通常是删改时留下的残余。换行不影响判断。',
    check: strayQuotes,
  },
  {
    id: 'hygiene.budget-year-statement',
    family: 'hygiene',
    severity: 'warning',
    on: 'any',
    title: '本年度的表述写的是预算年度',
    explanation:
      '编制说明和其他相关情况说明中“YYYY年本部门…”“YYYY年“三公”经费预算…”等本年度表述，九张表的标题，以及申报表的年度，应与文件的预算年度一致；写成上年多半是沿用旧稿。',
    check: budgetYearStatements,
  },
  {
    id: 'hygiene.stray-year',
    family: 'hygiene',
    severity: 'info',
    on: 'any',
    title: '说明中出现非本年、非上年的年份',
    explanation:
      '编制说明和其他相关情况说明通常只涉及预算年度和上年。出现其他年份时提示核对；文号（〔2021〕29号、【2016】168号）、“截至”日期和年份区间不报告。项目说明常引用历年文件，不在此核对。',
    check: strayYears,
  },
  {
    id: 'hygiene.empty-table-note',
    family: 'hygiene',
    severity: 'warning',
    on: 'budget',
    title: '空表有说明原因的注释，注释与表相符',
    explanation:
      '表6、表7、表9没有数据时，应有“…故本表无数据/本表为空表”之类注释；注释说的是另一张表（如政府性基金表的注释写国有资本经营预算）时报告；表中有数据而注释称本表为空同样报告。',
    check: emptyTableNotes,
  },
  {
    id: 'hygiene.missing-table',
    family: 'hygiene',
    severity: 'error',
    on: 'budget',
    title: '九张表齐全',
    explanation: '部门（单位）预算公开应包括九张标准表格；找不到的表报告为错误。',
    check: missingTables,
  },
  {
    id: 'hygiene.missing-section',
    family: 'hygiene',
    severity: 'warning',
    on: 'any',
    title: '各部分齐全',
    explanation:
      '预算公开应有主要职能、机构设置、编制说明、其他相关情况说明（“三公”经费、机关运行经费、政府采购、绩效目标设置情况、国有资产占有使用情况）；绩效目标申报文件应有开头的项目汇总，每个项目应有经费情况说明和申报表。',
    check: missingSections,
  },
  {
    id: 'hygiene.level-wording',
    family: 'hygiene',
    severity: 'warning',
    on: 'budget',
    title: '部门预算与单位预算的用语一致',
    explanation: '单位预算的标题应写“单位”，部门预算的标题应写“部门”；混用说明套用了另一种模板。',
    check: levelWording,
  },
];
