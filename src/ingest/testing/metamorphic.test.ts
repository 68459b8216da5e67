/** Each transform does what it says, on small strings. */
import { describe, expect, it } from 'vitest';
import type { BudgetDisclosure } from '#domain/index.ts';
import {
  attachmentPrefix,
  blankLinesBetween,
  contentsLeaderDots,
  contentsMarkdown,
  contentsPlain,
  contentsRemoved,
  departmentInTitles,
  diffProjections,
  explanationAfterTables,
  findContents,
  findHeadings,
  headerCellsSplit,
  levelWordingSwapped,
  oneCellPerLine,
  otherInformationBeforeTables,
  pageBreaks,
  projectModel,
  proseRewrapped,
  renumberHeadings,
  rowCells,
  spacesToTabs,
  tableNumberOf,
  tableNumberPrefixes,
  tabsToSpaces,
  titlesSplit,
  TRANSFORMS,
} from './metamorphic.ts';

const DOC = [
  '上海市普陀区2025年区级部门预算',
  '  预算主管部门：上海市普陀区某某局',
  '                 目   录',
  '一、部门主要职能 ……………………………',
  '二、部门预算编制说明 …………………………',
  '三、部门预算表 ……………………………',
  '  1. 2025年部门支出预算总表 …………………',
  '四、其他相关情况说明 ………………………',
  '             上海市普陀区某某局主要职能',
  '  负责全区某某工作，承担某某事务。',
  '             2025年部门预算编制说明',
  '  2025年，上海市普陀区某某局收入预算9,101.68万元，其中：财政拨款收入9,101.68万元。',
  '\f               2025年部门支出预算总表',
  '编制部门：上海市普陀区某某局                 单位：元',
  '      项目           合计          基本支出       项目支出',
  '201   03   01   行政运行      12,029,501.84   11,919,501.84   110,000.00',
  '          合计           12,029,501.84   11,919,501.84   110,000.00',
  '                 其他相关情况说明',
  '  一、机关运行经费预算213.28万元。',
].join('\n');

const L = (s: string): string[] => s.split('\n');

describe('structure', () => {
  it('finds the contents, the body headings and the tables', () => {
    expect(findContents(L(DOC))).toMatchObject({ start: 2, end: 8 });
    expect(findHeadings(L(DOC)).map((h) => h.kind)).toEqual(['duties', 'explanation', 'other']);
    expect(tableNumberOf('\f   2025年部门支出预算总表')).toBe(3);
    expect(tableNumberOf('2025年单位“三公”经费和机关运行经费预算表')).toBe(9);
    expect(tableNumberOf('2025年预算单位一般公共预算基本支出部门预算经济分类预算表')).toBe(8);
    expect(tableNumberOf('  1. 2025年部门支出预算总表 ……')).toBeUndefined();
  });
});

describe('contents', () => {
  it('removed: the 目录 line and its entries go, nothing else', () => {
    const out = contentsRemoved(DOC);
    expect(out).not.toContain('目   录');
    expect(out).not.toContain('……');
    expect(L(out)).toHaveLength(L(DOC).length - 6);
    expect(out).toContain('2025年部门预算编制说明');
  });
  it('plain: no leader dots, no page numbers', () => {
    const out = contentsPlain(DOC);
    expect(L(out).slice(3, 8)).toEqual(['一、部门主要职能', '二、部门预算编制说明', '三、部门预算表', '  1. 2025年部门支出预算总表', '四、其他相关情况说明']);
  });
  it('markdown: `- ` bullets, nested entries indented', () => {
    expect(L(contentsMarkdown(DOC)).slice(3, 8)).toEqual(['- 一、部门主要职能', '- 二、部门预算编制说明', '- 三、部门预算表', '  - 1. 2025年部门支出预算总表', '- 四、其他相关情况说明']);
  });
  it('leader dots with page numbers', () => {
    const out = L(contentsLeaderDots(contentsPlain(DOC)));
    expect(out[3]).toMatch(/^一、部门主要职能…{4,}\d+$/);
    expect(out[6]).toMatch(/^ {2}1\. 2025年部门支出预算总表…{4,}\d+$/);
  });
  it('a document without contents comes back unchanged', () => {
    const none = contentsRemoved(DOC);
    for (const t of [contentsRemoved, contentsPlain, contentsMarkdown, contentsLeaderDots]) expect(t(none)).toBe(none);
  });
});

