/**
 * 其他相关情况说明: 一、“三公”经费 (total and parts with their stated changes),
 * 二、机关运行经费 (amount or none), 三、政府采购 (total, goods/works/services, SME reservations),
 * 四、绩效目标设置情况 (units, projects, money, projects ≥ 1000万元), 五、国有资产占有使用情况
 * (as-of date, vehicles, equipment, purchase plans and plain statements).
 *
 * Subsections are found by their words (`三公`, `机关运行经费`, `政府采购`, `绩效目标`, `国有资产`)
 * after a Chinese ordinal; each is read only within its own span.
 */
import type {
  CountFigure,
  MoneyFigure,
  NarrativeAmount,
  OperatingCosts,
  OtherInformation,
  PerformanceTargetSummary,
  Procurement,
  StateAssets,
  TextBlock,
  ThreePublicExpenses,
  VehicleCount,
} from '#domain/index.ts';
import { AMOUNT_TAIL, countAt, groupOffset, locate, moneyAt, readChangeAt, textAt, type NarrativeContext } from './figures.ts';
import { COUNT, NUM, formatParagraphs } from './joined.ts';

type SubsectionKey = 'threePublic' | 'operatingCosts' | 'procurement' | 'performanceTargets' | 'assets';

const SUBSECTION_WORDS: ReadonlyArray<readonly [SubsectionKey, string]> = [
  ['threePublic', '[“"]?三公[”"]?经费'],
  ['operatingCosts', '机关运行经费'],
  ['procurement', '政府采购'],
  ['performanceTargets', '绩效目标'],
  ['assets', '国有资产'],
];

interface Span {
  readonly start: number;
  readonly end: number;
}

/** Find each subsection heading: a Chinese ordinal then, within a short phrase, its words. */
const findSubsections = (text: string): Map<SubsectionKey, Span> => {
  const found: Array<{ key: SubsectionKey; start: number }> = [];
  for (const [key, words] of SUBSECTION_WORDS) {
    const re = new RegExp(`(?<![一二三四五六七八九十])[一二三四五六七八九十]{1,2}[、.．](?:\\d{4}年度?)?[^。，,；;]{0,12}?${words}`, 'g');
    const m = re.exec(text);
    if (m) found.push({ key, start: m.index });
  }
  found.sort((a, b) => a.start - b.start);
  const spans = new Map<SubsectionKey, Span>();
  found.forEach((f, i) => spans.set(f.key, { start: f.start, end: found[i + 1]?.start ?? text.length }));
  return spans;
};

/** First match of `re` inside the span (never reading past its end). */
const find = (text: string, re: RegExp, span: Span): RegExpExecArray | undefined => {
  const g = new RegExp(re.source, 'gd');
  g.lastIndex = span.start;
  return g.exec(text.slice(0, span.end)) ?? undefined;
};

const moneyIn = (ctx: NarrativeContext, re: RegExp, span: Span, field: string): { figure: MoneyFigure; end: number } | undefined => {
  const m = find(ctx.joined.text, re, span);
  if (!m || m[1] === undefined || m[2] === undefined) return undefined;
  const figure = moneyAt(ctx, m[1], m[2], groupOffset(m, 1), field);
  return figure ? { figure, end: m.index + m[0].length } : undefined;
};

const countIn = (ctx: NarrativeContext, re: RegExp, span: Span, field: string): CountFigure | undefined => {
  const m = find(ctx.joined.text, re, span);
  if (!m || m[1] === undefined) return undefined;
  return countAt(ctx, m[1], groupOffset(m, 1), field);
};

const amountIn = (ctx: NarrativeContext, re: RegExp, span: Span, field: string): NarrativeAmount | undefined => {
  const a = moneyIn(ctx, re, span, field);
  if (!a) return undefined;
  const changed = readChangeAt(ctx, a.end, { field });
  return { amount: a.figure, ...(changed ? { change: changed.change } : {}) };
};

/** A subsection heading: its ordinal and a short phrase ending in 情况说明 / 情况 / 预算 / 说明. */
const SUBSECTION_HEADING = /^[一二三四五六七八九十]{1,2}[、.．](?:\d{4}年度?)?[^。，,；;：:\d]{0,10}(?:情况说明|情况|预算|说明)/;

