/**
 * The words a budget disclosure's parts are recognised by: section headings and the nine table
 * titles, each with the variants seen in published documents and where they were seen. Readers
 * match headings by meaning against these lists, never against one document's spelling; a new
 * variant met in the wild is added here, once, with its source.
 *
 * Patterns run on a heading with its numbering (`一、`, `第二部分`, `（三）`), layout whitespace
 * and markdown already removed.
 */

export type DisclosureSectionKind =
  | 'contents'
  | 'duties'
  | 'institutions'
  | 'glossary'
  | 'explanation'
  | 'tables'
  | 'other-information'
  | 'projects';

export interface HeadingVariant {
  readonly pattern: RegExp;
  /** Where this wording was seen (document, or the finance bureau's template it follows). */
  readonly seen: string;
}

export interface SectionVocabulary {
  readonly kind: DisclosureSectionKind;
  readonly variants: readonly HeadingVariant[];
  /** Words that rule a candidate out (a sub-heading of another section that shares the ending). */
  readonly exclude?: RegExp;
}

/** Sub-headings of 其他相关情况说明 and of the explanation share endings with section headings. */
const OTHER_INFORMATION_TOPICS = /三公|机关运行|政府采购|国有资产|资产占有|绩效目标|绩效管理|结余|结转|收入预算|支出预算情况说明$/;

/**
 * Section headings in the order they are tried (the first match wins). Headings commonly carry
 * the department's name (`上海市普陀区人民政府办公室主要职能`), the year and the level word.
 */
export const SECTION_VOCABULARY: readonly SectionVocabulary[] = [
  {
    kind: 'contents',
    variants: [{ pattern: /^目录$/, seen: 'every corpus document (`目 录`, `目   录`)' }],
  },
  {
    kind: 'duties',
    variants: [
      { pattern: /(?:主要职能|主要职责|部门职责|单位职责|职能职责)$/, seen: 'corpus: `部门主要职能`, `上海市普陀区人民政府办公室主要职能`; other districts: `部门职责`' },
      { pattern: /^(?:部门|单位)?(?:基本情况|概况)$/, seen: 'other districts: `部门基本情况` opening the duties part' },
    ],
  },
  {
    kind: 'institutions',
    variants: [
      { pattern: /机构设置(?:情况)?(?:及人员情况)?$/, seen: 'corpus: `部门机构设置`, `上海市普陀区商务委员会机构设置`' },
      { pattern: /^(?:部门|单位)?(?:预算)?(?:单位)?构成$/, seen: 'other districts: `部门预算单位构成`' },
    ],
  },
  {
    kind: 'glossary',
    variants: [{ pattern: /^(?:相关|专业)?名词(?:解释|说明)$/, seen: 'corpus: `名词解释`' }],
  },
  {
    kind: 'other-information',
    variants: [
      { pattern: /^其[他它](?:相关)?(?:情况)?(?:的)?说明$/, seen: 'corpus: `其他相关情况说明`; other documents: `其它相关情况说明`, `其他情况说明`' },
      { pattern: /^其[他它]需要说明的(?:事项|情况)$/, seen: 'other districts: `其他需要说明的事项`' },
    ],
  },
  {
    kind: 'explanation',
    variants: [
      { pattern: /^(?:\d{4}年度?)?.{0,30}预算(?:编制|安排)?(?:情况)?说明$/, seen: 'corpus: `2025年部门预算编制说明`, `2025年单位预算编制说明`; other documents: `预算情况说明`' },
      { pattern: /^(?:\d{4}年度?)?.{0,30}收支预算(?:总体)?情况$/, seen: 'other districts: `2025年部门收支预算情况`' },
      { pattern: /^编制说明$/, seen: 'bare heading in converted documents' },
    ],
    exclude: /三公|机关运行|政府采购|国有资产|绩效|项目|经费|其[他它]/,
  },
  {
    kind: 'projects',
    variants: [
      { pattern: /项目(?:经费|支出)(?:预算)?情况说明$/, seen: 'corpus: `数字化项目管理项目经费情况说明`; other documents: `项目支出情况说明`' },
      { pattern: /.{2,}经费情况说明$/, seen: 'corpus: `科技创新专项经费情况说明` (named by the project, no 项目)' },
      { pattern: /^项目经费情况说明\d*.*$/, seen: 'declarations: `项目经费情况说明 1--东西部扶贫帮困`' },
    ],
    exclude: /三公|机关运行|政府采购|^详见|^参见|^见/,
  },
  {
    kind: 'tables',
    variants: [
      { pattern: /^(?:\d{4}年度?)?.{0,30}(?:部门|单位)?预算(?:公开)?表(?:格)?$/, seen: 'corpus: `五、部门预算表`, `五、单位预算表`' },
      { pattern: /^(?:\d{4}年度?)?.{0,30}预算公开表$/, seen: 'other districts: `部门预算公开表`' },
    ],
    exclude: OTHER_INFORMATION_TOPICS,
  },
];

/** A heading's ordinal: `一、`, `1.`, `（一）`, `第一部分`, `第二章：`, `Part` numbering as printed. */
export const HEADING_ORDINAL =
  /^(?:第[一二三四五六七八九十\d]{1,3}(?:部分|章|节)[、:：.．]?|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}(?:[、.．]|\s)|[（(][一二三四五六七八九十\d]{1,3}[）)]|[【[][^】\]]{0,3}[】\]])/;

