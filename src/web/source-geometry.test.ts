import { describe, expect, it } from 'vitest';
import type { Finding } from '#domain/index.ts';
import { boxOnPage, findingSourceRequest, fitScale, locationSourceRequest } from './source-geometry.ts';

describe('boxOnPage', () => {
  it('flips PDF units (origin bottom-left) to pixels from the top-left, scaled, with padding', () => {
    // A4 portrait, 842 high; a cell 100–160 wide, 700–712 high, at scale 1.5.
    expect(boxOnPage([100, 700, 160, 712], 842, 1.5, 0)).toEqual({ left: 150, top: 195, width: 90, height: 18 });
    expect(boxOnPage([100, 700, 160, 712], 842, 1, 2)).toEqual({ left: 98, top: 128, width: 64, height: 16 });
  });
  it('accepts corners in either order and refuses incomplete boxes', () => {
    expect(boxOnPage([160, 712, 100, 700], 842, 1, 0)).toEqual({ left: 100, top: 130, width: 60, height: 12 });
    expect(boxOnPage([1, 2, 3], 842, 1)).toBeUndefined();
    expect(boxOnPage([1, 2, 3, Number.NaN], 842, 1)).toBeUndefined();
  });
});

describe('fitScale', () => {
  it('fits the page into the space given, within bounds', () => {
    expect(fitScale(595, 892.5)).toBe(1.5);
    expect(fitScale(595, 10_000)).toBe(2);
    expect(fitScale(842, 100)).toBe(0.5);
  });
});

describe('findingSourceRequest', () => {
  const finding = (over: Partial<Finding>): Finding => ({ rule: 'r', severity: 'error', message: '表3 合计不等于各项之和', figures: [], ...over });
  it("outlines the finding's figures on its page, leaving out those on other pages", () => {
    const f = finding({
      location: { line: 10, page: 3, bbox: [0, 100, 500, 112] },
      figures: [
        { label: '合计', location: { line: 10, page: 3, bbox: [400, 100, 450, 112] } },
        { label: '项', location: { line: 40, page: 4, bbox: [400, 700, 450, 712] } },
        { label: '款', location: { line: 12, page: 3, bbox: [400, 70, 450, 82] } },
      ],
    });
    expect(findingSourceRequest(f)).toEqual({ page: 3, boxes: [[400, 100, 450, 112], [400, 70, 450, 82]], label: '表3 合计不等于各项之和' });
  });
  it('falls back to the first located figure, or to the finding\'s own box', () => {
    expect(findingSourceRequest(finding({ figures: [{ label: 'a', location: { line: 2 } }, { label: 'b', location: { line: 5, page: 2, bbox: [1, 2, 3, 4] } }] }))).toMatchObject({ page: 2, boxes: [[1, 2, 3, 4]] });
    expect(findingSourceRequest(finding({ location: { line: 5, page: 7, bbox: [1, 2, 3, 4] }, figures: [{ label: 'a', location: { line: 2 } }] }))).toMatchObject({ page: 7, boxes: [[1, 2, 3, 4]] });
  });
  it('offers nothing for a document read from text', () => {
    expect(findingSourceRequest(finding({ location: { line: 5 }, figures: [{ label: 'a', location: { line: 2 } }] }))).toBeUndefined();
    expect(locationSourceRequest({ line: 5 }, 'x')).toBeUndefined();
    expect(locationSourceRequest({ line: 5, page: 1, bbox: [1, 2, 3] }, 'x')).toBeUndefined();
  });
});
