/**
 * Figures inside a project explanation's parts, read by grammar from the flattened text:
 * the 实施周期 dates, the overview's estimate, the 年度预算安排 amount, payment milestones and
 * breakdown rows.
 */
import { parseMoney } from '#domain/index.ts';
import type { BudgetBreakdownRow, DateRange, MoneyFigure, PaymentMilestone, PercentFigure, SourceLocation } from '#domain/index.ts';
import { NUM, findMoney, findPercents, spans, unitOf, type FlatText, type MoneyMatch, type PercentMatch } from './flat-text.ts';

export type Locate = (line: number, field: string) => SourceLocation;

const moneyFigure = (m: Pick<MoneyMatch, 'amount' | 'raw' | 'unit'>, source: SourceLocation): MoneyFigure => ({
  amount: m.amount,
  raw: m.raw,
  unit: m.unit,
  source,
});

// ---------------------------------------------------------------- 实施周期

const YMD = '(\\d{4})年(\\d{1,2})月(?:(\\d{1,2})日)?';
const MD = '(?:(\\d{4})年)?(\\d{1,2})月(?:(\\d{1,2})日)?';
const PERIOD_RE = new RegExp(`${YMD}(?:起)?(?:至|—|–|-|~|～|到)+${MD}`);
const ISO_PERIOD_RE = /(\d{4})[-./](\d{1,2})[-./](\d{1,2})(?:至|—|–|-|~|～|到)+(\d{4})[-./](\d{1,2})[-./](\d{1,2})/;

const pad = (n: string | undefined): string => (n ?? '').padStart(2, '0');

const isoDate = (y: string, m: string, d: string | undefined): string | undefined => {
  const month = Number(m);
  if (month < 1 || month > 12) return undefined;
  if (d === undefined) return `${y}-${pad(m)}`;
  const day = Number(d);
  if (day < 1 || day > 31) return undefined;
  return `${y}-${pad(m)}-${pad(d)}`;
};

/** `2025年01月01日至2025年12月31日`, `2024 年 1 月 1 日—2024 年 12 月 31 日`, `2024年8月-2025年7月` (month precision). */
export const readPeriod = (flat: FlatText, locate: Locate): DateRange | undefined => {
  const m = PERIOD_RE.exec(flat.text);
  if (m) {
    const [raw, y1 = '', m1 = '', d1, y2, m2 = '', d2] = m;
    const start = isoDate(y1, m1, d1);
    const end = isoDate(y2 ?? y1, m2, d2);
    if (start && end) return { start, end, raw, source: locate(flat.lineAt(m.index), '实施周期') };
  }
  const iso = ISO_PERIOD_RE.exec(flat.text);
  if (iso) {
    const [raw, y1 = '', m1 = '', d1, y2 = '', m2 = '', d2] = iso;
    const start = isoDate(y1, m1, d1);
    const end = isoDate(y2, m2, d2);
    if (start && end) return { start, end, raw, source: locate(flat.lineAt(iso.index), '实施周期') };
  }
  return undefined;
};

// ---------------------------------------------------------------- amounts

const AMOUNT = `(${NUM})(万元|万|元)`;

/** The overview's estimate, most specific wording first: a stated total, then `经测算…约`, then `预算申请资金约`. */
const ESTIMATE_RES = [
  new RegExp(`预算总金额(?:为|是|约为|约)?${AMOUNT}`),
  new RegExp(`测算[，,]?(?:项目)?(?:预算)?(?:资金|金额)(?:需求)?(?:约为|约|为)${AMOUNT}`),
  new RegExp(`预算申请(?:资金|金额)(?:约为|约|为)?${AMOUNT}`),
];

/** The 年度预算安排 statement: `预算安排金额为140.00万元`, `整个项目预算金额 86.80 万`, `预算资金需求为 11900 元`. */
const ANNUAL_RES = [
  new RegExp(`预算安排金额(?:预算资金)?(?:为|是|：|:)?${AMOUNT}`),
  new RegExp(`预算金额(?:为|是|：|:)?${AMOUNT}`),
  new RegExp(`预算资金需求(?:为|是|：|:)?${AMOUNT}`),
  new RegExp(`预算(?:资金|金额)(?:约为|约|为|是)${AMOUNT}`),
  // `2025年度项目总预算1720.00万，其中…` (Putuo 商务委员会 2025).
  new RegExp(`(?:项目)?总预算(?:金额|资金)?(?:为|是|：|:)?${AMOUNT}`),
];

