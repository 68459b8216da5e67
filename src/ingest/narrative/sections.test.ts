import { describe, expect, it } from 'vitest';
import { toLines } from '../text.ts';
import { classifyHeading, segmentSections } from './sections.ts';

describe('classifyHeading', () => {
  it.each([
    [' 上海市松江区行政服务中心主要职能', 'duties'],
    ['           上海市普陀区人民政府万里街道办事处（部门）主要职能', 'duties'],
    ['一、部门主要职能', 'duties'],
    ['## 上海市松江区数据局机构设置', 'institutions'],
    ['二、部门机构设置', 'institutions'],
    ['名  词  解  释', 'glossary'],
    ['2025年部门预算编制说明', 'explanation'],
    ['四、2026年单位预算编制说明', 'explanation'],
    ['其他相关情况说明', 'other-information'],
    ['六、其他相关情况说明', 'other-information'],
    ['非编人员经费项目经费情况说明', 'projects'],
    ['项目经费情况说明', 'projects'],
    ['2025年部门财务收支预算总表', 'tables'],
    ['部门“三公”经费和机关运行经费预算表', 'tables'],
    ['2026年单位支出预算总表', 'tables'],
    ['目   录', 'contents'],
  ])('%s → %s', (line, kind) => {
    expect(classifyHeading(toLines(line)[0]?.text ?? '')).toBe(kind);
  });

  it.each([
    ['一、部门主要职能    ……………………………………………'],
    ['上海市松江区行政服务中心是负责行政服务管理的部门，为正处级。'],
    ['财政拨款支出主要内容如下：'],
    ['2025年“三公”经费预算数为0.60万元，与2024年预算持平。其中：'],
  ])('is not a heading: %s', (line) => {
    expect(classifyHeading(toLines(line)[0]?.text ?? '')).toBeUndefined();
  });
});

const DOC = `上海市普陀区2025年区级部门预算
 预算主管部门：上海市普陀区人民政府万里街道办事处
                            目   录
一、部门主要职能    ……………………………………
二、部门机构设置    ……………………………………
  1. 2025年部门财务收支预算总表   ……………………
六、其他相关情况说明    ……………………………………
           上海市普陀区人民政府万里街道办事处（部门）
主要职能
  职能正文。
上海市普陀区2025年区级部门预算
           上海市普陀区人民政府万里街道办事处（部门）主要职能
  职能续。
# 机构设置
  机构正文。
名词解释
  解释。
2025年部门预算编制说明
  说明。
2025年部门财务收支预算总表
编制部门：某 单位：元
2025年部门收入预算总表
其他相关情况说明
  一、说明。
甲项目经费情况说明
  一、项目概述
乙项目经费情况说明`;

describe('segmentSections', () => {
  const seg = segmentSections(toLines(DOC));
  const body = (k: Parameters<typeof seg.sections.get>[0]) => seg.sections.get(k)?.lines.map((l) => l.text).filter((t) => t !== '');

  it('finds every section in order and skips the table of contents', () => {
    expect(seg.order).toEqual(['header', 'contents', 'duties', 'institutions', 'glossary', 'explanation', 'tables', 'other-information', 'projects']);
    expect(body('contents')).toHaveLength(4);
  });

  it('joins a heading broken over two lines and drops the heading repeated as page furniture', () => {
    expect(seg.sections.get('duties')?.heading.map((l) => l.no)).toEqual([8, 9]);
    expect(body('duties')).toEqual(['职能正文。', '上海市普陀区2025年区级部门预算', '职能续。']);
  });

  it('keeps every table title and project heading inside their sections', () => {
    expect(body('tables')).toEqual(['2025年部门财务收支预算总表', '编制部门：某 单位：元', '2025年部门收入预算总表']);
    expect(body('projects')).toEqual(['甲项目经费情况说明', '一、项目概述', '乙项目经费情况说明']);
  });

  it('puts everything before the first heading in the header', () => {
    expect(body('header')).toEqual(['上海市普陀区2025年区级部门预算', '预算主管部门：上海市普陀区人民政府万里街道办事处']);
  });
});

describe('segmentSections with a table of contents without leader dots', () => {
  const doc = `上海市某区2026年区级部门预算
预算主管部门：某局
目录
一、部门主要职能 3
二、部门机构设置 4
三、名词解释 5
四、部门预算编制说明 6
五、其他相关情况说明 9
一、部门主要职能
职能正文。
二、部门机构设置
机构正文。
三、名词解释
解释。
四、部门预算编制说明
说明。
五、其他相关情况说明
其他。`;
  const seg = segmentSections(toLines(doc));

  it('treats headings that recur later as contents entries', () => {
    expect(seg.sections.get('contents')?.lines.map((l) => l.no)).toEqual([4, 5, 6, 7, 8]);
    expect(seg.sections.get('duties')?.heading.map((l) => l.no)).toEqual([9]);
    expect(seg.sections.get('other-information')?.lines.map((l) => l.text)).toEqual(['其他。']);
  });
});
