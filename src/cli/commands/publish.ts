/**
 * `yusuan export … --format html|pdf|xlsx|fdp`: the official document and open data, from a file or
 * from the store.
 *
 * - `yusuan export FILE --format html [--out PAGE.html] [--findings]` (stdout without --out);
 * - `yusuan export FILE --format xlsx|pdf --out PATH` (binary: --out, or stdout when it is not a terminal);
 * - `yusuan export FILE --format fdp --out DIR` writes DIR/datapackage.json and DIR/budget-figures.csv;
 * - `--document ID` instead of FILE exports a stored document (`--sqlite` / `--database-url`);
 * - `yusuan export --format fdp --all --out DIR` streams every latest budget disclosure in the store
 *   into one package.
 *
 * Exit status as for `parse`: 0, 1 when the file read had error diagnostics (the document is still
 * rendered as printed), 2 for input the command cannot use (and 3 when no browser can print a PDF).
 */
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { z } from 'zod';
import { hasErrors, type BudgetDisclosure, type Finding, type PerformanceDeclaration } from '#domain/index.ts';
import { checkDocuments } from '#checks/index.ts';
import { renderPublishedHtml } from '#render/publish/index.ts';
import { renderXlsx } from '#render/publish/xlsx.ts';
import { FDP_CSV_PATH, FdpCsvWriter, dataPackageDescriptor } from '#render/publish/fdp.ts';
import { PdfRenderer, PdfUnavailableError } from '#render/publish/pdf.ts';
import { EXIT_DIAGNOSTIC_ERRORS, EXIT_INPUT, EXIT_OK, readParsedOrReport } from './document-input.ts';
import { CliFailure } from './failure.ts';
import { flagsOrFail, openFromFlags, storeFlags } from './store.ts';
import { formatDiagnostics } from './parse.ts';

export const EXIT_NO_BROWSER = 3;

export type PublishCliFormat = 'html' | 'pdf' | 'xlsx' | 'fdp';

const publishFlags = storeFlags.extend({
  out: z.string().min(1).optional(),
  document: z.coerce.number({ message: '--document 应为文件编号' }).int().positive().optional(),
  all: z.boolean().optional(),
  findings: z.boolean().optional(),
});

type Doc = BudgetDisclosure | PerformanceDeclaration;

const writeOut = (out: string | undefined, data: string | Buffer, binary: boolean): void => {
  if (out !== undefined) {
    writeFileSync(out, data);
    process.stderr.write(`已写入 ${out}\n`);
    return;
  }
  if (binary && process.stdout.isTTY) throw new CliFailure('二进制格式请用 --out 指定输出文件（或重定向标准输出）/ use --out for a binary format', EXIT_INPUT);
  process.stdout.write(data);
};

const writeFdp = async (dir: string, docs: AsyncIterable<BudgetDisclosure> | Iterable<BudgetDisclosure>): Promise<{ rows: number; documents: number }> => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'datapackage.json'), `${JSON.stringify(dataPackageDescriptor(), null, 2)}\n`);
  const stream = createWriteStream(join(dir, FDP_CSV_PATH));
  const writer = new FdpCsvWriter(async (chunk) => {
    if (!stream.write(chunk)) await once(stream, 'drain');
  });
  for await (const d of docs) await writer.add(d);
  await writer.end();
  stream.end();
  await once(stream, 'finish');
  process.stderr.write(`已写入 ${dir}：datapackage.json 与 ${FDP_CSV_PATH}（${writer.documents} 个文件，${writer.rows} 行）\n`);
  return { rows: writer.rows, documents: writer.documents };
};

const render = async (doc: Doc, format: PublishCliFormat, out: string | undefined, findings: readonly Finding[] | undefined): Promise<void> => {
  switch (format) {
    case 'html':
      writeOut(out, renderPublishedHtml(doc, findings ? { findings } : {}), false);
      return;
    case 'xlsx':
      writeOut(out, await renderXlsx(doc), true);
      return;
    case 'pdf': {
      const renderer = new PdfRenderer();
      try {
        writeOut(out, await renderer.render(renderPublishedHtml(doc, findings ? { findings } : {})), true);
      } catch (e) {
        if (e instanceof PdfUnavailableError) throw new CliFailure(e.message, EXIT_NO_BROWSER);
        throw e;
      } finally {
        await renderer.close();
      }
      return;
    }
    case 'fdp':
      if (doc.kind !== 'budget-disclosure') throw new CliFailure('开放数据（fdp）只导出部门预算的表格数据；绩效目标申报表请用 --format xlsx 或 html', EXIT_INPUT);
      if (out === undefined) throw new CliFailure('--format fdp 需要 --out 目录 / fdp needs --out DIR', EXIT_INPUT);
      await writeFdp(out, [doc]);
      return;
  }
};

export const runPublishExport = async (file: string | undefined, format: PublishCliFormat, options: Record<string, unknown>): Promise<number> => {
  const flags = flagsOrFail(publishFlags, options);
  if (file !== undefined && (flags.document !== undefined || flags.all)) throw new CliFailure('请只指定一个来源：FILE、--document 或 --all', EXIT_INPUT);
  if (file === undefined && flags.document === undefined && !flags.all) throw new CliFailure('请指定 FILE，或用 --document ID 导出数据库中的文件（fdp 可用 --all 导出整个数据库）', EXIT_INPUT);

  if (file !== undefined) {
    const read = await readParsedOrReport(file);
    if (read === undefined) return EXIT_INPUT;
    const { parsed, text } = read;
    if (parsed.diagnostics.length > 0) process.stderr.write(`${formatDiagnostics(parsed.diagnostics).join('\n')}\n`);
    if (parsed.kind === 'unknown') return EXIT_INPUT;
    const findings = flags.findings
      ? checkDocuments([
          parsed.kind === 'budget-disclosure'
            ? { kind: parsed.kind, document: parsed.document, text, diagnostics: parsed.diagnostics }
            : { kind: parsed.kind, document: parsed.document, text, diagnostics: parsed.diagnostics },
        ])
      : undefined;
    await render(parsed.document, format, flags.out, findings);
    return hasErrors(parsed.diagnostics) ? EXIT_DIAGNOSTIC_ERRORS : EXIT_OK;
  }

  const store = await openFromFlags(flags, undefined);
  try {
    if (flags.all) {
      if (format !== 'fdp') throw new CliFailure('--all 只用于 --format fdp（整个数据库的开放数据）', EXIT_INPUT);
      if (flags.out === undefined) throw new CliFailure('--format fdp 需要 --out 目录 / fdp needs --out DIR', EXIT_INPUT);
      await writeFdp(flags.out, storedBudgets(store));
      return EXIT_OK;
    }
    const detail = await store.getDocument(flags.document ?? 0);
    if (detail === undefined) throw new CliFailure(`数据库中没有编号为 ${flags.document} 的文件`, EXIT_INPUT);
    await render(detail.model, format, flags.out, flags.findings ? detail.findings : undefined);
    return EXIT_OK;
  } finally {
    await store.close();
  }
};

/** Every department's latest budget disclosure, one at a time (never all models in memory). */
export async function* storedBudgets(store: Awaited<ReturnType<typeof openFromFlags>>): AsyncGenerator<BudgetDisclosure> {
  for (const dep of await store.listDepartments()) {
    for (const y of dep.years) {
      if (y.kind !== 'budget-disclosure') continue;
      const detail = await store.getDocument(y.documentId);
      if (detail?.model.kind === 'budget-disclosure') yield detail.model;
    }
  }
}
