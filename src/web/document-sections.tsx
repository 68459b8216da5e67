/**
 * The narrative parts of a document: 编制说明 with its main items, 其他相关情况说明, and the
 * projects (explanations; for performance declarations also the form and its indicator table).
 */
import type { ReactNode } from 'react';
import { fen, formatTarget, PROJECT_PART_KEYS, PROJECT_PART_TITLES } from '#domain/index.ts';
import type {
  BudgetExplanation,
  DeclaredProject,
  Indicator,
  MoneyFigure,
  NarrativeAmount,
  OtherInformation,
  PerformanceForm,
  ProjectExplanation,
  StatedChange,
} from '#domain/index.ts';
import { formatPercent, formatWanYuan, formatYuanGrouped } from '#domain/index.ts';
import { projectId, SECTION_IDS } from './table-layout.ts';

/** A figure in the unit it was printed in, exactly as the document prints it. */
const figureText = (f: MoneyFigure | undefined): string =>
  f === undefined ? '—' : f.unit === '万元' ? `${formatWanYuan(f.amount, { grouped: true })} 万元` : `${formatYuanGrouped(f.amount)} 元`;

const changeText = (c: StatedChange | undefined): string => {
  if (!c) return '';
  const parts = [`比${c.comparedYear !== undefined ? `${c.comparedYear}年` : '上年'}${c.basis === 'execution' ? '预算执行数' : '预算'}${c.direction}`];
  if (c.amount) parts.push(figureText(c.amount));
  if (c.percent) parts.push(`${c.percentDirection ?? ''}${formatPercent(c.percent.hundredths)}%`);
  return parts.join(' ');
};

// `data-line` (the source line an element shows) lets a finding located by line land on its own
// item or sentence rather than on the top of its section (document-page.tsx, elementForLine).
const AmountRow = ({ label, a }: { readonly label: string; readonly a: NarrativeAmount | undefined }): ReactNode =>
  a ? (
    <tr data-line={a.amount.source.line} data-line-to={a.change?.line ?? a.amount.source.line}>
      <th>{label}</th>
      <td className="num">{figureText(a.amount)}</td>
      <td>{changeText(a.change)}</td>
    </tr>
  ) : null;

