import { describe, expect, it } from 'vitest';
import { readOtherInformation } from './other-information.ts';
import { narrativeOf } from './testing.ts';

const read = (text: string) => {
  const ctx = narrativeOf(text, 'other-information');
  return { o: readOtherInformation(ctx), codes: ctx.sink.items.map((d) => d.code) };
};

// Songjiang administrative service center 2025, as printed.
const SONGJIANG = `    一、2025年“三公”经费预算情况说明
    2025年“三公”经费预算数为0.60万元，与2024年预算持平。其中：
    （一）因公出国（境）费0.00万元，与2024年预算持平。
    （二）公务用车购置及运行费0.00万元，与2024年预算持平。其中：公务用车购置费0.00万元，与2024年预算持
平；公务用车运行费0.00万元，与2024年预算持平。
    （三）公务接待费0.60万元，与2024年预算持平。
    二、机关运行经费预算
    本部门无机关运行经费。
    三、政府采购预算情况
    2025年本部门政府采购预算2,891.9286万元，其中：政府采购货物预算10.528万元、政府采购工程预算0.00万元
、政府采购服务预算2,881.4006万元。
    2024年本部门面向中小企业预留政府采购项目预算金额1,118.7998万元，其中，预留给小型和微型企业的政府采
购项目预算为1,118.7998万元。
    四、绩效目标设置情况
    按照本市预算绩效管理工作的总体要求，本部门1个预算单位开展了2025年项目预算绩效目标编报工作，编报绩
效目标的项目41个，涉及项目预算资金6,726.0581万元，其中预算金额1000万元（含）以上的项目有2个。
    五、国有资产占有使用情况
    截至2024年12月31日，上海市松江区行政服务中心无车辆保有情况；单价50万元以上通用设备8台（套）；无单
价100万元以上专用设备保有情况。
    2025年暂无安排购置车辆/通用设备/专用设备计划。`;

describe('readOtherInformation — Songjiang wording', () => {
  const { o, codes } = read(SONGJIANG);

  it('reads nothing missing', () => {
    expect(codes).toEqual([]);
  });

  it('reads 三公 total and parts, each with its stated change and field', () => {
    const t = o.threePublic;
    expect(t?.year).toBe(2025);
    expect(t?.total).toMatchObject({ amount: { amount: 600_000, source: { line: 2, field: '三公经费.合计' } }, change: { direction: '持平', comparedYear: 2024 } });
    expect(t?.vehicleOperation?.amount.source.line).toBe(5);
    expect(t?.vehiclePurchase?.change?.line).toBe(4);
    expect(t?.reception).toMatchObject({ amount: { amount: 600_000, source: { line: 6, field: '三公经费.公务接待费' } } });
    expect(t?.noPriorYearStatement).toBeUndefined();
  });

  it('reads 机关运行经费 as none', () => {
    expect(o.operatingCosts).toMatchObject({ none: true });
    expect(o.operatingCosts?.amount).toBeUndefined();
  });

  it('reads 政府采购 with its parts and reservations', () => {
    const p = o.procurement;
    expect([p?.total, p?.goods, p?.works, p?.services, p?.smeReserved, p?.smallMicroReserved].map((f) => f?.amount)).toEqual([
      2_891_928_600, 10_528_000, 0, 2_881_400_600, 1_118_799_800, 1_118_799_800,
    ]);
    expect(p?.services?.source.line).toBe(11);
  });

  it('reads 绩效目标设置情况', () => {
    const pt = o.performanceTargets;
    expect([pt?.units?.value, pt?.projects?.value, pt?.amount?.amount, pt?.projectsOver10Million?.value]).toEqual([1, 41, 6_726_058_100, 2]);
  });

  it('reads 国有资产: date, equipment and plain statements', () => {
    const a = o.assets;
    expect(a?.asOf).toBe('2024-12-31');
    expect(a?.vehiclesTotal).toBeUndefined();
    expect(a?.equipment.map((e) => [e.description, e.count.value])).toEqual([['单价50万元以上通用设备', 8]]);
    expect(a?.statements.map((s) => s.text)).toEqual([
      '上海市松江区行政服务中心无车辆保有情况',
      '无单价100万元以上专用设备保有情况',
      '2025年暂无安排购置车辆/通用设备/专用设备计划',
    ]);
  });
});

