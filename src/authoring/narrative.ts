/**
 * 编制说明 and 其他相关情况说明 generated from a draft's figures: the standard sentences with
 * every amount, change and percentage computed in 分 from the same sums the tables show. The
 * officer writes only the reasons (`主要原因是…`) and each item's purpose (`主要用于…`).
 */
import { formatWanYuan, subFen, ZERO_FEN, type ChangeDirection, type Fen } from '#domain/index.ts';
import { ALL_KINDS, pick, type Aggregate } from './aggregate.ts';
import type { BudgetDraft, FunctionalLine, FundingSource, ReasonKey } from './draft.ts';
import { FISCAL_SOURCES, lineAmount } from './draft.ts';

/** A change against last year, computed exactly. */
export interface ComputedChange {
  readonly comparedYear: number;
  readonly direction: Extract<ChangeDirection, '增加' | '减少' | '持平'>;
  /** |this year − last year|. */
  readonly amount: Fen;
  readonly prior: Fen;
  /** Percent in hundredths, rounded half-up; absent when last year was 0. */
  readonly percentHundredths?: number;
}

export const computeChange = (current: Fen, prior: Fen, comparedYear: number): ComputedChange => {
  const diff = subFen(current, prior);
  const direction = diff > 0 ? '增加' : diff < 0 ? '减少' : '持平';
  const amount = Math.abs(diff) as Fen;
  if (prior <= 0) return { comparedYear, direction, amount, prior };
  // Integer arithmetic: hundredths = round(|diff| × 10000 / prior), half up.
  const num = BigInt(amount) * 10000n;
  const den = BigInt(prior);
  const q = num / den;
  const r = num % den;
  const percentHundredths = Number(r * 2n >= den ? q + 1n : q);
  return { comparedYear, direction, amount, prior, percentHundredths };
};

export const wan = (f: Fen): string => formatWanYuan(f);
const pct = (h: number): string => `${Math.floor(h / 100)}.${String(h % 100).padStart(2, '0')}`;

export const changeText = (c: ComputedChange | undefined): string => {
  if (!c) return '';
  if (c.direction === '持平') return `，与${c.comparedYear}年预算持平`;
  const word = c.direction === '增加' ? '增长' : '下降';
  return `，比${c.comparedYear}年预算${c.direction}${wan(c.amount)}万元${c.percentHundredths !== undefined ? `，${word}${pct(c.percentHundredths)}%` : ''}`;
};

/** The 财政拨款 figures of the explanation. */
export interface ExplanationFigures {
  readonly revenueTotal: Fen;
  readonly fiscal: Fen;
  readonly business: Fen;
  readonly operating: Fen;
  readonly other: Fen;
  readonly expenditureTotal: Fen;
  readonly general: Fen;
  readonly fund: Fen;
  readonly stateCapital: Fen;
}

export const explanationFigures = (agg: Aggregate): ExplanationFigures => {
  const t = agg.total;
  const general = pick(t, ALL_KINDS, ['general']);
  const fund = pick(t, ALL_KINDS, ['fund']);
  const stateCapital = pick(t, ALL_KINDS, ['stateCapital']);
  const fiscal = pick(t, ALL_KINDS, FISCAL_SOURCES);
  const business = pick(t, ALL_KINDS, ['business']);
  const operating = pick(t, ALL_KINDS, ['operating']);
  const other = pick(t, ALL_KINDS, ['other']);
  const total = pick(t, ALL_KINDS, ['general', 'fund', 'stateCapital', 'business', 'operating', 'other']);
  return { revenueTotal: total, fiscal, business, operating, other, expenditureTotal: total, general, fund, stateCapital };
};

/** One generated paragraph; `reason` names the officer-written part it ends with. */
export interface NarrativeParagraph {
  readonly key: string;
  readonly text: string;
  readonly reason?: ReasonKey;
  /** The reason is required (a change to explain) but empty. */
  readonly reasonMissing?: boolean;
}

export interface MainItem {
  readonly ordinal: number;
  readonly line: FunctionalLine;
  /** Which 财政拨款 (table 5, 6 or 7) the item's money comes from: one item per line and source. */
  readonly source: FundingSource;
  readonly path: readonly string[];
  readonly amount: Fen;
}

/** The paragraph key of a main item. */
export const mainItemKey = (code: string, source: FundingSource): string => `main-item:${code}:${source}`;

