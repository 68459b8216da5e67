import { describe, expect, it } from 'vitest';
import { toLines } from '../text.ts';
import { readDuties, readHeader, readInstitutions } from './front-matter.ts';
import { narrativeOf } from './testing.ts';

describe('readHeader', () => {
  it('reads title, district, year and supervising department (corpus)', () => {
    const lines = toLines('\n上海市松江区2025年区级部门预算\n\n预算主管部门：上海市松江区行政服务中心');
    const h = readHeader(lines, lines);
    expect(h.header).toMatchObject({
      title: { text: '上海市松江区2025年区级部门预算', source: { line: 2 } },
      district: '上海市松江区',
      year: 2025,
      department: '上海市松江区行政服务中心',
      line: 2,
    });
    expect(h.level).toBe('department');
    expect(h.phase).toBe('budget');
  });

  it('reads a unit budget with a title broken over two lines and markdown', () => {
    const lines = toLines('# 北京市海淀区2026年\n# 单位预算\n预算单位: 北京市海淀区某某中心');
    const h = readHeader(lines, lines);
    expect(h.header).toMatchObject({ district: '北京市海淀区', year: 2026, department: '北京市海淀区某某中心' });
    expect(h.level).toBe('unit');
  });

  it('reads a title and its department printed on one line', () => {
    const lines = toLines('上海市某区2026年区级部门预算    预算主管部门：上海市某区某局');
    expect(readHeader(lines, lines).header).toMatchObject({ title: { text: '上海市某区2026年区级部门预算' }, year: 2026, department: '上海市某区某局' });
  });

  it('recognises an adjusted budget', () => {
    const lines = toLines('上海市松江区2025年区级部门调整预算');
    expect(readHeader(lines, lines).phase).toBe('adjusted');
  });

  it('leaves fields absent when there is no title', () => {
    const lines = toLines('随便一段文字');
    expect(readHeader(lines, lines).header).toEqual({ line: 1 });
  });
});

describe('readDuties', () => {
  it.each([
    ['内设人事科、信息保障科、宣传科\n、审批协调科、产业项目服务科、区域联络科、窗口服务科7个科室。主要工作职责如下：', 7, 2],
    ['内设办公室（党群科）、数字产业科、基础设施科、数字推进科、政府职能转变协调科（政务服务科）5个\n科室。', 5, 1],
    ['本局内设机构共十二个，分别为……', 12, 1],
    ['内设5个职能科室。', 5, 1],
  ])('counts internal offices: %s', (text, count, line) => {
    const d = readDuties(narrativeOf(text, 'duties'));
    expect(d.internalOffices).toMatchObject({ value: count, source: { line, section: 'duties' } });
  });

  it('has no count when none is stated, and keeps the numbered duties readable', () => {
    const d = readDuties(narrativeOf('主要职能包括：\n   一、加强党的建设。落实基层党建责任制。\n   二、统筹社区发展。', 'duties'));
    expect(d.internalOffices).toBeUndefined();
    expect(d.text.text).toBe('主要职能包括：\n一、加强党的建设。落实基层党建责任制。\n二、统筹社区发展。');
  });
});

describe('readInstitutions', () => {
  it('reads one unit named inline (Songjiang)', () => {
    const i = readInstitutions(narrativeOf('    本部门中，事业单位1家，为上海市松江区行政服务中心。', 'institutions'));
    expect(i.counts.map((c) => [c.type, c.count.value])).toEqual([['事业单位', 1]]);
    expect(i.unitNames).toEqual(['上海市松江区行政服务中心']);
  });

  it('reads spaced counts and a numbered list (Putuo)', () => {
    const i = readInstitutions(
      narrativeOf(
        `本部门中，行政单位 1 家，参公单位 1 家，事业单位 4 家，具体包括：
1. 上海市普陀区人民政府万里街道办事处（本部）。
2. 上海市普陀区万里街道社区事务受理服务中心。`,
        'institutions',
      ),
    );
    expect(i.counts.map((c) => [c.type, c.count.value, c.count.source.line])).toEqual([
      ['行政单位', 1, 1],
      ['参公单位', 1, 1],
      ['事业单位', 4, 1],
    ]);
    expect(i.unitNames).toEqual(['上海市普陀区人民政府万里街道办事处（本部）', '上海市普陀区万里街道社区事务受理服务中心']);
  });

  it('reads a list separated by 、 and Chinese-numeral counts', () => {
    const i = readInstitutions(narrativeOf('本部门共有行政单位一家、全额拨款事业单位两家，包括：甲局、乙中心、丙所。', 'institutions'));
    expect(i.counts.map((c) => [c.type, c.count.value])).toEqual([
      ['行政单位', 1],
      ['全额拨款事业单位', 2],
    ]);
    expect(i.unitNames).toEqual(['甲局', '乙中心', '丙所']);
  });
});
