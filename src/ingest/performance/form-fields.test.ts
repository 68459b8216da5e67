import { describe, expect, it } from 'vitest';
import { readFormFields } from './form-fields.ts';

const cellsOf = (rows: readonly string[]) =>
  rows.flatMap((r, i) =>
    r
      .split('\t')
      .filter((c) => c.trim() !== '')
      .map((text) => ({ text, line: i + 1 })),
  );
const texts = (rows: readonly string[]) =>
  Object.fromEntries(Object.entries(readFormFields(cellsOf(rows)).values).map(([k, v]) => [k, v?.text]));

describe('readFormFields', () => {
  it('reads a plain form, an empty funds cell staying absent', () => {
    expect(
      texts([
        '项目名称\t编外人员工作经费\t项目性质\t其他经常性项目\t项目类别\t特定目标类',
        '主管部门\t上海市松江区科学技术委员会\t实施单位\t上海市松江区科技创新服务中心',
        '计划开始日期\t2024-01-01\t计划完成日期\t2024-12-31',
        '项目资金 (元)\t项目资金总额\t1,443,356.00\t年度资金申请总额\t1,443,356.00',
        '\t其中：财政资金\t1,443,356.00\t其中：当年财政拨款\t1,443,356.00',
        '\t\t\t上年结转资金\t0.00',
        '\t其他资金\t\t其他资金\t0.00',
        '项目绩效目标\t项目总目标\t\t年度总体目标',
        '\t\t\t每月按时发放人员工资福利待遇。',
      ]),
    ).toEqual({
      name: '编外人员工作经费',
      nature: '其他经常性项目',
      category: '特定目标类',
      supervisor: '上海市松江区科学技术委员会',
      implementer: '上海市松江区科技创新服务中心',
      plannedStart: '2024-01-01',
      plannedEnd: '2024-12-31',
      total: '1,443,356.00',
      annualTotal: '1,443,356.00',
      fiscal: '1,443,356.00',
      annualFiscal: '1,443,356.00',
      carryOver: '0.00',
      annualOther: '0.00',
      annualGoal: '每月按时发放人员工资福利待遇。',
    });
  });

  it('assembles labels and values split over lines and printed with a doubled character', () => {
    expect(
      texts([
        '项目名称\t科技金融宣传活动费\t项目性质\t其他\t项目\t特定目标类',
        '\t\t\t经常性项目\t类别',
        '主管\t上海市松江\t实施单位\t上海市松江区科技创新',
        '部门\t区科学技术委员会\t\t服务中心',
        '项目资金\t项目资金\t880,000.00\t年度资金\t880,000.00',
        '金 (元)\t金总额\t\t金申请 总额',
        '\t其中：财 政资金\t880,000.00\t其中：当年财政\t880,000.00',
        '\t\t\t拨款',
      ]),
    ).toEqual({
      name: '科技金融宣传活动费',
      nature: '其他经常性项目',
      category: '特定目标类',
      supervisor: '上海市松江区科学技术委员会',
      implementer: '上海市松江区科技创新服务中心',
      total: '880,000.00',
      annualTotal: '880,000.00',
      fiscal: '880,000.00',
      annualFiscal: '880,000.00',
    });
  });

  it('continues goal text wrapped over lines and drops stray pieces of a label', () => {
    expect(
      texts(['项目绩效\t项目总目标\t年度总体目标', '\t\t本项目共举办1场大型宣传活动、项目路', '标\t\t演、投融资等科技金融沙龙。']),
    ).toEqual({ annualGoal: '本项目共举办1场大型宣传活动、项目路演、投融资等科技金融沙龙。' });
  });
});
