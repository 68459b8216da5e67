import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUDGET_DISCLOSURES, PERFORMANCE_DECLARATIONS, fixturePath, readCorpus } from '../../test/corpus.ts';
import { parseBudgetDisclosure } from './budget-disclosure.ts';

/** The model without its tables: the tables reader keeps its own goldens. */
const withoutTables = (text: string): unknown => {
  const { tables: _tables, ...rest } = parseBudgetDisclosure(text).document;
  return JSON.parse(JSON.stringify(rest));
};

const goldenPath = (name: string): string => fixturePath('golden', 'budget', `${name}.json`);

describe.each(BUDGET_DISCLOSURES)('%s', (name) => {
  const text = readCorpus(name);
  const result = parseBudgetDisclosure(text);

  it('matches the reviewed golden (everything but the tables; UPDATE_GOLDEN=1 rewrites)', () => {
    const actual = withoutTables(text);
    const path = goldenPath(name);
    if (process.env.UPDATE_GOLDEN === '1') {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, `${JSON.stringify(actual, null, 2)}\n`);
    }
    expect(existsSync(path), `${path} missing: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
    expect(actual).toEqual(JSON.parse(readFileSync(path, 'utf8')));
  });

  it('reads every section with no error diagnostics of its own', () => {
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    // `table-missing` is reported for each table the tables reader did not return, and only for those.
    const found = new Set(result.document.tables.map((t) => t.number));
    const missing = errors.filter((d) => d.code === 'table-missing').map((d) => d.params?.table);
    expect(missing).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].filter((n) => !found.has(n as 1)));
    expect(errors.filter((d) => d.code !== 'table-missing')).toEqual([]);
    expect(result.diagnostics.filter((d) => d.severity === 'warning' && d.code !== 'table-missing')).toEqual([]);
  });

  it('reads narrative figures that add up as a clean document states them', () => {
    // Misreading any one figure breaks one of these sums; the corpus documents are clean.
    const d = result.document;
    const e = d.explanation;
    const sum = (xs: ReadonlyArray<{ amount: number } | undefined>): number => xs.reduce((s, x) => s + (x?.amount ?? 0), 0);
    expect(sum(e?.revenueParts.map((p) => p.amount) ?? [])).toBe(e?.revenueTotal?.amount.amount);
    expect(sum(e?.fiscalExpenditureParts.map((p) => p.amount) ?? [])).toBe(e?.fiscalExpenditure?.amount.amount);
    // Items are printed rounded to their decimals: allow half a unit of the last printed digit each.
    const items = e?.mainItems ?? [];
    const slack = items.reduce((s, i) => s + 10 ** (6 - (i.amount.raw.split('.')[1]?.length ?? 0)) / 2, 0);
    expect(Math.abs(sum(items.map((i) => i.amount)) - (e?.fiscalExpenditure?.amount.amount ?? 0))).toBeLessThanOrEqual(slack);
    const t = d.otherInformation.threePublic;
    expect(sum([t?.abroad?.amount, t?.vehicles?.amount, t?.reception?.amount])).toBe(t?.total?.amount.amount);
    expect(sum([t?.vehiclePurchase?.amount, t?.vehicleOperation?.amount])).toBe(t?.vehicles?.amount.amount);
    const p = d.otherInformation.procurement;
    expect(sum([p?.goods, p?.works, p?.services])).toBe(p?.total?.amount);
  });

  it('points every narrative figure at a line that holds its digits', () => {
    const lines = text.split(/\r\n|\n|\r/);
    const figures: Array<{ raw: string; source: { line: number } }> = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (typeof o.raw === 'string' && o.source && typeof o.source === 'object') figures.push(o as never);
        Object.entries(o).forEach(([k, x]) => k !== 'tables' && k !== 'projects' && walk(x));
      }
    };
    walk(result.document);
    expect(figures.length).toBeGreaterThan(10);
    const squashed = (n: number): string => (lines[n - 1] ?? '').replace(/\s/g, '');
    for (const f of figures) {
      // The figure starts on its line, and may run on to the next (wrapped mid-number).
      const here = squashed(f.source.line);
      const two = here + squashed(f.source.line + 1);
      const starts = [...two.matchAll(new RegExp(f.raw.replace(/[.]/g, '\\.'), 'g'))].map((m) => m.index);
      expect(starts.some((i) => i < here.length), `${f.raw} @ ${f.source.line}`).toBe(true);
    }
  });
});

describe('line endings and page breaks', () => {
  it.each(BUDGET_DISCLOSURES)('%s reads the same with CRLF endings and form feeds', (name) => {
    const text = readCorpus(name);
    const lines = text.split('\n');
    // A form feed opens every 40th line, as pdftotext marks pages.
    const paged = lines.map((l, i) => (i % 40 === 39 ? `\f${l}` : l)).join('\r\n');
    expect(withoutTables(paged)).toEqual(withoutTables(text));
  });
});

describe('headings in other districts’ forms', () => {
  it('reads numbered generic headings (`一、部门主要职能`) to the same model', () => {
    const text = readCorpus('songjiang-2025-data-bureau-budget');
    const renamed = text
      .replace(' 上海市松江区数据局主要职能', '一、部门主要职能')
      .replace('上海市松江区数据局机构设置', '二、部门机构设置')
      .replace('\n名词解释\n', '\n三、名 词 解 释\n')
      .replace('2025年部门预算编制说明', '四、2025年部门预算编制说明')
      .replace('\n其他相关情况说明\n', '\n六、其他相关情况说明\n');
    expect(renamed).not.toBe(text);
    expect(withoutTables(renamed)).toEqual(withoutTables(text));
  });
});

describe('parseBudgetDisclosure on what is not a budget disclosure', () => {
  it.each([
    ['empty text', ''],
    ['blank lines', '\n\n   \n'],
    ['binary garbage', String.fromCharCode(...Array.from({ length: 4000 }, (_, i) => (i * 7919) % 65_536))],
    ['a novel', '第一章\n\n那是最好的时代，也是最坏的时代。他走进了房间，看见桌上放着一封信。\n'.repeat(200)],
    ['a performance declaration', readCorpus(PERFORMANCE_DECLARATIONS[0])],
  ])('%s → not-a-budget-disclosure, no throw', (_what, text) => {
    const r = parseBudgetDisclosure(text);
    expect(r.diagnostics.find((d) => d.code === 'not-a-budget-disclosure')).toMatchObject({ severity: 'error', location: { line: 1 } });
    expect(r.document.kind).toBe('budget-disclosure');
  });
});

describe('parseBudgetDisclosure on damaged budget disclosures', () => {
  const text = readCorpus('songjiang-2025-data-bureau-budget');
  const lines = text.split('\n');

  it('reports each section a truncated document lacks, and keeps what it read', () => {
    const cut = lines.findIndex((l) => l.includes('2025年部门预算编制说明'));
    const r = parseBudgetDisclosure(lines.slice(0, cut + 5).join('\n'));
    const missing = r.diagnostics.filter((d) => d.code === 'section-missing' && d.severity === 'error').map((d) => d.location?.section);
    expect(missing).toEqual(['tables', 'other-information']);
    expect(r.document.duties?.internalOffices?.value).toBe(5);
    expect(r.document.explanation?.revenueTotal?.amount.amount).toBe(3_686_485_448);
    expect(r.diagnostics.map((d) => d.code)).toContain('items-missing');
  });

  it('reports a section whose heading is gone', () => {
    const r = parseBudgetDisclosure(lines.filter((l) => l.trim() !== '名词解释').join('\n'));
    expect(r.diagnostics.filter((d) => d.code === 'section-missing').map((d) => d.location?.section)).toEqual(['glossary']);
  });

  it('reports a figure whose digits are garbled', () => {
    const r = parseBudgetDisclosure(text.replace('收入预算3,686.485448万元', '收入预算3,686.4854481万元'));
    const d = r.diagnostics.find((x) => x.code === 'figure-unreadable');
    expect(d).toMatchObject({ severity: 'error', location: { line: 49, section: 'explanation' } });
  });
});

describe('pathological input', () => {
  it('reads a document whose sections are long runs without punctuation (no quadratic matching)', () => {
    const run = '无车辆保有8台套安排购置内设1家单位上年'.repeat(6000);
    const text = `上海市某区2025年区级部门预算\n预算主管部门：某局\n某局主要职能\n${run}\n2025年部门预算编制说明\n${run}\n其他相关情况说明\n一、“三公”经费\n${run}\n五、国有资产占有使用情况\n${run}`;
    const r = parseBudgetDisclosure(text);
    expect(r.document.header.department).toBe('某局');
    expect(r.diagnostics.map((d) => d.code)).toContain('section-missing');
  });
});

describe('the unit budget variant', () => {
  it('reads `单位预算` with the same model at unit level', () => {
    const dept = parseBudgetDisclosure(readCorpus('songjiang-2025-data-bureau-budget'));
    const unitText = readCorpus('songjiang-2025-data-bureau-budget')
      .replace('区级部门预算', '区级单位预算')
      .replace('预算主管部门：', '预算单位：')
      .replace(/2025年部门预算编制说明/, '2025年单位预算编制说明');
    const unit = parseBudgetDisclosure(unitText);
    expect(unit.document.level).toBe('unit');
    expect(dept.document.level).toBe('department');
    expect(unit.document.header.department).toBe('上海市松江区数据局');
    expect(unit.document.explanation).toEqual(dept.document.explanation);
    expect(unit.document.otherInformation).toEqual(dept.document.otherInformation);
  });

  it('takes the level from the table titles when the title does not say', () => {
    const text = readCorpus('songjiang-2025-data-bureau-budget')
      .replace('上海市松江区2025年区级部门预算', '上海市松江区数据局预算公开')
      .replace(/2025年部门(?=\S*表)/g, '2025年单位');
    const r = parseBudgetDisclosure(text);
    expect(r.document.tables.length).toBeGreaterThan(0);
    expect(r.document.level).toBe('unit');
    expect(r.diagnostics.map((d) => d.code)).toContain('title-missing');
  });
});

describe('line accounting: nothing is lost silently', () => {
  const doc = [
    '上海市某区2025年区级部门预算',
    '预算主管部门：某局',
    '某局主要职能',
    '职能正文。',
    '2025年部门支出预算总表',
    '编制部门：某局 单位：元',
    '项  目 支出预算',
    '功能分类科目编码 功能分类科目名称 合计 基本支出 项目支出',
    '类 款 项',
    '201 一般公共服务支出 5.00 5.00',
    '合计 5.00 5.00',
    '- 3 -',
  ];

  it('puts every line in the model, furniture or contents, and counts them', () => {
    const { accounting } = parseBudgetDisclosure(doc.join('\n'));
    expect(accounting?.unread).toEqual([]);
    expect(accounting?.furniture).toBe(1);
    expect(accounting?.total).toBe(doc.length);
  });

  it('reports lines no reader took, with their line numbers', () => {
    // A stray block between the tables, not a table and not a known section.
    const text = [...doc.slice(0, 11), '甲乙丙丁', '戊己庚辛', ...doc.slice(11)].join('\n');
    const { accounting, diagnostics } = parseBudgetDisclosure(text);
    expect(accounting?.unread).toEqual([12, 13]);
    const d = diagnostics.find((x) => x.code === 'lines-unread');
    expect(d?.location?.line).toBe(12);
    expect(d?.params).toMatchObject({ from: 12, to: 13 });
  });
});

describe('another district’s section scheme', () => {
  // The Songjiang data bureau's text re-headed the way other districts head their parts: 第N部分
  // over an overview that holds 一、主要职能 and 二、机构设置, 预算情况说明, 其它相关情况说明, a
  // 部门预算公开表 part and a table title carrying 表一 and the department's name.
  const original = readCorpus('songjiang-2025-data-bureau-budget');
  const rewritten = original
    .replace(' 上海市松江区数据局主要职能', '第一部分 部门概况\n一、主要职能')
    .replace('上海市松江区数据局机构设置', '二、机构设置')
    .replace('\n名词解释\n', '\n第二部分 名词解释\n')
    .replace('2025年部门预算编制说明', '第三部分 2025年部门预算情况说明')
    .replace('2025年部门财务收支预算总表', '第四部分 2025年部门预算公开表\n表一 2025年上海市松江区数据局部门财务收支预算总表')
    .replace('\n其他相关情况说明\n', '\n第五部分 其它相关情况说明\n');
  const comparable = (text: string): unknown =>
    JSON.parse(JSON.stringify(parseBudgetDisclosure(text).document, (k, v: unknown) => (k === 'line' || k === 'source' || k === 'title' ? undefined : v)));

  it('reads to the same model, every line accounted for', () => {
    expect(rewritten).not.toBe(original);
    expect(comparable(rewritten)).toEqual(comparable(original));
    expect(parseBudgetDisclosure(rewritten).accounting?.unread).toEqual([]);
  });
});
