/**
 * The draft editor: a spreadsheet-like grid per kind of leaf figure (functional lines × 基本/项目 ×
 * source, table 8's economic lines, table 9), amounts typed in 元 or 万元 or pasted from Excel;
 * the generated 编制说明 with the officer's reasons and purposes; the nine tables derived from the
 * leaves; the rule catalogue run in the browser on every change (`recompute`), findings beside
 * the row or sentence; save as a new version, submit, versions and what changed.
 */
import { STATUS_LABELS, isDocumentStatus } from '#domain/workflow.ts';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ClipboardEvent, KeyboardEvent, ReactNode } from 'react';
import { aggregate, pick } from '#authoring/aggregate.ts';
import { leafChoices, type CodeChoice } from '#authoring/codes.ts';
import { againstPriorYear, diffDrafts, FIELD_LABEL, type DraftChange } from '#authoring/diff.ts';
import {
  FISCAL_SOURCES,
  FUNDING_SOURCES,
  REASON_KEYS,
  THREE_PUBLIC_FIELDS,
  type BudgetDraft,
  type FundingSource,
  type LineField,
  type ReasonKey,
  type ThreePublicFigures,
} from '#authoring/draft.ts';
import { addEconomicLine, addLine, removeLine, setClassPublic, setEconomicAmount, setLineAmount, setProcurement, setProjectAmount, setPurpose, setReason, setThreePublic } from '#authoring/edit.ts';
import { recompute } from '#authoring/live.ts';
import { mainItemKey } from '#authoring/narrative.ts';
import { formatWanYuan, formatYuanGrouped, type Fen, type Finding, type MoneyUnit } from '#domain/index.ts';
import { BudgetTableView, FlaggedCells } from './budget-tables.tsx';
import { ErrorNotice, Loading, SeverityBadge } from './common.tsx';
import { getDraft, getDraftVersion, listDraftVersions, saveDraft, submitDraft, type DraftDetail, type DraftVersionSummary } from './draft-api.ts';
import { parseAmountInput, parsePastedBlock } from './draft-input.ts';
import { FindingsList } from './findings-list.tsx';
import { ProjectsEditor } from './draft-projects.tsx';
import { ExplanationSection, OtherInformationSection, ProjectsSection, projectEntries } from './document-sections.tsx';
import { href } from './router.ts';
import { flaggedCells } from './table-layout.ts';
import { errorMessage } from './use-async.ts';
import { DraftReviewComments, ReviewNotes, useDraftReview } from './draft-review-comments.tsx';
import { placeComments } from './draft-review-place.ts';
import type { ReviewComment } from '#store/review.ts';

const showAmount = (f: number, unit: MoneyUnit): string => (f === 0 ? '' : unit === '万元' ? formatWanYuan(f as Fen, { grouped: true }) : formatYuanGrouped(f as Fen));
const showTotal = (f: number, unit: MoneyUnit): string => (unit === '万元' ? formatWanYuan(f as Fen, { grouped: true }) : formatYuanGrouped(f as Fen));

const THREE_PUBLIC_LABELS: Readonly<Record<keyof ThreePublicFigures, string>> = {
  abroad: '因公出国(境)费',
  reception: '公务接待费',
  vehiclePurchase: '公务用车购置费',
  vehicleOperation: '公务用车运行费',
  operatingCosts: '机关运行经费',
};
const REASON_LABELS: Readonly<Record<ReasonKey, string>> = { fiscal: '财政拨款收支变动原因', threePublic: '“三公”经费变动原因', operatingCosts: '机关运行经费变动原因' };

// ---------------------------------------------------------------------------------------------
// One editable amount cell of a grid

interface CellProps {
  readonly grid: string;
  readonly r: number;
  readonly c: number;
  readonly value: number;
  readonly unit: MoneyUnit;
  readonly label: string;
  readonly onCommit: (amount: Fen) => void;
  readonly onPasteBlock: (r: number, c: number, block: string[][]) => void;
  readonly disabled: boolean;
}

const focusCell = (grid: string, r: number, c: number): boolean => {
  const el = document.querySelector<HTMLInputElement>(`input[data-grid="${grid}"][data-r="${r}"][data-c="${c}"]`);
  if (!el) return false;
  el.focus();
  el.select();
  return true;
};

