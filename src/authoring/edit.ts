/**
 * Pure edit operations on a draft: each returns a new draft, the old one untouched (versions
 * and undo keep references to earlier drafts).
 */
import { ZERO_FEN, type Fen } from '#domain/index.ts';
import type { BudgetDraft, DraftIndicator, EconomicLine, FunctionalLine, LineField, ReasonKey, ThreePublicFigures } from './draft.ts';

export const setLineAmount = (draft: BudgetDraft, code: string, field: LineField, amount: Fen): BudgetDraft => ({
  ...draft,
  lines: draft.lines.map((l) => {
    if (l.code !== code) return l;
    const amounts = { ...l.amounts };
    if (amount === 0) delete amounts[field];
    else amounts[field] = amount;
    return { ...l, amounts };
  }),
});

export const setEconomicAmount = (draft: BudgetDraft, code: string, field: 'personnel' | 'public', amount: Fen): BudgetDraft => ({
  ...draft,
  economic: draft.economic.map((e) => (e.code === code ? { ...e, [field]: amount } : e)),
});

export const setThreePublic = (draft: BudgetDraft, field: keyof ThreePublicFigures, amount: Fen): BudgetDraft => ({
  ...draft,
  threePublic: { ...draft.threePublic, [field]: amount },
});

export const setClassPublic = (draft: BudgetDraft, classCode: string, amount: Fen): BudgetDraft => ({
  ...draft,
  classPublic: { ...draft.classPublic, [classCode]: amount },
});

export const setReason = (draft: BudgetDraft, key: ReasonKey, text: string): BudgetDraft => ({ ...draft, reasons: { ...draft.reasons, [key]: text } });

export const setPurpose = (draft: BudgetDraft, code: string, purpose: string): BudgetDraft => ({
  ...draft,
  lines: draft.lines.map((l) => (l.code === code ? { ...l, purpose } : l)),
});

const byCode = <T extends { readonly code: string }>(xs: readonly T[]): T[] => [...xs].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

/** Add a functional line (names from the catalogue, see `codes.ts`); refused when the code is already a line or a parent of one. */
export const addLine = (draft: BudgetDraft, line: Omit<FunctionalLine, 'amounts'>): BudgetDraft => {
  if (draft.lines.some((l) => l.code === line.code || l.code.startsWith(`${line.code} `) || line.code.startsWith(`${l.code} `))) return draft;
  return { ...draft, lines: byCode([...draft.lines, { ...line, amounts: {} }]) };
};

export const removeLine = (draft: BudgetDraft, code: string): BudgetDraft => ({ ...draft, lines: draft.lines.filter((l) => l.code !== code) });

export const addEconomicLine = (draft: BudgetDraft, line: Pick<EconomicLine, 'code' | 'names'>): BudgetDraft => {
  if (draft.economic.some((e) => e.code === line.code)) return draft;
  return { ...draft, economic: byCode([...draft.economic, { ...line, personnel: ZERO_FEN, public: ZERO_FEN }]) };
};

export const setProjectAmount = (draft: BudgetDraft, index: number, amount: Fen): BudgetDraft => ({
  ...draft,
  projects: draft.projects.map((p, i) => (i === index ? { ...p, amount } : p)),
});

export const setProjectField = (draft: BudgetDraft, index: number, patch: { readonly name?: string; readonly part?: { readonly key: string; readonly text: string } }): BudgetDraft => ({
  ...draft,
  projects: draft.projects.map((p, i) =>
    i !== index ? p : { ...p, ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.part ? { parts: { ...p.parts, [patch.part.key]: patch.part.text } } : {}) },
  ),
});

export const addProject = (draft: BudgetDraft, name: string): BudgetDraft => ({
  ...draft,
  projects: [...draft.projects, { name, amount: ZERO_FEN, parts: {}, indicators: [] }],
});

export const removeProject = (draft: BudgetDraft, index: number): BudgetDraft => ({ ...draft, projects: draft.projects.filter((_, i) => i !== index) });

export const addIndicator = (draft: BudgetDraft, project: number, indicator: DraftIndicator): BudgetDraft => ({
  ...draft,
  projects: draft.projects.map((p, i) => (i === project ? { ...p, indicators: [...p.indicators, indicator] } : p)),
});

export const setIndicator = (draft: BudgetDraft, project: number, index: number, patch: Partial<DraftIndicator>): BudgetDraft => ({
  ...draft,
  projects: draft.projects.map((p, i) => (i === project ? { ...p, indicators: p.indicators.map((ind, j) => (j === index ? { ...ind, ...patch } : ind)) } : p)),
});

export const removeIndicator = (draft: BudgetDraft, project: number, index: number): BudgetDraft => ({
  ...draft,
  projects: draft.projects.map((p, i) => (i === project ? { ...p, indicators: p.indicators.filter((_, j) => j !== index) } : p)),
});

export const setProcurement = (draft: BudgetDraft, field: 'goods' | 'works' | 'services', amount: Fen): BudgetDraft => ({
  ...draft,
  procurement: { goods: ZERO_FEN, works: ZERO_FEN, services: ZERO_FEN, ...draft.procurement, [field]: amount },
});