describe('readOtherInformation — other wordings', () => {
  it('reads a new department’s 三公 statement and 机关运行经费 with its units (Songjiang data bureau)', () => {
    const { o } = read(`一、2025年“三公”经费预算情况说明
2025年“三公”经费预算数为0.60万元，因上海市松江区数据局为新成立部门，故无上年预算数据。其中：
（一）因公出国（境）费0.00万元。
二、机关运行经费预算
2025年上海市松江区数据局1家机关单位财政拨款的机关运行经费预算为29.979775万元，主要为部门日常公用经费支出。`);
    expect(o.threePublic?.noPriorYearStatement?.text).toBe('因上海市松江区数据局为新成立部门，故无上年预算数据');
    expect(o.threePublic?.total?.change).toBeUndefined();
    expect(o.operatingCosts).toMatchObject({ none: false, amount: { amount: 2_997_977_5 }, unitsDescription: '1家机关单位' });
  });

  it('reads Putuo’s wording: changes with reasons, headings without a full stop, vehicles by type and plans', () => {
    const { o } = read(`一、2025年“三公”经费预算情况说明
2025年“三公”经费预算数为37.91万元，比2024年预算减少10万元。其中：
（二）公务用车购置及运行费36.56万元，比2024年预算减少10万元，主要原因是2025年新增1辆公务用车购置，但与2024年购置的
车辆类型不同。其中：公务用车购置费15万元，比2024年预算减少10万元，主要原因是购置车辆类型不同；公务用车运行费21.56万元，
比2024年预算持平，主要原因是公务车用车运行费保持不变。
（三）公务接待费1.35万元。比2024年预算持平，主要原因是公务接待费保持不变。
二、机关运行经费预算
2025年上海市普陀区人民政府万里街道办事处（部门）下属1家机关和1家参公事业单位财政拨款的机关运行经费预算为464.64万元
三、政府采购预算情况
2025年本部门政府采购预算4821.20万元，其中：政府采购货物预算57.43万元、政府采购工程预算3780.72万元、政府采购服务预算
983.05万元。
五、国有资产占有使用情况
截至2024年8月31日，某办事处（部门）共有车辆8辆，其中：部级领导干部用车0辆、其他用车8辆；单价100万
元（含）以上设备（不含车辆）0台（套）。
2025年部门预算安排购置车辆1辆，其中：部级领导干部用车0辆、其他用车1辆；部门预算安排购置单价100万元（含）以上设备（不含车
辆）0台（套）。`);
    const t = o.threePublic;
    expect(t?.vehiclePurchase?.change).toMatchObject({ direction: '减少', amount: { amount: 10_000_000 }, reason: { text: '购置车辆类型不同' } });
    expect(t?.reception?.change).toMatchObject({ direction: '持平', reason: { text: '公务接待费保持不变' } });
    expect(o.operatingCosts).toMatchObject({ amount: { amount: 464_640_000 }, unitsDescription: '1家机关和1家参公事业单位', none: false });
    expect(o.procurement?.services?.amount).toBe(983_050_000);
    const a = o.assets;
    expect(a?.asOf).toBe('2024-08-31');
    expect(a?.vehiclesTotal?.value).toBe(8);
    expect(a?.vehiclesByType.map((v) => [v.type, v.count.value])).toEqual([
      ['部级领导干部用车', 0],
      ['其他用车', 8],
    ]);
    expect(a?.plannedVehicles?.value).toBe(1);
    expect(a?.plannedVehiclesByType.map((v) => [v.type, v.count.value])).toEqual([
      ['部级领导干部用车', 0],
      ['其他用车', 1],
    ]);
    expect(a?.equipment.map((e) => [e.description, e.count.value])).toEqual([['单价100万元（含）以上设备（不含车辆）', 0]]);
    expect(a?.plannedEquipment.map((e) => [e.description, e.count.value])).toEqual([['单价100万元（含）以上设备（不含车辆）', 0]]);
  });

  it('reports missing subsections', () => {
    const { o, codes } = read('一、2025年“三公”经费预算情况说明\n2025年“三公”经费预算数为0万元。');
    expect(o.threePublic?.total?.amount.amount).toBe(0);
    expect(codes.filter((c) => c === 'subsection-missing')).toHaveLength(4);
  });
});
