/**
 * 编制说明 (the budget explanation), in 万元 (or 元 where written):
 *   1. revenue total and its sources, each with the change stated against last year;
 *   2. expenditure total, 财政拨款支出 and its three parts;
 *   3. the reason sentence, or the statement that a new department has no prior-year figures;
 *   4. `财政拨款支出主要内容如下：` and its numbered items, each with 科目, amount, purpose and,
 *      in later years' wording, a comparison with last year's execution.
 */
import type { BudgetExplanation, MainExpenditureItem, MoneyFigure, NarrativeAmount, TextBlock } from '#domain/index.ts';
import { AMOUNT_TAIL, groupOffset, locate, moneyAt, readChangeAt, textAt, type NarrativeContext } from './figures.ts';
import { NUM, formatParagraphs, parseCountText } from './joined.ts';

type NamedAmount = { readonly name: string } & NarrativeAmount;

/** First match of `re` in the joined text within [from, to). */
const findIn = (text: string, re: RegExp, from: number, to: number): RegExpExecArray | undefined => {
  const g = new RegExp(re.source, 'gd');
  g.lastIndex = from;
  const m = g.exec(text);
  return m && m.index < to ? m : undefined;
};

/** `<label>NUM万元` followed by an optional stated change. */
const amountWithChange = (
  ctx: NarrativeContext,
  re: RegExp,
  from: number,
  to: number,
  field: string,
): (NarrativeAmount & { end: number; start: number }) | undefined => {
  const m = findIn(ctx.joined.text, re, from, to);
  if (!m || m[1] === undefined || m[2] === undefined) return undefined;
  const amount = moneyAt(ctx, m[1], m[2], groupOffset(m, 1), field);
  if (!amount) return undefined;
  const end = m.index + m[0].length;
  const changed = readChangeAt(ctx, end, { field });
  return { amount, ...(changed ? { change: changed.change } : {}), start: m.index, end: changed?.end ?? end };
};

const label = (words: string): RegExp => new RegExp(`${words}${AMOUNT_TAIL}`, 'd');

const REVENUE_TOTAL = label('收入预算(?:总额|总计|合计)?');
const EXPENDITURE_TOTAL = label('(?<!拨款)支出预算(?:总额|总计|合计)?');
const REVENUE_PARTS: ReadonlyArray<readonly [string, RegExp]> = [
  ['财政拨款收入', label('财政拨款收入(?:预算)?')],
  ['事业收入', label('事业收入(?:预算)?')],
  ['事业单位经营收入', label('事业单位经营收入(?:预算)?')],
  ['其他收入', label('其他收入(?:预算)?')],
];
const FISCAL_EXPENDITURE = label('财政拨款支出预算');
const FISCAL_PARTS: ReadonlyArray<readonly [string, RegExp]> = [
  ['一般公共预算拨款支出预算', label('一般公共预算(?:财政)?拨款支出(?:预算)?')],
  ['政府性基金拨款支出预算', label('政府性基金(?:预算)?(?:财政)?拨款支出(?:预算)?')],
  ['国有资本经营预算拨款支出预算', label('国有资本经营预算(?:财政)?拨款支出(?:预算)?')],
];

const MAIN_ITEMS_MARKER = /(?:财政拨款支出)?主要内容(?:如下)?[：:]?/d;
/** An item's number: `1.`, `1、`, `（一）`, `一、` — always followed by the quoted 科目. */
const ORDINAL = String.raw`(?:(\d{1,3})[.．、](?!\d)|[（(]([一二三四五六七八九十]{1,4})[）)]|([一二三四五六七八九十]{1,4})、)`;
const ITEM_START = new RegExp(String.raw`(?<![\d.])${ORDINAL}(?=[“"「『])`, 'g');
const ITEM_HEAD = new RegExp(
  String.raw`^${ORDINAL}[“"「『]([^”"」』]+)[”"」』](?:科目)?(?:预算)?(?:为|安排)?(?:[，,])?(${NUM})(万元|元)`,
  'd',
);
const SUBJECT_PATH = /^(.+?)[（(](\d*)类[）)](.+?)[（(](\d*)款[）)](?:(.+?)[（(](\d*)项[）)])?$/;
const PRIOR_EXECUTION = new RegExp(String.raw`(\d{4})年度?(?:当年)?(?:预算)?执行数(?:为|是)?(${NUM})(万元|元)`, 'd');
const CURRENT_RESTATED = new RegExp(String.raw`(\d{4})年度?预算安排(?:为|是)?(${NUM})(万元|元)`, 'd');
const COMPARISON_START = /[，,。；;]?(?:比|较|与)(?:\d{4}年度?|上年度?)/;