/** 财政拨款支出主要内容: every line with 财政拨款 money, in code order, one item per 财政拨款 source. */
export const mainItems = (draft: BudgetDraft): MainItem[] => {
  const lines = [...draft.lines].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const out: MainItem[] = [];
  for (const source of FISCAL_SOURCES) {
    for (const line of lines) {
      let amount = ZERO_FEN;
      for (const k of ALL_KINDS) amount = (amount + lineAmount(line, `${k}.${source}`)) as Fen;
      if (amount === 0) continue;
      out.push({ ordinal: out.length + 1, line, source, path: line.names, amount });
    }
  }
  return out;
};

export const mainItemText = (m: MainItem): string => {
  const kinds = ['类', '款', '项'];
  const subject = m.path.map((n, i) => `${n}（${kinds[i] ?? ''}）`).join('');
  return `${m.ordinal}.“${subject}”科目${wan(m.amount)}万元，主要用于${m.line.purpose?.trim() || '（待填写）'}。`;
};

export const PENDING = '（待填写）';

const reasonSentence = (draft: BudgetDraft, key: ReasonKey, lead: string, required: boolean): { text: string; missing: boolean } => {
  const r = draft.reasons[key]?.trim() ?? '';
  if (!required && r === '') return { text: '', missing: false };
  return { text: `${lead}主要原因是${r === '' ? PENDING : r.replace(/[。；;]+$/, '')}。`, missing: r === '' };
};

export interface ThreePublicNarrative {
  readonly total: Fen;
  readonly vehicles: Fen;
  readonly changes?: {
    readonly total: ComputedChange;
    readonly abroad: ComputedChange;
    readonly reception: ComputedChange;
    readonly vehicles: ComputedChange;
    readonly vehiclePurchase: ComputedChange;
    readonly vehicleOperation: ComputedChange;
    readonly operatingCosts: ComputedChange;
  };
}

export const threePublicNarrative = (draft: BudgetDraft): ThreePublicNarrative => {
  const t = draft.threePublic;
  const vehicles = (t.vehiclePurchase + t.vehicleOperation) as Fen;
  const total = (t.abroad + t.reception + vehicles) as Fen;
  const p = draft.prior?.threePublic;
  if (!p || !draft.prior) return { total, vehicles };
  const y = draft.prior.year;
  const pv = (p.vehiclePurchase + p.vehicleOperation) as Fen;
  return {
    total,
    vehicles,
    changes: {
      total: computeChange(total, (p.abroad + p.reception + pv) as Fen, y),
      abroad: computeChange(t.abroad, p.abroad, y),
      reception: computeChange(t.reception, p.reception, y),
      vehicles: computeChange(vehicles, pv, y),
      vehiclePurchase: computeChange(t.vehiclePurchase, p.vehiclePurchase, y),
      vehicleOperation: computeChange(t.vehicleOperation, p.vehicleOperation, y),
      operatingCosts: computeChange(t.operatingCosts, p.operatingCosts, y),
    },
  };
};

export interface GeneratedNarrative {
  readonly figures: ExplanationFigures;
  readonly changes?: { readonly fiscal: ComputedChange; readonly general: ComputedChange; readonly fund: ComputedChange; readonly stateCapital: ComputedChange };
  readonly explanation: readonly NarrativeParagraph[];
  readonly mainItems: readonly MainItem[];
  readonly threePublic: ThreePublicNarrative;
  readonly other: readonly NarrativeParagraph[];
  readonly projectsTotal: Fen;
  readonly performanceSummary: { readonly projects: number; readonly amount: Fen };
  readonly procurementTotal?: Fen;
}

