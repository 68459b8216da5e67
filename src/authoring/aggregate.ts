/**
 * Every sum the derived tables and the narrative need, computed once from a draft's leaves in
 * integer 分: per functional code at every level (类, 款, 项) per field, per economic code, per
 * source and in total. Both `derive.ts` and `narrative.ts` read figures only from here.
 */
import { addFen, ZERO_FEN, type Fen } from '#domain/index.ts';
import { FUNDING_SOURCES, LINE_FIELDS, lineAmount, type BudgetDraft, type FundingSource, type LineField, type SpendingKind } from './draft.ts';

export type FieldSums = Record<LineField, Fen>;

export interface CodeSums {
  readonly code: string;
  readonly name: string;
  readonly level: number;
  readonly sums: FieldSums;
}

export interface EconomicSums {
  readonly code: string;
  readonly name: string;
  readonly level: number;
  personnel: Fen;
  public: Fen;
}

export interface Aggregate {
  /** Functional codes at every level, in classification order (a parent before its children). */
  readonly codes: readonly CodeSums[];
  readonly byCode: ReadonlyMap<string, CodeSums>;
  readonly total: FieldSums;
  readonly economic: readonly EconomicSums[];
  readonly economicTotal: { readonly personnel: Fen; readonly public: Fen };
}

const emptySums = (): FieldSums => Object.fromEntries(LINE_FIELDS.map((f) => [f, ZERO_FEN])) as FieldSums;

const addInto = (target: FieldSums, amounts: Partial<Record<LineField, Fen>>): void => {
  for (const f of LINE_FIELDS) {
    const a = amounts[f];
    if (a !== undefined && a !== 0) target[f] = addFen(target[f], a);
  }
};

const compareCodes = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const aggregate = (draft: BudgetDraft): Aggregate => {
  const byCode = new Map<string, { code: string; name: string; level: number; sums: FieldSums }>();
  const total = emptySums();
  for (const line of draft.lines) {
    const segs = line.code.split(' ');
    for (let i = 1; i <= segs.length; i++) {
      const code = segs.slice(0, i).join(' ');
      let entry = byCode.get(code);
      if (!entry) {
        entry = { code, name: line.names[i - 1] ?? '', level: i, sums: emptySums() };
        byCode.set(code, entry);
      }
      addInto(entry.sums, line.amounts);
    }
    addInto(total, line.amounts);
  }
  const codes = [...byCode.values()].sort((a, b) => compareCodes(a.code, b.code));

  const eco = new Map<string, EconomicSums>();
  let personnel = ZERO_FEN;
  let pub = ZERO_FEN;
  for (const line of draft.economic) {
    const segs = line.code.split(' ');
    for (let i = 1; i <= segs.length; i++) {
      const code = segs.slice(0, i).join(' ');
      let entry = eco.get(code);
      if (!entry) {
        entry = { code, name: line.names[i - 1] ?? '', level: i, personnel: ZERO_FEN, public: ZERO_FEN };
        eco.set(code, entry);
      }
      entry.personnel = addFen(entry.personnel, line.personnel);
      entry.public = addFen(entry.public, line.public);
    }
    personnel = addFen(personnel, line.personnel);
    pub = addFen(pub, line.public);
  }
  const economic = [...eco.values()].sort((a, b) => compareCodes(a.code, b.code));
  return { codes, byCode, total, economic, economicTotal: { personnel, public: pub } };
};

/** Sum of some fields of one code's sums. */
export const pick = (sums: FieldSums, kinds: readonly SpendingKind[], sources: readonly FundingSource[]): Fen => {
  let s = ZERO_FEN;
  for (const k of kinds) for (const src of sources) s = addFen(s, sums[`${k}.${src}`]);
  return s;
};

export const ALL_KINDS: readonly SpendingKind[] = ['basic', 'project'];
export const ALL_SOURCES: readonly FundingSource[] = FUNDING_SOURCES;

/** The line's 合计 (all sources, basic + project). */
export const lineTotal = (line: BudgetDraft['lines'][number]): Fen => {
  let s = ZERO_FEN;
  for (const f of LINE_FIELDS) s = addFen(s, lineAmount(line, f));
  return s;
};