/** Sentences of a joined text, with offsets: up to and including each `。`. */
const sentences = (text: string, from: number, to: number): Array<{ text: string; start: number }> => {
  const out: Array<{ text: string; start: number }> = [];
  let start = from;
  for (let i = from; i < to; i++) {
    if (text[i] === '。' || i === to - 1) {
      const s = text.slice(start, i + 1);
      if (s.trim() !== '') out.push({ text: s, start });
      start = i + 1;
    }
  }
  return out;
};

const readSubject = (subject: string): Pick<MainExpenditureItem, 'subjectPath' | 'subjectCode'> => {
  const m = SUBJECT_PATH.exec(subject);
  if (!m) {
    // `一般公共服务支出-政府办公厅（室）及相关机构事务-行政运行` (Putuo 2025): 类-款-项 joined by dashes.
    const parts = subject.split(/\s*[-—－–]+\s*/);
    return parts.length >= 2 && parts.length <= 3 && parts.every((p) => p.trim() !== '') ? { subjectPath: parts.map((p) => p.trim()) } : {};
  }
  const path = [m[1], m[3], m[5]].filter((s): s is string => s !== undefined && s !== '');
  const codes = [m[2], m[4], m[6]].filter((s): s is string => s !== undefined && s !== '');
  return { subjectPath: path, ...(codes.length > 0 ? { subjectCode: codes.join(' ') } : {}) };
};

const readItem = (ctx: NarrativeContext, start: number, end: number): MainExpenditureItem | undefined => {
  const text = ctx.joined.text;
  const itemText = text.slice(start, end);
  const m = ITEM_HEAD.exec(itemText);
  const ordinalText = m?.[1] ?? m?.[2] ?? m?.[3];
  const ordinal = ordinalText !== undefined ? parseCountText(ordinalText) : undefined;
  if (!m || ordinal === undefined || m[4] === undefined || m[5] === undefined || m[6] === undefined) {
    ctx.sink.warning('item-unreadable', `无法读取财政拨款支出主要内容条目：「${itemText.slice(0, 40)}」`, locate(ctx, start));
    return undefined;
  }
  const field = `财政拨款支出主要内容.${ordinal}`;
  const amount = moneyAt(ctx, m[5], m[6], start + groupOffset(m, 5), field);
  if (!amount) return undefined;
  const afterAmount = m[0].length;
  const purposeMatch = /^[，,]?主要用于([^。]*)/d.exec(itemText.slice(afterAmount));
  const purpose = purposeMatch?.[1]?.replace(/[，,；;]$/, '');
  // Later years compare each item with last year's execution (`2023年当年预算执行数为60.13万元，…`).
  const priorM = PRIOR_EXECUTION.exec(itemText.slice(afterAmount));
  let priorAmount: MoneyFigure | undefined;
  if (priorM?.[2] !== undefined && priorM[3] !== undefined) {
    priorAmount = moneyAt(ctx, priorM[2], priorM[3], start + afterAmount + groupOffset(priorM, 2), `${field}.上年执行数`);
  }
  const currentM = CURRENT_RESTATED.exec(itemText.slice(afterAmount));
  let currentAmount: MoneyFigure | undefined;
  if (currentM?.[2] !== undefined && currentM[3] !== undefined) {
    currentAmount = moneyAt(ctx, currentM[2], currentM[3], start + afterAmount + groupOffset(currentM, 2), `${field}.本年预算安排`);
  }
  let change: MainExpenditureItem['change'];
  const rest = itemText.slice(afterAmount);
  const cmp = COMPARISON_START.exec(rest);
  if (cmp) {
    const read = readChangeAt(ctx, start + afterAmount + cmp.index, {
      field,
      ...(priorAmount ? { priorAmount } : {}),
    });
    change = read && currentAmount ? { ...read.change, currentAmount } : read?.change;
  }
  return {
    ordinal,
    subject: m[4],
    ...readSubject(m[4]),
    amount,
    ...(purpose ? { purpose } : {}),
    ...(change ? { change } : {}),
    line: ctx.joined.lineAt(start),
  };
};

const readMainItems = (ctx: NarrativeContext, from: number): MainExpenditureItem[] => {
  const text = ctx.joined.text;
  const starts: number[] = [];
  ITEM_START.lastIndex = from;
  for (let m = ITEM_START.exec(text); m; m = ITEM_START.exec(text)) starts.push(m.index);
  const items: MainExpenditureItem[] = [];
  starts.forEach((s, i) => {
    const item = readItem(ctx, s, starts[i + 1] ?? text.length);
    if (item) items.push(item);
  });
  items.forEach((item, i) => {
    if (item.ordinal !== i + 1) {
      ctx.sink.warning('item-sequence-gap', `财政拨款支出主要内容第 ${i + 1} 项的序号为 ${item.ordinal}`, locate(ctx, 0), {
        expected: i + 1,
        found: item.ordinal,
      });
    }
  });
  return items;
};