describe('headings', () => {
  it('renumbered in the body and in the contents’ top level', () => {
    const part = L(renumberHeadings('part')(DOC));
    expect(part[3]).toBe('第一部分 部门主要职能 ……………………………');
    expect(part[6]).toBe('  1. 2025年部门支出预算总表 …………………');
    expect(part[8]?.trim()).toBe('第一部分 上海市普陀区某某局主要职能');
    expect(part[10]?.trim()).toBe('第二部分 2025年部门预算编制说明');
    expect(part[17]?.trim()).toBe('第三部分 其他相关情况说明');
    expect(L(renumberHeadings('paren')(DOC))[17]?.trim()).toBe('（三）其他相关情况说明');
    expect(L(renumberHeadings('cn')(DOC))[10]?.trim()).toBe('二、2025年部门预算编制说明');
    const none = L(renumberHeadings('none')(renumberHeadings('cn')(DOC)));
    expect(none[3]).toBe('部门主要职能 ……………………………');
    expect(none[10]?.trim()).toBe('2025年部门预算编制说明');
  });
});

describe('reordering', () => {
  it('moves 其他相关情况说明 in front of the tables', () => {
    const out = L(otherInformationBeforeTables(DOC));
    expect(out.findIndex((l) => l.trim() === '其他相关情况说明')).toBeLessThan(out.findIndex((l) => l.includes('2025年部门支出预算总表') && !l.includes('…')));
    expect([...out].sort()).toEqual([...L(DOC)].sort());
  });
  it('moves the explanation after the tables', () => {
    const out = L(explanationAfterTables(DOC));
    const expl = out.findIndex((l) => l.trim() === '2025年部门预算编制说明');
    expect(expl).toBeGreaterThan(out.findIndex((l) => l.includes('          合计')));
    expect(expl).toBeLessThan(out.findIndex((l) => l.trim() === '其他相关情况说明'));
    expect([...out].sort()).toEqual([...L(DOC)].sort());
  });
});

describe('titles and wording', () => {
  it('部门 ↔ 单位: tables become 预算单位 (table 9 单位), headings 单位; the economic classification keeps 部门', () => {
    const out = levelWordingSwapped(DOC);
    expect(out).toContain('2025年预算单位支出预算总表');
    expect(out).toContain('1. 2025年预算单位支出预算总表');
    expect(out).toContain('一、单位主要职能');
    expect(out).toContain('2025年单位预算编制说明');
    expect(out).toContain('上海市普陀区2025年区级部门预算');
    const nine = levelWordingSwapped('2025年部门“三公”经费和机关运行经费预算表\n2025年部门一般公共预算基本支出部门预算经济分类预算表');
    expect(nine).toBe('2025年单位“三公”经费和机关运行经费预算表\n2025年预算单位一般公共预算基本支出部门预算经济分类预算表');
    expect(levelWordingSwapped(out)).toContain('2025年部门支出预算总表');
  });
  it('puts the department’s name into body table titles, and 表N prefixes', () => {
    expect(departmentInTitles(DOC)).toContain('\f               2025年上海市普陀区某某局部门支出预算总表');
    expect(departmentInTitles(DOC)).toContain('1. 2025年部门支出预算总表');
    expect(tableNumberPrefixes(DOC)).toContain('\f               表3 2025年部门支出预算总表');
  });
  it('splits titles over two lines', () => {
    const out = L(titlesSplit(DOC));
    expect(out[12]).toMatch(/^\f {15}\S+$/);
    expect(out[13]).toMatch(/^ {15}\S+$/);
    expect(`${out[12]?.trim()}${out[13]?.trim()}`).toBe('2025年部门支出预算总表');
    expect(Math.abs((out[12]?.trim().length ?? 0) - (out[13]?.trim().length ?? 0))).toBeLessThanOrEqual(1);
  });
  it('splits header cells over lines, second halves under the first', () => {
    const out = L(headerCellsSplit(DOC));
    const header = L(DOC)[14] ?? '';
    expect(out[14]).toBe(`      项目           合计          基本${' '.repeat(9)}项目`);
    // Every cell keeps its column: both halves start where the word began.
    expect(out[14]?.indexOf('基本')).toBe(header.indexOf('基本支出'));
    expect(out[14]?.lastIndexOf('项目')).toBe(header.indexOf('项目支出'));
    expect(out[15]?.indexOf('支出')).toBe(header.indexOf('基本支出'));
    expect(out[15]?.lastIndexOf('支出')).toBe(header.indexOf('项目支出'));
  });
});

