/**
 * The review workflow of a budget disclosure, as a pure state machine: which states a document
 * passes through, which action moves it, and which role may take each action.
 *
 *   draft ──提交──▶ submitted ──批准──▶ approved ──发布──▶ published
 *     ▲                │
 *     └──(提交)── returned ◀──退回──┘
 *
 * A department's editor prepares and submits; the finance bureau's reviewer returns (with
 * comments) or approves, then publishes; an admin may do anything. Department scope is not
 * decided here (see access.ts): this module answers "may this role take this action from this
 * state", nothing about who the document belongs to.
 */

export const DOCUMENT_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'published'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const ROLES = ['editor', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const WORKFLOW_ACTIONS = ['submit', 'return', 'approve', 'publish'] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

export interface TransitionRule {
  readonly from: readonly DocumentStatus[];
  readonly to: DocumentStatus;
  readonly roles: readonly Role[];
  /** The button's label in the web app. */
  readonly label: string;
  /** A return must say why: at least one comment on the document since it was submitted. */
  readonly needsComment: boolean;
}

export const TRANSITIONS: Readonly<Record<WorkflowAction, TransitionRule>> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', roles: ['editor', 'admin'], label: '提交', needsComment: false },
  return: { from: ['submitted'], to: 'returned', roles: ['reviewer', 'admin'], label: '退回', needsComment: true },
  approve: { from: ['submitted'], to: 'approved', roles: ['reviewer', 'admin'], label: '批准', needsComment: false },
  publish: { from: ['approved'], to: 'published', roles: ['reviewer', 'admin'], label: '发布', needsComment: false },
};

export const STATUS_LABELS: Readonly<Record<DocumentStatus, string>> = {
  draft: '草稿',
  submitted: '已提交待审',
  returned: '已退回修改',
  approved: '已批准待发布',
  published: '已发布',
};

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  editor: '部门编辑',
  reviewer: '财政审核',
  admin: '管理员',
};

export type TransitionVerdict =
  | { readonly ok: true; readonly to: DocumentStatus }
  | { readonly ok: false; readonly reason: 'role' | 'state' | 'comment'; readonly message: string };

/** May `role` take `action` on a document in `status` (with `hasComment` comments since submission)? */
export const decideTransition = (status: DocumentStatus, action: WorkflowAction, role: Role, hasComment = true): TransitionVerdict => {
  const rule = TRANSITIONS[action];
  if (!rule.roles.includes(role)) {
    return { ok: false, reason: 'role', message: `${ROLE_LABELS[role]}不能执行“${rule.label}”：只有${rule.roles.map((r) => ROLE_LABELS[r]).join('或')}可以。` };
  }
  if (!rule.from.includes(status)) {
    return { ok: false, reason: 'state', message: `文件当前状态为“${STATUS_LABELS[status]}”，不能“${rule.label}”（只能从${rule.from.map((s) => `“${STATUS_LABELS[s]}”`).join('或')}${rule.label}）。` };
  }
  if (rule.needsComment && !hasComment) {
    return { ok: false, reason: 'comment', message: '退回时请至少写一条审核意见，说明需要修改什么。' };
  }
  return { ok: true, to: rule.to };
};

/** The actions `role` may take from `status` (the web app's buttons). */
export const availableActions = (status: DocumentStatus, role: Role): WorkflowAction[] =>
  WORKFLOW_ACTIONS.filter((a) => TRANSITIONS[a].roles.includes(role) && TRANSITIONS[a].from.includes(status));

export const isDocumentStatus = (s: string): s is DocumentStatus => (DOCUMENT_STATUSES as readonly string[]).includes(s);
export const isRole = (s: string): s is Role => (ROLES as readonly string[]).includes(s);

/**
 * Where a reviewer's comment points: a table cell (table number, row label, column), a line of
 * the text (a sentence), a finding (its rule and index in the document's findings), or the
 * document as a whole.
 */
export type CommentAnchor =
  | { readonly kind: 'cell'; readonly table: number; readonly row: string; readonly column: string }
  | { readonly kind: 'line'; readonly line: number; readonly quote?: string }
  | { readonly kind: 'finding'; readonly rule: string; readonly index: number }
  | { readonly kind: 'document' };

export const anchorLabel = (a: CommentAnchor): string => {
  switch (a.kind) {
    case 'cell':
      return `表${a.table}「${a.row}」行「${a.column}」列`;
    case 'line':
      return `第 ${a.line} 行${a.quote !== undefined ? `「${a.quote}」` : ''}`;
    case 'finding':
      return `审核发现 ${a.rule} #${a.index + 1}`;
    case 'document':
      return '全文';
  }
};
