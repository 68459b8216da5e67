/**
 * Accounts and sessions. Passwords are hashed with bcrypt (bcryptjs: pure JavaScript, no native
 * build); a session is a random token whose sha256 is stored (the cookie holds the token), with
 * its own CSRF token. Sessions live in the database, so several server processes share them.
 */
import { createHash, randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import type { Kysely } from 'kysely';
import type { DepartmentScope, Principal } from '#domain/access.ts';
import { isRole } from '#domain/workflow.ts';
import type { Role } from '#domain/workflow.ts';
import { appendAudit } from './audit.ts';
import type { AuditActor } from './audit.ts';
import { isUniqueViolation } from './dialect.ts';
import type { Database } from './schema.ts';

/** bcrypt's work factor: 12 in production; tests pass a smaller one (YUSUAN_BCRYPT_COST). */
export const DEFAULT_BCRYPT_COST = 12;
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;
/** bcrypt reads at most 72 bytes: a longer password would be silently cut. */
const MAX_PASSWORD_BYTES = 72;
const MIN_PASSWORD_LENGTH = 8;

export class AccountError extends Error {
  readonly code: 'weak-password' | 'bad-name' | 'name-taken' | 'bad-role' | 'bad-departments' | 'not-found';
  constructor(code: AccountError['code'], message: string) {
    super(message);
    this.name = 'AccountError';
    this.code = code;
  }
}

export interface UserView {
  readonly userId: number;
  readonly name: string;
  readonly displayName: string;
  readonly role: Role;
  readonly departments: DepartmentScope;
  readonly disabled: boolean;
  readonly createdAt: string;
}

export interface NewUser {
  readonly name: string;
  readonly displayName?: string;
  readonly role: Role;
  readonly departments: DepartmentScope;
  readonly password: string;
}

export interface UserChange {
  readonly displayName?: string;
  readonly role?: Role;
  readonly departments?: DepartmentScope;
  readonly disabled?: boolean;
  readonly password?: string;
}

export interface Session {
  readonly token: string;
  readonly csrfToken: string;
  readonly user: UserView;
}

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');
const token = (): string => randomBytes(32).toString('base64url');

export const checkPassword = (password: string): void => {
  if ([...password].length < MIN_PASSWORD_LENGTH) throw new AccountError('weak-password', `密码至少 ${MIN_PASSWORD_LENGTH} 个字符。`);
  if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES) throw new AccountError('weak-password', `密码最多 ${MAX_PASSWORD_BYTES} 字节（约 24 个汉字或 72 个英文字符）。`);
};

const checkName = (name: string): void => {
  if (!/^[\p{L}\p{N}_.@-]{2,64}$/u.test(name)) throw new AccountError('bad-name', '用户名为 2–64 个字母、数字、汉字或 _ . @ -，不含空格。');
};

const readScope = (json: string): DepartmentScope => {
  const v = JSON.parse(json) as unknown;
  if (v === 'all') return 'all';
  return Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];
};

const viewOf = (r: { id: number; name: string; display_name: string; role: string; departments_json: string; disabled: number; created_at: string }): UserView => ({
  userId: r.id,
  name: r.name,
  displayName: r.display_name,
  role: isRole(r.role) ? r.role : 'editor',
  departments: r.role === 'admin' ? 'all' : readScope(r.departments_json),
  disabled: r.disabled !== 0,
  createdAt: r.created_at,
});

export const principalOf = (u: UserView): Principal => ({ userId: u.userId, name: u.name, role: u.role, departments: u.departments });

/** A dummy hash, so that an unknown user name costs as much time as a wrong password. */
let dummyHash: string | undefined;

export class AccountStore {
  private readonly db: Kysely<Database>;
  private readonly cost: number;
  private readonly now: () => Date;

  constructor(db: Kysely<Database>, options: { readonly bcryptCost?: number; readonly now?: () => Date } = {}) {
    this.db = db;
    const envCost = Number(process.env['YUSUAN_BCRYPT_COST']);
    this.cost = options.bcryptCost ?? (Number.isInteger(envCost) && envCost >= 4 && envCost <= 15 ? envCost : DEFAULT_BCRYPT_COST);
    this.now = options.now ?? (() => new Date());
  }

  private async checkDepartments(role: Role, departments: DepartmentScope): Promise<void> {
    if (role === 'editor' && (departments === 'all' || departments.length === 0)) {
      throw new AccountError('bad-departments', '部门编辑必须指定一个或多个部门（不能是全部部门）。');
    }
    if (departments === 'all') return;
    if (departments.length === 0 && role === 'reviewer') throw new AccountError('bad-departments', '审核人员须指定部门，或设为全部部门。');
    const found = await this.db.selectFrom('departments').select('id').where('id', 'in', [...departments]).execute();
    const missing = departments.filter((d) => !found.some((f) => f.id === d));
    if (missing.length > 0) throw new AccountError('bad-departments', `没有编号为 ${missing.join('、')} 的部门。`);
  }

