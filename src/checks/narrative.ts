/**
 * The narrative against the tables (domain page §5, third bullet): every 万元 figure of 编制说明,
 * of table 1's note and of 其他相关情况说明 equals its table figure at the precision printed; stated
 * changes add up (this − last = change, change / last = percent, the direction word has the sign);
 * each 财政拨款支出主要内容 item equals its 科目 row; 政府采购 parts add up; 绩效目标设置情况 agrees.
 */
import {
  formatCode,
  formatYuanGrouped,
  parseWanYuan,
  parsePercentHundredths,
  subFen,
  sumFen,
  ZERO_FEN,
  type BudgetDisclosure,
  type BudgetTable,
  type ChangeDirection,
  type Fen,
  type MainExpenditureItem,
  type MoneyFigure,
  type NarrativeAmount,
  type SourceLocation,
  type StatedChange,
  type TableRow,
} from '#domain/index.ts';
import { agreeBothRounded, agrees, computedFigure, computePercentText, figureOf, halfUnit, moneyMismatch, partFigures, percentAgrees, showFigure } from './compare.ts';
import type { BudgetContext, FindingDraft, Rule } from './rule.ts';
import {
  cell,
  codeRows,
  fiscalSourceOf,
  FISCAL_SOURCE_COLUMN,
  isTrusted,
  revenueRowNamed,
  squashName,
  table,
  table1Amount,
  totalRow,
} from './tables.ts';

// ---------------------------------------------------------------------------------------------
// Narrative amounts against their table figures

const compareNarrative = (label: string, printed: MoneyFigure | undefined, tableLabel: string, exact: MoneyFigure | Fen | undefined, location?: SourceLocation): FindingDraft[] => {
  if (!printed || exact === undefined) return [];
  const exactAmount = typeof exact === 'number' ? exact : exact.amount;
  if (agrees(printed, exactAmount)) return [];
  return [
    moneyMismatch({
      message: `${label}与${tableLabel}不一致`,
      left: figureOf(label, printed),
      right: typeof exact === 'number' ? computedFigure(tableLabel, exact, location) : figureOf(tableLabel, exact),
      location: printed.source,
    }),
  ];
};

const t1Rows = (doc: BudgetDisclosure) => {
  const t1 = table(doc, 1);
  return {
    t1,
    revenueTotal: table1Amount(t1 ? totalRow(t1, 'revenue') : undefined),
    expenditureTotal: table1Amount(t1?.rows.find((r) => r.kind === 'total' && r.side === 'expenditure')),
  };
};

const REVENUE_PART_ROWS: ReadonlyArray<[RegExp, RegExp]> = [
  [/财政拨款/, /^财政拨款收入/],
  [/经营收入/, /经营收入/],
  [/事业收入/, /^事业收入/],
  [/其他收入/, /^其他收入/],
];

/** A table 1 figure for a revenue part name; an empty or missing row is 0. */
const table1RevenuePart = (t1: BudgetTable, name: string): { figure?: MoneyFigure; amount: Fen; line: number } | undefined => {
  const pair = REVENUE_PART_ROWS.find(([re]) => re.test(name));
  if (!pair) return undefined;
  const row = revenueRowNamed(t1, pair[1]);
  const figure = table1Amount(row);
  return { ...(figure ? { figure } : {}), amount: figure?.amount ?? ZERO_FEN, line: row?.line ?? t1.title.source.line };
};

const explanationEqualsTables = (ctx: BudgetContext): FindingDraft[] => {
  const doc = ctx.document;
  const e = doc.explanation;
  if (!e) return [];
  const out: FindingDraft[] = [];
  const { t1, revenueTotal, expenditureTotal } = t1Rows(doc);
  out.push(...compareNarrative('编制说明收入预算', e.revenueTotal?.amount, '表1收入总计', revenueTotal));
  out.push(...compareNarrative('编制说明支出预算', e.expenditureTotal?.amount, '表1支出总计', expenditureTotal));
  if (t1) {
    for (const part of e.revenueParts) {
      const row = table1RevenuePart(t1, part.name);
      if (!row) continue;
      out.push(...compareNarrative(`编制说明${part.name}`, part.amount, `表1${part.name}`, row.figure ?? row.amount, { line: row.line, table: 1, row: part.name }));
    }
  }
  const t4 = table(doc, 4);
  const t4Total = t4?.rows.find((r) => r.kind === 'total' && r.side === 'expenditure');
  // A total row whose figures the reader could not place says nothing about its columns.
  if (t4 && t4Total && isTrusted(ctx, 4, t4Total)) {
    out.push(...compareNarrative('编制说明财政拨款支出预算', e.fiscalExpenditure?.amount, '表4支出总计', cell(t4Total, '合计') ?? ZERO_FEN, { line: t4Total.line, table: 4 }));
    for (const part of e.fiscalExpenditureParts) {
      const source = fiscalSourceOf(part.name);
      if (!source) continue;
      const column = FISCAL_SOURCE_COLUMN[source];
      out.push(...compareNarrative(`编制说明${part.name}`, part.amount, `表4支出总计「${column}」`, cell(t4Total, column) ?? ZERO_FEN, { line: t4Total.line, table: 4, column }));
    }
  }
  return out;
};

