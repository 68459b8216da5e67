/**
 * The indicator table of a performance form (一级 → 二级 → 三级 → 指标值), read from a stream of
 * cells so that it does not matter how a converter laid the rows out.
 *
 *   1. Cells split over lines are rejoined by vocabulary (a middle piece of a cell wrapped over
 *      three lines grows its head first): a fragment that ends a category, the
 *      frame label or a header (`出 指 标`, `本指标`, `响指标`, `标`) is joined to the nearest
 *      earlier cell that starts it (`产`, `成`, `可持续影`), also across other cells, because a
 *      wrapped row prints the rest of every cell on the next line. A cell holding two columns'
 *      fragments (`绩 成`) is split first.
 *   2. The stream is then read as categories followed by (三级, 指标值) pairs. Categories are
 *      recognised by the taxonomy, whatever column they sit in: a 二级 tells its 一级, a 一级 with a
 *      二级 that is not its own is kept and reported.
 *   3. When the pairs fall out of step — a value where a 三级 name belongs (a row that lost its
 *      target cell, or whose columns shifted) — the reader re-pairs the value with the nearest
 *      name and says the pairing is ambiguous; a name followed by a category has no value.
 */
import type { DiagnosticSink, Indicator, SourceLocation } from '#domain/index.ts';
import { ALL_CATEGORY_NAMES, belongsTo, isLegacyPlacement, isLevel1Name, isLevel2Name, level1Of } from '#reference/indicator-taxonomy.ts';
import { INDICATOR_FRAME, INDICATOR_HEADERS } from '#reference/declaration-vocabulary.ts';
import { collapseCjkSpaces } from '../text.ts';
import { looksLikeValue, normaliseTarget } from '../indicator-target.ts';
import type { Cell } from './breakdown-table.ts';

const FRAME = INDICATOR_FRAME;
const HEADERS = INDICATOR_HEADERS.map((h) => h.text);
const VOCABULARY = [...ALL_CATEGORY_NAMES, ...FRAME, ...HEADERS];

const norm = (s: string): string => s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');

const isName = (t: string): boolean => VOCABULARY.includes(t);
const isProperPrefix = (t: string): boolean => t.length >= 1 && VOCABULARY.some((v) => v.length > t.length && v.startsWith(t));
const isProperSuffix = (t: string): boolean => t.length >= 1 && VOCABULARY.some((v) => v.length > t.length && v.endsWith(t));
/** A piece that can only be the tail of a category, frame or header (`指标`, `出指标`, `标`). */
const isTailFragment = (t: string): boolean => isProperSuffix(t) && !isProperPrefix(t) && !isName(t);

/** A short piece from the middle of a wrapped category (`象满意` of `服务对` / `象满意` / `度指标`): neither its head nor its tail. */
const isMiddleFragment = (t: string): boolean =>
  t.length >= 1 && t.length <= 4 && !isName(t) && !isProperPrefix(t) && !isProperSuffix(t) && VOCABULARY.some((v) => v.includes(t));

/** A category written only in part, when the part is short enough not to be a 三级 name (`产`, `数量指`, `经济成本`). */
const categoryByPrefix = (t: string): string | undefined => {
  if (!(t.length <= 4 || t.endsWith('指'))) return undefined;
  const matches = ALL_CATEGORY_NAMES.filter((n) => n.length > t.length && n.startsWith(t));
  const unique = [...new Set(matches)];
  return unique.length === 1 ? unique[0] : undefined;
};

interface StreamCell {
  text: string;
  norm: string;
  readonly line: number;
  consumed: boolean;
}

/** `绩 成` (two columns' fragments printed in one cell) → `绩`, `成`. */
const splitMixedFragments = (c: Cell): StreamCell[] => {
  const n = norm(c.text);
  const tokens = c.text.trim().split(/\s+/);
  const fragment = (t: string): boolean => isName(t) || isProperPrefix(t) || isProperSuffix(t);
  if (tokens.length > 1 && !fragment(n) && tokens.every(fragment)) {
    return tokens.map((t) => ({ text: t, norm: t, line: c.line, consumed: false }));
  }
  return [{ text: c.text.trim(), norm: n, line: c.line, consumed: false }];
};

