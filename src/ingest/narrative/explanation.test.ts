import { describe, expect, it } from 'vitest';
import { readExplanation } from './explanation.ts';
import { narrativeOf } from './testing.ts';

const read = (text: string) => {
  const ctx = narrativeOf(text);
  return { e: readExplanation(ctx), codes: ctx.sink.items.map((d) => d.code) };
};

// Songjiang administrative service center, 2025 (wrapped as in the corpus, mid-number at line 65/66).
const SONGJIANG = `     2025年，上海市松江区行政服务中心收入预算8,496.652198万元，其中：财政拨款收入8,496.652198万元，比
2024年预算增加4,565.466768万元，增长116.13%；事业收入0.00万元；事业单位经营收入0.00万元；其他收入0.00
万元。

    支出预算8,496.652198万元，其中：财政拨款支出预算8,496.652198万元，比2024年预算增加4,565.466768万
元，增长116.13%，主要原因是机构改革，划入组织协调数据发展管理和公共数据管理、推进信息化管理和数字经济
发展等职能，导致项目支出增加。财政拨款支出预算中，一般公共预算拨款支出预算8,496.652198万元，比2024年
预算增加4,565.466768万元；政府性基金拨款支出预算0.00元，与2024年预算持平；国有资本经营预算拨款支出预
算0.00万元，与2024年预算持平。

    财政拨款收入支出增加的主要原因是机构改革，划入组织协调数据发展管理和公共数据管理、推进信息化管理
和数字经济发展等职能，导致项目支出增加。

    财政拨款支出主要内容如下：

    1. “其他一般公共服务支出”科目8,037.780423万元，主要用于部门在职职工工资福利支出、福利费、其他社
会保险缴费、对个人和家庭的补助、日常办公费及业务活动费用。

    2. “事业单位离退休”科目10.216万元，主要用于部门退休人员的生活补贴、福利费支出。
`;

describe('readExplanation — corpus wording', () => {
  it('reads revenue total and parts, with the stated change on 财政拨款收入', () => {
    const { e, codes } = read(SONGJIANG);
    expect(codes).toEqual([]);
    expect(e.revenueTotal?.amount).toMatchObject({ amount: 8_496_652_198, unit: '万元', source: { line: 1, section: 'explanation', field: '收入预算' } });
    expect(e.revenueParts.map((p) => [p.name, p.amount.amount])).toEqual([
      ['财政拨款收入', 8_496_652_198],
      ['事业收入', 0],
      ['事业单位经营收入', 0],
      ['其他收入', 0],
    ]);
    expect(e.revenueParts[0]?.change).toMatchObject({ comparedYear: 2024, direction: '增加', amount: { amount: 4_565_466_768 }, percent: { hundredths: 11613 } });
    expect(e.revenueParts[3]?.amount.source.line).toBe(2);
  });

  it('reads the expenditure side: total, 财政拨款, its three parts, with the unit as written', () => {
    const { e } = read(SONGJIANG);
    expect(e.expenditureTotal?.amount.amount).toBe(8_496_652_198);
    expect(e.fiscalExpenditure?.change).toMatchObject({ direction: '增加', amount: { amount: 4_565_466_768, source: { line: 5 } }, percent: { source: { line: 6 } } });
    expect(e.fiscalExpenditureParts.map((p) => [p.name, p.amount.amount, p.amount.unit, p.change?.direction])).toEqual([
      ['一般公共预算拨款支出预算', 8_496_652_198, '万元', '增加'],
      ['政府性基金拨款支出预算', 0, '元', '持平'],
      ['国有资本经营预算拨款支出预算', 0, '万元', '持平'],
    ]);
  });

  it('picks the `…增加的主要原因是…` sentence as the change reason', () => {
    expect(read(SONGJIANG).e.changeReason?.text).toMatch(/^财政拨款收入支出增加的主要原因是机构改革/);
  });

  it('reads numbered items with 科目, amount and purpose', () => {
    const { e } = read(SONGJIANG);
    expect(e.mainItems.map((i) => [i.ordinal, i.subject, i.amount.amount, i.line])).toEqual([
      [1, '其他一般公共服务支出', 8_037_780_423, 16],
      [2, '事业单位离退休', 10_216_000, 19],
    ]);
    expect(e.mainItems[0]?.purpose).toBe('部门在职职工工资福利支出、福利费、其他社会保险缴费、对个人和家庭的补助、日常办公费及业务活动费用');
  });

  it('keeps the new-department statement (Songjiang data bureau)', () => {
    const { e } = read(`2025年，上海市松江区数据局收入预算3,686.485448万元，其中：财政拨款收入3,686.485448万元；事业收入
0.00万元；事业单位经营收入0.00万元；其他收入0.00万元。
支出预算3,686.485448万元，其中：财政拨款支出预算3,686.485448万元。
上海市松江区数据局为新成立部门，故无上年财政拨款收入支出数据。
财政拨款支出主要内容如下：
1.“行政运行”科目364.448631万元，主要用于部门在职职工工资福利支出。`);
    expect(e.newDepartmentStatement?.text).toBe('上海市松江区数据局为新成立部门，故无上年财政拨款收入支出数据。');
    expect(e.newDepartmentStatement?.source.line).toBe(4);
    expect(e.revenueParts[0]?.change).toBeUndefined();
  });

  it('reads class/款/项 paths and the comparison with last year’s execution (Putuo 2024)', () => {
    const { e } = read(`财政拨款支出主要内容如下：
  1. “一般公共服务支出（类）统计信息事务（款）专项普查活动（项）”25.77万元，主要用于专项普查活动。2023年当年预算执行
数为60.13万元，2024年预算安排25.77万元，比2023年预算执行数减少57.14%。主要原因是：项目调整。
  2. “科学技术支出（类）科学技术普及（款）科普活动（项）”10.00万元，主要用于科普活动。2023年当年预算执行数为10.00万
元，2024年预算安排10.00万元，比2023年预算执行数持平。主要原因是：科普活动经费保持不变。`);
    const [a, b] = e.mainItems;
    expect(a?.subjectPath).toEqual(['一般公共服务支出', '统计信息事务', '专项普查活动']);
    expect(a?.subjectCode).toBeUndefined();
    expect(a?.change).toMatchObject({
      comparedYear: 2023,
      basis: 'execution',
      direction: '减少',
      percent: { hundredths: 5714 },
      priorAmount: { amount: 601_300_00, source: { line: 3 } },
      currentAmount: { amount: 25_770_000, source: { line: 3 } },
      reason: { text: '项目调整' },
    });
    expect(b?.change).toMatchObject({ direction: '持平', priorAmount: { amount: 10_000_000 } });
  });
});