/** The level word in front of a table's core title: department or unit (预算单位 / 单位). */
export const LEVEL_WORDS: ReadonlyArray<readonly [word: string, level: 'department' | 'unit']> = [
  ['预算单位', 'unit'],
  ['单位', 'unit'],
  ['部门', 'department'],
];

export interface TableTitleVariant {
  readonly number: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
  /** The distinctive end of the title, after year, issuer and level word. */
  readonly core: RegExp;
  readonly seen: string;
}

/**
 * The nine tables by the end of their title. Tried in order: table 4's core ends like table 1's,
 * so it comes first.
 */
export const TABLE_TITLE_VOCABULARY: readonly TableTitleVariant[] = [
  { number: 4, core: /财政拨款收支(?:预算)?总表$/, seen: 'corpus: `2025年部门财政拨款收支预算总表`, `2025年预算单位财政拨款收支预算总表`' },
  { number: 1, core: /(?:财务)?收支(?:预算)?总表$/, seen: 'corpus: `2025年部门财务收支预算总表`; other documents: `部门收支预算总表`' },
  { number: 2, core: /收入(?:预算)?总表$/, seen: 'corpus: `2025年部门收入预算总表`, `2025年预算单位收入预算总表`' },
  { number: 3, core: /支出(?:预算)?总表$/, seen: 'corpus: `2025年部门支出预算总表`' },
  { number: 5, core: /一般公共预算支出(?:功能分类)?(?:预算)?表$/, seen: 'corpus: `2025年部门一般公共预算支出功能分类预算表`' },
  { number: 6, core: /政府性基金(?:预算)?支出(?:功能分类)?(?:预算)?表$/, seen: 'corpus: `2025年部门政府性基金预算支出功能分类预算表`' },
  { number: 7, core: /国有资本经营(?:预算)?支出(?:功能分类)?(?:预算)?表$/, seen: 'corpus: `2025年部门国有资本经营预算支出功能分类预算表`' },
  {
    number: 8,
    core: /一般公共预算基本支出(?:部门|单位|预算单位)?(?:预算)?(?:支出)?(?:经济分类)?(?:预算)?表$/,
    seen: 'corpus: `2025年部门一般公共预算基本支出部门预算经济分类预算表`; unit budgets `…基本支出单位预算经济分类预算表`; other districts `一般公共预算基本支出预算表`',
  },
  {
    number: 9,
    core: /(?:一般公共预算)?[“"”'‘’「]?三公[”"“'’‘」]?经费(?:(?:和|及|与|、)?机关运行经费)?(?:支出)?(?:预算)?(?:情况)?表$/,
    seen: 'corpus: `2025年部门“三公”经费和机关运行经费预算表`, `2025年单位“三公”经费和机关运行经费预算表`; other provinces `一般公共预算“三公”经费支出预算表`',
  },
];

export interface ColumnVariant {
  /** The canonical column name the model uses. */
  readonly column: string;
  /** The header wording (after layout whitespace is removed). */
  readonly header: RegExp;
  readonly seen: string;
}

/** 合计 / 基本支出 / 项目支出: the columns every functional expenditure table (3, 5, 6, 7) prints. */
const expenditureColumns = (table: 3 | 5 | 6 | 7): ColumnVariant[] => [
  { column: '合计', header: /合计|总计/, seen: `every corpus table ${table}` },
  { column: '基本支出', header: /基本支出/, seen: `every corpus table ${table}` },
  { column: '项目支出', header: /项目支出/, seen: `every corpus table ${table}` },
];

/**
 * Column headers of the classification tables (2, 3, 5–8), beyond the standard ones: the header
 * a document prints decides its columns. Extra columns appear in other templates and in unit
 * budgets of institutions with their own revenue.
 */
export const CLASSIFICATION_COLUMN_VOCABULARY: Readonly<Record<2 | 3 | 5 | 6 | 7 | 8, readonly ColumnVariant[]>> = {
  2: [
    { column: '合计', header: /合计|总计/, seen: 'every corpus table 2' },
    { column: '财政拨款收入', header: /财政拨款(?:收入)?/, seen: 'every corpus table 2' },
    { column: '上年结转', header: /上年结转(?:结余)?(?:收入)?/, seen: 'other templates: `上年结转` beside 财政拨款收入' },
    { column: '事业收入', header: /事业收入/, seen: 'every corpus table 2' },
    { column: '事业单位经营收入', header: /事业单位经营收入|经营收入/, seen: 'every corpus table 2 (`事业单位经营收` / `入` wrapped)' },
    { column: '上级补助收入', header: /上级补助收入/, seen: 'other templates' },
    { column: '附属单位上缴收入', header: /附属单位上缴收入/, seen: 'other templates' },
    { column: '其他收入', header: /其他收入/, seen: 'every corpus table 2' },
  ],
  3: [
    ...expenditureColumns(3),
    { column: '上缴上级支出', header: /上缴上级支出/, seen: 'other templates' },
    { column: '事业单位经营支出', header: /(?:事业单位)?经营支出/, seen: 'other templates' },
    { column: '对附属单位补助支出', header: /对附属单位补助支出/, seen: 'other templates' },
  ],
  5: expenditureColumns(5),
  6: expenditureColumns(6),
  7: expenditureColumns(7),
  8: [
    { column: '合计', header: /合计|总计/, seen: 'every corpus table 8' },
    { column: '人员经费', header: /人员经费/, seen: 'every corpus table 8' },
    { column: '公用经费', header: /公用经费/, seen: 'every corpus table 8' },
  ],
};