/** The subsection's text, its heading on a line of its own. */
const spanText = (ctx: NarrativeContext, span: Span): TextBlock => {
  const raw = ctx.joined.text.slice(span.start, span.end);
  const heading = SUBSECTION_HEADING.exec(raw)?.[0];
  const text = heading !== undefined && heading.length < raw.length ? `${heading}\n${formatParagraphs(raw.slice(heading.length))}` : formatParagraphs(raw);
  return textAt(ctx, text, span.start);
};

const label = (words: string): RegExp => new RegExp(`${words}(?:预算)?(?:数)?${AMOUNT_TAIL}`, 'd');

// ---------------------------------------------------------------------------------------------

const readThreePublic = (ctx: NarrativeContext, span: Span): ThreePublicExpenses => {
  const text = ctx.joined.text;
  const f = (part: string): string => `三公经费.${part}`;
  const yearM = find(text, /(\d{4})年度?[“"]?三公[”"]?经费/, span);
  const total = amountIn(ctx, label('[“"]?三公[”"]?经费(?:预算总额|总额|合计)?'), span, f('合计'));
  const abroad = amountIn(ctx, label('因公出国[（(]境[）)]费'), span, f('因公出国（境）费'));
  const vehicles = amountIn(ctx, label('公务用车购置及运行费'), span, f('公务用车购置及运行费'));
  const vehiclePurchase = amountIn(ctx, label('公务用车购置费'), span, f('公务用车购置费'));
  const vehicleOperation = amountIn(ctx, label('公务用车运行费'), span, f('公务用车运行费'));
  const reception = amountIn(ctx, label('公务接待费'), span, f('公务接待费'));
  const noPrior = find(text, /(?:[^。，,；;：:]{0,120}[，,])?[^。，,；;：:]{0,120}(?:无|没有)上年[^。；;]{0,120}/, span);
  const parts: ReadonlyArray<readonly [string, NarrativeAmount | undefined]> = [
    ['合计', total],
    ['因公出国（境）费', abroad],
    ['公务用车购置及运行费', vehicles],
    ['公务接待费', reception],
  ];
  for (const [name, value] of parts) {
    if (!value) ctx.sink.warning('figure-missing', `未找到“三公”经费中的“${name}”`, locate(ctx, span.start), { field: f(name) });
  }
  return {
    ...(yearM?.[1] !== undefined ? { year: Number(yearM[1]) } : {}),
    ...(total ? { total } : {}),
    ...(abroad ? { abroad } : {}),
    ...(vehicles ? { vehicles } : {}),
    ...(vehiclePurchase ? { vehiclePurchase } : {}),
    ...(vehicleOperation ? { vehicleOperation } : {}),
    ...(reception ? { reception } : {}),
    ...(noPrior ? { noPriorYearStatement: textAt(ctx, noPrior[0], noPrior.index, f('无上年数据')) } : {}),
    text: spanText(ctx, span),
  };
};

const readOperatingCosts = (ctx: NarrativeContext, span: Span): OperatingCosts => {
  const text = ctx.joined.text;
  const none = find(text, /(?:无|没有|未安排)机关运行经费|机关运行经费(?:预算)?为(?:零|0)(?![\d.])/, span) !== undefined;
  const amount = moneyIn(ctx, label('机关运行经费'), span, '机关运行经费');
  const units = find(text, new RegExp(`((?:${COUNT})家[^，,。；;0-9]{0,30}?(?:和(?:${COUNT})家[^，,。；;0-9]{0,30}?)?单位)`), span);
  if (!amount && !none) ctx.sink.warning('figure-missing', '未找到机关运行经费预算数', locate(ctx, span.start), { field: '机关运行经费' });
  return {
    ...(amount ? { amount: amount.figure } : {}),
    ...(units?.[1] !== undefined ? { unitsDescription: units[1] } : {}),
    none: none && !amount,
    text: spanText(ctx, span),
  };
};

