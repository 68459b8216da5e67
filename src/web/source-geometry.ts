/**
 * Where a figure's box goes on a rendered page. Boxes are stored in PDF units in the page's
 * displayed orientation, origin bottom-left (its /Rotate and crop box applied, as the reader saw
 * it: src/ingest/pdf/extract.ts), so they map onto a viewport of the same page by a flip and a
 * scale. (pdf.js's `convertToViewportRectangle` expects unrotated user-space coordinates, and would
 * put the box of a rotated page in the wrong place.)
 */

export interface PixelRect {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/**
 * `bbox` ([x0, y0, x1, y1], PDF units, origin bottom-left) → CSS pixels from the top-left of a page
 * `pageHeight` units high (as displayed) drawn at `scale` pixels per unit; `pad` pixels around it
 * so the outline does not cover the figure.
 */
export const boxOnPage = (bbox: readonly number[], pageHeight: number, scale: number, pad = 2): PixelRect | undefined => {
  const [a, b, c, d] = bbox;
  if (a === undefined || b === undefined || c === undefined || d === undefined || ![a, b, c, d, pageHeight, scale].every(Number.isFinite)) return undefined;
  const x0 = Math.min(a, c);
  const x1 = Math.max(a, c);
  const y0 = Math.min(b, d);
  const y1 = Math.max(b, d);
  return {
    left: x0 * scale - pad,
    top: (pageHeight - y1) * scale - pad,
    width: (x1 - x0) * scale + 2 * pad,
    height: (y1 - y0) * scale + 2 * pad,
  };
};

/** The scale that fits a page `pageWidth` units wide into `available` pixels, between 0.5 and 2. */
export const fitScale = (pageWidth: number, available: number): number => Math.max(0.5, Math.min(2, available / Math.max(1, pageWidth)));
