/**
 * Narrative paragraphs arrive wrapped at arbitrary widths, even in the middle of a number
 * (`…增加4,565.466768万` / `元`). Readers therefore match against the lines of a section joined
 * into one string, and map every character offset back to the source line it came from, so
 * provenance stays exact whatever the wrapping.
 */
import { isPageFurniture, type SourceLine } from '../text.ts';

export interface JoinedText {
  /** The lines joined without separators, layout spacing next to CJK text removed. */
  readonly text: string;
  /** 1-based source line of the character at `offset` (the last line for offsets past the end). */
  readonly lineAt: (offset: number) => number;
  /** First source line of the joined lines (0 when there were none). */
  readonly firstLine: number;
}

const NON_ASCII_SPACE = /\s+(?=[^\s -~])|(?<=[^\s -~])\s+/g;

/**
 * Layout whitespace of one line: runs collapse to one space, and spaces touching CJK text or
 * Chinese punctuation go (`行政单位 1 家` → `行政单位1家`), so spacing never changes meaning.
 */
export const normaliseNarrativeSpacing = (s: string): string =>
  s.replace(/\s+/g, ' ').replace(NON_ASCII_SPACE, '').trim();

export const joinLines = (lines: readonly SourceLine[]): JoinedText => {
  const starts: number[] = [];
  const nos: number[] = [];
  let text = '';
  for (const l of lines) {
    if (l.text === '' || isPageFurniture(l.text) || isPageFurniture(l.raw)) continue;
    const t = normaliseNarrativeSpacing(l.text);
    if (t === '') continue;
    starts.push(text.length);
    nos.push(l.no);
    text += t;
  }
  const lineAt = (offset: number): number => {
    if (nos.length === 0) return 0;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return nos[lo] ?? 0;
  };
  return { text, lineAt, firstLine: nos[0] ?? 0 };
};

/**
 * Readable form of a joined paragraph: a line break before each numbered item that follows the
 * end of a sentence (`。1、…`, `：（一）…`). Decided from the words alone, never from the source
 * wrapping, so the same document wrapped differently gives the same text.
 */
export const formatParagraphs = (joined: string): string =>
  joined
    .replace(/([。；：:;])(?=(?:\d{1,2}[、.．](?!\d)|[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、))/g, '$1\n')
    .trim();

/** Number grammar of the narrative: `8,496.652198`, `1298.7708`, `0.6`, `10`. */
export const NUM = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;

/** Money unit as written after a narrative figure. */
export const UNIT = '万元|元';

const CN_DIGITS: Readonly<Record<string, number>> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Whole counts as written: `7`, `七`, `十二`, `二十三`. Undefined for anything else. */
export const parseCountText = (raw: string): number | undefined => {
  const t = raw.trim();
  if (/^\d{1,9}$/.test(t)) return Number(t);
  if (!/^[零〇一二两三四五六七八九十百]+$/.test(t)) return undefined;
  let total = 0;
  let current = 0;
  for (const ch of t) {
    if (ch === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else {
      const d = CN_DIGITS[ch];
      if (d === undefined) return undefined;
      current = d;
    }
  }
  return total + current;
};

/** Count grammar: digits or Chinese numerals. */
export const COUNT = '\\d{1,9}|[零〇一二两三四五六七八九十百]{1,4}';