/** Locate a printed number on a line at or after `from` (notes are wrapped; the model keeps their first line). */
const lineOf = (ctx: BudgetContext, from: number, raw: string): number => {
  const hit = ctx.lines.find((l) => l.no >= from && l.no < from + 12 && l.text.replace(/\s+/g, '').includes(raw));
  return hit?.no ?? from;
};

const NUM = '([0-9][0-9,]*(?:\\.[0-9]+)?)';

const table1NoteEqualsTables = (ctx: BudgetContext): FindingDraft[] => {
  const { t1, revenueTotal, expenditureTotal } = t1Rows(ctx.document);
  const note = t1?.note;
  if (!t1 || !note) return [];
  const text = note.text.replace(/\s+/g, '');
  const out: FindingDraft[] = [];
  const read = (re: RegExp, field: string): MoneyFigure | undefined => {
    const m = re.exec(text);
    const raw = m?.[1];
    const amount = raw !== undefined ? parseWanYuan(raw) : undefined;
    if (raw === undefined || amount === undefined) return undefined;
    return { amount, raw, unit: '万元', source: { line: lineOf(ctx, note.source.line, raw), section: 'tables', table: 1, field } };
  };
  out.push(...compareNarrative('表1注释收入预算', read(new RegExp(`收入预算${NUM}万元`), '注释.收入预算'), '表1收入总计', revenueTotal));
  out.push(...compareNarrative('表1注释支出预算', read(new RegExp(`支出预算${NUM}万元`), '注释.支出预算'), '表1支出总计', expenditureTotal));
  return out;
};

const THREE_PUBLIC_COLUMNS: ReadonlyArray<[keyof NonNullable<BudgetDisclosure['otherInformation']['threePublic']>, string, string]> = [
  ['total', '合计', '“三公”经费预算数'],
  ['abroad', '因公出国(境)费', '因公出国（境）费'],
  ['vehicles', '公务用车购置及运行费小计', '公务用车购置及运行费'],
  ['vehiclePurchase', '公务用车购置费', '公务用车购置费'],
  ['vehicleOperation', '公务用车运行费', '公务用车运行费'],
  ['reception', '公务接待费', '公务接待费'],
];

const threePublicEqualsTable9 = (ctx: BudgetContext): FindingDraft[] => {
  const tp = ctx.document.otherInformation.threePublic;
  const t9 = table(ctx.document, 9);
  const row = t9?.rows[0];
  if (!tp || !t9 || !row || !isTrusted(ctx, 9, row)) return [];
  const out: FindingDraft[] = [];
  for (const [key, column, label] of THREE_PUBLIC_COLUMNS) {
    const na = tp[key] as NarrativeAmount | undefined;
    if (!na?.amount) continue;
    const fig = cell(row, column);
    out.push(...compareNarrative(`其他相关情况说明${label}`, na.amount, `表9「${column}」`, fig ?? ZERO_FEN, { line: row.line, table: 9, column }));
  }
  return out;
};

const operatingCostsEqualsTable9 = (ctx: BudgetContext): FindingDraft[] => {
  const oc = ctx.document.otherInformation.operatingCosts;
  const t9 = table(ctx.document, 9);
  const row = t9?.rows[0];
  if (!oc || !t9 || !row || !isTrusted(ctx, 9, row)) return [];
  const fig = cell(row, '机关运行经费');
  if (oc.none) {
    if (!fig || fig.amount === 0) return [];
    return [
      moneyMismatch({
        message: '其他相关情况说明称无机关运行经费，但表9列有机关运行经费',
        left: computedFigure('说明：无机关运行经费', ZERO_FEN, oc.text.source),
        right: figureOf('表9机关运行经费', fig),
        location: oc.text.source,
      }),
    ];
  }
  return compareNarrative('其他相关情况说明机关运行经费', oc.amount, '表9机关运行经费', fig ?? ZERO_FEN, { line: row.line, table: 9, column: '机关运行经费' });
};

const procurementPartsAddUp = (ctx: BudgetContext): FindingDraft[] => {
  const p = ctx.document.otherInformation.procurement;
  if (!p?.total) return [];
  const parts = [p.goods, p.works, p.services].filter((x): x is MoneyFigure => x !== undefined);
  if (parts.length === 0) return [];
  const sum = sumFen(parts.map((x) => x.amount));
  const tolerance = halfUnit(p.total) + parts.reduce((s, x) => s + halfUnit(x), 0);
  if (Math.abs(sum - p.total.amount) <= tolerance) return [];
  return [
    moneyMismatch({
      message: '政府采购预算总额不等于货物、工程、服务之和',
      left: figureOf('政府采购预算', p.total),
      right: computedFigure('货物+工程+服务', sum, p.goods?.source),
      location: p.total.source,
      extra: partFigures([
        { label: '货物', figure: p.goods },
        { label: '工程', figure: p.works },
        { label: '服务', figure: p.services },
      ]),
    }),
  ];
};

