/**
 * Performance-target declarations (domain page §3; 财预〔2021〕101号): the funds table adds up,
 * the explanation agrees with its form, the header summary with the projects, the planned dates
 * lie in the budget year; the indicator table has all four 一级, each 二级 under its own 一级,
 * quantified outputs and satisfaction targets, percentages within 0–100, no duplicates, and
 * measures rather than vague words.
 */
import {
  formatTarget,
  isQuantified,
  sumFen,
  ZERO_FEN,
  type DeclaredProject,
  type Indicator,
  type MoneyFigure,
  type PerformanceForm,
  type SourceLocation,
} from '#domain/index.ts';
import { agreeBothRounded, computedFigure, figureOf, halfUnit, moneyMismatch } from './compare.ts';
import type { DeclarationContext, FindingDraft, Rule } from './rule.ts';

/** 一级 → its 二级 (domain page §3). */
export const INDICATOR_TAXONOMY: Readonly<Record<string, readonly string[]>> = {
  产出指标: ['数量指标', '质量指标', '时效指标', '成本指标'],
  效益指标: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'],
  满意度指标: ['服务对象满意度指标'],
  成本指标: ['经济成本指标', '社会成本指标', '生态环境成本指标'],
};
const LEVEL1 = Object.keys(INDICATOR_TAXONOMY);

/** `产 出 指 标`, `产出` → `产出指标`. */
export const canonicalLevel = (s: string): string => {
  const t = s.replace(/\s+/g, '');
  return t === '' || t.endsWith('指标') ? t : `${t}指标`;
};

const formLocation = (form: PerformanceForm, line?: number, field?: string): SourceLocation => ({
  line: line ?? form.line,
  section: 'performance-form',
  project: form.name,
  ...(field ? { field } : {}),
});

const indicatorLocation = (form: PerformanceForm, i: Indicator): SourceLocation => ({
  ...formLocation(form, i.line),
  field: `${canonicalLevel(i.level1)}/${canonicalLevel(i.level2)}/${i.level3.replace(/\s+/g, '')}`,
});

const forms = (ctx: DeclarationContext): { project: DeclaredProject; form: PerformanceForm }[] =>
  ctx.document.projects.flatMap((project) => (project.form ? [{ project, form: project.form }] : []));

const fundsTotal = (ctx: DeclarationContext): FindingDraft[] => {
  const out: FindingDraft[] = [];
  for (const { form } of forms(ctx)) {
    const f = form.funds;
    if (f.total && (f.fiscal || f.other)) {
      const sum = sumFen([f.fiscal?.amount ?? ZERO_FEN, f.other?.amount ?? ZERO_FEN]);
      if (sum !== f.total.amount) {
        out.push(
          moneyMismatch({
            message: `项目「${form.name}」申报表项目资金总额不等于财政资金与其他资金之和`,
            left: figureOf('项目资金总额', f.total),
            right: computedFigure('财政资金+其他资金', sum, (f.fiscal ?? f.other)?.source),
            location: { ...f.total.source, project: form.name },
          }),
        );
      }
    }
  }
  return out;
};

const annualFunds = (ctx: DeclarationContext): FindingDraft[] => {
  const out: FindingDraft[] = [];
  for (const { form } of forms(ctx)) {
    const f = form.funds;
    const parts = [f.annualFiscal, f.carryOver, f.annualOther];
    if (!f.annualTotal || parts.every((p) => !p)) continue;
    const sum = sumFen(parts.map((p) => p?.amount ?? ZERO_FEN));
    if (sum === f.annualTotal.amount) continue;
    out.push(
      moneyMismatch({
        message: `项目「${form.name}」申报表年度资金申请总额不等于当年财政拨款、上年结转资金与其他资金之和`,
        left: figureOf('年度资金申请总额', f.annualTotal),
        right: computedFigure('当年财政拨款+上年结转+其他资金', sum, f.annualFiscal?.source),
        location: { ...f.annualTotal.source, project: form.name },
      }),
    );
  }
  return out;
};

const formAmount = (form: PerformanceForm): MoneyFigure | undefined => form.funds.annualTotal ?? form.funds.total;

