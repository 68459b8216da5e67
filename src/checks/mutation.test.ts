/**
 * Mutation test: break one printed figure (or blank one line, swap one direction word, add one
 * typo) in the TEXT of a real document, read it again, check it again, and expect the rules meant
 * for that kind of break to fire at the place broken. Recall must be 100% on the mutations
 * generated; precision (new findings that point at the break / all new findings) is printed.
 *
 * Mutations the reader itself declines — it reports the mutated row's figures as unplaceable —
 * cannot be judged by the rules (they skip such rows by design) and are counted apart.
 */
import { describe, expect, it } from 'vitest';
import type { BudgetDisclosure, Finding, MoneyFigure, PerformanceDeclaration, RuleFamily, TableNumber } from '#domain/index.ts';
import { parseDocument } from '#ingest/detect.ts';
import { BUDGET_DISCLOSURES, PERFORMANCE_DECLARATIONS, readCorpus } from '../../test/corpus.ts';
import { checkDocuments, RULE_CATALOGUE, type CheckSubject } from './index.ts';
import { keyedAmounts } from './cross-year.ts';
import { matchMainItem } from './narrative.ts';

interface Mutation {
  readonly kind: 'table-figure' | 'narrative-figure' | 'blank-row' | 'direction-word' | 'typo' | 'form-figure';
  readonly line: number;
  readonly table?: TableNumber;
  readonly families: readonly RuleFamily[];
  /** The rule ids expected among on-target findings (any of them). */
  readonly rules?: readonly string[];
  readonly describe: string;
  readonly apply: (lines: string[]) => boolean;
}

const family = new Map(RULE_CATALOGUE.map((r) => [r.id, r.family] as const));

/** `3,644,486.31` + 3 units of its last printed digit → `3,644,486.34`, keeping the grouping style. */
export const bump = (raw: string, units = 3n): string => {
  const decimals = /\.(\d+)$/.exec(raw)?.[1]?.length ?? 0;
  const digits = raw.replace(/[,.]/g, '');
  const value = (BigInt(digits) + units).toString().padStart(decimals + 1, '0');
  const int = value.slice(0, value.length - decimals);
  const frac = value.slice(value.length - decimals);
  const grouped = raw.includes(',') ? int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : int;
  return decimals > 0 ? `${grouped}.${frac}` : grouped;
};

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replace the `index`-th standalone occurrence of a number on a line. */
const replaceNumber = (line: string, raw: string, index: number, next: string): string | undefined => {
  const re = new RegExp(`(?<![\\d,.])${escapeRe(raw)}(?![\\d])`, 'g');
  let i = 0;
  let out: string | undefined;
  line.replace(re, (m, offset: number) => {
    if (i++ === index) out = line.slice(0, offset) + next + line.slice(offset + m.length);
    return m;
  });
  return out;
};

const deterministicSample = <T>(xs: readonly T[], max: number): T[] => {
  if (xs.length <= max) return [...xs];
  const step = xs.length / max;
  return Array.from({ length: max }, (_, i) => xs[Math.floor(i * step)]!);
};

/** Table figures in reading order per line, so the k-th equal figure on a line is the k-th occurrence. */
const tableMutations = (doc: BudgetDisclosure, perTable: number): Mutation[] => {
  const byLine = new Map<number, MoneyFigure[]>();
  for (const t of doc.tables) for (const r of t.rows) for (const c of r.cells) if (c.figure) byLine.set(c.figure.source.line, [...(byLine.get(c.figure.source.line) ?? []), c.figure]);
  const out: Mutation[] = [];
  for (const t of doc.tables) {
    const figures = t.rows.flatMap((r) => r.cells.flatMap((c) => (c.figure && c.figure.amount !== 0 ? [c.figure] : [])));
    for (const f of deterministicSample(figures, perTable)) {
      const onLine = byLine.get(f.source.line) ?? [];
      const index = onLine.filter((x, i) => x.raw === f.raw && i < onLine.indexOf(f)).length;
      out.push({
        kind: 'table-figure',
        line: f.source.line,
        table: t.number,
        families: ['within-table', 'cross-table', 'narrative'],
        describe: `表${t.number} ${f.source.row ?? ''}「${f.source.column ?? ''}」${f.raw} → ${bump(f.raw)}`,
        apply: (lines) => {
          const l = lines[f.source.line - 1];
          const next = l === undefined ? undefined : replaceNumber(l, f.raw, index, bump(f.raw));
          if (next === undefined) return false;
          lines[f.source.line - 1] = next;
          return true;
        },
      });
    }
  }
  return out;
};

