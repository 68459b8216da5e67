import { describe, expect, it } from 'vitest';
import type { BudgetDisclosure, PerformanceDeclaration } from '#domain/index.ts';
import { checkDocuments } from './index.ts';
import { buildBudget, buildDeclaration, mutable, textWithLines } from './testing.ts';

const run = (d: BudgetDisclosure, text?: string) => checkDocuments([{ kind: 'budget-disclosure', document: d, name: 't', ...(text !== undefined ? { text } : {}) }]);
const rulesOf = (d: BudgetDisclosure, text?: string, prefix = 'hygiene.') => run(d, text).filter((f) => f.rule.startsWith(prefix));

describe('hygiene rules on text', () => {
  const d = buildBudget();
  const oiLine = d.otherInformation.procurement!.text.source.line;
  const exLine = d.explanation!.text.source.line + 1;

  it('find nothing in clean text', () => {
    const text = textWithLines({ 3: '目  录', 4: '一、部门主要职能 ……………………………… 3', [exLine]: '2025年，测试局收入预算90.00万元，比2024年预算增加10.00万元。', [oiLine]: '2025年本部门政府采购预算10.00万元，依据沪府规【2016】168号和国发〔2021〕29号。' });
    expect(rulesOf(d, text)).toEqual([]);
  });

  it.each([
    ['hygiene.placeholder', '松江区XXX工程运维项目经费情况说明', 'XXX'],
    ['hygiene.placeholder', '松江区***工程运维项目', '***'],
    ['hygiene.placeholder', '项目名称：待填写', '待填写'],
    ['hygiene.doubled-punctuation', '提供了依据。。', '。。'],
    ['hygiene.garbled-characters', '预算安排金额为\uFFFD\uFFFD万元', '\uFFFD'],
    ['hygiene.unfinished-sentence', '增加的主要原因是。', '原因是。'],
    ['hygiene.unfinished-sentence', '预算安排金额为万元，主要用于…', '为万元'],
  ])('%s fires on “%s”', (rule, line, raw) => {
    const hits = rulesOf(d, textWithLines({ 350: line })).filter((f) => f.rule === rule);
    expect(hits).toHaveLength(1);
    expect(hits[0]?.location?.line).toBe(350);
    expect(hits[0]?.figures[0]?.raw).toContain(raw);
    expect(hits[0]?.severity).toBe('warning');
  });

  it('does not take the leader dots of a table of contents for a placeholder', () => {
    expect(rulesOf(d, textWithLines({ 5: '四、部门预算编制说明    …………………………………………', 6: '……………………' }))).toEqual([]);
  });

  it.each([
    ['hygiene.template-remnant', '比2024年预算增加（减少）10.00万元。', '增加（减少）'],
    ['hygiene.template-remnant', '比上年增长（下降）5.00%。', '增长（下降）'],
    ['hygiene.stray-quote', '主要用于“一般公共服务支出科目的开支。', '“一般公共'],
    ['hygiene.stray-quote', '主要用于一般公共服务支出”科目的开支。', '服务支出”'],
  ])('%s fires on “%s”', (rule, line, raw) => {
    const hits = rulesOf(d, textWithLines({ 350: line })).filter((f) => f.rule === rule);
    expect(hits).toHaveLength(1);
    expect(hits[0]?.location?.line).toBe(350);
    expect(hits[0]?.figures[0]?.raw).toContain(raw);
  });

  // The same slips wrapped at another width: the rules read the text as it flows, not as it wraps.
  it.each([
    ['hygiene.unfinished-sentence', ['增加的主要原因', '是。']],
    ['hygiene.template-remnant', ['比2024年预算增加（减', '少）10.00万元。']],
    ['hygiene.doubled-punctuation', ['提供了依据。', '。下一句。']],
    ['hygiene.stray-quote', ['主要用于“一般公共服务', '支出科目的开支。']],
  ] as const)('%s fires when the slip wraps across lines', (rule, [a, b]) => {
    const hits = rulesOf(d, textWithLines({ 350: a, 351: b })).filter((f) => f.rule === rule);
    expect(hits).toHaveLength(1);
    expect(hits[0]?.location?.line).toBe(350);
  });

  it('pairs quotes across a wrap and across the sentences of one quotation', () => {
    const text = textWithLines({ 350: '城市运行“一网统管', 351: '”系统规划建设。文件指出“软件是新一代信息技术的灵魂。', 352: '对于加快建设具有重要意义。”下一句。' });
    expect(rulesOf(d, text).filter((f) => f.rule === 'hygiene.stray-quote')).toEqual([]);
  });

  it('reports a budget-year statement dated last year, in 其他相关情况说明', () => {
    const hits = rulesOf(d, textWithLines({ [oiLine]: '2024年本部门面向中小企业预留政府采购项目预算金额2.00万元' }));
    expect(hits.map((f) => [f.rule, f.location?.line])).toEqual([['hygiene.budget-year-statement', oiLine]]);
  });

  it('hints at other years in the explanation but not at document numbers or as-of dates', () => {
    const text = textWithLines({ [exLine]: '比2019年预算增加，截至2021年12月31日，依据沪府规【2016】168号' });
    const hits = rulesOf(d, text).filter((f) => f.rule === 'hygiene.stray-year');
    expect(hits.map((f) => f.figures[0]?.raw)).toEqual(['2019年']);
    expect(hits[0]?.severity).toBe('info');
  });
});