  async createUser(u: NewUser, actor: AuditActor): Promise<UserView> {
    checkName(u.name);
    checkPassword(u.password);
    if (!isRole(u.role)) throw new AccountError('bad-role', '角色只能是 editor、reviewer 或 admin。');
    const departments = u.role === 'admin' ? 'all' : u.departments;
    await this.checkDepartments(u.role, departments);
    const hash = await bcrypt.hash(u.password, this.cost);
    const at = this.now().toISOString();
    try {
      return await this.db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto('users')
          .values({ name: u.name, display_name: u.displayName ?? u.name, role: u.role, departments_json: JSON.stringify(departments), password_hash: hash, created_at: at, updated_at: at })
          .returningAll()
          .executeTakeFirstOrThrow();
        const view = viewOf(row);
        // Never the password or its hash.
        await appendAudit(trx, { at, actor, action: 'user.create', entityType: 'user', entityId: row.id, before: null, after: auditUser(view) });
        return view;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw new AccountError('name-taken', `用户名“${u.name}”已被使用。`);
      throw e;
    }
  }

  async updateUser(userId: number, change: UserChange, actor: AuditActor): Promise<UserView> {
    const before = await this.getUser(userId);
    if (before === undefined) throw new AccountError('not-found', `没有编号为 ${userId} 的用户。`);
    const role = change.role ?? before.role;
    if (!isRole(role)) throw new AccountError('bad-role', '角色只能是 editor、reviewer 或 admin。');
    const departments = role === 'admin' ? 'all' : (change.departments ?? before.departments);
    await this.checkDepartments(role, departments);
    if (change.password !== undefined) checkPassword(change.password);
    // Never lock everyone out: the last enabled admin stays an enabled admin.
    if (before.role === 'admin' && !before.disabled && (role !== 'admin' || change.disabled === true)) {
      const others = await this.db.selectFrom('users').select('id').where('role', '=', 'admin').where('disabled', '=', 0).where('id', '!=', userId).executeTakeFirst();
      if (others === undefined) throw new AccountError('bad-role', '这是最后一名可用的管理员：请先新建另一名管理员，再停用或降级这一名。');
    }
    const hash = change.password !== undefined ? await bcrypt.hash(change.password, this.cost) : undefined;
    const at = this.now().toISOString();
    return this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({
          role,
          departments_json: JSON.stringify(departments),
          ...(change.displayName !== undefined ? { display_name: change.displayName } : {}),
          ...(change.disabled !== undefined ? { disabled: change.disabled ? 1 : 0 } : {}),
          ...(hash !== undefined ? { password_hash: hash } : {}),
          updated_at: at,
        })
        .where('id', '=', userId)
        .execute();
      // A disabled user, a changed password or a narrower role: their sessions end now.
      if (change.disabled === true || hash !== undefined || change.role !== undefined || change.departments !== undefined) {
        await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
      }
      const row = await trx.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow();
      const after = viewOf(row);
      await appendAudit(trx, {
        at,
        actor,
        action: 'user.update',
        entityType: 'user',
        entityId: userId,
        before: auditUser(before),
        after: { ...auditUser(after), ...(hash !== undefined ? { passwordChanged: true } : {}) },
      });
      return after;
    });
  }

  async getUser(userId: number): Promise<UserView | undefined> {
    const r = await this.db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
    return r === undefined ? undefined : viewOf(r);
  }

  async findUserByName(name: string): Promise<UserView | undefined> {
    const r = await this.db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
    return r === undefined ? undefined : viewOf(r);
  }

  async listUsers(): Promise<UserView[]> {
    return (await this.db.selectFrom('users').selectAll().orderBy('id').execute()).map(viewOf);
  }

  /** The user whose name and password these are (enabled), or undefined. Constant-ish time either way. */
  async verifyPassword(name: string, password: string): Promise<UserView | undefined> {
    const r = await this.db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
    if (r === undefined) {
      dummyHash ??= await bcrypt.hash('yusuan-dummy-password', this.cost);
      await bcrypt.compare(password, dummyHash);
      return undefined;
    }
    const ok = await bcrypt.compare(password, r.password_hash);
    return ok && r.disabled === 0 ? viewOf(r) : undefined;
  }

  /** A new session (always a new token: a session id set before login is never adopted). */
  async createSession(userId: number): Promise<Omit<Session, 'user'>> {
    const t = token();
    const csrfToken = token();
    const now = this.now();
    // Expired sessions go when new ones come.
    await this.db.deleteFrom('sessions').where('expires_at', '<=', now.toISOString()).execute();
    await this.db
      .insertInto('sessions')
      .values({ token_hash: sha256(t), user_id: userId, csrf_token: csrfToken, created_at: now.toISOString(), expires_at: new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString() })
      .execute();
    return { token: t, csrfToken };
  }

  async findSession(t: string): Promise<Session | undefined> {
    const r = await this.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select(['s.csrf_token', 's.expires_at', 'u.id', 'u.name', 'u.display_name', 'u.role', 'u.departments_json', 'u.disabled', 'u.created_at'])
      .where('s.token_hash', '=', sha256(t))
      .executeTakeFirst();
    if (r === undefined || r.disabled !== 0 || r.expires_at <= this.now().toISOString()) return undefined;
    return { token: t, csrfToken: r.csrf_token, user: viewOf(r) };
  }

  async deleteSession(t: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', sha256(t)).execute();
  }
}

/** A user as the audit trail records it: no password, no hash. */
const auditUser = (u: UserView) => ({ name: u.name, displayName: u.displayName, role: u.role, departments: u.departments, disabled: u.disabled });