describe('readExplanation — other wordings', () => {
  it('reads 2026 wording with codes in the 科目 (domain page §1)', () => {
    const { e } = read(`财政拨款支出主要内容如下：
1.“卫生健康支出（210类）行政事业单位医疗（11款）行政单位医疗（01项）”科目146.89万元，主要用于行政单位医疗。2025年当年预算执行数为142.22万元，2026年预算安排146.89万元，比2025年预算执行数增加3.28%。主要原因是：人员变动。`);
    const item = e.mainItems[0];
    expect(item?.subjectPath).toEqual(['卫生健康支出', '行政事业单位医疗', '行政单位医疗']);
    expect(item?.subjectCode).toBe('210 11 01');
    expect(item?.change).toMatchObject({ comparedYear: 2025, basis: 'execution', direction: '增加', percent: { hundredths: 328 }, priorAmount: { amount: 142_220_000 } });
  });

  it('reads a unit budget in another district’s phrasing (本单位, 预算总额为, 较上年)', () => {
    const { e } = read(`2026年，本单位收入预算总额为1,200.5万元，其中：财政拨款收入1,000.5万元，较上年增加100万元，增长11.11%；事业收入200万元；事业单位经营收入0万元；其他收入0万元。
支出预算总额为1,200.5万元，其中：财政拨款支出预算1,000.5万元，较上年增加100万元，增长11.11%。
财政拨款支出主要内容如下：
1、“行政运行”科目300万元，主要用于日常运转。`);
    expect(e.revenueTotal?.amount.amount).toBe(1_200_500_000);
    expect(e.revenueParts.find((p) => p.name === '事业收入')?.amount.amount).toBe(200_000_000);
    expect(e.revenueParts[0]?.change).toMatchObject({ direction: '增加', percent: { hundredths: 1111 } });
    expect(e.revenueParts[0]?.change?.comparedYear).toBeUndefined();
    expect(e.mainItems.map((i) => [i.ordinal, i.subject, i.amount.amount])).toEqual([[1, '行政运行', 300_000_000]]);
  });

  it('reads items numbered with Chinese ordinals', () => {
    const { e } = read(`财政拨款支出主要内容如下：
（一）“行政运行”科目300万元，主要用于日常运转。（二）“一般行政管理事务”科目20.5万元，主要用于业务。
十一、“其他支出”科目1万元，主要用于其他。`);
    expect(e.mainItems.map((i) => [i.ordinal, i.subject, i.amount.amount])).toEqual([
      [1, '行政运行', 300_000_000],
      [2, '一般行政管理事务', 20_500_000],
      [11, '其他支出', 1_000_000],
    ]);
  });

  it('warns when items skip a number and when figures are missing', () => {
    const { e, codes } = read(`财政拨款支出主要内容如下：
1.“行政运行”科目1万元，主要用于甲。
3.“一般行政管理事务”科目2万元，主要用于乙。`);
    expect(e.mainItems).toHaveLength(2);
    expect(codes).toContain('item-sequence-gap');
    expect(codes).toContain('figure-missing');
  });

  it('reports an item whose amount cannot be read', () => {
    const { e, codes } = read(`财政拨款支出主要内容如下：
1.“行政运行”科目若干万元，主要用于甲。`);
    expect(e.mainItems).toEqual([]);
    expect(codes).toContain('item-unreadable');
  });
});