const procurementReservedWithinTotal = (ctx: BudgetContext): FindingDraft[] => {
  const p = ctx.document.otherInformation.procurement;
  if (!p) return [];
  const out: FindingDraft[] = [];
  if (p.total && p.smeReserved && p.smeReserved.amount > p.total.amount + halfUnit(p.total) + halfUnit(p.smeReserved)) {
    out.push(moneyMismatch({ message: '面向中小企业预留的政府采购金额超过政府采购预算总额', left: figureOf('中小企业预留', p.smeReserved), right: figureOf('政府采购预算', p.total) }));
  }
  if (p.smeReserved && p.smallMicroReserved && p.smallMicroReserved.amount > p.smeReserved.amount + halfUnit(p.smeReserved) + halfUnit(p.smallMicroReserved)) {
    out.push(moneyMismatch({ message: '预留给小型和微型企业的金额超过面向中小企业预留的金额', left: figureOf('小微企业预留', p.smallMicroReserved), right: figureOf('中小企业预留', p.smeReserved) }));
  }
  return out;
};

const projectExpenditure = (doc: BudgetDisclosure): MoneyFigure | undefined => {
  const t3 = table(doc, 3);
  return cell(t3 ? totalRow(t3) : undefined, '项目支出');
};

const institutionTotal = (doc: BudgetDisclosure): number | undefined => {
  const counts = doc.institutions?.counts ?? [];
  return counts.length > 0 ? counts.reduce((s, c) => s + c.count.value, 0) : undefined;
};

const performanceTargetsMoney = (ctx: BudgetContext): FindingDraft[] => {
  const pt = ctx.document.otherInformation.performanceTargets;
  const pe = projectExpenditure(ctx.document);
  if (!pt?.amount || !pe || agrees(pt.amount, pe.amount)) return [];
  const units = pt.units?.value;
  const all = institutionTotal(ctx.document);
  // When only some budget units set targets, the money need not cover every project; nor when
  // only some projects carry targets (the money is then less than 项目支出, never more).
  const partial = (units !== undefined && all !== undefined && units < all) || pt.amount.amount < pe.amount;
  return [
    {
      ...moneyMismatch({
        message: partial
          ? units !== undefined && all !== undefined && units < all
            ? `绩效目标设置情况所涉项目资金与表3项目支出不同（只有${units}个预算单位、共${all}个单位编报，仅作提示）`
            : '绩效目标设置情况所涉项目资金少于表3项目支出（可能只有部分项目设置了绩效目标，仅作提示）'
          : '绩效目标设置情况所涉项目资金与表3项目支出合计不一致',
        left: figureOf('绩效目标涉及项目预算资金', pt.amount),
        right: figureOf('表3项目支出合计', pe),
      }),
      ...(partial ? { severity: 'info' as const } : {}),
    },
  ];
};

/**
 * 财政拨款收入 and 财政拨款支出 of one amount are the same appropriation: their stated changes
 * compare it with the same base (last year's 预算, or its 预算执行数) by the same amount. A
 * document that compares one with 预算执行数 and the other with 预算 (Putuo 商务委员会 2025:
 * +24,558.18万 vs +24,491.71万) mixes two bases.
 */
const fiscalChangesAgree = (ctx: BudgetContext): FindingDraft[] => {
  const e = ctx.document.explanation;
  const revenue = e?.revenueParts.find((p) => p.name.replace(/\s+/g, '') === '财政拨款收入');
  const spending = e?.fiscalExpenditure;
  const rc = revenue?.change;
  const sc = spending?.change;
  if (!revenue || !spending || !rc || !sc || revenue.amount.amount !== spending.amount.amount) return [];
  const basisName = (c: typeof rc): string => `${c.comparedYear ?? ''}年${c.basis === 'execution' ? '预算执行数' : '预算'}`;
  const sameBasis = rc.basis === sc.basis && rc.comparedYear === sc.comparedYear;
  const sameAmount = rc.amount === undefined || sc.amount === undefined || rc.amount.amount === sc.amount.amount;
  if (sameBasis && sameAmount) return [];
  return [
    {
      message: `财政拨款收入与财政拨款支出同为${revenue.amount.raw}${revenue.amount.unit}，但收入“比${basisName(rc)}${rc.direction}${rc.amount?.raw ?? ''}”，支出“比${basisName(sc)}${sc.direction}${sc.amount?.raw ?? ''}”：比较基数或变动额不一致。`,
      location: { line: rc.line, section: 'explanation' },
      figures: [
        ...(rc.amount ? [figureOf(`财政拨款收入比${basisName(rc)}`, rc.amount)] : []),
        ...(sc.amount ? [figureOf(`财政拨款支出比${basisName(sc)}`, sc.amount)] : []),
      ],
    },
  ];
};

const TEN_MILLION_FEN = 1_000_000_000; // 1000万元

const performanceTargetsLargeProjects = (ctx: BudgetContext): FindingDraft[] => {
  const pt = ctx.document.otherInformation.performanceTargets;
  const stated = pt?.projectsOver10Million;
  const projects = ctx.document.projects;
  if (!pt || !stated || !pt.projects || projects.length !== pt.projects.value || projects.some((p) => !p.annualAmount)) return [];
  const large = projects.filter((p) => (p.annualAmount?.amount ?? 0) >= TEN_MILLION_FEN);
  if (large.length === stated.value) return [];
  return [
    {
      message: `绩效目标设置情况称预算金额1000万元（含）以上的项目有${stated.raw}个，而所列${projects.length}个项目中有${large.length}个${large.length > 0 ? `（${large.map((p) => p.name).join('、')}）` : ''}。`,
      location: stated.source,
      figures: [
        { label: '说明所称1000万元以上项目数', raw: stated.raw, unit: '个', location: stated.source },
        { label: '项目说明中1000万元以上项目数', raw: String(large.length), unit: '个', ...(large[0] ? { location: { line: large[0].line, section: 'projects' as const, project: large[0].name } } : {}) },
      ],
    },
  ];
};

