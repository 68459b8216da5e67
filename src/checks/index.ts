/**
 * The rule catalogue and the engine. Each family file exports its rules (data + pure function);
 * the engine runs every rule on the subjects it applies to (one budget disclosure, one
 * declaration, any document, or a prior/current pair of the same department) and stamps each
 * finding with its rule id, severity and document. It never branches on a particular rule.
 */
import type { BudgetDisclosure, Diagnostic, Finding, PerformanceDeclaration, Severity } from '#domain/index.ts';
import { CLASSIFICATION_RULES } from './classification.ts';
import { CROSS_TABLE_RULES } from './cross-table.ts';
import { CROSS_YEAR_RULES } from './cross-year.ts';
import { HYGIENE_RULES } from './hygiene.ts';
import { INDICATOR_RULES } from './indicators.ts';
import { NARRATIVE_RULES } from './narrative.ts';
import { PROJECT_RULES } from './projects.ts';
import { textFacts, type AnyContext, type BudgetContext, type DeclarationContext, type FindingDraft, type Rule, type RuleInfo } from './rule.ts';
import { WITHIN_TABLE_RULES } from './within-table.ts';

export type { RuleInfo } from './rule.ts';

/** One document to check, with an optional name (file path or store id) used in findings. */
export type CheckSubject = (
  | { readonly kind: 'budget-disclosure'; readonly document: BudgetDisclosure; readonly name?: string }
  | { readonly kind: 'performance-declaration'; readonly document: PerformanceDeclaration; readonly name?: string }
) & {
  /** The source text, for text rules (placeholders, punctuation, years) and precise lines. */
  readonly text?: string;
  /** The reader's diagnostics: rows it flagged as ambiguous are left out of arithmetic. */
  readonly diagnostics?: readonly Diagnostic[];
  /** Use this document only as last year's reference for another one: report nothing on it. */
  readonly referenceOnly?: boolean;
  /** Name of the subject that is this one's prior year (overrides matching by department and year). */
  readonly priorName?: string;
};

export const RULES: readonly Rule[] = [
  ...WITHIN_TABLE_RULES,
  ...CROSS_TABLE_RULES,
  ...NARRATIVE_RULES,
  ...PROJECT_RULES,
  ...INDICATOR_RULES,
  ...CLASSIFICATION_RULES,
  ...HYGIENE_RULES,
  ...CROSS_YEAR_RULES,
];

export const RULE_CATALOGUE: readonly RuleInfo[] = RULES.map(({ id, family, severity, title, explanation }) => ({ id, family, severity, title, explanation }));

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 2, warning: 1, info: 0 };

const stamp = (rule: Rule, document: string | undefined, drafts: readonly FindingDraft[]): Finding[] =>
  drafts.map(({ severity, ...d }) => ({
    rule: rule.id,
    // A draft may soften its rule's severity (a conditional identity), never raise it.
    severity: severity !== undefined && SEVERITY_RANK[severity] < SEVERITY_RANK[rule.severity] ? severity : rule.severity,
    ...d,
    ...(document !== undefined ? { document } : {}),
  }));

/** A rule that throws is a bug in the rule; report it as a finding rather than losing the others. */
const runSafely = (rule: Rule, run: () => readonly FindingDraft[]): readonly FindingDraft[] => {
  try {
    return run();
  } catch (err) {
    return [{ message: `规则 ${rule.id} 执行出错：${err instanceof Error ? err.message : String(err)}`, figures: [], severity: 'info' }];
  }
};

interface Prepared {
  readonly subject: CheckSubject;
  readonly any: AnyContext;
  readonly budget?: BudgetContext;
  readonly declaration?: DeclarationContext;
}

const prepare = (subject: CheckSubject): Prepared => {
  const facts = textFacts(subject.text, subject.diagnostics);
  const any: AnyContext = { ...facts, kind: subject.kind, year: subject.document.header.year, document: subject.document };
  if (subject.kind === 'budget-disclosure') return { subject, any, budget: { ...facts, document: subject.document } };
  return { subject, any, declaration: { ...facts, document: subject.document } };
};

/** `上海市普陀区人民政府万里街道办事处（部门）` and `…办事处` are one department. */
export const departmentKey = (name: string | undefined): string =>
  (name ?? '').replace(/\s+/g, '').replace(/[（(](?:部门|本部|单位)[）)]/g, '');

/** Pairs (current, prior): explicit `priorName`, else same department and the year before. */
export const pairSubjects = (subjects: readonly CheckSubject[]): [number, number][] => {
  const pairs: [number, number][] = [];
  subjects.forEach((s, i) => {
    if (s.kind !== 'budget-disclosure' || s.referenceOnly) return;
    if (s.priorName !== undefined) {
      const j = subjects.findIndex((o) => o.name === s.priorName && o.kind === 'budget-disclosure');
      if (j >= 0 && j !== i) pairs.push([i, j]);
      return;
    }
    const year = s.document.header.year;
    const dept = departmentKey(s.document.header.department);
    if (year === undefined || dept === '') return;
    const j = subjects.findIndex(
      (o, k) => k !== i && o.kind === 'budget-disclosure' && o.document.header.year === year - 1 && departmentKey(o.document.header.department) === dept,
    );
    if (j >= 0) pairs.push([i, j]);
  });
  return pairs;
};

/**
 * Check documents together: each on its own, and consecutive years of the same department
 * against each other (prior documents may also be passed in `subjects`).
 */
export const checkDocuments = (subjects: readonly CheckSubject[]): Finding[] => {
  const prepared = subjects.map(prepare);
  const findings: Finding[] = [];
  prepared.forEach((p) => {
    if (p.subject.referenceOnly) return;
    const name = p.subject.name;
    for (const rule of RULES) {
      if (rule.on === 'budget' && p.budget) findings.push(...stamp(rule, name, runSafely(rule, () => rule.check(p.budget!))));
      else if (rule.on === 'declaration' && p.declaration) findings.push(...stamp(rule, name, runSafely(rule, () => rule.check(p.declaration!))));
      else if (rule.on === 'any') findings.push(...stamp(rule, name, runSafely(rule, () => rule.check(p.any))));
    }
  });
  for (const [i, j] of pairSubjects(subjects)) {
    const current = prepared[i]!;
    const prior = prepared[j]!;
    if (!current.budget || !prior.budget) continue;
    for (const rule of RULES) {
      if (rule.on !== 'pair') continue;
      findings.push(...stamp(rule, current.subject.name, runSafely(rule, () => rule.check({ current: current.budget!, prior: prior.budget! }))));
    }
  }
  return findings;
};
