import { describe, expect, it } from 'vitest';
import type { Finding } from '#domain/index.ts';
import type { LineOrigin } from './layout.ts';
import { locateFindings } from './provenance.ts';

const lines: LineOrigin[] = [
  { page: 1, bbox: [10, 500, 300, 512] },
  { page: 2, bbox: [57, 400, 783, 412], cells: [{ text: '201', bbox: [60, 400, 80, 412] }] },
];

const finding = (document: string): Finding => ({
  rule: 'table.row-total-equals-parts',
  severity: 'error',
  message: '…',
  document,
  location: { line: 2, table: 3 },
  figures: [
    { label: '合计', location: { line: 2, page: 2, bbox: [400, 400, 440, 412] } },
    { label: '基本支出', location: { line: 1 } },
    { label: '计算值' },
  ],
});

describe('findings about a PDF', () => {
  it('gain the page and box of their line; a figure keeps its own cell box', () => {
    const [f] = locateFindings([finding('a.pdf')], (d) => (d === 'a.pdf' ? lines : undefined));
    expect(f?.location).toEqual({ line: 2, table: 3, page: 2, bbox: [57, 400, 783, 412] });
    expect(f?.figures.map((x) => x.location)).toEqual([
      { line: 2, page: 2, bbox: [400, 400, 440, 412] },
      { line: 1, page: 1, bbox: [10, 500, 300, 512] },
      undefined,
    ]);
  });

  it('about a text document stay as they are', () => {
    const f = finding('a.txt');
    expect(locateFindings([f], () => undefined)).toEqual([f]);
  });
});
