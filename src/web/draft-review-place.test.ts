/**
 * A reviewer's cell comment, anchored the way the document page anchors it (table number, the
 * row key the page gives the derived table's row, the column header), lands beside the draft's
 * matching leaf row; a comment on a 款/类/合计 row, a line, a finding or the whole document is
 * listed at the top. The anchors are made from the derived tables of a corpus budget, not by hand.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deriveBudgetDisclosure } from '#authoring/derive.ts';
import { draftFromDisclosure } from '#authoring/from-disclosure.ts';
import type { CommentAnchor } from '#domain/workflow.ts';
import { parseBudgetDisclosure } from '#ingest/budget-disclosure.ts';
import type { ReviewComment } from '#store/review.ts';
import { corpusPath } from '../../test/corpus.ts';
import { placeComments } from './draft-review-place.ts';
import { rowKey } from './table-layout.ts';

const doc = parseBudgetDisclosure(readFileSync(corpusPath('putuo-2025-wanli-subdistrict-budget'), 'utf8')).document!;
const draft = draftFromDisclosure(doc);
const derived = deriveBudgetDisclosure(draft).document;

let id = 0;
const comment = (anchor: CommentAnchor): ReviewComment => ({
  commentId: ++id,
  documentId: 1,
  authorId: 1,
  authorName: 'reviewer-li',
  anchor,
  body: `意见 ${id}`,
  statusAt: 'submitted',
  revision: id,
  createdAt: '2026-11-30T07:00:00Z',
});

describe('placing review comments in the draft editor', () => {
  it('a cell of a functional table on a leaf row goes beside that leaf; 款/类/合计 rows are listed', () => {
    const t5 = derived.tables.find((t) => t.number === 5)!;
    const leaves = new Set(draft.lines.map((l) => l.code));
    expect(leaves.size).toBeGreaterThan(3);
    const comments = t5.rows.map((r) => comment({ kind: 'cell', table: 5, row: rowKey(r), column: '基本支出' }));
    const placed = placeComments(comments, draft);
    const onLeaves = t5.rows.filter((r) => leaves.has(rowKey(r))).length;
    expect(onLeaves).toBe([...placed.lines.values()].flat().length);
    expect(placed.listed.length).toBe(t5.rows.length - onLeaves);
    expect(placed.listed.some((c) => c.anchor.kind === 'cell' && c.anchor.row === '合计')).toBe(true);
    // Every placed comment is under the code its anchor names, and that code is a leaf of the draft.
    for (const [code, cs] of placed.lines) {
      expect(leaves.has(code)).toBe(true);
      for (const c of cs) expect(c.anchor.kind === 'cell' && c.anchor.row).toBe(code);
    }
    // A parent (类) row is never placed beside a leaf.
    const parent = t5.rows.find((r) => r.code !== undefined && r.code.segments.length === 1)!;
    expect(placed.listed.map((c) => c.anchor)).toContainEqual({ kind: 'cell', table: 5, row: rowKey(parent), column: '基本支出' });
  });

  it('table 8 leaf rows go beside the economic lines; table 9 columns beside their figure; the rest is listed', () => {
    const t8 = derived.tables.find((t) => t.number === 8)!;
    const leaf = t8.rows.find((r) => r.code !== undefined && draft.economic.some((e) => e.code === rowKey(r)))!;
    const t9 = derived.tables.find((t) => t.number === 9)!;
    const cs = [
      comment({ kind: 'cell', table: 8, row: rowKey(leaf), column: '人员经费' }),
      ...t9.columns.map((column) => comment({ kind: 'cell', table: 9, row: rowKey(t9.rows[0]!), column })),
      comment({ kind: 'cell', table: 1, row: '收入总计', column: '预算数' }),
      comment({ kind: 'line', line: 12, quote: '收入预算' }),
      comment({ kind: 'finding', rule: 'x', index: 0 }),
      comment({ kind: 'document' }),
    ];
    const placed = placeComments(cs, draft);
    expect(placed.economic.get(rowKey(leaf))?.length).toBe(1);
    // 合计 and 公务用车购置及运行费小计 are sums: listed; the five figures typed in the editor are placed.
    expect([...placed.threePublic.keys()].sort()).toEqual(['abroad', 'operatingCosts', 'reception', 'vehicleOperation', 'vehiclePurchase']);
    expect(placed.listed.map((c) => (c.anchor.kind === 'cell' ? c.anchor.column : c.anchor.kind))).toEqual(['合计', '公务用车购置及运行费小计', '预算数', 'line', 'finding', 'document']);
  });

  it('a code spelled with dashes (as the review panel reads it from the cell id) or without spaces is the same row', () => {
    const code = draft.lines[0]!.code;
    const placed = placeComments([comment({ kind: 'cell', table: 3, row: code.replace(/ /g, '-'), column: '合计' }), comment({ kind: 'cell', table: 3, row: code.replace(/ /g, ''), column: '合计' })], draft);
    expect(placed.lines.get(code)?.length).toBe(2);
    expect(placed.listed).toEqual([]);
  });
});