const sentenceBlock = (ctx: NarrativeContext, s: { text: string; start: number }): TextBlock =>
  textAt(ctx, s.text.trim(), s.start);

export const readExplanation = (ctx: NarrativeContext): BudgetExplanation => {
  const text = ctx.joined.text;
  const marker = MAIN_ITEMS_MARKER.exec(text);
  const preEnd = marker ? marker.index : text.length;

  const revenueTotal = amountWithChange(ctx, REVENUE_TOTAL, 0, preEnd, '收入预算');
  const expenditureTotal = amountWithChange(ctx, EXPENDITURE_TOTAL, revenueTotal?.end ?? 0, preEnd, '支出预算');
  const revenueFrom = revenueTotal?.end ?? 0;
  const revenueTo = expenditureTotal?.start ?? preEnd;
  const revenueParts: NamedAmount[] = [];
  for (const [name, re] of REVENUE_PARTS) {
    const a = amountWithChange(ctx, re, revenueFrom, revenueTo, `收入预算.${name}`);
    if (a) revenueParts.push({ name, amount: a.amount, ...(a.change ? { change: a.change } : {}) });
  }
  const expFrom = expenditureTotal?.end ?? revenueTo;
  const fiscal = amountWithChange(ctx, FISCAL_EXPENDITURE, expenditureTotal?.start ?? revenueTo, preEnd, '财政拨款支出预算');
  const fiscalParts: NamedAmount[] = [];
  for (const [name, re] of FISCAL_PARTS) {
    const a = amountWithChange(ctx, re, fiscal?.end ?? expFrom, preEnd, `财政拨款支出预算.${name}`);
    if (a) fiscalParts.push({ name, amount: a.amount, ...(a.change ? { change: a.change } : {}) });
  }

  const pre = sentences(text, 0, preEnd);
  const reasonSentence =
    pre.find((s) => /的主要原因(?:是|为)/.test(s.text)) ?? pre.find((s) => /主要原因(?:是|为)/.test(s.text));
  const newDepartment = pre.find((s) => /新成立|新组建|新设立/.test(s.text) && /无上年|没有上年/.test(s.text));

  const strip = (a: (NarrativeAmount & { end: number; start: number }) | undefined): NarrativeAmount | undefined =>
    a ? { amount: a.amount, ...(a.change ? { change: a.change } : {}) } : undefined;
  const revenue = strip(revenueTotal);
  const expenditure = strip(expenditureTotal);
  const fiscalAmount = strip(fiscal);

  if (!revenue) ctx.sink.warning('figure-missing', '编制说明中未找到收入预算总额', locate(ctx, 0), { field: '收入预算' });
  if (!expenditure) ctx.sink.warning('figure-missing', '编制说明中未找到支出预算总额', locate(ctx, 0), { field: '支出预算' });
  if (!fiscalAmount) ctx.sink.warning('figure-missing', '编制说明中未找到财政拨款支出预算', locate(ctx, 0), { field: '财政拨款支出预算' });

  // The four sources and the three 财政拨款 parts are stated even when zero; a missing one means a damaged sentence.
  if (revenue) {
    for (const [name] of REVENUE_PARTS) {
      if (!revenueParts.some((p) => p.name === name)) ctx.sink.warning('figure-missing', `编制说明中未找到“${name}”`, locate(ctx, revenueTotal?.start ?? 0), { field: `收入预算.${name}` });
    }
  }
  if (fiscalAmount) {
    for (const [name] of FISCAL_PARTS) {
      if (!fiscalParts.some((p) => p.name === name)) ctx.sink.warning('figure-missing', `编制说明中未找到“${name}”`, locate(ctx, fiscal?.start ?? 0), { field: `财政拨款支出预算.${name}` });
    }
  }

  let mainItems: MainExpenditureItem[] = [];
  if (marker) {
    mainItems = readMainItems(ctx, marker.index + marker[0].length);
    if (mainItems.length === 0) ctx.sink.warning('items-missing', '“财政拨款支出主要内容”下未读到任何条目', locate(ctx, marker.index));
  } else {
    ctx.sink.warning('items-missing', '编制说明中未找到“财政拨款支出主要内容”', locate(ctx, 0));
  }

  return {
    text: textAt(ctx, formatParagraphs(text), 0),
    ...(revenue ? { revenueTotal: revenue } : {}),
    revenueParts,
    ...(expenditure ? { expenditureTotal: expenditure } : {}),
    ...(fiscalAmount ? { fiscalExpenditure: fiscalAmount } : {}),
    fiscalExpenditureParts: fiscalParts,
    ...(reasonSentence ? { changeReason: sentenceBlock(ctx, reasonSentence) } : {}),
    ...(newDepartment ? { newDepartmentStatement: sentenceBlock(ctx, newDepartment) } : {}),
    mainItems,
  };
};
