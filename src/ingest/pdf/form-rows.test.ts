/**
 * A performance declaration's form drawn as a browser prints an HTML table: every cell bordered on
 * its own (rules meeting end to end), each cell's text close to its borders, a cell's text wrapped
 * onto two lines, and rows without any figure (the particulars, the indicators). Read back, every
 * ruled row keeps its cells (TAB-separated), and the declaration reader reads the form from them.
 */
import { describe, expect, it } from 'vitest';
import type { PerformanceDeclaration } from '#domain/index.ts';
import { parsePdfDocument } from './index.ts';
import { makeTestPdf, type PageDraw } from './testing.ts';

const SIZE = 10;
const PAD = 2;
const LINE = 14;

/** A cell: its lines (one, or a text wrapped onto two) and its width. */
type Cell = readonly [lines: readonly string[], width: number];

/** One ruled row from `top` down: each cell bordered on its own, text tight against its left border. */
const formRow = (p: PageDraw, top: number, cells: readonly Cell[]): number => {
  const lines = Math.max(...cells.map(([ls]) => ls.length));
  const bottom = top - lines * LINE - 6;
  let x = 40;
  for (const [ls, width] of cells) {
    p.line(x, top, x + width, top);
    p.line(x, bottom, x + width, bottom);
    p.line(x, bottom, x, top);
    p.line(x + width, bottom, x + width, top);
    ls.forEach((t, i) => p.cjk(x + PAD, top - 3 - (i + 1) * LINE + 3, t, SIZE));
    x += width;
  }
  return bottom;
};

/** A cell just wide enough for its longest line (one em per character) and its padding. */
const fit = (...ls: string[]): Cell => [ls, Math.max(...ls.map((l) => [...l].length)) * SIZE + 2 * PAD];

const declaration = (p: PageDraw): void => {
  p.cjk(120, 560, '上海市某某中心2024年财政支出项目绩效目标申报表', 16);
  p.cjk(40, 530, '项目经费情况说明 1 系统运维', 12);
  p.cjk(40, 510, '七、绩效目标', 12);
  p.cjk(40, 490, '见财政项目支出绩效目标申报表。', 12);
  p.cjk(300, 470, '财政项目支出绩效目标申报表 1', 12);
  let y = 455;
  y = formRow(p, y, [fit('项目名称'), fit('系统运维'), fit('项目性质'), fit('其他经常性项目'), fit('项目类别'), fit('特定目标类')]);
  y = formRow(p, y, [fit('主管部门'), fit('上海市某某区某某委员会'), fit('实施单位'), fit('上海市某某区某某中心')]);
  y = formRow(p, y, [fit('计划开始日期'), fit('2024-01-01'), fit('计划完成日期'), fit('2024-12-31')]);
  y = formRow(p, y, [fit('项目资金(元)'), fit('项目资金总额'), fit('1,000.00'), fit('年度资金申请总额'), fit('1,000.00')]);
  y = formRow(p, y, [fit('项目绩效目标'), fit('项目总目标'), fit('年度总体目标')]);
  y = formRow(p, y, [fit(''), fit('全年完成系统运维。')]);
  y = formRow(p, y, [fit('一级指标'), fit('二级指标'), fit('三级指标'), fit('年度(/项目)指标值')]);
  y = formRow(p, y, [fit('产出指标'), fit('数量指标'), fit('全年完成运维次数'), fit('=12(次)')]);
  formRow(p, y, [fit('效益指标'), fit('社会效益指标'), fit('系统运行稳定率', '保持在高位'), fit('≥95%')]);
};

describe('a form of figure-less ruled rows, each cell bordered on its own', () => {
  it('keeps every row’s cells, a wrapped cell joined, and reads the form', async () => {
    const r = await parsePdfDocument(await makeTestPdf({ pages: [declaration] }));
    if (process.env['PDF_DEBUG']) console.log(r.text);
    const lines = r.text?.split('\n') ?? [];
    expect(lines).toContain('项目名称\t系统运维\t项目性质\t其他经常性项目\t项目类别\t特定目标类');
    expect(lines).toContain('主管部门\t上海市某某区某某委员会\t实施单位\t上海市某某区某某中心');
    expect(lines).toContain('计划开始日期\t2024-01-01\t计划完成日期\t2024-12-31');
    expect(lines).toContain('产出指标\t数量指标\t全年完成运维次数\t=12(次)');
    expect(lines).toContain('效益指标\t社会效益指标\t系统运行稳定率保持在高位\t≥95%');
    expect(r.kind).toBe('performance-declaration');
    const form = (r.document as PerformanceDeclaration).projects[0]?.form;
    expect(form?.supervisor).toBe('上海市某某区某某委员会');
    expect(form?.implementer).toBe('上海市某某区某某中心');
    expect(form?.plannedEnd).toBe('2024-12-31');
    expect(form?.indicators.map((i) => [i.level1, i.level2, i.level3, i.raw])).toEqual([
      ['产出指标', '数量指标', '全年完成运维次数', '=12(次)'],
      ['效益指标', '社会效益指标', '系统运行稳定率保持在高位', '≥95%'],
    ]);
  });
});
