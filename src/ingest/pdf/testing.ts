/**
 * Test PDFs made with pdf-lib: pages drawn with raw content-stream operators, so a test states
 * exactly what is on the page — text (Chinese through a Type0 font whose character codes are the
 * Unicode code points, mapped back by its ToUnicode CMap; figures and codes in Helvetica), cell
 * borders (stroked lines or thin filled rectangles), invisible text, clipped text and images.
 * No font file is embedded: text extraction needs only the ToUnicode map and the widths.
 */
import { degrees, PDFArray, PDFDocument, PDFHexString, PDFName, StandardFonts, type PDFDict, type PDFFont, type PDFRef } from 'pdf-lib';

const LANDSCAPE: [number, number] = [841.89, 595.28];

/** ToUnicode CMap mapping every 2-byte code to the same UTF-16 code unit. */
const identityToUnicode = (): string => {
  const ranges: string[] = [];
  for (let hi = 0; hi < 256; hi++) {
    const h = hi.toString(16).padStart(2, '0').toUpperCase();
    ranges.push(`<${h}00> <${h}FF> <${h}00>`);
  }
  const chunks: string[] = [];
  for (let i = 0; i < ranges.length; i += 100) {
    const part = ranges.slice(i, i + 100);
    chunks.push(`${part.length} beginbfrange\n${part.join('\n')}\nendbfrange`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...chunks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
};

const hex = (s: string): string => [...s].map((c) => (c.codePointAt(0) ?? 0x3f).toString(16).padStart(4, '0')).join('');
const esc = (s: string): string => s.replace(/[\\()]/g, (c) => `\\${c}`);
const n = (x: number): string => String(Math.round(x * 100) / 100);

/** One page's content, built operator by operator. */
export class PageDraw {
  readonly ops: string[] = [];
  /** The page draws the test image. */
  usesImage = false;
  /** Draw every character with its own text object, as many producers do. */
  glyphByGlyph = false;
  constructor(private readonly latin: PDFFont) {}

  /** Chinese (or any) text: one em per character. */
  cjk(x: number, y: number, text: string, size = 12): this {
    if (this.glyphByGlyph && [...text].length > 1) {
      [...text].forEach((c, i) => this.cjk(x + i * size, y, c, size));
      return this;
    }
    this.ops.push(`BT /FC ${n(size)} Tf 1 0 0 1 ${n(x)} ${n(y)} Tm <${hex(text)}> Tj ET`);
    return this;
  }
  /** Latin text (figures, codes) in Helvetica. */
  latinText(x: number, y: number, text: string, size = 12): this {
    if (this.glyphByGlyph && text.length > 1) {
      let at = x;
      for (const c of text) {
        this.latinText(at, y, c, size);
        at += this.latin.widthOfTextAtSize(c, size);
      }
      return this;
    }
    this.ops.push(`BT /FL ${n(size)} Tf 1 0 0 1 ${n(x)} ${n(y)} Tm (${esc(text)}) Tj ET`);
    return this;
  }
  /** Words in one text-showing operator, separated by spaces (`(1,500.00 1,000.00) Tj`). */
  latinRun(x: number, y: number, words: readonly string[], size = 12): this {
    this.ops.push(`BT /FL ${n(size)} Tf 1 0 0 1 ${n(x)} ${n(y)} Tm (${esc(words.join(' '))}) Tj ET`);
    return this;
  }
  /** Latin text right-aligned at x. */
  right(x: number, y: number, text: string, size = 12): this {
    return this.latinText(x - this.latin.widthOfTextAtSize(text, size), y, text, size);
  }
  /** Text drawn with render mode 3 (neither filled nor stroked: invisible). */
  invisible(draw: (p: this) => void): this {
    this.ops.push('3 Tr');
    draw(this);
    this.ops.push('0 Tr');
    return this;
  }
  /** Everything drawn inside is clipped to the rectangle. */
  clipped(x: number, y: number, w: number, h: number, draw: (p: this) => void): this {
    this.ops.push(`q ${n(x)} ${n(y)} ${n(w)} ${n(h)} re W n`);
    draw(this);
    this.ops.push('Q');
    return this;
  }
  /** A stroked line. */
  line(x0: number, y0: number, x1: number, y1: number): this {
    this.ops.push(`0.5 w ${n(x0)} ${n(y0)} m ${n(x1)} ${n(y1)} l S`);
    return this;
  }
  /** A rule drawn as a thin filled rectangle (as many office exporters do). */
  filledRule(x0: number, y0: number, x1: number, y1: number): this {
    const w = Math.max(x1 - x0, 0.7);
    const h = Math.max(y1 - y0, 0.7);
    this.ops.push(`${n(x0 - (x1 === x0 ? 0.35 : 0))} ${n(y0 - (y1 === y0 ? 0.35 : 0))} ${n(w)} ${n(h)} re f`);
    return this;
  }
  /** A grey image covering the box (a scanned page). */
  image(x: number, y: number, w: number, h: number): this {
    this.usesImage = true;
    this.ops.push(`q ${n(w)} 0 0 ${n(h)} ${n(x)} ${n(y)} cm /Im0 Do Q`);
    return this;
  }
}

export interface TestPdfOptions {
  readonly pages: readonly ((p: PageDraw) => void)[];
  /** Add an /Encrypt dictionary whose user password is not empty. */
  readonly encrypted?: boolean;
  /**
   * Portrait pages turned to landscape by /Rotate 90, their content drawn rotated so that it
   * displays exactly as on the plain landscape pages (as some producers print wide tables).
   */
  readonly rotated?: boolean;
}

export const makeTestPdf = async (o: TestPdfOptions): Promise<Uint8Array> => {
  const doc = await PDFDocument.create();
  const latin = await doc.embedFont(StandardFonts.Helvetica);
  const ctx = doc.context;
  const toUnicode = ctx.register(ctx.stream(identityToUnicode()));
  const descriptor = ctx.obj({
    Type: 'FontDescriptor',
    FontName: 'TestCJK',
    Flags: 4,
    FontBBox: [0, -120, 1000, 880],
    ItalicAngle: 0,
    Ascent: 880,
    Descent: -120,
    CapHeight: 700,
    StemV: 80,
  });
  const cidFont = ctx.obj({
    Type: 'Font',
    Subtype: 'CIDFontType2',
    BaseFont: 'TestCJK',
    CIDSystemInfo: { Registry: PDFHexString.fromText('Adobe'), Ordering: PDFHexString.fromText('Identity'), Supplement: 0 },
    FontDescriptor: ctx.register(descriptor),
    DW: 1000,
  });
  const cjkFont: PDFRef = ctx.register(
    ctx.obj({ Type: 'Font', Subtype: 'Type0', BaseFont: 'TestCJK', Encoding: 'Identity-H', DescendantFonts: [ctx.register(cidFont)], ToUnicode: toUnicode }),
  );
  const image = ctx.register(
    ctx.stream(new Uint8Array(64 * 64).fill(0x80), { Type: 'XObject', Subtype: 'Image', Width: 64, Height: 64, ColorSpace: 'DeviceGray', BitsPerComponent: 8 }),
  );
  for (const draw of o.pages) {
    const page = doc.addPage(o.rotated ? [LANDSCAPE[1], LANDSCAPE[0]] : LANDSCAPE);
    const p = new PageDraw(latin);
    if (o.rotated) {
      page.setRotation(degrees(90));
      p.ops.push(`q 0 1 -1 0 ${LANDSCAPE[1]} 0 cm`);
    }
    draw(p);
    if (o.rotated) p.ops.push('Q');
    page.node.setFontDictionary(PDFName.of('FC'), cjkFont);
    page.node.setFontDictionary(PDFName.of('FL'), latin.ref);
    if (p.usesImage) page.node.setXObject(PDFName.of('Im0'), image);
    page.node.set(PDFName.of('Contents'), ctx.register(ctx.stream(p.ops.join('\n'))));
  }
  if (o.encrypted) {
    const bytes32 = (seed: number): PDFHexString => PDFHexString.of(Array.from({ length: 32 }, (_, i) => ((i * 37 + seed) & 0xff).toString(16).padStart(2, '0')).join(''));
    const encrypt = ctx.obj({ Filter: 'Standard', V: 1, R: 2, Length: 40, P: -44 });
    (encrypt as PDFDict).set(PDFName.of('O'), bytes32(11));
    (encrypt as PDFDict).set(PDFName.of('U'), bytes32(97));
    ctx.trailerInfo.Encrypt = ctx.register(encrypt);
    const id = PDFArray.withContext(ctx);
    id.push(bytes32(3));
    id.push(bytes32(5));
    ctx.trailerInfo.ID = id;
  }
  // No object streams: the file stays readable by any reader, and the tests can cut it anywhere.
  return doc.save({ useObjectStreams: false });
};

