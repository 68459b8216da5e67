/**
 * `yusuan` — read, check, store and serve budget disclosures.
 * Each subcommand lives in `commands/<name>.ts` and registers itself on the program.
 */
import { Command } from 'commander';
import { registerParseCommand } from './commands/parse.ts';
import { registerExportCommand } from './commands/export.ts';
import { registerCheckCommand } from './commands/check.ts';
import { registerStoreCommands } from './commands/store.ts';

export const buildProgram = (): Command => {
  const program = new Command()
    .name('yusuan')
    .description('读取、核对、存储和展示部门预算公开文件 (budget disclosures and performance-target declarations)')
    .version('0.1.0')
    .showHelpAfterError();
  registerParseCommand(program);
  registerExportCommand(program);
  registerCheckCommand(program);
  registerStoreCommands(program);
  return program;
};

const isMain = process.argv[1] !== undefined && /(?:main\.ts|yusuan(?:\.js)?)$/.test(process.argv[1]);
if (isMain) {
  await buildProgram().parseAsync(process.argv);
}
