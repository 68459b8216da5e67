/**
 * `yusuan` — read, check, store and serve budget disclosures. bin/yusuan.js calls `runCli`
 * (from dist/cli/main.js when built, else this source through tsx).
 *
 * Every way a run can end badly ends here as one line on stderr with the documented exit status:
 * failures the commands foresee (CliFailure), anything else, and a reader that closed the pipe
 * (`yusuan parse … | head -1`), which is not an error at all.
 */
import { buildProgram } from './program.ts';
import { failureLine } from './commands/failure.ts';

export { buildProgram };

/** Stop quietly when whoever reads our output has gone away. */
const endOnClosedPipe = (stream: NodeJS.WriteStream): void => {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    process.stderr.write(`yusuan：输出失败 / cannot write output: ${e.code ?? e.message}\n`);
    process.exit(2);
  });
};

export const runCli = async (argv: readonly string[]): Promise<void> => {
  endOnClosedPipe(process.stdout);
  const fail = (e: unknown): void => {
    const { line, exitCode } = failureLine(e);
    process.stderr.write(`${line}\n`);
    process.exit(exitCode);
  };
  // A stray rejection or throw from a library callback must still end as one line.
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  try {
    await buildProgram().parseAsync([...argv]);
  } catch (e) {
    fail(e);
  }
};

const isMain = process.argv[1] !== undefined && /cli[\\/]main\.[jt]s$/.test(process.argv[1]);
if (isMain) await runCli(process.argv);
