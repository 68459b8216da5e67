/**
 * Read a published PDF: pages → painted text items and ruling lines (extract.ts) → a text
 * rendering with table rows TAB-separated and empty cells kept, plus a line map (layout.ts) → the
 * text readers (detect.ts) → every figure's provenance gains its page and box (provenance.ts).
 *
 * The reader never throws for bad input: an encrypted, damaged or truncated file, or one without a
 * text layer (a scan), yields no document and an error diagnostic that says why.
 */
import { decodeDocumentText } from '../decode.ts';
import type { Diagnostic } from '#domain/index.ts';
import { parseDocument, type ParsedDocument } from '../detect.ts';
import { extractPdf, type PdfFailure, type PdfPage } from './extract.ts';
import { layoutPages, type LineOrigin, type PdfText } from './layout.ts';
import { attachPageProvenance } from './provenance.ts';

export { locateFindings } from './provenance.ts';
export type { LineOrigin, PdfText } from './layout.ts';
export type { PdfPage } from './extract.ts';

export type PdfParseResult = ParsedDocument & {
  /** The text rendering the readers were given (absent when the PDF could not be read). */
  readonly text?: string;
  /** Where each line of `text` is on the pages (`lines[i]` is line i + 1). */
  readonly lines?: readonly LineOrigin[];
  readonly pageCount: number;
};

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-

/** A PDF is recognised by its `%PDF-` header (within the first kilobyte, as readers allow), not its name. */
export const isPdf = (bytes: Uint8Array): boolean => {
  const limit = Math.min(bytes.length - PDF_MAGIC.length, 1024);
  for (let i = 0; i <= limit; i++) {
    if (PDF_MAGIC.every((b, k) => bytes[i + k] === b)) return true;
  }
  return false;
};

/** Why a PDF could not be read, as one error at line 1 (the document has no lines to point at). */
const failureDiagnostic = (f: PdfFailure): Diagnostic => {
  const message =
    f.kind === 'encrypted'
      ? 'PDF 文件已加密（需要密码），无法读取。请提供未加密的文件。(The PDF is encrypted and needs a password.)'
      : f.kind === 'truncated'
        ? 'PDF 文件不完整（缺少文件结尾 %%EOF），可能下载或上传中断。(The PDF is truncated: its end is missing.)'
        : `PDF 文件已损坏，无法读取：${f.detail} (The PDF is damaged.)`;
  return { code: `pdf-${f.kind}`, severity: 'error', message, location: { line: 1 }, ...(f.kind === 'damaged' ? { params: { detail: f.detail } } : {}) };
};

const pageList = (pages: readonly number[]): string => pages.join(', ');

/** Diagnostics about the pages themselves: text not painted, pages without text. */
const pageDiagnostics = (pages: readonly PdfPage[], text: PdfText): Diagnostic[] => {
  const firstLine = new Map<number, number>();
  text.lines.forEach((l, i) => {
    if (!firstLine.has(l.page)) firstLine.set(l.page, i + 1);
  });
  const out: Diagnostic[] = [];
  for (const p of pages) {
    const hidden = p.invisible + p.clipped;
    if (hidden === 0) continue;
    out.push({
      code: 'pdf-text-not-painted',
      severity: 'info',
      message: `第 ${p.number} 页有 ${hidden} 段文字未显示（${p.clipped} 段在裁剪区域外，${p.invisible} 段为不可见文字），已忽略。(Page ${p.number}: ${hidden} text items are not painted and were ignored.)`,
      location: { line: firstLine.get(p.number) ?? 1, page: p.number },
      params: { page: p.number, clipped: p.clipped, invisible: p.invisible },
    });
  }
  const scanned = pages.filter((p) => p.items.length === 0 && p.hasImages).map((p) => p.number);
  if (scanned.length > 0) {
    out.push({
      code: 'pdf-page-without-text',
      severity: 'warning',
      message: `第 ${pageList(scanned)} 页只有图像、没有文字层（扫描件？），其内容未能读取。(Pages ${pageList(scanned)} are images without a text layer.)`,
      location: { line: firstLine.get(scanned[0] ?? 1) ?? 1, page: scanned[0] ?? 1 },
      params: { pages: pageList(scanned) },
    });
  }
  const blank = pages.filter((p) => p.items.length === 0 && !p.hasImages).map((p) => p.number);
  if (blank.length > 0) {
    out.push({
      code: 'pdf-blank-page',
      severity: 'info',
      message: `第 ${pageList(blank)} 页为空白页。(Pages ${pageList(blank)} are blank.)`,
      location: { line: firstLine.get(blank[0] ?? 1) ?? 1, page: blank[0] ?? 1 },
      params: { pages: pageList(blank) },
    });
  }
  return out;
};

/** Pages → text rendering → the text readers → figures located on their pages. */
export const parsePdfPages = (pages: readonly PdfPage[]): PdfParseResult => {
  const text = layoutPages(pages);
  const diagnostics = pageDiagnostics(pages, text);
  if (pages.every((p) => p.items.length === 0)) {
    const numbers = pages.map((p) => p.number);
    return {
      kind: 'unknown',
      document: undefined,
      pageCount: pages.length,
      diagnostics: [
        {
          code: 'pdf-no-text-layer',
          severity: 'error',
          message: `PDF 没有文字层（第 ${pageList(numbers)} 页均无文字，可能是扫描件），无法读取。请提供带文字的 PDF 或其文本。(The PDF has no text layer on pages ${pageList(numbers)}: a scan cannot be read.)`,
          location: { line: 1 },
          params: { pages: pageList(numbers) },
        },
      ],
    };
  }
  const parsed = attachPageProvenance(parseDocument(text.text), text.lines);
  return { ...parsed, diagnostics: [...diagnostics, ...parsed.diagnostics], text: text.text, lines: text.lines, pageCount: pages.length };
};

/** Read a PDF into the model. Never throws for bad input: failures are error diagnostics. */
export const parsePdfDocument = async (bytes: Uint8Array): Promise<PdfParseResult> => {
  try {
    const extraction = await extractPdf(bytes);
    if (!extraction.ok) return { kind: 'unknown', document: undefined, diagnostics: [failureDiagnostic(extraction.failure)], pageCount: 0 };
    return parsePdfPages(extraction.pages);
  } catch (e) {
    // Whatever a malformed file does to the layers below, the caller gets a diagnostic, not a throw.
    return { kind: 'unknown', document: undefined, diagnostics: [failureDiagnostic({ kind: 'damaged', detail: e instanceof Error ? e.message : String(e) })], pageCount: 0 };
  }
};

export type DocumentBytesResult = ParsedDocument & {
  readonly format: 'pdf' | 'text';
  /** The text the readers were given: the document's own text, or the PDF's text rendering. */
  readonly text?: string;
  /** For a PDF: where each line of `text` is on the pages. */
  readonly lines?: readonly LineOrigin[];
};

/**
 * One entry point for a document's bytes, whatever they are: a PDF (recognised by its `%PDF-`
 * header, not by a file name) is read from its pages; anything else goes through the one text
 * decoder (decode.ts: UTF-8 with or without BOM, UTF-16, GB18030) and is read as text. Bytes that are
 * no text at all throw DocumentDecodeError, with a message for people.
 */
export const readDocumentBytes = async (bytes: Uint8Array): Promise<DocumentBytesResult> => {
  if (isPdf(bytes)) {
    const r = await parsePdfDocument(bytes);
    return { ...r, format: 'pdf' };
  }
  const { text } = decodeDocumentText(bytes);
  return { ...parseDocument(text), format: 'text', text };
};
