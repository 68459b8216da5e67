/**
 * Reading a document for the CLI: a path or `-` for stdin, decoded by the one decoder the API
 * uses too (#ingest/decode.ts: UTF-8 with or without BOM, UTF-16, GB18030/GBK; PDF and binary
 * refused with a message). I/O lives here, at the edge; readers get plain text.
 */
import { readFileSync } from 'node:fs';
import { decodeDocumentText, DocumentDecodeError } from '#ingest/decode.ts';
import { describeCause } from './failure.ts';
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

/** Read FILE (or stdin for `-`) and decode it; throws InputError with a message for people when it cannot. */
export const readDocumentInput = async (file: string): Promise<string> => {
  let bytes: Buffer;
  try {
    bytes = file === '-' ? await readStdin() : readFileSync(file);
  } catch (e) {
    throw new InputError(`无法读取文件 ${file}（${describeCause(e)}）/ cannot read ${file}`);
  }
  try {
    return decodeDocumentText(bytes).text;
  } catch (e) {
    if (e instanceof DocumentDecodeError) throw new InputError(`${file}：${e.message}`);
    throw e;
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
    throw new InputError(`无法读取文件 ${file}（${describeCause(e)}）/ cannot read ${file}`);
  }
  let r: Awaited<ReturnType<typeof readDocumentBytes>>;
  try {
    r = await readDocumentBytes(bytes);
  } catch (e) {
    if (e instanceof DocumentDecodeError) throw new InputError(`${file}：${e.message}`);
    throw e;
  }
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