export const ExplanationSection = ({ e }: { readonly e: BudgetExplanation | undefined }): ReactNode => (
  <section className="card" id={SECTION_IDS.explanation}>
    <h2>编制说明</h2>
    {!e ? (
      <p className="muted">未读取到编制说明。</p>
    ) : (
      <>
        <table className="grid compact kv">
          <tbody>
            <AmountRow label="收入预算" a={e.revenueTotal} />
            {e.revenueParts.map((p) => (
              <AmountRow key={p.name} label={`其中：${p.name}`} a={p} />
            ))}
            <AmountRow label="支出预算" a={e.expenditureTotal} />
            <AmountRow label="财政拨款支出预算" a={e.fiscalExpenditure} />
            {e.fiscalExpenditureParts.map((p) => (
              <AmountRow key={p.name} label={`其中：${p.name}`} a={p} />
            ))}
          </tbody>
        </table>
        {e.changeReason ? <p data-line={e.changeReason.source.line}>{e.changeReason.text}</p> : null}
        {e.newDepartmentStatement ? <p className="muted">{e.newDepartmentStatement.text}</p> : null}
        {e.mainItems.length > 0 ? (
          <>
            <h3>财政拨款支出主要内容</h3>
            <table className="grid compact">
              <thead>
                <tr>
                  <th>序号</th>
                  <th>科目</th>
                  <th className="num">金额</th>
                  <th>主要用途</th>
                  <th>比较</th>
                </tr>
              </thead>
              <tbody>
                {e.mainItems.map((m) => (
                  <tr key={`${m.ordinal}-${m.line}`} id={`main-item-${m.ordinal}`} data-line={m.line} data-line-to={m.change?.line ?? m.amount.source.line}>
                    <td>{m.ordinal}</td>
                    <td>
                      {m.subject}
                      {m.subjectCode ? <span className="muted">（{m.subjectCode}）</span> : null}
                    </td>
                    <td className="num">{figureText(m.amount)}</td>
                    <td>{m.purpose ?? ''}</td>
                    <td>{changeText(m.change)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : null}
        <details>
          <summary>编制说明原文</summary>
          <p className="prose">{e.text.text}</p>
        </details>
      </>
    )}
  </section>
);

const Fact = ({ label, line, children }: { readonly label: string; readonly line?: number | undefined; readonly children: ReactNode }): ReactNode => (
  <tr {...(line !== undefined ? { 'data-line': line } : {})}>
    <th>{label}</th>
    <td>{children}</td>
  </tr>
);

export const OtherInformationSection = ({ o }: { readonly o: OtherInformation }): ReactNode => {
  const tp = o.threePublic;
  const oc = o.operatingCosts;
  const pr = o.procurement;
  const pt = o.performanceTargets;
  const as = o.assets;
  return (
    <section className="card" id={SECTION_IDS.otherInformation}>
      <h2>其他相关情况说明</h2>
      <div className="columns">
        <div>
          <h3>一、“三公”经费</h3>
          {tp ? (
            <table className="grid compact kv">
              <tbody>
                <AmountRow label="合计" a={tp.total} />
                <AmountRow label="因公出国（境）费" a={tp.abroad} />
                <AmountRow label="公务用车购置及运行费" a={tp.vehicles} />
                <AmountRow label="其中：公务用车购置费" a={tp.vehiclePurchase} />
                <AmountRow label="其中：公务用车运行费" a={tp.vehicleOperation} />
                <AmountRow label="公务接待费" a={tp.reception} />
              </tbody>
            </table>
          ) : (
            <p className="muted">未说明。</p>
          )}
          <h3>二、机关运行经费</h3>
          <p {...(oc?.amount ? { 'data-line': oc.amount.source.line } : {})}>{oc ? (oc.none ? '无机关运行经费。' : figureText(oc.amount)) : <span className="muted">未说明。</span>}</p>
          {oc?.unitsDescription ? <p className="muted">{oc.unitsDescription}</p> : null}
        </div>
        <div>
          <h3>三、政府采购</h3>
          {pr ? (
            <table className="grid compact kv">
              <tbody>
                <Fact label="政府采购预算" line={pr.total?.source.line}>{figureText(pr.total)}</Fact>
                <Fact label="货物" line={pr.goods?.source.line}>{figureText(pr.goods)}</Fact>
                <Fact label="工程" line={pr.works?.source.line}>{figureText(pr.works)}</Fact>
                <Fact label="服务" line={pr.services?.source.line}>{figureText(pr.services)}</Fact>
                <Fact label="面向中小企业预留" line={pr.smeReserved?.source.line}>{figureText(pr.smeReserved)}</Fact>
                <Fact label="其中：小型和微型企业" line={pr.smallMicroReserved?.source.line}>{figureText(pr.smallMicroReserved)}</Fact>
              </tbody>
            </table>
          ) : (
            <p className="muted">未说明。</p>
          )}
          <h3>四、绩效目标设置情况</h3>
          {pt ? (
            <table className="grid compact kv">
              <tbody>
                <Fact label="预算单位">{pt.units ? `${pt.units.value} 个` : '—'}</Fact>
                <Fact label="编报绩效目标的项目">{pt.projects ? `${pt.projects.value} 个` : '—'}</Fact>
                <Fact label="涉及项目预算资金" line={pt.amount?.source.line}>{figureText(pt.amount)}</Fact>
                <Fact label="1000万元（含）以上项目">{pt.projectsOver10Million ? `${pt.projectsOver10Million.value} 个` : '—'}</Fact>
              </tbody>
            </table>
          ) : (
            <p className="muted">未说明。</p>
          )}
          <h3>五、国有资产占有使用情况</h3>
          {as ? (
            <table className="grid compact kv">
              <tbody>
                {as.asOf ? <Fact label="截至">{as.asOf}</Fact> : null}
                <Fact label="车辆">
                  {as.vehiclesTotal ? `${as.vehiclesTotal.value} 辆` : '—'}
                  {as.vehiclesByType.length > 0 ? `（${as.vehiclesByType.map((v) => `${v.type}${v.count.value}辆`).join('，')}）` : ''}
                </Fact>
                {as.equipment.map((e) => (
                  <Fact key={e.description} label={e.description}>{`${e.count.value} 台（套）`}</Fact>
                ))}
                {as.plannedVehicles ? <Fact label="计划购置车辆">{`${as.plannedVehicles.value} 辆`}</Fact> : null}
                {as.plannedEquipment.map((e) => (
                  <Fact key={`p-${e.description}`} label={`计划购置：${e.description}`}>{`${e.count.value} 台（套）`}</Fact>
                ))}
                {as.statements.map((s, i) => (
                  <Fact key={`s-${i}`} label="说明">{s.text}</Fact>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted">未说明。</p>
          )}
        </div>
      </div>
    </section>
  );
};

const ExplanationParts = ({ p }: { readonly p: ProjectExplanation }): ReactNode => (
  <dl className="parts">
    {PROJECT_PART_KEYS.map((k) => {
      const part = p.parts[k];
      return part ? (
        <div key={k}>
          <dt>{PROJECT_PART_TITLES[k][0]}</dt>
          <dd>{part.text}</dd>
        </div>
      ) : null;
    })}
    {p.paymentSchedule.length > 0 ? (
      <div>
        <dt>付款安排</dt>
        <dd>
          {p.paymentSchedule
            .map((m) => `${m.trigger}${m.percent ? ` ${formatPercent(m.percent.hundredths)}%` : ''}${m.amount ? ` ${figureText(m.amount)}` : ''}`)
            .join('；')}
        </dd>
      </div>
    ) : null}
  </dl>
);

const FUNDS_LABELS: readonly (readonly [keyof PerformanceForm['funds'], string])[] = [
  ['total', '项目资金总额'],
  ['fiscal', '其中：财政资金'],
  ['other', '其他资金'],
  ['annualTotal', '年度资金申请总额'],
  ['annualFiscal', '其中：当年财政拨款'],
  ['carryOver', '上年结转资金'],
  ['annualOther', '其他资金'],
];

/** Indicator rows with 一级/二级 cells merged over the rows they head, as the forms print them. */
export const indicatorSpans = (xs: readonly Indicator[]): { readonly l1: number; readonly l2: number }[] =>
  xs.map((x, i) => {
    const prev = xs[i - 1];
    const l1Start = i === 0 || prev?.level1 !== x.level1;
    const l2Start = l1Start || prev?.level2 !== x.level2;
    let l1 = 0;
    let l2 = 0;
    if (l1Start) for (let j = i; j < xs.length && xs[j]?.level1 === x.level1; j++) l1++;
    if (l2Start) for (let j = i; j < xs.length && xs[j]?.level1 === x.level1 && xs[j]?.level2 === x.level2; j++) l2++;
    return { l1, l2 };
  });

const FormView = ({ f }: { readonly f: PerformanceForm }): ReactNode => {
  const spans = indicatorSpans(f.indicators);
  return (
    <div className="form">
      <h4>财政项目支出绩效目标申报表{f.ordinal !== undefined ? ` ${f.ordinal}` : ''}{f.year !== undefined ? `（${f.year} 年度）` : ''}</h4>
      <table className="grid compact kv">
        <tbody>
          <Fact label="项目名称">{f.name}</Fact>
          {f.nature ? <Fact label="项目性质">{f.nature}</Fact> : null}
          {f.category ? <Fact label="项目类别">{f.category}</Fact> : null}
          {f.supervisor ? <Fact label="主管部门">{f.supervisor}</Fact> : null}
          {f.implementer ? <Fact label="实施单位">{f.implementer}</Fact> : null}
          {f.plannedStart || f.plannedEnd ? <Fact label="计划实施期间">{`${f.plannedStart ?? ''} 至 ${f.plannedEnd ?? ''}`}</Fact> : null}
        </tbody>
      </table>
      <table className="grid compact">
        <thead>
          <tr>
            {FUNDS_LABELS.map(([k, label]) => (
              <th key={k} className="num">{label}（元）</th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            {FUNDS_LABELS.map(([k]) => {
              const m = f.funds[k];
              return (
                <td key={k} className="num">
                  {m ? formatYuanGrouped(fen(m.amount)) : ''}
                </td>
              );
            })}
          </tr>
        </tbody>
      </table>
      {f.overallGoal ? <p><strong>项目总目标：</strong>{f.overallGoal.text}</p> : null}
      {f.annualGoal ? <p><strong>年度总体目标：</strong>{f.annualGoal.text}</p> : null}
      {f.indicators.length > 0 ? (
        <table className="grid compact indicators">
          <thead>
            <tr>
              <th>一级指标</th>
              <th>二级指标</th>
              <th>三级指标</th>
              <th>指标值</th>
            </tr>
          </thead>
          <tbody>
            {f.indicators.map((x, i) => (
              <tr key={`${x.line}-${i}`}>
                {spans[i]?.l1 ? <td rowSpan={spans[i]?.l1}>{x.level1}</td> : null}
                {spans[i]?.l2 ? <td rowSpan={spans[i]?.l2}>{x.level2}</td> : null}
                <td>{x.level3}</td>
                <td title={`第 ${x.line} 行：${x.raw}`}>{formatTarget(x.target)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
};

export interface ProjectEntry {
  readonly name: string;
  readonly explanation?: ProjectExplanation;
  readonly form?: PerformanceForm;
}

export const projectEntries = (projects: readonly (ProjectExplanation | DeclaredProject)[]): ProjectEntry[] =>
  projects.map((p) =>
    'parts' in p
      ? { name: p.name, explanation: p }
      : {
          name: p.form?.name ?? p.explanation?.name ?? '',
          ...(p.explanation ? { explanation: p.explanation } : {}),
          ...(p.form ? { form: p.form } : {}),
        },
  );

export const ProjectsSection = ({ entries }: { readonly entries: readonly ProjectEntry[] }): ReactNode => (
  <section className="card" id={SECTION_IDS.projects}>
    <h2>项目（{entries.length} 个）</h2>
    {entries.length === 0 ? <p className="muted">未读取到项目说明。</p> : null}
    {entries.map((e, i) => (
      <details key={`${e.name}-${i}`} id={projectId(i)} className="project" open={entries.length <= 3}>
        <summary>
          <span className="project-name">{e.name || `项目 ${i + 1}`}</span>
          {e.explanation?.annualAmount ? <span className="muted"> · 年度预算 {figureText(e.explanation.annualAmount)}</span> : null}
          {e.form?.funds.total ? <span className="muted"> · 项目资金总额 {figureText(e.form.funds.total)}</span> : null}
        </summary>
        {e.explanation ? <ExplanationParts p={e.explanation} /> : null}
        {e.form ? <FormView f={e.form} /> : null}
      </details>
    ))}
  </section>
);