// ---------------------------------------------------------------------------------------------
// Stated changes

const SIGN: Readonly<Record<ChangeDirection, -1 | 0 | 1>> = { 增加: 1, 增长: 1, 减少: -1, 下降: -1, 持平: 0 };

interface ChangeSubject {
  readonly label: string;
  readonly amount: MoneyFigure;
  readonly change: StatedChange;
}

const DIRECTION_WORDS = '增加|减少|持平|增长|下降';

/** Table 1's note restates totals with their change: `收入预算X万元，比上年增加Y万元，增长P%`. */
const table1NoteChanges = (ctx: BudgetContext): ChangeSubject[] => {
  const note = table(ctx.document, 1)?.note;
  if (!note) return [];
  const text = note.text.replace(/\s+/g, '');
  const out: ChangeSubject[] = [];
  const re = new RegExp(`(收入|支出)预算${NUM}万元[，,]?比(上年|\\d{4}年)(?:预算)?(${DIRECTION_WORDS})${NUM}万元(?:[，,](${DIRECTION_WORDS})${NUM}%)?`, 'g');
  for (const m of text.matchAll(re)) {
    const [, side, raw, basisText, dir, changeRaw, pctDir, pctRaw] = m;
    const amount = parseWanYuan(raw!);
    const changeAmount = parseWanYuan(changeRaw!);
    if (amount === undefined || changeAmount === undefined) continue;
    const line = lineOf(ctx, note.source.line, `${raw}万元`);
    const changeLine = lineOf(ctx, note.source.line, `${dir}${changeRaw}`);
    const src = (field: string, l: number) => ({ line: l, section: 'tables' as const, table: 1 as const, field });
    const hundredths = pctRaw !== undefined ? parsePercentHundredths(pctRaw) : undefined;
    const year = /(\d{4})年/.exec(basisText ?? '')?.[1];
    out.push({
      label: `表1注释${side}预算`,
      amount: { amount, raw: raw!, unit: '万元', source: src(`注释.${side}预算`, line) },
      change: {
        basis: 'budget',
        direction: dir as ChangeDirection,
        ...(year !== undefined ? { comparedYear: Number(year) } : {}),
        amount: { amount: changeAmount, raw: changeRaw!, unit: '万元', source: src(`注释.${side}预算变动`, changeLine) },
        ...(hundredths !== undefined ? { percent: { hundredths, raw: pctRaw!, source: src(`注释.${side}预算变动`, changeLine) } } : {}),
        ...(pctDir !== undefined && pctDir !== dir ? { percentDirection: pctDir as ChangeDirection } : {}),
        line: changeLine,
      },
    });
  }
  return out;
};

const changeSubjects = (ctx: BudgetContext): ChangeSubject[] => {
  const doc = ctx.document;
  const out: ChangeSubject[] = [...table1NoteChanges(ctx)];
  const add = (label: string, na: NarrativeAmount | undefined) => {
    if (na?.change) out.push({ label, amount: na.amount, change: na.change });
  };
  const e = doc.explanation;
  if (e) {
    add('收入预算', e.revenueTotal);
    for (const p of e.revenueParts) add(p.name, p);
    add('支出预算', e.expenditureTotal);
    add('财政拨款支出预算', e.fiscalExpenditure);
    for (const p of e.fiscalExpenditureParts) add(p.name, p);
    for (const item of e.mainItems) if (item.change) out.push({ label: `主要内容${item.ordinal}「${item.subject}」`, amount: item.amount, change: item.change });
  }
  const tp = doc.otherInformation.threePublic;
  if (tp) for (const [key, , label] of THREE_PUBLIC_COLUMNS) add(label, tp[key] as NarrativeAmount | undefined);
  return out;
};

const changeLocation = (s: ChangeSubject): SourceLocation => s.change.amount?.source ?? s.change.percent?.source ?? { line: s.change.line, ...(s.amount.source.section ? { section: s.amount.source.section } : {}) };

/** The prior amount a change implies: stated, or this − signed change. */
const impliedPrior = (s: ChangeSubject): { prior: Fen; slack: number } | undefined => {
  const c = s.change;
  if (c.priorAmount) return { prior: c.priorAmount.amount, slack: halfUnit(c.priorAmount) };
  const sign = SIGN[c.direction];
  if (sign === 0) return { prior: s.amount.amount, slack: halfUnit(s.amount) };
  if (!c.amount) return undefined;
  return { prior: subFen(s.amount.amount, (sign * c.amount.amount) as Fen), slack: halfUnit(s.amount) + halfUnit(c.amount) };
};

