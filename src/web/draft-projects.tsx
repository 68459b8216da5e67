/**
 * Projects of a draft: name, annual amount, the seven parts of 项目经费情况说明 (年度预算安排 is
 * generated from the amount), and the 绩效目标 indicators — 一级/二级 picked from the indicator
 * taxonomy, the target checked against its grammar as it is typed (`≥90%`, `≤20万元`,
 * `2024年12月31日前`).
 */
import { useState } from 'react';
import type { ReactNode } from 'react';
import type { BudgetDraft } from '#authoring/draft.ts';
import { addIndicator, addProject, removeIndicator, removeProject, setIndicator, setProjectField } from '#authoring/edit.ts';
import { checkTarget } from '#authoring/targets.ts';
import { PROJECT_PART_KEYS, PROJECT_PART_TITLES, type Finding } from '#domain/index.ts';
import { INDICATOR_TAXONOMY } from '#reference/indicator-taxonomy.ts';

export const ProjectsEditor = ({
  draft,
  update,
  findings,
  editable,
  amountCell,
}: {
  readonly draft: BudgetDraft;
  readonly update: (f: (d: BudgetDraft) => BudgetDraft) => void;
  readonly findings: readonly Finding[];
  readonly editable: boolean;
  /** The grid's amount cell for project `i` (typed in 元 or 万元 like every other amount). */
  readonly amountCell: (i: number) => ReactNode;
}): ReactNode => {
  const [open, setOpen] = useState<number | undefined>(undefined);
  const [newName, setNewName] = useState('');
  return (
    <>
      <table className="grid compact" data-testid="projects">
        <thead>
          <tr>
            <th>项目名称</th>
            <th>年度预算</th>
            <th>绩效指标</th>
            <th>核对</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {draft.projects.map((p, i) => {
            const own = findings.filter((f) => f.location?.project === p.name && f.severity !== 'info');
            return (
              <tr key={i}>
                <td>{p.name || '（未命名项目）'}</td>
                <td className="num">{amountCell(i)}</td>
                <td className="num">{p.indicators.length}</td>
                <td>{own.length > 0 ? <span className="finding-mark error" title={own.map((f) => f.message).join('\n')}>{own.length}</span> : null}</td>
                <td>
                  <button type="button" className="button secondary" onClick={() => setOpen(open === i ? undefined : i)}>
                    {open === i ? '收起' : '编辑说明与指标'}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {editable && (
        <div className="form-row">
          <input aria-label="新项目名称" value={newName} placeholder="新项目名称" onChange={(e) => setNewName(e.target.value)} />
          <button
            type="button"
            className="button secondary"
            disabled={newName.trim() === ''}
            onClick={() => {
              update((d) => addProject(d, newName.trim()));
              setNewName('');
            }}
          >
            添加项目
          </button>
        </div>
      )}
      {open !== undefined && draft.projects[open] && (
        <ProjectDetail draft={draft} index={open} update={update} editable={editable} findings={findings} onRemove={() => setOpen(undefined)} />
      )}
    </>
  );
};

const ProjectDetail = ({
  draft,
  index,
  update,
  editable,
  findings,
  onRemove,
}: {
  readonly draft: BudgetDraft;
  readonly index: number;
  readonly update: (f: (d: BudgetDraft) => BudgetDraft) => void;
  readonly editable: boolean;
  readonly findings: readonly Finding[];
  readonly onRemove: () => void;
}): ReactNode => {
  const p = draft.projects[index]!;
  return (
    <div className="project-detail" data-testid="project-detail">
      <div className="form-row">
        <label className="grow">
          项目名称
          <input value={p.name} disabled={!editable} onChange={(e) => update((d) => setProjectField(d, index, { name: e.target.value }))} />
        </label>
        {editable && (
          <button
            type="button"
            className="button secondary"
            onClick={() => {
              update((d) => removeProject(d, index));
              onRemove();
            }}
          >
            删除项目
          </button>
        )}
      </div>
      {PROJECT_PART_KEYS.filter((k) => k !== 'budget').map((k) => (
        <label key={k} className="grow part">
          {PROJECT_PART_TITLES[k][0]}
          <textarea value={p.parts[k] ?? ''} disabled={!editable} onChange={(e) => update((d) => setProjectField(d, index, { part: { key: k, text: e.target.value } }))} />
        </label>
      ))}
      <h4>绩效目标</h4>
      <table className="grid compact" data-testid="indicators">
        <thead>
          <tr>
            <th>一级指标</th>
            <th>二级指标</th>
            <th>三级指标</th>
            <th>指标值</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {p.indicators.map((ind, j) => {
            const level2 = INDICATOR_TAXONOMY.find((c) => c.name === ind.level1)?.level2 ?? [];
            const problem = checkTarget(ind.target);
            const own = findings.filter((f) => f.location?.field === `indicator:${index}:${j}`);
            return (
              <tr key={j}>
                <td>
                  <select aria-label={`指标${j + 1} 一级指标`} value={ind.level1} disabled={!editable} onChange={(e) => update((d) => setIndicator(d, index, j, { level1: e.target.value, level2: INDICATOR_TAXONOMY.find((c) => c.name === e.target.value)?.level2[0] ?? '' }))}>
                    {INDICATOR_TAXONOMY.map((c) => (
                      <option key={c.name}>{c.name}</option>
                    ))}
                  </select>
                </td>
                <td>
                  <select aria-label={`指标${j + 1} 二级指标`} value={ind.level2} disabled={!editable} onChange={(e) => update((d) => setIndicator(d, index, j, { level2: e.target.value }))}>
                    {(level2.includes(ind.level2) ? level2 : [ind.level2, ...level2]).map((n) => (
                      <option key={n}>{n}</option>
                    ))}
                  </select>
                </td>
                <td>
                  <input aria-label={`指标${j + 1} 三级指标`} value={ind.level3} disabled={!editable} onChange={(e) => update((d) => setIndicator(d, index, j, { level3: e.target.value }))} />
                </td>
                <td>
                  <input
                    aria-label={`指标${j + 1} 指标值`}
                    className={problem ? 'invalid' : undefined}
                    title={problem}
                    value={ind.target}
                    placeholder="≥90%"
                    disabled={!editable}
                    onChange={(e) => update((d) => setIndicator(d, index, j, { target: e.target.value }))}
                  />
                  {own.map((f, k) => (
                    <div key={k} className="inline-finding error">
                      {f.message}
                    </div>
                  ))}
                </td>
                <td>
                  {editable && (
                    <button type="button" className="button secondary" onClick={() => update((d) => removeIndicator(d, index, j))}>
                      删除
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {editable && (
        <button type="button" className="button secondary" onClick={() => update((d) => addIndicator(d, index, { level1: '产出指标', level2: '数量指标', level3: '', target: '' }))}>
          添加指标
        </button>
      )}
    </div>
  );
};
