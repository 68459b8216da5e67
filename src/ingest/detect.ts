/**
 * Recognise a document's kind by its vocabulary and dispatch to the right reader.
 *
 * Budget disclosures say `部门预算` / `单位预算`, `预算主管部门` and carry the nine table titles;
 * performance declarations say `绩效目标申报表` and carry the `一级指标` indicator table. Each
 * word found scores for its kind; the higher score wins, and a document with neither is unknown.
 */
import type { BudgetDisclosure, Diagnostic, LineAccounting, PerformanceDeclaration } from '#domain/index.ts';
import { parseBudgetDisclosure } from './budget-disclosure.ts';
import { parsePerformanceDeclaration } from './performance-declaration.ts';
import { DECLARATION_TITLES } from '#reference/declaration-vocabulary.ts';
import { squash } from './text.ts';

export type ParsedDocument =
  | { readonly kind: 'budget-disclosure'; readonly document: BudgetDisclosure; readonly diagnostics: readonly Diagnostic[]; readonly accounting?: LineAccounting }
  | { readonly kind: 'performance-declaration'; readonly document: PerformanceDeclaration; readonly diagnostics: readonly Diagnostic[]; readonly accounting?: LineAccounting }
  | { readonly kind: 'unknown'; readonly document: undefined; readonly diagnostics: readonly Diagnostic[] };

export type DocumentKindGuess = ParsedDocument['kind'];

/** Weighted vocabulary: a word that only one kind uses weighs more. */
const BUDGET_WORDS: ReadonlyArray<readonly [RegExp, number]> = [
  [/部门预算|单位预算/, 2],
  [/预算主管部门/, 3],
  [/预算编制说明/, 3],
  [/财务收支预算总表/, 3],
  [/收入预算总表|支出预算总表/, 2],
  [/功能分类预算表|经济分类预算表/, 2],
  [/其他相关情况说明/, 2],
  [/名词解释/, 1],
];
const DECLARATION_WORDS: ReadonlyArray<readonly [RegExp, number]> = [
  // Every title variant of the reference vocabulary (项目支出绩效目标表, 财政项目支出绩效目标申报表, …).
  [new RegExp(DECLARATION_TITLES.map((t) => t.text).join('|')), 4],
  // `一级指` also when a cell wraps its last character onto the next row (`一级指` / `标`).
  [/一级指/, 3],
  [/二级指|三级指/, 2],
  [/项目资金总额|年度资金申请总额/, 2],
  [/年度总体目标|项目总目标/, 1],
];

const score = (text: string, words: ReadonlyArray<readonly [RegExp, number]>): number =>
  words.reduce((s, [re, w]) => s + (re.test(text) ? w : 0), 0);

/** Only the opening of a document is needed to tell its kind; this keeps detection cheap on large input. */
const SAMPLE_CHARS = 60_000;

export const detectDocumentKind = (text: string): DocumentKindGuess => {
  const sample = squash(text.slice(0, SAMPLE_CHARS));
  const budget = score(sample, BUDGET_WORDS);
  const declaration = score(sample, DECLARATION_WORDS);
  if (budget < 3 && declaration < 4) return 'unknown';
  // A declaration names its projects' departments too; its title word outweighs passing mentions.
  return declaration >= budget ? 'performance-declaration' : 'budget-disclosure';
};

const unrecognised = (why: string): Diagnostic => ({
  code: 'unrecognised-document',
  severity: 'error',
  message: `无法识别文件类型：${why}。本工具读取部门预算公开文件和项目绩效目标申报表。(Unrecognised document: neither a department budget disclosure nor a performance-target declaration.)`,
  location: { line: 1 },
});

export const parseDocument = (text: string): ParsedDocument => {
  if (text.trim() === '') return { kind: 'unknown', document: undefined, diagnostics: [unrecognised('文件为空')] };
  const kind = detectDocumentKind(text);
  if (kind === 'budget-disclosure') {
    const r = parseBudgetDisclosure(text);
    return { kind, document: r.document, diagnostics: r.diagnostics, ...(r.accounting ? { accounting: r.accounting } : {}) };
  }
  if (kind === 'performance-declaration') {
    const r = parsePerformanceDeclaration(text);
    return { kind, document: r.document, diagnostics: r.diagnostics, ...(r.accounting ? { accounting: r.accounting } : {}) };
  }
  return { kind: 'unknown', document: undefined, diagnostics: [unrecognised('未找到部门预算或绩效目标申报表的特征词语')] };
};
