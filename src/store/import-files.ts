/**
 * Import files and directories of `.txt` documents into a store, one line of progress per file.
 * Used by `yusuan import` and `yusuan serve --import`.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { isPdf, parsePdfDocument } from '#ingest/pdf/index.ts';
import type { BudgetStore } from './store.ts';
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

/** Every `.txt` file under the given files and directories, sorted, each once. */
export const collectTextFiles = async (paths: readonly string[]): Promise<{ files: string[]; missing: string[] }> => {
  const files = new Set<string>();
  const missing: string[] = [];
  const walk = async (p: string): Promise<void> => {
    const s = await stat(p).catch(() => undefined);
    if (s === undefined) {
      missing.push(p);
      return;
    }
    if (s.isDirectory()) {
      const entries = (await readdir(p)).sort();
      for (const e of entries) {
        const child = join(p, e);
        const cs = await stat(child);
        if (cs.isDirectory() || e.toLowerCase().endsWith('.txt')) await walk(child);
      }
      return;
    }
    files.add(p);
  };
  for (const p of paths) await walk(p);
  return { files: [...files].sort(), missing };
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

/**
 * A file's text for the store: a PDF (recognised by its `%PDF-` header) is read from its pages and
 * its text rendering stored; a PDF that cannot be read throws its clear error, so nothing is stored.
 */
const readImportText = async (path: string): Promise<string> => {
  const bytes = await readFile(path);
  if (!isPdf(bytes)) return bytes.toString('utf8');
  const r = await parsePdfDocument(bytes);
  const error = r.diagnostics.find((d) => d.severity === 'error' && d.code.startsWith('pdf-'));
  if (error || r.text === undefined) throw new Error(error?.message ?? 'PDF 无法读取');
  return r.text;
};

export const importFiles = async (
  store: BudgetStore,
  paths: readonly string[],
  progress: (line: string) => void = () => undefined,
): Promise<ImportSummary> => {
  const { files, missing } = await collectTextFiles(paths);
  const results: FileImportResult[] = missing.map((p) => ({ path: p, error: '文件或目录不存在' }));
  for (const r of results) progress(describeFileImport(r));
  for (const path of files) {
    let result: FileImportResult;
    try {
      const text = await readImportText(path);
      result = { path, outcome: await store.importDocument(text, { sourceName: basename(path) }) };
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
