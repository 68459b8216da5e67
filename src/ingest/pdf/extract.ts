/**
 * Read a PDF's pages with pdf.js: the painted text items (string, baseline origin, width, font
 * size) and the ruling lines (cell borders) drawn on each page, in PDF units with the origin at
 * the bottom-left of the page.
 *
 * pdf.js version: pdfjs-dist 5.4 (the last line that supports Node 20 — 6.x needs Node 22), its
 * legacy Node build, run with its in-process "fake" worker: no worker file, no canvas, no eval.
 * Callers that must stay responsive (the server) run this in a worker thread (./worker.ts).
 *
 * One pass over each page's operator list gives both: text items are built from the glyphs of
 * each text-showing operator (split into words at spaces and at wide kerning gaps), so every item
 * knows the render mode and the clip box in force when it was drawn. Text that is not painted is
 * not content: text drawn in render mode 3 (invisible, e.g. an OCR layer or leftover text) and
 * text outside the clip region in force when it is drawn (real disclosures carry lines clipped at
 * the frame's edge) are dropped and counted. (pdf.js's getTextContent would parse every page a
 * second time and lose the clip and render mode.)
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { getDocument, normalizeUnicode, OPS, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfTextItem {
  readonly str: string;
  /** Baseline origin of the item's first glyph. */
  readonly x: number;
  readonly y: number;
  readonly width: number;
  /** Font size (em height) in PDF units. */
  readonly size: number;
}

/** An axis-aligned ruling line: horizontal when y0 === y1, vertical when x0 === x1. */
export interface Ruling {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export interface PdfPage {
  /** 1-based. */
  readonly number: number;
  /** Page box as displayed [0, 0, width, height]; every position is in this space. */
  readonly view: readonly [number, number, number, number];
  readonly items: readonly PdfTextItem[];
  readonly rulings: readonly Ruling[];
  /** Words dropped because they are drawn invisible (render mode 3). */
  readonly invisible: number;
  /** Words dropped because they lie outside the clip region. */
  readonly clipped: number;
  /** The page paints images (a scan when it has no text). */
  readonly hasImages: boolean;
}

export type PdfFailure =
  | { readonly kind: 'encrypted' }
  | { readonly kind: 'damaged'; readonly detail: string }
  | { readonly kind: 'truncated' };

export type PdfExtraction = { readonly ok: true; readonly pages: readonly PdfPage[] } | { readonly ok: false; readonly failure: PdfFailure };

const PDFJS_DIR = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

type Box = [number, number, number, number];
type Matrix = [number, number, number, number, number, number];

const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];
const apply = (m: Matrix, x: number, y: number): [number, number] => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
const boxOf = (m: Matrix, b: readonly [number, number, number, number]): Box => {
  const pts = [apply(m, b[0], b[1]), apply(m, b[2], b[1]), apply(m, b[0], b[3]), apply(m, b[2], b[3])];
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
};
const intersect = (a: Box, b: Box): Box => [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];

/** What the operator walk needs of a font: glyph-space to text-space scale. */
type FontScale = (fontName: string) => number;

interface GState {
  ctm: Matrix;
  clip: Box;
  mode: number;
  fontSize: number;
  /** Glyph width units to text space (0.001 for all but Type3 fonts). */
  fontScale: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  rise: number;
  leading: number;
}

/** Thicker than this a filled rectangle is a shaded cell, not a rule. */
const RULE_MAX_THICKNESS = 3;
const MIN_RULE_LENGTH = 2;

const isNumberArray = (v: unknown): v is ArrayLike<number> => ArrayBuffer.isView(v) || Array.isArray(v);

/**
 * Walk the operator list: ruling lines from path construction, and every text run's position,
 * render mode and clip box (to tell painted text from text that is not).
 */
interface Walk {
  readonly rulings: Ruling[];
  readonly items: PdfTextItem[];
  /** Words drawn invisible, and words outside their clip box: counted once merged into lines' words. */
  readonly invisible: PdfTextItem[];
  readonly clipped: PdfTextItem[];
  hasImages: boolean;
}

const inside = (b: Box, x: number, y: number): boolean => x >= b[0] - 0.5 && x <= b[2] + 0.5 && y >= b[1] - 0.5 && y <= b[3] + 0.5;

/** A kerning gap wider than this share of the font size ends a word. */
const WORD_GAP = 0.2;

