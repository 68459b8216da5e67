/**
 * Checks live: derive the document from the draft, run the rule catalogue on it, and add the
 * authoring rules only a draft has (a reason left empty, a template remnant in the officer's
 * words, a code whose name is not the year's, an indicator target outside the grammar). Pure and
 * fast enough to run on every keystroke (bench/authoring.ts).
 */
import { checkDocuments } from '#checks/index.ts';
import type { Finding, Severity } from '#domain/index.ts';
import { checkCodeName } from './codes.ts';
import { deriveBudgetDisclosure, type DerivedDocument } from './derive.ts';
import { FISCAL_SOURCES, FUNDING_SOURCES, type BudgetDraft } from './draft.ts';
import { aggregate, pick } from './aggregate.ts';
import { mainItemKey } from './narrative.ts';
import { checkTarget } from './targets.ts';
import { belongsTo } from '#reference/indicator-taxonomy.ts';

export interface AuthoringRuleInfo {
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
}

export const AUTHORING_RULES: readonly AuthoringRuleInfo[] = [
  { id: 'authoring.reason-missing', severity: 'error', title: '变动原因未填写' },
  { id: 'authoring.template-remnant', severity: 'error', title: '留有模板残留文字' },
  { id: 'authoring.purpose-missing', severity: 'warning', title: '主要用途未填写' },
  { id: 'authoring.code-name', severity: 'error', title: '科目名称与当年分类科目不符' },
  { id: 'authoring.class-public', severity: 'error', title: '单位预算各类公用经费与基本支出、表8公用经费一致' },
  { id: 'authoring.indicator-target', severity: 'error', title: '绩效指标不符合指标体系或指标值书写规则' },
];

/** Wording left from a template: `增加（减少）`, `XX`, `××`, `…年…`. */
export const TEMPLATE_REMNANT = /增加[（(]减少[）)]|增长[（(]下降[）)]|减少[（(]增加[）)]|[XＸ]{2,}|×{2,}|＊{2,}|\*{2,}|某某|…{2,}|\.{3,}|待填写/;

const finding = (rule: string, message: string, location: Finding['location']): Finding => {
  const info = AUTHORING_RULES.find((r) => r.id === rule)!;
  return { rule, severity: info.severity, message, ...(location ? { location } : {}), figures: [] };
};

