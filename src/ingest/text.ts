/**
 * Source text → normalised lines, keeping each line's 1-based number in the source.
 *
 * Converters wrap the same words in different furniture: markdown headings and bullets,
 * HTML tags, LaTeX fragments, full-width digits, form feeds, leader dots. Readers work on
 * the normalised `text` and report `no` so every figure points back at the source line.
 */

export interface SourceLine {
  /** 1-based line number in the source text. */
  readonly no: number;
  /** The line exactly as in the source. */
  readonly raw: string;
  /** Furniture removed, full-width ASCII folded, trimmed; internal spacing (tabs, runs of spaces) kept. */
  readonly text: string;
}

const LATEX_SYMBOLS: ReadonlyArray<[RegExp, string]> = [
  [/\\geq?(?![a-z])/g, '≥'],
  [/\\leq?(?![a-z])/g, '≤'],
  [/\\%/g, '%'],
  [/\\times(?![a-z])/g, '×'],
  [/\\cdot(?![a-z])/g, '·'],
  [/\\[,;:! ]/g, ''],
  [/\\text\{([^}]*)\}/g, '$1'],
  [/\\mathrm\{([^}]*)\}/g, '$1'],
];

/** `$\geq 85.00\%$` → `≥85.00%`. */
export const stripLatex = (s: string): string =>
  // Most lines hold no `$`: skip the pass (same result, one cheap scan).
  !s.includes('$')
    ? s
    : s.replace(/\$([^$]*)\$/g, (_m, body: string) => {
    let t = body;
    for (const [re, rep] of LATEX_SYMBOLS) t = t.replace(re, rep);
    return t.replace(/[{}]/g, '').replace(/\s+/g, '');
      });

/** Drop HTML tags and decode the few entities converters emit. Block tags become a tab (a cell boundary). */
export const stripHtml = (s: string): string =>
  // Tags need `<` and entities `&`: plain lines (nearly all) skip the seven passes.
  !s.includes('<') && !s.includes('&')
    ? s
    : s
        .replace(/<\/?(?:p|div|td|th|tr|br|li)\b[^>]*>/gi, '\t')
        .replace(/<[^>]+>/g, '')
        .replace(/&nbsp;/g, ' ')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&')
        .replace(/&quot;/g, '"');

/** Signs folded besides the full-width ASCII letters and digits (which shift by 0xfee0). */
const FOLDED_SIGNS: Readonly<Record<string, string>> = {
  '．': '.',
  '％': '%',
  '＝': '=',
  '＞': '>',
  '＜': '<',
  '≧': '≥',
  '≦': '≤',
  '\u3000': ' ',
  '\u00a0': ' ',
};
// One pass over the line: no folded character maps onto another folded one, so the order of the
// foldings never mattered and a single alternation gives the same result as one pass per sign.
const FULL_WIDTH_RE = /[０-９Ａ-Ｚａ-ｚ．％＝＞＜≧≦\u3000\u00a0]/g;

/** Full-width ASCII letters, digits and a few signs → half-width. Chinese punctuation (，。（）) is kept. */
export const foldFullWidth = (s: string): string =>
  s.replace(FULL_WIDTH_RE, (c) => FOLDED_SIGNS[c] ?? String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** Markdown furniture at line start: `#`…, `- `, `* `, `> `, and `**bold**` / `\*` escapes. */
export const stripMarkdown = (s: string): string => {
  // `- 25 -` is a page number, not a bullet.
  if (/^\s*[-—–]\s*\d{1,4}\s*[-—–]\s*$/.test(s)) return s.trim();
  let t = s.replace(/^\s*#{1,6}\s+/, '').replace(/^\s*(?:[-*+]|>)\s+/, '');
  // Bold and escapes need `**` / `\\`: skip the scans on the (usual) lines without them.
  if (t.includes('**')) t = t.replace(/\*\*([^*]+)\*\*/g, '$1');
  if (t.includes('\\')) t = t.replace(/\\([*_#\\[\]()`-])/g, '$1');
  return t;
};

/** A markdown rule / setext underline / table separator line. */
export const isRuleLine = (s: string): boolean => /^\s*(?:[-=*_]{3,}|\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?)\s*$/.test(s);

/**
 * Every character some step below rewrites or keys on (form feed, CR, HTML, LaTeX, the folded
 * full-width forms, markdown and rule marks, pipes). Most lines of a document hold none of them
 * and only need trimming. Keep in step with the steps of normaliseLine.
 */
const FURNITURE_CHARS = /[\f\r<&$０-９Ａ-Ｚａ-ｚ．％＝＞＜≧≦\u3000\u00a0#*+>\\|=_-]/;

export const normaliseLine = (raw: string): string => {
  if (!FURNITURE_CHARS.test(raw)) return raw.trim();
  let t = raw.includes('\f') ? raw.replace(/\f/g, '') : raw;
  if (t.endsWith('\r')) t = t.slice(0, -1);
  if (isRuleLine(t)) return '';
  t = stripHtml(t);
  t = stripLatex(t);
  t = foldFullWidth(t);
  t = stripMarkdown(t);
  // Markdown table pipes become cell boundaries.
  if (t.includes('|') && /^\s*\|.*\|\s*$/.test(t)) t = t.trim().slice(1, -1).replace(/\|/g, '\t');
  // `trim` removes exactly what `\s` matches (tabs included), without a regex scan of every position.
  return t.trim();
};

/** Split source text into numbered, normalised lines. Accepts `\n`, `\r\n`, `\r`, form feeds. */
export const toLines = (source: string): SourceLine[] =>
  source.split(/\r\n|\n|\r/).map((raw, i) => ({ no: i + 1, raw, text: normaliseLine(raw) }));

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff';
const CJK_SPACED = new RegExp(`([${CJK}（）()“”、])[ ]+(?=[${CJK}（）()“”、])`, 'g');

/** `定 期 巡 检 次 数` → `定期巡检次数`: drop single spaces between CJK characters. Only for text known to be one cell. */
export const collapseCjkSpaces = (s: string): string => s.replace(CJK_SPACED, '$1');

/** Remove all layout whitespace (for names and comparisons). */
export const squash = (s: string): string => s.replace(/\s+/g, '');

/** Cells of a line: split on tabs, or on runs of 2+ spaces when there are no tabs. */
export const splitCells = (text: string): string[] =>
  (text.includes('\t') ? text.split('\t') : text.split(/ {2,}/)).map((c) => c.trim());

/** Leader dots of a table of contents (`……`, `....`, `···`). */
export const isTocLine = (s: string): boolean => /(?:…{2,}|\.{4,}|·{4,}|—{4,})\s*\d*\s*$/.test(s);

/** Is this line only a page number or page furniture (`- 3 -`, `第 3 页`, `3`)? */
export const isPageFurniture = (s: string): boolean =>
  /^(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?|\d{1,3}|\d+\s*\/\s*\d+)$/.test(s.trim());
