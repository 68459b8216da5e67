import { describe, expect, it } from 'vitest';
import type { CheckSubject } from '#checks/index.ts';
import type { Finding } from '#domain/index.ts';
import { describeEachDialect } from './testing-databases.ts';
import { parseTestDocument, testDocumentText } from './testing.ts';
import type { TestDocumentSpec } from './testing.ts';
import { snippetAround } from './store.ts';
import type { BudgetStore } from './store.ts';

/** A checker stand-in: one finding per project of 1000万元 or more, so findings get stored. */
const bigProjectCheck = (subjects: readonly CheckSubject[]): Finding[] =>
  subjects.flatMap((s) =>
    s.document.projects.flatMap((p, i) => {
      const name = 'form' in p ? (p.form?.name ?? '') : 'name' in p ? p.name : '';
      const amount = 'form' in p ? p.form?.funds.total?.amount : 'annualAmount' in p ? p.annualAmount?.amount : undefined;
      return amount !== undefined && amount >= 1_000_000_000
        ? [{ rule: 'test.big-project', severity: 'warning' as const, message: `大项目 ${name}`, location: { line: 500 + i, project: name }, figures: [], ...(s.name !== undefined ? { document: s.name } : {}) }]
        : [];
    }),
  );

const cloudBudget = (over: Partial<TestDocumentSpec> = {}): TestDocumentSpec => ({
  kind: 'budget-disclosure',
  department: '上海市松江区数据局',
  district: '上海市松江区',
  year: 2025,
  rows: [
    { table: 1, name: '收入总计', total: true, side: 'revenue', cells: { 预算数: 8_496_652_198 } },
    { table: 1, name: '支出总计', total: true, side: 'expenditure', cells: { 预算数: 8_496_652_198 } },
    { table: 3, code: '201 41 01', name: '行政运行', cells: { 合计: 364_448_631, 基本支出: 364_448_631 } },
    { table: 3, name: '合计', total: true, cells: { 合计: 8_496_652_198, 基本支出: 496_652_198, 项目支出: 8_000_000_000 } },
  ],
  projects: [
    { name: '政务云平台运维服务', amountFen: 1_400_000_000, overview: '保障全区政务云资源稳定运行，落实网络安全等级保护（等保）要求。' },
    { name: '一网通办窗口运行', amountFen: 60_000_000, overview: '政务服务中心窗口人员及运维。' },
  ],
  ...over,
});

const sciTechTargets = (over: Partial<TestDocumentSpec> = {}): TestDocumentSpec => ({
  kind: 'performance-declaration',
  department: '上海市松江区科技创新服务中心',
  district: '上海市松江区',
  year: 2024,
  projects: [
    {
      name: '科技服务平台维护',
      amountFen: 15_000_00,
      overview: '平台日常巡检与等保测评。',
      indicators: [
        { level1: '产出指标', level2: '数量指标', level3: '定期巡检次数', target: '=12.00(次)' },
        { level1: '满意度指标', level2: '服务对象满意度指标', level3: '企业满意度', target: '≥90.00(%)' },
      ],
    },
  ],
  ...over,
});

const rowCounts = async (store: BudgetStore): Promise<Record<string, number>> => {
  const tables = ['departments', 'documents', 'table_cells', 'projects', 'indicators', 'findings', 'diagnostics'] as const;
  const out: Record<string, number> = {};
  for (const t of tables) {
    const r = await store.db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    out[t] = Number(r.n);
  }
  return out;
};