const walkOperators = (ops: { fnArray: number[]; argsArray: unknown[] }, view: Box, base: Matrix, fontScaleOf: FontScale): Walk => {
  const w: Walk = { rulings: [], items: [], invisible: [], clipped: [], hasImages: false };
  const rulings = w.rulings;
  let g: GState = { ctm: base, clip: [...view], mode: 0, fontSize: 0, fontScale: 0.001, charSpacing: 0, wordSpacing: 0, hScale: 1, rise: 0, leading: 0 };
  const stack: GState[] = [];
  let tm: Matrix = [1, 0, 0, 1, 0, 0];
  let tlm: Matrix = [1, 0, 0, 1, 0, 0];
  let pendingClip = false;

  const addRule = (x0: number, y0: number, x1: number, y1: number): void => {
    const [ax, ay] = apply(g.ctm, x0, y0);
    const [bx, by] = apply(g.ctm, x1, y1);
    const w = Math.abs(bx - ax);
    const h = Math.abs(by - ay);
    if (w < MIN_RULE_LENGTH && h < MIN_RULE_LENGTH) return;
    if (h <= RULE_MAX_THICKNESS && w > h) {
      const y = (ay + by) / 2;
      rulings.push({ x0: Math.min(ax, bx), y0: y, x1: Math.max(ax, bx), y1: y });
    } else if (w <= RULE_MAX_THICKNESS && h > w) {
      const x = (ax + bx) / 2;
      rulings.push({ x0: x, y0: Math.min(ay, by), x1: x, y1: Math.max(ay, by) });
    }
  };
  const addBoxRule = (b: Box): void => {
    // A filled thin rectangle (user space): its centre line is the rule. Thinness is judged in
    // user space, which is the page's scale in the documents seen; addRule checks it again.
    const w = b[2] - b[0];
    const h = b[3] - b[1];
    if (h <= RULE_MAX_THICKNESS && w > h) addRule(b[0], (b[1] + b[3]) / 2, b[2], (b[1] + b[3]) / 2);
    else if (w <= RULE_MAX_THICKNESS && h > w) addRule((b[0] + b[2]) / 2, b[1], (b[0] + b[2]) / 2, b[3]);
  };

  const paintPath = (paintOp: number, data: ArrayLike<number>): void => {
    const stroke = paintOp === OPS.stroke || paintOp === OPS.closeStroke || paintOp === OPS.fillStroke || paintOp === OPS.eoFillStroke || paintOp === OPS.closeFillStroke || paintOp === OPS.closeEOFillStroke;
    const fill = paintOp === OPS.fill || paintOp === OPS.eoFill || paintOp === OPS.fillStroke || paintOp === OPS.eoFillStroke || paintOp === OPS.closeFillStroke || paintOp === OPS.closeEOFillStroke;
    if (!stroke && !fill) return;
    // Path data (pdf.js 5): 0 moveTo x y, 1 lineTo x y, 2 curveTo 6 numbers, 3 quadraticCurveTo 4 numbers, 4 closePath.
    let i = 0;
    let sx = 0;
    let sy = 0;
    let cx = 0;
    let cy = 0;
    let sub: number[] = [];
    const flushSub = (): void => {
      if (fill && !stroke && sub.length >= 4) {
        const xs = sub.filter((_, k) => k % 2 === 0);
        const ys = sub.filter((_, k) => k % 2 === 1);
        // In user space: addRule maps to the page.
        addBoxRule([Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)]);
      }
      sub = [];
    };
    while (i < data.length) {
      const op = data[i] ?? -1;
      if (op === 0) {
        flushSub();
        sx = cx = data[i + 1] ?? 0;
        sy = cy = data[i + 2] ?? 0;
        sub.push(cx, cy);
        i += 3;
      } else if (op === 1) {
        const x = data[i + 1] ?? 0;
        const y = data[i + 2] ?? 0;
        if (stroke) addRule(cx, cy, x, y);
        cx = x;
        cy = y;
        sub.push(cx, cy);
        i += 3;
      } else if (op === 2) {
        cx = data[i + 5] ?? 0;
        cy = data[i + 6] ?? 0;
        sub.push(cx, cy);
        i += 7;
      } else if (op === 3) {
        cx = data[i + 3] ?? 0;
        cy = data[i + 4] ?? 0;
        sub.push(cx, cy);
        i += 5;
      } else if (op === 4) {
        if (stroke) addRule(cx, cy, sx, sy);
        cx = sx;
        cy = sy;
        i += 1;
      } else {
        break;
      }
    }
    flushSub();
  };

  /** A word drawn between text-space advances a and b on the current line: kept, or counted as not painted. */
  const emit = (str: string, a: number, b: number): void => {
    if (str.trim() === '') return;
    const width = b - a;
    const m = multiply(g.ctm, tm);
    const [x0, y0] = apply(m, a, g.rise);
    const [x1] = apply(m, b, g.rise);
    const size = Math.hypot(m[2], m[3]) * g.fontSize;
    const item = { str: normalizeUnicode(str), x: Math.min(x0, x1), y: y0, width: Math.abs(x1 - x0) || Math.abs(width), size };
    if (g.mode === 3 || g.mode === 7) w.invisible.push(item);
    // The centre of the word's box against the clip in force.
    else if (!inside(g.clip, (x0 + x1) / 2, y0 + size * 0.35)) w.clipped.push(item);
    else w.items.push(item);
  };

  const showGlyphs = (glyphs: unknown): void => {
    if (!Array.isArray(glyphs)) return;
    let advance = 0;
    let word = '';
    let start = 0;
    for (const glyph of glyphs as unknown[]) {
      if (typeof glyph === 'number') {
        const shift = (-glyph / 1000) * g.fontSize * g.hScale;
        if (Math.abs(shift) > WORD_GAP * g.fontSize) {
          emit(word, start, advance);
          word = '';
        }
        advance += shift;
      } else if (glyph && typeof glyph === 'object') {
        const gl = glyph as { width?: number; isSpace?: boolean; unicode?: string };
        const step = ((gl.width ?? 0) * g.fontScale * g.fontSize + g.charSpacing + (gl.isSpace ? g.wordSpacing : 0)) * g.hScale;
        if (gl.isSpace || gl.unicode === ' ') {
          // A printed space ends the word and is kept with it (the width stays the word's own).
          emit(word === '' ? '' : `${word} `, start, advance);
          word = '';
        } else {
          if (word === '') start = advance;
          word += gl.unicode ?? '';
        }
        advance += step;
      }
    }
    emit(word, start, advance);
    tm = multiply(tm, [1, 0, 0, 1, advance, 0]);
  };
  const nextLine = (): void => {
    tlm = multiply(tlm, [1, 0, 0, 1, 0, -g.leading]);
    tm = tlm;
  };

  ops.fnArray.forEach((fn, k) => {
    const args = ops.argsArray[k] as unknown[] | null;
    switch (fn) {
      case OPS.save:
        stack.push({ ...g });
        break;
      case OPS.restore:
        g = stack.pop() ?? g;
        break;
      case OPS.transform:
        if (args && args.length >= 6) g.ctm = multiply(g.ctm, args.slice(0, 6) as Matrix);
        break;
      case OPS.paintFormXObjectBegin: {
        stack.push({ ...g });
        const m = args?.[0];
        if (isNumberArray(m) && m.length >= 6) g.ctm = multiply(g.ctm, Array.from(m).slice(0, 6) as Matrix);
        const b = args?.[1];
        if (isNumberArray(b) && b.length >= 4) g.clip = intersect(g.clip, boxOf(g.ctm, Array.from(b).slice(0, 4) as Box));
        break;
      }
      case OPS.paintFormXObjectEnd:
        g = stack.pop() ?? g;
        break;
      case OPS.clip:
      case OPS.eoClip:
        pendingClip = true;
        break;
      case OPS.constructPath: {
        const paintOp = typeof args?.[0] === 'number' ? args[0] : -1;
        const dataList = args?.[1];
        const data = Array.isArray(dataList) ? dataList[0] : undefined;
        const minMax = args?.[2];
        if (pendingClip && isNumberArray(minMax) && minMax.length >= 4) {
          g.clip = intersect(g.clip, boxOf(g.ctm, Array.from(minMax).slice(0, 4) as Box));
          pendingClip = false;
        }
        if (isNumberArray(data)) paintPath(paintOp, data);
        break;
      }
      case OPS.endPath:
        pendingClip = false;
        break;
      case OPS.setTextRenderingMode:
        g.mode = typeof args?.[0] === 'number' ? args[0] : 0;
        break;
      case OPS.setFont:
        g.fontSize = typeof args?.[1] === 'number' ? args[1] : g.fontSize;
        g.fontScale = typeof args?.[0] === 'string' ? fontScaleOf(args[0]) : 0.001;
        break;
      case OPS.setCharSpacing:
        g.charSpacing = typeof args?.[0] === 'number' ? args[0] : 0;
        break;
      case OPS.setWordSpacing:
        g.wordSpacing = typeof args?.[0] === 'number' ? args[0] : 0;
        break;
      case OPS.setHScale:
        g.hScale = typeof args?.[0] === 'number' ? args[0] / 100 : 1;
        break;
      case OPS.setTextRise:
        g.rise = typeof args?.[0] === 'number' ? args[0] : 0;
        break;
      case OPS.setLeading:
        g.leading = typeof args?.[0] === 'number' ? args[0] : 0;
        break;
      case OPS.beginText:
        tm = [1, 0, 0, 1, 0, 0];
        tlm = tm;
        break;
      case OPS.setTextMatrix: {
        const m = args?.[0];
        const arr = isNumberArray(m) ? Array.from(m) : (args as number[] | null);
        if (arr && arr.length >= 6) {
          tm = arr.slice(0, 6) as Matrix;
          tlm = tm;
        }
        break;
      }
      case OPS.moveText:
      case OPS.setLeadingMoveText: {
        const tx = typeof args?.[0] === 'number' ? args[0] : 0;
        const ty = typeof args?.[1] === 'number' ? args[1] : 0;
        if (fn === OPS.setLeadingMoveText) g.leading = -ty;
        tlm = multiply(tlm, [1, 0, 0, 1, tx, ty]);
        tm = tlm;
        break;
      }
      case OPS.nextLine:
        nextLine();
        break;
      case OPS.showText:
      case OPS.showSpacedText:
        showGlyphs(args?.[0]);
        break;
      case OPS.nextLineShowText:
        nextLine();
        showGlyphs(args?.[0]);
        break;
      case OPS.nextLineSetSpacingShowText:
        g.wordSpacing = typeof args?.[0] === 'number' ? args[0] : g.wordSpacing;
        g.charSpacing = typeof args?.[1] === 'number' ? args[1] : g.charSpacing;
        nextLine();
        showGlyphs(args?.[2]);
        break;
      case OPS.paintImageXObject:
      case OPS.paintInlineImageXObject:
      case OPS.paintImageMaskXObject:
      case OPS.paintImageXObjectRepeat:
      case OPS.paintImageMaskXObjectGroup:
      case OPS.paintImageMaskXObjectRepeat:
      case OPS.paintSolidColorImageMask:
        w.hasImages = true;
        break;
      default:
        break;
    }
  });
  return w;
};

