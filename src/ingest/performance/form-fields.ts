/**
 * The labelled cells of a performance form (项目名称 … 年度总体目标), read from a stream of cells.
 *
 * Converters split label cells over lines (`项目` … `类别`, `主管` … `部门`, `其中：当年财政` … `拨款`,
 * `项目资金` … `金总额` with the wrapped character printed twice), spread values the same way
 * (`其他` … `经常性项目`, `上海市松江` … `区科学技术委员会`) and drop empty cells. The reader
 * therefore works from meaning, not columns:
 *   - a cell that is a known label starts a field; a proper prefix of a label waits for the
 *     fragment that completes it;
 *   - a value goes to the most recent label still without one, if its type fits (money, date, text);
 *   - a value that fits nowhere completes the first field whose value is visibly unfinished
 *     (a 项目性质 not ending in 项目, a 项目类别 not ending in 类, a unit name without an
 *     organisational ending) or, after the goals, continues the goal text.
 */
import { FORM_LABELS, normaliseDeclarationText, type FormLabelKind } from '#reference/declaration-vocabulary.ts';
import { collapseCjkSpaces } from '../text.ts';
import type { Cell } from './breakdown-table.ts';

export type FieldKey =
  | 'name'
  | 'nature'
  | 'category'
  | 'supervisor'
  | 'implementer'
  | 'plannedStart'
  | 'plannedEnd'
  | 'total'
  | 'fiscal'
  | 'other'
  | 'annualTotal'
  | 'annualFiscal'
  | 'carryOver'
  | 'annualOther'
  | 'overallGoal'
  | 'annualGoal';

type LabelKind = FieldKey | FormLabelKind;
type ValueType = 'text' | 'money' | 'date' | 'none';

/** Labels as printed (normalised: no whitespace, half-width brackets, full-width colon); variants in the reference vocabulary. */
const LABELS: ReadonlyArray<readonly [string, LabelKind]> = FORM_LABELS.map((e) => [e.text, e.kind] as const);

/** The label each field is known by in provenance. */
export const FIELD_LABELS: Readonly<Record<FieldKey, string>> = {
  name: '项目名称',
  nature: '项目性质',
  category: '项目类别',
  supervisor: '主管部门',
  implementer: '实施单位',
  plannedStart: '计划开始日期',
  plannedEnd: '计划完成日期',
  total: '项目资金总额',
  fiscal: '其中：财政资金',
  other: '其他资金',
  annualTotal: '年度资金申请总额',
  annualFiscal: '其中：当年财政拨款',
  carryOver: '上年结转资金',
  annualOther: '其他资金（年度）',
  overallGoal: '项目总目标',
  annualGoal: '年度总体目标',
};

const typeOf = (kind: LabelKind): ValueType => {
  switch (kind) {
    case 'funds':
    case 'goals':
      return 'none';
    case 'plannedStart':
    case 'plannedEnd':
      return 'date';
    case 'total':
    case 'fiscal':
    case 'other':
    case 'otherFunds':
    case 'annualTotal':
    case 'annualFiscal':
    case 'carryOver':
    case 'annualOther':
      return 'money';
    default:
      return 'text';
  }
};

export const normaliseLabel = normaliseDeclarationText;

const fullLabel = (t: string): LabelKind | undefined => LABELS.find(([l]) => l === t)?.[1];
const isLabelPrefix = (t: string): boolean => t.length >= 2 && LABELS.some(([l]) => l.length > t.length && l.startsWith(t));

/** `a` continued by `b`, also when the converter printed the wrapped character twice (`项目资金` + `金总额`). */
const mergeLabel = (a: string, b: string): string | undefined => {
  const candidates = [a + b];
  if (b.length > 1 && a.endsWith(b.slice(0, 1))) candidates.push(a + b.slice(1));
  return candidates.find((c) => fullLabel(c) !== undefined) ?? candidates.find((c) => isLabelPrefix(c));
};

const MONEY_VALUE = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const DATE_VALUE = /^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)$/;
const ORG_ENDING = /(?:委员会|中心|局|办公室|办事处|政府|街道|镇|乡|部|厅|院|所|站|队|馆|会|处|室|公司|学校|医院|大学|集团|委|办|署|社)$/;

const fits = (type: ValueType, t: string): boolean => {
  const s = t.replace(/\s+/g, '');
  switch (type) {
    case 'none':
      return false;
    case 'money':
      return MONEY_VALUE.test(s);
    case 'date':
      return DATE_VALUE.test(s);
    case 'text':
      return s !== '' && fullLabel(normaliseLabel(s)) === undefined;
  }
};

/** A value visibly cut short by a line wrap. */
const unfinished = (kind: LabelKind, value: string): boolean => {
  const v = value.replace(/\s+/g, '');
  if (kind === 'nature') return !/项目$/.test(v);
  if (kind === 'category') return !/类$/.test(v);
  if (kind === 'supervisor' || kind === 'implementer') return !ORG_ENDING.test(v);
  return false;
};

interface Label {
  text: string;
  kind?: LabelKind;
  readonly line: number;
  values: Cell[];
}

export interface FieldValue {
  readonly text: string;
  readonly line: number;
}

export interface FormFields {
  readonly values: Partial<Record<FieldKey, FieldValue>>;
  /** Cells that fit nowhere. */
  readonly unplaced: readonly Cell[];
  /** Labels left incomplete that had values. */
  readonly unknownLabels: readonly Cell[];
}

const candidateKinds = (prefix: string): LabelKind[] => LABELS.filter(([l]) => l.startsWith(prefix)).map(([, k]) => k);

