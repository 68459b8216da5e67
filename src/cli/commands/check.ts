/**
 * `yusuan check FILE… [--format text|json|html] [--prior FILE]`: read each file, check them
 * together (consecutive years of one department are paired automatically; `--prior` names last
 * year's file explicitly), print the findings. Exit 1 when any error-severity finding exists,
 * 0 otherwise, 2 for unreadable or unrecognised files and usage errors.
 */
import { checkDocuments, type CheckSubject } from '#checks/index.ts';
import type { Finding } from '#domain/index.ts';
import { locateFindings, type LineOrigin } from '#ingest/pdf/index.ts';
import { renderFindingsHtml, renderFindingsJson, renderFindingsText } from '#render/findings.ts';
import { EXIT_DIAGNOSTIC_ERRORS, EXIT_INPUT, EXIT_OK, InputError, readParsedDocument } from './document-input.ts';

export type CheckFormat = 'text' | 'json' | 'html';
const FORMATS: readonly CheckFormat[] = ['text', 'json', 'html'];

export interface CheckOptions {
  readonly format?: string;
  readonly prior?: string;
}

/** Line maps of the files read from PDFs, so that their findings carry page and box. */
const pdfLines = new Map<string, readonly LineOrigin[]>();

/** Read and parse one file into a subject; throws InputError when it cannot be read or recognised. */
const subjectFor = async (file: string, extra: Partial<Pick<CheckSubject, 'referenceOnly' | 'priorName'>> = {}): Promise<CheckSubject> => {
  const { text, parsed, lines } = await readParsedDocument(file);
  if (lines) pdfLines.set(file, lines);
  const why = parsed.diagnostics.find((d) => d.code.startsWith('pdf-') && d.severity === 'error');
  if (why) throw new InputError(`${file}：${why.message}`);
  if (parsed.kind === 'unknown') throw new InputError(`无法识别文件类型：${file}（不是部门预算公开文件或绩效目标申报表）/ not a recognised document: ${file}`);
  const base = { name: file, text, diagnostics: parsed.diagnostics, ...extra };
  return parsed.kind === 'budget-disclosure'
    ? { kind: 'budget-disclosure', document: parsed.document, ...base }
    : { kind: 'performance-declaration', document: parsed.document, ...base };
};

export const renderFindings = (findings: readonly Finding[], format: CheckFormat, documents: readonly string[]): string =>
  format === 'json' ? renderFindingsJson(findings) : format === 'html' ? renderFindingsHtml(findings, documents) : renderFindingsText(findings, documents);

export const runCheck = async (files: readonly string[], opts: CheckOptions): Promise<number> => {
  const format = (opts.format ?? 'text') as CheckFormat;
  if (!FORMATS.includes(format)) {
    process.stderr.write(`未知的输出格式 ${opts.format}（可用：${FORMATS.join(', ')}）/ unknown format\n`);
    return EXIT_INPUT;
  }
  if (files.length === 0) {
    process.stderr.write('请至少指定一个文件 / at least one FILE is required\n');
    return EXIT_INPUT;
  }
  if (opts.prior !== undefined && files.length !== 1) {
    process.stderr.write('--prior 只能与一个文件一起使用 / --prior takes exactly one FILE\n');
    return EXIT_INPUT;
  }
  const subjects: CheckSubject[] = [];
  try {
    for (const file of files) subjects.push(await subjectFor(file, opts.prior !== undefined ? { priorName: opts.prior } : {}));
    if (opts.prior !== undefined) subjects.push(await subjectFor(opts.prior, { referenceOnly: true }));
  } catch (e) {
    process.stderr.write(`${e instanceof InputError ? e.message : String(e)}\n`);
    return EXIT_INPUT;
  }
  const findings = locateFindings(checkDocuments(subjects), (d) => (d === undefined ? undefined : pdfLines.get(d)));
  process.stdout.write(renderFindings(findings, format, files));
  return findings.some((f) => f.severity === 'error') ? EXIT_DIAGNOSTIC_ERRORS : EXIT_OK;
};
