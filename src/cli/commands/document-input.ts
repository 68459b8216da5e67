/**
 * Reading a document for the CLI: a path or `-` for stdin, decoded as UTF-8 (or UTF-16 when it
 * carries a byte-order mark). I/O lives here, at the edge; readers get plain text.
 */
import { readFileSync } from 'node:fs';
import type { ParsedDocument } from '#ingest/detect.ts';
import { readDocumentBytes, type LineOrigin } from '#ingest/pdf/index.ts';

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

const readStdin = async (): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
};

export const decodeDocument = (bytes: Buffer): string => {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
};

/** Read FILE (or stdin for `-`); throws InputError with a message for people when it cannot. */
export const readDocumentInput = async (file: string): Promise<string> => {
  try {
    const bytes = file === '-' ? await readStdin() : readFileSync(file);
    return decodeDocument(bytes);
  } catch (e) {
    const why = e instanceof Error && 'code' in e ? String((e as NodeJS.ErrnoException).code) : String(e);
    throw new InputError(`无法读取文件 ${file}（${why}）/ cannot read ${file}: ${why}`);
  }
};

/** Read FILE for a command: the text, or undefined after telling the person on stderr why not. */
export const readDocumentOrReport = async (file: string): Promise<string | undefined> => {
  try {
    return await readDocumentInput(file);
  } catch (e) {
    process.stderr.write(`${e instanceof InputError ? e.message : String(e)}\n`);
    return undefined;
  }
};

/**
 * Read FILE and parse it: a PDF (recognised by its `%PDF-` header) from its pages, anything else
 * as text. `text` is what the readers were given (the PDF's text rendering for a PDF).
 */
export const readParsedDocument = async (file: string): Promise<{ text: string; parsed: ParsedDocument; lines?: readonly LineOrigin[] }> => {
  let bytes: Buffer;
  try {
    bytes = file === '-' ? await readStdin() : readFileSync(file);
  } catch (e) {
    const why = e instanceof Error && 'code' in e ? String((e as NodeJS.ErrnoException).code) : String(e);
    throw new InputError(`无法读取文件 ${file}（${why}）/ cannot read ${file}: ${why}`);
  }
  const r = await readDocumentBytes(bytes);
  return { text: r.text ?? '', parsed: { kind: r.kind, document: r.document, diagnostics: r.diagnostics } as ParsedDocument, ...(r.lines ? { lines: r.lines } : {}) };
};

/** readParsedDocument for a command: undefined after telling the person on stderr why not. */
export const readParsedOrReport = async (file: string): Promise<{ text: string; parsed: ParsedDocument } | undefined> => {
  try {
    return await readParsedDocument(file);
  } catch (e) {
    process.stderr.write(`${e instanceof InputError ? e.message : String(e)}\n`);
    return undefined;
  }
};

export const EXIT_OK = 0;
export const EXIT_DIAGNOSTIC_ERRORS = 1;
export const EXIT_INPUT = 2;