/**
 * Glyphs drawn one by one (many producers position every character) into words: an item that
 * starts where the one drawn before it ends, on the same baseline in the same size, continues it.
 */
export const mergeAbutting = (items: readonly PdfTextItem[]): PdfTextItem[] => {
  const out: PdfTextItem[] = [];
  for (const it of items) {
    const prev = out[out.length - 1];
    if (
      prev &&
      !prev.str.endsWith(' ') &&
      Math.abs(prev.y - it.y) <= prev.size * 0.1 &&
      Math.abs(prev.size - it.size) <= prev.size * 0.05 &&
      Math.abs(it.x - (prev.x + prev.width)) <= prev.size * 0.1
    ) {
      out[out.length - 1] = { ...prev, str: prev.str + it.str, width: it.x + it.width - prev.x };
    } else {
      out.push(it);
    }
  }
  return out;
};

const readPage = async (page: PDFPageProxy): Promise<PdfPage> => {
  // Coordinates as the page is displayed, origin bottom-left: the page's /Rotate and crop box
  // applied (an unrotated page with its box at the origin keeps its PDF coordinates), so a
  // landscape table on a rotated portrait page reads left to right like any other.
  const viewport = page.getViewport({ scale: 1 });
  const base = multiply([1, 0, 0, -1, 0, viewport.height], [...viewport.transform] as Matrix);
  const view: Box = [0, 0, viewport.width, viewport.height];
  const ops = await page.getOperatorList();
  const fontScaleOf: FontScale = (name) => {
    try {
      const font = page.commonObjs.get(name) as { fontMatrix?: readonly number[] } | undefined;
      return Math.abs(font?.fontMatrix?.[0] ?? 0.001) || 0.001;
    } catch {
      return 0.001;
    }
  };
  const w = walkOperators(ops, view, base, fontScaleOf);
  return {
    number: page.pageNumber,
    view,
    items: mergeAbutting(w.items),
    rulings: w.rulings,
    invisible: mergeAbutting(w.invisible).length,
    clipped: mergeAbutting(w.clipped).length,
    hasImages: w.hasImages,
  };
};

