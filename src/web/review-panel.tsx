/**
 * 审核: a document's review state for those who work on it — the status, the buttons the signed-in
 * user's role may press (提交/退回/批准/发布), reviewers' comments anchored to a table cell, a line
 * or a finding (cell comments are also shown beside their cells), and the document's audit trail.
 * Every write sends the revision it saw; when someone else changed the document meanwhile, the
 * server answers 409 and the panel shows what they did and reloads.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { anchorLabel, availableActions, ROLE_LABELS, STATUS_LABELS, TRANSITIONS } from '#domain/workflow.ts';
import type { CommentAnchor, DocumentStatus, WorkflowAction } from '#domain/workflow.ts';
import type { Finding } from '#domain/index.ts';
import { addComment, documentAudit, getWorkflow, transition } from './account-api.ts';
import type { AuditEntry, WorkflowState } from './account-api.ts';
import { ApiRequestError } from './api.ts';
import { AuditList } from './audit-list.tsx';
import { useSession } from './session.ts';
import { cellId } from './table-layout.ts';
import { errorMessage } from './use-async.ts';

/** The cell a click landed on, as a comment anchor (table from its section, row and column from its id). */
const anchorOfCell = (td: HTMLElement): CommentAnchor | undefined => {
  const table = Number(td.closest('[data-table]')?.getAttribute('data-table'));
  const column = td.getAttribute('data-column');
  if (!Number.isInteger(table) || table <= 0 || column === null || td.id === '') return undefined;
  const prefix = `t${table}-`;
  const suffix = `-${column.trim().replace(/\s+/g, '-')}`;
  if (!td.id.startsWith(prefix) || !td.id.endsWith(suffix)) return undefined;
  return { kind: 'cell', table, row: td.id.slice(prefix.length, td.id.length - suffix.length), column };
};

const cellElement = (a: CommentAnchor): HTMLElement | null => (a.kind === 'cell' ? document.getElementById(cellId(a.table, a.row, a.column)) : null);

/** The element of the document page showing line `line` of the text (a sentence, a row). */
const lineElement = (line: number): HTMLElement | null => {
  for (const el of document.querySelectorAll<HTMLElement>('.page.document [data-line]')) {
    const from = Number(el.dataset['line']);
    const to = Number(el.dataset['lineTo'] ?? from);
    if (from <= line && line <= to) return el;
  }
  return null;
};

/** What the page shows at that line (without comments shown there), for the anchor's `quote`: the draft editor shows it. */
const lineQuote = (line: number): string | undefined => {
  const el = lineElement(line)?.cloneNode(true);
  if (!(el instanceof HTMLElement)) return undefined;
  for (const c of el.querySelectorAll('.cell-comment')) c.remove();
  const t = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
  return t === '' ? undefined : t.length > 60 ? `${t.slice(0, 60)}…` : t;
};

/** Where a comment is shown beside the document: its cell, or the element showing its line (a row's last cell). */
const anchorElement = (a: CommentAnchor): HTMLElement | null => {
  if (a.kind === 'cell') return cellElement(a);
  if (a.kind !== 'line') return null;
  const found = lineElement(a.line);
  if (found?.tagName === 'TR') return found.lastElementChild instanceof HTMLElement ? found.lastElementChild : null;
  return found;
};

type AnchorKind = CommentAnchor['kind'];