describe('layout', () => {
  it('re-wraps prose only between CJK characters', () => {
    const out = proseRewrapped(10)(DOC);
    const wrapped = L(out).slice(11, 20).join('|');
    expect(wrapped).toContain('9,101.68');
    expect(out.replace(/\n/g, '')).toBe(DOC.replace(/\n/g, ''));
    for (const l of L(out).slice(9, 20)) if (l.trim().length > 0 && !l.includes('  ')) expect([...l.trim()].length).toBeLessThanOrEqual(40);
  });
  it('tabs ↔ spaces', () => {
    expect(spacesToTabs('  201   03  行政运行   1.00 2.00')).toBe('  201\t03\t行政运行\t1.00 2.00');
    expect(tabsToSpaces('a\tb')).toBe('a    b');
  });
  it('one cell per line, codes kept whole, single-spaced figures apart', () => {
    expect(rowCells('201 03 01 行政运行 1,000.00 0')).toEqual(['201 03 01', '行政运行', '1,000.00', '0']);
    expect(rowCells('一、财政拨款收入     91,016,775.35 一、一般公共服务支出  82,096,797.42')).toEqual(['一、财政拨款收入', '91,016,775.35', '一、一般公共服务支出', '82,096,797.42']);
    const out = L(oneCellPerLine(DOC));
    // 类 / 款 / 项 printed in columns of their own are cells of their own.
    expect(out.slice(15, 22)).toEqual(['201', '03', '01', '行政运行', '12,029,501.84', '11,919,501.84', '110,000.00']);
  });
  it('blank lines, 附件1, page furniture', () => {
    expect(blankLinesBetween('a\nb')).toBe('a\n\nb');
    expect(L(attachmentPrefix(DOC))[0]).toBe('附件1 上海市普陀区2025年区级部门预算');
    const paged = pageBreaks(5)(DOC);
    expect(paged).toContain('- 1 -');
    expect(paged.split('\f').length).toBeGreaterThan(DOC.split('\f').length);
    const titled = L(pageBreaks(14, true)(DOC));
    expect(titled.filter((l) => l.includes('2025年部门支出预算总表') && !l.includes('…'))).toHaveLength(2);
  });
  it('every listed transform changes the sample or has a reason not to', () => {
    for (const t of TRANSFORMS) expect(typeof t.transform(DOC)).toBe('string');
  });
});

describe('projection', () => {
  it('drops provenance and compares facts', () => {
    const fig = (amount: number, line: number) => ({ amount: amount as never, raw: String(amount), unit: '元' as const, source: { line } });
    const doc = (line: number, amount: number): BudgetDisclosure => ({
      kind: 'budget-disclosure',
      level: 'department',
      phase: 'budget',
      header: { line },
      tables: [
        {
          number: 3,
          standardName: 's',
          title: { text: `t${line}`, source: { line } },
          unit: '元',
          columns: ['合计'],
          rows: [{ kind: 'item', code: { scheme: 'functional', segments: ['201'] }, name: '一般 公共服务支出', cells: [{ column: '合计', figure: fig(amount, line) }], line }],
        },
      ],
      otherInformation: {},
      projects: [],
    });
    expect(projectModel(doc(1, 5))).toEqual(projectModel(doc(99, 5)));
    expect(projectModel(doc(1, 5))).toContain('T3||201|合计=5');
    expect(diffProjections(projectModel(doc(1, 5)), projectModel(doc(1, 6)))).toEqual({ lost: ['T3||201|合计=5'], gained: ['T3||201|合计=6'] });
  });
});
