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
    // Wording variants seen in other documents (src/reference/disclosure-vocabulary.ts).
    ['第四部分 2025年部门预算情况说明', 'explanation'],
    ['（四）部门预算编制说明', 'explanation'],
    ['其它相关情况说明', 'other-information'],
    ['第六部分：其他相关情况说明', 'other-information'],
    ['项目支出情况说明', 'projects'],
    ['科技创新专项经费情况说明', 'projects'],
    ['五、单位预算表', 'tables'],
    ['2025年上海市松江区数据局财务收支预算总表', 'tables'],
    ['表2 2025年预算单位收入预算总表', 'tables'],
    ['部门职责', 'duties'],
  ])('%s → %s', (line, kind) => {
    expect(classifyHeading(toLines(line)[0]?.text ?? '')).toBe(kind);
  });

  it.each([
    ['一、部门主要职能    ……………………………………………'],
    ['上海市松江区行政服务中心是负责行政服务管理的部门，为正处级。'],
    ['财政拨款支出主要内容如下：'],
    ['2025年“三公”经费预算数为0.60万元，与2024年预算持平。其中：'],
    ['一、2025年“三公”经费预算情况说明'],
    ['详见项目经费情况说明'],
    ['三、政府采购预算情况说明'],
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
    // The repeat (line 12) is kept with the heading, out of the body.
    expect(seg.sections.get('duties')?.heading.map((l) => l.no)).toEqual([8, 9, 12]);
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

describe('segmentSections with contents that are not marked as contents', () => {
  // Putuo's layout: no leader dots, no page numbers, and the first heading right after the last entry.
  const doc = `上海市普陀区2025年区级单位预算
预算单位：某办公室
一、单位主要职能
二、单位机构设置
三、名词解释
四、单位预算编制说明
五、单位预算表
  1. 2025年预算单位财务收支预算总表
  9.2025年单位“三公”经费和机关运行经费预算表
六、其他相关情况说明
某办公室主要职能
  职能正文。
某办公室机构设置
  机构正文。
名词解释
  解释。
2025年单位预算编制说明
  说明。
2025年预算单位财务收支预算总表
编制单位：某办公室 单位：元
2025年单位“三公”经费和机关运行经费预算表
其他相关情况说明
  一、2025年“三公”经费预算情况说明
  说明正文。`;
  const seg = segmentSections(toLines(doc));

  it('recognises the list of parts as contents and the heading after it as a heading', () => {
    expect(seg.sections.get('contents')?.lines.map((l) => l.no)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(seg.sections.get('duties')?.heading.map((l) => l.no)).toEqual([11]);
    expect(seg.sections.get('duties')?.lines.map((l) => l.text)).toEqual(['职能正文。']);
  });

  it('reads every section from the body, the tables included', () => {
    expect(seg.order).toEqual(['header', 'contents', 'duties', 'institutions', 'glossary', 'explanation', 'tables', 'other-information']);
    expect(seg.sections.get('tables')?.lines.map((l) => l.no)).toEqual([19, 20, 21]);
    expect(seg.sections.get('other-information')?.lines.map((l) => l.text)).toEqual(['一、2025年“三公”经费预算情况说明', '说明正文。']);
  });

  it('gives the same sections when the contents are markdown bullets, dotted, or absent', () => {
    const lines = doc.split('\n');
    const bulleted = [...lines.slice(0, 2), ...lines.slice(2, 10).map((l) => `- ${l.trim()}`), ...lines.slice(10)].join('\n');
    const dotted = [...lines.slice(0, 2), ...lines.slice(2, 10).map((l) => `${l}……………… 3`), ...lines.slice(10)].join('\n');
    const none = [...lines.slice(0, 2), ...lines.slice(10)].join('\n');
    const shape = (text: string) => {
      const s = segmentSections(toLines(text));
      return [...s.sections.values()].filter((x) => x.kind !== 'contents').map((x) => [x.kind, x.lines.map((l) => l.text)]);
    };
    expect(shape(bulleted)).toEqual(shape(doc));
    expect(shape(dotted)).toEqual(shape(doc));
    expect(shape(none)).toEqual(shape(doc));
  });

  it('reopens a section printed in two stretches', () => {
    const two = segmentSections(toLines(`${doc}\n某办公室机构设置\n  机构续。`));
    expect(two.sections.get('institutions')?.lines.map((l) => l.text)).toEqual(['机构正文。', '机构续。']);
  });
});