/** A truncated file has lost its trailer: no `%%EOF` in its last kilobyte. */
const isTruncated = (bytes: Uint8Array): boolean => {
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString('latin1');
  return !tail.includes('%%EOF');
};

export const extractPdf = async (bytes: Uint8Array): Promise<PdfExtraction> => {
  if (isTruncated(bytes)) return { ok: false, failure: { kind: 'truncated' } };
  let doc: PDFDocumentProxy | undefined;
  try {
    // pdf.js takes ownership of (detaches) the buffer it is given, and refuses a Node Buffer: hand it a plain copy.
    doc = await getDocument({
      data: new Uint8Array(bytes),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: true,
      verbosity: 0,
      cMapUrl: `${PDFJS_DIR}/cmaps/`,
      cMapPacked: true,
      standardFontDataUrl: `${PDFJS_DIR}/standard_fonts/`,
    }).promise;
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      pages.push(await readPage(page));
      page.cleanup();
    }
    return { ok: true, pages };
  } catch (e) {
    const name = e instanceof Error ? e.name : '';
    if (name === 'PasswordException') return { ok: false, failure: { kind: 'encrypted' } };
    return { ok: false, failure: { kind: 'damaged', detail: e instanceof Error ? e.message : String(e) } };
  } finally {
    await doc?.destroy();
  }
};