export interface StatedAmount {
  readonly figure: MoneyFigure;
  /** Span of the statement in the flat text, so the breakdown does not count it again. */
  readonly start: number;
  readonly end: number;
}

const firstStatement = (flat: FlatText, res: readonly RegExp[], locate: Locate, field: string): StatedAmount | undefined => {
  for (const re of res) {
    const m = re.exec(flat.text);
    if (!m || m[1] === undefined || m[2] === undefined) continue;
    const unit = unitOf(m[2]);
    const amount = parseMoney(m[1], unit);
    if (amount === undefined) continue;
    return { figure: moneyFigure({ amount, raw: m[1], unit }, locate(flat.lineAt(m.index), field)), start: m.index, end: m.index + m[0].length };
  }
  return undefined;
};

export const readEstimate = (flat: FlatText, locate: Locate): StatedAmount | undefined =>
  firstStatement(flat, ESTIMATE_RES, locate, '预算资金测算');

export const readAnnualStatement = (flat: FlatText, locate: Locate): StatedAmount | undefined =>
  firstStatement(flat, ANNUAL_RES, locate, '年度预算安排');

// ---------------------------------------------------------------- payment milestones

const PAY_VERB = /支付|付款|拨付|用款计划|计划执行/;
/** Spending plans by period (`第一季度用款计划15万元`, `2024 年计划执行项目总额的 70%`), read in any part. */
const PLAN_VERB = /用款计划|计划执行/;
const SENTENCE_END = /[。；;！!？?\n]/;
const CLAUSE_END = /[，,]/;

