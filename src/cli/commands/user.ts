/**
 * `yusuan user add` / `yusuan user list`: accounts from the command line, where the first admin
 * comes from. The password is never an argument (it would sit in shell history and `ps`): it is
 * read from $YUSUAN_PASSWORD, or from the first line of standard input, or asked for at a terminal
 * without echo.
 */
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { isRole, ROLE_LABELS } from '#domain/workflow.ts';
import type { DepartmentScope } from '#domain/access.ts';
import { AccountError, AccountStore } from '#store/accounts.ts';
import { SYSTEM_ACTOR } from '#store/audit.ts';
import { DEFAULT_SQLITE_PATH } from '#store/defaults.ts';
import { openStore } from '#store/store.ts';
import type { BudgetStore } from '#store/store.ts';
import { EXIT_INPUT } from './document-input.ts';
import { CliFailure, describeCause } from './failure.ts';

const flagsSchema = z.object({
  databaseUrl: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^postgres(?:ql)?:\/\//, { message: '--database-url 应为 postgres://… 形式' }).optional()),
  sqlite: z.string().min(1).default(DEFAULT_SQLITE_PATH),
});

const open = async (options: Record<string, unknown>): Promise<BudgetStore> => {
  const r = flagsSchema.safeParse(options);
  if (!r.success) throw new CliFailure(r.error.issues.map((i) => `参数错误：${i.path.join('.')} ${i.message}`).join('；'), EXIT_INPUT);
  const flags = r.data;
  try {
    return await openStore({ ...(flags.databaseUrl !== undefined ? { databaseUrl: flags.databaseUrl } : { sqlitePath: flags.sqlite }), log: (line) => console.error(line) });
  } catch (e) {
    throw new CliFailure(`无法打开数据库：${describeCause(e)}`, EXIT_INPUT);
  }
};

/** The password: $YUSUAN_PASSWORD, else stdin's first line (piped), else a prompt without echo. */
export const readPassword = async (input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin): Promise<string> => {
  const fromEnv = process.env['YUSUAN_PASSWORD'];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (input.isTTY === true) {
    process.stderr.write('密码（不回显）：');
    const rl = createInterface({ input, output: process.stderr, terminal: true });
    // Echo nothing while typing.
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
    const answer = await new Promise<string>((resolve) => rl.question('', resolve));
    rl.close();
    process.stderr.write('\n');
    return answer;
  }
  let text = '';
  for await (const chunk of input) {
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    if (text.includes('\n')) break;
  }
  return (text.split(/\r?\n/)[0] ?? '').replace(/\r$/, '');
};

/** Department names or ids → ids ('all' stays all). */
const resolveDepartments = async (store: BudgetStore, given: readonly string[]): Promise<DepartmentScope> => {
  if (given.length === 0) return [];
  if (given.includes('all')) return 'all';
  const ids: number[] = [];
  for (const g of given) {
    const rows = /^\d+$/.test(g)
      ? await store.db.selectFrom('departments').select(['id', 'name', 'district']).where('id', '=', Number(g)).execute()
      : await store.db.selectFrom('departments').select(['id', 'name', 'district']).where('name', '=', g).execute();
    if (rows.length === 0) throw new CliFailure(`没有部门“${g}”：请先导入该部门的文件，或用部门编号（见 /api/departments）。`, EXIT_INPUT);
    if (rows.length > 1) throw new CliFailure(`“${g}”对应多个部门（${rows.map((r) => `${r.id} ${r.district}${r.name}`).join('、')}）：请用部门编号。`, EXIT_INPUT);
    ids.push(rows[0]!.id);
  }
  return ids;
};

export const runUserAdd = async (options: Record<string, unknown> & { name?: string; role?: string; department?: string[]; displayName?: string }): Promise<number> => {
  const role = options.role ?? '';
  if (!isRole(role)) throw new CliFailure('--role 只能是 editor、reviewer 或 admin', EXIT_INPUT);
  if (options.name === undefined) throw new CliFailure('请用 --name 给出用户名', EXIT_INPUT);
  const password = await readPassword();
  const store = await open(options);
  try {
    const departments = role === 'admin' ? 'all' : await resolveDepartments(store, options.department ?? []);
    const user = await new AccountStore(store.db).createUser(
      { name: options.name, role, departments, password, ...(options.displayName !== undefined ? { displayName: options.displayName } : {}) },
      SYSTEM_ACTOR,
    );
    const scope = user.departments === 'all' ? '全部部门' : `部门 ${user.departments.join('、')}`;
    console.error(`已新建用户 ${user.name}（${ROLE_LABELS[user.role]}，${scope}），编号 ${user.userId}`);
    return 0;
  } catch (e) {
    if (e instanceof AccountError) throw new CliFailure(e.message, EXIT_INPUT);
    throw e;
  } finally {
    await store.close();
  }
};

export const runUserList = async (options: Record<string, unknown>): Promise<number> => {
  const store = await open(options);
  try {
    for (const u of await new AccountStore(store.db).listUsers()) {
      const scope = u.departments === 'all' ? 'all' : u.departments.join(',');
      console.log([u.userId, u.name, u.role, scope, u.disabled ? 'disabled' : 'active'].join('\t'));
    }
    return 0;
  } finally {
    await store.close();
  }
};
