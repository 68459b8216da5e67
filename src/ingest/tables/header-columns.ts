/**
 * A classification table's columns as its header prints them. The standard columns
 * (TABLE_COLUMNS) are what most documents print; a header that names other columns (上年结转,
 * 上缴上级支出 …) or fewer of them decides the table's columns instead, so figures are placed
 * against what the page shows rather than against a fixed list.
 */
import { TABLE_COLUMNS, type TableNumber } from '#domain/index.ts';
import { CLASSIFICATION_COLUMN_VOCABULARY } from '#reference/disclosure-vocabulary.ts';
import { squash } from '../text.ts';

/**
 * Header cells wrapped over lines, put back together by position: a word printed below another
 * that it overlaps horizontally continues that word's cell (`财政拨` / `款收入`, `事业单位` /
 * `经营收入`). Positions are the characters' offsets in the source line, which is how
 * column-aligned converters print them; lines with tabs say nothing by position and are skipped.
 */
export const stackedCells = (raws: readonly string[]): string[] => {
  const cells: { start: number; end: number; text: string }[] = [];
  for (const raw of raws) {
    if (raw.includes('\t')) continue;
    for (const m of raw.replace(/\f/g, ' ').matchAll(/\S+/g)) {
      const start = m.index;
      const end = start + m[0].length;
      const above = [...cells].reverse().find((c) => c.start < end && start < c.end);
      if (above) {
        above.text += m[0];
        above.start = Math.min(above.start, start);
        above.end = Math.max(above.end, end);
      } else cells.push({ start, end, text: m[0] });
    }
  }
  return cells.map((c) => c.text);
};

const isClassificationTable = (n: TableNumber): n is 2 | 3 | 5 | 6 | 7 | 8 => n === 2 || n === 3 || (n >= 5 && n <= 8);

/**
 * The columns named by the header lines, in the template's order; undefined when the header does not
 * name them clearly (then the standard columns hold). Header words are matched on the joined
 * header, so a header cell wrapped over lines (`事业单位经营收` / `入`) reads whole.
 */
export const readHeaderColumns = (n: TableNumber, headerTexts: readonly string[], headerRaw: readonly string[] = []): readonly string[] | undefined => {
  if (!isClassificationTable(n)) return undefined;
  // Header lines of a page-break repeat say the same again: the first block is enough, but the
  // words are found by first position, so repeats do not reorder anything.
  let header = squash(headerTexts.join(''));
  // Group titles above the columns and the row headers are not columns (`项目` / `支出预算` squashed
  // reads `项目支出预算`, which must not pass for the 项目支出 column).
  header = header
    .replace(/项目(?=(?:收入|支出)预算)/g, '  ')
    .replace(/收入预算|支出预算|(?:功能|经济)分类科目(?:编码|名称)?|科目(?:编码|名称)|类款项?/g, (m) => ' '.repeat(m.length));
  // Which columns, not where: converters stack a wrapped header cell above and below the line
  // (`事业单位` … `经营收入`), so the joined text does not keep the printed order. The vocabulary
  // lists columns in the template's order, which is the order they are printed in.
  const texts = [header, ...stackedCells(headerRaw)];
  const columns = CLASSIFICATION_COLUMN_VOCABULARY[n].filter((v) => texts.some((t) => v.header.test(t))).map((v) => v.column);
  // A header naming its total and at least one part is read; anything less is not a header we can trust.
  if (columns[0] !== '合计' || columns.length < 2) return undefined;
  const standard = TABLE_COLUMNS[n];
  return columns.length === standard.length && columns.every((c, i) => c === standard[i]) ? standard : columns;
};
