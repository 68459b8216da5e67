/**
 * Import files and directories of documents (`.txt`, `.pdf`) into a store, one line of progress per file.
 * Used by `yusuan import` and `yusuan serve --import`.
 */
import { Stats } from 'node:fs';
import { lstat, readFile, readdir, realpath, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { decodeDocumentText } from '#ingest/decode.ts';
import type { ParsedDocument } from '#ingest/detect.ts';
import { isPdf, parsePdfDocument } from '#ingest/pdf/index.ts';
import type { LineOrigin } from '#ingest/pdf/index.ts';
import type { BudgetStore, DocumentSourceFile } from './store.ts';
import type { ImportOutcome } from './types.ts';

export interface FileImportResult {
  readonly path: string;
  /** The outcome, or the error that stopped this file. */
  readonly outcome?: ImportOutcome;
  readonly error?: string;
}

export interface ImportSummary {
  readonly results: readonly FileImportResult[];
  readonly created: number;
  readonly newVersions: number;
  readonly unchanged: number;
  /** Not recognised as a budget document, or failed to read or store. */
  readonly failed: number;
}

/** Why a path could not be read, in words (dangling or looping symbolic links included). */
const unreadable = (e: unknown, listedInDirectory: boolean): string => {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return listedInDirectory ? '符号链接指向的文件不存在（悬空链接）' : '文件或目录不存在';
  if (code === 'ELOOP') return '符号链接循环';
  if (code === 'EACCES' || code === 'EPERM') return '没有读取权限';
  return `无法读取（${code ?? (e instanceof Error ? e.message : String(e))}）`;
};

/**
 * Every document file (`.txt`, `.pdf`) under the given files and directories, sorted, each once
 * (a file named on the command line is taken whatever its name: its content decides); what cannot be
 * reached (missing, dangling or looping links, no permission) comes back in `missing` with why.
 * A directory reached twice (a link back up the tree) is walked once.
 */
/** Files a directory walk takes as documents: text, and the published PDFs. */
const DOCUMENT_FILE = /\.(?:txt|pdf)$/i;

export const collectDocumentFiles = async (paths: readonly string[]): Promise<{ files: string[]; missing: string[]; problems: Map<string, string> }> => {
  const files = new Set<string>();
  const missing: string[] = [];
  const problems = new Map<string, string>();
  const seenDirectories = new Set<string>();
  const fail = (p: string, why: string): void => {
    if (!problems.has(p)) missing.push(p);
    problems.set(p, why);
  };
  const walk = async (p: string, listedInDirectory: boolean): Promise<void> => {
    let s;
    try {
      s = await stat(p);
    } catch (e) {
      fail(p, unreadable(e, listedInDirectory));
      return;
    }
    if (s.isDirectory()) {
      const real = await realpath(p).catch(() => p);
      if (seenDirectories.has(real)) return;
      seenDirectories.add(real);
      let entries: string[];
      try {
        entries = (await readdir(p)).sort();
      } catch (e) {
        fail(p, unreadable(e, listedInDirectory));
        return;
      }
      for (const e of entries) {
        const child = join(p, e);
        const cs = await stat(child).catch((err: unknown) => err);
        if (!(cs instanceof Stats)) {
          // Only report the broken link when it looks like a document (or is a link at all).
          if (DOCUMENT_FILE.test(e) || (await lstat(child).catch(() => undefined))?.isSymbolicLink() === true) fail(child, unreadable(cs, true));
          continue;
        }
        if (cs.isDirectory() || DOCUMENT_FILE.test(e)) await walk(child, true);
      }
      return;
    }
    if (!s.isFile()) {
      fail(p, '不是普通文件');
      return;
    }
    files.add(p);
  };
  for (const p of paths) await walk(p, false);
  return { files: [...files].sort(), missing, problems };
};

const STATUS_WORDS: Readonly<Record<ImportOutcome['status'], string>> = {
  created: '新建 created',
  'new-version': '新版本 new-version',
  unchanged: '未变 unchanged',
  rejected: '未识别 rejected',
};

const KIND_WORDS: Readonly<Record<string, string>> = {
  'budget-disclosure': '部门预算',
  'performance-declaration': '绩效目标申报表',
};

/** One progress line: `新建 created #3 v1 上海市松江区数据局 2025 部门预算  核对：错误 0，警告 2，提示 1  ← file.txt`. */
export const describeFileImport = (r: FileImportResult): string => {
  const file = basename(r.path);
  if (r.error !== undefined) return `失败 failed ${file}：${r.error}`;
  const o = r.outcome;
  if (o === undefined) return `失败 failed ${file}`;
  if (o.status === 'rejected' || o.document === undefined) {
    const first = o.diagnostics.find((d) => d.severity === 'error') ?? o.diagnostics[0];
    return `${STATUS_WORDS.rejected} ${file}：不是可识别的部门预算或绩效目标申报表${first !== undefined ? `（${first.code}：${first.message}）` : ''}`;
  }
  const d = o.document;
  const count = (s: string) => o.findings.filter((f) => f.severity === s).length;
  const diagnosticErrors = o.diagnostics.filter((x) => x.severity === 'error').length;
  return [
    STATUS_WORDS[o.status],
    `#${d.documentId} v${d.version}`,
    `${d.department} ${d.year ?? '（年度不明）'} ${KIND_WORDS[d.kind] ?? d.kind}`,
    ` 核对：错误 ${count('error')}，警告 ${count('warning')}，提示 ${count('info')}`,
    diagnosticErrors > 0 ? ` 读取问题 ${diagnosticErrors}` : '',
    ` ← ${file}`,
  ].join(' ');
};

export interface ImportFilesOptions {
  /**
   * Read the next `count` files ahead with `parse` (a worker pool's), so reading uses every core
   * while checking and storing stay in file order (versions and cross-year checks as if one by one).
   */
  readonly readAhead?: { readonly parse: (text: string) => Promise<ParsedDocument>; readonly count: number };
}

interface ReadFile {
  readonly text?: string;
  /** For a PDF: the file itself and its line map, stored with the document. */
  readonly source?: DocumentSourceFile;
  readonly lineMap?: readonly LineOrigin[];
  readonly error?: unknown;
  readonly parsed?: Promise<ParsedDocument>;
}

/**
 * A file's text for the store: a PDF (recognised by its `%PDF-` header) is read from its pages; its
 * text rendering is read, and the PDF itself and its line map are stored with the document; a PDF
 * that cannot be read throws its clear error, so nothing is stored. Anything else goes through the
 * one decoder the API uses.
 */
const importText = async (bytes: Buffer): Promise<{ text: string; source?: DocumentSourceFile; lineMap?: readonly LineOrigin[] }> => {
  if (!isPdf(bytes)) return { text: decodeDocumentText(bytes).text };
  const r = await parsePdfDocument(bytes);
  const error = r.diagnostics.find((d) => d.severity === 'error' && d.code.startsWith('pdf-'));
  if (error || r.text === undefined) throw new Error(error?.message ?? 'PDF 无法读取');
  return { text: r.text, source: { bytes, mediaType: 'application/pdf' }, ...(r.lines !== undefined ? { lineMap: r.lines } : {}) };
};

export const importFiles = async (
  store: BudgetStore,
  paths: readonly string[],
  progress: (line: string) => void = () => undefined,
  options: ImportFilesOptions = {},
): Promise<ImportSummary> => {
  const { files, missing, problems } = await collectDocumentFiles(paths);
  const results: FileImportResult[] = missing.map((p) => ({ path: p, error: problems.get(p) ?? '文件或目录不存在' }));
  for (const r of results) progress(describeFileImport(r));
  const ahead = options.readAhead;
  const reading = new Map<number, Promise<ReadFile>>();
  const read = (i: number): Promise<ReadFile> => {
    const path = files[i];
    if (path === undefined) return Promise.resolve({});
    let r = reading.get(i);
    if (r === undefined) {
      r = readFile(path).then(
        async (bytes) => {
          const file = await importText(bytes);
          if (ahead === undefined) return file;
          const parsed = ahead.parse(file.text);
          // Awaited (and its failure reported) when this file's turn comes; never unhandled meanwhile.
          parsed.catch(() => undefined);
          return { ...file, parsed };
        },
        (error: unknown) => ({ error }),
      ).catch((error: unknown) => ({ error }));
      reading.set(i, r);
    }
    return r;
  };
  for (let i = 0; i < files.length; i++) {
    const path = files[i] as string;
    for (let j = i; j < Math.min(files.length, i + Math.max(1, ahead?.count ?? 1)); j++) void read(j);
    const got = await read(i);
    reading.delete(i);
    let result: FileImportResult;
    try {
      if (got.error !== undefined || got.text === undefined) throw got.error;
      result = {
        path,
        outcome: await store.importDocument(got.text, {
          sourceName: basename(path),
          ...(got.parsed !== undefined ? { parsed: got.parsed } : {}),
          ...(got.source !== undefined ? { source: got.source } : {}),
          ...(got.lineMap !== undefined ? { lineMap: got.lineMap } : {}),
        }),
      };
    } catch (e) {
      result = { path, error: e instanceof Error ? e.message : String(e) };
    }
    results.push(result);
    progress(describeFileImport(result));
  }
  if (results.some((r) => r.outcome?.created === true)) await store.optimize();
  const status = (s: ImportOutcome['status']) => results.filter((r) => r.outcome?.status === s).length;
  return {
    results,
    created: status('created'),
    newVersions: status('new-version'),
    unchanged: status('unchanged'),
    failed: results.filter((r) => r.error !== undefined || r.outcome?.status === 'rejected').length,
  };
};