const changeDirection = (ctx: BudgetContext): FindingDraft[] => {
  const out: FindingDraft[] = [];
  for (const s of changeSubjects(ctx)) {
    const c = s.change;
    const sign = SIGN[c.direction];
    const problems: string[] = [];
    if (c.percentDirection && SIGN[c.percentDirection] !== sign) problems.push(`金额方向为“${c.direction}”，百分比方向却为“${c.percentDirection}”`);
    if (c.amount && sign === 0 && c.amount.amount !== 0) problems.push(`称“持平”却写明变动${showFigure(c.amount)}`);
    if (c.amount && sign !== 0 && c.amount.amount === 0) problems.push(`称“${c.direction}”而变动金额为0`);
    if (c.priorAmount) {
      const delta = s.amount.amount - c.priorAmount.amount;
      const tol = halfUnit(s.amount) + halfUnit(c.priorAmount);
      const actual = Math.abs(delta) <= tol ? 0 : Math.sign(delta);
      if (actual !== sign && !(sign === 0 && actual === 0)) {
        problems.push(`本年${showFigure(s.amount)}、上年${showFigure(c.priorAmount)}，实为${actual > 0 ? '增加' : actual < 0 ? '减少' : '持平'}，却写“${c.direction}”`);
      }
    }
    if (c.percent && sign === 0 && c.percent.hundredths !== 0) problems.push(`称“持平”却写明变动${c.percent.raw}%`);
    if (problems.length === 0) continue;
    out.push({
      message: `${s.label}的变动方向与数字不符：${problems.join('；')}。`,
      location: changeLocation(s),
      figures: [
        figureOf(`${s.label}（本年）`, s.amount),
        ...(c.amount ? [figureOf('所述变动额', c.amount)] : []),
        ...(c.priorAmount ? [figureOf('所述上年数', c.priorAmount)] : []),
      ],
    });
  }
  return out;
};

const changeAmount = (ctx: BudgetContext): FindingDraft[] => {
  const out: FindingDraft[] = [];
  for (const s of changeSubjects(ctx)) {
    const c = s.change;
    if (!c.amount || !c.priorAmount) continue;
    const actual = Math.abs(s.amount.amount - c.priorAmount.amount) as Fen;
    const tol = halfUnit(s.amount) + halfUnit(c.priorAmount) + halfUnit(c.amount);
    if (Math.abs(actual - c.amount.amount) <= tol) continue;
    out.push(
      moneyMismatch({
        message: `${s.label}的所述变动额不等于本年数减上年数（本年${showFigure(s.amount)}，上年${showFigure(c.priorAmount)}）`,
        left: figureOf('所述变动额', c.amount),
        right: computedFigure('本年 − 上年', actual),
        location: c.amount.source,
      }),
    );
  }
  return out;
};

const changePercent = (ctx: BudgetContext): FindingDraft[] => {
  const out: FindingDraft[] = [];
  for (const s of changeSubjects(ctx)) {
    const c = s.change;
    if (!c.percent) continue;
    const prior = impliedPrior(s);
    if (!prior || prior.prior <= 0) continue;
    const delta = c.amount && !c.priorAmount ? c.amount.amount : (Math.abs(s.amount.amount - prior.prior) as Fen);
    const changeSlack = c.amount && !c.priorAmount ? halfUnit(c.amount) : halfUnit(s.amount) + prior.slack;
    if (percentAgrees(c.percent.hundredths, delta as Fen, prior.prior, { change: changeSlack, base: prior.slack })) continue;
    const computed = computePercentText(delta as Fen, prior.prior);
    out.push({
      message: `${s.label}所述变动百分比${c.percent.raw}%与金额不符：变动${formatYuanGrouped(delta as Fen)}元 ÷ 上年${formatYuanGrouped(prior.prior)}元 = ${computed}%。`,
      location: c.percent.source,
      figures: [
        { label: '所述百分比', raw: c.percent.raw, unit: '%', location: c.percent.source },
        { label: '按金额计算', raw: computed, unit: '%' },
        figureOf(`${s.label}（本年）`, s.amount),
        computedFigure('上年', prior.prior, c.priorAmount?.source),
      ],
    });
  }
  return out;
};

/** The reason given for a change says the opposite (`减少2.98%。主要原因是：…经费增加`). */
const reasonDirection = (ctx: BudgetContext): FindingDraft[] => {
  const out: FindingDraft[] = [];
  for (const s of changeSubjects(ctx)) {
    const c = s.change;
    const reason = c.reason?.text.replace(/\s+/g, '') ?? '';
    const sign = SIGN[c.direction];
    if (reason === '' || sign === 0 || /不变|持平/.test(reason)) continue;
    const up = /增加|增长|提高|上升/.test(reason);
    const down = /减少|下降|降低|压减|缩减/.test(reason);
    if (up === down) continue; // no direction word, or both (a mixed explanation)
    if ((sign > 0 && up) || (sign < 0 && down)) continue;
    out.push({
      message: `${s.label}${c.direction}，但所述原因“${reason.slice(0, 40)}”说的是${up ? '增加' : '减少'}。`,
      location: c.reason!.source,
      figures: [figureOf(`${s.label}（本年）`, s.amount), { label: '原因', raw: reason, location: c.reason!.source }],
    });
  }
  return out;
};

// ---------------------------------------------------------------------------------------------
// 财政拨款支出主要内容