const AmountCell = ({ grid, r, c, value, unit, label, onCommit, onPasteBlock, disabled }: CellProps): ReactNode => {
  const [text, setText] = useState<string | undefined>(undefined);
  const [invalid, setInvalid] = useState<string | undefined>(undefined);
  const shown = text ?? showAmount(value, unit);
  const change = (t: string): void => {
    setText(t);
    const p = parseAmountInput(t, unit);
    if (p.ok) {
      setInvalid(undefined);
      if (p.amount !== value) onCommit(p.amount);
    } else setInvalid(p.message);
  };
  const leave = (): void => {
    setText(undefined);
    setInvalid(undefined);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    const el = e.currentTarget;
    const move = (dr: number, dc: number): void => {
      if (focusCell(grid, r + dr, c + dc)) e.preventDefault();
    };
    if (e.key === 'Enter' || e.key === 'ArrowDown') move(1, 0);
    else if (e.key === 'ArrowUp') move(-1, 0);
    else if (e.key === 'ArrowRight' && el.selectionStart === el.value.length && el.selectionEnd === el.value.length) move(0, 1);
    else if (e.key === 'ArrowLeft' && el.selectionStart === 0 && el.selectionEnd === 0) move(0, -1);
    else if (e.key === 'Escape') {
      leave();
      el.blur();
    }
  };
  const onPaste = (e: ClipboardEvent<HTMLInputElement>): void => {
    const t = e.clipboardData.getData('text/plain');
    if (!/[\t\n]/.test(t.replace(/\r?\n$/, ''))) return; // one value: the input takes it as typed
    e.preventDefault();
    leave();
    onPasteBlock(r, c, parsePastedBlock(t));
  };
  return (
    <input
      className={`amount${invalid ? ' invalid' : ''}`}
      data-grid={grid}
      data-r={r}
      data-c={c}
      aria-label={label}
      title={invalid}
      inputMode="decimal"
      value={shown}
      disabled={disabled}
      onFocus={(e) => {
        setText(showAmount(value, unit).replace(/,/g, ''));
        e.currentTarget.select();
      }}
      onChange={(e) => change(e.target.value)}
      onBlur={leave}
      onKeyDown={onKeyDown}
      onPaste={onPaste}
    />
  );
};

/** Paste a block over editable cells from (r, c): rows and columns past the grid are dropped. */
const pasteInto = (
  block: string[][],
  r0: number,
  c0: number,
  rows: number,
  cols: number,
  unit: MoneyUnit,
  set: (r: number, c: number, amount: Fen) => void,
): string[] => {
  const problems: string[] = [];
  block.forEach((cells, i) =>
    cells.forEach((cell, j) => {
      const r = r0 + i;
      const c = c0 + j;
      if (r >= rows || c >= cols) return;
      const p = parseAmountInput(cell, unit);
      if (p.ok) set(r, c, p.amount);
      else problems.push(p.message);
    }),
  );
  return problems;
};

// ---------------------------------------------------------------------------------------------
// Grids

const rowFindings = (findings: readonly Finding[], code: string): Finding[] =>
  findings.filter((f) => f.severity !== 'info' && [f.location, ...f.figures.map((x) => x.location)].some((l) => l?.row !== undefined && (l.row === code || l.row.startsWith(`${code} `))));

const FindingMarks = ({ findings }: { readonly findings: readonly Finding[] }): ReactNode =>
  findings.length === 0 ? null : (
    <span className={`finding-mark ${findings.some((f) => f.severity === 'error') ? 'error' : 'warning'}`} title={findings.map((f) => f.message).join('\n')}>
      {findings.length}
    </span>
  );

/** What both leaf grids (functional lines, table 8's economic lines) take. */
interface GridProps {
  readonly draft: BudgetDraft;
  readonly update: (f: (d: BudgetDraft) => BudgetDraft) => void;
  readonly unit: MoneyUnit;
  readonly findings: readonly Finding[];
  readonly editable: boolean;
  readonly onProblems: (p: string[]) => void;
  /** Reviewer's comments by the row's code (shown beside it). */
  readonly notes?: ReadonlyMap<string, readonly ReviewComment[]>;
}