const LEADING_CONNECTORS = /^(?:[、：:（(\s]|其中|所以|并且|并|且|则|再|先|另|以及)+/;
const TRAILING_CONNECTORS = /(?:[、：:，,\s]|先|再|并|即|则|将|一次性|提前|分两笔|后再|用于|剩余)+$/;

const cleanTrigger = (s: string): string => s.replace(LEADING_CONNECTORS, '').replace(TRAILING_CONNECTORS, '');

type Figure = { kind: 'percent'; m: PercentMatch } | { kind: 'money'; m: MoneyMatch };

const figuresIn = (text: string, from: number, to: number): Figure[] => {
  const money: Figure[] = findMoney(text, from, to).map((m) => ({ kind: 'money', m }));
  const percents: Figure[] = findPercents(text, from, to)
    // a percent inside a money phrase (`95.00万元的45.00%即42.75万元`) is a share, not a payment of its own
    .filter((p) => !money.some((f) => f.m.start <= p.start && p.start < f.m.end))
    .map((m) => ({ kind: 'percent', m }));
  return [...money, ...percents].sort((a, b) => a.m.start - b.m.start);
};

/**
 * Payment milestones: every percent or amount in a sentence that pays (`支付`, `付款`, `用款计划`, `计划执行`),
 * with the event or date that triggers it — the words before the verb, or the clause before when
 * those are only connectives (`项目合同签订后，支付合同总价的30%`).
 */
export const readPaymentMilestones = (flat: FlatText, locate: Locate, onlyPlans = false): PaymentMilestone[] => {
  const out: PaymentMilestone[] = [];
  const text = flat.text;
  // Most parts never mention paying: a sentence can only hold the verb the whole text holds.
  if (!PAY_VERB.test(text) || (onlyPlans && !PLAN_VERB.test(text))) return out;
  for (const [s0, s1] of spans(text, SENTENCE_END)) {
    const sentence = text.slice(s0, s1);
    if (!PAY_VERB.test(sentence)) continue;
    if (onlyPlans && !PLAN_VERB.test(sentence)) continue;
    let previousClause = '';
    let previousTrigger: string | undefined;
    let verbSeen = false;
    for (const [c0, c1] of spans(text, CLAUSE_END, s0, s1)) {
      const clause = text.slice(c0, c1);
      const figures = figuresIn(text, c0, c1);
      const verb = PAY_VERB.exec(clause);
      // Figures before any paying verb in the sentence are caps or totals, not payments.
      if (figures.length === 0 || (!verb && !verbSeen)) {
        if (verb) verbSeen = true;
        previousClause = clause;
        previousTrigger = undefined;
        continue;
      }
      verbSeen = true;
      const verbAt = verb ? c0 + verb.index : -1;
      const verbEnd = verb ? verbAt + verb[0].length : -1;
      const afterVerb = verb ? figures.filter((f) => f.m.start >= verbEnd) : [];
      // Amounts written before the verb count only when nothing follows it (`其中30%用于支付上一年度的尾款`).
      const chosen = afterVerb.length > 0 ? afterVerb : figures;
      for (const f of chosen) {
        let trigger: string;
        if (!verb) trigger = previousTrigger ?? cleanTrigger(previousClause);
        else if (f.m.start >= verbEnd) {
          // The words just before the verb: after any earlier figure or opening bracket in the clause.
          const earlier = figures.filter((g) => g.m.end <= verbAt).map((g) => g.m.end);
          const paren = Math.max(...['（', '(', '）', ')'].map((b) => text.lastIndexOf(b, verbAt)));
          trigger = cleanTrigger(text.slice(Math.max(c0, paren + 1, ...earlier), verbAt));
        }
        else trigger = cleanTrigger(text.slice(verbEnd, c1).replace(/的?$/, ''));
        if (trigger === '' || /^(?:用于|按|为)$/.test(trigger)) trigger = cleanTrigger(previousClause);
        const source = locate(flat.lineAt(f.m.start), '支付计划');
        const line = source.line;
        if (f.kind === 'percent') {
          const percent: PercentFigure = { hundredths: f.m.hundredths, raw: f.m.raw, source };
          out.push({ percent, trigger, line });
        } else {
          out.push({ amount: moneyFigure(f.m, source), trigger, line });
        }
        previousTrigger = trigger;
      }
      previousClause = clause;
    }
  }
  return out;
};

// ---------------------------------------------------------------- breakdown rows (narrative)

const ITEM_LEADING = /^(?:[、，,；;：:\s]|其中|包括|主要用于|用于|需要支付|另外|另|以及|和|及)+/;
const ITEM_TRAILING = /(?:[、，,；;：:\s]|为|即|约为|约|共计|共|计|合计|是)+$/;

const cleanItem = (s: string): string => s.replace(ITEM_LEADING, '').replace(ITEM_TRAILING, '');

/**
 * Amounts listed in 年度预算安排 besides its statement: `其中设备维护合同一年期费用为 9950 元；设备购买 5050 元`,
 * `2022年：412.56万元`, `今年项目费用 95.00 万元的 45.00%即 42.75 万元`. Spending plans (`用款计划`) are milestones, not rows.
 */
const TOTAL_WORDS = /^[，,、；;\s]*(?:合计|共计|总计|小计|累计|总额)(?:为|是|[:：])?\s*$/;

export const readNarrativeBreakdown = (flat: FlatText, locate: Locate, excluded: ReadonlyArray<readonly [number, number]>): BudgetBreakdownRow[] => {
  const out: BudgetBreakdownRow[] = [];
  const text = flat.text;
  const isExcluded = (m: MoneyMatch): boolean => excluded.some(([a, b]) => m.start >= a && m.start < b);
  for (const [s0, s1] of spans(text, SENTENCE_END)) {
    const sentence = text.slice(s0, s1);
    if (PLAN_VERB.test(sentence)) continue;
    for (const [c0, c1] of spans(text, CLAUSE_END, s0, s1)) {
      const amounts = findMoney(text, c0, c1);
      let segmentStart = c0;
      let pending: { start: number } | undefined;
      for (const m of amounts) {
        const between = text.slice(segmentStart, m.start);
        // `X万元的45.00%即Y万元`: Y is a share of X — one row, whose item names X.
        const share = pending !== undefined && /^的/.test(between);
        const itemStart = share && pending ? pending.start : segmentStart;
        // `…，合计1170.00万` restates the total of the rows before it: not a row of its own.
        const isTotal = TOTAL_WORDS.test(text.slice(itemStart, m.start));
        if (!isExcluded(m) && !isTotal) {
          if (share) out.pop();
          const item = cleanItem(text.slice(itemStart, m.start));
          out.push({ item, amount: moneyFigure(m, locate(flat.lineAt(m.start), '年度预算安排')), line: flat.lineAt(m.start) });
          pending = { start: itemStart };
        } else pending = undefined;
        segmentStart = m.end;
      }
    }
  }
  return out;
};