const acceptsValue = (label: Label, t: string): boolean => {
  if (label.values.length > 0) return false;
  if (label.kind) return fits(typeOf(label.kind), t);
  // A label still waiting for its other half does not take the same first half of the next label (`项目` … `项目` … `总目标`).
  if (normaliseLabel(t) === label.text) return false;
  return candidateKinds(label.text).some((k) => fits(typeOf(k), t));
};

const joinText = (a: string, b: string): string => {
  const x = a.trimEnd();
  const y = b.trimStart();
  return /[\u3400-\u9fff，。、；：）”]$/.test(x) || /^[\u3400-\u9fff，。、；：（“]/.test(y) ? x + y : `${x} ${y}`;
};

const SENTENCE_FINAL = /[。！？；;!?]$/;

/**
 * 项目总目标 printed beside 年度总体目标 (other template): both labels come first, then their texts.
 * Where a line holds both texts, the first is the overall goal's. With the columns gone (one cell per line, leading empty cells trimmed), the texts arrive in the
 * annual label; two paragraphs (the first ending a sentence) are the overall goal, then the annual
 * one. One paragraph stays annual: an empty 项目总目标 is the usual case (corpus, every form).
 */
const splitSideBySideGoals = (labels: Label[]): void => {
  const overallAt = labels.findIndex((l) => l.kind === 'overallGoal');
  const overall = labels[overallAt];
  const annual = labels[overallAt + 1];
  if (!overall || !annual || annual.kind !== 'annualGoal' || overall.values.length > 0 || annual.values.length < 2) return;
  // Columns kept (tabs, runs of spaces): on a line holding two texts, the first is the overall goal's.
  const perLine = new Map<number, Cell[]>();
  for (const v of annual.values) perLine.set(v.line, [...(perLine.get(v.line) ?? []), v]);
  if ([...perLine.values()].some((cs) => cs.length >= 2)) {
    const values = annual.values;
    overall.values = values.filter((v) => perLine.get(v.line)?.[0] === v && (perLine.get(v.line)?.length ?? 0) >= 2);
    annual.values = values.filter((v) => !overall.values.includes(v));
    return;
  }
  const cut = annual.values.findIndex((v) => SENTENCE_FINAL.test(v.text.trim()));
  if (cut < 0 || cut === annual.values.length - 1) return;
  overall.values = annual.values.slice(0, cut + 1);
  annual.values = annual.values.slice(cut + 1);
};

export const readFormFields = (cells: readonly Cell[]): FormFields => {
  const labels: Label[] = [];
  const unplaced: Cell[] = [];
  let otherFundsSeen = 0;

  const resolve = (l: Label, kind: LabelKind): void => {
    if (kind === 'otherFunds') {
      l.kind = otherFundsSeen === 0 ? 'other' : 'annualOther';
      otherFundsSeen++;
    } else l.kind = kind;
  };

  for (const cell of cells) {
    const t = cell.text.trim();
    if (t === '') continue;
    const norm = normaliseLabel(t);
    const full = fullLabel(norm);
    if (full) {
      const l: Label = { text: norm, line: cell.line, values: [] };
      resolve(l, full);
      labels.push(l);
      continue;
    }
    const pending = labels.find((l) => l.kind === undefined && mergeLabel(l.text, norm) !== undefined);
    if (pending) {
      const merged = mergeLabel(pending.text, norm) ?? pending.text;
      pending.text = merged;
      const kind = fullLabel(merged);
      if (kind) resolve(pending, kind);
      continue;
    }
    const last = labels[labels.length - 1];
    if (last && acceptsValue(last, t)) {
      last.values.push(cell);
      continue;
    }
    if (isLabelPrefix(norm)) {
      labels.push({ text: norm, line: cell.line, values: [] });
      continue;
    }
    // A label's "value" that this fragment completes into a label was the label's first half (`年度` … `总体目标`).
    const misread = labels.find((l) => l.values.length === 1 && mergeLabel(normaliseLabel(l.values[0]?.text ?? ''), norm) !== undefined);
    const head = misread?.values[0];
    if (misread && head) {
      misread.values = [];
      const merged = mergeLabel(normaliseLabel(head.text), norm) ?? norm;
      const l: Label = { text: merged, line: head.line, values: [] };
      const kind = fullLabel(merged);
      if (kind) resolve(l, kind);
      labels.push(l);
      continue;
    }
    const cutShort = labels.find((l) => l.kind !== undefined && l.values.length > 0 && unfinished(l.kind, l.values.map((v) => v.text).join('')));
    if (cutShort) {
      cutShort.values.push(cell);
      continue;
    }
    // Stray pieces of a label split over lines (`标` of `项目绩效目标`) carry nothing.
    if (norm.length <= 2 && LABELS.some(([l]) => l.includes(norm))) continue;
    const goal = [...labels].reverse().find((l) => (l.kind === 'overallGoal' || l.kind === 'annualGoal') && l.values.length > 0);
    if (goal) {
      goal.values.push(cell);
      continue;
    }
    unplaced.push(cell);
  }

  splitSideBySideGoals(labels);
  const values: Partial<Record<FieldKey, FieldValue>> = {};
  const unknownLabels: Cell[] = [];
  for (const l of labels) {
    if (l.values.length === 0) continue;
    const kind = l.kind;
    if (kind === undefined || kind === 'funds' || kind === 'goals' || kind === 'otherFunds') {
      unknownLabels.push({ text: l.text, line: l.line });
      continue;
    }
    if (values[kind]) continue;
    const first = l.values[0];
    const text = l.values.map((v) => v.text.trim()).reduce((a, b) => joinText(a, b));
    values[kind] = { text: collapseCjkSpaces(text), line: first?.line ?? l.line };
  }
  return { values, unplaced, unknownLabels };
};