/** Candidate rows for a main item: the fiscal tables (5, 6, 7), else table 3. */
// Both caches are keyed by the (immutable) model objects: matching every 主要内容 item against
// every row looked names up linearly, 8 ms per check of a 33-item document (the authoring editor
// checks on every keystroke).
const fiscalRowsCache = new WeakMap<BudgetDisclosure, { table: BudgetTable; row: TableRow }[]>();
const fiscalRows = (doc: BudgetDisclosure): { table: BudgetTable; row: TableRow }[] => {
  const cached = fiscalRowsCache.get(doc);
  if (cached) return cached;
  const tables = [5, 6, 7].map((n) => table(doc, n as 5 | 6 | 7)).filter((t): t is BudgetTable => t !== undefined);
  let rows = tables.flatMap((t) => codeRows(t).map((row) => ({ table: t, row })));
  if (rows.length === 0) {
    const t3 = table(doc, 3);
    rows = t3 ? codeRows(t3).map((row) => ({ table: t3, row })) : [];
  }
  fiscalRowsCache.set(doc, rows);
  return rows;
};

const namesCache = new WeakMap<BudgetTable, Map<string, string>>();
const nameOf = (t: BudgetTable, code: string): string | undefined => {
  let names = namesCache.get(t);
  if (!names) {
    names = new Map();
    for (const r of t.rows) if (r.code !== undefined && !names.has(formatCode(r.code))) names.set(formatCode(r.code), r.name);
    namesCache.set(t, names);
  }
  return names.get(code);
};

const stripLevel = (s: string): string => squashName(s).replace(/\((?:\d{3})?类\)|\((?:\d{2})?款\)|\((?:\d{2})?项\)/g, '');

type FiscalRow = { table: BudgetTable; row: TableRow };

/** Fiscal rows by their squashed 类/款/项 path and by their squashed name, built once per document. */
interface FiscalRowIndex {
  readonly byPath: Map<string, FiscalRow[]>;
  readonly byName: Map<string, FiscalRow[]>;
}
const fiscalIndexCache = new WeakMap<BudgetDisclosure, FiscalRowIndex>();
const fiscalIndex = (doc: BudgetDisclosure): FiscalRowIndex => {
  const cached = fiscalIndexCache.get(doc);
  if (cached) return cached;
  const byPath = new Map<string, FiscalRow[]>();
  const byName = new Map<string, FiscalRow[]>();
  const push = (m: Map<string, FiscalRow[]>, k: string, r: FiscalRow): void => {
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  };
  for (const r of fiscalRows(doc)) {
    push(byName, squashName(r.row.name), r);
    const segs = r.row.code?.segments ?? [];
    if (segs.length < 2) continue;
    const names = segs.map((_, i) => (i === segs.length - 1 ? r.row.name : nameOf(r.table, segs.slice(0, i + 1).join(' '))));
    if (names.some((n) => n === undefined)) continue;
    push(byPath, names.map((n) => squashName(n!)).join('\u0001'), r);
  }
  const index = { byPath, byName };
  fiscalIndexCache.set(doc, index);
  return index;
};

export const matchMainItem = (doc: BudgetDisclosure, item: MainExpenditureItem): { table: BudgetTable; row: TableRow }[] => {
  const rows = fiscalRows(doc);
  if (item.subjectCode) {
    const code = item.subjectCode.replace(/\D/g, '');
    const hit = rows.filter(({ row }) => row.code && row.code.segments.join('') === code);
    if (hit.length > 0) return hit;
  }
  const path = item.subjectPath?.map(stripLevel);
  // A row matches a path of the same depth whose every level names the row's 类/款/项.
  if (path && path.length > 1) return [...(fiscalIndex(doc).byPath.get(path.join('\u0001')) ?? [])];
  const name = stripLevel(item.subject);
  const named = fiscalIndex(doc).byName.get(name) ?? [];
  // Prefer the most detailed level: a 项 named like its 款 (`其他一般公共服务支出`) is the item.
  const deepest = Math.max(0, ...named.map(({ row }) => row.code?.segments.length ?? 0));
  return named.filter(({ row }) => (row.code?.segments.length ?? 0) === deepest);
};

const mainItemEqualsSubject = (ctx: BudgetContext): FindingDraft[] => {
  const e = ctx.document.explanation;
  if (!e) return [];
  const out: FindingDraft[] = [];
  for (const item of e.mainItems) {
    const hits = matchMainItem(ctx.document, item).filter(({ table: t, row }) => isTrusted(ctx, t.number, row));
    if (hits.length === 0) continue;
    const figs = hits.map(({ table: t, row }) => ({ t, row, fig: cell(row, '合计') }));
    if (figs.some(({ fig }) => agrees(item.amount, fig?.amount ?? ZERO_FEN))) continue;
    // Same-named rows with different amounts: the item matches none of them.
    const first = figs[0]!;
    const label = `表${first.t.number} ${first.row.code ? formatCode(first.row.code) : ''} ${first.row.name}合计`;
    out.push(
      moneyMismatch({
        message: `财政拨款支出主要内容第${item.ordinal}项“${item.subject}”的金额与其科目在表中的金额不一致${figs.length > 1 ? `（同名科目${figs.length}个，均不相符）` : ''}`,
        left: figureOf(`主要内容第${item.ordinal}项`, item.amount),
        right: first.fig ? figureOf(label, first.fig) : computedFigure(`${label}（空）`, ZERO_FEN, { line: first.row.line, table: first.t.number }),
        location: item.amount.source,
      }),
    );
  }
  return out;
};

const mainItemSubjectFound = (ctx: BudgetContext): FindingDraft[] => {
  const e = ctx.document.explanation;
  if (!e || fiscalRows(ctx.document).length === 0) return [];
  return e.mainItems
    .filter((item) => matchMainItem(ctx.document, item).length === 0)
    .map((item) => ({
      message: `财政拨款支出主要内容第${item.ordinal}项的科目“${item.subject}”在功能分类表中找不到（名称或层级与表中科目不符）。`,
      location: item.amount.source,
      figures: [figureOf(`主要内容第${item.ordinal}项`, item.amount)],
    }));
};