const mergeFragments = (cells: StreamCell[]): void => {
  const WINDOW = 10;
  cells.forEach((cell, i) => {
    if (isMiddleFragment(cell.norm)) {
      // A cell wrapped over three lines (`服务对` / `象满意` / `度指标`): the middle piece grows its head.
      for (let j = i - 1; j >= Math.max(0, i - WINDOW); j--) {
        const head = cells[j];
        if (!head || head.consumed || isName(head.norm) || !isProperPrefix(head.norm)) continue;
        if (!isProperPrefix(head.norm + cell.norm)) continue;
        head.norm += cell.norm;
        head.text = head.norm;
        cell.consumed = true;
        return;
      }
      return;
    }
    if (!isTailFragment(cell.norm)) return;
    const tryMerge = (overlap: boolean): boolean => {
      for (let j = i - 1; j >= Math.max(0, i - WINDOW); j--) {
        const head = cells[j];
        if (!head || head.consumed || isName(head.norm) || !isProperPrefix(head.norm)) continue;
        const joined = overlap
          ? head.norm.endsWith(cell.norm.slice(0, 1)) && isName(head.norm + cell.norm.slice(1))
            ? head.norm + cell.norm.slice(1)
            : undefined
          : isName(head.norm + cell.norm)
            ? head.norm + cell.norm
            : undefined;
        if (joined) {
          head.norm = joined;
          head.text = joined;
          cell.consumed = true;
          return true;
        }
      }
      return false;
    };
    if (!tryMerge(false) && !tryMerge(true)) cell.consumed = true; // an orphaned tail carries nothing
  });
};

/** How 三级 names end (`…完成率`, `…健全性`, `…次数`, `…满意度`, `…情况`): a name ending so is whole. */
const WHOLE_NAME_ENDING = /(?:率|性|数|度|量|次|额|费|费用|值|情况|时效|时间|时长|人次|成本|水平|效果|效率|指数|覆盖面|天)$/;

/** After a whole name, a short fragment continues a qualitative target cut short, not the name. */
const targetContinues = (last: Indicator): boolean =>
  last.raw.trim() !== '' && !('operator' in last.target) && !looksLikeValue(last.raw) && WHOLE_NAME_ENDING.test(last.level3);

export interface IndicatorTableContext {
  readonly locate: (line: number, field: string) => SourceLocation;
  readonly sink: DiagnosticSink;
}

type Pending = { readonly cell: StreamCell };

