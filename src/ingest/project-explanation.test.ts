import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DiagnosticSink } from '#domain/index.ts';
import type { ProjectExplanation } from '#domain/index.ts';
import { BUDGET_DISCLOSURES, fixturePath, readCorpus } from '../../test/corpus.ts';
import { projectNameKey, readProjectExplanations } from './project-explanation.ts';
import { toLines } from './text.ts';

const read = (text: string): { projects: ProjectExplanation[]; sink: DiagnosticSink } => {
  const sink = new DiagnosticSink();
  return { projects: readProjectExplanations(toLines(text), sink), sink };
};

const golden = (file: string, actual: unknown): void => {
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  expect(JSON.parse(text)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
};

describe('project explanations in the budget disclosures', () => {
  it.each(BUDGET_DISCLOSURES)('%s matches its reviewed golden', (name) => {
    const { projects, sink } = read(readCorpus(name));
    golden(fixturePath('golden', 'projects', `${name}.json`), {
      projects,
      diagnostics: sink.items.map((d) => ({ code: d.code, severity: d.severity, line: d.location?.line ?? null, params: d.params ?? {} })),
    });
  });

  it('finds every project of the Songjiang disclosures with all seven parts and a dated period', () => {
    const counts = (['songjiang-2025-administrative-service-center-budget', 'songjiang-2025-data-bureau-budget'] as const).map((n) => {
      const { projects } = read(readCorpus(n));
      for (const p of projects) {
        expect(Object.keys(p.parts)).toHaveLength(7);
        expect(p.period).toMatchObject({ start: '2025-01-01', end: '2025-12-31' });
        expect(p.annualAmount).toBeDefined();
      }
      return projects.length;
    });
    expect(counts).toEqual([41, 15]);
  });

  it('reads the Putuo explanation: no name, quarterly spending plan, no readable period', () => {
    const { projects, sink } = read(readCorpus('putuo-2024-wanli-subdistrict-budget'));
    expect(projects).toHaveLength(1);
    const p = projects[0];
    expect(p?.name).toBe('');
    expect(p?.period).toBeUndefined();
    expect(p?.paymentSchedule.map((m) => [m.trigger, m.amount?.raw])).toEqual([
      ['第一季度', '158.05'],
      ['第二季度', '158.05'],
      ['第三季度', '158.05'],
      ['第四季度', '158.05'],
    ]);
    const codes = sink.items.map((d) => d.code);
    expect(codes).toContain('project-name-missing');
    expect(codes).toContain('project-period-unreadable');
    expect(sink.items.every((d) => d.severity === 'info')).toBe(true);
  });
});

describe('readProjectExplanations on written examples', () => {
  const doc = [
    '七、项目经费情况说明    ……………………………… 30',
    '',
    '数字化项目管理项目经费情况说明',
    '    一、项目概述',
    '    数字化项目管理项目，主要实施内容为评审。经测算，预算资金约 144.34 万元。',
    '    四、实施方案',
    '    按工作内容实施项目采购，项目合同签订后，支付合同总价的30%，服务期满9个月后支付40%，结束服务期并通过验收后支付剩余的30%。',
    '    2025年5月支付15万元，2025年10月支付35万元。',
    '    五、实施周期',
    '    2025年01月01日至2025年12月31日。',
    '    六、年度预算安排',
    '    2025年，数字化项目管理项目财政资金预算安排金额为140.00万',
    '元，其中评审费100.00万元、验收费40.00万元。',
    '## 项目经费情况说明 3 科技金融宣传活动费',
    '### 五、实施周期',
    '2024年8月-2025年7月',
    '## 六、年度预算安排',
    '项目\t数量\t单价(元)\t金额(元)',
    '宣传册\t200册\t50.00\t10,000.00',
    '#### 七、绩效目标',
    '见财政项目支出绩效目标申报表。',
    '财政项目支出绩效目标申报表 3',
    '项目名称\t科技金融宣传活动费',
  ].join('\n');
  const { projects, sink } = read(doc);

  it('names projects as written before 经费情况说明, or after the ordinal', () => {
    expect(projects.map((p) => [p.ordinal, p.name])).toEqual([
      [undefined, '数字化项目管理项目'],
      [3, '科技金融宣传活动费'],
    ]);
    expect(projectNameKey('设备更新、维护费（社保卡）项目')).toBe(projectNameKey('设备更新、维护费(社保卡)'));
  });

  it('reads amounts across a wrapped line, the estimate, milestones and breakdown', () => {
    const p = projects[0];
    expect(p?.annualAmount).toMatchObject({ raw: '140.00', unit: '万元', amount: 140_000_000, source: { line: 12, section: 'projects' } });
    expect(p?.estimatedAmount?.amount).toBe(144_340_000);
    expect(p?.paymentSchedule.map((m) => [m.trigger, m.percent?.hundredths ?? m.amount?.amount])).toEqual([
      ['项目合同签订后', 3000],
      ['服务期满9个月后', 4000],
      ['结束服务期并通过验收后', 3000],
      ['2025年5月', 15_000_000],
      ['2025年10月', 35_000_000],
    ]);
    expect(p?.breakdown.map((r) => [r.item, r.amount?.amount])).toEqual([
      ['评审费', 100_000_000],
      ['验收费', 40_000_000],
    ]);
  });

  it('reads month-precision periods and item/quantity/unit-price tables, and stops at the form', () => {
    const p = projects[1];
    expect(p?.period).toMatchObject({ start: '2024-08', end: '2025-07' });
    expect(p?.breakdown).toEqual([
      expect.objectContaining({ item: '宣传册', quantity: '200', quantityUnit: '册', unitPrice: expect.objectContaining({ amount: 5000 }), amount: expect.objectContaining({ amount: 1_000_000 }) }),
    ]);
    expect(p?.parts.targets?.text).toBe('见财政项目支出绩效目标申报表。');
    const missing = sink.items.filter((d) => d.code === 'project-part-missing');
    expect(missing.map((d) => [d.location?.line, d.params?.part])).toEqual([
      [3, 'basis'],
      [3, 'implementer'],
      [3, 'targets'],
      [14, 'overview'],
      [14, 'basis'],
      [14, 'implementer'],
      [14, 'plan'],
    ]);
  });
});

describe.each(['songjiang-2025-data-bureau-budget', 'putuo-2024-wanli-subdistrict-budget'] as const)('re-wrapped narrative of %s', (name) => {
  const text = readCorpus(name);
  const figures = (projects: readonly ProjectExplanation[]) =>
    projects.map((p) => ({
      name: p.name,
      period: p.period && [p.period.start, p.period.end],
      annual: p.annualAmount?.amount,
      estimate: p.estimatedAmount?.amount,
      milestones: p.paymentSchedule.map((m) => [m.trigger, m.percent?.hundredths, m.amount?.amount]),
      breakdown: p.breakdown.map((r) => [r.item, r.amount?.amount]),
    }));
  const reference = figures(read(text).projects);
  const isHeading = (l: string): boolean => /经费情况说明\s*$/.test(l) || /^\s*[一二三四五六七]、/.test(l);

  it('reads the same figures whatever width the narrative is wrapped at', () => {
    const lines = text.split('\n');
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0.1, max: 0.9, noNaN: true }), { minLength: lines.length, maxLength: lines.length }), (cuts) => {
        const rewrapped = lines.flatMap((l, i) => {
          if (isHeading(l) || l.trim().length < 12) return [l];
          const at = Math.floor(l.length * (cuts[i] ?? 0.5));
          const [a, b] = [l.slice(0, at), l.slice(at)];
          // a converter never leaves a bare page-number-like fragment on a line of its own
          return /[\u3400-\u9fff]/.test(a) && /[\u3400-\u9fff]/.test(b) ? [a, b] : [l];
        });
        expect(figures(read(rewrapped.join('\n')).projects)).toEqual(reference);
      }),
      { numRuns: 8 },
    );
  });
});
