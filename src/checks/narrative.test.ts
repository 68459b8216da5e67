import { describe, expect, it } from 'vitest';
import type { BudgetDisclosure, SourceLocation } from '#domain/index.ts';
import { checkDocuments } from './index.ts';
import { buildBudget, locatedAt, mutable, reprint, textWithLines, wanFigure, type Mutable } from './testing.ts';

type Case = { name: string; rule: string; mutate: (d: Mutable<BudgetDisclosure>) => void; at?: Partial<SourceLocation>; severity?: string };

const run = (d: BudgetDisclosure, text?: string) =>
  checkDocuments([{ kind: 'budget-disclosure', document: d, name: 't', ...(text !== undefined ? { text } : {}) }]);

const e = (d: Mutable<BudgetDisclosure>) => d.explanation!;
const oi = (d: Mutable<BudgetDisclosure>) => d.otherInformation;

const cases: Case[] = [
  { name: 'revenue total one digit off', rule: 'narrative.explanation-equals-tables', mutate: (d) => (e(d).revenueTotal!.amount = reprint(e(d).revenueTotal!.amount, '90.01')), at: { section: 'explanation', field: '收入预算' } },
  { name: 'a revenue part off table 1', rule: 'narrative.explanation-equals-tables', mutate: (d) => (e(d).revenueParts[1]!.amount = reprint(e(d).revenueParts[1]!.amount, '1.00')), at: { field: '事业收入' } },
  { name: 'a fiscal part off table 4', rule: 'narrative.explanation-equals-tables', mutate: (d) => (e(d).fiscalExpenditureParts[0]!.amount = reprint(e(d).fiscalExpenditureParts[0]!.amount, '89.00')), at: { field: '一般公共预算拨款支出预算' } },
  {
    name: 'table 1 note with another revenue total',
    rule: 'narrative.table1-note-equals-tables',
    mutate: (d) => {
      const t1 = d.tables.find((t) => t.number === 1)!;
      t1.note = { text: '注：2025年本部门收入预算90.10万元，支出预算90.00万元。', source: t1.note!.source };
    },
    at: { table: 1, field: '注释.收入预算' },
  },
  { name: 'reception off table 9', rule: 'narrative.three-public-equals-table9', mutate: (d) => (oi(d).threePublic!.reception!.amount = reprint(oi(d).threePublic!.reception!.amount, '0.70')), at: { field: '三公经费.公务接待费' } },
  { name: 'operating costs off table 9', rule: 'narrative.operating-costs-equals-table9', mutate: (d) => (oi(d).operatingCosts!.amount = reprint(oi(d).operatingCosts!.amount!, '4.10')), at: { field: '机关运行经费' } },
  { name: '"none" while table 9 has some', rule: 'narrative.operating-costs-equals-table9', mutate: (d) => (oi(d).operatingCosts!.none = true) },
  { name: 'procurement parts off the total', rule: 'narrative.procurement-parts-add-up', mutate: (d) => (oi(d).procurement!.goods = reprint(oi(d).procurement!.goods!, '5.00')), at: { field: '政府采购.合计' } },
  { name: 'small-micro above SME', rule: 'narrative.procurement-reserved-within-total', mutate: (d) => (oi(d).procurement!.smallMicroReserved = reprint(oi(d).procurement!.smallMicroReserved!, '3.00')) },
  { name: 'targets money off 项目支出', rule: 'narrative.performance-targets-money', mutate: (d) => (oi(d).performanceTargets!.amount = reprint(oi(d).performanceTargets!.amount!, '51.00')), severity: 'warning' },
  { name: 'targets money below 项目支出 (some projects without targets)', rule: 'narrative.performance-targets-money', mutate: (d) => (oi(d).performanceTargets!.amount = reprint(oi(d).performanceTargets!.amount!, '1.00')), severity: 'info' },
  { name: 'one project ≥1000万 claimed, none listed', rule: 'narrative.performance-targets-large-projects', mutate: (d) => (oi(d).performanceTargets!.projectsOver10Million!.value = 1) },
  {
    name: '财政拨款收入 compared with 预算执行数, 支出 with 预算',
    rule: 'narrative.fiscal-changes-agree',
    mutate: (d) => {
      const part = e(d).revenueParts[0]!;
      (part as { change?: unknown }).change = { ...part.change!, basis: 'execution' };
    },
    severity: 'warning',
  },
  { name: '持平 with an amount', rule: 'narrative.change-direction', mutate: (d) => (e(d).revenueTotal!.change!.direction = '持平') },
  { name: 'percent word against amount word', rule: 'narrative.change-direction', mutate: (d) => (e(d).revenueTotal!.change!.percentDirection = '下降') },
  {
    name: '增加 while the prior amount was larger',
    rule: 'narrative.change-direction',
    mutate: (d) => {
      const c = e(d).revenueTotal!.change!;
      c.priorAmount = wanFigure('95.00', { section: 'explanation' }, c.line);
      delete (c as { amount?: unknown }).amount;
      delete (c as { percent?: unknown }).percent;
    },
  },
  {
    name: 'change amount not this − prior',
    rule: 'narrative.change-amount',
    mutate: (d) => {
      const c = e(d).revenueTotal!.change!;
      c.priorAmount = wanFigure('80.00', { section: 'explanation' }, c.line);
      c.amount = reprint(c.amount!, '11.00');
    },
  },
  {
    name: 'table 1 note with a percent that does not follow',
    rule: 'narrative.change-percent',
    mutate: (d) => {
      const t1 = d.tables.find((t) => t.number === 1)!;
      t1.note = { text: '注：2025年本部门收入预算90.00万元，比上年增加10.00万元，增长11.50%。', source: t1.note!.source };
    },
    at: { table: 1, field: '注释.收入预算变动' },
  },
  {
    name: 'table 1 note saying 减少 with a 增长 percent',
    rule: 'narrative.change-direction',
    mutate: (d) => {
      const t1 = d.tables.find((t) => t.number === 1)!;
      t1.note = { text: '注：2025年本部门支出预算90.00万元，比上年减少10.00万元，增长12.50%。', source: t1.note!.source };
    },
    at: { table: 1 },
  },
  { name: 'percent off', rule: 'narrative.change-percent', mutate: (d) => (e(d).revenueTotal!.change!.percent = { ...e(d).revenueTotal!.change!.percent!, hundredths: 1350, raw: '13.50' }) },
  {
    name: 'a reason that says the opposite',
    rule: 'narrative.reason-direction',
    mutate: (d) => (e(d).revenueTotal!.change!.reason = { text: '主要原因是项目经费减少', source: { line: 700 } }),
    severity: 'warning',
    at: { line: 700 },
  },
  { name: 'main item off its 科目', rule: 'narrative.main-item-equals-subject', mutate: (d) => (e(d).mainItems[0]!.amount = reprint(e(d).mainItems[0]!.amount, '30.10')), at: { field: '主要内容1' } },
  { name: 'main item with an unknown 科目', rule: 'narrative.main-item-subject-found', mutate: (d) => (e(d).mainItems[1]!.subject = '不存在的科目'), severity: 'warning' },
  { name: 'main items not covering all money', rule: 'narrative.main-items-sum', mutate: (d) => void e(d).mainItems.pop(), severity: 'info' },
];

