/**
 * The review of a submitted draft, in the draft editor: the state of its latest submission (a
 * banner saying what the editor should do), the reviewer's comments beside the grid rows they
 * point at (`ReviewNotes`, placed by draft-review-place.ts) and, at the top, those that point at
 * no editable row (款/类/合计 rows, lines of the text, findings, the whole document). Comments are
 * user text: rendered as React text, never as markup.
 */
import { useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { anchorLabel, isDocumentStatus, STATUS_LABELS } from '#domain/workflow.ts';
import type { DocumentStatus } from '#domain/workflow.ts';
import { getWorkflow } from './account-api.ts';
import type { WorkflowState } from './account-api.ts';
import type { ReviewComment } from '#store/review.ts';
import { href } from './router.ts';
import { errorMessage } from './use-async.ts';

export interface DraftReview {
  readonly documentId: number;
  readonly status: string;
}

/** The workflow state of the draft's latest submission (reloaded when its status changes). */
export const useDraftReview = (review: DraftReview | undefined): { readonly state?: WorkflowState; readonly error?: string } => {
  const [result, setResult] = useState<{ state?: WorkflowState; error?: string }>({});
  const documentId = review?.documentId;
  const status = review?.status;
  useEffect(() => {
    setResult({});
    if (documentId === undefined) return;
    const ctrl = new AbortController();
    getWorkflow(documentId, ctrl.signal).then(
      (state) => setResult({ state }),
      (e: unknown) => !ctrl.signal.aborted && setResult({ error: errorMessage(e) }),
    );
    return () => ctrl.abort();
  }, [documentId, status]);
  return result;
};

const BANNERS: Readonly<Record<DocumentStatus, string>> = {
  draft: '审核文件尚未提交。',
  submitted: '已提交待审：审核期间草稿不能修改。',
  returned: '审核已退回：请按意见修改后保存并重新提交',
  approved: '已批准待发布。',
  published: '已发布：如需更正，修改后保存将重新打开草稿，再次提交审核。',
};

const who = (c: ReviewComment): string => `${c.authorName}，${c.createdAt.replace('T', ' ').slice(0, 16)}`;

/** Comments shown beside a grid row: each says which column it is about. */
export const ReviewNotes = ({ comments }: { readonly comments: readonly ReviewComment[] | undefined }): ReactNode =>
  comments === undefined || comments.length === 0
    ? null
    : comments.map((c) => (
        <span key={c.commentId} className="cell-comment draft-review-note" role="note" data-comment-id={c.commentId} title={`${anchorLabel(c.anchor)} — ${who(c)}`}>
          {c.anchor.kind === 'cell' ? `「${c.anchor.column}」` : ''}
          {c.authorName}：{c.body}
        </span>
      ));

export const DraftReviewComments = ({
  review,
  state,
  error,
  listed,
  placedCount,
  reopened,
}: {
  readonly review: DraftReview;
  readonly state: WorkflowState | undefined;
  readonly error: string | undefined;
  readonly listed: readonly ReviewComment[];
  readonly placedCount: number;
  /** The draft was saved since the submission came back (the editor may submit again). */
  readonly reopened: boolean;
}): ReactNode => {
  const status = state?.status ?? (isDocumentStatus(review.status) ? review.status : undefined);
  const banner = status === undefined ? `审核状态：${review.status}` : BANNERS[status];
  return (
    <section className={`card draft-review status-${status ?? 'unknown'}`} data-testid="draft-review" data-status={status}>
      <div className={`notice${status === 'returned' ? ' error' : ''}`} data-testid="draft-review-banner" role="status">
        {banner}
        {reopened && status === 'returned' ? '（修改已保存，草稿已重新打开，可以提交）' : ''}
      </div>
      {error !== undefined ? <p className="text-error">审核意见读取失败：{error}</p> : null}
      {state !== undefined ? (
        <>
          <h2>
            审核意见（{state.comments.length}）<span className="muted"> — 文件 {state.documentId}，{STATUS_LABELS[state.status]}</span>
          </h2>
          {placedCount > 0 ? <p className="muted">其中 {placedCount} 条针对末级科目或表9数字的意见显示在下方表格对应行旁。</p> : null}
          {listed.length > 0 ? (
            <ul className="review-comments" data-testid="draft-review-list">
              {listed.map((c) => (
                <li key={c.commentId} data-anchor={c.anchor.kind} data-comment-id={c.commentId}>
                  <span className="anchor">{anchorLabel(c.anchor)}</span>
                  <span className="comment-body">{c.body}</span>
                  <span className="muted">
                    {' '}
                    — {who(c)}（{STATUS_LABELS[c.statusAt]}时）
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
          <p>
            <a href={href.document(state.documentId)}>在审核文件中查看意见所指的行与单元格</a>
          </p>
        </>
      ) : null}
    </section>
  );
};
