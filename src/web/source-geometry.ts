/**
 * Which page a finding or figure opens, and where its box goes on the rendered page. Boxes are stored in PDF units in the page's
 * displayed orientation, origin bottom-left (its /Rotate and crop box applied, as the reader saw
 * it: src/ingest/pdf/extract.ts), so they map onto a viewport of the same page by a flip and a
 * scale. (pdf.js's `convertToViewportRectangle` expects unrotated user-space coordinates, and would
 * put the box of a rotated page in the wrong place.)
 */

import type { Finding, SourceLocation } from '#domain/index.ts';

/** What to show: a page and the boxes to outline on it. */
export interface SourcePageRequest {
  readonly page: number;
  readonly boxes: readonly (readonly number[])[];
  /** What is outlined, for the viewer's heading. */
  readonly label: string;
}

const hasBox = (l: SourceLocation | undefined): l is SourceLocation & { page: number; bbox: number[] } =>
  l?.page !== undefined && l.bbox !== undefined && l.bbox.length === 4;

/**
 * A finding's page — its own location's, else its first located figure's — and what to outline
 * there: the cells of its figures on that page (the offending figures), else its own location's box.
 */
export const findingSourceRequest = (f: Finding): SourcePageRequest | undefined => {
  const figures = f.figures.map((x) => x.location).filter(hasBox);
  const first = figures[0];
  const own = hasBox(f.location) ? f.location : undefined;
  const page = own?.page ?? first?.page;
  if (page === undefined) return undefined;
  const boxes = figures.filter((l) => l.page === page).map((l) => l.bbox);
  return { page, boxes: boxes.length > 0 ? boxes : own ? [own.bbox] : [], label: f.message };
};

/** A located figure or text block's request. */
export const locationSourceRequest = (l: SourceLocation | undefined, label: string): SourcePageRequest | undefined =>
  hasBox(l) ? { page: l.page, boxes: [l.bbox], label } : undefined;

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
