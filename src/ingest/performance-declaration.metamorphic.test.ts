/**
 * Metamorphic tests on the corpus declaration: re-render it the ways unseen declarations arrive
 * (the finance bureau's other template's labels, one cell per line, blank lines between lines,
 * labels wrapped inside their cells, titles split / prefixed / renamed, forms in 万元) and require
 * the same model. Compared without line numbers, without the title's text (a renamed title is a
 * different text by design; department, district and year are compared) and without what each
 * amount looked like on the page (`raw`, `unit`): the amounts themselves must be identical 分.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PerformanceDeclaration } from '#domain/index.ts';
import { PERFORMANCE_DECLARATIONS, readCorpus } from '../../test/corpus.ts';
import { detectDocumentKind } from './detect.ts';
import { parsePerformanceDeclaration } from './performance-declaration.ts';

const source = readCorpus(PERFORMANCE_DECLARATIONS[0]);

const comparable = (d: PerformanceDeclaration): unknown =>
  JSON.parse(
    JSON.stringify(d, function (this: Record<string, unknown>, key, value: unknown) {
      if (key === 'line') return undefined;
      // an indicator's cell as printed changes with the rendering by design
      if (key === 'raw' && 'level3' in this) return undefined;
      if (key === 'title' && 'department' in this) return undefined;
      if (key === 'funds' && value && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value as Record<string, { amount: number; source: unknown }>).map(([k, m]) => [k, { amount: m.amount, source: m.source }]));
      }
      return value;
    }),
  );

type Rendering = (text: string) => string;
const mapLines = (f: (line: string) => string | string[]): Rendering => (text) => text.split('\n').flatMap(f).join('\n');
const mapTabCells = (f: (cell: string) => string): Rendering => mapLines((l) => (l.includes('\t') ? l.split('\t').map(f).join('\t') : l));

/** `1,443,356.00` (元) → `144.3356` (万元): the decimal point moved four places, as strings, never through a float. */
const yuanToWan = (yuan: string): string => {
  const [int = '', frac = ''] = yuan.replace(/,/g, '').split('.');
  const digits = (int + frac).padStart(frac.length + 5, '0');
  const point = digits.length - frac.length - 4;
  const wan = `${digits.slice(0, point).replace(/^0+(?=\d)/, '')}.${digits.slice(point)}`.replace(/0+$/, '').replace(/\.$/, '');
  return wan;
};

const DOC_TITLE = /^# 上海市松江区科技创新服务中心 2024 年 财政支出项目绩效目标申报表$/;
const FORM_TITLE = /^(\s*(?:<[^>]+>)?)财政项目支出绩效目标申报表/;
/** Cells the other template wraps as `…指` / `标`. */
const WRAPPED_LABEL = /^(?:一级指标|二级指标|三级指标|绩效指标|产出指标|效益指标|满意度指标|成本指标|数量指标|质量指标|时效指标|社会效益指标|经济效益指标|可持续影响指标|服务对象满意度指标|经济成本指标)$/;

