/**
 * The vocabulary of performance-target declarations (绩效目标申报表), domain page §3: document and
 * form titles, form labels, fund units, indicator-table headers. One place for every variant, each
 * with where it was seen, so readers find a declaration's parts by these words and never by the
 * sample's shape.
 *
 * Everything here is compared after layout whitespace is removed, brackets folded to half-width
 * and `:` to `：` (see `normaliseDeclarationText`).
 */

/** Whitespace removed, brackets half-width, colon full-width: the form every entry below is written in. */
export const normaliseDeclarationText = (s: string): string =>
  s
    .replace(/\s+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/:/g, '：');

export interface VocabularyEntry<K> {
  readonly text: string;
  readonly kind: K;
  /** Where this wording was seen. */
  readonly seen: string;
}

const CORPUS = '松江区科技创新服务中心 2024 申报表 (corpus)';
const OTHER_TEMPLATE = '松江区人民政府办公室 2024 申报表, the finance bureau’s other template (issue 8)';
const REVIEW = 'review of the declaration reader (issue 8)';

// ---------------------------------------------------------------- titles

/**
 * Titles of a declaration and of each of its forms. The same words title the document and each
 * form; the reader tells them apart by what follows (a form's 项目名称).
 * Longest first: the reader takes the first that matches.
 */
export const DECLARATION_TITLES: readonly VocabularyEntry<'title'>[] = [
  { text: '财政支出项目绩效目标申报表', kind: 'title', seen: `${CORPUS}: the document title` },
  { text: '财政项目支出绩效目标申报表', kind: 'title', seen: `${CORPUS}: every form's title; ${OTHER_TEMPLATE}: the document title` },
  { text: '项目支出绩效目标申报表', kind: 'title', seen: `${REVIEW}: the short title` },
  { text: '项目支出绩效目标表', kind: 'title', seen: `${REVIEW}: declarations named 项目支出绩效目标表` },
  { text: '项目绩效目标申报表', kind: 'title', seen: `${REVIEW}: the bare form name` },
  { text: '绩效目标申报表', kind: 'title', seen: 'the generic name used in the domain page (§1)' },
];

/** `附件1`, `附件 2：`, `附件一` before a title: an attachment mark, not part of it. Seen: review (issue 8). */
export const ATTACHMENT_MARK = /^附件\s*[\d一二三四五六七八九十]*\s*[：:、.．]?\s*/;

/** `(2024 年度)` under a form's title (corpus), also `（2024年）`. */
export const FORM_YEAR = /^[(（]\s*(\d{4})\s*年度?\s*[)）]$/;

/** `单位：万元`, `金额单位：元` printed over a form. */
export const UNIT_LINE = /^(?:金额)?单位[：:]\s*(万元|元)$/;

// ---------------------------------------------------------------- form labels

export type FormLabelKind =
  | 'name'
  | 'nature'
  | 'category'
  | 'supervisor'
  | 'implementer'
  | 'plannedStart'
  | 'plannedEnd'
  | 'funds'
  | 'total'
  | 'fiscal'
  | 'otherFunds'
  | 'annualTotal'
  | 'annualFiscal'
  | 'carryOver'
  | 'goals'
  | 'overallGoal'
  | 'annualGoal';