const readProcurement = (ctx: NarrativeContext, span: Span): Procurement => {
  const f = (part: string): string => `政府采购.${part}`;
  const total = moneyIn(ctx, label('政府采购预算(?:总额)?'), span, f('合计'));
  const goods = moneyIn(ctx, label('(?:政府采购)?货物(?:类)?'), span, f('货物'));
  const works = moneyIn(ctx, label('(?:政府采购)?工程(?:类)?'), span, f('工程'));
  const services = moneyIn(ctx, label('(?:政府采购)?服务(?:类)?'), span, f('服务'));
  const sme = moneyIn(ctx, label('面向中小企业预留(?:政府采购)?(?:项目)?(?:预算)?(?:金额)?'), span, f('面向中小企业预留'));
  const small = moneyIn(ctx, label('预留给小型和?微型企业的?(?:政府采购)?(?:项目)?(?:预算)?(?:金额)?'), span, f('预留给小型和微型企业'));
  if (!total) ctx.sink.warning('figure-missing', '未找到政府采购预算总额', locate(ctx, span.start), { field: f('合计') });
  else if (!goods || !works || !services) {
    ctx.sink.warning('figure-missing', '政府采购预算未分列货物、工程、服务', locate(ctx, span.start), { field: f('分类') });
  }
  return {
    ...(total ? { total: total.figure } : {}),
    ...(goods ? { goods: goods.figure } : {}),
    ...(works ? { works: works.figure } : {}),
    ...(services ? { services: services.figure } : {}),
    ...(sme ? { smeReserved: sme.figure } : {}),
    ...(small ? { smallMicroReserved: small.figure } : {}),
    text: spanText(ctx, span),
  };
};

const readPerformanceTargets = (ctx: NarrativeContext, span: Span): PerformanceTargetSummary => {
  const f = (part: string): string => `绩效目标设置情况.${part}`;
  const units = countIn(ctx, new RegExp(`(${COUNT})个(?:预算)?单位`), span, f('预算单位数'));
  const projects = countIn(ctx, new RegExp(`(?:编报|设置)绩效目标的项目(?:共)?(${COUNT})个`), span, f('项目数'));
  const amount = moneyIn(ctx, new RegExp(`涉及(?:项目)?(?:预算)?资金(?:为|共)?(${NUM})(万元|元)`, 'd'), span, f('项目预算资金'));
  const over = countIn(ctx, new RegExp(`1000万元(?:[（(]含[）)])?以上的?项目(?:有|共)?(${COUNT})个`), span, f('1000万元以上项目数'));
  if (!projects || !amount) ctx.sink.warning('figure-missing', '未找到编报绩效目标的项目数或资金', locate(ctx, span.start), { field: f('项目数') });
  return {
    ...(units ? { units } : {}),
    ...(projects ? { projects } : {}),
    ...(amount ? { amount: amount.figure } : {}),
    ...(over ? { projectsOver10Million: over } : {}),
    text: spanText(ctx, span),
  };
};

// ---------------------------------------------------------------------------------------------
// 国有资产占有使用情况

const VEHICLE_TYPE_RE = new RegExp(`([\\u4e00-\\u9fff]{1,12}?用车)(${COUNT})辆`, 'gd');
const EQUIPMENT_RE = new RegExp(
  `((?:单价|价值)?\\d+万元?(?:[（(]含[）)])?以上[^0-9，,。；;、]{0,40}?)(${COUNT})台(?:[（(]套[）)])?`,
  'gd',
);

const vehicleTypes = (ctx: NarrativeContext, from: number, to: number, prefix: string): VehicleCount[] => {
  const text = ctx.joined.text.slice(from, to);
  const out: VehicleCount[] = [];
  for (const m of text.matchAll(VEHICLE_TYPE_RE)) {
    if (m[1] === undefined || m[2] === undefined) continue;
    const type = m[1].replace(/^(?:其中|包括)[：:]?/, '');
    const count = countAt(ctx, m[2], from + groupOffset(m, 2), `${prefix}.${type}`);
    if (count) out.push({ type, count });
  }
  return out;
};

const equipmentCounts = (ctx: NarrativeContext, from: number, to: number, prefix: string) => {
  const text = ctx.joined.text.slice(from, to);
  const out: Array<{ description: string; count: CountFigure }> = [];
  for (const m of text.matchAll(EQUIPMENT_RE)) {
    if (m[1] === undefined || m[2] === undefined) continue;
    const description = m[1].replace(/^.*?(?:购置|安排)/, '');
    const count = countAt(ctx, m[2], from + groupOffset(m, 2), `${prefix}.${description}`);
    if (count) out.push({ description, count });
  }
  return out;
};