export const authoringFindings = (draft: BudgetDraft, derived: DerivedDocument): Finding[] => {
  const out: Finding[] = [];
  const lineOf = (key: string): number => derived.paragraphLines[key] ?? 1;
  const paragraphs = [...derived.narrative.explanation, ...derived.narrative.other];
  for (const p of paragraphs) {
    if (p.reasonMissing && p.reason) {
      out.push(finding('authoring.reason-missing', `“${p.text.replace(/主要原因是.*$/, '')}”后的主要原因尚未填写。`, { line: lineOf(p.key), section: 'explanation', field: `reason:${p.reason}` }));
    }
  }
  for (const [key, text] of Object.entries(draft.reasons)) {
    const m = text ? TEMPLATE_REMNANT.exec(text) : null;
    if (m) out.push(finding('authoring.template-remnant', `原因说明留有模板文字“${m[0]}”：${text.slice(0, 40)}`, { line: lineOf(`${key === 'fiscal' ? 'fiscal' : key === 'threePublic' ? 'three-public' : 'operating-costs'}-reason`), field: `reason:${key}` }));
  }
  for (const l of draft.lines) {
    const key = FISCAL_SOURCES.map((src) => mainItemKey(l.code, src)).find((k) => derived.paragraphLines[k] !== undefined);
    if (key === undefined) continue;
    if (!l.purpose?.trim()) out.push(finding('authoring.purpose-missing', `${l.code} ${l.names.at(-1) ?? ''}的主要用途尚未填写。`, { line: lineOf(key), section: 'explanation', row: l.code, field: `purpose:${l.code}` }));
    else {
      const m = TEMPLATE_REMNANT.exec(l.purpose);
      if (m) out.push(finding('authoring.template-remnant', `${l.code}的主要用途留有模板文字“${m[0]}”。`, { line: lineOf(key), row: l.code, field: `purpose:${l.code}` }));
    }
    l.names.forEach((name, i) => {
      const code = l.code.split(' ').slice(0, i + 1).join(' ');
      const c = checkCodeName('functional', draft.year, code, name);
      if (!c.ok) out.push(finding('authoring.code-name', `${c.message}。`, { line: lineOf(key), row: l.code, field: `name:${code}` }));
    });
  }
  for (const e of draft.economic) {
    e.names.forEach((name, i) => {
      const code = e.code.split(' ').slice(0, i + 1).join(' ');
      const c = checkCodeName('economic', draft.year, code, name);
      if (!c.ok) out.push(finding('authoring.code-name', `${c.message}。`, { line: 1, table: 8, row: e.code, field: `name:${code}` }));
    });
  }
  if (draft.level === 'unit') {
    // Table 1 of a unit budget splits each 类's basic expenditure into 人员经费 and 公用经费.
    const agg = aggregate(draft);
    let publicTotal = 0;
    for (const c of agg.codes) {
      if (c.level !== 1) continue;
      const basic = pick(c.sums, ['basic'], FUNDING_SOURCES);
      const pub = draft.classPublic[c.code] ?? 0;
      publicTotal += pub;
      if (pub > basic) out.push(finding('authoring.class-public', `${c.code} ${c.name}的公用经费大于其基本支出，人员经费将为负数。`, { line: 1, table: 1, row: c.name, column: '公用经费' }));
    }
    for (const code of Object.keys(draft.classPublic)) {
      if ((draft.classPublic[code] ?? 0) !== 0 && !agg.byCode.has(code)) out.push(finding('authoring.class-public', `${code} 已无支出科目，但仍填有公用经费。`, { line: 1, table: 1, row: code, column: '公用经费' }));
    }
    if (publicTotal !== agg.economicTotal.public) {
      out.push(finding('authoring.class-public', `表1各类公用经费合计与表8公用经费合计不一致（相差 ${((publicTotal - agg.economicTotal.public) / 100).toFixed(2)} 元）。`, { line: 1, table: 1, row: '支出总计', column: '公用经费' }));
    }
  }
  draft.projects.forEach((p, i) => {
    p.indicators.forEach((ind, j) => {
      if (!belongsTo(ind.level1, ind.level2)) {
        out.push(finding('authoring.indicator-target', `项目「${p.name}」指标“${ind.level3}”的二级指标“${ind.level2}”不属于一级指标“${ind.level1}”。`, { line: 1, section: 'projects', project: p.name, field: `indicator:${i}:${j}` }));
      }
      if (ind.level3.trim() === '') out.push(finding('authoring.indicator-target', `项目「${p.name}」第${j + 1}个指标没有写三级指标名称。`, { line: 1, section: 'projects', project: p.name, field: `indicator:${i}:${j}` }));
      const problem = checkTarget(ind.target);
      if (problem) out.push(finding('authoring.indicator-target', `项目「${p.name}」指标“${ind.level3}”的指标值${problem}`, { line: 1, section: 'projects', project: p.name, field: `indicator:${i}:${j}` }));
    });
  });
  return out;
};

export interface LiveResult {
  readonly derived: DerivedDocument;
  readonly findings: readonly Finding[];
  readonly errors: number;
}

/** Derive and check: what the editor shows after every change. */
export const recompute = (draft: BudgetDraft): LiveResult => {
  const derived = deriveBudgetDisclosure(draft);
  const findings = [
    ...checkDocuments([{ kind: 'budget-disclosure', document: derived.document, text: derived.text, name: 'draft' }]).map(({ document: _d, ...f }) => f),
    ...authoringFindings(draft, derived),
  ];
  return { derived, findings, errors: findings.filter((f) => f.severity === 'error').length };
};