export const readIndicatorTable = (input: readonly Cell[], ctx: IndicatorTableContext): Indicator[] => {
  const cells = input.flatMap(splitMixedFragments);
  mergeFragments(cells);
  const stream = cells.filter((c) => !c.consumed && c.norm !== '');

  const out: Indicator[] = [];
  let level1 = '';
  let level2 = '';
  let previousWasLevel1 = false;
  let pending: Pending | undefined;

  const level3Text = (c: StreamCell): string => collapseCjkSpaces(c.text.replace(/\s+/g, ' ').trim());
  const emit = (l3: string, target: StreamCell | undefined, line: number): void => {
    if (level1 === '' || level2 === '') {
      ctx.sink.warning('indicator-category-unknown', `指标「${l3}」缺少${level1 === '' ? '一级' : '二级'}指标`, ctx.locate(line, '绩效指标'), {
        level3: l3,
      });
    }
    const raw = target?.text ?? '';
    out.push({ level1, level2, level3: l3, target: normaliseTarget(raw), raw, line });
  };
  const emitWithoutValue = (p: Pending): void => {
    ctx.sink.warning('indicator-value-missing', `指标「${level3Text(p.cell)}」没有指标值`, ctx.locate(p.cell.line, '年度指标值'), {
      level3: level3Text(p.cell),
    });
    emit(level3Text(p.cell), undefined, p.cell.line);
  };

  const categoryOf = (c: StreamCell): string | undefined => {
    if (isLevel1Name(c.norm) || isLevel2Name(c.norm)) return c.norm;
    return categoryByPrefix(c.norm);
  };

  const setCategory = (name: string, next: StreamCell | undefined, line: number): void => {
    const nextCategory = next ? categoryOf(next) : undefined;
    // 成本指标 is a 一级 today and was a 二级 under 产出指标 in older forms.
    const asLevel1 =
      isLevel1Name(name) &&
      !(isLegacyPlacement(level1, name) && !previousWasLevel1 && !(nextCategory && level1Of(nextCategory) === name));
    if (asLevel1) {
      level1 = name;
      level2 = '';
      previousWasLevel1 = true;
      return;
    }
    const parent = level1Of(name) ?? (belongsTo(level1, name) ? level1 : undefined);
    if (previousWasLevel1 && level1 !== '' && !belongsTo(level1, name)) {
      ctx.sink.warning('indicator-category-misplaced', `二级指标「${name}」不属于一级指标「${level1}」`, ctx.locate(line, '二级指标'), {
        level1,
        level2: name,
        expected: parent ?? '',
      });
    } else if (!previousWasLevel1 && !belongsTo(level1, name) && parent) {
      level1 = parent;
    }
    level2 = name;
    previousWasLevel1 = false;
  };

  for (let i = 0; i < stream.length; i++) {
    const c = stream[i];
    if (!c) continue;
    if (FRAME.includes(c.norm) || HEADERS.includes(c.norm)) continue;
    // Where a value is expected only a full category name ends the pair: `满意` is a value, not `满意度指标`.
    const category = pending ? (isLevel1Name(c.norm) || isLevel2Name(c.norm) ? c.norm : undefined) : categoryOf(c);
    if (pending) {
      if (category) {
        emitWithoutValue(pending);
        pending = undefined;
      } else {
        emit(level3Text(pending.cell), c, pending.cell.line);
        pending = undefined;
        continue;
      }
    }
    if (category) {
      setCategory(category, stream[i + 1], c.line);
      continue;
    }
    const unknownCategory = /指标$/.test(c.norm) && c.norm.length <= 10;
    if (looksLikeValue(c.text)) {
      // A value where a 三级 name belongs: the pairs above fell out of step.
      const last = out[out.length - 1];
      const lastCanBeName = last && !('operator' in last.target) && !looksLikeValue(last.raw) && last.raw !== '';
      ctx.sink.warning('indicator-value-ambiguous', `指标值「${c.text}」无法确定属于哪一个三级指标`, ctx.locate(c.line, '年度指标值'), {
        value: c.text,
        ...(lastCanBeName ? { level3: last.level3, reading: last.raw } : {}),
      });
      if (last && lastCanBeName) {
        out.pop();
        out.push({ ...last, target: { text: '' }, raw: '' });
        const name = collapseCjkSpaces(last.raw.replace(/\s+/g, ' ').trim());
        out.push({ level1: last.level1, level2: last.level2, level3: name, target: normaliseTarget(c.text), raw: c.text, line: c.line });
      } else emit('', c, c.line);
      previousWasLevel1 = false;
      continue;
    }
    if (unknownCategory) {
      ctx.sink.warning('indicator-category-unknown', `「${c.norm}」不是已知的绩效指标类别`, ctx.locate(c.line, '绩效指标'), { category: c.norm });
      const next = stream[i + 1];
      if (!previousWasLevel1 && next && isLevel2Name(next.norm)) {
        level1 = c.norm;
        level2 = '';
        previousWasLevel1 = true;
      } else {
        level2 = c.norm;
        previousWasLevel1 = false;
      }
      continue;
    }
    const last = out[out.length - 1];
    if (c.norm.length <= 2 && last && !previousWasLevel1) {
      if (targetContinues(last)) {
        // A qualitative target wrapped onto the next line (`控制于预算` / `内`) after a name that is whole.
        const raw = `${last.raw}${c.text.trim()}`;
        out.pop();
        out.push({ ...last, target: normaliseTarget(raw), raw });
        ctx.sink.info('indicator-fragment-joined', `「${c.norm}」接续三级指标「${last.level3}」的指标值「${last.raw}」`, ctx.locate(c.line, '年度指标值'), {
          fragment: c.norm,
        });
        continue;
      }
      // A 三级 name wrapped onto the next line (`设施设备应急制度健` / `全性`).
      out.pop();
      out.push({ ...last, level3: last.level3 + c.norm });
      ctx.sink.info('indicator-fragment-joined', `「${c.norm}」接续上一个三级指标「${last.level3}」`, ctx.locate(c.line, '三级指标'), {
        fragment: c.norm,
      });
      continue;
    }
    pending = { cell: c };
    previousWasLevel1 = false;
  }
  if (pending) emitWithoutValue(pending);
  return out;
};
