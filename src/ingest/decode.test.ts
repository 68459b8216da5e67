import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeDocumentBytes, decodeDocumentText, DocumentDecodeError } from './decode.ts';

const SAMPLE = '上海市松江区数据局2025年部门预算\n表1 财政收支预算总表\n收入总计 8,496.65 万元\n';
const utf16be = (s: string): Buffer => Buffer.from(s, 'utf16le').swap16();

describe('decodeDocumentBytes', () => {
  it('gives the same text for every encoding of the same document', () => {
    const variants: [string, Buffer][] = [
      ['utf-8', Buffer.from(SAMPLE, 'utf8')],
      ['utf-8 + BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SAMPLE, 'utf8')])],
      ['utf-16le + BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SAMPLE, 'utf16le')])],
      ['utf-16be + BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(SAMPLE)])],
      ['utf-16le', Buffer.from(SAMPLE, 'utf16le')],
      ['utf-16be', utf16be(SAMPLE)],
      ['gb18030', iconv.encode(SAMPLE, 'gb18030')],
      ['gbk', iconv.encode(SAMPLE, 'gbk')],
    ];
    for (const [name, bytes] of variants) expect(decodeDocumentText(bytes).text, name).toBe(SAMPLE);
    expect(decodeDocumentText(iconv.encode(SAMPLE, 'gbk')).encoding).toBe('gb18030');
    expect(decodeDocumentText(Buffer.from(SAMPLE, 'utf16le')).encoding).toBe('utf-16le');
  });

  it('hands a PDF back as bytes (for a PDF reader) and refuses it as text, pointing to the PDF reader', () => {
    const pdf = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj', 'latin1');
    const d = decodeDocumentBytes(pdf);
    expect(d.kind).toBe('pdf');
    expect(() => decodeDocumentText(pdf)).toThrow(/这是 PDF 文件，不是文本/);
  });

  it('refuses binary files and bytes of no known encoding', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(() => decodeDocumentText(png)).toThrow(DocumentDecodeError);
    const noise = Buffer.from(Array.from({ length: 400 }, (_, i) => (i * 97 + 13) % 256).filter((b) => b !== 0));
    expect(() => decodeDocumentText(noise)).toThrow(/文字编码|二进制/);
  });

  it('never throws anything but a DocumentDecodeError, and text never carries a BOM or NUL', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        try {
          const { text } = decodeDocumentText(bytes);
          expect(text.charCodeAt(0)).not.toBe(0xfeff);
          expect(text.includes('\u0000')).toBe(false);
        } catch (e) {
          expect(e).toBeInstanceOf(DocumentDecodeError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
