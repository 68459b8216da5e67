/**
 * Where a reviewer's comment on the submitted document shows in the draft editor (issue 13: "a
 * returned draft shows its comments beside the cells"). The submitted document is derived from
 * the draft, so a cell of a functional table (2, 3, 5, 6, 7) whose row is one of the draft's leaf
 * lines is that leaf's row in the lines grid; a table-8 cell on a leaf economic line is that line's
 * row; a table-9 cell names one of the five 三公/机关运行 figures by its column. Everything else (款,
 * 类 and 合计 rows, tables 1 and 4, lines of the text, findings, the whole document) is listed at the
 * top of the editor with its anchor label. Pure: the page renders what this answers.
 */
import type { BudgetDraft, ThreePublicFigures } from '#authoring/draft.ts';
import type { ReviewComment } from '#store/review.ts';

export interface PlacedComments {
  /** By functional leaf code (`201 03 01`). */
  readonly lines: ReadonlyMap<string, readonly ReviewComment[]>;
  /** By economic leaf code (`301 01`). */
  readonly economic: ReadonlyMap<string, readonly ReviewComment[]>;
  readonly threePublic: ReadonlyMap<keyof ThreePublicFigures, readonly ReviewComment[]>;
  /** Not beside any editable row: shown in the list at the top. */
  readonly listed: readonly ReviewComment[];
}

/** Tables whose rows are the functional classification (the lines grid's rows). */
const FUNCTIONAL_TABLES: ReadonlySet<number> = new Set([2, 3, 5, 6, 7]);

const normalize = (s: string): string => s.replace(/（/g, '(').replace(/）/g, ')').replace(/\s+/g, '');

const THREE_PUBLIC_COLUMNS: Readonly<Record<string, keyof ThreePublicFigures>> = {
  [normalize('因公出国(境)费')]: 'abroad',
  [normalize('公务接待费')]: 'reception',
  [normalize('公务用车购置费')]: 'vehiclePurchase',
  [normalize('公务用车运行费')]: 'vehicleOperation',
  [normalize('机关运行经费')]: 'operatingCosts',
};

/** A row key as the document page writes it (`201 03 01`), from any spacing (`2010301`, `201-03-01`). */
const codeKey = (row: string): string => {
  const digits = row.replace(/[\s\-.]/g, '');
  if (!/^\d{3}(?:\d{2}){0,2}$/.test(digits)) return row.trim();
  return [digits.slice(0, 3), digits.slice(3, 5), digits.slice(5, 7)].filter((s) => s !== '').join(' ');
};

const push = <K>(m: Map<K, ReviewComment[]>, k: K, c: ReviewComment): void => {
  m.set(k, [...(m.get(k) ?? []), c]);
};

export const placeComments = (comments: readonly ReviewComment[], draft: BudgetDraft): PlacedComments => {
  const leafLines = new Set(draft.lines.map((l) => codeKey(l.code)));
  const leafEconomic = new Set(draft.economic.map((e) => codeKey(e.code)));
  const lines = new Map<string, ReviewComment[]>();
  const economic = new Map<string, ReviewComment[]>();
  const threePublic = new Map<keyof ThreePublicFigures, ReviewComment[]>();
  const listed: ReviewComment[] = [];
  for (const c of comments) {
    const a = c.anchor;
    if (a.kind === 'cell') {
      const key = codeKey(a.row);
      if (FUNCTIONAL_TABLES.has(a.table) && leafLines.has(key)) {
        push(lines, key, c);
        continue;
      }
      if (a.table === 8 && leafEconomic.has(key)) {
        push(economic, key, c);
        continue;
      }
      const field = a.table === 9 ? THREE_PUBLIC_COLUMNS[normalize(a.column)] : undefined;
      if (field !== undefined) {
        push(threePublic, field, c);
        continue;
      }
    }
    listed.push(c);
  }
  return { lines, economic, threePublic, listed };
};
