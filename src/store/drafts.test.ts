import { expect, it } from 'vitest';
import { draftFromDisclosure, nextYearDraft } from '#authoring/from-disclosure.ts';
import { setLineAmount, setReason } from '#authoring/edit.ts';
import type { Fen } from '#domain/index.ts';
import { parseBudgetDisclosure } from '#ingest/budget-disclosure.ts';
import { readFileSync } from 'node:fs';
import { DraftStore } from './drafts.ts';
import { describeEachDialect } from './testing-databases.ts';

const doc = parseBudgetDisclosure(readFileSync('corpus/songjiang-2025-data-bureau-budget.txt', 'utf8')).document!;

describeEachDialect('drafts', (open) => {
  it('every save is a version; a save on a stale base is a conflict; versions come back whole', async () => {
    const store = await open();
    const drafts = new DraftStore(store.db);
    const start = nextYearDraft(draftFromDisclosure(doc));
    const created = await drafts.create(start, { note: '由2025年文件开始' });
    expect(created.version).toBe(1);
    expect(created.status).toBe('draft');
    expect(created.errorCount).toBeGreaterThan(0); // reasons not written yet
    const edited = setLineAmount(start, '201 41 01', 'basic.general', 123_456 as Fen);
    const saved = await drafts.save(created.id, edited, 1);
    expect(saved.ok && saved.detail.version).toBe(2);
    const stale = await drafts.save(created.id, start, 1);
    expect(stale).toEqual({ ok: false, reason: 'conflict', currentVersion: 2 });
    expect((await drafts.versions(created.id))?.map((v) => v.version)).toEqual([2, 1]);
    expect((await drafts.version(created.id, 1))?.lines.find((l) => l.code === '201 41 01')?.amounts).toEqual({});
    expect((await drafts.version(created.id, 2))?.lines.find((l) => l.code === '201 41 01')?.amounts).toEqual({ 'basic.general': 123_456 });
    expect((await drafts.get(created.id))?.draft).toEqual(edited);
    expect((await drafts.list()).map((d) => d.id)).toEqual([created.id]);
    expect(await drafts.save(999, edited, 1)).toEqual({ ok: false, reason: 'not-found' });
  });

  it('submit is refused while error findings exist, then sets status submitted and freezes the draft', async () => {
    const store = await open();
    const drafts = new DraftStore(store.db);
    const start = draftFromDisclosure(doc);
    const created = await drafts.create({ ...start, reasons: {} , prior: { year: 2024, revenueTotal: 1 as Fen, expenditureTotal: 1 as Fen, fiscal: 1 as Fen, general: 1 as Fen, fund: 0 as Fen, stateCapital: 0 as Fen } });
    const refused = await drafts.submit(created.id, 1);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.reason).toBe('has-errors');
    const fixed = setReason({ ...start, prior: { year: 2024, revenueTotal: 1 as Fen, expenditureTotal: 1 as Fen, fiscal: 1 as Fen, general: 1 as Fen, fund: 0 as Fen, stateCapital: 0 as Fen } }, 'fiscal', '新设部门，职能划入');
    const saved = await drafts.save(created.id, fixed, 1);
    expect(saved.ok && saved.detail.errorCount).toBe(0);
    const submitted = await drafts.submit(created.id, 2);
    expect(submitted.ok && submitted.detail.status).toBe('submitted');
    expect(await drafts.save(created.id, fixed, 2)).toEqual({ ok: false, reason: 'not-editable', status: 'submitted' });
  });
});
