/**
 * Figures read from a joined narrative section: money (万元 or 元, as written), counts, percents
 * and stated changes, each with provenance pointing at the source line where it starts.
 */
import {
  parseMoney,
  parsePercentHundredths,
  type ChangeDirection,
  type CountFigure,
  type DiagnosticSink,
  type MoneyFigure,
  type MoneyUnit,
  type PercentFigure,
  type SectionKind,
  type SourceLocation,
  type StatedChange,
  type TextBlock,
} from '#domain/index.ts';
import { NUM, parseCountText, type JoinedText } from './joined.ts';

export interface NarrativeContext {
  readonly joined: JoinedText;
  readonly section: SectionKind;
  readonly sink: DiagnosticSink;
}

export const locate = (ctx: NarrativeContext, offset: number, field?: string): SourceLocation => ({
  line: ctx.joined.lineAt(offset),
  section: ctx.section,
  ...(field !== undefined ? { field } : {}),
});

/** A money figure at `offset` of the joined text; reports `figure-unreadable` when the digits do not parse. */
export const moneyAt = (
  ctx: NarrativeContext,
  raw: string,
  unitText: string,
  offset: number,
  field?: string,
): MoneyFigure | undefined => {
  const unit: MoneyUnit = unitText === '元' ? '元' : '万元';
  const amount = parseMoney(raw, unit);
  const source = locate(ctx, offset, field);
  if (amount === undefined) {
    ctx.sink.error('figure-unreadable', `无法读取金额「${raw}${unit}」`, source, { raw, unit });
    return undefined;
  }
  return { amount, raw, unit, source };
};

export const countAt = (ctx: NarrativeContext, raw: string, offset: number, field?: string): CountFigure | undefined => {
  const value = parseCountText(raw);
  const source = locate(ctx, offset, field);
  if (value === undefined) {
    ctx.sink.error('figure-unreadable', `无法读取数量「${raw}」`, source, { raw });
    return undefined;
  }
  return { value, raw, source };
};

export const percentAt = (ctx: NarrativeContext, raw: string, offset: number, field?: string): PercentFigure | undefined => {
  const hundredths = parsePercentHundredths(raw);
  const source = locate(ctx, offset, field);
  if (hundredths === undefined) {
    ctx.sink.error('figure-unreadable', `无法读取百分比「${raw}%」`, source, { raw });
    return undefined;
  }
  return { hundredths, raw, source };
};

export const textAt = (ctx: NarrativeContext, text: string, offset: number, field?: string): TextBlock => ({
  text,
  source: locate(ctx, offset, field),
});

/** Offset of capture group `i` of a match made with the `d` flag. */
export const groupOffset = (m: RegExpExecArray, i: number): number => m.indices?.[i]?.[0] ?? m.index;

// ---------------------------------------------------------------------------------------------
// Stated changes

/**
 * `比2024年预算增加4,565.466768万元，增长116.13%`, `与2024年预算持平`, `比上年减少10万元`,
 * `比2023年预算执行数减少57.14%`, optionally followed by `，主要原因是…`. Anchored at the start
 * of the string given (the text right after an amount). Groups: 1 year, 2 basis word, 3 direction,
 * 4 number, 5 unit or %, 6 percent direction, 7 percent, 8 reason.
 */
const CHANGE_RE = new RegExp(
  String.raw`^[，,。；;]?(?:同比|与|比|较)(?:(\d{4})年度?|上年度?|上一年度?|去年)?(?:的)?(?:当年)?(预算执行数|执行数|预算数|预算)?(?:相比|比较)?[，,]?` +
    String.raw`(增加|减少|持平|增长|下降)(?:了)?(?:(${NUM})(万元|元|%))?` +
    String.raw`(?:[，,](?:同比)?(增长|下降|减少|增加)(${NUM})%)?` +
    String.raw`(?:[，,。；;]?(?:主要)?原因(?:是|为|主要是)[：:]?([^。；;]*))?`,
  'd',
);

const DIRECTIONS: readonly ChangeDirection[] = ['增加', '减少', '持平', '增长', '下降'];
const asDirection = (s: string | undefined): ChangeDirection | undefined =>
  DIRECTIONS.find((d) => d === s);

export interface ReadChangeOptions {
  readonly field?: string;
  readonly priorAmount?: MoneyFigure;
}

/** Read a stated change starting at `offset` of the joined text; undefined when none is stated there. */
export const readChangeAt = (
  ctx: NarrativeContext,
  offset: number,
  opts: ReadChangeOptions = {},
): { change: StatedChange; end: number } | undefined => {
  const rest = ctx.joined.text.slice(offset);
  const m = CHANGE_RE.exec(rest);
  if (!m) return undefined;
  const direction = asDirection(m[3]);
  if (direction === undefined) return undefined;
  const at = (i: number): number => offset + groupOffset(m, i);
  const field = opts.field;
  let amount: MoneyFigure | undefined;
  let percent: PercentFigure | undefined;
  if (m[4] !== undefined && m[5] !== undefined) {
    if (m[5] === '%') percent = percentAt(ctx, m[4], at(4), field);
    else amount = moneyAt(ctx, m[4], m[5], at(4), field);
  }
  const percentDirection = asDirection(m[6]);
  if (m[7] !== undefined) percent = percentAt(ctx, m[7], at(7), field);
  const reasonText = m[8]?.trim();
  const change: StatedChange = {
    ...(m[1] !== undefined ? { comparedYear: Number(m[1]) } : {}),
    basis: m[2] !== undefined && m[2].includes('执行') ? 'execution' : 'budget',
    direction,
    ...(amount ? { amount } : {}),
    ...(percent ? { percent } : {}),
    ...(percentDirection !== undefined && percentDirection !== direction ? { percentDirection } : {}),
    ...(reasonText ? { reason: textAt(ctx, reasonText, at(8), field) } : {}),
    ...(opts.priorAmount ? { priorAmount: opts.priorAmount } : {}),
    line: ctx.joined.lineAt(offset + m.index + (m[0].match(/^[，,。；;]/) ? 1 : 0)),
  };
  if ((direction === '增加' || direction === '减少' || direction === '增长' || direction === '下降') && !amount && !percent) {
    // `比2024年预算增加` with no size: a reviewer would ask by how much.
    ctx.sink.warning('change-incomplete', `变动“${direction}”未写明金额或百分比`, { line: change.line, section: ctx.section, ...(field !== undefined ? { field } : {}) });
  }
  return { change, end: offset + m[0].length };
};

/** A narrative amount (`<label>NUM万元`) plus the change stated right after it. */
export const AMOUNT_TAIL = String.raw`(?:为|是|合计|共计|总额为|总计)?(${NUM})(万元|元)`;