/**
 * Table figures sampled from the TEXT, not from the model: every line that reads as a
 * classification row (`201 41 01 行政运行 3,644,486.31 …`) and one of its printed figures. The
 * reader did not choose these, so a figure it failed to read is still broken and must be caught.
 */
const textRowMutations = (lines: readonly string[], max: number): Mutation[] => {
  const rows: { line: number; raw: string; index: number }[] = [];
  lines.forEach((l, i) => {
    if (!/^\s*\d{3}(?:[ \t]+\d{1,2}){0,2}[ \t]+[^\d\s]/.test(l)) return;
    const figures = [...l.matchAll(/(?<![\d,.])\d{1,3}(?:,\d{3})*\.\d{2}(?!\d)/g)].map((m) => m[0]);
    const nonZero = figures.map((raw, k) => ({ raw, k })).filter((f) => !/^0(?:\.0+)?$/.test(f.raw));
    const pick = nonZero[i % Math.max(1, nonZero.length)];
    if (pick) rows.push({ line: i + 1, raw: pick.raw, index: figures.slice(0, pick.k).filter((x) => x === pick.raw).length });
  });
  return deterministicSample(rows, max).map((r) => ({
    kind: 'table-figure' as const,
    line: r.line,
    families: ['within-table', 'cross-table', 'narrative'] as const,
    describe: `第${r.line}行（取自原文）${r.raw} → ${bump(r.raw)}`,
    apply: (ls: string[]) => {
      const l = ls[r.line - 1];
      const next = l === undefined ? undefined : replaceNumber(l, r.raw, r.index, bump(r.raw));
      if (next === undefined) return false;
      ls[r.line - 1] = next;
      return true;
    },
  }));
};

const narrativeFigures = (doc: BudgetDisclosure): MoneyFigure[] => {
  const out: MoneyFigure[] = [];
  const e = doc.explanation;
  for (const k of keyedAmounts(doc)) out.push(k.amount);
  // Items whose 科目 cannot be found in the tables have no counterpart to disagree with.
  for (const i of e?.mainItems ?? []) if (matchMainItem(doc, i).length > 0) out.push(i.amount);
  const oi = doc.otherInformation;
  if (oi.operatingCosts?.amount) out.push(oi.operatingCosts.amount);
  for (const f of [oi.procurement?.total, oi.procurement?.goods, oi.procurement?.services, oi.performanceTargets?.amount]) if (f) out.push(f);
  return out.filter((f) => f.unit === '万元');
};

/** A break well beyond rounding for a 万元 figure: 0.03万元 (300元), whatever the printed precision. */
const wanUnits = (raw: string): bigint => {
  const d = /\.(\d+)$/.exec(raw)?.[1]?.length ?? 0;
  return d >= 2 ? 3n * 10n ** BigInt(d - 2) : 3n;
};

const occurrences = (line: string, raw: string): number => (line.match(new RegExp(`(?<![\\d,.])${escapeRe(raw)}(?![\\d])`, 'g')) ?? []).length;

const narrativeMutations = (doc: BudgetDisclosure, lines: readonly string[], max: number): Mutation[] =>
  deterministicSample(
    // A figure printed twice on its line cannot be told apart from its twin: leave it.
    narrativeFigures(doc).filter((f) => occurrences(lines[f.source.line - 1] ?? '', f.raw) === 1),
    max,
  ).map((f) => ({
    kind: 'narrative-figure',
    line: f.source.line,
    families: ['narrative', 'cross-year'],
    describe: `${f.source.field ?? '说明'} ${f.raw}万元 → ${bump(f.raw, wanUnits(f.raw))}`,
    apply: (ls) => {
      const l = ls[f.source.line - 1];
      const next = l === undefined ? undefined : replaceNumber(l, f.raw, 0, bump(f.raw, wanUnits(f.raw)));
      if (next === undefined) return false;
      ls[f.source.line - 1] = next;
      return true;
    },
  }));

