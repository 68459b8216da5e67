import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseDocument } from '#ingest/detect.ts';
import { corpusPath } from '../../test/corpus.ts';
import { readingSummary } from './reading-summary.ts';

describe('readingSummary', () => {
  it('calls a fully read disclosure complete', () => {
    const parsed = parseDocument(readFileSync(corpusPath('songjiang-2025-data-bureau-budget'), 'utf8'));
    if (parsed.kind !== 'budget-disclosure') throw new Error('not read');
    const s = readingSummary(parsed.document, parsed.diagnostics);
    expect(s.read[0]).toBe('预算表 9/9');
    expect(s.missing).toEqual([]);
    expect(s.complete).toBe(true);
  });

  it('names the tables a disclosure lacks, and is not complete', () => {
    const parsed = parseDocument(readFileSync(corpusPath('songjiang-2025-data-bureau-budget'), 'utf8'));
    if (parsed.kind !== 'budget-disclosure') throw new Error('not read');
    const s = readingSummary({ ...parsed.document, tables: [] }, parsed.diagnostics);
    expect(s.complete).toBe(false);
    expect(s.read[0]).toBe('预算表 0/9');
    expect(s.missing).toContain('表3 部门支出预算总表');
    expect(s.missing).toHaveLength(9);
  });
});