describe('narrative rules', () => {
  it('find nothing on a consistent document', () => {
    expect(run(buildBudget()).filter((f) => f.rule.startsWith('narrative.'))).toEqual([]);
  });

  it.each(cases)('$rule fires on $name', ({ rule, mutate, at, severity }) => {
    const d = mutable(buildBudget());
    mutate(d);
    const hits = run(d as BudgetDisclosure).filter((f) => f.rule === rule);
    expect(hits.length).toBeGreaterThan(0);
    if (at) expect(hits.some((f) => locatedAt(f.location, at))).toBe(true);
    expect(hits[0]?.severity).toBe(severity ?? 'error');
  });

  it('compares 万元 figures at the precision printed', () => {
    const d = mutable(buildBudget());
    // 90.0 printed with one decimal still agrees with 900,000.00元; 90.1 does not.
    e(d).revenueTotal!.amount = reprint(e(d).revenueTotal!.amount, '90.0');
    expect(run(d as BudgetDisclosure).map((f) => f.rule)).not.toContain('narrative.explanation-equals-tables');
    e(d).expenditureTotal!.amount = reprint(e(d).expenditureTotal!.amount, '90.004');
    expect(run(d as BudgetDisclosure).map((f) => f.rule)).toContain('narrative.explanation-equals-tables');
  });

  it('accepts percents that follow from rounded printed amounts', () => {
    const d = mutable(buildBudget());
    const c = e(d).revenueTotal!.change!;
    // 0.39 over 0.31: 25.81% from the printed figures; a true 0.3149 → 0.3851 would give 22.29%.
    e(d).revenueTotal!.amount = reprint(e(d).revenueTotal!.amount, '0.39');
    c.priorAmount = wanFigure('0.31', { section: 'explanation' }, c.line);
    delete (c as { amount?: unknown }).amount;
    c.percent = { ...c.percent!, hundredths: 2581, raw: '25.81' };
    expect(run(d as BudgetDisclosure).map((f) => f.rule)).not.toContain('narrative.change-percent');
    c.percent = { ...c.percent, hundredths: 3581, raw: '35.81' };
    expect(run(d as BudgetDisclosure).map((f) => f.rule)).toContain('narrative.change-percent');
  });

  it('reports an item that states two different amounts, from the text', () => {
    const d = buildBudget();
    const item = d.explanation!.mainItems[0]!;
    const text = textWithLines({ [item.line]: '1.“行政运行”科目30.00万元，主要用于…。2024年当年预算执行数为28.00万元，2025年预算安排31.00万元，比2024年预算执行数增加10.71%。' });
    const hits = run(d, text).filter((f) => f.rule === 'narrative.main-item-consistent');
    expect(hits).toHaveLength(1);
    expect(hits[0]?.location?.line).toBe(item.line);
    expect(hits[0]?.difference).toBe(-1_000_000);
  });

  it('softens the targets-money finding when only some units set targets', () => {
    const d = mutable(buildBudget());
    oi(d).performanceTargets!.amount = reprint(oi(d).performanceTargets!.amount!, '51.00');
    d.institutions!.counts.push({ type: '事业单位', count: { value: 2, raw: '2', source: { line: 1 } } });
    const f = run(d as BudgetDisclosure).find((x) => x.rule === 'narrative.performance-targets-money');
    expect(f?.severity).toBe('info');
  });

  it('matches a main item by its 类/款/项 path', () => {
    const d = mutable(buildBudget());
    const item = e(d).mainItems[0]!;
    item.subject = '一般公共服务支出（类）数据事务（款）行政运行（项）';
    item.subjectPath = ['一般公共服务支出', '数据事务', '行政运行'];
    expect(run(d as BudgetDisclosure).filter((f) => f.rule.startsWith('narrative.main-item'))).toEqual([]);
    item.subjectPath = ['一般公共服务支出', '卫生健康支出', '行政运行'];
    expect(run(d as BudgetDisclosure).map((f) => f.rule)).toContain('narrative.main-item-subject-found');
  });
});