/** Blank one 项 row of tables 2, 3, 5 or 8: its 款 no longer adds up. */
const blankRowMutations = (doc: BudgetDisclosure, max: number): Mutation[] => {
  const rows = doc.tables
    .filter((t) => [2, 3, 5, 8].includes(t.number))
    .flatMap((t) =>
      t.rows
        .filter((r) => r.code && r.code.segments.length === (t.number === 8 ? 2 : 3) && r.cells.some((c) => (c.figure?.amount ?? 0) !== 0))
        .map((r) => ({ t, r })),
    )
    // Only rows alone on their line (tables 1 and 4 share lines between sides).
    .filter(({ r }, _i, all) => all.filter((x) => x.r.line === r.line).length === 1);
  return deterministicSample(rows, max).map(({ t, r }) => ({
    kind: 'blank-row',
    line: r.line,
    table: t.number,
    families: ['within-table', 'cross-table', 'narrative'],
    rules: ['table.parent-equals-children', 'table.total-row-equals-classes', 'cross.table2-code-equals-table3', 'cross.table3-equals-table5'],
    describe: `删除表${t.number}行「${r.name}」`,
    apply: (lines) => {
      lines[r.line - 1] = '';
      return true;
    },
  }));
};

/** Swap 增加 ↔ 减少 before a stated change amount that can be judged (a percent, a prior amount, or last year’s document). */
const directionMutations = (doc: BudgetDisclosure, withPrior: boolean): Mutation[] =>
  keyedAmounts(doc)
    .filter((k) => k.change?.amount && (k.change.percent || k.change.priorAmount || withPrior) && (k.change.direction === '增加' || k.change.direction === '减少'))
    .map((k) => {
      const c = k.change!;
      const line = c.amount!.source.line;
      const swap = c.direction === '增加' ? '减少' : '增加';
      return {
        kind: 'direction-word' as const,
        line,
        families: ['narrative', 'cross-year'] as const,
        describe: `${k.label}：${c.direction} → ${swap}`,
        apply: (lines: string[]) => {
          const l = lines[line - 1];
          if (l === undefined) return false;
          const re = new RegExp(`${c.direction}(\\s*)${escapeRe(c.amount!.raw)}`);
          if (re.test(l)) {
            lines[line - 1] = l.replace(re, `${swap}$1${c.amount!.raw}`);
            return true;
          }
          // The sentence wrapped between the word and the amount (`…比2024年预算增加` / `3,355.65万元`).
          const prev = lines[line - 2];
          const tail = new RegExp(`${c.direction}(\\s*)$`);
          if (prev === undefined || !tail.test(prev) || !l.trimStart().startsWith(c.amount!.raw)) return false;
          lines[line - 2] = prev.replace(tail, `${swap}$1`);
          return true;
        },
      };
    });

const typoMutations = (lines: readonly string[], doc: BudgetDisclosure | PerformanceDeclaration, max: number): Mutation[] => {
  const anchors =
    doc.kind === 'budget-disclosure'
      ? [doc.explanation?.text.source.line, ...(doc.explanation?.mainItems.map((i) => i.line) ?? []), ...doc.projects.map((p) => p.line)]
      : // Inside a project's text, not its heading (a heading with a typo may no longer read as one).
        doc.projects.map((p) => p.explanation?.parts.overview?.source.line ?? p.explanation?.parts.plan?.source.line);
  const candidates = anchors.filter((l): l is number => l !== undefined && /[\u4e00-\u9fff]{4}/.test(lines[l - 1] ?? '') && !/。。|XX/.test(lines[l - 1] ?? ''));
  return deterministicSample(candidates, max).flatMap((line, i) => [
    i % 2 === 0
      ? {
          kind: 'typo' as const,
          line,
          families: ['hygiene'] as const,
          rules: ['hygiene.doubled-punctuation'],
          describe: `第${line}行末尾加“。。”`,
          apply: (ls: string[]) => {
            ls[line - 1] = `${ls[line - 1]}。。`;
            return true;
          },
        }
      : {
          kind: 'typo' as const,
          line,
          families: ['hygiene'] as const,
          rules: ['hygiene.placeholder'],
          describe: `第${line}行插入“XXX”`,
          apply: (ls: string[]) => {
            ls[line - 1] = (ls[line - 1] ?? '').replace(/([\u4e00-\u9fff]{2})/, '$1XXX');
            return true;
          },
        },
  ]);
};

