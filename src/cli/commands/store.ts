/**
 * `yusuan import FILE|DIR…` and `yusuan serve`: the store and the web server from the command line.
 * SQLite at ./data/yusuan.sqlite by default; PostgreSQL when --database-url (or DATABASE_URL) is set.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { DEFAULT_SQLITE_PATH } from '#store/dialect.ts';
import { importFiles } from '#store/import-files.ts';
import type { ImportSummary } from '#store/import-files.ts';
import { openStore } from '#store/store.ts';
import { buildServer } from '#server/app.ts';

const storeFlags = z.object({
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

const flagsOrExit = <S extends z.ZodType>(schema: S, value: unknown): z.output<S> => {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  for (const issue of r.error.issues) console.error(`参数错误：${issue.path.join('.')} ${issue.message}`);
  process.exit(2);
};

const openFromFlags = (flags: z.output<typeof storeFlags>) =>
  openStore({
    ...(flags.databaseUrl !== undefined ? { databaseUrl: flags.databaseUrl } : { sqlitePath: flags.sqlite }),
    log: (line) => console.error(line),
  });

const summaryLine = (s: ImportSummary): string =>
  `共 ${s.results.length} 个文件：新建 ${s.created}，新版本 ${s.newVersions}，未变 ${s.unchanged}，失败或未识别 ${s.failed}`;

const withDatabaseOptions = (c: Command): Command =>
  c
    .option('--database-url <url>', 'PostgreSQL 连接串（缺省取环境变量 DATABASE_URL；都没有时用 SQLite）', process.env['DATABASE_URL'])
    .option('--sqlite <path>', 'SQLite 数据库文件', DEFAULT_SQLITE_PATH);

export const registerStoreCommands = (program: Command): void => {
  withDatabaseOptions(
    program
      .command('import')
      .description('导入文本文件（.txt）或目录：解析、核对、存储；同一文本不重复存储，同一部门年度的新文本存为新版本')
      .argument('<paths...>', '文件或目录'),
  ).action(async (paths: string[], options: Record<string, unknown>) => {
    const flags = flagsOrExit(storeFlags, options);
    const store = await openFromFlags(flags);
    try {
      console.error(`数据库：${store.description}`);
      const summary = await importFiles(store, paths, (line) => console.log(line));
      console.error(summaryLine(summary));
      if (summary.failed > 0 || summary.results.length === 0) process.exitCode = 1;
    } finally {
      await store.close();
    }
  });

  withDatabaseOptions(
    program
      .command('serve')
      .description('启动网页与 API 服务（可先导入一个目录）')
      .option('--port <port>', '端口', '3000')
      .option('--host <host>', '监听地址', '127.0.0.1')
      .option('--import <dir>', '启动前先导入的目录或文件')
      .option('--upload-limit-mb <mb>', '上传大小上限（MB）', process.env['YUSUAN_UPLOAD_LIMIT_MB'] ?? '5'),
  ).action(async (options: Record<string, unknown>) => {
    const flags = flagsOrExit(serveFlags, options);
    const store = await openFromFlags(flags);
    console.error(`数据库：${store.description}`);
    if (flags.import !== undefined) {
      const summary = await importFiles(store, [flags.import], (line) => console.log(line));
      console.error(summaryLine(summary));
    }
    const app = await buildServer({ store, uploadLimitBytes: Math.round(flags.uploadLimitMb * 1024 * 1024), logger: false });
    const stop = async () => {
      await app.close();
      await store.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void stop());
    process.once('SIGTERM', () => void stop());
    const address = await app.listen({ port: flags.port, host: flags.host });
    console.error(`服务已启动：${address}（按 Ctrl+C 停止）`);
  });
};