/** A classification code picker from the draft year's catalogue: choose, then add. */
const CodePicker = ({ label, placeholder, choices, onAdd }: { readonly label: string; readonly placeholder: string; readonly choices: readonly CodeChoice[]; readonly onAdd: (c: CodeChoice) => void }): ReactNode => {
  const [adding, setAdding] = useState('');
  return (
    <>
      <select aria-label={label} value={adding} onChange={(e) => setAdding(e.target.value)}>
        <option value="">{placeholder}</option>
        {choices.map((c) => (
          <option key={c.code} value={c.code}>
            {c.code} {c.names.join(' / ')}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button secondary"
        disabled={adding === ''}
        onClick={() => {
          const c = choices.find((x) => x.code === adding);
          if (c) onAdd(c);
          setAdding('');
        }}
      >
        添加科目
      </button>
    </>
  );
};

const LinesGrid = ({
  draft,
  update,
  unit,
  findings,
  editable,
  onProblems,
  notes,
}: GridProps): ReactNode => {
  const [allSources, setAllSources] = useState(false);
  const agg = useMemo(() => aggregate(draft), [draft]);
  const used = new Set<FundingSource>(FISCAL_SOURCES.slice(0, 1));
  for (const l of draft.lines) for (const k of Object.keys(l.amounts)) used.add(k.split('.')[1] as FundingSource);
  const sources = allSources ? FUNDING_SOURCES : FUNDING_SOURCES.filter((s) => used.has(s));
  const fields: LineField[] = sources.flatMap((s) => [`basic.${s}`, `project.${s}`] as LineField[]);
  const leafIndex = new Map(draft.lines.map((l, i) => [l.code, i]));
  const setCell = (r: number, c: number, amount: Fen): void => {
    const line = draft.lines[r];
    const field = fields[c];
    if (line && field) update((d) => setLineAmount(d, line.code, field, amount));
  };
  const leafCodes = new Set(draft.lines.map((l) => l.code));
  const choices = useMemo(() => leafChoices('functional', draft.year).filter((c) => !leafCodes.has(c.code)), [draft.year, draft.lines]);
  return (
    <>
      <div className="form-row">
        <label className="check">
          <input type="checkbox" checked={allSources} onChange={(e) => setAllSources(e.target.checked)} />
          显示全部资金来源
        </label>
        {editable && (
          <>
            <CodePicker label="添加科目" placeholder={`选择要添加的功能分类科目（${draft.year}年科目）`} choices={choices} onAdd={(c) => update((d) => addLine(d, { code: c.code, names: c.names }))} />
          </>
        )}
      </div>
      <div className="table-scroll">
        <table className="grid compact draft-grid" data-testid="lines-grid">
          <thead>
            <tr>
              <th rowSpan={2}>科目编码</th>
              <th rowSpan={2}>科目名称</th>
              <th rowSpan={2}>合计</th>
              {sources.map((s) => (
                <th key={s} colSpan={2}>
                  {s === 'general' ? '一般公共预算' : s === 'fund' ? '政府性基金' : s === 'stateCapital' ? '国有资本经营' : s === 'business' ? '事业收入' : s === 'operating' ? '事业单位经营收入' : '其他收入'}
                </th>
              ))}
              <th rowSpan={2}>上年</th>
              <th rowSpan={2}>核对</th>
            </tr>
            <tr>
              {sources.map((s) => [
                <th key={`${s}b`}>基本支出</th>,
                <th key={`${s}p`}>项目支出</th>,
              ])}
            </tr>
          </thead>
          <tbody>
            {agg.codes.map((c) => {
              const r = leafIndex.get(c.code);
              const line = r !== undefined ? draft.lines[r] : undefined;
              const total = pick(c.sums, ['basic', 'project'], FUNDING_SOURCES);
              return (
                <tr key={c.code} className={line ? 'leaf' : `parent level${c.level}`} data-code={c.code}>
                  <td className="code">{c.code}</td>
                  <td>{c.name}</td>
                  <td className="num" data-testid={`total-${c.code}`}>
                    {showTotal(total, unit)}
                  </td>
                  {fields.map((f, j) => (
                    <td key={f} className="num">
                      {line && r !== undefined ? (
                        <AmountCell
                          grid="lines"
                          r={r}
                          c={j}
                          value={line.amounts[f] ?? 0}
                          unit={unit}
                          label={`${c.code} ${FIELD_LABEL(f)}`}
                          disabled={!editable}
                          onCommit={(a) => update((d) => setLineAmount(d, c.code, f, a))}
                          onPasteBlock={(r0, c0, block) => onProblems(pasteInto(block, r0, c0, draft.lines.length, fields.length, unit, setCell))}
                        />
                      ) : (
                        showAmount(c.sums[f], unit)
                      )}
                    </td>
                  ))}
                  <td className="num muted">{line?.prior !== undefined ? showTotal(line.prior, unit) : ''}</td>
                  <td>
                    <FindingMarks findings={rowFindings(findings, c.code)} />
                    <ReviewNotes comments={notes?.get(c.code)} />
                    {line && editable && total === 0 && (
                      <button type="button" className="link-button" title="移除此科目（仅限金额为零的科目）" aria-label={`移除 ${c.code}`} onClick={() => update((d) => removeLine(d, c.code))}>
                        移除
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
            <tr className="total">
              <td colSpan={2}>合计</td>
              <td className="num" data-testid="total-all">
                {showTotal(pick(agg.total, ['basic', 'project'], FUNDING_SOURCES), unit)}
              </td>
              {fields.map((f) => (
                <td key={f} className="num">
                  {showAmount(agg.total[f], unit)}
                </td>
              ))}
              <td className="num muted">{draft.prior ? showTotal(draft.prior.expenditureTotal, unit) : ''}</td>
              <td />
            </tr>
          </tbody>
        </table>
      </div>
    </>
  );
};

const EconomicGrid = ({
  draft,
  update,
  unit,
  findings,
  editable,
  onProblems,
  notes,
}: GridProps): ReactNode => {
  const agg = useMemo(() => aggregate(draft), [draft]);
  const generalBasic = pick(agg.total, ['basic'], ['general']);
  const ecoTotal = agg.economicTotal.personnel + agg.economicTotal.public;
  const fields = ['personnel', 'public'] as const;
  const index = new Map(draft.economic.map((e, i) => [e.code, i]));
  const have = new Set(draft.economic.map((e) => e.code));
  const choices = useMemo(() => leafChoices('economic', draft.year).filter((c) => !have.has(c.code)), [draft.year, draft.economic]);
  const setCell = (r: number, c: number, amount: Fen): void => {
    const e = draft.economic[r];
    const f = fields[c];
    if (e && f) update((d) => setEconomicAmount(d, e.code, f, amount));
  };
  return (
    <>
      <p className={generalBasic === ecoTotal ? 'muted' : 'inline-finding error'} data-testid="economic-balance">
        表8合计 {showTotal(ecoTotal, unit)}，一般公共预算基本支出 {showTotal(generalBasic, unit)}
        {generalBasic === ecoTotal ? '，一致。' : `，相差 ${showTotal(ecoTotal - generalBasic, unit)}：请把基本支出按经济分类分解完整。`}
      </p>
      {editable && (
        <div className="form-row">
          <CodePicker label="添加经济分类科目" placeholder="选择要添加的经济分类科目" choices={choices} onAdd={(c) => update((d) => addEconomicLine(d, c))} />
        </div>
      )}
      <div className="table-scroll">
        <table className="grid compact draft-grid" data-testid="economic-grid">
          <thead>
            <tr>
              <th>科目编码</th>
              <th>科目名称</th>
              <th>合计</th>
              <th>人员经费</th>
              <th>公用经费</th>
              <th>上年</th>
              <th>核对</th>
            </tr>
          </thead>
          <tbody>
            {agg.economic.map((e) => {
              const r = index.get(e.code);
              const line = r !== undefined ? draft.economic[r] : undefined;
              return (
                <tr key={e.code} className={line ? 'leaf' : 'parent level1'} data-code={e.code}>
                  <td className="code">{e.code}</td>
                  <td>{e.name}</td>
                  <td className="num">{showTotal(e.personnel + e.public, unit)}</td>
                  {fields.map((f, j) => (
                    <td key={f} className="num">
                      {line && r !== undefined ? (
                        <AmountCell
                          grid="economic"
                          r={r}
                          c={j}
                          value={line[f]}
                          unit={unit}
                          label={`${e.code} ${f === 'personnel' ? '人员经费' : '公用经费'}`}
                          disabled={!editable}
                          onCommit={(a) => update((d) => setEconomicAmount(d, e.code, f, a))}
                          onPasteBlock={(r0, c0, block) => onProblems(pasteInto(block, r0, c0, draft.economic.length, 2, unit, setCell))}
                        />
                      ) : (
                        showAmount(e[f], unit)
                      )}
                    </td>
                  ))}
                  <td className="num muted">{line?.prior !== undefined ? showTotal(line.prior, unit) : ''}</td>
                  <td>
                    <FindingMarks findings={rowFindings(findings, e.code)} />
                    <ReviewNotes comments={notes?.get(e.code)} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
};

// ---------------------------------------------------------------------------------------------
// The page

const InlineFindings = ({ findings }: { readonly findings: readonly Finding[] }): ReactNode =>
  findings.length === 0 ? null : (
    <div className="inline-findings">
      {findings.map((f, i) => (
        <div key={i} className={`inline-finding ${f.severity}`} data-rule={f.rule}>
          <SeverityBadge severity={f.severity} /> {f.message}
        </div>
      ))}
    </div>
  );

/** The officer's reason under a generated sentence, with the findings about it. */
const ReasonField = (props: {
  readonly reason: ReasonKey;
  readonly text: string;
  readonly editable: boolean;
  readonly findings: readonly Finding[];
  readonly onChange: (reason: ReasonKey, text: string) => void;
}): ReactNode => (
  <>
    <label className="grow">
      {REASON_LABELS[props.reason]}
      <textarea aria-label={REASON_LABELS[props.reason]} value={props.text} disabled={!props.editable} onChange={(e) => props.onChange(props.reason, e.target.value)} />
    </label>
    <InlineFindings findings={props.findings} />
  </>
);

const ChangeList = ({ changes, unit }: { readonly changes: readonly DraftChange[]; readonly unit: MoneyUnit }): ReactNode =>
  changes.length === 0 ? (
    <p className="muted">没有变化。</p>
  ) : (
    <table className="grid compact" data-testid="changes">
      <thead>
        <tr>
          <th>位置</th>
          <th>原</th>
          <th>现</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c, i) => (
          <tr key={i}>
            <td>
              {c.kind === 'added' ? '（新增）' : c.kind === 'removed' ? '（删除）' : ''}
              {c.label}
            </td>
            <td className={typeof c.before === 'number' ? 'num' : undefined}>{typeof c.before === 'number' ? showTotal(c.before, unit) : (c.before ?? '')}</td>
            <td className={typeof c.after === 'number' ? 'num' : undefined}>{typeof c.after === 'number' ? showTotal(c.after, unit) : (c.after ?? '')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );

const VersionsPanel = ({ id, current, version, unit }: { readonly id: number; readonly current: BudgetDraft; readonly version: number; readonly unit: MoneyUnit }): ReactNode => {
  const [versions, setVersions] = useState<DraftVersionSummary[]>([]);
  const [left, setLeft] = useState<number | undefined>(undefined);
  const [right, setRight] = useState<number | undefined>(undefined);
  const [changes, setChanges] = useState<DraftChange[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    const ctrl = new AbortController();
    listDraftVersions(id, ctrl.signal).then(setVersions, (e: unknown) => !ctrl.signal.aborted && setError(errorMessage(e)));
    return () => ctrl.abort();
  }, [id, version]);
  const compare = async (): Promise<void> => {
    const a = left ?? versions[1]?.version;
    const b = right ?? versions[0]?.version;
    if (a === undefined || b === undefined) return;
    try {
      const [x, y] = await Promise.all([getDraftVersion(id, a), getDraftVersion(id, b)]);
      setChanges(diffDrafts(x.draft, y.draft));
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const prior = againstPriorYear(current);
  return (
    <>
      {error && <ErrorNotice message={error} />}
      <table className="grid compact" data-testid="versions">
        <thead>
          <tr>
            <th>版本</th>
            <th>保存时间</th>
            <th>错误</th>
            <th>说明</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version}>
              <td className="num">第 {v.version} 版</td>
              <td>{v.savedAt.replace('T', ' ').slice(0, 19)}</td>
              <td className="num">{v.errorCount}</td>
              <td>{v.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {versions.length > 1 && (
        <div className="form-row">
          <label>
            比较
            <select aria-label="比较版本（原）" value={left ?? versions[1]?.version} onChange={(e) => setLeft(Number(e.target.value))}>
              {versions.map((v) => (
                <option key={v.version} value={v.version}>
                  第 {v.version} 版
                </option>
              ))}
            </select>
          </label>
          <label>
            与
            <select aria-label="比较版本（现）" value={right ?? versions[0]?.version} onChange={(e) => setRight(Number(e.target.value))}>
              {versions.map((v) => (
                <option key={v.version} value={v.version}>
                  第 {v.version} 版
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button secondary" onClick={() => void compare()}>
            显示变化
          </button>
        </div>
      )}
      {changes && <ChangeList changes={changes} unit={unit} />}
      {current.prior && (
        <>
          <h3>与上年（{current.prior.year}年）比较</h3>
          {prior.length === 0 ? (
            <p className="muted">各科目合计与上年相同。</p>
          ) : (
            <table className="grid compact" data-testid="against-prior">
              <thead>
                <tr>
                  <th>科目</th>
                  <th>上年</th>
                  <th>本年</th>
                  <th>变动</th>
                </tr>
              </thead>
              <tbody>
                {prior.map((p) => (
                  <tr key={p.code}>
                    <td>
                      {p.code} {p.name}
                    </td>
                    <td className="num">{showTotal(p.prior, unit)}</td>
                    <td className="num">{showTotal(p.current, unit)}</td>
                    <td className="num">{showTotal(p.current - p.prior, unit)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </>
  );
};

export const DraftPage = ({ draftId }: { readonly draftId: number }): ReactNode => {
  const [detail, setDetail] = useState<DraftDetail | undefined>(undefined);
  const [draft, setDraft] = useState<BudgetDraft | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | undefined>(undefined);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>(undefined);
  const [unit, setUnit] = useState<MoneyUnit>('元');
  const [busy, setBusy] = useState(false);
  const [dirty, setDirty] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const reviewState = useDraftReview(detail?.review);

  useEffect(() => {
    const ctrl = new AbortController();
    getDraft(draftId, ctrl.signal).then(
      (d) => {
        setDetail(d);
        setDraft(d.draft);
        setDirty(false);
      },
      (e: unknown) => !ctrl.signal.aborted && setLoadError(errorMessage(e)),
    );
    return () => ctrl.abort();
  }, [draftId]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent): void => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const update = useCallback((f: (d: BudgetDraft) => BudgetDraft): void => {
    setDraft((d) => (d ? f(d) : d));
    setDirty(true);
  }, []);

  const live = useMemo(() => {
    if (!draft) return undefined;
    const t0 = performance.now();
    const r = recompute(draft);
    return { ...r, ms: performance.now() - t0 };
  }, [draft]);
  const flagged = useMemo(() => flaggedCells(live?.findings ?? []), [live]);

  if (loadError) return <ErrorNotice message={loadError} />;
  if (!detail || !draft || !live) return <Loading />;
  // A submission back with the department (returned, or published and being corrected) is editable
  // again: the next save reopens the draft.
  const review = detail.review;
  const editable = detail.status === 'draft' || (review !== undefined && (review.status === 'returned' || review.status === 'published'));
  const statusLabel = detail.status === 'draft' ? '编辑中' : review !== undefined && isDocumentStatus(review.status) ? STATUS_LABELS[review.status] : '已提交';
  const findings = live.findings;
  const byField = (field: string): Finding[] => findings.filter((f) => f.location?.field === field);

  const save = async (): Promise<void> => {
    setBusy(true);
    try {
      const saved = await saveDraft(draftId, draft, detail.version);
      setDetail(saved);
      setDirty(false);
      setMessage({ kind: 'ok', text: `已保存为第 ${saved.version} 版。` });
    } catch (e) {
      setMessage({ kind: 'error', text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  const submit = async (): Promise<void> => {
    setBusy(true);
    try {
      const s = await submitDraft(draftId, detail.version);
      setDetail(s);
      setMessage({ kind: 'ok', text: '已提交审核：审核人员可在“待办”中看到这份文件。' });
    } catch (e) {
      setMessage({ kind: 'error', text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  const paragraphs = [...live.derived.narrative.explanation];
  const other = live.derived.narrative.other;
  const itemsByKey = new Map(live.derived.narrative.mainItems.map((m) => [mainItemKey(m.line.code, m.source), m]));
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  const placed = placeComments(reviewState.state?.comments ?? [], draft);

  return (
    <div className="draft-page">
      <section className="card draft-head">
        <div className="card-head">
          <h2>
            {draft.department || '（未命名）'} {draft.year}年{draft.level === 'unit' ? '单位' : '部门'}预算（草稿）
          </h2>
          <a href={href.drafts()}>返回草稿列表</a>
        </div>
        <div className="form-row">
          <span data-testid="draft-version">
            第 {detail.version} 版 · {statusLabel}
            {dirty ? ' · 有未保存的修改' : ''}
          </span>
          {review !== undefined && (
            <a href={href.document(review.documentId)} data-testid="draft-review-link">
              {review.status === 'returned' ? '查看退回意见' : '查看审核文件'}（文件 {review.documentId}）
            </a>
          )}
          <span data-testid="live-counts" className={live.errors > 0 ? 'error-text' : undefined}>
            错误 {live.errors} · 警告 {warnings}
          </span>
          <span className="muted" data-testid="recompute-ms">
            推导与核对 {live.ms.toFixed(1)} 毫秒
          </span>
          <label>
            金额单位
            <select aria-label="金额单位" value={unit} onChange={(e) => setUnit(e.target.value as MoneyUnit)}>
              <option value="元">元</option>
              <option value="万元">万元</option>
            </select>
          </label>
          <button
            type="button"
            className="button secondary"
            title="按公开格式排版的全文（九张表、编制说明、其他相关情况说明、项目说明），可由“上传文件”导入"
            onClick={() => {
              const url = URL.createObjectURL(new Blob([live.derived.text], { type: 'text/plain;charset=utf-8' }));
              const a = document.createElement('a');
              a.href = url;
              a.download = `${draft.department}${draft.year}年预算公开（草稿第${detail.version}版）.txt`;
              a.click();
              setTimeout(() => URL.revokeObjectURL(url), 1000);
            }}
          >
            下载公开文本
          </button>
          <a className="button secondary" href={`/api/drafts/${draftId}/export.html`} target="_blank" rel="noopener" title="已保存的版本按正式公开文件排版（与已发布文件同一渲染）" data-testid="draft-official-html">
            正式文件预览
          </a>
          <a className="button secondary" href={`/api/drafts/${draftId}/export.xlsx`} title="已保存版本的九张表（XLSX）">
            下载 XLSX
          </a>
          <button type="button" disabled={!editable || busy || !dirty} onClick={() => void save()}>
            保存
          </button>
          <button type="button" disabled={!editable || busy || dirty || live.errors > 0} title={live.errors > 0 ? '有错误时不能提交' : dirty ? '请先保存' : undefined} onClick={() => void submit()}>
            提交
          </button>
        </div>
        {message && <div className={`notice${message.kind === 'error' ? ' error' : ''}`}>{message.text}</div>}
        {problems.length > 0 && (
          <div className="notice error" data-testid="paste-problems">
            粘贴时有 {problems.length} 个单元格无法识别：{problems.slice(0, 3).join('；')}
            <button type="button" className="button secondary" onClick={() => setProblems([])}>
              知道了
            </button>
          </div>
        )}
      </section>

      {review !== undefined && (
        <DraftReviewComments
          review={review}
          state={reviewState.state}
          error={reviewState.error}
          listed={placed.listed}
          placedCount={(reviewState.state?.comments.length ?? 0) - placed.listed.length}
          reopened={detail.status === 'draft'}
        />
      )}

      <section className="card">
        <h2>支出预算（末级科目 × 基本/项目 × 资金来源）</h2>
        <p className="muted">只有末级科目可以填写；类、款与合计由系统相加。可直接从 Excel 复制一块数字粘贴；输入“12.5万”按万元计。</p>
        <LinesGrid draft={draft} update={update} unit={unit} findings={findings} editable={editable} onProblems={setProblems} notes={placed.lines} />
      </section>

      {draft.level === 'unit' && (
        <section className="card">
          <h2>各类基本支出中的公用经费（表1）</h2>
          <table className="grid compact">
            <thead>
              <tr>
                <th>类</th>
                <th>基本支出</th>
                <th>公用经费</th>
                <th>人员经费</th>
              </tr>
            </thead>
            <tbody>
              {aggregate(draft)
                .codes.filter((c) => c.level === 1)
                .map((c, i) => {
                  const basic = pick(c.sums, ['basic'], FUNDING_SOURCES);
                  const pub = draft.classPublic[c.code] ?? 0;
                  return (
                    <tr key={c.code}>
                      <td>
                        {c.code} {c.name}
                      </td>
                      <td className="num">{showTotal(basic, unit)}</td>
                      <td className="num">
                        <AmountCell grid="class-public" r={i} c={0} value={pub} unit={unit} label={`${c.code} 公用经费`} disabled={!editable} onCommit={(a) => update((d) => setClassPublic(d, c.code, a))} onPasteBlock={() => undefined} />
                      </td>
                      <td className="num">{showTotal(basic - pub, unit)}</td>
                    </tr>
                  );
                })}
            </tbody>
          </table>
        </section>
      )}

      <section className="card">
        <h2>一般公共预算基本支出经济分类（表8）</h2>
        <EconomicGrid draft={draft} update={update} unit={unit} findings={findings} editable={editable} onProblems={setProblems} notes={placed.economic} />
      </section>

      <section className="card">
        <h2>“三公”经费和机关运行经费（表9）</h2>
        <table className="grid compact">
          <tbody>
            {THREE_PUBLIC_FIELDS.map((f, i) => (
              <tr key={f}>
                <th>{THREE_PUBLIC_LABELS[f]}</th>
                <td className="num">
                  <AmountCell grid="three-public" r={i} c={0} value={draft.threePublic[f]} unit={unit} label={THREE_PUBLIC_LABELS[f]} disabled={!editable} onCommit={(a) => update((d) => setThreePublic(d, f, a))} onPasteBlock={() => undefined} />
                </td>
                <td className="num muted">{draft.prior?.threePublic ? `上年 ${showTotal(draft.prior.threePublic[f], unit)}` : ''}</td>
                <td data-field={f}>
                  <ReviewNotes comments={placed.threePublic.get(f)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card">
        <h2>政府采购预算</h2>
        <table className="grid compact">
          <tbody>
            {(['goods', 'works', 'services'] as const).map((f, i) => (
              <tr key={f}>
                <th>{f === 'goods' ? '货物' : f === 'works' ? '工程' : '服务'}</th>
                <td className="num">
                  <AmountCell grid="procurement" r={i} c={0} value={draft.procurement?.[f] ?? 0} unit={unit} label={`政府采购 ${f === 'goods' ? '货物' : f === 'works' ? '工程' : '服务'}`} disabled={!editable} onCommit={(a) => update((d) => setProcurement(d, f, a))} onPasteBlock={() => undefined} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card">
        <h2>项目</h2>
        <ProjectsEditor
          draft={draft}
          update={update}
          findings={findings}
          editable={editable}
          amountCell={(i) => (
            <AmountCell grid="projects" r={i} c={0} value={draft.projects[i]?.amount ?? 0} unit={unit} label={`项目 ${draft.projects[i]?.name ?? ''} 金额`} disabled={!editable} onCommit={(a) => update((d) => setProjectAmount(d, i, a))} onPasteBlock={() => undefined} />
          )}
        />
      </section>

      <section className="card" data-testid="narrative">
        <h2>编制说明（由数字生成，只需填写原因与用途）</h2>
        {paragraphs.map((p) => {
          const item = itemsByKey.get(p.key);
          return (
            <div key={p.key} className="narrative-paragraph" data-key={p.key}>
              <p>{p.text}</p>
              {p.reason && <ReasonField reason={p.reason} text={draft.reasons[p.reason] ?? ''} editable={editable} findings={byField(`reason:${p.reason}`)} onChange={(key, text) => update((d) => setReason(d, key, text))} />}
              {item && (
                <>
                  <input
                    className="purpose"
                    aria-label={`${item.line.code} 主要用途`}
                    placeholder="主要用于……"
                    value={item.line.purpose ?? ''}
                    disabled={!editable}
                    onChange={(e) => update((d) => setPurpose(d, item.line.code, e.target.value))}
                  />
                  <InlineFindings findings={byField(`purpose:${item.line.code}`)} />
                </>
              )}
            </div>
          );
        })}
        <h3>其他相关情况说明</h3>
        {other.map((p) => (
          <div key={p.key} className="narrative-paragraph" data-key={p.key}>
            <p>{p.text}</p>
            {p.reason && <ReasonField reason={p.reason} text={draft.reasons[p.reason] ?? ''} editable={editable} findings={byField(`reason:${p.reason}`)} onChange={(key, text) => update((d) => setReason(d, key, text))} />}
          </div>
        ))}
        {REASON_KEYS.filter((k) => draft.reasons[k] && !paragraphs.concat(other).some((p) => p.reason === k)).length > 0 && <p className="muted">（部分原因对应的数字与上年持平，不需说明原因。）</p>}
      </section>

      <FindingsList findings={findings} diagnostics={[]} onLocate={(f) => document.getElementById(f.location?.table ? `t${f.location.table}` : 'draft-tables')?.scrollIntoView()} />

      <section className="card" id="draft-tables">
        <h2>推导出的九张表</h2>
        <FlaggedCells.Provider value={flagged}>
          {live.derived.document.tables.map((t) => (
            <BudgetTableView key={t.number} t={t} />
          ))}
        </FlaggedCells.Provider>
      </section>

      <details className="card draft-preview" data-testid="preview">
        <summary>
          <strong>公开文件预览</strong>（与部门年度页面同一版式）
        </summary>
        <ExplanationSection e={live.derived.document.explanation} />
        <OtherInformationSection o={live.derived.document.otherInformation} />
        <ProjectsSection entries={projectEntries(live.derived.document.projects)} />
      </details>

      <section className="card">
        <h2>版本</h2>
        <VersionsPanel id={draftId} current={draft} version={detail.version} unit={unit} />
      </section>
    </div>
  );
};
