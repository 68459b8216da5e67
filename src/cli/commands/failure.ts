/**
 * How a CLI run that cannot go on ends: one line on stderr and a documented exit status
 * (docs/cli.md), never a stack trace. Errors we did not foresee still end as one line.
 */
import { EXIT_INPUT } from './document-input.ts';

/** A failure with a message for people and the exit status it stands for. */
export class CliFailure extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT_INPUT,
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}

const ERRNO_WORDS: Readonly<Record<string, string>> = {
  ENOENT: '不存在',
  EACCES: '没有权限',
  EPERM: '不允许',
  ENOTDIR: '路径中有一部分不是目录',
  EISDIR: '是目录',
  ELOOP: '符号链接循环',
  EROFS: '只读文件系统',
  ENOSPC: '磁盘已满',
  ECONNREFUSED: '连接被拒绝',
  ENOTFOUND: '找不到主机',
  ETIMEDOUT: '连接超时',
  EHOSTUNREACH: '主机不可达',
};

/** `ENOENT（不存在）` for an errno error, else the message's first line. */
export const describeCause = (e: unknown): string => {
  if (e instanceof AggregateError && e.errors.length > 0) return describeCause(e.errors[0]);
  if (e instanceof Error) {
    const code = (e as NodeJS.ErrnoException).code;
    const first = (e.message.split('\n')[0] ?? '').trim();
    if (typeof code === 'string' && ERRNO_WORDS[code] !== undefined) return `${code}（${ERRNO_WORDS[code]}）${first !== '' && !first.includes(code) ? `：${first}` : ''}`;
    return first !== '' ? first : e.name;
  }
  return String(e).split('\n')[0] ?? '';
};

/** The one line and status for any error that reaches the top of the CLI. */
export const failureLine = (e: unknown): { line: string; exitCode: number } =>
  e instanceof CliFailure
    ? { line: e.message, exitCode: e.exitCode }
    : { line: `yusuan：意外错误 / unexpected error: ${describeCause(e)}`, exitCode: 1 };
