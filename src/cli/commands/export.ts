/**
 * `yusuan export FILE --format csv --what cells|projects|indicators`: flat rows for analysts,
 * written from the neutral export view. Diagnostics go to stderr; the exit status is as for
 * `parse` (0 clean, 1 with error diagnostics, 2 unreadable file or an export the kind lacks).
 */
import { hasErrors } from '#domain/index.ts';
import { renderCsv } from '#render/csv.ts';
import { exportView, type ExportWhat } from '#render/export-view.ts';
import { EXIT_DIAGNOSTIC_ERRORS, EXIT_INPUT, EXIT_OK, readParsedOrReport } from './document-input.ts';
import { formatDiagnostics } from './parse.ts';

export interface ExportOptions {
  readonly format: 'csv';
  readonly what: ExportWhat;
}

export const runExport = async (file: string, opts: ExportOptions): Promise<number> => {
  const read = await readParsedOrReport(file);
  if (read === undefined) return EXIT_INPUT;
  const { parsed } = read;
  if (parsed.diagnostics.length > 0) process.stderr.write(`${formatDiagnostics(parsed.diagnostics).join('\n')}\n`);
  if (parsed.kind === 'unknown') return EXIT_INPUT;
  const view = exportView(parsed.kind === 'budget-disclosure' ? { kind: parsed.kind, document: parsed.document } : { kind: parsed.kind, document: parsed.document }, opts.what);
  if (!view) {
    process.stderr.write(`此类文件没有「${opts.what}」可导出 (a ${parsed.kind} has no ${opts.what} to export)\n`);
    return EXIT_INPUT;
  }
  process.stdout.write(renderCsv(view));
  return hasErrors(parsed.diagnostics) ? EXIT_DIAGNOSTIC_ERRORS : EXIT_OK;
};
