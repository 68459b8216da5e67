import { describe, expect, it } from 'vitest';
import { availableActions, decideTransition, DOCUMENT_STATUSES, ROLES, WORKFLOW_ACTIONS } from './workflow.ts';
import type { DocumentStatus, Role, WorkflowAction } from './workflow.ts';

/** The workflow as the issue states it, written out by hand: (state, action) → next state, and who. */
const ALLOWED: readonly [DocumentStatus, WorkflowAction, DocumentStatus, readonly Role[]][] = [
  ['draft', 'submit', 'submitted', ['editor', 'admin']],
  ['returned', 'submit', 'submitted', ['editor', 'admin']],
  ['submitted', 'return', 'returned', ['reviewer', 'admin']],
  ['submitted', 'approve', 'approved', ['reviewer', 'admin']],
  ['approved', 'publish', 'published', ['reviewer', 'admin']],
];

describe('review workflow', () => {
  it('allows exactly the listed transitions to exactly the listed roles, and nothing else', () => {
    for (const status of DOCUMENT_STATUSES) {
      for (const action of WORKFLOW_ACTIONS) {
        for (const role of ROLES) {
          const row = ALLOWED.find(([s, a]) => s === status && a === action);
          const verdict = decideTransition(status, action, role, true);
          if (row !== undefined && row[3].includes(role)) expect(verdict, `${status} ${action} ${role}`).toEqual({ ok: true, to: row[2] });
          else expect(verdict.ok, `${status} ${action} ${role}`).toBe(false);
        }
      }
    }
  });

  it('says why a transition is refused: the role first, then the state', () => {
    expect(decideTransition('draft', 'approve', 'editor')).toMatchObject({ ok: false, reason: 'role' });
    expect(decideTransition('draft', 'approve', 'reviewer')).toMatchObject({ ok: false, reason: 'state' });
    expect(decideTransition('published', 'submit', 'editor')).toMatchObject({ ok: false, reason: 'state' });
  });

  it('refuses a return without a comment', () => {
    expect(decideTransition('submitted', 'return', 'reviewer', false)).toMatchObject({ ok: false, reason: 'comment' });
    expect(decideTransition('submitted', 'return', 'reviewer', true)).toEqual({ ok: true, to: 'returned' });
  });

  it('offers each role the buttons it may press', () => {
    expect(availableActions('draft', 'editor')).toEqual(['submit']);
    expect(availableActions('draft', 'reviewer')).toEqual([]);
    expect(availableActions('submitted', 'reviewer')).toEqual(['return', 'approve']);
    expect(availableActions('approved', 'admin')).toEqual(['publish']);
    expect(availableActions('published', 'admin')).toEqual([]);
  });
});
