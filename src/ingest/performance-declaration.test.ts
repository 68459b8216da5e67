import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatTarget } from '#domain/index.ts';
import type { PerformanceDeclaration } from '#domain/index.ts';
import { BUDGET_DISCLOSURES, PERFORMANCE_DECLARATIONS, fixturePath, readCorpus } from '../../test/corpus.ts';
import { parsePerformanceDeclaration } from './performance-declaration.ts';

const NAME = PERFORMANCE_DECLARATIONS[0];
const source = readCorpus(NAME);

/** Compare against a reviewed golden; `UPDATE_GOLDEN=1` rewrites it. */
const golden = (file: string, actual: unknown): void => {
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  expect(JSON.parse(text)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
};

describe('parsePerformanceDeclaration on the corpus declaration', () => {
  const { document, diagnostics } = parsePerformanceDeclaration(source);

  it('matches the reviewed golden (every project, form field and indicator)', () => {
    golden(fixturePath('golden', 'performance', `${NAME}.json`), {
      document,
      diagnostics: diagnostics.map((d) => ({ code: d.code, severity: d.severity, line: d.location?.line ?? null, params: d.params ?? {} })),
    });
  });

  it('reads the header and the summary', () => {
    expect(document.header).toMatchObject({ district: '上海市松江区', year: 2024, department: '上海市松江区科技创新服务中心' });
    expect(document.summary?.projects?.value).toBe(11);
    expect(document.summary?.amount).toMatchObject({ raw: '1194.62', unit: '万元', amount: 1_194_620_000 });
  });

  it('pairs 11 explanations with 11 forms, in order', () => {
    expect(document.projects).toHaveLength(11);
    document.projects.forEach((p, i) => {
      expect(p.explanation?.ordinal).toBe(i + 1);
      expect(p.form?.ordinal).toBe(i + 1);
      expect(p.form?.year).toBe(2024);
    });
  });

  it('keeps the figures the checks compare: project 6 (11,900 vs 9,950 + 5,050 vs 15,000) and project 8 (42.75 + 49.35 vs 95万)', () => {
    const p6 = document.projects[5];
    expect(p6?.explanation?.annualAmount).toMatchObject({ raw: '11900', unit: '元', amount: 1_190_000 });
    expect(p6?.explanation?.estimatedAmount).toMatchObject({ raw: '1.50', unit: '万元', amount: 1_500_000 });
    expect(p6?.explanation?.breakdown.map((r) => r.amount?.amount)).toEqual([995_000, 505_000]);
    expect(p6?.form?.funds.total?.amount).toBe(1_500_000);
    const p8 = document.projects[7];
    expect(p8?.explanation?.annualAmount?.amount).toBe(95_000_000);
    expect(p8?.explanation?.breakdown.map((r) => r.amount?.raw)).toEqual(['42.75', '49.35']);
    expect(p8?.form?.funds.total?.amount).toBe(95_000_000);
  });

  it('reads split and spaced-out labels and values by meaning', () => {
    const f = (n: number) => document.projects[n - 1]?.form;
    expect(f(3)).toMatchObject({ nature: '其他经常性项目', category: '特定目标类' });
    expect(f(6)).toMatchObject({ name: '设备更新、维护费（社保卡）', nature: '其他经常性项目', category: '特定目标类' });
    expect(f(9)?.supervisor).toBe('上海市松江区科学技术委员会');
    expect(f(10)).toMatchObject({ supervisor: '上海市松江区科学技术委员会', implementer: '上海市松江区科技创新服务中心' });
    expect(f(5)?.funds).toMatchObject({ total: { amount: 88_000_000 }, annualTotal: { amount: 88_000_000 }, carryOver: { amount: 0 } });
    expect(f(5)?.funds.other).toBeUndefined();
    expect(f(8)?.funds.annualFiscal?.amount).toBe(95_000_000);
  });

  it('resolves shifted indicator columns by the taxonomy and reports what it cannot pair', () => {
    const f5 = document.projects[4]?.form;
    const spaced = f5?.indicators.find((i) => i.level3 === '定期巡检次数');
    expect(spaced && formatTarget(spaced.target)).toBe('=12.00(次)');
    const codes = diagnostics.map((d) => d.code);
    expect(codes.filter((c) => c === 'indicator-value-ambiguous')).toHaveLength(2);
    expect(codes).not.toContain('not-a-performance-declaration');
    const timely = document.projects[0]?.form?.indicators.find((i) => i.level3 === '工资薪酬、餐费按时发放');
    expect(timely).toMatchObject({ level1: '产出指标', level2: '时效指标' });
  });
});

describe('parsePerformanceDeclaration on foreign text', () => {
  const foreign: ReadonlyArray<[string, string]> = [
    ['a budget disclosure', readCorpus(BUDGET_DISCLOSURES[1])],
    ['a novel', '第一回　宴桃园豪杰三结义　斩黄巾英雄首立功\n话说天下大势，分久必合，合久必分。'],
    ['binary', String.fromCharCode(...Array.from({ length: 512 }, (_v, i) => (i * 37) % 256))],
    ['an empty text', ''],
  ];
  it.each(foreign)('reports %s as not a declaration, with an empty model', (_what, text) => {
    const r = parsePerformanceDeclaration(text);
    expect(r.diagnostics.map((d) => d.code)).toContain('not-a-performance-declaration');
    expect(r.diagnostics.find((d) => d.code === 'not-a-performance-declaration')?.severity).toBe('error');
    expect(r.document.projects).toEqual([]);
  });
});

// ---------------------------------------------------------------- layout invariance

/** The model without line numbers, and without indicators' `raw` (the cell as printed, which a re-rendering changes by design). */
const comparable = (d: PerformanceDeclaration): unknown =>
  JSON.parse(
    JSON.stringify(d, function (this: Record<string, unknown>, key, value: unknown) {
      if (key === 'line') return undefined;
      if (key === 'raw' && 'level3' in this) return undefined;
      return value;
    }),
  );

const CATEGORY_CELLS = /^(?:绩效指标|产出指标|效益指标|满意度指标|成本指标|数量指标|质量指标|时效指标|经济效益指标|社会效益指标|生态效益指标|可持续影响指标|服务对象满意度指标|经济成本指标|社会成本指标|生态环境成本指标)$/;
const LABEL_CELLS = /^(?:项目名称|项目性质|项目类别|主管部门|实施单位|计划开始日期|计划完成日期|项目资金总额|其中：财政资金|年度资金申请总额|其中：当年财政拨款|上年结转资金|项目总目标|年度总体目标)$/;
/** Labels the split rendering wraps, the goal labels included (`项目` … `项目` … `总目标` once lost the overall goal's label). */
const SPLIT_LABEL_CELLS = /^(?:项目总目标|年度总体目标|项目绩效目标|项目名称|项目性质|项目类别|主管部门|实施单位|计划开始日期|计划完成日期|项目资金总额|其中：财政资金|年度资金申请总额|其中：当年财政拨款|上年结转资金)$/;

type Rendering = (text: string) => string;
const mapLines = (f: (line: string) => string | string[]): Rendering => (text) => text.split('\n').flatMap(f).join('\n');
const mapTabCells = (f: (cell: string) => string): Rendering =>
  mapLines((l) => (l.includes('\t') ? l.split('\t').map(f).join('\t') : l));

const RENDERINGS: Readonly<Record<string, Rendering>> = {
  tabsToSpaces: mapLines((l) => l.replace(/\t/g, '   ')),
  oneCellPerLine: mapLines((l) => (l.includes('\t') ? l.split('\t').map((c) => c.trim()).filter((c) => c !== '') : l)),
  markupStripped: mapLines((l) =>
    /^\s*-{3,}\s*$/.test(l) ? '' : l.replace(/^#+\s+/, '').replace(/<[^>]+>/g, ' ').replace(/\\\*/g, '*'),
  ),
  markupAdded: (text) =>
    mapTabCells((c) => (c.trim() === '' ? c : `<b>${c}</b>`))(text)
      .split('\n')
      .map((l) => (/^(?:项目经费情况说明|[一二三四五六七]、)/.test(l) ? `### ${l}` : l))
      .join('\n'),
  latexToPlain: (text) => text.replace(/\$\\geq\s*([\d.]+)\\%\$/g, '≥$1(%)'),
  plainToLatex: mapTabCells((c) => c.replace(/^≥([\d.]+)\(%\)$/, '$\\geq $1\\%$')),
  spacedOut: mapTabCells((c) => (CATEGORY_CELLS.test(c) || LABEL_CELLS.test(c) ? [...c].join(' ') : c)),
  vocabularySplitOverLines: mapLines((l) => {
    if (!l.includes('\t')) return l;
    const cells = l.split('\t');
    const split = cells.map((c) => {
      const t = c.trim();
      if (CATEGORY_CELLS.test(t)) return [t.slice(0, -2), t.slice(-2)];
      if (SPLIT_LABEL_CELLS.test(t)) return [t.slice(0, 2), t.slice(2)];
      return [c, ''];
    });
    if (split.every(([, tail]) => tail === '')) return l;
    return [split.map(([head]) => head).join('\t'), '', split.map(([, tail]) => tail).join('\t')];
  }),
};

describe('layout invariance', () => {
  const reference = comparable(parsePerformanceDeclaration(source).document);

  it.each(Object.keys(RENDERINGS))('reads the %s rendering to the same model', (name) => {
    const render = RENDERINGS[name];
    if (!render) throw new Error(name);
    const rendered = render(source);
    expect(rendered).not.toBe(source);
    expect(comparable(parsePerformanceDeclaration(rendered).document)).toEqual(reference);
  });

  it('reads any combination of renderings to the same model', () => {
    const names = Object.keys(RENDERINGS).filter((n) => n !== 'latexToPlain');
    fc.assert(
      fc.property(fc.shuffledSubarray(names, { minLength: 2, maxLength: 4 }), (chosen) => {
        // one cell per line last: it removes the tabs the other renderings work on
        const ordered = [...chosen].sort((a, b) => Number(a === 'oneCellPerLine') - Number(b === 'oneCellPerLine'));
        const rendered = ordered.reduce((t, n) => RENDERINGS[n]?.(t) ?? t, source);
        expect(comparable(parsePerformanceDeclaration(rendered).document)).toEqual(reference);
      }),
      { numRuns: 12 },
    );
  });
});

// ---------------------------------------------------------------- robustness

describe('random mutations', () => {
  const lines = source.split('\n');
  type Mutation =
    | { kind: 'delete'; at: number }
    | { kind: 'duplicate'; at: number }
    | { kind: 'swap'; at: number; with: number }
    | { kind: 'truncate'; at: number }
    | { kind: 'garbage'; at: number; bytes: number[] };
  const index = fc.nat({ max: lines.length - 1 });
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at: index }),
    fc.record({ kind: fc.constant('duplicate' as const), at: index }),
    fc.record({ kind: fc.constant('swap' as const), at: index, with: index }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat({ max: source.length }) }),
    fc.record({ kind: fc.constant('garbage' as const), at: index, bytes: fc.array(fc.nat({ max: 0xffff }), { minLength: 1, maxLength: 40 }) }),
  );
  const apply = (ls: string[], m: Mutation): string[] => {
    const out = [...ls];
    switch (m.kind) {
      case 'delete':
        out.splice(m.at % Math.max(out.length, 1), 1);
        return out;
      case 'duplicate':
        out.splice(m.at, 0, out[m.at] ?? '');
        return out;
      case 'swap': {
        const a = out[m.at] ?? '';
        out[m.at] = out[m.with] ?? '';
        out[m.with] = a;
        return out;
      }
      case 'truncate':
        return out.join('\n').slice(0, m.at).split('\n');
      case 'garbage':
        out.splice(m.at, 0, String.fromCharCode(...m.bytes));
        return out;
    }
  };

  it('never throws and always returns a model with diagnostics', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 12 }), (ms) => {
        const text = ms.reduce(apply, lines).join('\n');
        const r = parsePerformanceDeclaration(text);
        expect(r.document.kind).toBe('performance-declaration');
        expect(Array.isArray(r.diagnostics)).toBe(true);
        // the reader's own safety net must never be what caught it
        expect(r.diagnostics.map((d) => d.code)).not.toContain('reader-failure');
      }),
      // 500 documents × up to 12 mutations each: thousands of random mutations, as for the budget reader.
      { numRuns: 500 },
    );
  });
});