/** Generate every standard sentence of the 编制说明 and 其他相关情况说明. */
export const generateNarrative = (draft: BudgetDraft, agg: Aggregate): GeneratedNarrative => {
  const f = explanationFigures(agg);
  const y = draft.year;
  const who = draft.department;
  const prior = draft.prior;
  const changes = prior
    ? {
        fiscal: computeChange(f.fiscal, prior.fiscal, prior.year),
        general: computeChange(f.general, prior.general, prior.year),
        fund: computeChange(f.fund, prior.fund, prior.year),
        stateCapital: computeChange(f.stateCapital, prior.stateCapital, prior.year),
      }
    : undefined;
  const explanation: NarrativeParagraph[] = [];
  explanation.push({
    key: 'revenue',
    text: `${y}年，${who}收入预算${wan(f.revenueTotal)}万元，其中：财政拨款收入${wan(f.fiscal)}万元${changeText(changes?.fiscal)}；事业收入${wan(f.business)}万元；事业单位经营收入${wan(f.operating)}万元；其他收入${wan(f.other)}万元。`,
  });
  explanation.push({
    key: 'expenditure',
    text: `支出预算${wan(f.expenditureTotal)}万元，其中：财政拨款支出预算${wan(f.fiscal)}万元${changeText(changes?.fiscal)}。`,
  });
  explanation.push({
    key: 'fiscal-parts',
    text: `财政拨款支出预算中，一般公共预算拨款支出预算${wan(f.general)}万元${changeText(changes?.general)}；政府性基金拨款支出预算${wan(f.fund)}万元${changeText(changes?.fund)}；国有资本经营预算拨款支出预算${wan(f.stateCapital)}万元${changeText(changes?.stateCapital)}。`,
  });
  if (changes) {
    const dir = changes.fiscal.direction;
    const r = reasonSentence(draft, 'fiscal', `财政拨款收入支出${dir}的`, dir !== '持平');
    if (r.text) explanation.push({ key: 'fiscal-reason', text: r.text, reason: 'fiscal', reasonMissing: r.missing });
  } else {
    explanation.push({ key: 'new-department', text: `因${who}为新成立${draft.level === 'unit' ? '单位' : '部门'}，故无上年收入支出预算数据。` });
  }
  const items = mainItems(draft);
  if (items.length > 0) explanation.push({ key: 'main-items', text: '财政拨款支出主要内容如下：' });
  for (const m of items) explanation.push({ key: mainItemKey(m.line.code, m.source), text: mainItemText(m) });

  const other: NarrativeParagraph[] = [];
  const tp = threePublicNarrative(draft);
  const tc = tp.changes;
  const t = draft.threePublic;
  other.push({
    key: 'three-public',
    text:
      `${y}年“三公”经费预算数为${wan(tp.total)}万元${changeText(tc?.total)}。其中：因公出国（境）费${wan(t.abroad)}万元${changeText(tc?.abroad)}；` +
      `公务接待费${wan(t.reception)}万元${changeText(tc?.reception)}；公务用车购置及运行费${wan(tp.vehicles)}万元${changeText(tc?.vehicles)}` +
      `（其中：公务用车购置费${wan(t.vehiclePurchase)}万元${changeText(tc?.vehiclePurchase)}；公务用车运行费${wan(t.vehicleOperation)}万元${changeText(tc?.vehicleOperation)}）。`,
  });
  if (tc) {
    const r = reasonSentence(draft, 'threePublic', `“三公”经费预算${tc.total.direction}的`, tc.total.direction !== '持平');
    if (r.text) other.push({ key: 'three-public-reason', text: r.text, reason: 'threePublic', reasonMissing: r.missing });
  }
  other.push({ key: 'operating-costs', text: `${y}年${who}机关运行经费预算为${wan(t.operatingCosts)}万元${changeText(tc?.operatingCosts)}。` });
  if (tc) {
    const r = reasonSentence(draft, 'operatingCosts', `机关运行经费预算${tc.operatingCosts.direction}的`, tc.operatingCosts.direction !== '持平');
    if (r.text) other.push({ key: 'operating-costs-reason', text: r.text, reason: 'operatingCosts', reasonMissing: r.missing });
  }
  let procurementTotal: Fen | undefined;
  if (draft.procurement) {
    const p = draft.procurement;
    procurementTotal = (p.goods + p.works + p.services) as Fen;
    other.push({
      key: 'procurement',
      text: `${y}年本${draft.level === 'unit' ? '单位' : '部门'}政府采购预算${wan(procurementTotal)}万元，其中：政府采购货物预算${wan(p.goods)}万元、政府采购工程预算${wan(p.works)}万元、政府采购服务预算${wan(p.services)}万元。`,
    });
  }
  let projectsTotal = ZERO_FEN;
  for (const p of draft.projects) projectsTotal = (projectsTotal + p.amount) as Fen;
  const summary = draft.performanceSummary ?? { projects: draft.projects.length, amount: projectsTotal };
  if (summary.projects > 0) {
    other.push({
      key: 'performance-targets',
      text: `${y}年度，本${draft.level === 'unit' ? '单位' : '部门'}编报绩效目标的项目共${summary.projects}个，涉及项目预算资金${wan(summary.amount)}万元。`,
    });
  }
  return { figures: f, ...(changes ? { changes } : {}), explanation, mainItems: items, threePublic: tp, other, projectsTotal, performanceSummary: summary, ...(procurementTotal !== undefined ? { procurementTotal } : {}) };
};
