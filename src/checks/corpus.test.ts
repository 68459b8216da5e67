/**
 * The checker on the real documents. The two Songjiang budget disclosures are clean as far as
 * arithmetic goes: no error findings. On the Putuo pair and the performance declaration, the
 * findings are pinned by rule and location; each was reviewed against the source text:
 *
 * - Putuo 2025, tables 2/3/5, 212 01 城乡社区管理事务: 合计 printed 94,995,790 while its 项 add up
 *   to 94,995,789 (and 77,381,546 + 17,614,243 = 94,995,789); the 类 212 (154,369,326) equals the
 *   true sum, so it is one 元 off the printed 款. Item 21 of 主要内容 names
 *   “卫生健康支出（款）计划生育事务（项）”, which no row has (210 07 17 is 计划生育服务).
 * - Putuo 2024: item 31 says 350.35万元 and then “2024年预算安排352.67万元”; item 4 decreases but
 *   gives “…经费增加” as the reason; table 9 has figures under a note saying it is empty; table 8
 *   prints the 款 of 301 02 津贴补贴 and 301 07 绩效工资 with one digit (`301 2`, `301 7`).
 * - Both: the one project explanation has no name and only quarterly figures; 绩效目标 money
 *   differs from 项目支出 while only 2 (3) of 6 units set targets — a hint.
 * - Declaration: project 6 estimate 11,900元 against 9,950 + 5,050 and a 15,000元 form; project 8
 *   42.75万 + 49.35万 against 95万; project 3's plan dated 2023; forms without 成本指标 or with
 *   “满意” as satisfaction target; vague targets; money as output (project 1); `***` placeholders.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '#domain/index.ts';
import { parseDocument } from '#ingest/detect.ts';
import { readCorpus } from '../../test/corpus.ts';
import { checkDocuments, type CheckSubject } from './index.ts';

const subject = (name: string): CheckSubject => {
  const text = readCorpus(name);
  const p = parseDocument(text);
  if (p.kind === 'unknown') throw new Error(`${name} not recognised`);
  return { kind: p.kind, document: p.document, name, text, diagnostics: p.diagnostics } as CheckSubject;
};

const pin = (f: Finding) => [f.rule, f.severity, f.location?.line, f.location?.table ?? f.location?.project ?? null, f.location?.column ?? null];

describe('checking the corpus', () => {
  it.each(['songjiang-2025-administrative-service-center-budget', 'songjiang-2025-data-bureau-budget'])('finds no errors in %s', (name) => {
    const findings = checkDocuments([subject(name)]);
    expect(findings.filter((f) => f.severity === 'error').map((f) => f.message)).toEqual([]);
  });

  it('finds in the Songjiang administrative service center budget only its placeholders (one finding per placeholder; line 1020 has two), doubled 。 and a 2024 statement', () => {
    const findings = checkDocuments([subject('songjiang-2025-administrative-service-center-budget')]);
    expect(findings.map(pin)).toEqual([
      ...[1000, 1003, 1020, 1020, 1028, 1031, 1053, 1054].map((l) => ['hygiene.placeholder', 'warning', l, null, null]),
      ['hygiene.doubled-punctuation', 'warning', 596, null, null],
      ['hygiene.budget-year-statement', 'warning', 484, null, null],
    ]);
  });

  it('pins the findings on the Putuo pair, checked together as consecutive years', () => {
    const findings = checkDocuments([subject('putuo-2025-wanli-subdistrict-budget'), subject('putuo-2024-wanli-subdistrict-budget')]);
    const of = (doc: string) => findings.filter((f) => f.document === doc).map(pin);
    expect(of('putuo-2025-wanli-subdistrict-budget')).toEqual([
      ['table.row-total-equals-parts', 'error', 414, 3, '合计'],
      ['table.row-total-equals-parts', 'error', 599, 5, '合计'],
      ['table.parent-equals-children', 'error', 274, 2, '合计'],
      ['table.parent-equals-children', 'error', 274, 2, '财政拨款收入'],
      ['table.parent-equals-children', 'error', 276, 2, '合计'],
      ['table.parent-equals-children', 'error', 276, 2, '财政拨款收入'],
      ['table.parent-equals-children', 'error', 412, 3, '合计'],
      ['table.parent-equals-children', 'error', 414, 3, '合计'],
      ['table.parent-equals-children', 'error', 597, 5, '合计'],
      ['table.parent-equals-children', 'error', 599, 5, '合计'],
      ['narrative.performance-targets-money', 'info', 770, null, null],
      ['narrative.main-item-subject-found', 'warning', 120, null, null],
      ['projects.name-present', 'warning', 778, '', null],
      ['projects.amount-stated', 'info', 803, '', null],
    ]);
    expect(of('putuo-2024-wanli-subdistrict-budget')).toEqual([
      ['narrative.performance-targets-money', 'info', 814, null, null],
      ['narrative.reason-direction', 'warning', 90, null, null],
      ['narrative.main-item-consistent', 'error', 176, null, null],
      ['projects.name-present', 'warning', 822, '', null],
      ['projects.amount-stated', 'info', 847, '', null],
      ['hygiene.code-format', 'warning', 720, 8, null],
      ['hygiene.code-format', 'warning', 722, 8, null],
      ['hygiene.empty-table-note', 'warning', 794, 9, null],
    ]);
    // The year-on-year figures 2025 cites (收入 +3,355.65万元, 三公 −10万元, …) agree with 2024's document.
    expect(findings.filter((f) => f.rule.startsWith('cross-year.'))).toEqual([]);
  });

  it('pins the findings on the performance declaration', () => {
    const findings = checkDocuments([subject('songjiang-2024-sci-tech-innovation-center-performance-targets')]);
    const p6 = '设备更新、维护费（社保卡）';
    const p8 = '松江区***工程运维项目';
    expect(findings.filter((f) => f.severity !== 'info').map(pin)).toEqual([
      ['projects.breakdown-equals-amount', 'error', 568, p8, null],
      ['projects.estimate-equals-amount', 'warning', 442, p6, null],
      ['projects.schedule-year', 'warning', 149, '科技金融宣传活动费', null],
      ['indicators.explanation-equals-form', 'error', 442, p6, null],
      ['indicators.all-level1-present', 'warning', 51, '编外人员工作经费', null],
      ['indicators.all-level1-present', 'warning', 463, p6, null],
      ['indicators.all-level1-present', 'warning', 522, '设备更新、维护费（外专服务）', null],
      ...[
        [247, '区政务机房软硬件及环境设备维保项目'],
        [416, '区政务IT运维外包服务项目'],
        [534, '设备更新、维护费（外专服务）'],
        [602, p8],
        [668, '松江区政务协同办公平台**迁移试点'],
        [740, '松江区政务云运营运维项目(2023-2024)'],
      ].map(([l, p]) => ['indicators.satisfaction-quantified', 'warning', l, p, null]),
      ...[
        [56, '编外人员工作经费'],
        [115, '短信平台月租费'],
        [177, '科技金融宣传活动费'],
        [232, '区政务机房软硬件及环境设备维保项目'],
        [401, '区政务IT运维外包服务项目'],
        [467, p6],
        [528, '设备更新、维护费（外专服务）'],
        [588, p8],
        [656, '松江区政务协同办公平台**迁移试点'],
        [725, '松江区政务云运营运维项目(2023-2024)'],
        [792, '政务信息安全服务项目'],
      ].map(([l, p]) => ['indicators.vague-target', 'warning', l, p, null]),
      ['indicators.input-as-output', 'warning', 51, '编外人员工作经费', null],
      ...[537, 542, 576, 604, 642].map((l) => ['hygiene.placeholder', 'warning', l, null, null]),
    ]);
    // The two known disagreements of the domain page, with their figures.
    const p8Finding = findings.find((f) => f.rule === 'projects.breakdown-equals-amount')!;
    expect(p8Finding.figures.slice(0, 2).map((x) => x.amount)).toEqual([92_100_000, 95_000_000]);
    const p6Finding = findings.find((f) => f.rule === 'indicators.explanation-equals-form')!;
    expect(p6Finding.figures.map((x) => x.amount)).toEqual([11_900_00, 15_000_00]);
  });
});
