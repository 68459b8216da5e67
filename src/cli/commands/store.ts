/**
 * `yusuan import FILE|DIR…` and `yusuan serve`: the store and the web server from the command line.
 * SQLite at ./data/yusuan.sqlite by default; PostgreSQL when --database-url (or DATABASE_URL) is set.
 */
import { z } from 'zod';
import { DEFAULT_SQLITE_PATH } from '#store/defaults.ts';
import { importFiles } from '#store/import-files.ts';
import type { ImportSummary } from '#store/import-files.ts';
import { openStore } from '#store/store.ts';
import type { BudgetStore } from '#store/store.ts';
import { buildServer } from '#server/app.ts';
import { EXIT_DIAGNOSTIC_ERRORS, EXIT_INPUT } from './document-input.ts';
import { CliFailure, describeCause } from './failure.ts';
import { documentWorkerPool, type DocumentWorkerPool } from '#store/worker-pool.ts';

export const storeFlags = z.object({
  // An empty DATABASE_URL means "not set".
  databaseUrl: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .regex(/^postgres(?:ql)?:\/\//, { message: '--database-url 应为 postgres://… 形式' })
      .optional(),
  ),
  sqlite: z.string().min(1).default(DEFAULT_SQLITE_PATH),
});

const serveFlags = storeFlags.extend({
  port: z.coerce.number({ message: '--port 应为端口号' }).int().min(0).max(65535),
  host: z.string().min(1),
  import: z.string().min(1).optional(),
  uploadLimitMb: z.coerce.number({ message: '--upload-limit-mb 应为数字' }).positive().max(1024),
});

export const flagsOrFail = <S extends z.ZodType>(schema: S, value: unknown): z.output<S> => {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new CliFailure(r.error.issues.map((issue) => `参数错误：${issue.path.join('.')} ${issue.message}`).join('；'), EXIT_INPUT);
};

/** Open the store the flags name, or fail with one line saying which database and why. */
export const openFromFlags = async (flags: z.output<typeof storeFlags>, pool: DocumentWorkerPool | undefined): Promise<BudgetStore> => {
  try {
    return await openStore({
      ...(flags.databaseUrl !== undefined ? { databaseUrl: flags.databaseUrl } : { sqlitePath: flags.sqlite }),
      log: (line) => console.error(line),
      // Reading and checking run in worker threads, each document within its time and memory budget.
      ...(pool !== undefined ? { parse: pool.parse, check: pool.check } : {}),
    });
  } catch (e) {
    await pool?.close();
    const which = flags.databaseUrl !== undefined ? `PostgreSQL ${redactUrl(flags.databaseUrl)}` : `SQLite ${flags.sqlite}`;
    throw new CliFailure(`无法打开数据库 ${which}：${describeCause(e)} / cannot open the database`, EXIT_INPUT);
  }
};

/** The URL without its password, for messages. */
const redactUrl = (url: string): string => {
  try {
    const u = new URL(url);
    if (u.password !== '') u.password = '***';
    return u.toString();
  } catch {
    return '(无效的连接串)';
  }
};

const summaryLine = (s: ImportSummary): string =>
  `共 ${s.results.length} 个文件：新建 ${s.created}，新版本 ${s.newVersions}，未变 ${s.unchanged}，失败或未识别 ${s.failed}`;

const importPaths = async (store: BudgetStore, paths: readonly string[], pool: DocumentWorkerPool | undefined): Promise<ImportSummary> =>
  importFiles(store, paths, (line) => console.log(line), pool !== undefined ? { readAhead: { parse: pool.parse, count: pool.threads } } : {});

/** The worker pool, or none with YUSUAN_WORKERS=0 (read and check on the main thread, for comparison and debugging). */
const workerPoolFor = (role: 'batch' | 'server'): DocumentWorkerPool | undefined =>
  process.env['YUSUAN_WORKERS'] === '0' ? undefined : documentWorkerPool({ role });

export const runImport = async (paths: readonly string[], options: Record<string, unknown>): Promise<number> => {
  const flags = flagsOrFail(storeFlags, options);
  const pool = workerPoolFor('batch');
  const store = await openFromFlags(flags, pool);
  try {
    console.error(`数据库：${store.description}`);
    const summary = await importPaths(store, paths, pool);
    console.error(summaryLine(summary));
    return summary.failed > 0 || summary.results.length === 0 ? EXIT_DIAGNOSTIC_ERRORS : 0;
  } finally {
    await store.close();
    await pool?.close();
  }
};

export const runServe = async (options: Record<string, unknown>): Promise<void> => {
  const flags = flagsOrFail(serveFlags, options);
  const pool = workerPoolFor('server');
  const store = await openFromFlags(flags, pool);
  console.error(`数据库：${store.description}`);
  if (flags.import !== undefined) {
    const summary = await importPaths(store, [flags.import], pool);
    console.error(summaryLine(summary));
  }
  const app = await buildServer({ store, uploadLimitBytes: Math.round(flags.uploadLimitMb * 1024 * 1024) });
  const stop = async () => {
    await app.close();
    await store.close();
    await pool?.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  try {
    const address = await app.listen({ port: flags.port, host: flags.host });
    console.error(`服务已启动：${address}（按 Ctrl+C 停止）`);
  } catch (e) {
    await store.close();
    await pool?.close();
    throw new CliFailure(`无法在 ${flags.host}:${flags.port} 启动服务：${describeCause(e)}`, EXIT_INPUT);
  }
};