const explanationEqualsForm = (ctx: DeclarationContext): FindingDraft[] => {
  const out: FindingDraft[] = [];
  for (const { project, form } of forms(ctx)) {
    const e = project.explanation;
    const amount = formAmount(form);
    if (!e || !amount) continue;
    const stated: [string, MoneyFigure | undefined][] = [
      ['项目概述测算金额', e.estimatedAmount],
      ['年度预算安排金额', e.annualAmount],
    ];
    const seen = new Set<string>();
    for (const [label, fig] of stated) {
      if (!fig) continue;
      const key = `${fig.source.line}:${fig.raw}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (agreeBothRounded(fig, amount)) continue;
      out.push(
        moneyMismatch({
          message: `项目「${form.name}」经费情况说明中的${label}与申报表资金不一致`,
          left: figureOf(label, fig),
          right: figureOf(form.funds.annualTotal ? '申报表年度资金申请总额' : '申报表项目资金总额', amount),
          location: { ...fig.source, project: form.name },
        }),
      );
    }
  }
  return out;
};

const summaryEqualsProjects = (ctx: DeclarationContext): FindingDraft[] => {
  const s = ctx.document.summary;
  if (!s) return [];
  const out: FindingDraft[] = [];
  const fs = forms(ctx);
  const count = Math.max(fs.length, ctx.document.projects.length);
  if (s.projects && s.projects.value !== count) {
    out.push({
      message: `绩效目标设置情况称编报项目${s.projects.raw}个，文件中实有${count}个项目。`,
      location: s.projects.source,
      figures: [
        { label: '所称项目数', raw: s.projects.raw, unit: '个', location: s.projects.source },
        { label: '实有项目数', raw: String(count), unit: '个' },
      ],
    });
  }
  const amounts = fs.map(({ form }) => formAmount(form));
  if (s.amount && amounts.length > 0 && amounts.every((a) => a !== undefined)) {
    const sum = sumFen(amounts.map((a) => a!.amount));
    const tol = halfUnit(s.amount);
    if (Math.abs(sum - s.amount.amount) > tol) {
      out.push(
        moneyMismatch({
          message: '绩效目标设置情况所称项目预算资金不等于各申报表资金之和',
          left: figureOf('所称项目预算资金', s.amount),
          right: computedFigure(`${amounts.length}张申报表资金之和`, sum),
          location: s.amount.source,
        }),
      );
    }
  }
  return out;
};

const plannedDatesInYear = (ctx: DeclarationContext): FindingDraft[] => {
  const out: FindingDraft[] = [];
  for (const { form } of forms(ctx)) {
    const year = form.year ?? ctx.document.header.year;
    if (year === undefined) continue;
    const bad = [
      ['计划开始日期', form.plannedStart],
      ['计划完成日期', form.plannedEnd],
    ].filter(([, d]) => d !== undefined && Number(d.slice(0, 4)) !== year) as [string, string][];
    if (bad.length === 0) continue;
    out.push({
      message: `项目「${form.name}」申报表的${bad.map(([l, d]) => `${l}${d}`).join('、')}不在${year}年度内。`,
      location: formLocation(form, undefined, bad[0]![0]),
      figures: bad.map(([label, d]) => ({ label, raw: d, location: formLocation(form, undefined, label) })),
    });
  }
  return out;
};

const allLevel1Present = (ctx: DeclarationContext): FindingDraft[] => {
  const out: FindingDraft[] = [];
  for (const { form } of forms(ctx)) {
    if (form.indicators.length === 0) continue;
    const present = new Set(form.indicators.map((i) => canonicalLevel(i.level1)));
    const missing = LEVEL1.filter((l) => !present.has(l));
    if (missing.length === 0) continue;
    out.push({
      message: `项目「${form.name}」的绩效指标缺少一级指标：${missing.join('、')}（财预〔2021〕101号要求产出、效益、满意度、成本四类指标）。`,
      location: formLocation(form, form.indicators[0]?.line),
      figures: [],
    });
  }
  return out;
};

const level2UnderLevel1 = (ctx: DeclarationContext): FindingDraft[] => {
  const out: FindingDraft[] = [];
  for (const { form } of forms(ctx)) {
    for (const i of form.indicators) {
      const l1 = canonicalLevel(i.level1);
      const l2 = canonicalLevel(i.level2);
      const allowed = INDICATOR_TAXONOMY[l1];
      if (allowed?.includes(l2)) continue;
      out.push({
        message: allowed
          ? `项目「${form.name}」的二级指标“${l2}”不属于一级指标“${l1}”（应为：${allowed.join('、')}）。`
          : `项目「${form.name}」的一级指标“${l1 || '（空）'}”不是规定的一级指标（${LEVEL1.join('、')}）。`,
        location: indicatorLocation(form, i),
        figures: [{ label: '三级指标', raw: i.level3.replace(/\s+/g, ''), location: indicatorLocation(form, i) }],
      });
    }
  }
  return out;
};

const hasNumber = (i: Indicator): boolean => isQuantified(i.target) || /[≥≤=<>]\s*\d|\d/.test(formatTarget(i.target));

const quantifiedOutputs = (ctx: DeclarationContext): FindingDraft[] => {
  const out: FindingDraft[] = [];
  for (const { form } of forms(ctx)) {
    const outputs = form.indicators.filter((i) => canonicalLevel(i.level1) === '产出指标');
    if (outputs.length === 0) continue;
    const quantity = outputs.filter((i) => canonicalLevel(i.level2) === '数量指标');
    if (quantity.some((i) => isQuantified(i.target))) continue;
    out.push({
      message: `项目「${form.name}」的产出指标没有量化的数量指标。`,
      location: formLocation(form, outputs[0]?.line),
      figures: [],
    });
  }
  return out;
};

const hundredths = (v: string): number | undefined => {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(v.trim());
  if (!m) return undefined;
  const n = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0').slice(0, 2));
  return m[1] === '-' ? -n : n;
};

const percentRange = (ctx: DeclarationContext): FindingDraft[] => {
  const out: FindingDraft[] = [];
  for (const { form } of forms(ctx)) {
    for (const i of form.indicators) {
      if (!isQuantified(i.target) || i.target.unit.trim() !== '%') continue;
      const h = hundredths(i.target.value);
      if (h === undefined || (h >= 0 && h <= 10000)) continue;
      out.push({
        message: `项目「${form.name}」的指标“${i.level3.replace(/\s+/g, '')}”目标值${formatTarget(i.target)}超出0–100%。`,
        location: indicatorLocation(form, i),
        figures: [{ label: '指标值', raw: formatTarget(i.target), unit: '%', location: indicatorLocation(form, i) }],
      });
    }
  }
  return out;
};

const satisfactionQuantified = (ctx: DeclarationContext): FindingDraft[] => {
  const out: FindingDraft[] = [];
  for (const { form } of forms(ctx)) {
    const sat = form.indicators.filter((i) => canonicalLevel(i.level1) === '满意度指标');
    const vague = sat.filter((i) => !hasNumber(i));
    if (vague.length === 0) continue;
    out.push({
      message: `项目「${form.name}」的满意度指标未量化：${vague.map((i) => `${i.level3.replace(/\s+/g, '')}“${formatTarget(i.target)}”`).join('、')}（应写如“≥90.00(%)”）。`,
      location: indicatorLocation(form, vague[0]!),
      figures: vague.map((i) => ({ label: i.level3.replace(/\s+/g, ''), raw: formatTarget(i.target), location: indicatorLocation(form, i) })),
    });
  }
  return out;
};

const duplicates = (ctx: DeclarationContext): FindingDraft[] => {
  const out: FindingDraft[] = [];
  for (const { form } of forms(ctx)) {
    const seen = new Map<string, Indicator>();
    for (const i of form.indicators) {
      const key = i.level3.replace(/\s+/g, '');
      if (key === '') continue;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, i);
        continue;
      }
      out.push({
        message: `项目「${form.name}」的三级指标“${key}”重复出现（第 ${first.line} 行与第 ${i.line} 行）。`,
        location: indicatorLocation(form, i),
        figures: [
          { label: '首次', raw: formatTarget(first.target), location: indicatorLocation(form, first) },
          { label: '重复', raw: formatTarget(i.target), location: indicatorLocation(form, i) },
        ],
      });
    }
  }
  return out;
};

const vagueTargets = (ctx: DeclarationContext): FindingDraft[] => {
  const out: FindingDraft[] = [];
  for (const { form } of forms(ctx)) {
    // 满意度 targets are reported by their own rule.
    const vague = form.indicators.filter((i) => !hasNumber(i) && canonicalLevel(i.level1) !== '满意度指标' && formatTarget(i.target) !== '');
    if (vague.length === 0) continue;
    out.push({
      message: `项目「${form.name}」有${vague.length}个指标以笼统表述代替可衡量的指标值：${vague.map((i) => `${i.level3.replace(/\s+/g, '')}“${formatTarget(i.target)}”`).join('、')}。`,
      location: indicatorLocation(form, vague[0]!),
      figures: vague.map((i) => ({ label: i.level3.replace(/\s+/g, ''), raw: formatTarget(i.target), location: indicatorLocation(form, i) })),
    });
  }
  return out;
};

const inputAsOutput = (ctx: DeclarationContext): FindingDraft[] => {
  const out: FindingDraft[] = [];
  for (const { form } of forms(ctx)) {
    const money = form.indicators.filter(
      (i) =>
        canonicalLevel(i.level1) === '产出指标' &&
        canonicalLevel(i.level2) !== '成本指标' &&
        isQuantified(i.target) &&
        /^(万?元)$/.test(i.target.unit.trim()),
    );
    if (money.length === 0) continue;
    out.push({
      message: `项目「${form.name}」以资金金额作为产出指标：${money.map((i) => `${i.level3.replace(/\s+/g, '')}“${formatTarget(i.target)}”`).join('、')}（投入不应作为产出）。`,
      location: indicatorLocation(form, money[0]!),
      figures: money.map((i) => ({ label: i.level3.replace(/\s+/g, ''), raw: formatTarget(i.target), location: indicatorLocation(form, i) })),
    });
  }
  return out;
};

const periodAgreesWithForm = (ctx: DeclarationContext): FindingDraft[] => {
  const out: FindingDraft[] = [];
  for (const { project, form } of forms(ctx)) {
    const period = project.explanation?.period;
    if (!period || !form.plannedStart || !form.plannedEnd) continue;
    const month = (d: string) => d.slice(0, 7);
    if (month(period.start) === month(form.plannedStart) && month(period.end) === month(form.plannedEnd)) continue;
    out.push({
      message: `项目「${form.name}」经费情况说明的实施周期“${period.raw}”与申报表计划日期${form.plannedStart}至${form.plannedEnd}不一致。`,
      location: { ...period.source, project: form.name },
      figures: [
        { label: '实施周期', raw: period.raw, location: period.source },
        { label: '申报表计划日期', raw: `${form.plannedStart}—${form.plannedEnd}`, location: formLocation(form) },
      ],
    });
  }
  return out;
};

export const INDICATOR_RULES: readonly Rule[] = [
  {
    id: 'indicators.funds-total-equals-parts',
    family: 'indicators',
    severity: 'error',
    on: 'declaration',
    title: '项目资金总额等于财政资金与其他资金之和',
    explanation: '申报表“项目资金（元）”中，项目资金总额必须等于其中财政资金与其他资金之和（空单元格按0计），精确到分。',
    check: fundsTotal,
  },
  {
    id: 'indicators.annual-funds-equal-parts',
    family: 'indicators',
    severity: 'error',
    on: 'declaration',
    title: '年度资金申请总额等于各来源之和',
    explanation: '年度资金申请总额必须等于当年财政拨款、上年结转资金与其他资金之和（空单元格按0计）。',
    check: annualFunds,
  },
  {
    id: 'indicators.explanation-equals-form',
    family: 'indicators',
    severity: 'error',
    on: 'declaration',
    title: '经费情况说明的金额等于申报表资金',
    explanation:
      '项目经费情况说明中的测算金额（项目概述）和年度预算安排金额，必须与同一项目申报表的年度资金申请总额（无则项目资金总额）一致，按各自印刷精度比较。',
    check: explanationEqualsForm,
  },
  {
    id: 'indicators.summary-equals-projects',
    family: 'indicators',
    severity: 'error',
    on: 'declaration',
    title: '开头的项目数和资金等于各项目之和',
    explanation: '“编报绩效目标的项目N个，涉及项目预算资金X万元”中的N必须等于文件中的项目数，X按印刷精度等于各申报表资金之和。',
    check: summaryEqualsProjects,
  },
  {
    id: 'indicators.planned-dates-in-year',
    family: 'indicators',
    severity: 'warning',
    on: 'declaration',
    title: '计划开始、完成日期在申报年度内',
    explanation: '年度申报表的计划开始日期和计划完成日期应在申报年度内。',
    check: plannedDatesInYear,
  },
  {
    id: 'indicators.all-level1-present',
    family: 'indicators',
    severity: 'warning',
    on: 'declaration',
    title: '四类一级指标齐全',
    explanation: '按财预〔2021〕101号，绩效指标应包括产出指标、效益指标、满意度指标和成本指标四类一级指标。',
    check: allLevel1Present,
  },
  {
    id: 'indicators.level2-under-level1',
    family: 'indicators',
    severity: 'warning',
    on: 'declaration',
    title: '二级指标归属于正确的一级指标',
    explanation:
      '产出指标下为数量、质量、时效（旧表亦有成本）指标；效益指标下为经济效益、社会效益、生态效益、可持续影响指标；满意度指标下为服务对象满意度指标；成本指标下为经济成本、社会成本、生态环境成本指标。一级指标栏写了其他内容也报告。',
    check: level2UnderLevel1,
  },
  {
    id: 'indicators.quantified-outputs',
    family: 'indicators',
    severity: 'warning',
    on: 'declaration',
    title: '产出指标有量化的数量指标',
    explanation: '产出指标应至少有一个以“运算符 数值(单位)”表示的数量指标。',
    check: quantifiedOutputs,
  },
  {
    id: 'indicators.percent-range',
    family: 'indicators',
    severity: 'error',
    on: 'declaration',
    title: '百分比指标值在0–100%之间',
    explanation: '单位为%的指标值（完成率、合格率、满意度等）不能小于0或大于100；超出范围通常是单位或小数点写错。',
    check: percentRange,
  },
  {
    id: 'indicators.satisfaction-quantified',
    family: 'indicators',
    severity: 'warning',
    on: 'declaration',
    title: '满意度指标量化',
    explanation: '满意度指标应写明量化目标（如“≥90.00(%)”），而不是“满意”之类的表述。缺少满意度指标本身由“四类一级指标齐全”报告。',
    check: satisfactionQuantified,
  },
  {
    id: 'indicators.duplicate',
    family: 'indicators',
    severity: 'warning',
    on: 'declaration',
    title: '同一申报表中三级指标不重复',
    explanation: '同一项目的申报表中，同名三级指标出现两次通常是复制遗留。',
    check: duplicates,
  },
  {
    id: 'indicators.vague-target',
    family: 'indicators',
    severity: 'warning',
    on: 'declaration',
    title: '指标值可衡量，而非笼统表述',
    explanation:
      '财预〔2021〕101号要求指标尽量量化。没有任何数字的定性指标值（如“提升”“及时”“健全”“良好”“控制于预算内”）难以考核，每个项目汇总为一条提示，列出各指标及其表述。',
    check: vagueTargets,
  },
  {
    id: 'indicators.input-as-output',
    family: 'indicators',
    severity: 'warning',
    on: 'declaration',
    title: '不以资金投入作为产出指标',
    explanation: '产出指标（数量、质量、时效）以“元”“万元”为单位时，实际是投入而非产出，不符合指标设置要求。',
    check: inputAsOutput,
  },
  {
    id: 'indicators.period-agrees-with-form',
    family: 'indicators',
    severity: 'info',
    on: 'declaration',
    title: '实施周期与申报表计划日期一致',
    explanation: '经费情况说明的实施周期（精确到月）与申报表的计划开始、完成日期不一致时提示；跨年度项目的申报表常按预算年度填写，故仅作提示。',
    check: periodAgreesWithForm,
  },
];