/** The labelled cells of a form, as printed (normalised). */
export const FORM_LABELS: readonly VocabularyEntry<FormLabelKind>[] = [
  { text: '项目名称', kind: 'name', seen: `${CORPUS}; ${OTHER_TEMPLATE}` },
  { text: '项目性质', kind: 'nature', seen: `${CORPUS}; ${OTHER_TEMPLATE}` },
  { text: '项目类别', kind: 'category', seen: `${CORPUS}; ${OTHER_TEMPLATE} (wrapped 项目 / 类别)` },
  { text: '主管部门', kind: 'supervisor', seen: `${CORPUS}; ${OTHER_TEMPLATE}` },
  { text: '实施单位', kind: 'implementer', seen: `${CORPUS}; ${OTHER_TEMPLATE}` },
  { text: '计划开始日期', kind: 'plannedStart', seen: `${CORPUS}; ${OTHER_TEMPLATE}` },
  { text: '计划完成日期', kind: 'plannedEnd', seen: `${CORPUS}; ${OTHER_TEMPLATE}` },
  { text: '项目资金(元)', kind: 'funds', seen: CORPUS },
  { text: '项目资金(万元)', kind: 'funds', seen: `${REVIEW}: forms in 万元` },
  { text: '项目资金总额', kind: 'total', seen: `${CORPUS}; ${OTHER_TEMPLATE}` },
  { text: '其中：财政资金', kind: 'fiscal', seen: `${CORPUS}; ${OTHER_TEMPLATE}` },
  { text: '财政资金', kind: 'fiscal', seen: `${CORPUS}: 其中 wrapped apart` },
  { text: '其他资金', kind: 'otherFunds', seen: `${CORPUS}; ${OTHER_TEMPLATE} (twice: project side, then annual side)` },
  { text: '年度资金申请总额', kind: 'annualTotal', seen: `${CORPUS}; ${OTHER_TEMPLATE}` },
  { text: '其中：当年财政拨款', kind: 'annualFiscal', seen: CORPUS },
  { text: '当年财政拨款', kind: 'annualFiscal', seen: `${OTHER_TEMPLATE}: without 其中` },
  { text: '上年结转资金', kind: 'carryOver', seen: `${CORPUS}; ${OTHER_TEMPLATE}` },
  { text: '项目绩效目标', kind: 'goals', seen: CORPUS },
  { text: '项目总目标', kind: 'overallGoal', seen: `${CORPUS} (always empty); ${OTHER_TEMPLATE} (filled, beside 年度总体目标)` },
  { text: '年度总体目标', kind: 'annualGoal', seen: `${CORPUS}; ${OTHER_TEMPLATE}` },
];

/** `(元)` / `(万元)` in a funds label or a unit line: the unit every amount of the form is printed in. */
export const FUND_UNIT = /[(（]\s*(万元|元)\s*[)）]|单位[：:]\s*(万元|元)/;

// ---------------------------------------------------------------- indicator table

/** The frame label printed down the indicator table's first column (corpus; wrapped `绩效指` / `标` in the other template). */
export const INDICATOR_FRAME: readonly string[] = ['绩效指标'];

/** Column headers of the indicator table (normalised). */
export const INDICATOR_HEADERS: readonly VocabularyEntry<'header'>[] = [
  { text: '一级指标', kind: 'header', seen: `${CORPUS}; ${OTHER_TEMPLATE} (wrapped 一级指 / 标)` },
  { text: '二级指标', kind: 'header', seen: `${CORPUS}; ${OTHER_TEMPLATE} (wrapped 二级指 / 标)` },
  { text: '三级指标', kind: 'header', seen: `${CORPUS}; ${OTHER_TEMPLATE} (wrapped 三级指 / 标)` },
  { text: '年度(/项目)指标值', kind: 'header', seen: CORPUS },
  { text: '年度指标值', kind: 'header', seen: OTHER_TEMPLATE },
  { text: '项目指标值', kind: 'header', seen: 'older forms (项目 rather than 年度 targets)' },
];

/** The indicator table's first header, which opens it. */
export const INDICATOR_TABLE_OPENER = '一级指标';

/** `一级指标`, or its head when the cell wraps (`一级` / `指标` in the corpus, `一级指` / `标` in the other template). */
export const isIndicatorTableOpener = (cell: string): boolean => {
  const t = normaliseDeclarationText(cell);
  return t.length >= 2 && INDICATOR_TABLE_OPENER.startsWith(t);
};

/** Labels only a form's first rows print: one of them after a 项目名称 tells a form from a table that names projects. */
export const FORM_OPENING_WORDS = /项目性质|主管部门|实施单位|计划开始日期|项目资金|年度资金申请/;

/**
 * A form's labels or its indicator table seen after a title (also the halves a wrapped cell leaves
 * whole: `资金总额` of `项目` / `资金总额`, corpus layout test): the title is a form's, not the document's.
 */
export const FORM_LABELS_AHEAD = /项目名称|项目性质|主管部门|实施单位|计划开始日期|项目资金|资金总额|年度资金|年度总体目标|一级指标/;

/** Headings that end a form's text (`三、其他说明`, `第二部分`, `（一）`, `附件2`, `注：`) — seen: review (issue 8). */
export const SECTION_HEADING = /^(?:[一二三四五六七八九十]+[、.．]|第[一二三四五六七八九十\d]+[部章节]|[（(][一二三四五六七八九十]+[)）]|附件\s*[\d一二三四五六七八九十]*|注[：:]|备注[：:]|说明[：:])/;

/**
 * Words that only an indicator table prints: a document holding them has indicators to read, so
 * reading no form from it is an error, never a quiet zero (issue 8).
 */
export const INDICATOR_VOCABULARY = /一级指标|二级指标|三级指标|产出指标|效益指标|满意度指标|数量指标|质量指标|时效指标/;
