/**
 * What changed between two drafts (two versions, or a draft and its 上年): every leaf amount,
 * reason, purpose and project that differs, labelled as a reviewer names it.
 */
import type { Fen } from '#domain/index.ts';
import { lineTotal } from './aggregate.ts';
import { FUNDING_SOURCE_NAMES, LINE_FIELDS, THREE_PUBLIC_FIELDS, type BudgetDraft, type DraftIndicator, type FundingSource, type LineField, type ReasonKey } from './draft.ts';

export interface DraftChange {
  /** Where: `201 41 01 行政运行 · 基本支出 · 一般公共预算`, `“三公”经费 · 公务接待费`, `原因 · 财政拨款`. */
  readonly label: string;
  readonly kind: 'amount' | 'text' | 'added' | 'removed';
  readonly before?: Fen | string;
  readonly after?: Fen | string;
}

export const FIELD_LABEL = (f: LineField): string => {
  const [k, s] = f.split('.') as ['basic' | 'project', FundingSource];
  return `${k === 'basic' ? '基本支出' : '项目支出'} · ${FUNDING_SOURCE_NAMES[s]}`;
};

const THREE_PUBLIC_LABEL: Readonly<Record<string, string>> = {
  abroad: '因公出国(境)费',
  reception: '公务接待费',
  vehiclePurchase: '公务用车购置费',
  vehicleOperation: '公务用车运行费',
  operatingCosts: '机关运行经费',
};
const REASON_LABEL: Readonly<Record<ReasonKey, string>> = { fiscal: '财政拨款收支变动', threePublic: '“三公”经费变动', operatingCosts: '机关运行经费变动' };

export const diffDrafts = (a: BudgetDraft, b: BudgetDraft): DraftChange[] => {
  const out: DraftChange[] = [];
  const aLines = new Map(a.lines.map((l) => [l.code, l]));
  const bLines = new Map(b.lines.map((l) => [l.code, l]));
  for (const [code, l] of aLines) if (!bLines.has(code)) out.push({ label: `${code} ${l.names.at(-1) ?? ''}`, kind: 'removed', before: lineTotal(l) });
  for (const [code, l] of bLines) {
    const old = aLines.get(code);
    const name = `${code} ${l.names.at(-1) ?? ''}`;
    if (!old) {
      out.push({ label: name, kind: 'added', after: lineTotal(l) });
      continue;
    }
    for (const f of LINE_FIELDS) {
      const x = (old.amounts[f] ?? 0) as Fen;
      const y = (l.amounts[f] ?? 0) as Fen;
      if (x !== y) out.push({ label: `${name} · ${FIELD_LABEL(f)}`, kind: 'amount', before: x, after: y });
    }
    if ((old.purpose ?? '') !== (l.purpose ?? '')) out.push({ label: `${name} · 主要用途`, kind: 'text', before: old.purpose ?? '', after: l.purpose ?? '' });
  }
  const aEco = new Map(a.economic.map((e) => [e.code, e]));
  for (const e of b.economic) {
    const old = aEco.get(e.code);
    const name = `表8 ${e.code} ${e.names.at(-1) ?? ''}`;
    if (!old) {
      out.push({ label: name, kind: 'added', after: (e.personnel + e.public) as Fen });
      continue;
    }
    if (old.personnel !== e.personnel) out.push({ label: `${name} · 人员经费`, kind: 'amount', before: old.personnel, after: e.personnel });
    if (old.public !== e.public) out.push({ label: `${name} · 公用经费`, kind: 'amount', before: old.public, after: e.public });
  }
  for (const e of a.economic) if (!b.economic.some((x) => x.code === e.code)) out.push({ label: `表8 ${e.code} ${e.names.at(-1) ?? ''}`, kind: 'removed', before: (e.personnel + e.public) as Fen });
  for (const f of THREE_PUBLIC_FIELDS) {
    if (a.threePublic[f] !== b.threePublic[f]) out.push({ label: `表9 · ${THREE_PUBLIC_LABEL[f]}`, kind: 'amount', before: a.threePublic[f], after: b.threePublic[f] });
  }
  for (const f of ['goods', 'works', 'services'] as const) {
    const x = (a.procurement?.[f] ?? 0) as Fen;
    const y = (b.procurement?.[f] ?? 0) as Fen;
    if (x !== y) out.push({ label: `政府采购 · ${f === 'goods' ? '货物' : f === 'works' ? '工程' : '服务'}`, kind: 'amount', before: x, after: y });
  }
  for (const k of Object.keys(REASON_LABEL) as ReasonKey[]) {
    if ((a.reasons[k] ?? '') !== (b.reasons[k] ?? '')) out.push({ label: `原因 · ${REASON_LABEL[k]}`, kind: 'text', before: a.reasons[k] ?? '', after: b.reasons[k] ?? '' });
  }
  const aProjects = new Map(a.projects.map((p) => [p.name, p]));
  for (const p of b.projects) {
    const old = aProjects.get(p.name);
    if (!old) out.push({ label: `项目「${p.name}」`, kind: 'added', after: p.amount });
    else {
      if (old.amount !== p.amount) out.push({ label: `项目「${p.name}」 · 金额`, kind: 'amount', before: old.amount, after: p.amount });
      for (const key of new Set([...Object.keys(old.parts), ...Object.keys(p.parts)])) {
        if ((old.parts[key] ?? '') !== (p.parts[key] ?? '')) out.push({ label: `项目「${p.name}」 · ${key}`, kind: 'text', before: old.parts[key] ?? '', after: p.parts[key] ?? '' });
      }
      const show = (i: DraftIndicator): string => `${i.level1}/${i.level2}/${i.level3} ${i.target}`;
      const was = old.indicators.map(show).join('；');
      const now = p.indicators.map(show).join('；');
      if (was !== now) out.push({ label: `项目「${p.name}」 · 绩效指标`, kind: 'text', before: was, after: now });
    }
  }
  for (const p of a.projects) if (!b.projects.some((x) => x.name === p.name)) out.push({ label: `项目「${p.name}」`, kind: 'removed', before: p.amount });
  return out;
};

/** A draft against last year: each line's 合计 beside its 上年 (lines started from last year carry it). */
export const againstPriorYear = (d: BudgetDraft): { code: string; name: string; prior: Fen; current: Fen }[] =>
  d.lines
    .filter((l) => l.prior !== undefined || lineTotal(l) !== 0)
    .map((l) => ({ code: l.code, name: l.names.at(-1) ?? '', prior: (l.prior ?? 0) as Fen, current: lineTotal(l) }))
    .filter((r) => r.prior !== r.current);