/** `2024年预算安排352.67万元` restated inside an item must be the item's own amount. */
const mainItemConsistent = (ctx: BudgetContext): FindingDraft[] => {
  const e = ctx.document.explanation;
  const year = ctx.document.header.year;
  if (!e || year === undefined || ctx.lines.length === 0) return [];
  const out: FindingDraft[] = [];
  const starts = e.mainItems.map((i) => i.line);
  const titles = ctx.document.tables.map((t) => t.title.source.line);
  e.mainItems.forEach((item, i) => {
    // The item ends at the next item, or at the tables when they follow the explanation.
    const tablesStart = Math.min(...titles.filter((l) => l > item.line), Number.MAX_SAFE_INTEGER);
    const end = Math.min(starts[i + 1] ?? item.line + 8, item.line + 8, tablesStart);
    const lines = ctx.lines.filter((l) => l.no >= item.line && l.no < Math.max(end, item.line + 1));
    const text = lines.map((l) => l.text.replace(/\s+/g, '')).join('');
    const re = new RegExp(`${year}年预算安排${NUM}万元`, 'g');
    for (const m of text.matchAll(re)) {
      const raw = m[1]!;
      const amount = parseWanYuan(raw);
      if (amount === undefined) continue;
      const fig: MoneyFigure = { amount, raw, unit: '万元', source: { line: lines.find((l) => l.text.replace(/\s+/g, '').includes(`预算安排${raw}`))?.no ?? item.line, section: 'explanation', field: `主要内容${item.ordinal}` } };
      if (agreeBothRounded(fig, item.amount)) continue;
      out.push(
        moneyMismatch({
          message: `财政拨款支出主要内容第${item.ordinal}项“${item.subject}”前后写了两个不同的金额`,
          left: figureOf('科目金额', item.amount),
          right: figureOf(`${year}年预算安排`, fig),
          location: fig.source,
        }),
      );
    }
  });
  return out;
};

const mainItemsSum = (ctx: BudgetContext): FindingDraft[] => {
  const e = ctx.document.explanation;
  const fiscal = e?.fiscalExpenditure?.amount;
  if (!e || !fiscal || e.mainItems.length === 0) return [];
  const sum = sumFen(e.mainItems.map((i) => i.amount.amount));
  const tol = halfUnit(fiscal) + e.mainItems.reduce((s, i) => s + halfUnit(i.amount), 0);
  if (Math.abs(sum - fiscal.amount) <= tol) return [];
  return [
    moneyMismatch({
      message: '财政拨款支出主要内容各项之和与财政拨款支出预算不同（主要内容可能未列全，仅作提示）',
      left: computedFigure('主要内容各项之和', sum, e.mainItems[0]?.amount.source),
      right: figureOf('财政拨款支出预算', fiscal),
      ...(e.mainItems[0] ? { location: e.mainItems[0].amount.source } : {}),
      extra: partFigures(e.mainItems.map((i) => ({ label: `主要内容${i.ordinal}`, figure: i.amount })), 60),
    }),
  ];
};

