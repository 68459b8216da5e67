/**
 * Bytes → document text: the one decoder behind the CLI (files, stdin, import) and the API
 * (uploads), so the same bytes give the same text, the same sha256 and the same stored version
 * everywhere.
 *
 * - UTF-8, with or without a byte-order mark (the mark is dropped: it is not part of the text);
 * - UTF-16 LE/BE with a byte-order mark, and without one when the zero bytes give it away;
 * - GB18030 (a superset of GBK and GB2312) for bytes that are not UTF-8, via iconv-lite;
 * - PDF recognised by its `%PDF-` signature and handed back as bytes (`kind: 'pdf'`): there is no
 *   PDF reader yet, and `decodeDocumentText` refuses it with a message saying so. A PDF reader
 *   plugs in where `decodeDocumentBytes` answers `pdf`.
 * - anything else (NUL bytes, undecodable bytes) is refused with a message naming what it is.
 */
import iconv from 'iconv-lite';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type DecodedDocument =
  | { readonly kind: 'text'; readonly text: string; readonly encoding: TextEncodingName; readonly hadByteOrderMark: boolean }
  | { readonly kind: 'pdf'; readonly bytes: Uint8Array }
  | { readonly kind: 'binary'; readonly reason: 'nul-bytes' | 'undecodable' };

export type DecodeRefusal = 'pdf' | 'binary' | 'undecodable';

/** Why bytes are not a document text, with a message for people (Chinese, then English). */
export class DocumentDecodeError extends Error {
  constructor(
    readonly refusal: DecodeRefusal,
    message: string,
  ) {
    super(message);
    this.name = 'DocumentDecodeError';
  }
}

const HOW_TO_CONVERT = '请提供文本文件（.txt，UTF-8、UTF-16 或 GB18030/GBK 编码）或 PDF 文件。';

/** The text decoder is not the PDF reader: a PDF reaching it was routed wrong (readDocumentBytes reads PDFs). */
export const PDF_NOT_YET_MESSAGE = `这是 PDF 文件，不是文本：请交给 PDF 读取器（readDocumentBytes）读取。 / a PDF, not text: read it with the PDF reader.`;
const BINARY_MESSAGE = `文件含有 NUL 字节，像是二进制文件（图片、压缩包、Office 文档等），不是文本。${HOW_TO_CONVERT} / a binary file, not text.`;
const UNDECODABLE_MESSAGE = `无法识别文件的文字编码（不是 UTF-8、UTF-16 或 GB18030/GBK）。${HOW_TO_CONVERT} / unknown text encoding.`;

/** PDF files start with `%PDF-` (readers tolerate some leading white space or NULs). */
const isPdf = (bytes: Uint8Array): boolean =>
  /^[\s\0]{0,64}%PDF-/.test(Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 128)).toString('latin1'));

const utf16 = (bytes: Uint8Array, littleEndian: boolean, skip: number): string => {
  const body = Buffer.from(bytes.subarray(skip, skip + ((bytes.length - skip) & ~1)));
  if (!littleEndian) body.swap16();
  return body.toString('utf16le');
};

/**
 * BOM-less UTF-16: document text has many ASCII characters (digits, spaces, newlines), each with a
 * zero high byte — at odd offsets in LE, even in BE — while UTF-8 and GB18030 text has no zero
 * bytes at all.
 */
const sniffUtf16 = (bytes: Uint8Array): 'le' | 'be' | undefined => {
  const n = Math.min(bytes.length, 8192) & ~1;
  if (n < 4) return undefined;
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) zeroEven++;
    if (bytes[i + 1] === 0) zeroOdd++;
  }
  const pairs = n / 2;
  if (zeroOdd >= pairs * 0.2 && zeroEven <= zeroOdd * 0.05) return 'le';
  if (zeroEven >= pairs * 0.2 && zeroOdd <= zeroEven * 0.05) return 'be';
  return undefined;
};

/** A decoded UTF-16 text is believable when it has no NULs and no unpaired surrogates. */
const plausibleText = (text: string): boolean => !text.includes('\u0000') && !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);

const withoutBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** What the bytes are: text (decoded), a PDF (bytes, for a PDF reader), or binary. */
export const decodeDocumentBytes = (input: Uint8Array): DecodedDocument => {
  const bytes = input;
  if (isPdf(bytes)) return { kind: 'pdf', bytes };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const text = decodeUtf8(bytes.subarray(3));
    if (text !== undefined && !text.includes('\u0000')) return { kind: 'text', text: withoutBom(text), encoding: 'utf-8', hadByteOrderMark: true };
    return { kind: 'binary', reason: text === undefined ? 'undecodable' : 'nul-bytes' };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    const le = bytes[0] === 0xff;
    const text = utf16(bytes, le, 2);
    if (plausibleText(text)) return { kind: 'text', text: withoutBom(text), encoding: le ? 'utf-16le' : 'utf-16be', hadByteOrderMark: true };
    return { kind: 'binary', reason: 'undecodable' };
  }
  const sniffed = sniffUtf16(bytes);
  if (sniffed !== undefined) {
    const text = utf16(bytes, sniffed === 'le', 0);
    if (plausibleText(text)) return { kind: 'text', text: withoutBom(text), encoding: sniffed === 'le' ? 'utf-16le' : 'utf-16be', hadByteOrderMark: false };
  }
  if (bytes.includes(0)) return { kind: 'binary', reason: 'nul-bytes' };
  const utf8 = decodeUtf8(bytes);
  if (utf8 !== undefined) return { kind: 'text', text: withoutBom(utf8), encoding: 'utf-8', hadByteOrderMark: false };
  const gb = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), 'gb18030', { stripBOM: true });
  // GB18030 maps almost every byte sequence; a believable text has (nearly) no replacement
  // characters and no C0 control characters other than layout.
  const replaced = (gb.match(/\ufffd/g) ?? []).length;
  let controls = 0;
  for (let i = 0; i < gb.length; i++) {
    const c = gb.charCodeAt(i);
    if ((c >= 0x01 && c <= 0x08) || (c >= 0x0e && c <= 0x1f)) controls++;
  }
  if (replaced <= Math.max(0, gb.length / 1000) && controls <= gb.length / 1000) return { kind: 'text', text: gb, encoding: 'gb18030', hadByteOrderMark: false };
  return { kind: 'binary', reason: 'undecodable' };
};

const decodeUtf8 = (bytes: Uint8Array): string | undefined => {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
};

/** The text of a document, or a DocumentDecodeError saying why there is none (PDF, binary, unknown encoding). */
export const decodeDocumentText = (bytes: Uint8Array): { text: string; encoding: TextEncodingName } => {
  const d = decodeDocumentBytes(bytes);
  if (d.kind === 'pdf') throw new DocumentDecodeError('pdf', PDF_NOT_YET_MESSAGE);
  if (d.kind === 'binary') {
    throw d.reason === 'undecodable' ? new DocumentDecodeError('undecodable', UNDECODABLE_MESSAGE) : new DocumentDecodeError('binary', BINARY_MESSAGE);
  }
  return { text: d.text, encoding: d.encoding };
};