describe('level wording in the body', () => {
  it('reports a section heading of the other level, wherever it stands', () => {
    const unit = mutable(buildBudget());
    unit.level = 'unit';
    const hits = rulesOf(unit as BudgetDisclosure, textWithLines({ 40: '四、2025年部门预算编制说明', 41: '单位预算正文。' })).filter((f) => f.rule === 'hygiene.level-wording' && f.location?.line === 40);
    expect(hits).toHaveLength(1);
    const department = buildBudget();
    const back = rulesOf(department, textWithLines({ 40: '四、2025年单位预算编制说明' })).filter((f) => f.rule === 'hygiene.level-wording' && f.location?.line === 40);
    expect(back).toHaveLength(1);
    // The supervising department and the classification's own name are not level slips.
    expect(rulesOf(unit as BudgetDisclosure, textWithLines({ 40: '预算主管部门：某局', 41: '部门预算经济分类科目' })).filter((f) => f.rule === 'hygiene.level-wording' && (f.location?.line === 40 || f.location?.line === 41))).toEqual([]);
  });
});

describe('hygiene rules on the model', () => {
  it('reports a table title of another year', () => {
    const d = mutable(buildBudget());
    d.tables[2]!.year = 2024;
    expect(rulesOf(d as BudgetDisclosure).map((f) => [f.rule, f.location?.table])).toEqual([['hygiene.budget-year-statement', 3]]);
  });

  it('reports empty tables without a note, with another table’s note, and data under an “empty” note', () => {
    const d = mutable(buildBudget());
    delete (d.tables.find((t) => t.number === 6) as { note?: unknown }).note;
    d.tables.find((t) => t.number === 7)!.note!.text = '注：本部门无政府性基金收入，故本表无数据。';
    d.tables.find((t) => t.number === 9)!.note = { text: '注:本部门无“三公”经费和机关运行经费预算，故本表为空表。', source: { line: 300 } };
    const hits = rulesOf(d as BudgetDisclosure).filter((f) => f.rule === 'hygiene.empty-table-note');
    expect(hits.map((f) => f.message.slice(0, 3))).toEqual(['表6（', '表7的', '表9有']);
  });

  it('reports a missing table as an error and missing sections as a warning', () => {
    const d = mutable(buildBudget());
    d.tables = d.tables.filter((t) => t.number !== 7);
    delete (d as { explanation?: unknown }).explanation;
    const hits = rulesOf(d as BudgetDisclosure);
    expect(hits.find((f) => f.rule === 'hygiene.missing-table')?.severity).toBe('error');
    expect(hits.find((f) => f.rule === 'hygiene.missing-section')?.message).toContain('编制说明');
  });

  it('reports 单位 wording in a department budget', () => {
    const d = mutable(buildBudget());
    d.tables[2]!.title.text = '2025年单位支出预算总表';
    expect(rulesOf(d as BudgetDisclosure).map((f) => f.rule)).toEqual(['hygiene.level-wording']);
  });

  it('reports a declaration without its summary', () => {
    const d = mutable(buildDeclaration());
    delete (d as { summary?: unknown }).summary;
    const f = checkDocuments([{ kind: 'performance-declaration', document: d as PerformanceDeclaration }]);
    expect(f.map((x) => x.rule)).toEqual(['hygiene.missing-section']);
  });
});
