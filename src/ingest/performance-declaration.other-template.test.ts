/**
 * The finance bureau's other template (财政项目支出绩效目标申报表 as the document title), in a
 * hand-written fixture: three projects of the corpus declaration re-typed one cell per line with
 * blank lines between lines, labels wrapped in their cells (`一级指` / `标`, `成本指` / `标`,
 * `项目` / `类别`, `项目名` / `称`), unit names wrapped, a 万元 form, a `附件1` mark, a title split
 * over two lines, a page number inside a form and prose after the last form.
 *
 * Every expected value below was typed by hand from the fixture (and the corpus it was re-typed
 * from), not copied from the reader's output.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTarget } from '#domain/index.ts';
import type { PerformanceForm } from '#domain/index.ts';
import { fixturePath } from '../../test/corpus.ts';
import { detectDocumentKind } from './detect.ts';
import { parsePerformanceDeclaration } from './performance-declaration.ts';

const source = readFileSync(fixturePath('declarations', 'other-template-one-cell-per-line.txt'), 'utf8');
const { document, diagnostics } = parsePerformanceDeclaration(source);

const indicatorsOf = (f: PerformanceForm | undefined): string[][] =>
  (f?.indicators ?? []).map((i) => [i.level1, i.level2, i.level3, formatTarget(i.target)]);
const fundsOf = (f: PerformanceForm | undefined): Record<string, [number, string]> =>
  Object.fromEntries(Object.entries(f?.funds ?? {}).map(([k, v]) => [k, [v.amount, v.unit]]));

describe('a declaration in the other template, one cell per line', () => {
  it('reads the header: department wrapped over two lines above the title, year beside it, 附件1 dropped', () => {
    expect(document.header).toMatchObject({ district: '上海市松江区', year: 2024, department: '上海市松江区科技创新服务中心' });
    expect(document.header.title?.text.replace(/\s+/g, '')).toBe('上海市松江区科技创新服务中心2024年财政项目支出绩效目标申报表');
    expect(document.summary?.projects?.value).toBe(3);
    expect(document.summary?.amount?.amount).toBe(156_335_600); // 156.3356 万元
  });

  it('pairs three explanations (headed `项目经费情况说明 N--名称`) with three forms', () => {
    expect(document.projects.map((p) => [p.explanation?.ordinal, p.explanation?.name, p.form?.ordinal, p.form?.year])).toEqual([
      [1, '编外人员工作经费', 1, 2024],
      [2, '短信平台月租费', 2, 2024],
      [3, '设备更新、维护费（外专服务）', 3, 2024],
    ]);
  });

  it('reads the labelled fields, wrapped labels and wrapped unit names included', () => {
    const forms = document.projects.map((p) => p.form);
    for (const f of forms) {
      expect(f).toMatchObject({
        nature: '其他经常性项目',
        category: '特定目标类',
        supervisor: '上海市松江区科学技术委员会',
        implementer: '上海市松江区科技创新服务中心',
        plannedStart: '2024-01-01',
        plannedEnd: '2024-12-31',
      });
    }
    expect(forms.map((f) => f?.name)).toEqual(['编外人员工作经费', '短信平台月租费', '设备更新、维护费（外专服务）']);
  });

  it('reads 项目总目标 beside 年度总体目标', () => {
    const [f1, f2] = document.projects.map((p) => p.form);
    expect(f1?.overallGoal?.text).toBe('保障编外人员工资薪酬、餐费和体检经费足额落实。');
    expect(f1?.annualGoal?.text).toBe('每月按时发放人员工资福利待遇，按照相关规定安排体检。');
    expect(f2?.overallGoal).toBeUndefined();
    expect(f2?.annualGoal?.text).toBe('短信平台服务于政府各应用系统，确保系统能够长期、安全、稳定、高效的运行。');
  });

  it('reads every fund amount in 分, the 万元 form converted exactly', () => {
    const [f1, f2, f3] = document.projects.map((p) => p.form);
    // Form 1 prints 项目资金 / （万元）: 144.3356 万元 = 1,443,356.00 元 = 144,335,600 分.
    expect(fundsOf(f1)).toEqual({
      total: [144_335_600, '万元'],
      fiscal: [144_335_600, '万元'],
      annualTotal: [144_335_600, '万元'],
      annualFiscal: [144_335_600, '万元'],
      carryOver: [0, '万元'],
      annualOther: [0, '万元'],
    });
    expect(fundsOf(f2)).toEqual({
      total: [9_000_000, '元'],
      fiscal: [9_000_000, '元'],
      annualTotal: [9_000_000, '元'],
      annualFiscal: [9_000_000, '元'],
      carryOver: [0, '元'],
      annualOther: [0, '元'],
    });
    expect(fundsOf(f3)).toEqual({
      total: [3_000_000, '元'],
      fiscal: [3_000_000, '元'],
      annualTotal: [3_000_000, '元'],
      annualFiscal: [3_000_000, '元'],
      carryOver: [0, '元'],
      annualOther: [0, '元'],
    });
  });

  it('reads every indicator of form 1', () => {
    expect(indicatorsOf(document.projects[0]?.form)).toEqual([
      ['产出指标', '数量指标', '全年发放工资薪酬', '=139.20(万元)'],
      ['产出指标', '数量指标', '全年发放餐费', '=4.32(万元)'],
      ['产出指标', '数量指标', '一次性体检费', '=0.81(万元)'],
      ['产出指标', '质量指标', '发放到位', '=100.00(%)'],
      ['产出指标', '质量指标', '资金按实足额发放', '=100.00(%)'],
      ['产出指标', '质量指标', '年度考核', '合格及以上'],
      ['产出指标', '时效指标', '工资薪酬、餐费按时发放', '每月20日前'],
      ['产出指标', '时效指标', '及时安排体检', '2024年10月前'],
      ['效益指标', '社会效益指标', '积极调动员工工作积极性', '提升'],
      ['效益指标', '可持续影响指标', '长效管理制度健全性和执行有效性', '健全有效'],
      ['满意度指标', '服务对象满意度指标', '员工满意度', '≥90.00(%)'],
    ]);
  });

  it('reads every indicator of form 2 (成本指 / 标 wrapped, a page number inside)', () => {
    expect(indicatorsOf(document.projects[1]?.form)).toEqual([
      ['成本指标', '经济成本指标', '基础月租费', '=700.00(元/月)'],
      ['产出指标', '数量指标', '每月发送量', '=2.00(万条/月)'],
      ['产出指标', '数量指标', '对接运营商数量', '=3.00(家)'],
      ['产出指标', '数量指标', '对接平台数量', '=12.00(个)'],
      ['产出指标', '质量指标', '发送成功率', '≥99.00(%)'],
      ['产出指标', '质量指标', '工作效率', '提高'],
      ['产出指标', '质量指标', '接口稳定性', '稳定'],
      ['产出指标', '时效指标', '接收短信时间', '≤3.00(分钟)'],
      ['效益指标', '社会效益指标', '系统运行稳定率', '全年稳定运行率≥95%'],
      ['效益指标', '可持续影响指标', '系统安全性可持续发展', '安全可持续'],
      ['满意度指标', '服务对象满意度指标', '投诉次数', '全年≤5次'],
    ]);
  });

  it('reads every indicator of form 3, and not the prose after it', () => {
    expect(indicatorsOf(document.projects[2]?.form)).toEqual([
      ['产出指标', '数量指标', '设备耗材采购完成率', '=100.00(%)'],
      ['产出指标', '数量指标', '设备故障维修率', '=100.00(%)'],
      ['产出指标', '数量指标', '维护系统数量', '=2.00(个)'],
      ['产出指标', '质量指标', '设备耗材验收合格率', '=100.00(%)'],
      ['产出指标', '质量指标', '设备故障维修验收合格率', '=100.00(%)'],
      ['产出指标', '质量指标', '设备维护质量良好性', '良好'],
      ['产出指标', '时效指标', '设备耗材采购及时率', '按计划及时完成'],
      ['产出指标', '时效指标', '设备故障维修完成及时率', '按计划及时完成'],
      ['效益指标', '社会效益指标', '卡片信息准确性', '准确'],
      ['效益指标', '社会效益指标', '证件应办尽办率', '=100.00(%)'],
      ['效益指标', '可持续影响指标', '设备维护制度健全性', '建立健全'],
      ['满意度指标', '服务对象满意度指标', '用人企业满意度', '满意'],
      ['满意度指标', '服务对象满意度指标', '服务对象满意度', '满意'],
    ]);
  });

  it('completes a 项目名称 wrapped in its cell from the explanation’s name', () => {
    const wrapped = source.replace('项目名称\n\n短信平台月租费\n\n项目性质\n\n其他经常性项目\n\n项目类别\n\n特定目标类', '项目名称\n\n短信平台\n\n项目性质\n\n其他经常性项目\n\n项目类别\n\n特定目标类\n\n月租费');
    expect(wrapped).not.toBe(source);
    const r = parsePerformanceDeclaration(wrapped);
    expect(r.document.projects[1]?.form?.name).toBe('短信平台月租费');
    expect(r.diagnostics.map((d) => d.code)).not.toContain('form-cell-unplaced');
  });

  it('is recognised as a declaration', () => {
    expect(detectDocumentKind(source)).toBe('performance-declaration');
  });

  it('says which lines it did not read, and nothing worse', () => {
    const unread = diagnostics.find((d) => d.code === 'declaration-text-unread');
    const proseLine = source.split('\n').findIndex((l) => l.startsWith('以上三个项目的绩效目标')) + 1;
    expect(unread?.location?.line).toBe(proseLine);
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });
});

describe('the fixture in other renderings reads to the same model', () => {
  const comparable = (d: unknown): unknown =>
    JSON.parse(JSON.stringify(d, function (this: Record<string, unknown>, key, value: unknown) {
      if (key === 'line') return undefined;
      if (key === 'raw' && 'level3' in this) return undefined;
      if (key === 'title' && 'department' in this) return undefined;
      return value;
    }));
  const reference = comparable(document);
  it.each([
    ['without the blank lines', (t: string) => t.replace(/\n\n/g, '\n')],
    ['with CRLF line ends', (t: string) => t.replace(/\n/g, '\r\n')],
    ['with the summary sentence wrapped over two lines', (t: string) => t.replace('涉及项目预算资金', '涉及项\n\n目预算资金')],
    ['with the titles renamed 项目支出绩效目标表', (t: string) => t.replace(/^财政项目支出绩效目标申报表/gm, '项目支出绩效目标表').replace('财政项目支出绩效\n\n目标申报表', '项目支出绩效\n\n目标表')],
    ['with 附件1 on the department’s line', (t: string) => t.replace('附件1\n\n上海市松江区科技创', '附件1 上海市松江区科技创')],
    ['with a unit line over form 1 instead of the unit cell', (t: string) => t.replace('(2024 年度)\n\n项目名称\n\n编外', '(2024 年度)\n\n单位：万元\n\n项目名称\n\n编外').replace('（万元）\n\n其中', '其中')],
  ])('%s', (_what, render) => {
    const rendered = render(source);
    expect(rendered).not.toBe(source);
    expect(comparable(parsePerformanceDeclaration(rendered).document)).toEqual(reference);
  });
});

describe('page furniture inside a form', () => {
  it('a page number with its form feed between two indicator rows is skipped', () => {
    const paged = source.replace('对接平台数量\n\n=12.00(个)', '对接平台数量\n\n=12.00(个)\n\n7\f\n\n');
    expect(paged).not.toBe(source);
    const r = parsePerformanceDeclaration(paged);
    expect(indicatorsOf(r.document.projects[1]?.form)).toEqual(indicatorsOf(document.projects[1]?.form));
  });
});

describe('mutated copies of the fixture', () => {
  const lines = source.split('\n');
  it('never throw, and say what they could not read', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat({ max: lines.length - 1 }), fc.constantFrom('delete', 'duplicate', 'blank')), { minLength: 1, maxLength: 8 }), (ms) => {
        const out = [...lines];
        for (const [at, kind] of ms) {
          if (kind === 'delete') out.splice(at % Math.max(out.length, 1), 1);
          else if (kind === 'duplicate') out.splice(at, 0, out[at] ?? '');
          else out[at % Math.max(out.length, 1)] = '';
        }
        const r = parsePerformanceDeclaration(out.join('\n'));
        expect(r.diagnostics.map((d) => d.code)).not.toContain('reader-failure');
        // indicator vocabulary is always left somewhere: a declaration that reads no indicator says so
        const read = r.document.projects.reduce((n, p) => n + (p.form?.indicators.length ?? 0), 0);
        if (read === 0) expect(r.diagnostics.some((d) => d.severity === 'error')).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});

describe('the header however it is printed', () => {
  const body = [
    '项目经费情况说明 1--东西部扶贫帮困',
    '一、项目概述',
    '上海市松江区人民政府办公室拟于 2024 年实施东西部扶贫帮困项目，经测算，预算资金约 50.00 万元。',
    '财政项目支出绩效目标申报表 1 (2024 年度)',
    '项目名称\t东西部扶贫帮困\t项目性质\t其他经常性项目\t项目类别\t特定目标类',
    '主管部门\t上海市松江区人民政府办公室\t实施单位\t上海市松江区人民政府办公室',
    '项目资金（万元）\t项目资金总额\t50.00\t年度资金申请总额\t50.00',
    '项目绩效目标\t项目总目标\t\t年度总体目标',
    '\t完成东西部扶贫协作三年任务\t\t完成年度帮扶项目',
    '一级指标\t二级指标\t三级指标\t年度指标值',
    '产出指标\t数量指标\t帮扶项目数\t≥3.00(个)',
  ];
  it('a form with no title, its 项目名称 wrapped 项目 / 名称 one cell per line, is found by its labels', () => {
    const text = ['上海市松江区人民政府办公室 2024 年', '财政项目支出绩效目标申报表', ...body.slice(0, 3), '项目', '名称', '东西部扶贫帮困', '项目性质', '其他经常性项目', ...body.slice(6)].join('\n\n');
    const { document: d, diagnostics: ds } = parsePerformanceDeclaration(text);
    expect(d.projects.map((p) => [p.explanation?.name, p.form?.name, p.form?.indicators.length])).toEqual([['东西部扶贫帮困', '东西部扶贫帮困', 1]]);
    expect(d.projects[0]?.form?.funds.total?.amount).toBe(50_000_000);
    expect(ds.filter((x) => x.severity === 'error')).toEqual([]);
  });

  it('a single form under the document title: the title is both', () => {
    const text = ['上海市松江区人民政府办公室 2024 年', '财政项目支出绩效目标申报表', ...body.slice(4)].join('\n');
    const { document: d } = parsePerformanceDeclaration(text);
    expect(d.header).toMatchObject({ department: '上海市松江区人民政府办公室', year: 2024 });
    expect(d.projects.map((p) => p.form?.name)).toEqual(['东西部扶贫帮困']);
  });

  it.each([
    ['department wrapped over two lines above the title', ['上海市松江区人', '民政府办公室 2024 年', '财政项目支出绩效目标申报表']],
    ['department and year on one line under the title', ['财政项目支出绩效目标申报表', '上海市松江区人民政府办公室 2024 年']],
    ['附件1 before the department, renamed title', ['附件1 上海市松江区人民政府办公室2024年项目支出绩效目标表']],
    ['附件1 on its own line, title split over two lines', ['附件1', '上海市松江区人民政府办公室 2024 年财政项目支出', '绩效目标申报表']],
  ])('%s', (_what, head) => {
    const { document: d, diagnostics: ds } = parsePerformanceDeclaration([...head, ...body].join('\n\n'));
    expect(d.header).toMatchObject({ department: '上海市松江区人民政府办公室', district: '上海市松江区', year: 2024 });
    expect(d.projects).toHaveLength(1);
    const p = d.projects[0];
    expect(p?.explanation?.name).toBe('东西部扶贫帮困');
    expect(p?.form).toMatchObject({ ordinal: 1, year: 2024, name: '东西部扶贫帮困' });
    expect(p?.form?.funds.total).toMatchObject({ amount: 50_000_000, unit: '万元' });
    expect([p?.form?.overallGoal?.text, p?.form?.annualGoal?.text]).toEqual(['完成东西部扶贫协作三年任务', '完成年度帮扶项目']);
    expect(p?.form?.indicators.map((i) => [i.level1, i.level2, i.level3, formatTarget(i.target)])).toEqual([['产出指标', '数量指标', '帮扶项目数', '≥3.00(个)']]);
    expect(ds.filter((x) => x.severity === 'error')).toEqual([]);
  });
});

describe('a form of the other template as `pdftotext -layout` prints it', () => {
  // Hand-written: columns aligned by spaces, labels and unit names wrapped inside their cells,
  // 项目总目标 and 年度总体目标 side by side, a category wrapped over three lines (服务对 / 象满意 / 度指标).
  const text = readFileSync(fixturePath('declarations', 'other-template-pdftotext-layout.txt'), 'utf8');
  const { document: d, diagnostics: ds } = parsePerformanceDeclaration(text);
  const f = d.projects[0]?.form;

  it('reads every field', () => {
    expect(d.projects).toHaveLength(1);
    expect(f).toMatchObject({
      ordinal: 1,
      year: 2024,
      name: '东西部扶贫帮困',
      nature: '其他经常性项目',
      category: '特定目标类',
      supervisor: '上海市松江区人民政府办公室',
      implementer: '上海市松江区人民政府办公室',
      plannedStart: '2024-01-01',
      plannedEnd: '2024-12-31',
    });
    expect([f?.overallGoal?.text, f?.annualGoal?.text]).toEqual(['完成东西部扶贫协作三年任务。', '完成年度帮扶项目。']);
  });

  it('reads every amount in 分', () => {
    expect(fundsOf(f)).toEqual({
      total: [500_000_000, '元'],
      fiscal: [500_000_000, '元'],
      annualTotal: [500_000_000, '元'],
      annualFiscal: [500_000_000, '元'],
      carryOver: [0, '元'],
      annualOther: [0, '元'],
    });
  });

  it('reads every indicator', () => {
    expect(indicatorsOf(f)).toEqual([
      ['产出指标', '数量指标', '帮扶项目数', '≥3.00(个)'],
      ['产出指标', '数量指标', '培训乡村干部人次', '≥200.00(人次)'],
      ['产出指标', '质量指标', '项目验收合格率', '=100.00(%)'],
      ['效益指标', '社会效益指标', '带动就业人数', '≥500.00(人)'],
      ['满意度指标', '服务对象满意度指标', '受援地群众满意度', '≥90.00(%)'],
    ]);
    expect(ds.filter((x) => x.severity !== 'info')).toEqual([]);
  });
});

describe('line accounting of a declaration', () => {
  it('names as unread exactly the prose after the last form (lines 635 and 637 of the fixture)', () => {
    const { accounting } = parsePerformanceDeclaration(source);
    expect(accounting?.unread).toEqual([635, 637]);
    expect((accounting?.content ?? 0) + (accounting?.furniture ?? 0) + (accounting?.blank ?? 0) + 2).toBe(accounting?.total);
  });
});