export const ReviewPanel = ({ documentId, findings }: { readonly documentId: number; readonly findings: readonly Finding[] }): ReactNode => {
  const session = useSession();
  const [state, setState] = useState<WorkflowState | undefined>(undefined);
  const [hidden, setHidden] = useState(false);
  const [audit, setAudit] = useState<AuditEntry[]>([]);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | undefined>(undefined);
  const [kind, setKind] = useState<AnchorKind>('document');
  const [cell, setCell] = useState<CommentAnchor | undefined>(undefined);
  const [picking, setPicking] = useState(false);
  const [line, setLine] = useState('');
  const [findingIndex, setFindingIndex] = useState(0);
  const [body, setBody] = useState('');
  const [targets, setTargets] = useState<[HTMLElement, string[]][]>([]);

  const reload = useCallback(async (): Promise<void> => {
    try {
      setState(await getWorkflow(documentId));
      setAudit(await documentAudit(documentId));
    } catch (e) {
      // Not in this user's departments (or signed out): the panel is not theirs.
      if (e instanceof ApiRequestError && (e.statusCode === 401 || e.statusCode === 403)) setHidden(true);
      else setNotice({ ok: false, text: errorMessage(e) });
    }
  }, [documentId]);

  useEffect(() => {
    setHidden(false);
    if (session.user !== null) void reload();
  }, [session.user?.userId, reload]);

  // Cell comments beside their cells (portals into the cells), line comments under the line's text
  // (an attribute that CSS shows as text: that element's children are React's own text).
  useEffect(() => {
    const byCell = new Map<HTMLElement, string[]>();
    const byLine = new Map<HTMLElement, string[]>();
    for (const c of state?.comments ?? []) {
      const el = anchorElement(c.anchor);
      const into = c.anchor.kind === 'cell' ? byCell : byLine;
      if (el !== null) into.set(el, [...(into.get(el) ?? []), `${c.authorName}：${c.body}`]);
    }
    setTargets([...byCell]);
    for (const [el, texts] of byLine) el.setAttribute('data-review-comment', texts.join('\n'));
    return () => {
      for (const el of byLine.keys()) el.removeAttribute('data-review-comment');
    };
  }, [state]);

  // Picking a cell: the next click on a figure cell becomes the anchor (and opens nothing else).
  useEffect(() => {
    if (!picking) return;
    const onClick = (e: MouseEvent): void => {
      const td = (e.target as HTMLElement | null)?.closest('td[data-column]');
      if (!(td instanceof HTMLElement)) return;
      const a = anchorOfCell(td);
      if (a === undefined) return;
      e.preventDefault();
      e.stopPropagation();
      setCell(a);
      setPicking(false);
    };
    document.addEventListener('click', onClick, true);
    return () => document.removeEventListener('click', onClick, true);
  }, [picking]);

  if (session.user === null || hidden || state === undefined) return null;
  const role = session.user.role;
  const actions = availableActions(state.status, role);

  const handle = async (run: () => Promise<WorkflowState>, done: string): Promise<void> => {
    try {
      setState(await run());
      setNotice({ ok: true, text: done });
      setAudit(await documentAudit(documentId));
    } catch (e) {
      if (e instanceof ApiRequestError && e.code === 'stale-revision') {
        const changes = ((e.details as { changes?: AuditEntry[] } | undefined)?.changes ?? []).map((c) => `${c.actorName}（${c.action === 'comment.add' ? '添加意见' : '流转'}）`);
        setNotice({ ok: false, text: `${e.message}${changes.length > 0 ? ` 他人的修改：${changes.join('、')}。` : ''}` });
        await reload();
      } else setNotice({ ok: false, text: errorMessage(e) });
    }
  };

  const anchor = (): CommentAnchor | undefined => {
    if (kind === 'document') return { kind: 'document' };
    if (kind === 'cell') return cell;
    if (kind === 'line') {
      if (!/^\d+$/.test(line) || Number(line) <= 0) return undefined;
      const quote = lineQuote(Number(line));
      return { kind: 'line', line: Number(line), ...(quote !== undefined ? { quote } : {}) };
    }
    const f = findings[findingIndex];
    return f === undefined ? undefined : { kind: 'finding', rule: f.rule, index: findingIndex };
  };

  const comment = async (): Promise<void> => {
    const a = anchor();
    if (a === undefined) {
      setNotice({ ok: false, text: kind === 'cell' ? '请先点选一个表格单元格。' : '请给出意见所指的位置。' });
      return;
    }
    if (body.trim() === '') {
      setNotice({ ok: false, text: '意见不能为空。' });
      return;
    }
    await handle(() => addComment(documentId, a, body, state.revision), '意见已添加。');
    setBody('');
  };

  const press = (action: WorkflowAction): Promise<void> => handle(() => transition(documentId, action, state.revision), `已${TRANSITIONS[action].label}。`);
  const canComment = state.status !== 'published';

  return (
    <section className="card review-panel" data-status={state.status} data-revision={state.revision}>
      <h2>
        审核 <StatusBadge status={state.status} />
      </h2>
      <p className="muted">
        您是{ROLE_LABELS[role]}。{state.status === 'published' ? '文件已发布，公众可见。' : '文件尚未发布，只有本部门编辑和审核人员可见。'}
      </p>
      {actions.length > 0 ? (
        <div className="review-actions">
          {actions.map((a) => (
            <button key={a} type="button" data-action={a} onClick={() => void press(a)}>
              {TRANSITIONS[a].label}
            </button>
          ))}
        </div>
      ) : null}
      {notice !== undefined ? (
        <p className={notice.ok ? 'text-ok review-notice' : 'text-error review-notice'} role="status">
          {notice.text}
        </p>
      ) : null}
      <h3>审核意见（{state.comments.length}）</h3>
      {state.comments.length === 0 ? <p className="muted">暂无意见。</p> : null}
      <ul className="review-comments">
        {state.comments.map((c) => (
          <li key={c.commentId} data-anchor={c.anchor.kind}>
            <button
              type="button"
              className="link-button anchor"
              onClick={() => {
                const el = anchorElement(c.anchor);
                el?.scrollIntoView({ block: 'center' });
              }}
            >
              {anchorLabel(c.anchor)}
            </button>
            <span className="comment-body">{c.body}</span>
            <span className="muted">
              {' '}
              — {c.authorName}，{c.createdAt.replace('T', ' ').slice(0, 16)}（{STATUS_LABELS[c.statusAt]}时）
            </span>
          </li>
        ))}
      </ul>
      {canComment ? (
        <div className="comment-form">
          <label>
            意见针对
            <select name="anchor-kind" value={kind} onChange={(e) => setKind(e.target.value as AnchorKind)}>
              <option value="document">全文</option>
              <option value="cell">表格单元格</option>
              <option value="line">原文某行（句）</option>
              <option value="finding">审核发现</option>
            </select>
          </label>
          {kind === 'cell' ? (
            <span>
              <button type="button" className={picking ? 'picking' : undefined} onClick={() => setPicking(!picking)}>
                {picking ? '请点击表格中的单元格…' : '点选单元格'}
              </button>{' '}
              <span className="picked-cell">{cell !== undefined ? anchorLabel(cell) : '未选'}</span>
            </span>
          ) : null}
          {kind === 'line' ? (
            <label>
              行号 <input name="anchor-line" inputMode="numeric" value={line} onChange={(e) => setLine(e.target.value)} size={6} />
            </label>
          ) : null}
          {kind === 'finding' ? (
            <select name="anchor-finding" value={findingIndex} onChange={(e) => setFindingIndex(Number(e.target.value))}>
              {findings.map((f, i) => (
                <option key={i} value={i}>
                  {`${i + 1}. ${f.message.slice(0, 60)}`}
                </option>
              ))}
            </select>
          ) : null}
          <textarea name="comment-body" rows={3} value={body} onChange={(e) => setBody(e.target.value)} placeholder="需要修改什么、为什么" />
          <button type="button" onClick={() => void comment()}>
            添加意见
          </button>
        </div>
      ) : null}
      <details className="audit-trail">
        <summary>操作记录（{audit.length}）</summary>
        <AuditList entries={audit} />
      </details>
      {targets.map(([el, texts], i) =>
        createPortal(
          <span className="cell-comment" role="note">
            {texts.join('\n')}
          </span>,
          el,
          `cell-comment-${i}`,
        ),
      )}
    </section>
  );
};

export const StatusBadge = ({ status }: { readonly status: DocumentStatus }): ReactNode => <span className={`status status-${status}`}>{STATUS_LABELS[status]}</span>;