export const NARRATIVE_RULES: readonly Rule[] = [
  {
    id: 'narrative.explanation-equals-tables',
    family: 'narrative',
    severity: 'error',
    on: 'budget',
    title: '编制说明的金额等于表中对应数',
    explanation:
      '编制说明中的收入预算、各项收入、支出预算（对表1），财政拨款支出预算及一般公共预算、政府性基金、国有资本经营预算拨款支出预算（对表4支出总计各列），按其印刷精度（万元的小数位数）与表中金额核对：表中金额四舍五入到该精度后必须等于说明中的数字。',
    check: explanationEqualsTables,
  },
  {
    id: 'narrative.table1-note-equals-tables',
    family: 'narrative',
    severity: 'error',
    on: 'budget',
    title: '表1注释中的收支预算等于表1总计',
    explanation: '表1下方“注：…收入预算X万元，支出预算Y万元”中的金额，按印刷精度必须等于表1的收入总计和支出总计。',
    check: table1NoteEqualsTables,
  },
  {
    id: 'narrative.three-public-equals-table9',
    family: 'narrative',
    severity: 'error',
    on: 'budget',
    title: '“三公”经费说明等于表9',
    explanation: '其他相关情况说明中“三公”经费预算数及因公出国（境）费、公务用车购置及运行费（购置费、运行费）、公务接待费，按印刷精度必须等于表9对应列。',
    check: threePublicEqualsTable9,
  },
  {
    id: 'narrative.operating-costs-equals-table9',
    family: 'narrative',
    severity: 'error',
    on: 'budget',
    title: '机关运行经费说明等于表9',
    explanation: '其他相关情况说明中的机关运行经费预算，按印刷精度必须等于表9机关运行经费；说明称无机关运行经费时，表9该列应为空或0。',
    check: operatingCostsEqualsTable9,
  },
  {
    id: 'narrative.procurement-parts-add-up',
    family: 'narrative',
    severity: 'error',
    on: 'budget',
    title: '政府采购预算等于货物、工程、服务之和',
    explanation: '政府采购预算总额必须等于政府采购货物、工程、服务预算之和；各数按万元印刷时允许各自的四舍五入误差。',
    check: procurementPartsAddUp,
  },
  {
    id: 'narrative.procurement-reserved-within-total',
    family: 'narrative',
    severity: 'error',
    on: 'budget',
    title: '中小企业预留金额不超过采购总额',
    explanation: '面向中小企业预留的政府采购金额不能超过政府采购预算总额，其中预留给小型和微型企业的金额不能超过面向中小企业预留的金额。',
    check: procurementReservedWithinTotal,
  },
  {
    id: 'narrative.performance-targets-money',
    family: 'narrative',
    severity: 'warning',
    on: 'budget',
    title: '绩效目标所涉项目资金等于项目支出',
    explanation:
      '“四、绩效目标设置情况”所述涉及项目预算资金，通常等于表3项目支出合计（所有项目均编报绩效目标）。若只有部分预算单位编报（编报单位数少于机构设置的单位数），差异只作提示。',
    check: performanceTargetsMoney,
  },
  {
    id: 'narrative.performance-targets-large-projects',
    family: 'narrative',
    severity: 'error',
    on: 'budget',
    title: '1000万元以上项目数与所列项目一致',
    explanation: '当文件列出的项目说明数等于绩效目标设置情况所述项目数时，其中年度预算1000万元（含）以上的项目个数必须等于说明所称个数。',
    check: performanceTargetsLargeProjects,
  },
  {
    id: 'narrative.fiscal-changes-agree',
    family: 'narrative',
    severity: 'warning',
    on: 'budget',
    title: '财政拨款收入与支出的变动口径一致',
    explanation:
      '财政拨款收入与财政拨款支出金额相同时是同一笔拨款，与上年比较时应使用同一基数（上年预算或上年预算执行数）并得出相同的变动额；一处比预算、一处比执行数，说明口径混用。',
    check: fiscalChangesAgree,
  },
  {
    id: 'narrative.change-direction',
    family: 'narrative',
    severity: 'error',
    on: 'budget',
    title: '增减方向词与数字相符',
    explanation:
      '“增加/增长”须对应正的变动，“减少/下降”对应负的变动，“持平”对应零变动；金额方向词与百分比方向词不能相反；给出上年数（如“2023年当年预算执行数为…”）时，以本年数与上年数之差的符号判断。',
    check: changeDirection,
  },
  {
    id: 'narrative.change-amount',
    family: 'narrative',
    severity: 'error',
    on: 'budget',
    title: '所述变动额等于本年数减上年数',
    explanation: '同时给出本年数、上年数和变动额时，变动额必须等于两者之差，允许各数按印刷精度四舍五入的误差。',
    check: changeAmount,
  },
  {
    id: 'narrative.change-percent',
    family: 'narrative',
    severity: 'error',
    on: 'budget',
    title: '所述变动百分比等于变动额除以上年数',
    explanation:
      '变动百分比 = 变动额 ÷ 上年数（上年数直接给出，或由本年数与所述变动额推出）。以整数运算核对，允许±0.01个百分点，并考虑所依据金额本身的四舍五入；上年数为0时不核对。',
    check: changePercent,
  },
  {
    id: 'narrative.reason-direction',
    family: 'narrative',
    severity: 'warning',
    on: 'budget',
    title: '变动原因与增减方向一致',
    explanation: '所述变动原因中的方向词（增加/提高/减少/下降…）应与变动方向一致；“减少2.98%，主要原因是…经费增加”多半是套用了模板。原因中两个方向都出现或都没有时不判断。',
    check: reasonDirection,
  },
  {
    id: 'narrative.main-item-equals-subject',
    family: 'narrative',
    severity: 'error',
    on: 'budget',
    title: '财政拨款支出主要内容各项等于其科目金额',
    explanation:
      '“财政拨款支出主要内容”每项“××”科目的金额，按印刷精度必须等于该科目在财政拨款功能分类表（表5–7，无则表3）中的合计。科目按编码、按“类/款/项”名称路径或按名称（取最细一级）对应；同名科目有多个时，任一相符即可。',
    check: mainItemEqualsSubject,
  },
  {
    id: 'narrative.main-item-subject-found',
    family: 'narrative',
    severity: 'warning',
    on: 'budget',
    title: '主要内容所列科目在表中存在',
    explanation: '“财政拨款支出主要内容”所列科目（名称或“类/款/项”路径）应能在功能分类表中找到；找不到通常意味着科目名称或层级写错。',
    check: mainItemSubjectFound,
  },
  {
    id: 'narrative.main-item-consistent',
    family: 'narrative',
    severity: 'error',
    on: 'budget',
    title: '同一主要内容项不写两个金额',
    explanation: '同一项中先写“××科目X万元”，后又写“本年预算安排Y万元”时，X与Y必须相同（允许各自的四舍五入）。',
    check: mainItemConsistent,
  },
  {
    id: 'narrative.main-items-sum',
    family: 'narrative',
    severity: 'info',
    on: 'budget',
    title: '主要内容各项之和与财政拨款支出',
    explanation: '“财政拨款支出主要内容”通常逐项列出全部财政拨款支出科目，各项之和等于财政拨款支出预算；不等时可能是未列全，仅作提示。',
    check: mainItemsSum,
  },
];