const formMutations = (doc: PerformanceDeclaration, max: number): Mutation[] => {
  const figs = doc.projects.flatMap((p) => [p.form?.funds.total, p.form?.funds.fiscal].filter((f): f is MoneyFigure => f !== undefined && f.amount !== 0));
  return deterministicSample(figs, max).map((f) => ({
    kind: 'form-figure',
    line: f.source.line,
    families: ['indicators', 'projects'],
    describe: `申报表 ${f.source.project ?? ''} ${f.source.field ?? ''} ${f.raw} → ${bump(f.raw)}`,
    apply: (lines) => {
      const l = lines[f.source.line - 1];
      const next = l === undefined ? undefined : replaceNumber(l, f.raw, 0, bump(f.raw, 300n));
      if (next === undefined) return false;
      lines[f.source.line - 1] = next;
      return true;
    },
  }));
};

const key = (f: Finding): string => [f.rule, f.location?.line, f.location?.table, f.location?.row, f.location?.column, f.location?.project, f.location?.field].join('|');

const subjectOf = (name: string, text: string, extra: Partial<CheckSubject> = {}): CheckSubject | undefined => {
  const p = parseDocument(text);
  if (p.kind === 'unknown') return undefined;
  return { kind: p.kind, document: p.document, name, text, diagnostics: p.diagnostics, ...extra } as CheckSubject;
};

const onTarget = (f: Finding, m: Mutation): boolean => {
  const points = [f.location, ...f.figures.map((x) => x.location)].filter((l) => l !== undefined);
  if (m.kind === 'blank-row') return points.some((l) => l.table === m.table);
  return points.some((l) => l.line === m.line && (m.table === undefined || l.table === undefined || l.table === m.table));
};

const declined = (subject: CheckSubject, m: Mutation): boolean =>
  (subject.diagnostics ?? []).some(
    (d) => /ambiguous|inconsistent|capped/.test(d.code) && (m.table === undefined || d.location?.table === m.table),
  ) || (subject.kind === 'budget-disclosure' && subject.document.tables.some((t) => t.rows.some((r) => r.line === m.line && (r.unplaced?.length ?? 0) > 0)));

interface Outcome {
  readonly doc: string;
  readonly mutation: Mutation;
  readonly detected: boolean;
  readonly onTarget: number;
  readonly stray: Finding[];
  readonly declined: boolean;
  /** The mutation found nothing to change: a generator bug, never silently skipped. */
  readonly notApplied?: boolean;
}

const runMutations = (name: string, text: string, mutations: readonly Mutation[], prior?: CheckSubject): Outcome[] => {
  const withPrior = (s: CheckSubject): CheckSubject[] => (prior ? [s, prior] : [s]);
  const base = subjectOf(name, text)!;
  const baseDiagnostics = new Set((base.diagnostics ?? []).map((d) => `${d.code}|${d.location?.table}`));
  const baseline = new Set(checkDocuments(withPrior(base)).map(key));
  const out: Outcome[] = [];
  for (const m of mutations) {
    const lines = text.split('\n');
    if (!m.apply(lines)) {
      out.push({ doc: name, mutation: m, detected: false, onTarget: 0, stray: [], declined: false, notApplied: true });
      continue;
    }
    const s = subjectOf(name, lines.join('\n'));
    if (!s) continue;
    const newDiagnostics = { ...s, diagnostics: (s.diagnostics ?? []).filter((d) => !baseDiagnostics.has(`${d.code}|${d.location?.table}`)) };
    const fresh = checkDocuments(withPrior(s)).filter((f) => !baseline.has(key(f)) && f.document === name);
    const hits = fresh.filter((f) => onTarget(f, m) && m.families.includes(family.get(f.rule)!) && (!m.rules || m.rules.includes(f.rule)));
    out.push({
      doc: name,
      mutation: m,
      detected: hits.length > 0,
      onTarget: fresh.filter((f) => onTarget(f, m)).length,
      stray: fresh.filter((f) => !onTarget(f, m)),
      declined: hits.length === 0 && declined(newDiagnostics, m),
    });
  }
  return out;
};