describeEachDialect('store', (open, dialect) => {
  it('imports a document whole: model, cells, projects, indicators, findings, diagnostics', async () => {
    const store = await open({ parse: parseTestDocument, check: bigProjectCheck });
    const budget = await store.importDocument(testDocumentText(cloudBudget()), { sourceName: 'data-bureau.txt' });
    expect(budget.status).toBe('created');
    expect(budget.created).toBe(true);
    expect(budget.document).toMatchObject({ version: 1, department: '上海市松江区数据局', year: 2025, kind: 'budget-disclosure', sourceName: 'data-bureau.txt' });
    expect(budget.findings.map((f) => f.rule)).toEqual(['test.big-project']);

    const targets = await store.importDocument(testDocumentText(sciTechTargets()));
    expect(targets.status).toBe('created');
    expect(await rowCounts(store)).toEqual({ departments: 2, documents: 2, table_cells: 7, projects: 3, indicators: 2, findings: 1, diagnostics: 2 });

    const detail = await store.getDocument(budget.document!.documentId);
    expect(detail?.model.kind).toBe('budget-disclosure');
    expect(detail?.findings.map((f) => f.rule)).toEqual(['test.big-project']);
    expect(detail?.diagnostics.map((d) => d.code)).toEqual(['test-model']);
    expect(detail?.district).toBe('上海市松江区');

    const departments = await store.listDepartments();
    const bureau = departments.find((d) => d.name === '上海市松江区数据局');
    // Money above 2^31 分 survives the round trip exactly (int8 comes back from pg as a string).
    expect(bureau?.years).toEqual([
      expect.objectContaining({
        year: 2025,
        kind: 'budget-disclosure',
        revenueTotalFen: 8_496_652_198,
        expenditureTotalFen: 8_496_652_198,
        basicFen: 496_652_198,
        projectFen: 8_000_000_000,
        projectCount: 2,
        findings: { error: 0, warning: 1, info: 0 },
      }),
    ]);
  });

  it('writes nothing when an import fails half way', async () => {
    for (const failAt of ['cells', 'projects', 'search-index'] as const) {
      let armed = false;
      const store = await open({
        parse: parseTestDocument,
        check: bigProjectCheck,
        onImportStage: (stage) => {
          if (armed && stage === failAt) throw new Error(`injected failure at ${stage}`);
        },
      });
      await expect(store.importDocument(testDocumentText(sciTechTargets()))).resolves.toBeDefined();
      const before = await rowCounts(store);
      armed = true;
      await expect(store.importDocument(testDocumentText(cloudBudget()))).rejects.toThrow(/injected failure/);
      expect(await rowCounts(store)).toEqual(before);
      expect((await store.search({ q: '政务云', limit: 10, offset: 0 })).total).toBe(0);
      // Nothing half-written stands in the way of the next attempt.
      armed = false;
      const retry = await store.importDocument(testDocumentText(cloudBudget()));
      expect(retry.status).toBe('created');
      expect((await store.search({ q: '政务云', limit: 10, offset: 0 })).total).toBe(1);
    }
  });

  it('re-importing the same text is a no-op returning the stored document', async () => {
    const store = await open({ parse: parseTestDocument, check: bigProjectCheck });
    const text = testDocumentText(cloudBudget());
    const first = await store.importDocument(text);
    const again = await store.importDocument(text, { sourceName: 'another-name.txt' });
    expect(again.status).toBe('unchanged');
    expect(again.created).toBe(false);
    expect(again.document?.documentId).toBe(first.document?.documentId);
    expect(again.findings).toEqual(first.findings);
    expect((await rowCounts(store))['documents']).toBe(1);
  });

  it('keeps earlier versions when a department-year is re-imported with a changed text', async () => {
    const store = await open({ parse: parseTestDocument, check: bigProjectCheck });
    const v1 = await store.importDocument(testDocumentText(cloudBudget()));
    const v2 = await store.importDocument(
      testDocumentText(cloudBudget({ revision: 'corrected', projects: [{ name: '政务云平台扩容', amountFen: 2_000_000_000, overview: '扩容。' }] })),
    );
    expect(v2.status).toBe('new-version');
    expect(v2.document?.version).toBe(2);
    expect(v2.document?.departmentId).toBe(v1.document?.departmentId);

    const versions = await store.listVersions(v1.document!.documentId);
    expect(versions?.map((v) => [v.documentId, v.version])).toEqual([
      [v1.document!.documentId, 1],
      [v2.document!.documentId, 2],
    ]);
    // Lists and searches see the latest version; the earlier one is still readable.
    const [bureau] = await store.listDepartments();
    expect(bureau?.years.map((y) => [y.documentId, y.version])).toEqual([[v2.document!.documentId, 2]]);
    expect(await store.findDepartmentYear(v1.document!.departmentId, 2025)).toBe(v2.document!.documentId);
    const hits = await store.search({ q: '政务云', limit: 10, offset: 0 });
    expect(hits.items.map((h) => [h.project, h.documentId])).toEqual([['政务云平台扩容', v2.document!.documentId]]);
    expect((await store.getDocument(v1.document!.documentId))?.version).toBe(1);
    // A different year of the same department is another series, not a version.
    const y2024 = await store.importDocument(testDocumentText(cloudBudget({ year: 2024 })));
    expect(y2024.status).toBe('created');
    expect((await store.getDocument(v2.document!.documentId))?.otherYears).toEqual([{ year: 2024, documentId: y2024.document!.documentId }]);
  });

  it('stores 20 concurrent uploads of the same and different texts exactly once each', async () => {
    const store = await open({ parse: parseTestDocument, check: bigProjectCheck });
    const a = testDocumentText(cloudBudget());
    const b = testDocumentText(sciTechTargets());
    const c = testDocumentText(cloudBudget({ department: '上海市松江区行政服务中心' }));
    // Two changed texts of a's series racing for version numbers.
    const a2 = testDocumentText(cloudBudget({ revision: 'r2' }));
    const a3 = testDocumentText(cloudBudget({ revision: 'r3' }));
    const texts = [...Array<string>(8).fill(a), ...Array<string>(5).fill(b), ...Array<string>(5).fill(c), a2, a3];
    const outcomes = await Promise.all(texts.map((t) => store.importDocument(t)));

    expect(outcomes.every((o) => o.document !== undefined)).toBe(true);
    expect((await rowCounts(store))['documents']).toBe(5);
    for (const t of [a, b, c, a2, a3]) {
      const mine = outcomes.filter((_, i) => texts[i] === t);
      expect(new Set(mine.map((o) => o.document?.documentId)).size).toBe(1);
      expect(mine.filter((o) => o.created)).toHaveLength(1);
    }
    // a, a2, a3 share one series: versions 1..3 in some order, exactly one latest.
    const series = await store.listVersions(outcomes[0]!.document!.documentId);
    expect(series?.map((v) => v.version)).toEqual([1, 2, 3]);
    const latest = await store.db.selectFrom('documents').select('id').where('is_latest', '=', 1).execute();
    expect(latest).toHaveLength(3);
    expect((await store.listDepartments()).map((d) => d.name).sort()).toEqual(['上海市松江区数据局', '上海市松江区科技创新服务中心', '上海市松江区行政服务中心'].sort());
  });

  it('searches Chinese substrings in project names, texts and indicators, with filters', async () => {
    const store = await open({ parse: parseTestDocument, check: bigProjectCheck });
    const bureau = await store.importDocument(testDocumentText(cloudBudget()));
    const center = await store.importDocument(testDocumentText(sciTechTargets()));
    await store.importDocument(
      testDocumentText(cloudBudget({ year: 2024, projects: [{ name: '电子政务云租赁', amountFen: 30_000_000, overview: '租赁政务云主机。' }] })),
    );

    // Newest import first.
    const cloud = await store.search({ q: '政务云', limit: 10, offset: 0 });
    expect(cloud.items.map((h) => [h.project, h.year])).toEqual([
      ['电子政务云租赁', 2024],
      ['政务云平台运维服务', 2025],
    ]);
    expect(cloud.totalCapped).toBeUndefined();
    expect(cloud.items[1]?.snippet).toContain('政务云');
    expect(cloud.items[1]?.amountFen).toBe(1_400_000_000);

    // Two characters: below the trigram window, answered by LIKE; hits project texts and indicators alike.
    const dengbao = await store.search({ q: '等保', limit: 10, offset: 0 });
    expect(dengbao.items.map((h) => [h.kind, h.project]).sort()).toEqual([
      ['project', '政务云平台运维服务'],
      ['project', '科技服务平台维护'],
    ]);

    const indicators = await store.search({ q: '巡检次数', kind: 'indicator', limit: 10, offset: 0 });
    expect(indicators.items).toEqual([
      expect.objectContaining({ kind: 'indicator', project: '科技服务平台维护', snippet: '产出指标/数量指标/定期巡检次数 =12.00(次)', documentId: center.document!.documentId }),
    ]);
    expect((await store.search({ q: '巡检次数', kind: 'project', limit: 10, offset: 0 })).total).toBe(0);

    expect((await store.search({ q: '政务云', year: 2024, limit: 10, offset: 0 })).items.map((h) => h.project)).toEqual(['电子政务云租赁']);
    expect((await store.search({ q: '政务云', departmentId: center.document!.departmentId, limit: 10, offset: 0 })).total).toBe(0);
    expect((await store.search({ q: '政务云', departmentId: bureau.document!.departmentId, minFen: 100_000_000, limit: 10, offset: 0 })).items.map((h) => h.project)).toEqual(['政务云平台运维服务']);
    expect((await store.search({ q: '', maxFen: 50_000_000, kind: 'project', limit: 10, offset: 0 })).items.map((h) => h.project).sort()).toEqual(['电子政务云租赁', '科技服务平台维护']);
    // One character, and LIKE wildcards typed by a user match only themselves.
    expect((await store.search({ q: '云', kind: 'project', limit: 10, offset: 0 })).total).toBe(2);
    expect((await store.search({ q: '%', kind: 'indicator', limit: 10, offset: 0 })).items.map((h) => h.snippet)).toEqual(['满意度指标/服务对象满意度指标/企业满意度 ≥90.00(%)']);
    expect((await store.search({ q: '政务%', limit: 10, offset: 0 })).total).toBe(0);
    expect((await store.search({ q: '政务_', limit: 10, offset: 0 })).total).toBe(0);
    expect((await store.search({ q: '_', limit: 10, offset: 0 })).total).toBe(0);

    // Paging runs through projects, then indicators.
    const all = await store.search({ q: '', limit: 100, offset: 0 });
    const pageSize = 2;
    const paged = [];
    for (let offset = 0; offset < all.total; offset += pageSize) paged.push(...(await store.search({ q: '', limit: pageSize, offset })).items);
    expect(paged).toEqual(all.items);
    expect(all.total).toBe(6);
    expect(dialect === 'sqlite' || dialect === 'postgres').toBe(true);
  });

  it('stops counting at the cap and says so', async () => {
    const store = await open({ parse: parseTestDocument, check: bigProjectCheck, searchCountCap: 2 });
    await store.importDocument(testDocumentText(cloudBudget()));
    await store.importDocument(testDocumentText(sciTechTargets()));
    const all = await store.search({ q: '', kind: 'project', limit: 10, offset: 0 });
    expect(all).toMatchObject({ total: 2, totalCapped: true });
    expect(all.items).toHaveLength(2);
    const few = await store.search({ q: '政务云', limit: 10, offset: 0 });
    expect(few.total).toBe(1);
    expect(few.totalCapped).toBeUndefined();
  });

  it('matches regardless of letter case and full-width letters, quoting the text as printed', async () => {
    const store = await open({ parse: parseTestDocument, check: bigProjectCheck });
    await store.importDocument(testDocumentText(cloudBudget({ projects: [{ name: '办公OA系统升级', amountFen: 10_000_00, overview: '升级ＧＩＳ平台。' }] })));
    for (const q of ['oa系统', 'OA', 'ｏａ系', 'gis平台', 'GIS']) {
      const hits = await store.search({ q, limit: 10, offset: 0 });
      expect(hits.items.map((h) => h.project), q).toEqual(['办公OA系统升级']);
    }
    expect((await store.search({ q: 'oa系统', limit: 10, offset: 0 })).items[0]?.snippet).toContain('办公OA系统升级');
  });

  it('rejects a document the reader does not recognise and writes nothing', async () => {
    const store = await open({ parse: parseTestDocument, check: bigProjectCheck });
    const outcome = await store.importDocument('这不是预算文件');
    expect(outcome.status).toBe('rejected');
    expect(outcome.diagnostics.map((d) => d.code)).toEqual(['not-a-budget-document']);
    expect((await rowCounts(store))['documents']).toBe(0);
    const binary = await store.importDocument(`${testDocumentText(cloudBudget())}\u0000\u0001`);
    expect(binary.status).toBe('rejected');
    expect(binary.diagnostics.map((d) => d.code)).toEqual(['not-a-text-file']);
    expect((await rowCounts(store))['documents']).toBe(0);
  });

  it('checks a document together with the same department’s previous year', async () => {
    const seen: number[] = [];
    const store = await open({
      parse: parseTestDocument,
      check: (subjects) => {
        seen.push(subjects.length);
        return subjects.map((s) => ({ rule: 'test.subject', severity: 'info' as const, message: '', figures: [], ...(s.name !== undefined ? { document: s.name } : {}) }));
      },
    });
    await store.importDocument(testDocumentText(cloudBudget({ year: 2024 })));
    const y2025 = await store.importDocument(testDocumentText(cloudBudget()), { sourceName: '2025.txt' });
    expect(seen).toEqual([1, 2]);
    // Findings about the prior document alone are not this document's.
    expect(y2025.findings.map((f) => f.document)).toEqual(['2025.txt']);
  });
});

describe('snippetAround', () => {
  it('cuts a window around the first match on one line', () => {
    expect(snippetAround('项目名称\n主要用于政务云平台的运维保障和安全服务', '政务云', 3)).toBe('…要用于政务云平台的…');
    expect(snippetAround('短文本', '文')).toBe('短文本');
    expect(snippetAround('一二三四五六七八九十办公OA系统升级', 'ｏａ', 2)).toBe('…办公OA系统…');
  });
});