const RENDERINGS: Readonly<Record<string, Rendering>> = {
  /** The other template's words: its document title with the department and year on their own line, 当年财政拨款 without 其中, 年度指标值, `N--名称` headings. */
  otherTemplateLabels: mapLines((l) => {
    if (DOC_TITLE.test(l)) return ['上海市松江区科技创新服务中心 2024 年', '财政项目支出绩效目标申报表'];
    return l
      .replace(/其中：当年财政拨款/g, '当年财政拨款')
      .replace(/年度\(\/项目\)指标值/g, '年度指标值')
      .replace(/^(#* *项目经费情况说明) (\d+) /, '$1 $2--');
  }),
  blankLinesBetweenLines: (text) => text.split('\n').join('\n\n'),
  oneCellPerLine: mapLines((l) => (l.includes('\t') ? l.split('\t').map((c) => c.trim()).filter((c) => c !== '') : l)),
  /** `一级指` over `标`: the wrapped tails on a continuation line, as a converter prints a row whose cells wrap. */
  labelsWrapped: mapLines((l) => {
    if (!l.includes('\t')) return l;
    const cells = l.split('\t');
    const split = cells.map((c): [string, string] => {
      const t = c.trim();
      if (WRAPPED_LABEL.test(t)) return [t.slice(0, -1), t.slice(-1)];
      if (t === '项目类别') return ['项目', '类别'];
      return [c, ''];
    });
    if (split.every(([, tail]) => tail === '')) return l;
    return [split.map(([head]) => head).join('\t'), split.map(([, tail]) => tail).join('\t')];
  }),
  titlesSplit: mapLines((l) => {
    if (DOC_TITLE.test(l)) return ['# 上海市松江区科技创新服务中心 2024 年 财政支出项目', '绩效目标申报表'];
    const m = FORM_TITLE.exec(l);
    return m ? [`${m[1] ?? ''}财政项目支出绩效`, `目标申报表${l.slice(m[0].length)}`] : l;
  }),
  attachmentMark: mapLines((l) => (DOC_TITLE.test(l) ? l.replace('# ', '# 附件1 ') : l)),
  attachmentLine: mapLines((l) => (DOC_TITLE.test(l) ? ['附件1', l] : l)),
  titlesRenamed: mapLines((l) => (DOC_TITLE.test(l) ? l.replace('财政支出项目绩效目标申报表', '项目支出绩效目标表') : l.replace(FORM_TITLE, '$1项目支出绩效目标表'))),
  /** Columns aligned by runs of spaces instead of tabs. */
  tabsToSpaces: mapLines((l) => l.replace(/\t/g, '   ')),
  /** Form labels and categories with their characters spaced out (`项 目 名 称`), as some converters print them. */
  spacedOut: mapTabCells((c) => (WRAPPED_LABEL.test(c.trim()) || /^(?:项目名称|项目性质|主管部门|实施单位|项目资金总额|年度资金申请总额|上年结转资金)$/.test(c.trim()) ? [...c.trim()].join(' ') : c)),
  /** Every form amount divided by 10,000 and the forms' unit label saying so. */
  formsInWanYuan: mapTabCells((c) => {
    const t = c.trim();
    if (/^\d{1,3}(?:,\d{3})*\.\d{2}$/.test(t)) return yuanToWan(t);
    return c.replace(/[(（]元[)）]/, '（万元）');
  }),
};

describe('yuanToWan (the test’s own converter)', () => {
  it.each([
    ['1,443,356.00', '144.3356'],
    ['90,000.00', '9'],
    ['15,000.00', '1.5'],
    ['0.00', '0'],
    ['6,079,800.00', '607.98'],
    ['12.34', '0.001234'],
  ])('%s 元 → %s 万元', (yuan, wan) => expect(yuanToWan(yuan)).toBe(wan));
});

describe('the corpus declaration re-rendered reads to the same model', () => {
  const reference = parsePerformanceDeclaration(source);
  const referenceModel = comparable(reference.document);

  it('has something to compare: 11 forms, 144 indicators, every form amount', () => {
    const forms = reference.document.projects.flatMap((p) => (p.form ? [p.form] : []));
    expect(forms).toHaveLength(11);
    expect(forms.reduce((n, f) => n + f.indicators.length, 0)).toBe(144);
    expect(forms.every((f) => f.funds.total !== undefined && f.funds.annualTotal !== undefined)).toBe(true);
  });

  it.each(Object.keys(RENDERINGS))('%s', (name) => {
    const render = RENDERINGS[name];
    if (!render) throw new Error(name);
    const rendered = render(source);
    expect(rendered).not.toBe(source);
    const r = parsePerformanceDeclaration(rendered);
    expect(comparable(r.document)).toEqual(referenceModel);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(detectDocumentKind(rendered)).toBe('performance-declaration');
  });

  it('reads any combination of them to the same model', () => {
    // Cell-level renderings need the tabs; one cell per line and blank lines come last.
    const RANK: Readonly<Record<string, number>> = { spacedOut: 1, labelsWrapped: 1, tabsToSpaces: 2, oneCellPerLine: 2, blankLinesBetweenLines: 3 };
    const rank = (n: string): number => RANK[n] ?? 0;
    fc.assert(
      fc.property(fc.shuffledSubarray(Object.keys(RENDERINGS), { minLength: 2, maxLength: 6 }), (chosen) => {
        const rendered = [...chosen].sort((a, b) => rank(a) - rank(b)).reduce((t, n) => RENDERINGS[n]?.(t) ?? t, source);
        expect(comparable(parsePerformanceDeclaration(rendered).document)).toEqual(referenceModel);
      }),
      { numRuns: 15 },
    );
  });

  it('reads 万元 forms as 万元', () => {
    const r = parsePerformanceDeclaration(RENDERINGS.formsInWanYuan?.(source) ?? '');
    const f1 = r.document.projects[0]?.form;
    expect(f1?.funds.total).toMatchObject({ raw: '144.3356', unit: '万元', amount: 144_335_600 });
  });

  it('reads all renderings at once (the unseen document’s layout) to the same model', () => {
    const order = ['otherTemplateLabels', 'titlesSplit', 'attachmentLine', 'formsInWanYuan', 'labelsWrapped', 'oneCellPerLine', 'blankLinesBetweenLines'];
    const rendered = order.reduce((t, n) => RENDERINGS[n]?.(t) ?? t, source);
    expect(comparable(parsePerformanceDeclaration(rendered).document)).toEqual(referenceModel);
  });

  it('reads the renamed title, one cell per line, to the same model', () => {
    const order = ['titlesRenamed', 'titlesSplit', 'oneCellPerLine', 'blankLinesBetweenLines'];
    const rendered = order.reduce((t, n) => RENDERINGS[n]?.(t) ?? t, source);
    expect(comparable(parsePerformanceDeclaration(rendered).document)).toEqual(referenceModel);
  });
});

describe('no silent loss', () => {
  const reference = parsePerformanceDeclaration(source);

  it.each([
    ['a paragraph', '本单位将按照预算绩效管理要求，加强绩效运行监控，确保绩效目标如期实现。'],
    ['a note', '注：以上金额均为年初预算数。'],
    ['a heading and a paragraph', '## 三、其他说明\n\n本表由单位财务部门填报，经领导班子审议通过。'],
    ['a long line without punctuation', '本单位将按照预算绩效管理要求加强绩效运行监控确保绩效目标如期实现并在年度终了后开展绩效自评形成自评报告报送区财政局'],
  ])('prose after the last form (%s) is not read as indicators, and is reported', (_what, prose) => {
    const text = `${source.trimEnd()}\n\n${prose}\n`;
    const r = parsePerformanceDeclaration(text);
    expect(comparable(r.document)).toEqual(comparable(reference.document));
    const proseLine = source.trimEnd().split('\n').length + 2;
    expect(r.diagnostics).toContainEqual(expect.objectContaining({ code: 'declaration-text-unread', location: expect.objectContaining({ line: proseLine }) }));
  });

  it('a document with indicator vocabulary but no form read is an error, not a quiet zero', () => {
    // Every form's title and labelled rows gone: only the indicator tables are left.
    const lines = source.split('\n');
    const kept = lines.filter((l) => !/申报表|项目名\s*称|主管部门|计划开始日期|项目资金|资金|年度总体目标|^\s*\(2024/.test(l));
    const r = parsePerformanceDeclaration(kept.join('\n'));
    expect(r.document.projects.filter((p) => p.form)).toEqual([]);
    const error = r.diagnostics.find((d) => d.code === 'declaration-forms-unread');
    expect(error?.severity).toBe('error');
    expect(error?.location?.line).toBeGreaterThan(0);
    // and each orphaned indicator table is named by its line
    expect(r.diagnostics.filter((d) => d.code === 'indicator-table-outside-form')).toHaveLength(11);
  });

  it('an indicator table whose form went unrecognised is an error at its line, beside the forms that were read', () => {
    // Form 2's title and labelled rows gone: its indicator table stands alone after explanation 2.
    const lines = source.split('\n');
    const title2 = lines.findIndex((l) => l.includes('财政项目支出绩效目标申报表 2'));
    const header2 = lines.findIndex((l, i) => i > title2 && l.includes('一级指标'));
    const kept = [...lines.slice(0, title2), ...lines.slice(header2)];
    const r = parsePerformanceDeclaration(kept.join('\n'));
    expect(r.document.projects.filter((p) => p.form)).toHaveLength(10);
    const orphan = r.diagnostics.filter((d) => d.code === 'indicator-table-outside-form');
    expect(orphan.map((d) => [d.severity, d.location?.line])).toEqual([['error', title2 + 1]]);
  });

  it('indicator rows alone are an error, not a quiet zero', () => {
    const text = ['一级指标\t二级指标\t三级指标\t年度指标值', '产出指标\t数量指标\t培训场次\t=4.00(场)'].join('\n');
    const r = parsePerformanceDeclaration(text);
    expect(r.document.projects).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toContainEqual(['declaration-forms-unread', 'error']);
  });

  it('prose inside an indicator table is skipped and reported at its line; the rows after it are read', () => {
    const lines = source.split('\n');
    const at = lines.findIndex((l) => l.includes('全年发放餐费'));
    const text = [...lines.slice(0, at), '本项目的绩效指标按照区财政局统一模板填报，以下为年度指标。', ...lines.slice(at)].join('\n');
    const r = parsePerformanceDeclaration(text);
    expect(comparable(r.document)).toEqual(comparable(reference.document));
    const unread = r.diagnostics.filter((d) => d.code === 'form-line-unread');
    expect(unread.map((d) => [d.severity, d.location?.line])).toEqual([['warning', at + 1]]);
  });

  it('indicator rows cut off by a heading are a warning at their lines, not lost quietly', () => {
    const lines = source.split('\n');
    const at = lines.findIndex((l) => l.includes('全年发放餐费'));
    const text = [...lines.slice(0, at), '## 附件2', ...lines.slice(at)].join('\n');
    const r = parsePerformanceDeclaration(text);
    expect(r.document.projects[0]?.form?.indicators.map((i) => i.level3)).toEqual(['全年发放工资薪酬']);
    const unread = r.diagnostics.find((d) => d.code === 'declaration-text-unread');
    expect(unread).toMatchObject({ severity: 'warning', location: expect.objectContaining({ line: at + 1 }) });
  });

  it('a cell inside a form that no label takes is reported at its line', () => {
    const lines = source.split('\n');
    const at = lines.findIndex((l) => l.startsWith('计划开始日期')) + 1;
    const text = [...lines.slice(0, at), '经办人：张三', ...lines.slice(at)].join('\n');
    const r = parsePerformanceDeclaration(text);
    const unplaced = r.diagnostics.filter((d) => d.code === 'form-cell-unplaced');
    expect(unplaced.map((d) => [d.severity, d.location?.line])).toEqual([['warning', at + 1]]);
  });

  it('forms read from the corpus raise no such error', () => {
    expect(reference.diagnostics.map((d) => d.code)).not.toContain('declaration-forms-unread');
    expect(reference.diagnostics.map((d) => d.code)).not.toContain('declaration-text-unread');
  });
});