describe('mutation test on the corpus text', () => {
  it('catches every generated break at its place (recall 100%), printing precision', () => {
    const outcomes: Outcome[] = [];
    const parsed = new Map<string, CheckSubject>();
    for (const name of [...BUDGET_DISCLOSURES, ...PERFORMANCE_DECLARATIONS]) {
      const s = subjectOf(name, readCorpus(name));
      if (s) parsed.set(name, s);
    }
    for (const name of BUDGET_DISCLOSURES) {
      const s = parsed.get(name);
      if (!s || s.kind !== 'budget-disclosure') continue;
      const text = readCorpus(name);
      const lines = text.split('\n');
      // Putuo 2025 is checked against its 2024 document, so breaks of year-on-year figures count too.
      const priorName = name.replace('2025', '2024');
      const prior = priorName !== name ? parsed.get(priorName) : undefined;
      const ref = prior ? ({ ...prior, referenceOnly: true } as CheckSubject) : undefined;
      const ms = [
        ...tableMutations(s.document, 4),
        ...textRowMutations(lines, 12),
        ...narrativeMutations(s.document, lines, 8),
        ...blankRowMutations(s.document, 4),
        ...directionMutations(s.document, ref !== undefined),
        ...typoMutations(lines, s.document, 2),
      ];
      outcomes.push(...runMutations(name, text, ms, ref));
    }
    for (const name of PERFORMANCE_DECLARATIONS) {
      const s = parsed.get(name);
      if (!s || s.kind !== 'performance-declaration') continue;
      const text = readCorpus(name);
      outcomes.push(...runMutations(name, text, [...formMutations(s.document, 8), ...typoMutations(text.split('\n'), s.document, 2)]));
    }

    const notApplied = outcomes.filter((o) => o.notApplied);
    const applied = outcomes.filter((o) => !o.notApplied);
    const judged = applied.filter((o) => !o.declined);
    const detected = judged.filter((o) => o.detected);
    const onTargetCount = judged.reduce((n, o) => n + o.onTarget, 0);
    const strayCount = judged.reduce((n, o) => n + o.stray.length, 0);
    const recall = judged.length === 0 ? 1 : detected.length / judged.length;
    const precision = onTargetCount + strayCount === 0 ? 1 : onTargetCount / (onTargetCount + strayCount);
    const byKind = new Map<string, [number, number]>();
    for (const o of judged) {
      const [d, n] = byKind.get(o.mutation.kind) ?? [0, 0];
      byKind.set(o.mutation.kind, [d + (o.detected ? 1 : 0), n + 1]);
    }
    console.log(
      `mutation test: ${outcomes.length} mutations, ${outcomes.length - judged.length} declined by the reader; ` +
        `recall ${(recall * 100).toFixed(1)}% (${detected.length}/${judged.length}), precision ${(precision * 100).toFixed(1)}% ` +
        `(${onTargetCount} findings at the break, ${strayCount} elsewhere); by kind: ${[...byKind].map(([k, [d, n]]) => `${k} ${d}/${n}`).join(', ')}`,
    );
    const declinedByKind = new Map<string, number>();
    for (const o of outcomes.filter((x) => x.declined)) declinedByKind.set(`${o.doc.split('-').slice(0, 2).join('-')} ${o.mutation.kind}`, (declinedByKind.get(`${o.doc.split('-').slice(0, 2).join('-')} ${o.mutation.kind}`) ?? 0) + 1);
    console.log(`  declined by the reader: ${[...declinedByKind].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`);
    for (const o of outcomes.filter((x) => x.declined)) console.log(`  declined: ${o.doc} 第${o.mutation.line}行 ${o.mutation.describe}`);
    for (const o of judged.filter((x) => !x.detected)) console.log(`  missed: ${o.doc} 第${o.mutation.line}行 ${o.mutation.describe}`);
    for (const o of judged.filter((x) => x.stray.length > 0).slice(0, 10))
      console.log(`  stray after ${o.doc} ${o.mutation.describe}: ${o.stray.map((f) => `${f.rule}@${f.location?.line}`).join(', ')}`);
    expect(outcomes.length).toBeGreaterThan(0);
    // Every generated mutation must change the text: a generator that quietly skips proves nothing.
    expect(notApplied.map((o) => `${o.doc}:${o.mutation.line} ${o.mutation.describe}`)).toEqual([]);
    // The reader may decline a few (it reports the broken row as unplaceable): at most 5%.
    expect(applied.length - judged.length).toBeLessThanOrEqual(Math.max(2, Math.floor(applied.length / 20)));
    expect(judged.filter((o) => !o.detected).map((o) => `${o.doc}:${o.mutation.line} ${o.mutation.describe}`)).toEqual([]);
    // Precision: findings caused by a break point at the break, not elsewhere.
    expect(precision).toBeGreaterThanOrEqual(0.95);
  }, 600_000);
});