const readAssets = (ctx: NarrativeContext, span: Span): StateAssets => {
  const text = ctx.joined.text;
  const dateM = find(text, /截(?:至|止)(\d{4})年(\d{1,2})月(?:(\d{1,2})日)?/, span);
  const asOf =
    dateM?.[1] !== undefined && dateM[2] !== undefined
      ? `${dateM[1]}-${dateM[2].padStart(2, '0')}${dateM[3] !== undefined ? `-${dateM[3].padStart(2, '0')}` : ''}`
      : undefined;
  // Holdings come first; the purchase plan starts at the first sentence about buying.
  const planM = find(text, /[^。；;]{0,200}(?:安排购置|购置计划|暂无安排|拟购置)/, span);
  const planStart = planM ? planM.index : span.end;
  const holdings: Span = { start: span.start, end: planStart };
  const plan: Span = { start: planStart, end: span.end };

  const totalM = find(text, new RegExp(`(?:共有|现有|保有)?车辆(?:共)?(${COUNT})辆`), holdings);
  const vehiclesTotal = totalM?.[1] !== undefined ? countAt(ctx, totalM[1], groupOffset(totalM, 1), '国有资产.车辆') : undefined;
  const plannedM = find(text, new RegExp(`购置(?:车辆|公务用车)(?:共)?(${COUNT})辆`), plan);
  const plannedVehicles = plannedM?.[1] !== undefined ? countAt(ctx, plannedM[1], groupOffset(plannedM, 1), '国有资产.购置车辆') : undefined;

  const statements: TextBlock[] = [];
  for (const m of text.slice(span.start, span.end).matchAll(/[^。，,；;]{0,120}(?:无|暂无|没有)[^。，,；;]{0,120}(?:情况|计划|保有)[^。，,；;]{0,120}/g)) {
    const s = m[0].replace(/^截(?:至|止)\d{4}年\d{1,2}月(?:\d{1,2}日)?/, '');
    statements.push(textAt(ctx, s, span.start + m.index, '国有资产'));
  }
  return {
    ...(asOf !== undefined ? { asOf } : {}),
    ...(vehiclesTotal ? { vehiclesTotal } : {}),
    vehiclesByType: vehicleTypes(ctx, holdings.start, holdings.end, '国有资产.车辆'),
    equipment: equipmentCounts(ctx, holdings.start, holdings.end, '国有资产.设备'),
    ...(plannedVehicles ? { plannedVehicles } : {}),
    plannedVehiclesByType: vehicleTypes(ctx, plan.start, plan.end, '国有资产.购置车辆'),
    plannedEquipment: equipmentCounts(ctx, plan.start, plan.end, '国有资产.购置设备'),
    statements,
    text: spanText(ctx, span),
  };
};

const SUBSECTION_NAMES: Readonly<Record<SubsectionKey, string>> = {
  threePublic: '“三公”经费',
  operatingCosts: '机关运行经费',
  procurement: '政府采购',
  performanceTargets: '绩效目标设置情况',
  assets: '国有资产占有使用情况',
};

export const readOtherInformation = (ctx: NarrativeContext): OtherInformation => {
  const spans = findSubsections(ctx.joined.text);
  for (const [key, name] of Object.entries(SUBSECTION_NAMES) as Array<[SubsectionKey, string]>) {
    if (!spans.has(key)) {
      ctx.sink.warning('subsection-missing', `其他相关情况说明中未找到“${name}”部分`, locate(ctx, 0), { subsection: name });
    }
  }
  const get = <T>(key: SubsectionKey, read: (c: NarrativeContext, s: Span) => T): T | undefined => {
    const s = spans.get(key);
    return s ? read(ctx, s) : undefined;
  };
  const threePublic = get('threePublic', readThreePublic);
  const operatingCosts = get('operatingCosts', readOperatingCosts);
  const procurement = get('procurement', readProcurement);
  const performanceTargets = get('performanceTargets', readPerformanceTargets);
  const assets = get('assets', readAssets);
  return {
    ...(threePublic ? { threePublic } : {}),
    ...(operatingCosts ? { operatingCosts } : {}),
    ...(procurement ? { procurement } : {}),
    ...(performanceTargets ? { performanceTargets } : {}),
    ...(assets ? { assets } : {}),
  };
};
