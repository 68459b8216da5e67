import { describe, expect, it } from 'vitest';
import { boxOnPage, fitScale } from './source-geometry.ts';

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
