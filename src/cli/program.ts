/**
 * The `yusuan` command line: every subcommand's arguments and options. Each action loads its
 * implementation (`commands/<name>.ts`) only when it runs, so `yusuan --help` loads commander and
 * nothing else.
 */
import { Command, Option } from 'commander';
import { DEFAULT_SQLITE_PATH } from '#store/defaults.ts';

const withDatabaseOptions = (c: Command): Command =>
  c
    .option('--database-url <url>', 'PostgreSQL 连接串（缺省取环境变量 DATABASE_URL；都没有时用 SQLite）', process.env['DATABASE_URL'])
    .option('--sqlite <path>', 'SQLite 数据库文件', DEFAULT_SQLITE_PATH);

export const buildProgram = (): Command => {
  const program = new Command()
    .name('yusuan')
    .description('读取、核对、存储和展示部门预算公开文件 (budget disclosures and performance-target declarations)')
    .version('0.1.0')
    .showHelpAfterError();

  program
    .command('parse')
    .description('读取一个文件并报告读到的内容 (read a document; `-` reads stdin)')
    .argument('<file>', '文件路径，或 - 表示标准输入 (path, or - for stdin)')
    .option('--json', '输出完整模型（金额为整数分）和诊断 (print the whole model, money in integer 分, and diagnostics)')
    .action(async (file: string, opts: { json?: boolean }) => {
      const { runParse } = await import('./commands/parse.ts');
      process.exitCode = await runParse(file, opts);
    });

  withDatabaseOptions(
    program
      .command('export')
      .description('导出：CSV（表格单元格、项目或绩效指标），正式公开文件 HTML / PDF / XLSX，开放数据 fdp（Fiscal Data Package）')
      .argument('[file]', '文件路径，或 - 表示标准输入；用 --document 时省略 (path, or - for stdin)')
      .addOption(new Option('--format <format>', '输出格式 (output format)').choices(['csv', 'html', 'pdf', 'xlsx', 'fdp']).default('csv'))
      .addOption(new Option('--what <what>', 'CSV 导出内容 (what to export as CSV)').choices(['cells', 'projects', 'indicators']).default('cells'))
      .option('--out <path>', '输出文件（fdp 为目录）；html/csv 缺省写到标准输出')
      .option('--document <id>', '导出数据库中编号为 ID 的文件（而不是 FILE）')
      .option('--all', 'fdp：导出数据库中每个部门年度的最新部门预算')
      .option('--findings', 'html/pdf：附上检查发现作为附录（数字不作任何修改）'),
  ).action(async (file: string | undefined, opts: { format: 'csv' | 'html' | 'pdf' | 'xlsx' | 'fdp'; what: 'cells' | 'projects' | 'indicators' } & Record<string, unknown>) => {
    if (opts.format === 'csv' && file !== undefined && opts['document'] === undefined && opts['all'] === undefined) {
      const { runExport } = await import('./commands/export.ts');
      process.exitCode = await runExport(file, { format: 'csv', what: opts.what });
      return;
    }
    const { runPublishExport } = await import('./commands/publish.ts');
    if (opts.format === 'csv') {
      const { CliFailure } = await import('./commands/failure.ts');
      throw new CliFailure('CSV 导出需要 FILE；数据库中的文件请用网页或 API 的 export.csv，或 --format fdp', 2);
    }
    process.exitCode = await runPublishExport(file, opts.format, opts);
  });

  program
    .command('check')
    .description('核对一个或多个文件：表内、表间、说明与表、项目、绩效指标、科目、文字和跨年度规则 (check documents)')
    .argument('<files...>', '文件路径 (paths; several files of one department and consecutive years are compared)')
    .option('--format <format>', '输出格式 text | json | html (output format)', 'text')
    .option('--prior <file>', '上一年度的同一部门文件，用于跨年度核对 (last year’s document of the same department)')
    .action(async (files: string[], opts: { format?: string; prior?: string }) => {
      const { runCheck } = await import('./commands/check.ts');
      process.exitCode = await runCheck(files, opts);
    });

  withDatabaseOptions(
    program
      .command('import')
      .description('导入文本文件（.txt）或目录：解析、核对、存储；同一文本不重复存储，同一部门年度的新文本存为新版本')
      .argument('<paths...>', '文件或目录'),
  ).action(async (paths: string[], options: Record<string, unknown>) => {
    const { runImport } = await import('./commands/store.ts');
    process.exitCode = await runImport(paths, options);
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
    const { runServe } = await import('./commands/store.ts');
    await runServe(options);
  });

  const user = program.command('user').description('账号：新建、列出 (accounts: add, list)');
  withDatabaseOptions(
    user
      .command('add')
      .description('新建用户；密码取自环境变量 YUSUAN_PASSWORD、标准输入第一行，或在终端提示输入（不回显），从不作为参数')
      .requiredOption('--name <name>', '用户名（登录用）')
      .addOption(new Option('--role <role>', '角色').choices(['editor', 'reviewer', 'admin']).makeOptionMandatory())
      .option('--department <name-or-id...>', '负责的部门（名称或编号，可多个；审核人员可用 all）')
      .option('--display-name <name>', '显示名'),
  ).action(async (options: Record<string, unknown>) => {
    const { runUserAdd } = await import('./commands/user.ts');
    process.exitCode = await runUserAdd(options);
  });
  withDatabaseOptions(user.command('list').description('列出用户（编号、用户名、角色、部门、状态）')).action(async (options: Record<string, unknown>) => {
    const { runUserList } = await import('./commands/user.ts');
    process.exitCode = await runUserList(options);
  });

  return program;
};
