/**
 * Give every located thing of a model read from a PDF its page and box: each `source` (figures,
 * text blocks) and each diagnostic `location` whose line came from the PDF gains `page` and
 * `bbox`. A figure printed in a table cell gets the cell's box (the k-th cell on its line whose
 * text is the figure, for the k-th figure with that text on the line, as rows list cells left to
 * right); other figures get the box of their line.
 */
import type { Finding, FindingFigure, SourceLocation } from '#domain/index.ts';
import type { ParsedDocument } from '../detect.ts';
import type { LineOrigin } from './layout.ts';

type Json = unknown;

const isLocation = (v: unknown): v is SourceLocation =>
  typeof v === 'object' && v !== null && typeof (v as { line?: unknown }).line === 'number';

export const attachPageProvenance = <T extends ParsedDocument>(parsed: T, lines: readonly LineOrigin[]): T => {
  /** Per line and figure text: how many cells with that text were handed out already. */
  const used = new Map<string, number>();

  const locate = (loc: SourceLocation, raw: string | undefined): SourceLocation => {
    const origin = lines[loc.line - 1];
    if (!origin) return loc;
    let bbox: readonly number[] = origin.bbox;
    if (raw !== undefined && origin.cells) {
      const key = `${loc.line}\u0000${raw}`;
      const k = used.get(key) ?? 0;
      const matches = origin.cells.filter((c) => c.text === raw);
      const cell = matches[k] ?? origin.cells.find((c) => c.text.includes(raw));
      if (matches[k]) used.set(key, k + 1);
      if (cell) bbox = cell.bbox;
    }
    return { ...loc, page: origin.page, bbox: [...bbox] };
  };

  const walk = (v: Json): Json => {
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v !== 'object' || v === null) return v;
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    const raw = typeof o.raw === 'string' ? o.raw : undefined;
    for (const [k, x] of Object.entries(o)) {
      if ((k === 'source' || k === 'location') && isLocation(x)) out[k] = locate(x, raw);
      else out[k] = walk(x);
    }
    return out;
  };

  return walk(parsed) as T;
};

/**
 * Findings about a document read from a PDF: each location with a line of that document and no
 * page yet gains the line's page and box (a figure's own location already has its cell's box).
 * `linesOf` gives the line map of a finding's document, undefined for documents read from text.
 */
export const locateFindings = (findings: readonly Finding[], linesOf: (document: string | undefined) => readonly LineOrigin[] | undefined): Finding[] =>
  findings.map((f) => {
    const lines = linesOf(f.document);
    if (!lines) return f;
    const place = (loc: SourceLocation | undefined): SourceLocation | undefined => {
      if (!loc || loc.page !== undefined) return loc;
      const origin = lines[loc.line - 1];
      return origin ? { ...loc, page: origin.page, bbox: [...origin.bbox] } : loc;
    };
    const location = place(f.location);
    const figures = f.figures.map((x): FindingFigure => {
      const l = place(x.location);
      return l ? { ...x, location: l } : x;
    });
    return { ...f, ...(location ? { location } : {}), figures };
  });
